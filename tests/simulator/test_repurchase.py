"""BG/NBD closed forms and the repeat stream (MODEL.md §6.6; validation values §10 T5, T5b, T5c)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import beta as beta_fn
from scipy.stats import beta as beta_dist

from simulator.repurchase import (
    account_survival,
    alpha_from_repurchase_rate,
    calibrate_alpha,
    check_old_share,
    conditional_expected_repeats,
    daily_repeats,
    expected_repeats,
    expected_repeats_with_lifetime,
    maturity_growth,
    max_old_share,
    old_share_at_age,
    prob_alive,
    prob_repeats,
    repeat_stream,
    repurchase_rate,
)

# CDNOW estimates, weeks (Fader, Hardie & Lee 2005), rounded as printed in MODEL.md §2.
R, ALPHA_WK, A, B = 0.243, 4.414, 0.793, 2.426
ALPHA_DAY = 30.898  # 7 × 4.414
SHAPES = {"r": R, "a": A, "b": B}


# ---------------------------------------------------------------------------- T5 (weeks)
@pytest.mark.parametrize(
    ("t", "expected"),
    [(0.1429, 0.0078), (1, 0.0533), (3, 0.1509), (31.8571, 1.0420), (32, 1.0452), (78, 1.8605)],
)
def test_t5_expected_repeats_match_the_published_bgnbd_values(t: float, expected: float) -> None:
    value = float(expected_repeats(t, R, ALPHA_WK, A, B))
    assert round(value, 4) == pytest.approx(expected, abs=1e-4)


def test_t5_vectorised_matches_scalar() -> None:
    t = np.array([0.1429, 1, 3, 31.8571, 32, 78])
    vec = expected_repeats(t, R, ALPHA_WK, A, B)
    assert vec.shape == t.shape
    assert vec == pytest.approx(
        [float(expected_repeats(x, R, ALPHA_WK, A, B)) for x in t], rel=1e-14
    )


def test_t5_conditional_expectation_and_p_alive() -> None:
    cond = conditional_expected_repeats(39, 2, 30.43, 38.86, R, ALPHA_WK, A, B)
    assert cond == pytest.approx(1.2260, abs=1e-4)
    assert prob_alive(2, 30.43, 38.86, R, ALPHA_WK, A, B) == pytest.approx(0.7266, abs=1e-4)


def test_t5_no_repeat_customer_is_alive() -> None:
    assert prob_alive(0, 0.0, 38.86, R, ALPHA_WK, A, B) == 1.0


def test_t5_probability_of_no_repeat() -> None:
    p0 = float(prob_repeats(0, 39, R, ALPHA_WK, A, B)[()])
    assert p0 == pytest.approx(0.573786, abs=1e-6)
    # Under BG/NBD nobody drops out before a purchase, so P(X=0) = (α/(α+t))^r = 1 − RR(t).
    assert p0 == pytest.approx(1.0 - float(repurchase_rate(39, R, ALPHA_WK)), rel=1e-12)


def test_t5_time_unit_invariance() -> None:
    weeks = float(expected_repeats(39, R, ALPHA_WK, A, B))
    days = float(expected_repeats(273, R, ALPHA_WK * 7, A, B))
    assert weeks == pytest.approx(1.196723, abs=1e-6)
    assert days == pytest.approx(weeks, rel=1e-12)


@pytest.mark.parametrize(("t", "a"), [(39, A), (3, A), (78, A), (39, 1.0), (39, 2.5)])
def test_t5_pmf_sums_to_one_and_mean_is_expectation(t: float, a: float) -> None:
    x = np.arange(3000)
    pmf = prob_repeats(x, t, R, ALPHA_WK, a, B)
    assert (pmf >= 0).all()
    assert pmf.sum() == pytest.approx(1.0, abs=1e-9)
    assert (x * pmf).sum() == pytest.approx(float(expected_repeats(t, R, ALPHA_WK, a, B)), rel=1e-8)


# ---------------------------------------------------------------------------- T5b (days)
@pytest.mark.parametrize(
    ("days", "rr", "ex"),
    [(30, 0.1520, 0.2086), (90, 0.2822, 0.5298), (180, 0.3729, 0.8955), (365, 0.4619, 1.4486)],
)
def test_t5b_repurchase_rate_and_expected_repeats_on_the_daily_scale(
    days: int, rr: float, ex: float
) -> None:
    assert round(float(repurchase_rate(days, R, ALPHA_DAY)), 4) == pytest.approx(rr, abs=1e-4)
    assert round(float(expected_repeats(days, R, ALPHA_DAY, A, B)), 4) == pytest.approx(
        ex, abs=1e-4
    )


@pytest.mark.parametrize(("age", "share"), [(90, 0.346), (365, 0.592), (730, 0.688)])
def test_t5b_old_share_at_age(age: int, share: float) -> None:
    assert round(old_share_at_age(age, R, ALPHA_DAY, A, B), 3) == pytest.approx(share, abs=1e-4)


def test_t5b_alpha_from_repurchase_rate_inverts_rr() -> None:
    rr = float(repurchase_rate(90, R, ALPHA_DAY))
    assert alpha_from_repurchase_rate(rr, 90, R) == pytest.approx(ALPHA_DAY, rel=1e-10)


# ---------------------------------------------------------------------------- T5c (presets)
@pytest.mark.parametrize(
    ("share", "age", "alpha", "rr90"),
    [(0.075, 90, 256.65, 0.0704), (0.20, 365, 306.62, 0.0606), (0.30, 730, 325.74, 0.0576)],
)
def test_t5c_alpha_calibrated_from_old_share_reproduces_it(
    share: float, age: int, alpha: float, rr90: float
) -> None:
    fitted = calibrate_alpha(share, age, R, A, B)
    assert fitted == pytest.approx(alpha, abs=0.01)
    assert old_share_at_age(age, R, fitted, A, B) == pytest.approx(share, abs=1e-12)
    assert round(float(repurchase_rate(90, R, fitted)), 4) == pytest.approx(rr90, abs=1e-4)


def test_calibrate_alpha_zero_share_means_no_repeat_buying() -> None:
    assert calibrate_alpha(0.0, 365, R, A, B) == float("inf")
    stream = repeat_stream(np.ones((1, 5)), 10.0, 365, R, float("inf"), A, B)
    assert (stream == 0).all()


def test_calibrate_alpha_unreachable_share_names_the_share() -> None:
    # With a > 1 each customer makes at most (a+b−1)/(a−1) repeats on average: 50 % is the ceiling.
    with pytest.raises(ValueError, match="90.0%"):
        calibrate_alpha(0.9, 365, R, 50.0, 0.01)
    with pytest.raises(ValueError, match="below 1"):
        calibrate_alpha(1.0, 365, R, A, B)


# ---------------------------------------------------------------------------- a = 1
@pytest.mark.parametrize("t", [1.0, 30.0, 365.0, 1095.0])
def test_expected_repeats_continuous_through_a_equal_one(t: float) -> None:
    """a = 1 is inside the registry range; the closed form is 0/0 there (removable singularity)."""
    at_one = float(expected_repeats(t, R, ALPHA_DAY, 1.0, B))
    assert np.isfinite(at_one)
    below = float(expected_repeats(t, R, ALPHA_DAY, 1.0 - 1e-3, B))
    above = float(expected_repeats(t, R, ALPHA_DAY, 1.0 + 1e-3, B))
    assert at_one == pytest.approx((below + above) / 2, rel=1e-6)
    for eps in (1e-12, 1e-9, 1e-6):
        near = float(expected_repeats(t, R, ALPHA_DAY, 1.0 + eps, B))
        assert near == pytest.approx(at_one, rel=1e-6)


def test_conditional_expectation_finite_at_a_equal_one() -> None:
    at_one = conditional_expected_repeats(39, 2, 30.43, 38.86, R, ALPHA_WK, 1.0, B)
    near = conditional_expected_repeats(39, 2, 30.43, 38.86, R, ALPHA_WK, 1.001, B)
    assert np.isfinite(at_one)
    assert at_one == pytest.approx(near, rel=1e-3)


# ---------------------------------------------------------------------------- independent check
def _beta_mixture(t: float, r: float, alpha: float, a: float, b: float) -> float:
    """E[X(t)] without ₂F₁: given (λ, p), E[X(t)] = (1 − e^(−λpt))/p; integrating λ ~ Gamma(r, α)
    gives (1 − (α/(α+pt))^r)/p, then p ~ Beta(a, b) by quadrature."""

    def given_p(p: float) -> float:
        return -np.expm1(-r * np.log1p(p * t / alpha)) / p if p > 0 else r * t / alpha

    if a < 1 or b < 1:  # endpoint singularities of the Beta density: algebraic-weight quadrature
        value, _ = quad(given_p, 0, 1, weight="alg", wvar=(a - 1, b - 1), limit=200)
        return value / beta_fn(a, b)
    value, _ = quad(
        lambda p: given_p(p) * beta_dist.pdf(p, a, b),
        0,
        1,
        points=[a / (a + b)],
        limit=400,
        epsabs=0,
        epsrel=1e-11,
    )
    return value


SHAPES_TO_CHECK = [
    pytest.param(0.243, 0.793, 2.426, id="cdnow"),
    pytest.param(2.0, 10.0, 30.0, id="regular"),
    pytest.param(0.243, 1.0, 2.426, id="a=1"),
    pytest.param(0.5, 0.5, 0.5, id="a+b=1"),
    pytest.param(0.3, 0.3, 0.7, id="a+b=1,a=r"),
    pytest.param(0.243, 2.243, 2.426, id="a-1-r=1"),
    pytest.param(0.5, 2.5, 0.01, id="a-1-r=1,small-b"),
    pytest.param(0.01, 0.01, 2.426, id="a-1-r=-1"),
    pytest.param(0.01, 1.01, 1.0, id="a-1-r=0"),
    pytest.param(2.0, 2.0, 2.426, id="a-1-r=-1,r=2"),
]


@pytest.mark.parametrize(("r", "a", "b"), SHAPES_TO_CHECK)
@pytest.mark.parametrize(("alpha", "t"), [(300.0, 30.0), (30.0, 365.0), (1.0, 4380.0)])
def test_closed_form_matches_the_beta_mixture(
    r: float, a: float, b: float, alpha: float, t: float
) -> None:
    """Regression: at a = 1, a + b = 1 and a − 1 − r ∈ ℤ (all inside the registry ranges) the
    closed form was 0/0 or SciPy's hyp2f1 returned ±inf/NaN, and ``simulate`` crashed."""
    value = float(expected_repeats(t, r, alpha, a, b))
    assert value == pytest.approx(_beta_mixture(t, r, alpha, a, b), rel=1e-6)


@pytest.mark.parametrize(("r", "a", "b"), SHAPES_TO_CHECK)
def test_calibration_reaches_the_target_for_every_shape(r: float, a: float, b: float) -> None:
    alpha = calibrate_alpha(0.2, 365, r, a, b)  # brackets α down to 1e-8: z → 1 in ₂F₁
    assert old_share_at_age(365, r, alpha, a, b) == pytest.approx(0.2, rel=1e-9)


# ---------------------------------------------------------------------------- repeat stream
def test_repeat_stream_constant_flow_is_store_ageing() -> None:
    """Constant new-buyer flow N equal to the history: Rep_t = N·E[X(H+t)] exactly (T17)."""
    n, age, horizon = 77.0, 200, 150
    alpha = calibrate_alpha(0.2, age, R, A, B)
    stream = repeat_stream(np.full((1, horizon), n), n, age, R, alpha, A, B)[0]
    expected = n * expected_repeats(age + np.arange(horizon), R, alpha, A, B)
    np.testing.assert_allclose(stream, expected, rtol=1e-9)


def test_repeat_stream_is_a_convolution_of_the_increments() -> None:
    """A single cohort of 100 buyers on day 3 with no history adds 100·ΔE(t − 3) from day 4."""
    horizon, alpha = 20, 200.0
    new = np.zeros((1, horizon))
    new[0, 3] = 100.0
    stream = repeat_stream(new, 0.0, 365, R, alpha, A, B)[0]
    e = expected_repeats(np.arange(horizon), R, alpha, A, B)
    assert (stream[:4] == 0).all()
    np.testing.assert_allclose(stream[4:], 100.0 * np.diff(e)[: horizon - 4], rtol=1e-12)


# ---------------------------------------------------------------- finite customer lifetime (T17)
def test_lifetime_kernel_is_the_bgnbd_kernel_times_survival() -> None:
    k = np.arange(1, 401, dtype=float)
    plain = np.diff(expected_repeats(np.arange(401, dtype=float), R, 300.0, A, B))
    np.testing.assert_allclose(daily_repeats(400, R, 300.0, A, B), plain, rtol=1e-12)
    np.testing.assert_allclose(
        daily_repeats(400, R, 300.0, A, B, 365.0), plain * np.exp(-k / 365.0), rtol=1e-12
    )
    assert account_survival(0.0, 365.0) == 1.0 and account_survival(365.0, float("inf")) == 1.0
    # L = ∞ is the closed form: the CDNOW fixtures above still hold
    assert expected_repeats_with_lifetime(273, R, 7 * ALPHA_WK, A, B, float("inf")) == (
        pytest.approx(1.196723, abs=1e-6)
    )


@pytest.mark.parametrize(
    ("share", "age", "alpha"), [(0.075, 90, 226.26), (0.20, 1095, 268.32), (0.30, 1825, 141.83)]
)
def test_presets_calibrate_with_a_one_year_lifetime(share: float, age: int, alpha: float) -> None:
    """The store stages (new, mid 3 years, large 5 years) with L = 365 days: α and the exact share."""
    fitted = calibrate_alpha(share, age, R, A, B, 365.0)
    assert fitted == pytest.approx(alpha, abs=0.01)
    assert old_share_at_age(age, R, fitted, A, B, 365.0) == pytest.approx(share, abs=1e-12)


def test_a_finite_lifetime_makes_an_old_store_stationary() -> None:
    """Without exits a constant flow's repeat stream N·E[X(H+t)] keeps growing (a < 1); with them
    it levels off: the growth over 180 days falls with the store's age towards 0."""
    alpha = calibrate_alpha(0.2, 365, R, A, B)
    assert maturity_growth(365, 180, R, alpha, A, B, float("inf")) > 0.4  # the retracted drift
    growth = [
        maturity_growth(age, 180, R, calibrate_alpha(0.2, age, R, A, B, 365.0), A, B, 365.0)
        for age in (90, 365, 1095, 1825, 3650)
    ]
    assert all(x > y for x, y in zip(growth, growth[1:]))
    assert growth[2] < 0.03 and growth[-1] < 1e-3


def test_old_share_reachability() -> None:
    assert max_old_share(365, R, A, B, 365.0) == 1.0  # a < 1: any share below 1
    e = (1.5 + B - 1) / 0.5 * np.exp(-1 / 365)
    assert max_old_share(365, R, 1.5, B, 365.0) == pytest.approx(e / (1 + e), rel=1e-12)
    with pytest.raises(ValueError, match="cannot be reached"):
        check_old_share(0.9, 365, R, 1.5, B, 365.0)
    with pytest.raises(ValueError, match="below 1"):
        check_old_share(1.0, 365, R, A, B)
    check_old_share(0.0, 0, R, 1.5, B)  # no repeat buying is always possible
