"""Customer value: Gamma-Gamma spend, sBG renewals, cohort repurchase and CLV (MODEL.md §4.5, §6.6).

Three closed-form pieces that sit beside the BG/NBD repeat engine (``simulator.repurchase``):

* Gamma-Gamma spend per order (客单价 heterogeneity) [LIT Fader, Hardie & Lee 2005b, "RFM and CLV:
  using iso-value curves", JMR 42(4); Fader & Hardie 2013 note]: a customer's order values are Gamma(p, ν) with mean p/ν, and ν ~ Gamma(q, v) across
  customers (rate parameterisation, so v is in yuan).  Fixture T6.
* Shifted-beta-geometric (sBG) renewals of paid memberships / 包邮卡 [LIT Fader & Hardie 2007]: each
  subscriber churns at the end of every period with a fixed probability θ ~ Beta(α, β).  Fixture T7.
* Cohort repurchase rate (复购率) and customer lifetime value (CLV, 客户终身价值) of one new buyer from
  the BG/NBD expectation E[X(t)] (days).  Fixture T5b.

Everything is pure NumPy/SciPy; nothing here knows about the UI.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize
from scipy.special import betaln, gammaln

from .repurchase import daily_repeats, repurchase_rate

FloatArray = NDArray[np.float64]

#: Days per year used to turn an annual discount rate into a daily discount factor (1+d)^(k/365).
DAYS_PER_YEAR = 365.0

#: Step (in log-parameter units) of the central finite differences behind the sBG standard errors.
_HESSIAN_STEP = 1e-4


def _check_positive(**values: float) -> None:
    for name, value in values.items():
        if not (np.isfinite(value) and value > 0.0):
            raise ValueError(f"{name} must be a finite number > 0, got {value!r}")


# --------------------------------------------------------------------------- Gamma-Gamma spend


def gg_population_mean(p: float, q: float, v: float) -> float:
    """Population mean spend per order under the Gamma-Gamma model (人均客单价).

    E[Z] = p·v / (q − 1)        [LIT Fader, Hardie & Lee 2005b; Fader & Hardie 2013 note]

    Parameters
    ----------
    p : float
        Shape of a customer's order-value distribution Gamma(p, ν) (dimensionless, > 0).
    q : float
        Shape of the across-customer distribution of ν ~ Gamma(q, v) (dimensionless, > 1 so that
        the mean exists).
    v : float
        Rate of that distribution (yuan, > 0; ν is in 1/yuan).

    Returns
    -------
    float
        Mean order value (yuan).  Fixture T6: (6.25, 3.74, 15.44) → 35.219.
    """
    _check_positive(p=p, q=q, v=v)
    if q <= 1.0:
        raise ValueError(
            f"the Gamma-Gamma population mean p·v/(q−1) is infinite for q ≤ 1 (got q = {q}); "
            "q must be greater than 1"
        )
    return p * v / (q - 1.0)


def gg_order_cv2(p: float, q: float) -> float:
    """Squared coefficient of variation of one order's value across all customers' orders.

    z | ν ~ Gamma(p, ν), ν ~ Gamma(q, v): E[z] = p·v/(q − 1), E[z²] = p(p + 1)·v²/((q − 1)(q − 2)),
    so CV² = (p + q − 1)/(p·(q − 2)) for q > 2, independent of v; ``inf`` for q ≤ 2 (no finite
    variance) [DERIVED from Fader & Hardie 2013].
    """
    _check_positive(p=p, q=q)
    if q <= 2.0:
        return math.inf
    return (p + q - 1.0) / (p * (q - 2.0))


def gg_order_cv(p: float, q: float) -> float:
    """Coefficient of variation of one order's value, √CV² (:func:`gg_order_cv2`); ``inf`` for
    q ≤ 2."""
    return float(np.sqrt(gg_order_cv2(p, q)))


def gg_scale_for_mean(mean: float, p: float, q: float) -> float:
    """The Gamma-Gamma scale v whose population mean spend per order is ``mean`` (yuan), p and q
    held: v = mean·(q − 1)/p, the inverse of :func:`gg_population_mean` [DERIVED]."""
    return mean * (q - 1.0) / p


def gg_conditional_mean(x: ArrayLike, mbar: ArrayLike, p: float, q: float, v: float) -> FloatArray:
    """Expected spend per future order of a customer with ``x`` repeat orders averaging ``mbar``.

    E[M | x, m̄] = p·(v + x·m̄) / (p·x + q − 1)
               = w·m̄ + (1 − w)·p·v/(q − 1),  w = p·x / (p·x + q − 1)
    [LIT Fader, Hardie & Lee 2005b; Fader & Hardie 2013 note]

    The weighted-average form shows the estimate shrinks the customer's own mean towards the
    population mean, more so the fewer orders she has made.

    Parameters
    ----------
    x : array_like
        Number of repeat orders observed (count, ≥ 0; x = 0 gives the population mean).
    mbar : array_like
        Mean value of those orders (yuan, ≥ 0); broadcast against ``x``.
    p, q : float
        Gamma-Gamma shapes (dimensionless, > 0).
    v : float
        Gamma-Gamma rate scale (yuan, > 0).

    Returns
    -------
    ndarray
        Posterior mean order value (yuan), shape ``broadcast(x, mbar)``.  Fixture T6: x = 1,
        m̄ = 10 → 17.686.
    """
    _check_positive(p=p, q=q, v=v)
    x = np.asarray(x, dtype=float)
    mbar = np.asarray(mbar, dtype=float)
    if np.any(x < 0.0) or np.any(mbar < 0.0):
        raise ValueError("order counts x and mean order values m̄ must be ≥ 0")
    den = p * x + q - 1.0
    if np.any(den <= 0.0):
        raise ValueError(
            "the Gamma-Gamma conditional mean is infinite where p·x + q − 1 ≤ 0; "
            f"with q = {q} every customer needs x > {(1.0 - q) / p:g}"
        )
    return p * (v + x * mbar) / den


def gg_loglik(x: ArrayLike, mbar: ArrayLike, p: float, q: float, v: float) -> float:
    """Gamma-Gamma log-likelihood of customers' mean order values, summed over customers.

    For one customer with x ≥ 1 repeat orders of mean m̄ (m̄ | ν ~ Gamma(p·x, x·ν), ν ~ Gamma(q, v)):

    ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q·ln v + (px−1)·ln m̄ + px·ln x − (px+q)·ln(x·m̄ + v)

    [LIT Fader, Hardie & Lee 2005b; Fader & Hardie 2013 note; as in lifetimes ``GammaGammaFitter``
    and CLVTools].  Customers with x = 0 carry no spend information and are skipped (their m̄ is
    conventionally 0).

    Parameters
    ----------
    x : array_like
        Repeat orders per customer (count, ≥ 0).
    mbar : array_like
        Mean repeat order value per customer (yuan, > 0 where x ≥ 1); broadcast against ``x``.
    p, q : float
        Gamma-Gamma shapes (dimensionless, > 0).
    v : float
        Gamma-Gamma rate scale (yuan, > 0).

    Returns
    -------
    float
        Σ ℓ over customers with x ≥ 1 (nats).
    """
    _check_positive(p=p, q=q, v=v)
    x, mbar = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(mbar, dtype=float))
    if np.any(x < 0.0):
        raise ValueError("order counts x must be ≥ 0")
    keep = x > 0.0
    x, mbar = x[keep], mbar[keep]
    if np.any(mbar <= 0.0):
        raise ValueError("a customer with x ≥ 1 repeat orders needs a mean order value m̄ > 0")
    px = p * x
    ll = (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(v)
        + (px - 1.0) * np.log(mbar)
        + px * np.log(x)
        - (px + q) * np.log(x * mbar + v)
    )
    return float(ll.sum())


# --------------------------------------------------------------------------- sBG renewals


def sbg_retention(t: ArrayLike, alpha: float, beta: float) -> FloatArray:
    """Period-t retention rate of the shifted-beta-geometric model (续费率).

    r_t = (β + t − 1) / (α + β + t − 1),  t ≥ 1      [LIT Fader & Hardie 2007]

    Retention rises with t because the high-churn subscribers leave first (sorting, not loyalty).

    Parameters
    ----------
    t : array_like
        Renewal period (periods, ≥ 1; the period is the contract length, e.g. one year).
    alpha, beta : float
        Beta(α, β) shapes of the per-period churn probability θ (dimensionless, > 0).

    Returns
    -------
    ndarray
        Share of subscribers alive at t − 1 who renew at t (fraction).  Fixture T7: r_1 = β/(α+β).
    """
    _check_positive(alpha=alpha, beta=beta)
    t = np.asarray(t, dtype=float)
    if np.any(t < 1.0):
        raise ValueError("sBG retention is defined for periods t ≥ 1")
    return (beta + t - 1.0) / (alpha + beta + t - 1.0)


def sbg_survival(t: ArrayLike, alpha: float, beta: float) -> FloatArray:
    """Share of a cohort still subscribed after t periods, S(t) = P(T > t).

    S(t) = Π_{i=1..t} r_i = B(α, β + t) / B(α, β),  S(0) = 1      [LIT Fader & Hardie 2007]

    Evaluated through ``betaln`` so it stays accurate for long horizons.

    Parameters
    ----------
    t : array_like
        Periods since sign-up (periods, ≥ 0).
    alpha, beta : float
        Beta(α, β) shapes of the churn probability (dimensionless, > 0).

    Returns
    -------
    ndarray
        Survival share (fraction in [0, 1]).
    """
    _check_positive(alpha=alpha, beta=beta)
    t = np.asarray(t, dtype=float)
    if np.any(t < 0.0):
        raise ValueError("sBG survival is defined for periods t ≥ 0")
    return np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))


def sbg_churn_pmf(t: ArrayLike, alpha: float, beta: float) -> FloatArray:
    """Probability that a new subscriber churns at the end of period t, P(T = t).

    P(T = t) = B(α + 1, β + t − 1) / B(α, β),  t ≥ 1      [LIT Fader & Hardie 2007]

    Parameters
    ----------
    t : array_like
        Period of churn (periods, ≥ 1).
    alpha, beta : float
        Beta(α, β) shapes of the churn probability (dimensionless, > 0).

    Returns
    -------
    ndarray
        Probability (fraction); Σ_{i=1..t} P(T = i) + S(t) = 1.
    """
    _check_positive(alpha=alpha, beta=beta)
    t = np.asarray(t, dtype=float)
    if np.any(t < 1.0):
        raise ValueError("the sBG churn probability is defined for periods t ≥ 1")
    return np.exp(betaln(alpha + 1.0, beta + t - 1.0) - betaln(alpha, beta))


def _checked_counts(alive_counts: ArrayLike) -> FloatArray:
    n = np.asarray(alive_counts, dtype=float)
    if n.ndim != 1 or n.size < 2:
        raise ValueError("alive_counts must be a 1-D series n_0, n_1, … with at least two entries")
    if not np.all(np.isfinite(n)) or np.any(n < 0.0) or n[0] <= 0.0:
        raise ValueError("alive_counts must be finite, ≥ 0, and start with n_0 > 0")
    if np.any(np.diff(n) > 0.0):
        raise ValueError(
            "alive_counts must be non-increasing (a cohort only loses subscribers): n_0 ≥ n_1 ≥ …"
        )
    return n


def _sbg_loglik(n: FloatArray, alpha: float, beta: float) -> float:
    t = np.arange(1, n.size, dtype=float)
    churned = n[:-1] - n[1:]
    log_b = betaln(alpha, beta)
    log_pmf = betaln(alpha + 1.0, beta + t - 1.0) - log_b
    log_surv = betaln(alpha, beta + t[-1]) - log_b
    return float(churned @ log_pmf + n[-1] * log_surv)


def sbg_loglik(alive_counts: ArrayLike, alpha: float, beta: float) -> float:
    """Log-likelihood of a cohort's survivor series under the sBG model.

    LL = Σ_{t=1..τ} (n_{t−1} − n_t)·ln P(T = t) + n_τ·ln S(τ)      [LIT Fader & Hardie 2007]

    Parameters
    ----------
    alive_counts : array_like
        n_0 ≥ n_1 ≥ … ≥ n_τ: subscribers of one cohort still active at t = 0 … τ (customers; use
        counts, not shares, if the likelihood is to be read as one).
    alpha, beta : float
        Beta(α, β) shapes of the churn probability (dimensionless, > 0).

    Returns
    -------
    float
        Log-likelihood (nats).
    """
    _check_positive(alpha=alpha, beta=beta)
    return _sbg_loglik(_checked_counts(alive_counts), alpha, beta)


@dataclass(frozen=True, slots=True)
class SBGFit:
    """Maximum-likelihood sBG fit of one cohort (see ``fit_sbg``).

    Attributes
    ----------
    alpha, beta : float
        Beta(α, β) shapes of the per-period churn probability (dimensionless).
    loglik : float
        Log-likelihood at the estimate (nats).
    alpha_stderr, beta_stderr : float
        Asymptotic standard errors (same units as α, β); NaN if the observed information matrix is
        not positive definite.
    """

    alpha: float
    beta: float
    loglik: float
    alpha_stderr: float
    beta_stderr: float


def _log_space_hessian(f: Callable[[FloatArray], float], theta: FloatArray, h: float) -> FloatArray:
    """Central-difference Hessian of a scalar function ``f`` of a vector at ``theta``."""
    k = theta.size
    hess = np.empty((k, k))
    eye = np.eye(k) * h
    f0 = f(theta)
    for i in range(k):
        hess[i, i] = (f(theta + eye[i]) - 2.0 * f0 + f(theta - eye[i])) / h**2
        for j in range(i + 1, k):
            hess[i, j] = hess[j, i] = (
                f(theta + eye[i] + eye[j])
                - f(theta + eye[i] - eye[j])
                - f(theta - eye[i] + eye[j])
                + f(theta - eye[i] - eye[j])
            ) / (4.0 * h**2)
    return hess


def fit_sbg(alive_counts: ArrayLike) -> SBGFit:
    """Fit the sBG model to a cohort's survivor series by maximum likelihood.

    (α̂, β̂) = argmax LL(α, β) of ``sbg_loglik``, optimised over (ln α, ln β) with Nelder-Mead
    [LIT Fader & Hardie 2007].  Standard errors: the observed information I = ∇²(−LL) is taken by
    central finite differences in (ln α, ln β), inverted, and mapped back by the delta method,
    se(α) = α̂·√(I⁻¹)₁₁, se(β) = β̂·√(I⁻¹)₂₂ [DERIVED].

    Parameters
    ----------
    alive_counts : array_like
        n_0 ≥ n_1 ≥ … ≥ n_τ: customers of one cohort still subscribed at t = 0 … τ (customers).
        At least one must have churned.  Fixture T7 fits the first 8 points (t = 0 … 7) of
        Fader & Hardie's (2007) "regular" and "high end" series.

    Returns
    -------
    SBGFit
        Estimates, log-likelihood and standard errors.
    """
    n = _checked_counts(alive_counts)
    if n[-1] == n[0]:
        raise ValueError(
            "no subscriber churned in alive_counts, so the sBG churn rate is not identified"
        )

    def neg_ll(theta: FloatArray) -> float:
        return -_sbg_loglik(n, float(np.exp(theta[0])), float(np.exp(theta[1])))

    res = minimize(
        neg_ll,
        x0=np.zeros(2),
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 10_000, "maxfev": 20_000},
    )
    if not res.success:
        raise RuntimeError(f"sBG fit did not converge: {res.message}")
    theta = np.asarray(res.x, dtype=float)
    alpha, beta = np.exp(theta)
    hess = _log_space_hessian(neg_ll, theta, _HESSIAN_STEP)
    if np.all(np.linalg.eigvalsh(hess) > 0.0):
        se = np.exp(theta) * np.sqrt(np.diag(np.linalg.inv(hess)))
    else:
        se = np.full(2, np.nan)
    return SBGFit(
        alpha=float(alpha),
        beta=float(beta),
        loglik=float(-res.fun),
        alpha_stderr=float(se[0]),
        beta_stderr=float(se[1]),
    )


# --------------------------------------------------------------------------- Cohort repurchase, CLV


def _check_bgnbd(r: float, alpha: float, a: float, b: float) -> None:
    _check_positive(r=r, a=a, b=b)
    if not alpha > 0.0:  # α = inf is allowed and means "no repeat buying" (calibrate_alpha)
        raise ValueError(f"alpha must be > 0 (inf for no repeat buying), got {alpha!r}")


def cohort_repurchase_rates(
    days: ArrayLike, r: float, alpha: float, a: float, b: float
) -> FloatArray:
    """Cohort repurchase rate (复购率) τ days after the first order, RR(τ) = P(X(τ) > 0).

    RR(τ) = 1 − P(X(τ) = 0) = 1 − (α/(α + τ))^r      [LIT Fader, Hardie & Lee 2005, pmf at x = 0]

    Exact for the BG/NBD, not a Pareto/NBD-style shortcut: a BG/NBD customer can only drop out
    right after a purchase, so one with no repeat purchase is still alive and P(X(τ)=0) is the NBD
    term alone; the dropout shapes a, b do not enter (they are accepted and validated so the call
    matches the other BG/NBD functions).

    Parameters
    ----------
    days : array_like
        Days since the first order (days, ≥ 0).
    r : float
        BG/NBD purchase-rate shape (dimensionless, > 0).
    alpha : float
        BG/NBD purchase-rate scale (days, > 0; ``inf`` = no repeat buying → RR = 0).
    a, b : float
        BG/NBD dropout shapes (dimensionless, > 0; unused by the formula).

    Returns
    -------
    ndarray
        Share of a cohort of new buyers that has ordered again by each day (fraction).
        Fixture T5b: r, a, b = 0.243, 0.793, 2.426, α = 30.898 d → RR(30/90/180/365) =
        0.1520/0.2822/0.3729/0.4619.
    """
    _check_bgnbd(r, alpha, a, b)
    days = np.asarray(days, dtype=float)
    if np.any(days < 0.0):
        raise ValueError("days since the first order must be ≥ 0")
    if not np.isfinite(alpha):
        return np.zeros_like(days)
    return repurchase_rate(days, r, alpha)


@dataclass(frozen=True, slots=True)
class CLVResult:
    """Lifetime value of one new customer over a finite horizon (see ``clv_per_new_customer``).

    Attributes
    ----------
    expected_repeat_orders : float
        repeat_multiplier·E[X(H)]: expected repeat orders within the horizon (orders).
    clv_gross_margin : float
        Undiscounted gross margin of the first order plus the expected repeat orders (yuan).
    clv_discounted : float
        The same, each day's margin discounted to the day of the first order (yuan).
    horizon_days : int
        Horizon H (days).
    annual_discount_rate : float
        Discount rate used (fraction per year).
    """

    expected_repeat_orders: float
    clv_gross_margin: float
    clv_discounted: float
    horizon_days: int
    annual_discount_rate: float


def _daily_repeats(
    horizon_days: int,
    r: float,
    alpha: float,
    a: float,
    b: float,
    repeat_multiplier: float,
    lifetime_days: float = float("inf"),
) -> FloatArray:
    """repeat_multiplier·ΔE_L(k) for k = 1 … H (orders per day; L = ∞: the closed-form ΔE(k))."""
    if horizon_days == 0 or not np.isfinite(alpha) or repeat_multiplier == 0.0:
        return np.zeros(horizon_days)
    return repeat_multiplier * daily_repeats(horizon_days, r, alpha, a, b, lifetime_days)


def _checked_clv_inputs(
    horizon_days: int,
    annual_discount_rate: float,
    r: float,
    alpha: float,
    a: float,
    b: float,
    first_order_value: float,
    repeat_order_value: float,
    margin_per_yuan: float,
    repeat_multiplier: float,
) -> int:
    try:
        horizon = operator.index(horizon_days)
    except TypeError:
        raise ValueError(
            f"horizon_days must be a whole number of days, got {horizon_days!r}"
        ) from None
    if horizon < 0:
        raise ValueError(f"horizon_days must be ≥ 0, got {horizon}")
    if not (np.isfinite(annual_discount_rate) and annual_discount_rate >= 0.0):
        raise ValueError(
            f"annual_discount_rate is a fraction per year ≥ 0 (0.1 = 10%), got {annual_discount_rate!r}"
        )
    _check_bgnbd(r, alpha, a, b)
    for name, value in (
        ("first_order_value", first_order_value),
        ("repeat_order_value", repeat_order_value),
        ("repeat_multiplier", repeat_multiplier),
    ):
        if not (np.isfinite(value) and value >= 0.0):
            raise ValueError(f"{name} must be a finite number ≥ 0, got {value!r}")
    if not (np.isfinite(margin_per_yuan) and margin_per_yuan <= 1.0):
        raise ValueError(
            f"margin_per_yuan is gross margin per yuan of order value (≤ 1), got {margin_per_yuan!r}"
        )
    return horizon


def _clv_parts(
    horizon_days: int,
    annual_discount_rate: float,
    r: float,
    alpha: float,
    a: float,
    b: float,
    first_order_value: float,
    repeat_order_value: float,
    margin_per_yuan: float,
    repeat_multiplier: float,
    lifetime_days: float = float("inf"),
) -> tuple[FloatArray, FloatArray]:
    """(u·ΔE(1…H), cumulative discounted CLV on days 0…H) after validating every input."""
    horizon = _checked_clv_inputs(
        horizon_days,
        annual_discount_rate,
        r,
        alpha,
        a,
        b,
        first_order_value,
        repeat_order_value,
        margin_per_yuan,
        repeat_multiplier,
    )
    if not lifetime_days > 0.0:
        raise ValueError(
            f"lifetime_days must be > 0 (inf for no account exit), got {lifetime_days!r}"
        )
    daily = _daily_repeats(horizon, r, alpha, a, b, repeat_multiplier, lifetime_days)
    k = np.arange(1, horizon + 1, dtype=float)
    discount = (1.0 + annual_discount_rate) ** (-k / DAYS_PER_YEAR)
    curve = np.empty(horizon + 1)
    curve[0] = first_order_value * margin_per_yuan
    curve[1:] = curve[0] + np.cumsum(daily * discount) * repeat_order_value * margin_per_yuan
    return daily, curve


def clv_curve(
    *,
    horizon_days: int,
    annual_discount_rate: float,
    r: float,
    alpha: float,
    a: float,
    b: float,
    first_order_value: float,
    repeat_order_value: float,
    margin_per_yuan: float,
    repeat_multiplier: float = 1.0,
    lifetime_days: float = float("inf"),
) -> FloatArray:
    """Cumulative discounted CLV of one new customer by day, for charting.

    CLV(k) = m·V₁ + Σ_{j=1..k} ΔE(j)·u·V_rep·m / (1 + d)^(j/365),   k = 0 … H

    with ΔE(j) = E[X(j)] − E[X(j−1)] the BG/NBD expected repeats on day j [LIT Fader, Hardie &
    Lee 2005; DERIVED daily discounting]; u = ``repeat_multiplier`` scales the expected repeat rate
    (members, referred customers, …) [ASSUMPTION, MODEL.md §6.6 Mult_s].

    Parameters
    ----------
    horizon_days : int
        Horizon H (days, ≥ 0).
    annual_discount_rate : float
        d (fraction per year, ≥ 0; 0.1 = 10%).
    r, a, b : float
        BG/NBD shapes (dimensionless, > 0).
    alpha : float
        BG/NBD rate scale (days, > 0; ``inf`` = no repeat buying).
    first_order_value : float
        V₁, value of the first order (yuan, ≥ 0).
    repeat_order_value : float
        V_rep, value of each repeat order (yuan, ≥ 0).
    margin_per_yuan : float
        m, gross margin per yuan of order value (yuan/yuan, ≤ 1).
    repeat_multiplier : float, default 1.0
        u, multiplier on the expected repeat rate (dimensionless, ≥ 0).
    lifetime_days : float, default inf
        L, mean account lifetime: ΔE(k) becomes ΔE(k)·e^{−k/L} (days, > 0; ``inf`` = the pure
        BG/NBD, see ``repurchase``).

    Returns
    -------
    ndarray
        Shape (H + 1,): cumulative discounted gross margin (yuan) at the end of days 0 … H;
        element 0 is the first order's margin, the last equals ``clv_per_new_customer(...)``'s
        ``clv_discounted``.
    """
    return _clv_parts(
        horizon_days,
        annual_discount_rate,
        r,
        alpha,
        a,
        b,
        first_order_value,
        repeat_order_value,
        margin_per_yuan,
        repeat_multiplier,
        lifetime_days,
    )[1]


def clv_per_new_customer(
    *,
    horizon_days: int,
    annual_discount_rate: float,
    r: float,
    alpha: float,
    a: float,
    b: float,
    first_order_value: float,
    repeat_order_value: float,
    margin_per_yuan: float,
    repeat_multiplier: float = 1.0,
    lifetime_days: float = float("inf"),
) -> CLVResult:
    """Lifetime value (gross margin) of one new customer over H days (客户终身价值).

    CLV_gross = m·V₁ + u·E[X(H)]·V_rep·m
    CLV_disc  = m·V₁ + Σ_{k=1..H} ΔE(k)·u·V_rep·m / (1 + d)^(k/365)

    ΔE(k) = E[X(k)] − E[X(k−1)] from the BG/NBD [LIT Fader, Hardie & Lee 2005]; day-k discounting
    [DERIVED]; u scales the repeat rate [ASSUMPTION, MODEL.md §6.6].  ``clv_curve`` gives the
    discounted sum day by day.

    Parameters
    ----------
    horizon_days : int
        Horizon H (days, ≥ 0).
    annual_discount_rate : float
        d (fraction per year, ≥ 0; 0.1 = 10%).
    r, a, b : float
        BG/NBD shapes (dimensionless, > 0).
    alpha : float
        BG/NBD rate scale (days, > 0; ``inf`` = no repeat buying).
    first_order_value : float
        V₁, value of the first order (yuan, ≥ 0).
    repeat_order_value : float
        V_rep, value of each repeat order (yuan, ≥ 0).
    margin_per_yuan : float
        m, gross margin per yuan of order value (yuan/yuan, ≤ 1).
    repeat_multiplier : float, default 1.0
        u, multiplier on the expected repeat rate (dimensionless, ≥ 0).
    lifetime_days : float, default inf
        L, mean account lifetime: ΔE(k) becomes ΔE(k)·e^{−k/L} (days, > 0; ``inf`` = the pure
        BG/NBD, see ``repurchase``).

    Returns
    -------
    CLVResult
        Expected repeat orders u·E[X(H)] (orders), undiscounted and discounted CLV (yuan), and the
        horizon and discount rate used.  With no repeat buying (α = inf or u = 0) both CLVs equal
        m·V₁.
    """
    daily, curve = _clv_parts(
        horizon_days,
        annual_discount_rate,
        r,
        alpha,
        a,
        b,
        first_order_value,
        repeat_order_value,
        margin_per_yuan,
        repeat_multiplier,
        lifetime_days,
    )
    repeats = float(daily.sum())
    first = float(curve[0])
    return CLVResult(
        expected_repeat_orders=repeats,
        clv_gross_margin=first + repeats * repeat_order_value * margin_per_yuan,
        clv_discounted=float(curve[-1]),
        horizon_days=curve.size - 1,
        annual_discount_rate=float(annual_discount_rate),
    )
