"""The rectifiers: ReLU, leaky ReLU, PReLU, ReLU6 and hardtanh."""

from __future__ import annotations
