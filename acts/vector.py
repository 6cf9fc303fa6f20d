"""Vector activations, applied along an axis: softmax, log-softmax and softmin."""

from __future__ import annotations
