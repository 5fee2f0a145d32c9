"""Repeat engine: BG/NBD closed forms and the warm-started repeat-order stream (MODEL.md §6.6).

BG/NBD [LIT Fader, Hardie & Lee 2005]: while alive a customer buys at Poisson rate λ ~ Gamma(r, α);
after each purchase she drops out with probability p ~ Beta(a, b). Time unit = the unit of α
(days here; α_day = 7·α_week). CDNOW shape r, a, b = 0.243, 0.793, 2.426 is the default; only the
scale α is calibrated so that a store of age H has the target old-customer share (§10 T5c).

Finite customer lifetime (MODEL.md §10 T17). Under BG/NBD with a < 1 (CDNOW: a = 0.793) the
expected repeats E[X(t)] grow without bound, so a store that keeps winning N new buyers a day
would see its repeat orders N·E[X(H+t)] climb for ever (+41 % in 180 days for a one-year-old
store): the "store today" would drift upward with nothing changed. Real accounts also leave for
reasons the purchase process does not see (they move to another shop or platform, their needs
change, the account is abandoned). The engine therefore lets every customer's account end at an
exponential time of mean L days (``repeat.lifetime_days``), independent of the BG/NBD process
[ASSUMPTION; the independence is what keeps the BG/NBD closed forms exact for accounts still
present]. A buyer's expected repeat orders on day k after her first order become

    ΔE_L(k) = ΔE(k)·e^{−k/L},    E_L(t) = Σ_{k=1}^{t} ΔE_L(k)

(exact in daily steps: a purchase on day k needs the account to be there on day k). Σ ΔE_L
converges for any L, so the repeat stream of a store much older than L is stationary, and the
old-customer share of a store of age H is E_L(H)/(1 + E_L(H)). L = ∞ gives back the closed forms
(the CDNOW checks T5, T5b, T5c hold unchanged).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq
from scipy.special import betaln, gammaln, hyp2f1

from .errors import ModelError
from .vec import is_batch

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


#: Lifetimes after which an account's weight e^{−k/L} is below double precision's resolution.
LIFETIME_SPAN = 40.0


def account_survival(days: ArrayLike, lifetime_days: float) -> FloatArray:
    """Share of accounts still present ``days`` after the first order: e^{−k/L} (L = ∞ → 1)."""
    k = np.asarray(days, dtype=float)
    if not np.isfinite(lifetime_days):
        return np.ones_like(k)
    return np.exp(-k / lifetime_days)


@lru_cache(maxsize=64)
def _delta_e(
    n: int, r: float, alpha: float, a: float, b: float, lifetime_days: float
) -> FloatArray:
    """ΔE_L(k) = (E[X(k)] − E[X(k−1)])·e^{−k/L} for k = 1…n (read-only, cached)."""
    if not np.isfinite(alpha) or n == 0:
        out = np.zeros(n)
    else:
        e = np.asarray(expected_repeats(np.arange(n + 1, dtype=float), r, alpha, a, b))
        e = e.astype(float, copy=True)
        e[0] = 0.0
        out = np.diff(e) * account_survival(np.arange(1, n + 1), lifetime_days)
    out.flags.writeable = False
    return out


def daily_repeats(
    n: int, r: float, alpha: float, a: float, b: float, lifetime_days: float = float("inf")
) -> FloatArray:
    """ΔE_L(k) for k = 1…n: a buyer's expected repeat orders on day k after her first order,
    her account still present (module docstring). α = ∞ (no repeat buying) gives zeros."""
    return _delta_e(int(n), float(r), float(alpha), float(a), float(b), float(lifetime_days))


def expected_repeats_with_lifetime(
    age_days: float, r: float, alpha: float, a: float, b: float, lifetime_days: float
) -> float:
    """E_L(H) = Σ_{k=1}^{H} ΔE_L(k); the closed form E[X(H)] when L = ∞."""
    if not np.isfinite(lifetime_days):
        return float(expected_repeats(age_days, r, alpha, a, b))
    # Days past 40·L carry e^{−40} ≈ 4e-18 of the weight: left out, the sum is the same in floats.
    days = min(int(round(age_days)), int(np.ceil(LIFETIME_SPAN * lifetime_days)))
    return float(daily_repeats(days, r, alpha, a, b, lifetime_days).sum())


def old_share_at_age(
    age_days: float, r: float, alpha: float, a: float, b: float,
    lifetime_days: float = float("inf"),
) -> float:  # fmt: skip
    """Old-customer order share of a store with constant new-buyer flow for ``age_days``:
    E_L(H)/(1 + E_L(H)) (E[X(H)]/(1 + E[X(H)]) with no account exit, L = ∞)."""
    e = expected_repeats_with_lifetime(age_days, r, alpha, a, b, lifetime_days)
    return e / (1.0 + e)


def maturity_growth(
    age_days: float, horizon_days: float, r: float, alpha: float, a: float, b: float,
    lifetime_days: float,
) -> float:  # fmt: skip
    """Relative growth of the repeat stream of a store of age H over the next T days with nothing
    changed: E_L(H+T)/E_L(H) − 1 (0 for a stationary, mature store; large for a young one)."""
    if not np.isfinite(alpha) or age_days <= 0:
        return 0.0
    now = expected_repeats_with_lifetime(age_days, r, alpha, a, b, lifetime_days)
    later = expected_repeats_with_lifetime(age_days + horizon_days, r, alpha, a, b, lifetime_days)
    return later / now - 1.0 if now > 0 else 0.0


#: Smallest and largest BG/NBD scale α (days) the calibration searches.
ALPHA_MIN, ALPHA_MAX = 1e-8, 1e12


def max_old_share(age_days: float, r: float, a: float, b: float, lifetime_days: float) -> float:
    """The supremum of the old-customer share a store of age H can reach (α → 0).

    As α → 0 a customer makes all her repeat purchases at once. With a < 1 her expected number
    is unbounded (E[X(t)] → ∞), so any share below 1 is reachable; with a > 1 it tends to
    (a + b − 1)/(a − 1), all made on day 1, where a share e^{−1/L} of the accounts is still there
    [DERIVED from the closed form: (α/(α+t))^r·₂F₁(r, b; a+b−1; t/(α+t)) → 1 − (a−1)/(a+b−1)·…].
    """
    if not is_batch(age_days, a, b, lifetime_days):
        if age_days < 1:
            return 0.0
        if a <= 1.0:
            return 1.0
        e = (a + b - 1.0) / (a - 1.0) * float(account_survival(1.0, lifetime_days))
        return e / (1.0 + e)
    # elementwise over paths (a Monte Carlo batch): the same three cases
    lifetime = np.asarray(lifetime_days, dtype=float)
    survival = np.exp(-1.0 / np.where(np.isfinite(lifetime), lifetime, np.inf))
    with np.errstate(divide="ignore", invalid="ignore"):
        e = (a + b - 1.0) / (a - 1.0) * survival
        top = e / (1.0 + e)
    return np.where(np.asarray(age_days) < 1, 0.0, np.where(np.asarray(a) <= 1.0, 1.0, top))


def old_share_reachable(
    target_share: ArrayLike, age_days: ArrayLike, r: ArrayLike, a: ArrayLike, b: ArrayLike,
    lifetime_days: ArrayLike = float("inf"),
) -> Any:  # fmt: skip
    """Whether some α gives ``target_share`` (elementwise): below 1, and 0 or below the
    supremum ``max_old_share``. ``check_old_share`` raises where this is false."""
    top = max_old_share(age_days, r, a, b, lifetime_days)
    return np.logical_and(
        np.less(target_share, 1.0),
        np.logical_or(np.less_equal(target_share, 0.0), np.greater(top, target_share)),
    )


def check_old_share(
    target_share: float, age_days: float, r: float, a: float, b: float,
    lifetime_days: float = float("inf"),
) -> None:  # fmt: skip
    """Raise ``ModelError`` (``old_share``, with the reachable share ``top``) if no α gives
    ``target_share`` (what the Scenario checks)."""
    if not target_share < 1.0:
        raise ModelError(
            "old_share_one",
            f"funnel.old_customer_share ({target_share:g}) must be below 1",
            units={"share": "fraction"},
            share=target_share,
        )
    if (
        target_share > 0.0
        and (top := max_old_share(age_days, r, a, b, lifetime_days)) <= target_share
    ):
        raise ModelError(
            "old_share",
            f"funnel.old_customer_share: an old-customer share of {target_share:.1%} cannot be "
            f"reached by a store {age_days:g} days old with these BG/NBD shapes and customer "
            f"lifetime (at most {top:.1%}); lower the share or raise the age or the lifetime "
            "(store.age_days, repeat.r, repeat.a, repeat.b, repeat.lifetime_days)",
            units={"share": "fraction", "top": "fraction", "age": "days", "lifetime": "days"},
            share=target_share,
            top=top,
            age=age_days,
            lifetime=lifetime_days,
        )


#: α's kept (a float each): enough for every path of a Monte Carlo plan and its baseline drawn
#: with the same seed (montecarlo.MAX_PATHS = 4096 each), which share their BG/NBD draws.
ALPHA_CACHE = 8192


@lru_cache(maxsize=ALPHA_CACHE)
def calibrate_alpha(
    target_share: float, age_days: float, r: float, a: float, b: float,
    lifetime_days: float = float("inf"),
) -> float:  # fmt: skip
    """α (days) such that a store of age H has old-customer share ``target_share`` (§6.6, T5c),
    its customers' accounts lasting L = ``lifetime_days`` on average (∞: the closed form).

    Solved by Brent's method on the monotone map α ↦ E_L(H; α)/(1 + E_L(H; α)) in log α. With a
    finite L the closed-form solution (L = ∞) bounds α from above (account exits only lower the
    share), so the search starts from a narrow bracket below it: every evaluation sums H days.
    ``target_share = 0`` means no repeat buying: returns ``inf``; so does a share too small to
    tell from zero (below the share at α = 10¹² days, about 10⁻¹⁰).
    """
    if target_share <= 0.0:
        return float("inf")
    check_old_share(target_share, age_days, r, a, b, lifetime_days)

    def gap(log_alpha: float) -> float:
        alpha = float(np.exp(log_alpha))
        return old_share_at_age(age_days, r, alpha, a, b, lifetime_days) - target_share

    lo, hi = np.log(ALPHA_MIN), np.log(ALPHA_MAX)
    if np.isfinite(lifetime_days):
        closed = calibrate_alpha(target_share, age_days, r, a, b)
        if np.isfinite(closed):
            hi = np.log(closed)
            step = np.log(4.0)
            while hi - step > lo and gap(hi - step) < 0:
                hi -= step
            lo = max(lo, hi - step)
    if gap(hi) > 0:
        return float("inf") if hi >= np.log(ALPHA_MAX) else float(np.exp(hi))
    if gap(lo) < 0:  # reachable only below α_min (a share within 1e-9 of the supremum)
        return ALPHA_MIN
    return float(np.exp(brentq(gap, lo, hi, xtol=1e-14, rtol=1e-14)))


def alpha_from_repurchase_rate(rr: float, horizon_days: float, r: float) -> float:
    """α from a cohort repurchase rate RR(τ*) = 1 − (α/(α+τ*))^r (MODEL.md §6.6)."""
    return horizon_days / ((1.0 - rr) ** (-1.0 / r) - 1.0)


def repurchase_rate(days: ArrayLike, r: float, alpha: float) -> FloatArray:
    """Cohort repurchase rate RR(τ) = P(X(τ) > 0) = 1 − (α/(α+τ))^r, for alive-at-start buyers.

    Under BG/NBD a customer can only drop out after a purchase, so P(X(τ)=0) = (α/(α+τ))^r.
    """
    return 1.0 - (alpha / (alpha + np.asarray(days, dtype=float))) ** r


def repeat_kernel(
    horizon: int, r: float, alpha: float, a: float, b: float, lifetime_days: float = float("inf")
) -> FloatArray:
    """ΔE_L(k) for k = 1 … horizon: a buyer's expected repeats on day k after her first order."""
    return daily_repeats(horizon, r, alpha, a, b, lifetime_days)


def repeat_stream(
    new_buyers: FloatArray,
    history_buyers: float,
    age_days: int,
    r: float,
    alpha: float,
    a: float,
    b: float,
    lifetime_days: float = float("inf"),
) -> FloatArray:
    """Expected repeat orders per day (MODEL.md §6.6).

    Rep_t = N_hist·Σ_{j=t+1}^{t+H} ΔE_L(j) + Σ_{c<t} N_c·ΔE_L(t−c)

    ``new_buyers`` has shape (paths, T): buyers acquired on days 0…T−1. With a constant flow equal
    to ``history_buyers`` this gives Rep_t = N·E_L(H+t) exactly; with L = ∞ that is N·E[X(H+t)],
    which keeps growing (BG/NBD with a < 1), with a finite L it levels off (module docstring).
    """
    n_paths, horizon = new_buyers.shape
    if not np.isfinite(alpha) or horizon == 0:
        return np.zeros_like(new_buyers)
    h = int(age_days)
    delta = daily_repeats(horizon + h, r, alpha, a, b, lifetime_days)
    g = np.concatenate(([0.0], np.cumsum(delta)))
    t = np.arange(horizon)
    history = history_buyers * (g[t + h] - g[t])
    out = np.empty_like(new_buyers)
    for p in range(n_paths):
        conv = np.convolve(new_buyers[p], delta[:horizon])[: horizon - 1]
        out[p, 0] = history[0]
        out[p, 1:] = history[1:] + conv
    return out
