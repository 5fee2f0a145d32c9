"""Calibrate the model from the shop's own data: order history → repeat model, daily shop metrics
→ baseline (MODEL.md §6.6, §9.1, §11.2).

Order history → BG/NBD and Gamma-Gamma, by maximum likelihood on summary statistics
[LIT Fader, Hardie & Lee 2005a ("Counting your customers" the easy way), 2005b (RFM and CLV)]:

* Orders of one customer on one day are one transaction (their amounts add up); time is in days.
* Each customer's first transaction in the data is her trial; for the calibration period
  (first order … ``calibration_end``) she has x repeat transactions, the last t_x days after the
  trial, and was observed for T = calibration_end − trial days (Hardie's RFM conventions: CDNOW's
  customer 1, trial 1997-01-01, last repeat 1997-08-02, end 1997-09-30 → x = 2, t_x = 213, T = 272).
* BG/NBD per customer (λ ~ Gamma(r, α), dropout p ~ Beta(a, b) after every repeat)::

      ℓ = ln Γ(r+x) − ln Γ(r) + r·ln α + ln B(a, b+x) − ln B(a, b)
          + ln[(α+T)^−(r+x) + 1{x>0}·a/(b+x−1)·(α+t_x)^−(r+x)]

  summed over the distinct (x, t_x, T) with their counts, so a million customers cost what their
  few thousand distinct histories cost. Maximised over ln(r, α, a, b) with L-BFGS-B and the
  analytic gradient, from several starts.
* Gamma-Gamma on the returning customers (x ≥ 1): m̄ = the mean value of their repeat
  transactions in the calibration period (the trial excluded), ``simulator.clv.gg_loglik``.
* Standard errors: the observed information (central differences of the analytic gradient) is
  inverted; the asymptotic covariance of the estimates [DERIVED].

The fit is checked out of sample: customers acquired by ``calibration_end`` are followed to the
last order date, and their weekly cumulative repeat transactions are set beside the model's
expectation Σ_s n_s·E[X(t − s)] (a cohort of n_s trials on day s), as in Fader, Hardie & Lee's
tracking plots; the repurchase curve RR(τ) = 1 − (α/(α+τ))^r beside the share of customers
followed for τ days who bought again within them.

Daily shop metrics (生意参谋: 访客数, 支付买家数, 支付金额, 老买家占比 …) → the baseline:
ln UV_t = c + w_dow(t) + β·t by least squares gives the weekday profile and the monthly growth
g = e^{30β} − 1 (with standard errors); conversion Σ buyers ÷ Σ UV, order value Σ GMV ÷ Σ buyers
and old-customer share Σ old buyers ÷ Σ buyers are ratio estimators with their standard errors
from the daily spread [DERIVED].

The fit runs with BLAS/OpenMP pinned to one thread (``threadpoolctl``): its arrays are a few
thousand distinct histories, too small to share out, and on a 2-core machine shared with other
work the default thread pools made the CDNOW fit 10–30× slower and the 1 M-customer fit 4 s → 10 s
(issue 18's measurements).

Pure NumPy/SciPy/pandas; nothing here reads files or knows about the UI.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import minimize
from scipy.special import digamma, gammaln
from threadpoolctl import threadpool_limits

from .clv import gg_population_mean
from .errors import ModelError
from .registry import PARAMS
from .repurchase import calibrate_alpha, expected_repeats, old_share_at_age, repurchase_rate
from .scenario import Scenario, set_param
from .traffic import DAYS_PER_MONTH
from .uncertainty import PAIR, fit_correlations, override_from_se

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: The BG/NBD and Gamma-Gamma parameters a fit returns (CONTRACT.md), α in days.
BGNBD_KEYS = ("r", "alpha", "a", "b")
GG_KEYS = ("p", "q", "v")
#: Fewest returning customers a Gamma-Gamma fit is attempted on (fewer: not identified).
MIN_GG_CUSTOMERS = 10
#: Bounds of the log-parameters during the search (e^±12 ≈ 6e-6 … 1.6e5: far beyond real shops).
_LOG_BOUND = 12.0
#: An optimum's gradient (log-parameters, per customer) is below this.
_GRAD_TOL = 1e-6
#: Relative step of the central differences behind the standard errors.
_SE_STEP = 1e-5


# --------------------------------------------------------------------------- order history
@dataclass(frozen=True)
class Transactions:
    """One row per customer and day: customer code, day (since the first order in the data),
    amount (yuan, that day's orders added up)."""

    customer: IntArray
    day: IntArray
    amount: FloatArray
    start: pd.Timestamp  # the date of day 0

    @property
    def last_day(self) -> int:
        return int(self.day.max()) if self.day.size else 0


def transactions(orders: pd.DataFrame) -> Transactions:
    """Orders (columns ``customer_id``, ``date``, ``amount``) → one transaction per customer and
    day. ``date`` may carry a time of day (it is dropped); rows must be clean (``ValueError``)."""
    missing = {"customer_id", "date", "amount"} - set(orders.columns)
    if missing:
        raise ValueError(
            f"orders need the columns customer_id, date, amount; missing {sorted(missing)}"
        )
    if orders.empty:
        raise ValueError("there are no orders")
    dates = orders["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, format="mixed")
    dates = dates.dt.normalize()
    amount = pd.to_numeric(orders["amount"]).to_numpy(dtype=float)
    if dates.isna().any() or orders["customer_id"].isna().any() or not np.isfinite(amount).all():
        raise ValueError("orders hold missing customers, dates or amounts")
    start = dates.min()
    day = ((dates - start).dt.days).to_numpy(dtype=np.int64)
    codes, _ = pd.factorize(orders["customer_id"], sort=False)
    key = codes.astype(np.int64) * (int(day.max()) + 1) + day
    uniq, inverse = np.unique(key, return_inverse=True)
    total = np.bincount(inverse, weights=amount, minlength=uniq.size)
    span = int(day.max()) + 1
    return Transactions(uniq // span, uniq % span, total, pd.Timestamp(start))


@dataclass(frozen=True)
class Summary:
    """Per customer acquired by the calibration end (arrays of one length, days)."""

    first: IntArray  # day of the trial
    x: IntArray  # repeat transactions in the calibration period
    t_x: IntArray  # days from the trial to the last of them (0 when x = 0)
    T: IntArray  # days from the trial to the calibration end
    mbar: FloatArray  # mean value of those repeats (NaN when x = 0)
    x_holdout: IntArray  # repeat transactions after the calibration end
    next_gap: FloatArray  # days from the trial to the first repeat (inf when none, whole data)
    repeat_days: IntArray  # the day of every repeat transaction of these customers (whole data)
    #: False for a summary computed elsewhere (a warehouse): no repeat days, no holdout, so no
    #: tracking plot or repurchase curve can be drawn from it.
    tracked: bool = True


def summarise(tx: Transactions, calibration_end: int, observation_end: int) -> Summary:
    """RFM summary of the customers whose trial is on or before day ``calibration_end``."""
    order = np.lexsort((tx.day, tx.customer))
    cust, day, amt = tx.customer[order], tx.day[order], tx.amount[order]
    keep = day <= observation_end
    cust, day, amt = cust[keep], day[keep], amt[keep]
    starts = np.flatnonzero(np.r_[True, cust[1:] != cust[:-1]])
    counts = np.diff(np.r_[starts, cust.size])
    first = day[starts]
    trial_of_row = np.repeat(first, counts)
    repeat = day > trial_of_row
    cal = repeat & (day <= calibration_end)
    x = np.add.reduceat(cal.astype(np.int64), starts)
    last = np.maximum.reduceat(np.where(cal, day, trial_of_row), starts)
    spent = np.add.reduceat(np.where(cal, amt, 0.0), starts)
    hold = np.add.reduceat((repeat & ~cal).astype(np.int64), starts)
    # first repeat: the smallest repeat day (rows are sorted by day within a customer)
    big = np.iinfo(np.int64).max
    nxt = np.minimum.reduceat(np.where(repeat, day, big), starts)
    acquired = first <= calibration_end
    row_acquired = np.repeat(acquired, counts)
    with np.errstate(invalid="ignore", divide="ignore"):
        mbar = np.where(x > 0, spent / np.maximum(x, 1), np.nan)
    gap = np.where(nxt == big, np.inf, (nxt - first).astype(float))
    return Summary(
        first=first[acquired],
        x=x[acquired],
        t_x=(last - first)[acquired],
        T=(calibration_end - first)[acquired],
        mbar=mbar[acquired],
        x_holdout=hold[acquired],
        next_gap=gap[acquired],
        repeat_days=day[repeat & row_acquired],
    )


def _grouped(s: Summary) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Distinct (x, t_x, T) and how many customers have each."""
    span = int(max(s.T.max(initial=0), s.t_x.max(initial=0))) + 1
    key = (s.x.astype(np.int64) * span + s.t_x) * span + s.T
    uniq, n = np.unique(key, return_counts=True)
    T = uniq % span
    t_x = (uniq // span) % span
    x = uniq // (span * span)
    return x.astype(float), t_x.astype(float), T.astype(float), n.astype(float)


def bgnbd_loglik(r: float, alpha: float, a: float, b: float, x, t_x, T, weights=None) -> float:
    """BG/NBD log-likelihood Σ wᵢ·ℓᵢ of customers (x, t_x, T) (time in α's unit; nats)."""
    return float(_bgnbd(np.array([r, alpha, a, b]), *_arrays(x, t_x, T, weights))[0])


def _arrays(x, t_x, T, weights) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    return x, t_x, T, w


def _bgnbd(
    params: FloatArray, x: FloatArray, t_x: FloatArray, T: FloatArray, w: FloatArray
) -> tuple[float, FloatArray]:
    """(Σ w·ℓ, ∂Σw·ℓ/∂(r, α, a, b)) of the BG/NBD likelihood."""
    return _bgnbd_terms(x, t_x, T, w)(params)


def _bgnbd_terms(x: FloatArray, t_x: FloatArray, T: FloatArray, w: FloatArray):
    """The BG/NBD likelihood of customers (x, t_x, T) with weights w as a function ``params →
    (Σ w·ℓ, ∂Σw·ℓ/∂(r, α, a, b))``. The terms of x alone (Γ, ψ) are taken once a distinct x,
    the logarithms once a distinct t_x and T (a few hundred days), and gathered: a million
    customers then cost a few element-wise passes an evaluation, not a dozen special functions
    (the same sums, in another order)."""
    ux, ix = np.unique(x, return_inverse=True)
    uT, iT = np.unique(T, return_inverse=True)
    ut, it = np.unique(t_x, return_inverse=True)
    wx = np.bincount(ix, weights=w, minlength=ux.size)  # weight of each distinct x
    rep = x > 0
    urep = ux > 0
    ubx1 = np.where(urep, ux - 1.0, 0.0)  # b + x - 1 is b + ubx1 (1.0 where x = 0, below)
    wsum = float(np.sum(w))

    def f(params: FloatArray) -> tuple[float, FloatArray]:
        r, alpha, a, b = params
        urx = r + ux
        ua12 = (gammaln(urx) - gammaln(r) + r * math.log(alpha) + gammaln(a + b)
                + gammaln(b + ux) - gammaln(b) - gammaln(a + b + ux))  # fmt: skip
        log_bx1 = np.where(urep, np.log(b + ubx1), 0.0)
        rx = urx[ix]
        log_aT = np.log(alpha + uT)[iT]
        log_at = np.log(alpha + ut)[it]
        a3 = -rx * log_aT
        a4 = np.where(rep, math.log(a) - log_bx1[ix] - rx * log_at, -np.inf)
        tail = np.logaddexp(a3, a4)
        ll = float(np.dot(wx, ua12) + np.dot(w, tail))
        wp3, wp4 = w * np.exp(a3 - tail), w * np.exp(a4 - tail)  # weighted shares of the terms
        wp4_x = np.bincount(ix, weights=wp4, minlength=ux.size)
        d_r = (np.dot(wx, digamma(urx)) + wsum * (math.log(alpha) - digamma(r))
               - np.dot(wp3, log_aT) - np.dot(wp4, np.where(rep, log_at, 0.0)))  # fmt: skip
        d_alpha = (wsum * r / alpha - np.dot(wp3 * rx, (1.0 / (alpha + uT))[iT])
                   - np.dot(wp4 * rx, (1.0 / (alpha + ut))[it]))  # fmt: skip
        dg_ab = digamma(a + b)
        d_a = np.dot(wx, dg_ab - digamma(a + b + ux)) + float(np.sum(wp4)) / a
        bx1 = np.where(urep, b + ubx1, 1.0)
        d_b = (np.dot(wx, dg_ab + digamma(b + ux) - digamma(b) - digamma(a + b + ux))
               - np.dot(wp4_x, 1.0 / bx1))  # fmt: skip
        return ll, np.array([d_r, d_alpha, d_a, d_b], dtype=float)

    return f


def _gg_terms(x: FloatArray, m: FloatArray):
    """The Gamma-Gamma likelihood of returning customers (x ≥ 1, mean repeat value m) as a
    function ``params → (Σℓ, ∂Σℓ/∂(p, q, v))``; the terms that do not move with the parameters
    are taken once, and those of x alone (Γ, ψ) once a distinct x (ℓ as in
    ``simulator.clv.gg_loglik``; the same sums, in another order)."""
    log_m, log_x, xm = np.log(m), np.log(x), x * m
    sum_log_mx = float(np.sum(x * (log_m + log_x)))
    sum_log_m = float(np.sum(log_m))
    n = float(x.size)
    ux, nx = np.unique(x, return_counts=True)
    nx = nx.astype(float)

    def f(params: FloatArray) -> tuple[float, FloatArray]:
        p, q, v = params
        pux = p * ux
        log_xm_v = np.log(xm + v)
        inv_xm_v = 1.0 / (xm + v)
        sum_x_log = float(np.dot(x, log_xm_v))
        sum_log = float(np.sum(log_xm_v))
        ll = (
            np.dot(nx, gammaln(pux + q) - gammaln(pux))
            - p * sum_x_log
            - q * sum_log
            + n * (q * math.log(v) - gammaln(q))
            + p * sum_log_mx
            - sum_log_m
        )
        dg = digamma(pux + q)
        d_p = np.dot(nx * ux, dg - digamma(pux)) - sum_x_log + sum_log_mx
        d_q = np.dot(nx, dg) - sum_log + n * (math.log(v) - digamma(q))
        d_v = n * q / v - p * float(np.dot(x, inv_xm_v)) - q * float(np.sum(inv_xm_v))
        return float(ll), np.array([d_p, d_q, d_v])

    return f


@dataclass(frozen=True)
class _Optimum:
    params: FloatArray
    loglik: float
    cov: FloatArray
    converged: bool


def _maximise(f, starts: list[FloatArray], scale: float) -> _Optimum:
    """Maximise ``f(params) → (ll, grad)`` over the log-parameters: from the first start, and
    from the next ones only while the best so far has not reached a flat optimum inside the
    bounds."""

    def neg(theta: FloatArray) -> tuple[float, FloatArray]:
        params = np.exp(theta)
        ll, grad = f(params)
        if not math.isfinite(ll):
            return 1e300, np.zeros_like(theta)
        return -ll / scale, -grad * params / scale

    def flat(theta: FloatArray) -> bool:
        # A line search that cannot improve on an optimum's last digits stops "abnormally" at
        # it: judge by the gradient (per customer, in log-parameters), not the exit message.
        inside = bool(np.all(np.abs(theta) < _LOG_BOUND - 1e-6))
        return inside and float(np.max(np.abs(neg(theta)[1]))) < _GRAD_TOL

    bounds = [(-_LOG_BOUND, _LOG_BOUND)] * len(starts[0])
    best = None
    for start in starts:
        res = minimize(neg, np.log(start), jac=True, method="L-BFGS-B", bounds=bounds,
                       options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-10})  # fmt: skip
        if best is None or res.fun < best.fun:
            best = res
        if flat(best.x):
            break
    params = np.exp(best.x)
    return _Optimum(params, f(params)[0], _covariance(f, params), flat(best.x))


def _covariance(f, params: FloatArray) -> FloatArray:
    """Inverse observed information: central differences of the analytic gradient."""
    k = params.size
    hess = np.empty((k, k))
    for i in range(k):
        h = _SE_STEP * params[i]
        up, down = params.copy(), params.copy()
        up[i] += h
        down[i] -= h
        hess[i] = (f(up)[1] - f(down)[1]) / (2.0 * h)
    info = -(hess + hess.T) / 2.0
    try:
        if np.all(np.linalg.eigvalsh(info) > 0.0):
            return np.linalg.inv(info)
    except np.linalg.LinAlgError:
        pass
    return np.full((k, k), np.nan)


@dataclass(frozen=True)
class RepeatFit:
    """BG/NBD (time in days) and Gamma-Gamma fitted to an order history (``fit_repeat_model``).

    ``params`` and ``stderr`` have the keys r, alpha, a, b (BG/NBD) and p, q, v (Gamma-Gamma;
    NaN when fewer than ``MIN_GG_CUSTOMERS`` customers came back); ``loglik`` is the BG/NBD
    log-likelihood at the optimum, ``gg_loglik`` the Gamma-Gamma one; ``cov`` and ``gg_cov`` the
    covariance matrices of the estimates in the order of ``BGNBD_KEYS`` and ``GG_KEYS``."""

    params: dict[str, float]
    stderr: dict[str, float]
    loglik: float
    gg_loglik: float
    cov: FloatArray
    gg_cov: FloatArray
    converged: bool
    gg_converged: bool
    start: pd.Timestamp
    calibration_end: pd.Timestamp
    observation_end: pd.Timestamp
    n_customers: int
    n_repeaters: int
    n_transactions: int  # transactions (customer-days) of those customers, calibration period
    summary: Summary = field(repr=False)

    @property
    def bgnbd(self) -> tuple[float, float, float, float]:
        return tuple(self.params[k] for k in BGNBD_KEYS)  # type: ignore[return-value]

    @property
    def has_gamma_gamma(self) -> bool:
        return all(math.isfinite(self.params[k]) for k in GG_KEYS)

    @property
    def calibration_days(self) -> int:
        return int((self.calibration_end - self.start).days)

    @property
    def observation_days(self) -> int:
        return int((self.observation_end - self.start).days)

    def tracking(self, step_days: int = 7) -> pd.DataFrame:
        """Cumulative repeat transactions of the customers acquired by the calibration end, every
        ``step_days`` days (and on the last day): ``day``, ``date``, ``actual``, ``model`` and
        ``holdout`` (the day is after the calibration end)."""
        last = self.observation_days
        s = self.summary
        lags = np.arange(last + 1, dtype=float)
        ex = np.asarray(expected_repeats(lags, *self.bgnbd), dtype=float)  # E[X(0)] = 0
        cohort = np.bincount(s.first, minlength=last + 1).astype(float)
        model = np.convolve(cohort, ex)[: last + 1]
        actual = np.cumsum(np.bincount(s.repeat_days, minlength=last + 1))[: last + 1]
        days = np.unique(np.r_[np.arange(step_days - 1, last + 1, step_days), last])
        return pd.DataFrame(
            {
                "day": days,
                "date": self.start + pd.to_timedelta(days, unit="D"),
                "actual": actual[days].astype(float),
                "model": model[days],
                "holdout": days > self.calibration_days,
            }
        )

    def repurchase_curve(self, max_days: int | None = None) -> pd.DataFrame:
        """RR(τ) for τ = 1 … ``max_days`` (default: the longest followed span, at most 730):
        ``model`` = 1 − (α/(α+τ))^r, ``actual`` = the share of customers followed for at least
        τ days who bought again within τ days, ``customers`` = how many were followed that long."""
        s = self.summary
        followed = self.observation_days - s.first  # days each customer can be seen
        top = int(min(730 if max_days is None else max_days, followed.max(initial=0)))
        tau = np.arange(1, top + 1)
        if top < 1:
            return pd.DataFrame(columns=["days", "model", "actual", "customers"])
        n_followed = np.bincount(followed, minlength=top + 2)
        at_least = n_followed[::-1].cumsum()[::-1]  # customers followed ≥ τ days
        gaps = s.next_gap[np.isfinite(s.next_gap)].astype(np.int64)
        came_back = np.cumsum(np.bincount(gaps, minlength=top + 1))[: top + 1]
        seen_short = np.cumsum(np.bincount(followed[np.isfinite(s.next_gap)], minlength=top + 1))
        # came back within τ and followed ≥ τ: all who came back within τ minus those followed < τ
        back = came_back[tau] - seen_short[tau - 1]
        eligible = at_least[tau].astype(float)
        r, alpha = self.params["r"], self.params["alpha"]
        with np.errstate(invalid="ignore", divide="ignore"):
            actual = np.where(eligible > 0, back / eligible, np.nan)
        return pd.DataFrame(
            {
                "days": tau,
                "model": repurchase_rate(tau, r, alpha),
                "actual": actual,
                "customers": eligible,
            }
        )

    def holdout_totals(self) -> tuple[float, float]:
        """(actual, model) repeat transactions after the calibration end, of the customers
        acquired by it: the out-of-sample check in one pair of numbers."""
        s = self.summary
        trial = s.first.astype(float)
        model = np.sum(expected_repeats(self.observation_days - trial, *self.bgnbd)) - np.sum(
            expected_repeats(self.calibration_days - trial, *self.bgnbd)
        )
        return float(s.x_holdout.sum()), float(model)

    def implied_old_share(self, age_days: float, lifetime_days: float = float("inf")) -> float:
        """Old-customer order share of a store ``age_days`` old with a constant flow of new
        buyers under the fitted BG/NBD, accounts lasting ``lifetime_days`` on average (what the
        engine's α calibration inverts, §6.6)."""
        return old_share_at_age(age_days, *self.bgnbd, lifetime_days)


def _as_timestamp(value) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value).normalize()


#: Threads the fit's BLAS/OpenMP pools may use (see the module docstring) [DERIVED: measured].
FIT_BLAS_THREADS = 1


@threadpool_limits.wrap(limits=FIT_BLAS_THREADS)
def fit_repeat_model(orders: pd.DataFrame, calibration_end=None, observation_end=None) -> RepeatFit:
    """Fit BG/NBD (days) and Gamma-Gamma to ``orders`` (columns customer_id, date, amount).

    ``calibration_end`` (date, inclusive; default the last order date) ends the period the model
    is fitted on; orders after it, up to ``observation_end`` (default the last order date), are
    the holdout. ``ValueError`` when nobody bought twice in the calibration period (the repeat
    rate is then not identified) or the dates are out of order.
    """
    tx = transactions(orders)
    last = tx.start + pd.Timedelta(days=tx.last_day)
    obs = _as_timestamp(observation_end) or last
    cal = _as_timestamp(calibration_end) or obs
    check_calibration_end(tx.start, cal, obs)
    cal_day, obs_day = int((cal - tx.start).days), int((obs - tx.start).days)
    return fit_summary(summarise(tx, cal_day, obs_day), tx.start, cal, obs)


def check_calibration_end(start: pd.Timestamp, cal: pd.Timestamp, obs: pd.Timestamp) -> None:
    """Refuse a calibration end outside [first order, observation end] (``ModelError``
    "cal_end"), for any reader of orders."""
    if not start <= cal <= obs:
        raise ModelError(
            "cal_end",
            f"calibration_end {cal.date()} must lie between the first order "
            f"{start.date()} and observation_end {obs.date()}",
            units={"end": "date", "first": "date", "last": "date"},
            end=cal.date().isoformat(),
            first=start.date().isoformat(),
            last=obs.date().isoformat(),
        )


@threadpool_limits.wrap(limits=FIT_BLAS_THREADS)
def fit_summary(s: Summary, start: pd.Timestamp, cal: pd.Timestamp, obs: pd.Timestamp) -> RepeatFit:
    """Fit BG/NBD (days) and Gamma-Gamma to a per-customer RFM summary ``s`` (days counted from
    ``start``, the first order in the data; calibration end ``cal``, observation end ``obs``):
    what ``fit_repeat_model`` does after ``summarise``, and what a summary computed out of core
    (``simulator.bigfile``) or in a warehouse is fitted with. ``ModelError`` "no_repeat" when
    nobody bought twice in the calibration period."""
    if not np.any(s.x > 0):
        raise ModelError(
            "no_repeat", "no customer bought again in the calibration period: nothing to fit"
        )
    x, t_x, T, n = _grouped(s)

    bg = _bgnbd_terms(x, t_x, T, n)
    mean_t = max(1.0, float(np.average(T, weights=n)))
    starts = [np.array([1.0, mean_t, 1.0, 1.0]), np.array([0.25, mean_t / 10, 0.8, 2.5]),
              np.array([2.0, 10 * mean_t, 0.5, 5.0])]  # fmt: skip
    fit = _maximise(bg, starts, float(n.sum()))
    se = np.sqrt(np.diag(fit.cov))
    params = dict(zip(BGNBD_KEYS, map(float, fit.params), strict=True))
    stderr = dict(zip(BGNBD_KEYS, map(float, se), strict=True))

    back = (s.x > 0) & (s.mbar > 0)
    gg_ll, gg_cov, gg_ok = float("nan"), np.full((3, 3), np.nan), False
    if int(back.sum()) >= MIN_GG_CUSTOMERS and np.ptp(s.mbar[back]) > 0:
        gx, gm = s.x[back].astype(float), s.mbar[back]
        gg = _gg_terms(gx, gm)
        scale_v = float(np.mean(gm))
        gg_fit = _maximise(gg, [np.array([1.0, 2.0, scale_v]), np.array([5.0, 4.0, scale_v])],
                           float(gx.size))  # fmt: skip
        params.update(zip(GG_KEYS, map(float, gg_fit.params), strict=True))
        stderr.update(zip(GG_KEYS, map(float, np.sqrt(np.diag(gg_fit.cov))), strict=True))
        gg_ll, gg_cov, gg_ok = gg_fit.loglik, gg_fit.cov, gg_fit.converged
    else:
        params.update(dict.fromkeys(GG_KEYS, float("nan")))
        stderr.update(dict.fromkeys(GG_KEYS, float("nan")))
    return RepeatFit(
        params=params,
        stderr=stderr,
        loglik=fit.loglik,
        gg_loglik=gg_ll,
        cov=fit.cov,
        gg_cov=gg_cov,
        converged=fit.converged,
        gg_converged=gg_ok,
        start=pd.Timestamp(start),
        calibration_end=cal,
        observation_end=obs,
        n_customers=int(s.x.size),
        n_repeaters=int(np.sum(s.x > 0)),
        n_transactions=int(s.x.size + s.x.sum()),
        summary=s,
    )


def simulate_orders(
    n_customers: int,
    params: Mapping[str, float],
    *,
    acquisition_days: int,
    observation_days: int,
    rng: np.random.Generator,
    start: str = "2025-01-01",
) -> pd.DataFrame:
    """Synthetic order history drawn from known BG/NBD (days) and Gamma-Gamma parameters.

    Each customer's trial is at the start of a uniform day of the first ``acquisition_days``;
    while alive she buys at rate λ ~ Gamma(r, α) (a Poisson process), and after each repeat
    purchase drops out with probability p ~ Beta(a, b). Order values are Gamma(p_gg, ν) with
    ν ~ Gamma(q, v) (rates). A purchase falls on the day its time is in; orders are kept to day
    ``observation_days − 1``. Columns customer_id, date, amount.

    Days are the model's clock: two purchases of one customer on one day are one transaction
    when fitted, which loses about (r + 1)/α of the repeats (E[λ²]/E[λ]), most of them the
    heaviest buyers'. Recovery tests keep that below half a percent; at CDNOW's pace
    (α = 30.9 days, 4%) the fitted shapes move by a few standard errors at 50,000 customers."""
    r, alpha, a, b = (params[k] for k in BGNBD_KEYS)
    p_gg, q, v = (params[k] for k in GG_KEYS)
    trial = rng.integers(0, acquisition_days, size=n_customers)
    lam = rng.gamma(r, 1.0 / alpha, size=n_customers)
    drop = rng.beta(a, b, size=n_customers)
    nu = rng.gamma(q, 1.0 / v, size=n_customers)
    horizon = observation_days - trial  # time each customer is followed (days)
    ids, days = [np.arange(n_customers)], [trial.astype(float)]
    now = np.zeros(n_customers)
    alive = np.arange(n_customers)
    while alive.size:
        now[alive] += rng.exponential(1.0, size=alive.size) / lam[alive]
        seen = alive[now[alive] < horizon[alive]]
        ids.append(seen)
        days.append(trial[seen] + now[seen])
        stay = rng.random(seen.size) >= drop[seen]
        alive = seen[stay]
    cust = np.concatenate(ids)
    day = np.floor(np.concatenate(days)).astype(np.int64)
    amount = rng.gamma(p_gg, 1.0, size=cust.size) / nu[cust]
    return pd.DataFrame(
        {
            "customer_id": cust,
            "date": pd.Timestamp(start) + pd.to_timedelta(day, unit="D"),
            "amount": amount,
        }
    )


def with_fitted_uncertainty(
    scenario: Scenario,
    fitted: Mapping[str, tuple[float, float]],
    note: str,
    correlations: Mapping[str, float] | None = None,
) -> Scenario:
    """``scenario`` whose parameters at the paths of ``fitted`` (path → (estimate, standard
    error)) carry the fit's uncertainty (``Scenario.uncertainty``, ``override_from_se``: Normal
    on the estimate, LogNormal for a positive-only one, P10–P90 = estimate ∓ 1.28 SE). A path
    without a finite positive SE drops any override it had (the new value's old range would
    no longer fit it). ``correlations`` (``uncertainty.fit_correlations`` of the fit's
    covariance) replace every correlation the scenario had on a fitted path; a pair is kept only
    when both its paths carry the fit's uncertainty."""
    overrides = dict(scenario.uncertainty)
    for path, (estimate, se) in fitted.items():
        overrides.pop(path, None)
        if math.isfinite(estimate) and math.isfinite(se) and se > 0:
            overrides[path] = override_from_se(PARAMS[path], estimate, se, note)
    pairs = {k: v for k, v in scenario.correlations.items()
             if not set(k.split(PAIR)) & set(fitted)}  # fmt: skip
    pairs |= {k: v for k, v in (correlations or {}).items()
              if all(p in overrides and p in fitted for p in k.split(PAIR))}  # fmt: skip
    if overrides == scenario.uncertainty and pairs == scenario.correlations:
        return scenario
    return Scenario.model_validate(
        {**scenario.model_dump(), "uncertainty": overrides, "correlations": pairs}
    )


#: Registry paths of the BG/NBD and Gamma-Gamma estimates, in the fit's order (α is not a
#: parameter: the engine calibrates it from the old-customer share).
BGNBD_PATHS = ("repeat.r", None, "repeat.a", "repeat.b")
GG_PATHS = ("repeat.gg_p", "repeat.gg_q", "repeat.gg_v")


def apply_repeat_fit(
    scenario: Scenario, fit: RepeatFit, *, use_alpha: bool = True, gamma_gamma: bool = True
) -> Scenario:
    """``scenario`` with the fitted repeat model: BG/NBD shapes r, a, b; with ``use_alpha`` the
    old-customer share the fitted α implies at the store's age (the engine calibrates α from that
    share, so it recovers the fitted α); with ``gamma_gamma`` (when fitted) the Gamma-Gamma spend
    model. Raises ``ValueError`` (naming the parameter and its range) for a value out of range."""
    out = scenario
    for key in ("r", "a", "b"):
        out = set_param(out, f"repeat.{key}", fit.params[key])
    fitted = {f"repeat.{k}": (fit.params[k], fit.stderr[k]) for k in ("r", "a", "b")}
    corr = fit_correlations(BGNBD_PATHS, fit.cov)  # the fit's estimates move together
    if use_alpha:
        share = fit.implied_old_share(
            float(scenario.store.age_days), float(scenario.repeat.lifetime_days)
        )
        out = set_param(out, "funnel.old_customer_share", share)
    if gamma_gamma and fit.has_gamma_gamma:
        repeat = out.repeat.model_dump() | {
            "spend_model": "gamma_gamma",
            **{f"gg_{k}": fit.params[k] for k in GG_KEYS},
        }
        out = set_param(out, "repeat", repeat)
        fitted |= {f"repeat.gg_{k}": (fit.params[k], fit.stderr[k]) for k in GG_KEYS}
        corr |= fit_correlations(GG_PATHS, fit.gg_cov)
    return with_fitted_uncertainty(out, fitted, "order history", corr)


def recalibrated_alpha(scenario: Scenario, fit: RepeatFit) -> float:
    """α (days) the engine would use with the fitted shapes and the scenario's own old-customer
    share and age (the fitted α set aside)."""
    return calibrate_alpha(
        scenario.funnel.old_customer_share,
        float(scenario.store.age_days),
        fit.params["r"],
        fit.params["a"],
        fit.params["b"],
        float(scenario.repeat.lifetime_days),
    )


def gg_mean(fit: RepeatFit) -> float:
    """Mean repeat order value p·v/(q − 1) of the fitted Gamma-Gamma (NaN when q ≤ 1)."""
    p, q, v = (fit.params[k] for k in GG_KEYS)
    if not (math.isfinite(q) and q > 1):
        return float("nan")
    return gg_population_mean(p, q, v)


# --------------------------------------------------------------------------- daily shop metrics
#: Fewest days a daily export is fitted on, and fewest for a weekday profile (two of each day).
MIN_DAYS = 7
MIN_DAYS_WEEKDAY = 14
#: |growth ÷ its standard error| above this counts as a real trend (about 95% two-sided).
SIGNIFICANT_Z = 1.96


@dataclass(frozen=True)
class DailyFit:
    """The baseline read off a daily export of shop metrics (``fit_daily_metrics``).

    ``uv_level`` is the visitors per day the fitted trend reaches on the day after the data
    (weekday-neutral); ``uv_mean`` the same without the trend (the data's weekday-neutral mean).
    ``weekday``: Monday…Sunday multipliers of mean 1 with the standard errors of their logs
    (all 1 and 0 when ``has_weekday`` is False).
    Ratios (conversion = buyers ÷ UV, AOV = GMV ÷ buyers, old-customer share = old buyers ÷
    buyers) pool the days; their standard errors come from the daily spread. ``fitted``: per
    date the data and the model (``uv``, ``uv_model``, ``orders``, ``orders_model``, ``gmv``,
    ``gmv_model``)."""

    start: pd.Timestamp
    end: pd.Timestamp
    days: int
    uv_level: float
    uv_mean: float
    weekday: tuple[float, ...]
    weekday_se: tuple[float, ...]
    has_weekday: bool  # False: too few days (or a weekday missing) to estimate one
    growth_pct_month: float
    growth_se: float
    conversion_rate: float
    conversion_se: float
    aov: float
    aov_se: float
    old_customer_share: float
    old_share_se: float
    fitted: pd.DataFrame = field(repr=False)

    @property
    def growth_significant(self) -> bool:
        return (
            math.isfinite(self.growth_se)
            and self.growth_se > 0
            and abs(self.growth_pct_month / self.growth_se) > SIGNIFICANT_Z
        )

    @property
    def has_old_share(self) -> bool:
        return math.isfinite(self.old_customer_share)

    def level(self, use_growth: bool) -> float:
        return self.uv_level if use_growth else self.uv_mean


def _ratio(num: FloatArray, den: FloatArray) -> tuple[float, float]:
    """Σnum ÷ Σden and its standard error from the daily spread (ratio estimator)."""
    total = float(den.sum())
    if total <= 0:
        return float("nan"), float("nan")
    ratio = float(num.sum()) / total
    n = num.size
    if n < 2:
        return ratio, float("nan")
    resid = num - ratio * den
    se = math.sqrt(float(np.sum(resid**2)) / (n * (n - 1))) / (total / n)
    return ratio, se


def _daily_frame(daily: pd.DataFrame) -> pd.DataFrame:
    """The daily metrics checked (columns, one row per date) and sorted by date."""
    need = {"date", "uv", "buyers", "gmv"}
    if not need <= set(daily.columns):
        raise ValueError(f"daily metrics need the columns {sorted(need)}")
    dates = daily["date"]
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, format="mixed")
    df = daily.assign(date=dates.dt.normalize())
    df = df.sort_values("date").reset_index(drop=True)
    if df["date"].duplicated().any():
        raise ValueError("daily metrics hold a date more than once")
    return df


def _log_uv_fit(
    uv: np.ndarray, t: np.ndarray, dow: np.ndarray, use: np.ndarray, weekly: bool
) -> tuple[float, float, np.ndarray, np.ndarray]:
    """Least squares ln UV_t = Σ_d γ_d·1[weekday(t) = d] + β·t on the days ``use`` (one level
    instead of weekday dummies unless ``weekly``; ``t`` centred): β, its standard error, γ and
    the standard errors of ln w_d = γ_d − mean γ."""
    design_days = np.eye(7)[dow] if weekly else np.ones((len(t), 1))
    X = np.column_stack([design_days, t])[use]
    y = np.log(uv[use])
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ coef
    dof = max(1, X.shape[0] - X.shape[1])
    sigma2 = float(resid @ resid) / dof
    cov = sigma2 * np.linalg.pinv(X.T @ X)
    beta, beta_se = float(coef[-1]), math.sqrt(max(0.0, float(cov[-1, -1])))
    gamma = coef[:-1] if weekly else np.zeros(7)
    # ln w_d = γ_d − mean γ: its covariance is C·cov·Cᵀ with C = I − 1/7 (the level drops out)
    contrast = np.eye(7) - 1.0 / 7.0
    gamma_se = (np.sqrt(np.clip(np.diag(contrast @ cov[:7, :7] @ contrast.T), 0, None))
                if weekly else np.zeros(7))  # fmt: skip
    return beta, beta_se, gamma, gamma_se


def fit_daily_metrics(daily: pd.DataFrame) -> DailyFit:
    """Fit the baseline to daily shop metrics: columns ``date``, ``uv`` (访客数), ``buyers``
    (支付买家数), ``gmv`` (支付金额) and optionally ``old_buyers`` (老买家数), one row per date.

    ``ln UV_t = Σ_d γ_d·1[weekday(t) = d] + β·t`` by least squares on the days with visitors
    (weekday dummies only when the data hold at least ``MIN_DAYS_WEEKDAY`` days; none with fewer
    than ``MIN_DAYS`` → ``ValueError``); growth g = e^{30β} − 1 per month."""
    df = _daily_frame(daily)
    dates = df["date"]
    uv, buyers, gmv = (df[c].to_numpy(dtype=float) for c in ("uv", "buyers", "gmv"))
    old = df["old_buyers"].to_numpy(dtype=float) if "old_buyers" in df else None
    t = ((dates - dates.iloc[0]).dt.days).to_numpy(dtype=float)
    dow = dates.dt.day_of_week.to_numpy()
    use = uv > 0
    if int(use.sum()) < MIN_DAYS:
        raise ModelError(
            "too_few_days", f"at least {MIN_DAYS} days with visitors are needed", n=MIN_DAYS
        )
    weekly = int(use.sum()) >= MIN_DAYS_WEEKDAY and len(set(dow[use])) == 7
    t_mid = float(t[use].mean())
    beta, beta_se, gamma, gamma_se = _log_uv_fit(uv, t - t_mid, dow, use, weekly)
    w = np.exp(gamma - gamma.mean())
    w = w / w.mean()
    # Levels as ratio estimators (no log-retransformation bias): visitors ÷ the model's shape,
    # over the days with visitors (a closed day says nothing of the level).
    shape_trend = w[dow] * np.exp(beta * (t - t_mid))
    next_day = float(t[-1] + 1.0)
    try:
        level_trend = float(uv[use].sum() / shape_trend[use].sum()) * math.exp(
            beta * (next_day - t_mid)
        )
        growth = math.expm1(DAYS_PER_MONTH * beta) * 100.0
        growth_se = DAYS_PER_MONTH * math.exp(DAYS_PER_MONTH * beta) * beta_se * 100.0
    except OverflowError:
        raise ModelError("daily_wild", "the visitors change too wildly to fit a trend") from None
    level_flat = float(uv[use].sum() / w[dow][use].sum())
    cr, cr_se = _ratio(buyers, uv)
    aov, aov_se = _ratio(gmv, buyers)
    if old is not None:
        share, share_se = _ratio(old, buyers)
    else:
        share, share_se = float("nan"), float("nan")
    uv_model = level_trend * np.exp(beta * (t - next_day)) * w[dow]
    orders_model = uv_model * cr
    fitted = pd.DataFrame(
        {
            "date": dates,
            "uv": uv,
            "uv_model": uv_model,
            "orders": buyers,
            "orders_model": orders_model,
            "gmv": gmv,
            "gmv_model": orders_model * aov,
        }
    )
    return DailyFit(
        start=pd.Timestamp(dates.iloc[0]),
        end=pd.Timestamp(dates.iloc[-1]),
        days=len(df),
        uv_level=level_trend,
        uv_mean=level_flat,
        weekday=tuple(float(v) for v in w),
        weekday_se=tuple(float(v) for v in gamma_se),
        has_weekday=weekly,
        growth_pct_month=growth,
        growth_se=growth_se,
        conversion_rate=cr,
        conversion_se=cr_se,
        aov=aov,
        aov_se=aov_se,
        old_customer_share=share,
        old_share_se=share_se,
        fitted=fitted,
    )


class PaidExceedsVisitors(ModelError):
    """The scenario's paid channels and affiliates alone bring more visitors (``paid``) than the
    daily metrics measured (``total``): no organic traffic is left to set (code ``paid_exceed``)."""

    def __init__(self, paid: float, total: float) -> None:
        super().__init__(
            "paid_exceed",
            f"the scenario's paid channels and affiliates bring {paid:,.0f} visitors a day, "
            f"more than the {total:,.0f} measured",
            paid=paid,
            total=total,
        )

    @property
    def paid(self) -> float:
        return float(self.params["paid"])

    @property
    def total(self) -> float:
        return float(self.params["total"])


def other_visitors(scenario: Scenario) -> float:
    """Visitors per day the scenario brings besides organic traffic on an everyday (non-campaign)
    day: paid search and display (budget ÷ CPC) and affiliates."""
    tr = scenario.traffic
    paid = sum(ch.budget_per_day / ch.cpc for ch in (tr.paid_search, tr.display) if ch.cpc > 0)
    return float(paid + tr.affiliate.uv_per_day)


def apply_daily_fit(scenario: Scenario, fit: DailyFit, *, use_growth: bool) -> Scenario:
    """``scenario`` with the baseline read off the daily metrics: organic visitors (the measured
    visitors less those the scenario's paid channels and affiliates bring), weekday profile
    (when estimated), monthly growth (0 unless ``use_growth``: the level is then the data's
    mean), conversion, order value and, when measured, old-customer share. ``PaidExceedsVisitors`` when the paid channels alone bring more visitors
    than measured; ``ValueError`` naming the parameter when a value is out of range."""
    total = fit.level(use_growth)
    organic = total - other_visitors(scenario)
    if organic < 0:
        raise PaidExceedsVisitors(other_visitors(scenario), total)
    out = set_param(scenario, "traffic.organic_uv", organic)
    if fit.has_weekday:
        w = np.asarray(fit.weekday)
        profile = w if w.max() <= 5.0 else w / w.max()
        out = set_param(out, "traffic.weekday_profile", tuple(float(v) for v in profile))
    out = set_param(out, "traffic.growth_pct_month", fit.growth_pct_month if use_growth else 0.0)
    out = set_param(out, "funnel.conversion_rate", fit.conversion_rate)
    out = set_param(out, "store.aov", fit.aov)
    fitted = {
        "traffic.growth_pct_month": (fit.growth_pct_month, fit.growth_se if use_growth else 0.0),
        "funnel.conversion_rate": (fit.conversion_rate, fit.conversion_se),
        "store.aov": (fit.aov, fit.aov_se),
    }
    if fit.has_old_share:
        out = set_param(out, "funnel.old_customer_share", fit.old_customer_share)
        fitted["funnel.old_customer_share"] = (fit.old_customer_share, fit.old_share_se)
    return with_fitted_uncertainty(out, fitted, "daily metrics")


if __name__ == "__main__":  # python -m simulator.calibration fit FILE --calibration-end DATE
    import runpy  # the command line lives in simulator.fitcli (it reads files: simulator.bigfile)

    runpy.run_module("simulator.fitcli", run_name="__main__")
