"""α of many Monte Carlo paths at once (``repurchase.calibrate_alpha_paths``) equals the scalar
``calibrate_alpha`` path by path, and its quadrature of the lifetime sum is close to the sum."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from simulator import repurchase
from simulator.repurchase import calibrate_alpha, calibrate_alpha_paths

R, A, B = 0.243, 0.793, 2.426

#: One path's (share, age, r, a, b, lifetime) inside the registry's ranges, around CDNOW.
PATH = st.tuples(
    st.floats(0.01, 0.6),
    st.integers(30, 3650),
    st.floats(0.05, 2.0),
    st.floats(0.2, 5.0),
    st.floats(0.3, 10.0),
    st.integers(30, 3650),
)


def _scalar(row: tuple[float, ...]) -> float:
    try:
        return calibrate_alpha(*(float(v) for v in row))
    except ValueError:  # unreachable share: the batch leaves it to the scalar (NaN)
        return float("nan")


@settings(max_examples=25, deadline=None)
@given(st.lists(PATH, min_size=1, max_size=5))
def test_paths_equal_the_scalar_root(rows):
    got = calibrate_alpha_paths(*np.array(rows, dtype=float).T)
    want = np.array([_scalar(r) for r in rows])
    solved = np.isfinite(got)
    # NaN only where the scalar has an edge case of its own, or shapes by a singular point
    np.testing.assert_allclose(got[solved], want[solved], rtol=1e-10)
    assert solved.sum() >= np.isfinite(want).sum() - 1


def test_the_default_shop_paths_are_all_solved():
    rng = np.random.default_rng(0)
    n = 40
    share = rng.beta(200, 800, n)
    shapes = [np.exp(rng.normal(np.log(v), 0.25, n)) for v in (R, A, B)]
    life = np.round(np.exp(rng.normal(np.log(365.0), 0.5, n)))
    got = calibrate_alpha_paths(share, np.full(n, 1095.0), *shapes, life)
    want = [calibrate_alpha(*map(float, row)) for row in zip(share, [1095.0] * n, *shapes, life)]
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_paths_the_scalar_solves_alone_are_nan():
    inf = float("inf")
    got = calibrate_alpha_paths(
        [0.0, 0.2, 0.95, 0.2, 0.2],
        [365, 365, 365, 365, 365],
        [R, R, R, R, R],
        [A, A, 1.5, 1.0, A],
        [B, B, B, B, B],
        [365, inf, 365, 365, 365],
    )
    # no repeat buying, no account exit, unreachable, a = 1 (interpolated): left to the scalar
    assert np.isnan(got[:4]).all()
    assert got[4] == pytest.approx(calibrate_alpha(0.2, 365, R, A, B, 365.0), rel=1e-10)


@settings(max_examples=25, deadline=None)
@given(
    log_alpha=st.floats(np.log(5.0), np.log(5000.0)),
    days=st.integers(64, 4000),
    r=st.floats(0.05, 2.0),
    a=st.floats(0.2, 5.0),
    b=st.floats(0.3, 10.0),
    life=st.integers(30, 3650),
)
def test_the_quadrature_is_close_to_the_sum(log_alpha, days, r, a, b, life):
    """E_L(H) by parts and Gregory's rule (~60 values) against the sum of H days (secant steps
    only need it close: the last step is taken on the exact sum). Off the singular bands, which
    ``calibrate_alpha_paths`` leaves to the scalar."""
    assume(not repurchase._in_band(*(np.array([v]) for v in (r, a, b)))[0])
    args = (np.array([log_alpha]), np.array([days]), *(np.array([v], dtype=float)
            for v in (r, a, b, life)))  # fmt: skip
    exact = repurchase._lifetime_sums(*args)
    np.testing.assert_allclose(repurchase._approx_lifetime_sums(*args), exact, rtol=1e-6)
    one = repurchase.expected_repeats_with_lifetime(days, r, np.exp(log_alpha), a, b, life)
    assert exact[0] == pytest.approx(one, rel=1e-12)
