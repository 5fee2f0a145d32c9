"""Elementwise helpers for code that runs on one scenario's scalars or on a batch of paths.

A Monte Carlo batch (``montecarlo.Draws.batched``) carries each drawn parameter as an array with
one value per path (shape (P, 1) against the days); the steps' arithmetic broadcasts over it.
Where a formula branches (``if x > 0``, ``max``), these helpers branch elementwise and give a
plain number back for plain numbers, so a scalar run computes exactly what it did before.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def scalar(x: Any) -> Any:
    """A 0-d array as its numpy scalar (a float subclass); any other value as it is."""
    return x[()] if isinstance(x, np.ndarray) and x.ndim == 0 else x


def where(cond: Any, a: Any, b: Any) -> Any:
    """``a`` where ``cond`` holds, else ``b``, elementwise (a scalar for scalars)."""
    return scalar(np.where(cond, a, b))


def num(x: Any) -> Any:
    """``float(x)`` for a number, ``x`` itself for a batch of paths."""
    return x if is_batch(x) else float(x)


def is_batch(*xs: Any) -> bool:
    """Whether any of ``xs`` is an array (a batch of paths) rather than a number."""
    return any(isinstance(x, np.ndarray) and x.ndim > 0 for x in xs)
