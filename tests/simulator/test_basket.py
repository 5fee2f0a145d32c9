"""Basket closed forms (MODEL.md §5.2–5.6): threshold padding T16 and V8, the density before and
after an offer, 第2件半价 T15, 加价换购 attach rate — against numerical integration, direct sums
and a Monte Carlo of the documented rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from simulator.basket import (
    OVERSHOOT_SHARE,
    Padding,
    addon_attach_rate,
    basket_density,
    mu_of,
    second_item_margins,
    second_item_outcome,
    threshold_curve,
    threshold_outcome,
    tiers_for,
)

TOL = 1e-4
AOV0, SIGMA = 115.5, 0.6
T, RW = 140.0, 10.0
DEFAULT = Padding(0.8, 0.8)


# ---------------------------------------------------------------------------- T16 closed form
def test_t16_closed_form() -> None:
    res = threshold_outcome(AOV0, SIGMA, [(T, RW)], DEFAULT)
    mu = mu_of(AOV0, SIGMA)
    assert mu == pytest.approx(4.569271, abs=TOL)
    assert RW / (1 - DEFAULT.value_share) == pytest.approx(50.0)  # w
    assert res.p_below == pytest.approx(0.732575, abs=TOL)
    assert res.p_window == pytest.approx(0.278657, abs=TOL)
    assert res.p_pad == pytest.approx(0.099834, abs=TOL)
    assert res.pad_share_of_below == pytest.approx(0.136279, abs=TOL)
    assert res.delta_aov == pytest.approx(2.552401, abs=TOL)
    assert AOV0 + res.delta_aov == pytest.approx(118.052401, abs=TOL)
    assert res.p_elig == pytest.approx(0.367259, abs=TOL)
    assert res.reward == pytest.approx(3.672594, abs=TOL)  # cost per order, Rw·P_elig
    assert res.tier_probs == pytest.approx((res.p_elig,))


def test_t16_less_willing_buyers_pad_far_less() -> None:
    """MODEL.md: v = 0.6, ψ_max = 0.5 give only 3.8 % — outside the published 12.4–28.4 %."""
    res = threshold_outcome(AOV0, SIGMA, [(T, RW)], Padding(0.6, 0.5))
    assert res.pad_share_of_below == pytest.approx(0.0378, abs=TOL)
    assert AOV0 + res.delta_aov == pytest.approx(115.938, abs=1e-3)


def test_t16_closed_form_matches_numerical_integration() -> None:
    """P_pad = ∫ψ(b)f(b)db and ΔAOV = ∫ψ(b)(T + ō − b)f(b)db over the window [T − w, T)."""
    f = stats.lognorm(s=SIGMA, scale=math.exp(mu_of(AOV0, SIGMA))).pdf
    w = RW / (1 - DEFAULT.value_share)
    a, overshoot = T - w, OVERSHOOT_SHARE * T
    assert overshoot == pytest.approx(7.0)

    def psi(b: float) -> float:
        return DEFAULT.max_prob * (b - a) / w

    p_pad = integrate.quad(lambda b: psi(b) * f(b), a, T, epsabs=1e-12)[0]
    d_aov = integrate.quad(lambda b: psi(b) * (T + overshoot - b) * f(b), a, T, epsabs=1e-12)[0]
    p_above = integrate.quad(f, T, np.inf, epsabs=1e-12)[0]
    res = threshold_outcome(AOV0, SIGMA, [(T, RW)], DEFAULT)
    assert res.p_pad == pytest.approx(p_pad, abs=1e-8)
    assert res.delta_aov == pytest.approx(d_aov, abs=1e-7)
    assert res.p_elig == pytest.approx(p_above + p_pad, abs=1e-8)


def test_threshold_outcome_takes_one_aov_per_day() -> None:
    aovs = np.array([90.0, AOV0, 150.0])
    res = threshold_outcome(aovs, SIGMA, [(T, RW)], DEFAULT)
    for i, aov in enumerate(aovs):
        one = threshold_outcome(float(aov), SIGMA, [(T, RW)], DEFAULT)
        assert res.p_pad[i] == pytest.approx(one.p_pad, rel=1e-12)
        assert res.delta_aov[i] == pytest.approx(one.delta_aov, rel=1e-12)
        assert res.reward[i] == pytest.approx(one.reward, rel=1e-12)


def test_threshold_curve_is_the_closed_form_per_threshold() -> None:
    curve = threshold_curve(AOV0, SIGMA, [120.0, 140.0, 160.0], RW, DEFAULT)
    assert curve["discount_per_order"][1] == pytest.approx(3.672594, abs=TOL)
    assert curve["list_aov"][1] == pytest.approx(118.052401, abs=TOL)
    assert curve["aov"][1] == pytest.approx(118.052401 - 3.672594, abs=TOL)
    assert curve["pad_share"][1] == pytest.approx(0.136279, abs=TOL)
    assert curve["p_elig"][1] == pytest.approx(0.367259, abs=TOL)
    # A higher threshold: fewer orders reach it, so less discount per order.
    assert np.all(np.diff(curve["p_elig"]) < 0)
    assert np.all(np.diff(curve["discount_per_order"]) < 0)


def test_tiny_reward_pads_nobody_instead_of_nan() -> None:
    """Regression: a subnormal reward (5e-320 yuan) made ψ_max/w overflow and every output NaN."""
    res = threshold_outcome(AOV0, SIGMA, [(T, 5e-320)], DEFAULT)
    assert res.p_pad == 0 and res.delta_aov == 0
    assert res.p_elig == pytest.approx(1 - 0.732575, abs=TOL)
    grid = np.linspace(0.0, 400.0, 4001)
    before, after = basket_density(AOV0, SIGMA, [(T, 5e-320)], grid, DEFAULT)
    assert np.isfinite(after).all()
    np.testing.assert_array_equal(before, after)


# ---------------------------------------------------------------------------- V8
@pytest.mark.parametrize(
    ("threshold", "share"),
    [(135.5, 0.1482), (140.0, 0.1363), (140.5, 0.1350), (145.5, 0.1231)],
)
def test_v8_pad_share_across_the_seed_threshold_range(threshold: float, share: float) -> None:
    """Seed 003 sets 满包邮 at AOV + 20…30 (reward = the 10-yuan shipping fee). The defaults pad
    14.8 % of below-threshold orders at +20, 13.6 % at T = 140, 13.5 % at the default +25, and
    12.3 % at +30 — just under the published 12.4–28.4 % [LIT Hemmati et al. 2021] at the top end."""
    res = threshold_outcome(AOV0, SIGMA, [(threshold, RW)], DEFAULT)
    assert res.pad_share_of_below == pytest.approx(share, abs=TOL)
    if threshold <= 140.5:
        assert 0.124 <= res.pad_share_of_below <= 0.284


# ---------------------------------------------------------------------------- Monte Carlo
N_MC = 2_000_000
#: Standard errors allowed between the closed forms and the Monte Carlo (fixed seed).
N_SE = 3.0


@pytest.fixture(scope="module")
def draws() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Common random numbers: standard normal (basket), uniform (pad or not), Exp(1) (overshoot)."""
    rng = np.random.default_rng(20121212)
    return rng.standard_normal(N_MC), rng.random(N_MC), rng.standard_exponential(N_MC)


def monte_carlo(
    draws: tuple[np.ndarray, np.ndarray, np.ndarray],
    aov: float,
    sigma: float,
    tiers: list[tuple[float, float]],
    padding: Padding,
) -> dict[str, np.ndarray]:
    """The documented rule, buyer by buyer: a basket b below tier k (threshold T_k, cumulative
    reward R_k) lies in that tier's window if b ≥ max(T_k − w_k, T_{k−1}), w_k = (R_k − R_{k−1})/(1
    − v); it pads with probability ψ_max·(b − (T_k − w_k))/w_k to T_k + O, O ~ Exp(0.05·T_k). The
    reward is the largest tier the final basket reaches."""
    z, u, e = draws
    b = np.exp(mu_of(aov, sigma) + sigma * z)
    thresholds = np.array([t for t, _ in tiers])
    rewards = np.array([r for _, r in tiers])
    k = np.searchsorted(thresholds, b, side="right")  # the next tier above b (len: none)
    has_next = k < len(tiers)
    k = np.minimum(k, len(tiers) - 1)
    t_k = thresholds[k]
    t_prev = np.where(k > 0, thresholds[k - 1], 0.0)
    step = rewards[k] - np.where(k > 0, rewards[k - 1], 0.0)
    w = step / (1.0 - padding.value_share)
    a = t_k - w
    pad = has_next & (b >= np.maximum(a, t_prev)) & (u < padding.max_prob * (b - a) / w)
    after = np.where(pad, t_k + OVERSHOOT_SHARE * t_k * e, b)
    reached = np.searchsorted(thresholds, after, side="right") - 1
    reward = np.where(reached >= 0, rewards[np.maximum(reached, 0)], 0.0)
    return {"pad": pad, "delta": after - b, "reward": reward, "reached": reached}


def _assert_mean(sample: np.ndarray, expected: float, what: str) -> None:
    se = max(float(sample.std()) / math.sqrt(sample.size), 1e-12)
    got = float(sample.mean())
    assert abs(got - expected) <= N_SE * se, f"{what}: MC {got:.6f} vs closed form {expected:.6f}"


def _compare(mc: dict[str, np.ndarray], res, n_tiers: int) -> None:
    _assert_mean(mc["pad"].astype(float), float(res.p_pad), "P_pad")
    _assert_mean(mc["delta"], float(res.delta_aov), "ΔAOV")
    assert abs(float(mc["delta"].mean()) - float(res.delta_aov)) <= 0.06  # MODEL.md: MC ± 0.06
    _assert_mean((mc["reached"] >= 0).astype(float), float(res.p_elig), "P_elig")
    _assert_mean(mc["reward"], float(res.reward), "reward per order")
    for k in range(n_tiers):
        _assert_mean((mc["reached"] == k).astype(float), float(res.tier_probs[k]), f"tier {k}")


def test_t16_monte_carlo(draws) -> None:
    mc = monte_carlo(draws, AOV0, SIGMA, [(T, RW)], DEFAULT)
    res = threshold_outcome(AOV0, SIGMA, [(T, RW)], DEFAULT)
    _compare(mc, res, 1)
    assert float(mc["pad"].mean()) == pytest.approx(0.099834, abs=1e-3)
    assert float(mc["delta"].mean()) == pytest.approx(2.552401, abs=0.06)
    assert float(mc["reward"].mean()) == pytest.approx(3.672594, abs=0.02)


def test_two_tiers_monte_carlo(draws) -> None:
    """满140减10, 满200减25: the second tier's 75-yuan window is cut off at 140 (buyers between the
    tiers already have the first reward; those below 140 pad to 140 only)."""
    tiers = [(140.0, 10.0), (200.0, 25.0)]
    mc = monte_carlo(draws, AOV0, SIGMA, tiers, DEFAULT)
    res = threshold_outcome(AOV0, SIGMA, tiers, DEFAULT)
    _compare(mc, res, 2)
    assert float(res.tier_probs[1]) > 0
    one = threshold_outcome(AOV0, SIGMA, tiers[:1], DEFAULT)
    assert float(res.delta_aov) > float(one.delta_aov)
    assert float(res.p_elig) == pytest.approx(float(one.p_elig), rel=1e-12)  # same lowest tier


@pytest.mark.parametrize(
    ("aov", "tier", "padding"),
    [(AOV0, (100.0, 10.0), DEFAULT), (AOV0, (60.0, 10.0), Padding(0.9, 0.8))],
    ids=["every_100_minus_10", "every_60_minus_10_wide_windows"],
)
def test_every_multiple_monte_carlo(draws, aov: float, tier, padding: Padding) -> None:
    """每满减: tiers at every multiple of T with k·Rw off. With v = 0.9 the 100-yuan windows are
    wider than the 60-yuan step, so each is cut off at the multiple beneath."""
    t0, r0 = tier
    b_max = float(np.exp(mu_of(aov, SIGMA) + SIGMA * draws[0].max()))
    every = [(k * t0, k * r0) for k in range(1, int(1.5 * b_max / t0) + 3)]
    mc = monte_carlo(draws, aov, SIGMA, every, padding)
    res = threshold_outcome(aov, SIGMA, tiers_for([tier], True, aov, SIGMA), padding)
    _compare(mc, res, 4)
    # The reward is Rw·floor(B'/T) (up to rounding exactly at a multiple); several multiples matter.
    after = np.exp(mu_of(aov, SIGMA) + SIGMA * draws[0]) + mc["delta"]
    assert np.mean(mc["reward"] == r0 * np.floor(after / t0)) > 1 - 1e-6
    assert float(res.tier_probs[1]) > 0.01


def test_every_multiple_expands_to_the_basket_tail() -> None:
    tiers = tiers_for([(100.0, 10.0)], True, AOV0, SIGMA)
    assert tiers[:3] == [(100.0, 10.0), (200.0, 20.0), (300.0, 30.0)]
    top = math.exp(mu_of(AOV0, SIGMA) + SIGMA * stats.norm.ppf(0.99999))
    assert tiers[-1][0] > top
    assert tiers_for([(100.0, 10.0)], False, AOV0, SIGMA) == [(100.0, 10.0)]


# ---------------------------------------------------------------------------- density
GRID = np.linspace(0.0, 6000.0, 600_001)


def _integral(y: np.ndarray, lo: float = -np.inf, hi: float = np.inf) -> float:
    on = (lo <= GRID) & (hi >= GRID)
    return float(np.trapezoid(y[on], GRID[on]))


@pytest.mark.parametrize("tiers", [[(T, RW)], [(140.0, 10.0), (200.0, 25.0)]], ids=["one", "two"])
def test_basket_density_integrates_to_one(tiers) -> None:
    before, after = basket_density(AOV0, SIGMA, tiers, GRID, DEFAULT)
    assert _integral(before) == pytest.approx(1.0, abs=1e-3)
    assert _integral(after) == pytest.approx(1.0, abs=1e-3)
    assert (after >= 0).all()
    res = threshold_outcome(AOV0, SIGMA, tiers, DEFAULT)
    # Mean moves up by ΔAOV.
    # (The jumps at each threshold cost the trapezoid rule about T × jump × step / 2 ≈ 0.01 each.)
    assert _integral(GRID * (after - before)) == pytest.approx(float(res.delta_aov), abs=0.03)


def test_basket_density_bunches_above_the_threshold_and_thins_the_window() -> None:
    before, after = basket_density(AOV0, SIGMA, [(T, RW)], GRID, DEFAULT)
    res = threshold_outcome(AOV0, SIGMA, [(T, RW)], DEFAULT)
    w = RW / (1 - DEFAULT.value_share)
    window = (T - w < GRID) & (GRID < T)
    just_above = (GRID >= T) & (GRID <= T + 3 * OVERSHOOT_SHARE * T)
    outside = (T - w > GRID) | (GRID > T + 400)
    assert (after[window] < before[window]).all()  # deficit in the window
    assert (after[just_above] > before[just_above]).all()  # excess mass just above T
    np.testing.assert_allclose(after[outside], before[outside], atol=1e-15)
    # The mass that leaves the window is the mass that lands above T: P_pad.
    assert _integral(before - after, T - w, T - 1e-9) == pytest.approx(float(res.p_pad), abs=1e-3)
    assert _integral(after - before, T, np.inf) == pytest.approx(float(res.p_pad), abs=1e-3)


# ---------------------------------------------------------------------------- T15 第2件半价
def test_t15_second_item_margins() -> None:
    single, pair = second_item_margins(100.0, 50.0, 0.5)
    assert single == pytest.approx(50.0, abs=TOL)
    assert pair == pytest.approx(50.0, abs=TOL)


def _poisson_sums(mean_units: float, upgrade: float, k_max: int = 80) -> dict[str, float]:
    """Direct sums over K = 1 + Poisson(k̄ − 1) with single-unit buyers moving to two units."""
    lam = mean_units - 1.0
    p = [math.exp(-lam) * lam ** (k - 1) / math.factorial(k - 1) for k in range(1, k_max + 1)]
    after = list(p)
    after[0] -= upgrade * p[0]
    after[1] += upgrade * p[0]
    return {
        "units_before": sum(k * q for k, q in enumerate(p, start=1)),
        "units_after": sum(k * q for k, q in enumerate(after, start=1)),
        "discount_units": sum((k // 2) * q for k, q in enumerate(after, start=1)),
        "existing_pairs": sum((k // 2) * q for k, q in enumerate(p, start=1)),
        "upgrade_share": upgrade * p[0],
        "pair_share_before": 1.0 - p[0],
    }


@pytest.mark.parametrize(
    ("mean_units", "upgrade"), [(1.3, 0.15), (1.0, 0.15), (2.5, 0.4), (4.0, 0)]
)
def test_t15_second_item_outcome_is_the_poisson_sum(mean_units: float, upgrade: float) -> None:
    out = second_item_outcome(mean_units, upgrade)
    ref = _poisson_sums(mean_units, upgrade)
    for name in ("units_before", "units_after", "discount_units", "upgrade_share"):
        assert getattr(out, name) == pytest.approx(ref[name], abs=1e-9), name
    assert out.pair_share_before == pytest.approx(ref["pair_share_before"], abs=1e-9)
    assert out.units_before == pytest.approx(mean_units, abs=1e-9)
    # Extra units come only from upgrades: each upgraded order buys exactly one more unit.
    assert out.units_after - out.units_before == pytest.approx(out.upgrade_share, abs=1e-12)
    # The discount also lands on pairs that were bought anyway (cannibalised pairs).
    assert out.discount_units == pytest.approx(ref["existing_pairs"] + out.upgrade_share, abs=1e-9)


def test_t15_half_price_second_item_at_half_cost_never_pays() -> None:
    """At p = 100, c = 50 the upgraded unit earns 0.5p − c = 0, while every existing pair gives
    away 0.5p: the contribution per order falls by 50 × existing pairs (MODEL.md §5.6)."""
    p, c, pct = 100.0, 50.0, 0.5
    out = second_item_outcome(1.3, 0.15)
    before = (p - c) * out.units_before
    after = (p - c) * out.units_after - pct * p * out.discount_units
    existing_pairs = out.discount_units - out.upgrade_share
    assert after - before == pytest.approx(-pct * p * existing_pairs, abs=1e-9)
    assert existing_pairs == pytest.approx(_poisson_sums(1.3, 0.15)["existing_pairs"], abs=1e-9)
    assert after < before


# ---------------------------------------------------------------------------- 加价换购
def test_addon_attach_rate() -> None:
    """a = clip(a0 + a1·(1 − X/V), 0, a_max): seed 003's +9.9 for an item worth 29.9."""
    assert addon_attach_rate(9.9, 29.9, 0.05, 0.2, 0.4) == pytest.approx(
        0.05 + 0.2 * (1 - 9.9 / 29.9), abs=1e-12
    )
    assert addon_attach_rate(0.0, 29.9, 0.3, 0.2, 0.4) == 0.4  # capped at a_max
    assert addon_attach_rate(100.0, 29.9, 0.05, 0.2, 0.4) == 0.0  # never negative
    assert addon_attach_rate(9.9, 0.0, 0.05, 0.2, 0.4) == 0.0  # nothing to attach


def test_addon_attach_rate_with_a_vanishing_item_value_is_finite() -> None:
    """A hypothesis find: an add-on worth 5e-324 yuan made X/V overflow and 0 × −inf = NaN."""
    from simulator.basket import addon_attach_rate

    assert addon_attach_rate(153.0, 5e-324, 0.05, 0.0, 0.9) == 0.05
    assert addon_attach_rate(153.0, 5e-324, 0.05, 0.2, 0.9) == 0.0


def test_padding_stays_within_its_bounds_when_the_window_vanishes() -> None:
    """A tiny reward (a lottery prize of 1e-12 yuan expected) opens a padding window ~1e-12 wide,
    and the closed form's differences of O(1) moments, scaled by ψ_max/w, gave padding shares of
    −5e-5 and a negative eligibility (a hypothesis find: a prize cost of −4.75e-13 yuan). Every
    share stays a probability and the top-up is never negative."""
    aov = np.geomspace(1.0, 5_000.0, 2_000)
    for sigma in (0.3, 0.8):
        for threshold in np.geomspace(0.5, 3_000.0, 40):
            res = threshold_outcome(aov, sigma, [(threshold, 1e-12)], Padding(0.8, 0.8))
            assert np.all((res.p_elig >= 0.0) & (res.p_elig <= 1.0))
            assert np.all(res.p_pad >= 0.0) and np.all(res.delta_aov >= 0.0)
            assert all(np.all(p >= 0.0) for p in res.tier_probs)
