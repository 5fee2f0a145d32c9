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


# ------------------------------------------------------------------ α of many paths at once
#: Steps in log α below which the paths' root is taken as found (Brent's tolerance in
#: ``calibrate_alpha``, 1e-14·(1 + |log α|), for |log α| ≲ 3).
_PATHS_XTOL = 4e-14
#: Secant steps a path may take before it is handed to ``calibrate_alpha`` on its own.
_PATHS_MAX_STEPS = 100


def _vector_root(
    f: Callable[[FloatArray, NDArray[np.intp]], FloatArray], x0: FloatArray, x1: FloatArray,
    lo: FloatArray, hi: FloatArray, f0: FloatArray | None = None,
) -> FloatArray:  # fmt: skip
    """Roots of decreasing maps, one per path, by secant steps safeguarded by bisection.

    ``f(x, idx)`` gives the paths ``idx``'s values at x (``f0``: at x₀, if known). From x₀, x₁ each path steps
    x_{n+1} = x_n − f(x_n)·(x_n − x_{n−1})/(f(x_n) − f(x_{n−1})), keeping the bracket [lo, hi]
    (f(lo) > 0 > f(hi)) its evaluations narrow; a step outside the bracket bisects it. A path
    stops when its step is below ``_PATHS_XTOL``; NaN where it did not within
    ``_PATHS_MAX_STEPS`` or settled on the bracket's edge (the caller solves those alone).
    """
    lo, hi = lo.astype(float, copy=True), hi.astype(float, copy=True)
    out = np.full(x0.shape, np.nan)
    idx = np.arange(x0.size)
    xp, x = x0.astype(float, copy=True), x1.astype(float, copy=True)
    fp = f(x0, idx) if f0 is None else f0
    for _ in range(_PATHS_MAX_STEPS):
        fx = f(x, idx)
        up = fx > 0
        lo[idx[up]], hi[idx[~up]] = x[up], x[~up]
        with np.errstate(divide="ignore", invalid="ignore"):
            nx = x - fx * (x - xp) / (fx - fp)
        a, b = lo[idx], hi[idx]
        bad = ~np.isfinite(nx) | (nx <= a) | (nx >= b)
        nx = np.where(bad, 0.5 * (a + b), nx)
        done = (np.abs(nx - x) <= _PATHS_XTOL) | (fx == 0.0)
        out[idx[done]] = np.where(fx[done] == 0.0, x[done], nx[done])
        keep = ~done
        if not keep.any():
            break
        idx, xp, fp, x = idx[keep], x[keep], fx[keep], nx[keep]
    return out


def _in_band(r: FloatArray, a: FloatArray, b: FloatArray) -> NDArray[np.bool_]:
    """Shapes near a singular point of the closed forms (``_SINGULAR_BAND``, with a margin):
    ``_regular`` interpolates there, so ``calibrate_alpha_paths`` leaves them to it."""
    h = 2.0 * _SINGULAR_BAND
    near_int = np.abs(a - (r + 1.0 + np.round(a - 1.0 - r))) < h
    return (np.abs(a - 1.0) < h) | near_int | (np.abs(b - (1.0 - a)) < h)


def _lifetime_sums(
    x: FloatArray, days: NDArray[np.intp], r: FloatArray, a: FloatArray, b: FloatArray,
    lifetime: FloatArray,
) -> FloatArray:  # fmt: skip
    """E_L(H) = Σ_{k=1}^{H} ΔE(k)·e^{−k/L} of each path at α = e^x, H = ``days`` (P,): the
    closed form E[X(k)] on a (P, max H + 1) grid of days (one ₂F₁ call), days past a path's H
    weighed 0."""
    t = np.arange(int(days.max()) + 1, dtype=float)
    e = _expected_repeats(t, r[:, None], np.exp(x)[:, None], a[:, None], b[:, None])
    e[:, 0] = 0.0
    d = np.diff(e, axis=1) * np.exp(-t[1:] / lifetime[:, None])
    d[t[1:] > days[:, None]] = 0.0
    return d.sum(axis=1)


#: Days of ``_approx_lifetime_sums`` summed one by one before its quadrature takes over, and
#: the Gauss–Legendre nodes of that quadrature; horizons shorter than ``_APPROX_MIN_DAYS`` are
#: summed day by day.
_APPROX_HEAD, _APPROX_NODES, _APPROX_MIN_DAYS = 16, 32, 64
_GAUSS = np.polynomial.legendre.leggauss(_APPROX_NODES)


def _approx_lifetime_sums(
    x: FloatArray, days: NDArray[np.intp], r: FloatArray, a: FloatArray, b: FloatArray,
    lifetime: FloatArray,
) -> FloatArray:  # fmt: skip
    """E_L(H) of ``_lifetime_sums`` from ~60 values of E[X(t)] instead of H (to ~1e-10).

    By parts, with q = e^{−1/L} and φ(t) = q^t·E[X(t)]:
    E_L(H) = φ(H) + (1 − q)·Σ_{k=1}^{H−1} φ(k). The days k < m = ``_APPROX_HEAD`` are summed
    one by one; the rest by Gregory's rule,
    Σ_{k=m}^{n} φ(k) = ∫_m^n φ + (φ(m) + φ(n))/2 + (∇φ_n − Δφ_m)/12 + (∇²φ_n + Δ²φ_m)/24
    + 19(∇³φ_n − Δ³φ_m)/720 (n = H − 1), the integral by Gauss–Legendre in y = ln(α + t),
    which moves E's branch point t = −α to y = −∞. Only the secant steps of
    ``calibrate_alpha_paths`` use it; its root is then corrected on the exact sum.
    """
    alpha, life = np.exp(x)[:, None], lifetime[:, None]
    r, a, b = r[:, None], a[:, None], b[:, None]

    def phi(t: FloatArray) -> FloatArray:
        return np.exp(-t / life) * _expected_repeats(t, r, alpha, a, b)

    m, n = float(_APPROX_HEAD), (days - 1.0)[:, None]
    ya, yb = np.log(alpha + m), np.log(alpha + n)
    g, w = _GAUSS
    y = 0.5 * (yb - ya) * g + 0.5 * (yb + ya)
    integral = 0.5 * (yb - ya)[:, 0] * (w * phi(np.exp(y) - alpha) * np.exp(y)).sum(axis=1)
    head = phi(np.arange(1.0, m)[None, :]).sum(axis=1)
    ends = phi(np.concatenate([m + np.arange(4.0)[None, :] + 0.0 * n, n - np.arange(4.0)], axis=1))
    fa, fb = ends[:, :4].T, ends[:, 4:].T  # φ(m), φ(m+1), … and φ(n), φ(n−1), …
    gregory = (
        0.5 * (fa[0] + fb[0])
        + ((fb[0] - fb[1]) - (fa[1] - fa[0])) / 12.0
        + ((fb[0] - 2.0 * fb[1] + fb[2]) + (fa[2] - 2.0 * fa[1] + fa[0])) / 24.0
        + 19.0 / 720.0 * ((fb[0] - 3.0 * fb[1] + 3.0 * fb[2] - fb[3])
                          - (fa[3] - 3.0 * fa[2] + 3.0 * fa[1] - fa[0]))
    )  # fmt: skip
    top = phi(days[:, None].astype(float))[:, 0]
    return top + (1.0 - np.exp(-1.0 / lifetime)) * (head + integral + gregory)


def calibrate_alpha_paths(
    target_share: ArrayLike, age_days: ArrayLike, r: ArrayLike, a: ArrayLike, b: ArrayLike,
    lifetime_days: ArrayLike,
) -> FloatArray:  # fmt: skip
    """``calibrate_alpha`` of many paths at once (arrays (P,)): α such that
    E_L(H; α)/(1 + E_L(H; α)) = s. NaN for the paths left to ``calibrate_alpha`` alone: no
    repeat buying (s ≤ 0), an unreachable share, no account exit (L = ∞), shapes near a
    singular point, or a root this did not settle.

    Each path starts from its closed-form root x_∞ = ln α_∞ (L = ∞), secant steps
    (``_vector_root``) solve the sum's quadrature (``_approx_lifetime_sums``, ~60 values of
    E[X(t)] a step instead of H) to x̃, and one Newton step on the exact sum
    (``_lifetime_sums``, H values) with the quadrature's slope gives
    x = x̃ − g(x̃)/g̃′(x̃): its error is |x̃ − x*|·|1 − g̃′/g′| + O((x̃ − x*)²) ≈ 1e-15, as fine as
    Brent's method in ``calibrate_alpha``.
    """
    s, age, r_, a_, b_, life = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (
        target_share, age_days, r, a, b, lifetime_days)))  # fmt: skip
    out = np.full(s.shape, np.nan)
    ok = (s > 0.0) & np.isfinite(life) & ~_in_band(r_, a_, b_)
    ok &= np.asarray(old_share_reachable(s, age, r_, a_, b_, life), dtype=bool)
    idx = np.flatnonzero(ok)
    if idx.size == 0:
        return out
    s, age, r_, a_, b_, life = (v[idx] for v in (s, age, r_, a_, b_, life))
    lo, hi = np.full(idx.size, np.log(ALPHA_MIN)), np.full(idx.size, np.log(ALPHA_MAX))
    days = np.minimum(np.round(age), np.ceil(LIFETIME_SPAN * life)).astype(np.intp)

    def closed(x: FloatArray, i: NDArray[np.intp]) -> FloatArray:  # E[X(H)] − s/(1 − s), L = ∞
        return _expected_repeats(age[i], r_[i], np.exp(x), a_[i], b_[i]) - s[i] / (1.0 - s[i])

    def approx(x: FloatArray, i: NDArray[np.intp]) -> FloatArray:
        short = days[i] < _APPROX_MIN_DAYS
        sums = _approx_lifetime_sums if not short.any() else _lifetime_sums
        e = sums(x, days[i], r_[i], a_[i], b_[i], life[i])
        return e / (1.0 + e) - s[i]

    start = np.log(np.maximum(age, 1.0))
    x_inf = _vector_root(closed, start, start - 1.0, lo, hi)
    fine = np.isfinite(x_inf) & (x_inf < hi)
    x_inf = np.where(fine, x_inf, 0.0)
    x_t = _vector_root(approx, x_inf, x_inf - 1.0, lo, hi)
    fine &= np.isfinite(x_t) & (x_t > lo + 1e-6)  # α_min: ``calibrate_alpha``'s edge case
    x_t = np.where(fine, x_t, 0.0)
    e = _lifetime_sums(x_t, days, r_, a_, b_, life)
    h, every = 1e-4, np.arange(idx.size)
    slope = (approx(x_t + h, every) - approx(x_t - h, every)) / (2.0 * h)
    step = (e / (1.0 + e) - s) / slope
    fine &= np.abs(step) < 1e-6  # the quadrature so far off: left to ``calibrate_alpha``
    out[idx] = np.where(fine, np.exp(x_t - step), np.nan)
    return out
