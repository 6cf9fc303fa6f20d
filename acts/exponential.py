"""Smooth and exponential units: softplus, ELU, CELU and SELU."""

from __future__ import annotations
