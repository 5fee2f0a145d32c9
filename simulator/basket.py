"""Basket: the lognormal order value, threshold padding (凑单) and the second-item offer, in closed form.

Order value at list price after item discounts, B ~ LogNormal(μ, σ_B) with μ = ln AOV − σ_B²/2 so
that E[B] = AOV (MODEL.md §5.2). A reward of Rw yuan at threshold T makes a buyer with b in the
window [T − w, T), w = Rw/(1 − v), top up with probability ψ(b) = ψ_max·(b − (T − w))/w, to
B' = T + O, O ~ Exp(ō), ō = 0.05·T. With the partial moments
PM_k(lo, hi) = e^{kμ + k²σ²/2}·[Φ((ln hi − μ − kσ²)/σ) − Φ((ln lo − μ − kσ²)/σ)]:

    P_pad = (ψ_max/w)·[PM_1(a,T) − a·PM_0(a,T)]
    ΔAOV  = (ψ_max/w)·[−PM_2(a,T) + (c+a)·PM_1(a,T) − a·c·PM_0(a,T)],   a = T − w, c = T + ō

Several tiers (满200减20, 满300减40 …) and "每满减" (every T) are the same machinery with one
window below each tier, truncated at the tier beneath it [ASSUMPTION: a buyer pads to the next tier
only]. Defaults v = 0.8, ψ_max = 0.8 give 13.6% of below-threshold orders padding, inside the
published 12.4–28.4% [LIT Hemmati et al. 2021] (T16, V8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr
from scipy.stats import norm, poisson

FloatArray = NDArray[np.float64]

#: Overshoot mean as a share of the threshold: ō = 0.05·T [ASSUMPTION; LIT Chen & Ngwe 2018].
OVERSHOOT_SHARE = 0.05
#: Share of below-threshold orders that top up, the observed range [LIT Hemmati et al. 2021].
HEMMATI_PAD_SHARE = (0.124, 0.284)
#: Multiples of T considered for 每满减 / 上不封顶: up to the basket's 99.999th percentile.
TAIL_QUANTILE = 0.99999
_TAIL_Z = float(norm.ppf(TAIL_QUANTILE))


@dataclass(frozen=True)
class Padding:
    """Behaviour parameters of topping up to a threshold."""

    value_share: float = 0.8  # v: share of the padded spend the buyer values
    max_prob: float = 0.8  # ψ_max


@dataclass(frozen=True)
class ThresholdOutcome:
    """Per-order expectations of a threshold offer on the lognormal basket: scalars for a scalar
    AOV, arrays of its shape for an array of AOVs (one per day)."""

    p_below: Any  # P(B < lowest threshold)
    p_window: Any  # P(B in any padding window)
    p_pad: Any  # P(the buyer tops up)
    delta_aov: Any  # E[B' − B]: extra list value from topping up
    p_elig: Any  # P(B' reaches the lowest threshold)
    reward: Any  # E[reward] per order (yuan off, or gifts × their unit)
    tier_probs: tuple[Any, ...]  # P(B' lands in tier k)

    @property
    def pad_share_of_below(self) -> Any:
        """Share of below-threshold orders that top up (the 12.4–28.4% of LIT Hemmati)."""
        below = np.asarray(self.p_below, dtype=float)
        return np.divide(self.p_pad, below, out=np.zeros_like(below), where=below > 0)[()]


def mu_of(aov: Any, sigma: float) -> Any:
    """μ such that E[B] = aov (scalar or array)."""
    return np.log(aov) - sigma**2 / 2.0


def partial_moments(k: Any, lo: Any, hi: Any, mu: Any, sigma: float) -> FloatArray:
    """PM_k(lo_i, hi_i) for every bound pair (rows) and every μ (columns): shape (len(lo), μ.size).

    ``k`` is one order or one per row. Empty or non-positive ranges give 0; lo ≤ 0 reads as 0;
    hi may be +inf.
    """
    k = np.asarray(k, dtype=float).reshape(-1, 1)
    lo = np.asarray(lo, dtype=float).reshape(-1, 1)
    hi = np.asarray(hi, dtype=float).reshape(-1, 1)
    mu = np.asarray(mu, dtype=float).reshape(1, -1)
    with np.errstate(divide="ignore"):
        lo_z = np.where(
            lo > 0, (np.log(np.maximum(lo, 1e-300)) - mu - k * sigma**2) / sigma, -np.inf
        )
        hi_z = (np.log(np.maximum(hi, 1e-300)) - mu - k * sigma**2) / sigma
    mass = np.exp(k * mu + k * k * sigma**2 / 2.0) * (ndtr(hi_z) - ndtr(lo_z))
    return np.where((hi > lo) & (hi > 0), mass, 0.0)


def partial_moment(k: int, lo: float, hi: float, mu: Any, sigma: float) -> Any:
    """PM_k(lo, hi) = E[B^k · 1{lo ≤ B < hi}] for B ~ LogNormal(μ, σ); μ may be an array."""
    shape = np.shape(mu)
    return partial_moments(k, [lo], [hi], mu, sigma)[0].reshape(shape)[()]


def tiers_for(
    tiers: Sequence[tuple[float, float]], every: bool, aov: Any, sigma: float
) -> list[tuple[float, float]]:
    """Sorted (threshold, reward) tiers; ``every`` expands one tier into T, 2T, 3T … (每满减)."""
    clean = sorted((float(t), float(r)) for t, r in tiers if r > 0)
    if not every or not clean:
        return clean
    t0, r0 = clean[0]
    if t0 <= 0:
        return clean
    top = float(np.exp(np.max(mu_of(aov, sigma)) + sigma * _TAIL_Z))
    n = max(1, int(top // t0) + 1)
    return [(k * t0, k * r0) for k in range(1, n + 1)]


def threshold_outcome(
    aov: Any, sigma: float, tiers: Sequence[tuple[float, float]], padding: Padding = Padding()
) -> ThresholdOutcome:
    """Expected padding, AOV change, eligibility and reward of a tiered threshold offer.

    ``tiers``: (threshold T_k, reward Rw_k) with rewards cumulative (满200减20, 满300减40 → the
    buyer at 300 gets 40). A threshold of 0 means every order qualifies (no padding).
    """
    mu = mu_of(aov, sigma)
    tiers = sorted(tiers)
    shape = np.shape(mu)
    zero = np.zeros(shape)[()]
    if not tiers:
        return ThresholdOutcome(zero + 1.0, zero, zero, zero, zero, zero, ())
    # All tiers at once: bounds are column vectors, days run along the rows' second axis.
    t = np.array([x for x, _ in tiers])
    r = np.array([x for _, x in tiers])
    edges = np.append(t, np.inf)
    prev_t, prev_r = np.append(0.0, t[:-1]), np.append(0.0, r[:-1])
    step = r - prev_r
    with np.errstate(divide="ignore", over="ignore"):
        w = np.where(step > 0, step / (1.0 - padding.value_share), 0.0)
        scale = np.where(w > 0, padding.max_prob / np.where(w > 0, w, 1.0), 0.0)
    ok = (t > 0) & (w > 0) & np.isfinite(scale)  # else a window too narrow to pad in: no padding
    scale = np.where(ok, scale, 0.0)[:, None]
    a = (t - w)[:, None]  # the window's full lower end (ψ is linear from here)
    lo = np.where(ok, np.maximum(t - w, prev_t), t)  # truncated at the tier beneath
    c = (t * (1.0 + OVERSHOOT_SHARE))[:, None]
    m = np.clip(r, edges[:-1], edges[1:])  # where min(Rw_k, B) switches from B to Rw_k
    n = len(tiers)
    # One vectorised call for every partial moment this needs, split into blocks of n rows.
    pm = partial_moments(
        np.append(np.repeat([0, 1, 2, 0, 1, 0], n), 0),
        np.concatenate((lo, lo, lo, edges[:-1], edges[:-1], m, [0.0])),
        np.concatenate((t, t, t, edges[1:], m, edges[1:], [t[0]])),
        mu,
        sigma,
    )
    pm0, pm1, pm2, base_band, below_cap, above_cap = (pm[i * n : (i + 1) * n] for i in range(6))
    # ψ(B) ∈ [0, ψ_max] on the window and the top-up c − B ∈ [0, c − lo], so both moments are
    # clipped to those bounds: for a tiny reward (a lottery prize of 1e-12 yuan expected) the
    # window is ~1e-12 wide and scale·(differences of O(1) moments) amplified round-off into
    # padding shares of −5e-5 (a hypothesis find: a prize cost of −4.75e-13 yuan).
    cap = padding.max_prob * pm0
    pads = np.clip(scale * (pm1 - a * pm0), 0.0, cap)
    daov = np.clip(scale * (-pm2 + (c + a) * pm1 - a * c * pm0), 0.0, cap * (c - lo[:, None]))
    windows = np.where(ok[:, None], pm0, 0.0)
    # Tier k keeps its own buyers minus those who pad up to k+1, plus those who pad up into it.
    pads_up = np.vstack([pads[1:], np.zeros((1, pads.shape[1]))])
    probs = np.maximum(base_band - pads_up + pads, 0.0)  # ≥ 0 up to the moments' round-off
    # A reward never exceeds the basket it applies to: E[min(Rw_k, B')] over tier k's buyers
    # (buyers who pad land at T_k(1 + ō/T)); with Rw_k ≤ T_k, every real 满减, it is Rw_k·P(tier k).
    reward_k = (
        below_cap
        + r[:, None] * above_cap
        + pads * np.minimum(r, t * (1.0 + OVERSHOOT_SHARE))[:, None]
        - pads_up * np.minimum(r, edges[1:])[:, None]
    )
    p_below = pm[-1].reshape(shape)[()]  # P(B < T_1): 0 when T_1 = 0

    def total(x: FloatArray) -> Any:
        return x.sum(axis=0).reshape(shape)[()]

    return ThresholdOutcome(
        p_below=p_below,
        p_window=total(windows),
        p_pad=total(pads),
        delta_aov=total(daov),
        p_elig=np.minimum(total(probs), 1.0),
        reward=total(reward_k),
        tier_probs=tuple(row.reshape(shape)[()] for row in probs),
    )


def basket_density(
    aov: float,
    sigma: float,
    tiers: Sequence[tuple[float, float]],
    grid: FloatArray,
    padding: Padding = Padding(),
) -> tuple[FloatArray, FloatArray]:
    """Density of the basket value before and after a threshold offer, on ``grid`` (yuan).

    Padded buyers leave their window (density × (1 − ψ(b))) and land at T + Exp(ō): the bunching
    just above each threshold. Both densities integrate to 1 (up to the grid's reach).
    """
    mu = mu_of(aov, sigma)
    grid = np.asarray(grid, dtype=float)
    pos = np.maximum(grid, 1e-12)
    before = np.where(
        grid > 0,
        np.exp(-((np.log(pos) - mu) ** 2) / (2 * sigma**2)) / (pos * sigma * np.sqrt(2 * np.pi)),
        0.0,
    )
    after = before.copy()
    prev_t, prev_r = 0.0, 0.0
    for t, rw in sorted(tiers):
        step = rw - prev_r
        w = step / (1.0 - padding.value_share) if step > 0 else 0.0
        if t > 0 and w > 0 and padding.max_prob / w < np.inf:
            a, lo = t - w, max(t - w, prev_t)
            inside = (grid >= lo) & (grid < t)
            psi = np.where(inside, padding.max_prob * (grid - a) / w, 0.0)
            after -= before * psi
            mass = (
                padding.max_prob
                / w
                * (partial_moment(1, lo, t, mu, sigma) - a * partial_moment(0, lo, t, mu, sigma))
            )
            o = OVERSHOOT_SHARE * t
            after += np.where(grid >= t, mass * np.exp(-(grid - t) / o) / o, 0.0)
        prev_t, prev_r = t, rw
    return before, after


def units_distribution(mean_units: float, k_max: int = 60) -> tuple[FloatArray, FloatArray]:
    """K = 1 + Poisson(k̄ − 1): units per order and their probabilities (MODEL.md §5.6)."""
    k = np.arange(1, k_max + 1, dtype=float)
    return k, poisson.pmf(k - 1, max(mean_units - 1.0, 0.0))


@dataclass(frozen=True)
class SecondItemOutcome:
    """Per-order expectations of 第2件N折 (every second unit at ``pct`` off)."""

    units_before: float
    units_after: float
    discount_units: float  # E[floor(K'/2)]: units sold at the reduced price
    upgrade_share: float  # share of orders that went from 1 to 2 units
    pair_share_before: float  # share of orders that already had ≥ 2 units (cannibalised pairs)


def second_item_outcome(mean_units: float, upgrade: float) -> SecondItemOutcome:
    """Single-unit buyers move to two units with probability ``upgrade`` (u2 = 0.15 [ASSUMPTION])."""
    k, p = units_distribution(mean_units)
    after = p.copy()
    moved = upgrade * p[0]
    after[0] -= moved
    after[1] += moved
    pairs = np.floor(k / 2.0)
    return SecondItemOutcome(
        units_before=float((k * p).sum()),
        units_after=float((k * after).sum()),
        discount_units=float((pairs * after).sum()),
        upgrade_share=float(moved),
        pair_share_before=float(p[1:].sum()),
    )


def second_item_margins(price: float, unit_cost: float, pct: float) -> tuple[float, float]:
    """(margin of a single unit, margin of a discounted pair): p − c and (2 − pct)·p − 2c (T15)."""
    return price - unit_cost, (2.0 - pct) * price - 2.0 * unit_cost


def addon_attach_rate(
    add_price: float, value: float, base: float, slope: float, cap: float
) -> float:
    """加价换购 attach rate a = clip(a0 + a1·(1 − X/V), 0, a_max) (MODEL.md §5.5)."""
    if value <= 0:
        return 0.0
    if slope == 0:  # 0 × (1 − X/V) is 0 even when X/V overflows (V ≈ 5e-324, a hypothesis find)
        return float(np.clip(base, 0.0, cap))
    return float(np.clip(base + slope * (1.0 - add_price / value), 0.0, cap))


def threshold_curve(
    aov: float,
    sigma: float,
    thresholds: Sequence[float],
    amount_off: float,
    padding: Padding = Padding(),
) -> dict[str, FloatArray]:
    """AOV and discount cost per order across candidate thresholds of one 满减 tier (§5.2).

    Returns arrays over ``thresholds``: ``aov`` (paid value per order after the reward),
    ``list_aov`` (with top-ups), ``discount_per_order``, ``p_elig``, ``pad_share`` (of
    below-threshold orders).
    """
    out: dict[str, list[float]] = {
        k: [] for k in ("aov", "list_aov", "discount_per_order", "p_elig", "pad_share")
    }
    for t in thresholds:
        res = threshold_outcome(aov, sigma, [(float(t), amount_off)], padding)
        out["list_aov"].append(aov + float(res.delta_aov))
        out["aov"].append(aov + float(res.delta_aov) - float(res.reward))
        out["discount_per_order"].append(float(res.reward))
        out["p_elig"].append(float(res.p_elig))
        out["pad_share"].append(float(res.pad_share_of_below))
    return {k: np.asarray(v) for k, v in out.items()}
