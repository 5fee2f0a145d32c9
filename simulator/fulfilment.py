"""Fulfilment: dispatch capacity, backlog, the ship-by deadline, late deliveries and damage
(MODEL.md §6.8).

Orders wait first in, first out (a fluid FIFO queue of daily cohorts). The orders paid on day s
may ship on days s … s + D − 1, D = ``ship_by_days`` (Taobao's default 发货时限: 72 h after payment,
D = 3) [ASSUMPTION: platform rule as commonly stated, not in our seeds]. At the end of every day
from s + D − 1 on, a share h (``cancel_hazard``) of the cohort still waiting is cancelled by its
buyers and refunded in full (the buyer's right to cancel an order not shipped in time); h = 1
(the default) cancels every order still unshipped at the deadline:

    ship_u(s)   = min(left_u(s), K_u − Σ_{s' < s} ship_u(s'))            oldest cohort first
    cancel_u(s) = h·(left_u(s) − ship_u(s))   for u ≥ s + D − 1           buyers cancel
    W_u         = Σ_s left_{u+1}(s)  ≤  Σ_{j ≥ 0} (1 − h)^{max(0, j−D+1)}·Orders_{u−j}

so with h = 1 the backlog never exceeds the last D days' orders. Each cohort's fate (shipped on
time, shipped past the deadline, cancelled) is booked on its payment day, as returns are: the
queue left at the horizon runs on at the last day's capacity, without new orders, until it is
empty. An order of cohort s shipped on day u waited w = u − s days and arrives late with

    p_late(w) = p_late0 + (1 − p_late0)·(1 − exp(−w/d_tol))
    p_late,s  = Σ_u ship_u(s)·p_late(u − s) / Σ_u ship_u(s)           the cohort's shipped orders
    d_s       = Σ_u ship_u(s)·(u − s) / Σ_u ship_u(s)                 days of dispatch delay

(the rate of each order averaged, not the rate of the mean wait: shipping one more order, however
late, never makes the cohort's record worse than cancelling it).

Every order past the deadline (cancelled or shipped late) earns the buyer a 延迟发货 compensation
of c_rate × paid value, at least c_min and at most c_max yuan (5 %, 5 and 30 yuan as the rule is
commonly stated) [ASSUMPTION: platform rule as commonly stated; our seeds do not have it]. Seed
practice "ship by 17:00; clear stock before 10:00" [SEED 003, SEED 001] is the d_s ≈ 0 regime
under capacity; without a backlog every cohort ships on its payment day and nothing changes.

``backlog`` keeps the Lindley recursion W_{t+1} = max(0, W_t + Orders_t − K_t) of a queue without
deadline (closed form W_t = S_t − min_{s ≤ t} S_s, S the cumulative sum of Orders − K): the test of
whether any order waits at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from .scenario import Scenario

FloatArray = NDArray[np.float64]
#: Days the queue left at the horizon may run on at most (only reached with a small hazard):
#: what is still waiting then is counted as cancelled.
RUNOFF_DAYS = 730
#: A cohort remainder below this share of its orders is shipped rounding, not a waiting order.
NEGLIGIBLE = 1e-12


def backlog(orders: np.ndarray, capacity: np.ndarray) -> tuple[FloatArray, FloatArray]:
    """Backlog at the start and at the end of every day without a deadline (Lindley recursion,
    closed form)."""
    o = np.asarray(orders, dtype=float)
    k = np.broadcast_to(np.asarray(capacity, dtype=float), o.shape)
    s = np.concatenate(([0.0], np.cumsum(o - k)))
    w = s - np.minimum.accumulate(s)
    w = np.maximum(w, 0.0)  # rounding of the cumulative sums only
    return w[:-1], w[1:]


def late_rate(delay_days: np.ndarray, late_base: float, scale_days: float) -> FloatArray:
    """p_late = p0 + (1 − p0)·(1 − exp(−d/d_tol))."""
    d = np.maximum(np.asarray(delay_days, dtype=float), 0.0)
    return late_base + (1.0 - late_base) * (1.0 - np.exp(-d / scale_days))


def compensation_per_order(paid_value: np.ndarray, rate: float, lo: float, hi: float) -> FloatArray:
    """延迟发货 compensation of one order: min(c_max, max(c_min, c_rate·paid value)) yuan, on the
    day's mean paid order value [ASSUMPTION: the clip of the mean stands for the mean of the
    clips]."""
    v = np.maximum(np.asarray(paid_value, dtype=float), 0.0)
    return np.minimum(hi, np.maximum(lo, rate * v))


@dataclass(frozen=True)
class Dispatch:
    """The FIFO queue's outcome by cohort (payment day) and by calendar day."""

    dispatched: FloatArray  # orders shipped on each day of the horizon
    backlog: FloatArray  # orders waiting at the end of each day
    shipped: FloatArray  # of each day's orders: shipped (ever, run-off included)
    shipped_late: FloatArray  # of each day's orders: shipped past the deadline
    cancelled: FloatArray  # of each day's orders: cancelled by the buyer
    delay_days: FloatArray  # d_s, mean dispatch wait of each day's shipped orders
    by_wait: FloatArray  # (T, w_max + 1): each day's shipped orders by days waited

    def mean_over_shipped(self, per_wait: FloatArray, empty: float) -> FloatArray:
        """Σ_w ship(s, w)·f(w) / Σ_w ship(s, w) for f given on waits 0…w_max; ``empty`` where a
        day shipped nothing."""
        f = np.asarray(per_wait, dtype=float)
        if self.by_wait.ndim == 2:
            total = self.by_wait @ f
        else:  # a batch of paths (P, T, W), each with its own f: (P, W)
            total = np.einsum("ptw,pw->pt", self.by_wait, np.broadcast_to(
                f, self.by_wait.shape[:1] + f.shape[-1:]))  # fmt: skip
        out = np.broadcast_to(np.asarray(empty, dtype=float), self.shipped.shape).copy()
        return np.divide(total, self.shipped, out=out, where=self.shipped > 0)


def dispatch(
    orders: np.ndarray, capacity: np.ndarray, deadline_days: int, hazard: float
) -> Dispatch:
    """Fluid FIFO dispatch with the ship-by deadline (see the module docstring)."""
    o = np.asarray(orders, dtype=float)
    horizon = o.shape[0]
    k = np.broadcast_to(np.asarray(capacity, dtype=float), o.shape).astype(float)
    zeros = np.zeros(horizon)
    if horizon == 0 or np.all(o <= k):  # nothing ever waits past its payment day
        return Dispatch(o.copy(), zeros, o.copy(), zeros.copy(), zeros.copy(), zeros.copy(),
                        o.reshape(-1, 1).copy())  # fmt: skip
    shipped, late, cancelled, wait = zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy()
    rows: list[int] = []
    waits: list[int] = []
    mass: list[float] = []
    dispatched, waiting = zeros.copy(), zeros.copy()
    # Days on which nothing waits and the day's orders fit ship them that day: only the stretch
    # from the first overloaded day until the queue empties with every later day fitting needs
    # the loop.
    fits = o <= k
    tail_fits = np.flip(np.logical_and.accumulate(np.flip(fits)))
    same_day = np.zeros(horizon, dtype=bool)
    first = int(np.argmin(fits))
    same_day[:first] = True
    queue: list[list[float]] = []  # [cohort day, orders left], oldest first
    last = float(k[-1])
    u = first
    while u < horizon or (queue and u < horizon + RUNOFF_DAYS):
        if not queue and u < horizon and tail_fits[u]:
            same_day[u:] = True
            break
        if u < horizon and o[u] > 0:
            queue.append([u, float(o[u])])
        room = float(k[u]) if u < horizon else last
        for item in queue:
            if room <= 0:
                break
            s = int(item[0])
            x = min(item[1], room)
            room -= x
            item[1] -= x
            shipped[s] += x
            wait[s] += x * (u - s)
            if x > 0:
                rows.append(s)
                waits.append(u - s)
                mass.append(x)
            if u - s >= deadline_days:
                late[s] += x
            if u < horizon:
                dispatched[u] += x
        kept = []
        for item in queue:
            s = int(item[0])
            if u - s >= deadline_days - 1 and item[1] > 0:
                gone = hazard * item[1]
                cancelled[s] += gone
                item[1] -= gone
            if item[1] > NEGLIGIBLE * o[s]:
                kept.append(item)
            else:
                cancelled[s] += max(item[1], 0.0)  # rounding left of a cohort
        queue = kept
        if u < horizon:
            waiting[u] = sum(item[1] for item in queue)
        u += 1
    for item in queue:  # still waiting after the run-off: counted as cancelled
        cancelled[int(item[0])] += item[1]
    shipped[same_day] = o[same_day]
    dispatched[same_day] = o[same_day]
    delay = np.divide(wait, shipped, out=np.full(horizon, float(deadline_days)), where=shipped > 0)
    width = max(waits, default=0) + 1
    by_wait = np.bincount(
        np.asarray(rows, dtype=np.int64) * width + np.asarray(waits, dtype=np.int64),
        weights=np.asarray(mass, dtype=float),
        minlength=horizon * width,
    ).reshape(horizon, width)
    by_wait[same_day, 0] = o[same_day]
    return Dispatch(dispatched, waiting, shipped, late, cancelled, delay, by_wait)


@dataclass(frozen=True)
class FulfilmentDays:
    capacity: FloatArray  # K_t, orders dispatched per day at most
    backlog: FloatArray  # W at the end of the day
    dispatched: FloatArray  # orders shipped that day
    delay_days: FloatArray  # d_t for the shipped orders paid that day
    late_rate: FloatArray  # p_late,t of the shipped orders paid that day
    damage_rate: FloatArray  # p_dmg
    cancelled: FloatArray  # of the orders paid that day: cancelled past the deadline
    shipped_late: FloatArray  # of the orders paid that day: shipped past the deadline
    shipped: FloatArray  # of the orders paid that day: shipped at all
    queue: Dispatch  # the FIFO queue's outcome (shipments by cohort and wait)

    @property
    def cancelled_share(self) -> FloatArray:
        """c_t: share of the day's paid orders cancelled (0 on a day without orders)."""
        o = self.cancelled + self.shipped
        return np.divide(self.cancelled, o, out=np.zeros_like(o), where=o > 0)


def fulfilment_days(plan: Scenario, orders: np.ndarray, event_days: np.ndarray) -> FulfilmentDays:
    """Dispatch of ``orders`` per day; ``event_days`` add ``campaign_extra_capacity``."""
    ff = plan.fulfilment
    o = np.asarray(orders, dtype=float)
    cap = ff.capacity_per_day + ff.campaign_extra_capacity * (np.asarray(event_days) > 0)
    cap = np.broadcast_to(cap, o.shape).astype(float)
    q = dispatch(o, cap, int(ff.ship_by_days), ff.cancel_hazard)
    return FulfilmentDays(
        capacity=cap,
        backlog=q.backlog,
        dispatched=q.dispatched,
        delay_days=q.delay_days,
        late_rate=q.mean_over_shipped(
            late_rate(np.arange(q.by_wait.shape[1]), ff.late_base, ff.delay_scale_days),
            ff.late_base,
        ),
        damage_rate=np.full(o.shape, ff.damage_rate),
        cancelled=q.cancelled,
        shipped_late=q.shipped_late,
        shipped=q.shipped,
        queue=q,
    )
