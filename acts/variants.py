"""The hard and shrink variants: hardsigmoid, hardswish, softsign, logsigmoid, tanhshrink, softshrink, hardshrink."""

from __future__ import annotations
