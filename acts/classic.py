"""The classic units: linear (f = c·x), the Heaviside step and sign."""

from __future__ import annotations
