"""Ratings and the DSR 店铺动态评分 (MODEL.md §7): star mixtures, 180-day rolling windows,
industry comparison, recovery cost and the feedback of the scores on sales.

Three dimensions: D = 宝贝与描述相符 (one rating per item), S = 卖家服务 and R = 物流服务 (one rating
per order) [SEED 000]. Stars of an order with an incident follow π_bad, otherwise π_good:

    π_j,t = (1 − q_j,t)·π_good + q_j,t·π_bad        mean μ = 4.8905 − 1.7205·q      (§7.2)
    F_j,t = Σ_k k·N_j,k,t / Σ_k N_j,k,t             N summed over the rolling window   (§7.4)
    rel_j,t = (F_j,t − F_ind,mean)/(F_ind,max − F_ind,mean)                          (§7.5)
    x_k = (f − k)/(5 − f)  five-star ratings to neutralise one k-star rating          (§7.6)

Seed 000 prints the recovery bound as x ≥ 6/(5 − f) − 1, which gives 29 at f = 4.8; the correct
bound from (5x + k)/(N + x + 1) ≥ f with the window at f is x ≥ (f − k)/(5 − f), 19 for k = 1
(MODEL.md §1.7 E2).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

#: Stars 1…5 (index 0…4).
STARS = np.arange(1, 6, dtype=float)
#: No-incident star distribution, 1★…5★: seed 000's worked example (5★ 94.16 %, 4★ 3.05 %,
#: 3★ 1.43 %, 2★ 0.40 %, 1★ 0.96 %), mean 4.8905 [SEED 000; test T1].
PI_GOOD = np.array([0.0096, 0.0040, 0.0143, 0.0305, 0.9416])
#: Incident star distribution, 1★…5★, mean 3.17: gap 1.72 to π_good matched to the late-delivery
#: gap of Olist reviews, 1.73–1.74 [ASSUMPTION; SECONDARY Olist] (test V10).
PI_BAD = np.array([0.32, 0.09, 0.09, 0.10, 0.40])
MU_GOOD = float(PI_GOOD @ STARS)
MU_BAD = float(PI_BAD @ STARS)
#: Latest ratings a buyer sees on the first page of reviews (§7.7) [ASSUMPTION].
LATEST_VISIBLE = 20
#: Discount depth at which every order counts as a deal order in the description driver: 5折, seed
#: 003's 全场5折 campaign [ASSUMPTION].
DEEP_DISCOUNT = 0.5
DIMENSIONS = ("description", "service", "logistics")
#: Seed 000's example: on 8月11日 the window covers 2月12日–8月11日 (181 days inclusive).
WINDOW_DAYS = {"seed": 181, "strict": 180}


def score(counts: np.ndarray) -> float:
    """F = Σ k·n_k / Σ n_k for star counts (or shares) ordered 1★…5★ (T1)."""
    c = np.asarray(counts, dtype=float)
    total = c.sum()
    if total <= 0:
        raise ValueError("no ratings")
    return float(c @ STARS / total)


def recovery_five_stars(f: float, k: int = 1) -> float:
    """Five-star ratings that bring a window at score ``f`` back to ``f`` after one k★ rating.

    (5x + k + f·N)/(N + 1 + x) ≥ f  ⇔  x ≥ (f − k)/(5 − f). Display with :func:`five_stars_needed` (T2).
    """
    if not 1.0 <= f < 5.0:
        raise ValueError("f must lie in [1, 5)")
    if k not in (1, 2, 3, 4):
        raise ValueError("k must be 1, 2, 3 or 4")
    return max(0.0, (f - k) / (5.0 - f))


def five_stars_needed(f: float, k: int = 1) -> int:
    """:func:`recovery_five_stars` rounded up for display (decimal scores such as 4.9 carry binary
    rounding: 39.000000000000036 is 39)."""
    return math.ceil(round(recovery_five_stars(f, k), 9))


def recovery_seed_formula(f: float) -> float:
    """Seed 000's printed bound 6/(5 − f) − 1 (wrong: kept to show the correction)."""
    return 6.0 / (5.0 - f) - 1.0


def seed_formula_five_stars(f: float) -> int:
    """Five-star ratings seed 000's bound asks for at score ``f``: ⌈6/(5 − f) − 1⌉, read as the
    seed would (a bound of 11.000000000000002 from binary rounding is 11)."""
    return math.ceil(recovery_seed_formula(f) - 1e-9)


def window_start(day: dt.date, convention: str = "seed") -> dt.date:
    """First day of the DSR window that ends on ``day`` (T3): seed = ``day − 180 d`` (inclusive,
    181 days); strict = 180 days inclusive."""
    return day - dt.timedelta(days=WINDOW_DAYS[convention] - 1)


def industry_relative(f, industry_mean: float, industry_max: float):
    """rel = (F − mean)/(max − mean): 0 at the mean, 1 at the maximum, negative below (T4)."""
    return (np.asarray(f, dtype=float) - industry_mean) / (industry_max - industry_mean)


@dataclass(frozen=True)
class Mixture:
    """Star distributions of one dimension: without (good) and with (bad) an incident, and the
    incident probability q0 that reproduces the initial score."""

    good: FloatArray
    bad: FloatArray
    q0: float

    def stars(self, q) -> np.ndarray:
        """π(q) for an array of incident probabilities: shape (..., 5)."""
        qq = np.clip(np.asarray(q, dtype=float), 0.0, 1.0)[..., None]
        return (1.0 - qq) * self.good + qq * self.bad

    def mean(self, q) -> np.ndarray:
        return self.stars(q) @ STARS


def mixture_for(f0: float) -> Mixture:
    """The mixture whose star mean is ``f0`` at q0 (§7.2).

    Inside [3.17, 4.8905]: π_good and π_bad with q0 = (4.8905 − F0)/1.7205 (4.8 → 0.0526). Above
    4.8905 the no-incident stars take more 5★ (a share w of all-5★ ratings); below 3.17 the
    incident stars take more 1★ [ASSUMPTION: MODEL.md asks the user for π_good there].
    """
    if not 1.0 <= f0 <= 5.0:
        raise ValueError("a DSR score lies in [1, 5]")
    five, one = np.eye(5)[4], np.eye(5)[0]
    if f0 >= MU_GOOD:
        w = (f0 - MU_GOOD) / (5.0 - MU_GOOD)
        return Mixture((1.0 - w) * PI_GOOD + w * five, PI_BAD.copy(), 0.0)
    if f0 <= MU_BAD:
        w = (MU_BAD - f0) / (MU_BAD - 1.0)
        return Mixture(PI_GOOD.copy(), (1.0 - w) * PI_BAD + w * one, 1.0)
    return Mixture(PI_GOOD.copy(), PI_BAD.copy(), (MU_GOOD - f0) / (MU_GOOD - MU_BAD))


@dataclass(frozen=True)
class RatingStream:
    """Ratings of one dimension by the day the orders were paid."""

    ratings: FloatArray  # ratings per order day (orders·ρ_rev, × units for D)
    incident: FloatArray  # q_j of those orders
    lag: FloatArray  # days from payment to rating (fractional)


@dataclass(frozen=True)
class WindowDays:
    """A dimension's score at the end of every day, its window and the latest ratings."""

    score: FloatArray
    arrivals: FloatArray  # ratings arriving each day
    low_share_latest: FloatArray  # share of 1–2★ among the latest 20 ratings
    window_stars: FloatArray  # (T, 5) star counts in the window at the end of each day


def rolling_window(
    mix: Mixture,
    plan: RatingStream,
    history_per_day: float,
    history_lag: float,
    window_days: int,
) -> WindowDays:
    """Rolling-window scores for the plan's ratings on top of a steady history.

    History: ratings at ``history_per_day`` from orders before day 0 (incident probability q0,
    lag ``history_lag``), long enough to fill the window on day 0 and to keep arriving on the
    first days: the steady state of §7.2. A day whose window is empty keeps the last score.
    """
    if np.ndim(plan.ratings) > 1:
        return _rolling_windows(mix, plan, history_per_day, history_lag, window_days)
    horizon = plan.ratings.shape[-1]
    lead = window_days + int(math.ceil(history_lag)) + 2
    size = lead + horizon
    arrivals = np.zeros((size, 5))
    hist_days = np.arange(-lead, 0, dtype=float)
    _scatter(arrivals, hist_days + history_lag + lead,
             np.full(lead, history_per_day)[:, None] * mix.stars(mix.q0)[None, :])  # fmt: skip
    days = np.arange(horizon, dtype=float)
    _scatter(arrivals, days + plan.lag + lead, plan.ratings[:, None] * mix.stars(plan.incident))
    cum = np.vstack((np.zeros((1, 5)), np.cumsum(arrivals, axis=0)))
    end = np.arange(lead, size) + 1  # cum index after day t
    in_window = cum[end] - cum[np.maximum(end - window_days, 0)]
    in_window = np.maximum(in_window, 0.0)
    n = in_window.sum(axis=1)
    raw = np.divide(in_window @ STARS, n, out=np.full(horizon, np.nan), where=n > 1e-12)
    f0 = float(mix.mean(mix.q0))
    scores = _forward_fill(raw, f0)
    total = cum.sum(axis=1)
    low = cum[:, 0] + cum[:, 1]
    c_t = total[end]
    seen = np.minimum(c_t, LATEST_VISIBLE)
    low_before = np.interp(c_t - seen, total, low)
    # Fewer than 20 ratings ever: the rest of the first page reads like the initial window.
    low0 = float(mix.stars(mix.q0)[:2].sum())
    latest = (low[end] - low_before + (LATEST_VISIBLE - seen) * low0) / LATEST_VISIBLE
    return WindowDays(
        score=np.clip(scores, 1.0, 5.0),
        arrivals=arrivals[lead:].sum(axis=1),
        low_share_latest=np.clip(latest, 0.0, 1.0),
        window_stars=in_window,
    )


def _rolling_windows(
    mix: Mixture, plan: RatingStream, history_per_day: FloatArray, history_lag: FloatArray,
    window_days: int,
) -> WindowDays:  # fmt: skip
    """``rolling_window`` for a batch of paths (leading axis P; numbers (P, 1)), each path with
    its own history lag and so its own lead of history days. Every path's arrays sit at the end
    of a common length, the front padded with zeros: the cumulative sums, the windows and the
    scatter of each path are those of its own run, number for number."""
    ratings = np.asarray(plan.ratings, dtype=float)
    paths, horizon = ratings.shape
    h_lag = np.broadcast_to(np.asarray(history_lag, dtype=float), (paths, 1))[:, 0]
    h_day = np.broadcast_to(np.asarray(history_per_day, dtype=float), (paths, 1))[:, 0]
    leads = window_days + np.ceil(h_lag).astype(int) + 2
    top = int(leads.max())
    size = top + horizon
    offset = top - leads  # the zeros in front of each path
    arrivals = np.zeros((paths, size, 5))
    j = np.arange(top, dtype=float)[None, :]
    hist_pos = j + h_lag[:, None] + offset[:, None]  # own position j + lag, shifted
    hist_mass = np.where((j < leads[:, None])[..., None],
                         h_day[:, None, None] * mix.stars(mix.q0)[None, None, :], 0.0)  # fmt: skip
    _scatter_paths(arrivals, hist_pos, hist_mass)
    days = np.arange(horizon, dtype=float)[None, :]
    _scatter_paths(arrivals, days + plan.lag + top, ratings[..., None] * mix.stars(plan.incident))
    cum = np.concatenate((np.zeros((paths, 1, 5)), np.cumsum(arrivals, axis=1)), axis=1)
    end = np.arange(top, size) + 1
    in_window = np.maximum(cum[:, end] - cum[:, end - window_days], 0.0)
    n = in_window.sum(axis=-1)
    raw = np.divide(in_window @ STARS, n, out=np.full((paths, horizon), np.nan), where=n > 1e-12)
    f0 = float(mix.mean(mix.q0))
    scores = np.stack([_forward_fill(r, f0) for r in raw])
    total = cum.sum(axis=-1)
    low = cum[..., 0] + cum[..., 1]
    c_t = total[:, end]
    seen = np.minimum(c_t, LATEST_VISIBLE)
    low_before = np.stack([np.interp(c - s, t, lw)
                           for c, s, t, lw in zip(c_t, seen, total, low, strict=True)])  # fmt: skip
    low0 = float(mix.stars(mix.q0)[:2].sum())
    latest = (low[:, end] - low_before + (LATEST_VISIBLE - seen) * low0) / LATEST_VISIBLE
    return WindowDays(
        score=np.clip(scores, 1.0, 5.0),
        arrivals=arrivals[:, top:].sum(axis=-1),
        low_share_latest=np.clip(latest, 0.0, 1.0),
        window_stars=in_window,
    )


def _scatter_paths(out: np.ndarray, pos: np.ndarray, mass: np.ndarray) -> None:
    """``_scatter`` on each path of a batch (out (P, size, 5), pos (P, n), mass (P, n, 5)),
    in one bincount over all paths and stars (each bin summed in the order of its own path)."""
    paths, size = out.shape[:2]
    pos = np.broadcast_to(pos, (paths, pos.shape[-1]))
    mass = np.broadcast_to(mass, pos.shape + mass.shape[-1:])
    lo = np.floor(pos)
    frac = (pos - lo)[..., None]
    lo = lo.astype(int)
    base = (np.arange(paths) * size)[:, None]
    stars = out.shape[-1]
    cells = paths * size * stars
    for idx, w in ((lo, 1.0 - frac), (lo + 1, frac)):
        ok = (idx >= 0) & (idx < size)
        flat = (idx + base)[ok][:, None] * stars + np.arange(stars)  # (path, day, star) cells
        part = (mass * w)[ok]
        out += np.bincount(flat.ravel(), weights=part.ravel(), minlength=cells)[:cells].reshape(
            out.shape
        )


def _scatter(out: np.ndarray, pos: np.ndarray, mass: np.ndarray) -> None:
    """Add ``mass`` (rows) at fractional positions, split linearly between the two nearest days;
    positions past the end are dropped."""
    lo = np.floor(pos)
    frac = (pos - lo)[:, None]
    lo = lo.astype(int)
    size = out.shape[0]
    for idx, w in ((lo, 1.0 - frac), (lo + 1, frac)):
        ok = (idx >= 0) & (idx < size)
        part = (mass * w)[ok]
        for k in range(out.shape[1]):  # bincount: far faster than np.add.at
            out[:, k] += np.bincount(idx[ok], weights=part[:, k], minlength=size)[:size]


def _forward_fill(x: np.ndarray, first: float) -> np.ndarray:
    idx = np.where(np.isnan(x), -1, np.arange(len(x)))
    idx = np.maximum.accumulate(idx) if len(x) else idx
    return np.where(idx >= 0, x[np.maximum(idx, 0)], first)
