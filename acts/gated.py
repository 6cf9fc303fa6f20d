"""Self-gated units, x times a gate of itself: GELU, SiLU, Swish and Mish."""

from __future__ import annotations
