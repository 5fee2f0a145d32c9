"""The batched FIR filter of the loyalty ledgers (``loyalty._convolve_rows``) against SciPy's
``lfilter`` row by row, the scalar code a single path runs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.signal import lfilter

from simulator import loyalty


@settings(max_examples=30, deadline=None)
@given(
    rows=st.integers(1, 6),
    days=st.integers(1, 60),
    seed=st.integers(0, 2**32 - 1),
    signed=st.booleans(),
)
def test_rows_at_once_equal_lfilter_row_by_row(rows: int, days: int, seed: int, signed: bool):
    rng = np.random.default_rng(seed)
    x = rng.gamma(2.0, 50.0, size=(rows, days))
    kernel = rng.uniform(-1.0 if signed else 0.0, 1.0, size=(rows, days))
    batch = loyalty._convolve(x, kernel)
    alone = np.stack([lfilter(k, [1.0], r) for r, k in zip(x, kernel, strict=True)])
    # |kernel| ≤ 1: every term is at most |x|, so rounding is bounded by Σ|x| (signed kernels
    # can cancel to values near 0, where only an absolute bound holds).
    np.testing.assert_allclose(batch, alone, rtol=1e-12, atol=1e-13 * np.abs(x).sum())
    if not signed:
        np.testing.assert_allclose(batch, alone, rtol=1e-13, atol=0.0)


def test_a_shared_kernel_still_goes_through_lfilter():
    x = np.arange(12.0).reshape(3, 4)
    kernel = np.array([0.5, 0.25, 0.125, 0.0625])
    assert np.array_equal(loyalty._convolve(x, kernel), lfilter(kernel, [1.0], x, axis=-1))


def test_a_shorter_kernel_than_the_days_is_truncated_like_lfilter():
    x = np.random.default_rng(1).uniform(size=(2, 9))
    kernel = np.array([[0.3, 0.2, 0.1], [1.0, -0.5, 0.25]])
    out = loyalty._convolve_rows(x, kernel)
    alone = np.stack([lfilter(k, [1.0], r) for r, k in zip(x, kernel, strict=True)])
    np.testing.assert_allclose(out, alone, rtol=1e-13)
