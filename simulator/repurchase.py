"""Repeat engine: BG/NBD closed forms and the warm-started repeat-order stream (MODEL.md §6.6).

BG/NBD [LIT Fader, Hardie & Lee 2005]: while alive a customer buys at Poisson rate λ ~ Gamma(r, α);
after each purchase she drops out with probability p ~ Beta(a, b). Time unit = the unit of α
(days here; α_day = 7·α_week). CDNOW shape r, a, b = 0.243, 0.793, 2.426 is the default; only the
scale α is calibrated so that a store of age H has the target old-customer share (§10 T5c).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq
from scipy.special import betaln, gammaln, hyp2f1

FloatArray = NDArray[np.float64]


#: Half-width of the bands around the parameter values where the closed forms below cannot be
#: evaluated as written: a = 1 (prefactor 1/(a−1) and bracket both 0; ₂F₁(r, b; b; z) = (1 − z)^−r),
#: a + b = 1 (₂F₁'s c = a+b−1 is a pole, its prefactor 0) and a − 1 − r ∈ ℤ (c − a − b of ₂F₁ an
#: integer: SciPy's ``hyp2f1`` returns ±inf/NaN for z near 1 there). E[X] is smooth in a and b, so
#: inside a band the value is interpolated linearly across it (error O(h²)).
_SINGULAR_BAND = 1e-5


def _across(g: Callable[[float], Any], x: float, x0: float) -> Any:
    """g(x) near a singular point x0: linear interpolation between g(x0 ± h)."""
    h = _SINGULAR_BAND
    lo, hi = g(x0 - h), g(x0 + h)
    return lo + (x - (x0 - h)) / (2.0 * h) * (hi - lo)


def _regular(f: Callable[[float, float], Any], a: float, b: float, r: float) -> Any:
    """f(a, b) for a BG/NBD closed form, away from its singular points (see ``_SINGULAR_BAND``)."""
    h = _SINGULAR_BAND

    def in_b(a_: float) -> Any:
        b0 = 1.0 - a_
        if b0 - h > 0.0 and abs(b - b0) < h:
            return _across(lambda b_: f(a_, b_), b, b0)
        return f(a_, b)

    a0 = min((1.0, r + 1.0 + round(a - 1.0 - r)), key=lambda s: abs(a - s))
    if a0 - h > 0.0 and abs(a - a0) < h:
        return _across(in_b, a, a0)
    return in_b(a)


def expected_repeats(t: ArrayLike, r: float, alpha: float, a: float, b: float) -> FloatArray:
    """E[X(t)]: expected repeat purchases in (0, t] of a customer who made a first purchase at 0.

    E[X(t)] = (a+b−1)/(a−1)·[1 − (α/(α+t))^r·₂F₁(r, b; a+b−1; t/(α+t))]
    """
    return _regular(lambda a_, b_: _expected_repeats(t, r, alpha, a_, b_), a, b, r)


def _expected_repeats(t: ArrayLike, r: float, alpha: float, a: float, b: float) -> FloatArray:
    t = np.asarray(t, dtype=float)
    z = t / (alpha + t)
    return (
        (a + b - 1.0)
        / (a - 1.0)
        * (1.0 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1.0, z))
    )


def prob_alive(x: float, t_x: float, T: float, r: float, alpha: float, a: float, b: float) -> float:
    """P(alive | x repeats, last at t_x, observed for T)."""
    if x == 0:
        return 1.0
    return 1.0 / (1.0 + a / (b + x - 1.0) * ((alpha + T) / (alpha + t_x)) ** (r + x))


def conditional_expected_repeats(
    t: float, x: float, t_x: float, T: float, r: float, alpha: float, a: float, b: float
) -> float:
    """E[Y(t) | x, t_x, T]: expected repeats in the next t of a customer with history (x, t_x, T)."""
    return _regular(
        lambda a_, b_: _conditional_expected_repeats(t, x, t_x, T, r, alpha, a_, b_), a, b, r
    )


def _conditional_expected_repeats(
    t: float, x: float, t_x: float, T: float, r: float, alpha: float, a: float, b: float
) -> float:
    num = (a + b + x - 1.0) / (a - 1.0)
    num *= 1.0 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(
        r + x, b + x, a + b + x - 1.0, t / (alpha + T + t)
    )
    den = 1.0 + (x > 0) * a / (b + x - 1.0) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    return float(num / den)


def prob_repeats(x: ArrayLike, t: float, r: float, alpha: float, a: float, b: float) -> FloatArray:
    """P(X(t) = x), the BG/NBD probability mass function (Fader, Hardie & Lee 2005, eq. 8)."""
    x = np.asarray(x, dtype=float)
    lz = np.log(t / (alpha + t))
    la = np.log(alpha / (alpha + t))
    log_nb = gammaln(r + x) - gammaln(r) - gammaln(x + 1.0) + r * la + x * lz
    term1 = np.exp(betaln(a, b + x) - betaln(a, b) + log_nb)
    out = np.empty_like(x)
    for i, xi in np.ndenumerate(x):
        if xi == 0:
            out[i] = term1[i]
            continue
        j = np.arange(int(xi))
        partial = np.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1.0) + r * la + j * lz).sum()
        out[i] = term1[i] + np.exp(betaln(a + 1.0, b + xi - 1.0) - betaln(a, b)) * (1.0 - partial)
    return out


def old_share_at_age(age_days: float, r: float, alpha: float, a: float, b: float) -> float:
    """Old-customer order share of a store with constant new-buyer flow for ``age_days``: E/(1+E)."""
    e = float(expected_repeats(age_days, r, alpha, a, b))
    return e / (1.0 + e)


@lru_cache(maxsize=256)
def calibrate_alpha(target_share: float, age_days: float, r: float, a: float, b: float) -> float:
    """α (days) such that a store of age H has old-customer share ``target_share`` (§6.6, T5c).

    Solved by Brent's method on the monotone map α ↦ E[X(H); α]/(1+E[X(H); α]).
    ``target_share = 0`` means no repeat buying: returns ``inf``; so does a share too small to
    tell from zero (below the share at α = 10¹² days, about 10⁻¹⁰).
    """
    if target_share <= 0.0:
        return float("inf")
    if not target_share < 1.0:
        raise ValueError("old-customer share must be below 1")

    def gap(log_alpha: float) -> float:
        return old_share_at_age(age_days, r, float(np.exp(log_alpha)), a, b) - target_share

    lo, hi = np.log(1e-8), np.log(1e12)
    if gap(lo) < 0:
        raise ValueError(
            f"an old-customer share of {target_share:.1%} cannot be reached by a store "
            f"{age_days:g} days old with these BG/NBD shapes; lower the share or raise the age"
        )
    if gap(hi) > 0:
        return float("inf")
    return float(np.exp(brentq(gap, lo, hi, xtol=1e-12, rtol=1e-12)))


def alpha_from_repurchase_rate(rr: float, horizon_days: float, r: float) -> float:
    """α from a cohort repurchase rate RR(τ*) = 1 − (α/(α+τ*))^r (MODEL.md §6.6)."""
    return horizon_days / ((1.0 - rr) ** (-1.0 / r) - 1.0)


def repurchase_rate(days: ArrayLike, r: float, alpha: float) -> FloatArray:
    """Cohort repurchase rate RR(τ) = P(X(τ) > 0) = 1 − (α/(α+τ))^r, for alive-at-start buyers.

    Under BG/NBD a customer can only drop out after a purchase, so P(X(τ)=0) = (α/(α+τ))^r.
    """
    return 1.0 - (alpha / (alpha + np.asarray(days, dtype=float))) ** r


@lru_cache(maxsize=64)
def _profiles(
    horizon: int, age_days: int, r: float, alpha: float, a: float, b: float
) -> tuple[FloatArray, FloatArray]:
    """(ΔE(1…T), E[X(H+t)] − E[X(t)] for t = 0…T−1): the kernels of one scenario, computed once."""
    e_k = expected_repeats(np.arange(horizon + 1, dtype=float), r, alpha, a, b)
    e_k[0] = 0.0
    t = np.arange(horizon, dtype=float)
    history = expected_repeats(age_days + t, r, alpha, a, b) - e_k[:horizon]
    delta, history = np.diff(e_k), np.asarray(history, dtype=float)
    delta.flags.writeable = history.flags.writeable = False
    return delta, history


def repeat_kernel(horizon: int, r: float, alpha: float, a: float, b: float) -> FloatArray:
    """ΔE(k) = E[X(k)] − E[X(k−1)] for k = 1 … horizon: a buyer's expected repeats on day k after."""
    if not np.isfinite(alpha) or horizon == 0:
        return np.zeros(horizon)
    return _profiles(horizon, 0, r, alpha, a, b)[0]


def repeat_stream(
    new_buyers: FloatArray,
    history_buyers: float,
    age_days: int,
    r: float,
    alpha: float,
    a: float,
    b: float,
) -> FloatArray:
    """Expected repeat orders per day (MODEL.md §6.6).

    Rep_t = N_hist·(E[X(H+t)] − E[X(t)]) + Σ_{c<t} N_c·ΔE(t−c),  ΔE(k) = E[X(k)] − E[X(k−1)]

    ``new_buyers`` has shape (paths, T): buyers acquired on days 0…T−1. With a constant flow equal
    to ``history_buyers`` this gives Rep_t = N·E[X(H+t)] exactly (store ageing, T17).
    """
    n_paths, horizon = new_buyers.shape
    if not np.isfinite(alpha) or horizon == 0:
        return np.zeros_like(new_buyers)
    delta, profile = _profiles(horizon, int(age_days), r, alpha, a, b)
    history = history_buyers * profile
    out = np.empty_like(new_buyers)
    for p in range(n_paths):
        conv = np.convolve(new_buyers[p], delta)[: horizon - 1]
        out[p, 0] = history[0]
        out[p, 1:] = history[1:] + conv
    return out
