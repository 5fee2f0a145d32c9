"""Funnel: inquiry and silent paths (MODEL.md §6.3) and payment with 催付 (§6.4).

Calibration identity (MODEL.md §10c): the store-level paid conversion ``CR0`` the operator reads
off the dashboard includes returning customers, so the new-customer funnel is calibrated to
``(1 − s_old)·CR0`` paid orders per visitor, split into an inquiry path (询单) with conversion
``c_inq`` and a silent path (静默下单) with conversion ``c_sil``:

    c_sil = ((1 − s_old)·CR0 / PR0 − q_inq·c_inq) / (1 − q_inq)

where ``PR0`` is the pay rate of placed orders under the reference reminder policy.

The *reference* scenario is the store as measured today (the workspace baseline); the *plan* is the
scenario being simulated. Calibration constants come from the reference, levers from the plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .vec import is_batch, where

if TYPE_CHECKING:
    from .scenario import Payment, Scenario

#: Reminder delay (minutes) under which the evidence mode makes a reminder backfire, and the delay
#: (one day) from which it works fully [LIT Li, Luo, Lu & Moriguchi 2021; MODEL.md §6.4].
EVIDENCE_BACKFIRE_MIN = 60.0
EVIDENCE_FULL_MIN = 1440.0
EVIDENCE_BACKFIRE_G = -0.5
#: A second reminder (next day, another method) recovers half as much of the residue [SEED 003].
SECOND_REMINDER_FACTOR = 0.5


def timing_factor(payment: Payment) -> float:
    """g(τ_rem): 1 in seed mode; in evidence mode −0.5 below 60 min, rising linearly to 1 at 1 day."""
    if payment.timing_evidence == "seed":
        return 1.0
    tau = payment.reminder_delay_min
    rising = (tau - EVIDENCE_BACKFIRE_MIN) / (EVIDENCE_FULL_MIN - EVIDENCE_BACKFIRE_MIN)
    return where(tau < EVIDENCE_BACKFIRE_MIN, EVIDENCE_BACKFIRE_G,
                 where(tau >= EVIDENCE_FULL_MIN, 1.0, rising))  # fmt: skip


def payment_rates(payment: Payment) -> tuple[float, float, float]:
    """Pay rate of placed orders and reminders sent per placed order (MODEL.md §6.4).

    Returns ``(pay_rate, recovered_by_reminders, reminders_per_order)``, all per placed order.
    With the defaults PR0 = 0.85 + 0.15·(0.7·0.44 + 0.3·0.3) = 0.9097 [DERIVED].
    """
    rho, late = payment.pay_now_share, payment.late_pay_share
    unpaid = 1.0 - rho
    remindable = (1.0 - payment.excluded_share) * unpaid
    excluded = payment.excluded_share * unpaid
    n = payment.reminders
    g = timing_factor(payment) if n > 0 else 0.0
    first = np.maximum(-late, (1.0 - late) * payment.reminder_lift * g) if n > 0 else 0.0
    recovered_rate = late + first
    residue = 1.0 - recovered_rate
    second = SECOND_REMINDER_FACTOR * payment.reminder_lift * residue if n > 1 else 0.0
    recovered = remindable * (recovered_rate + second) + excluded * late
    pay_rate = rho + recovered
    reminders = remindable * (1.0 + (residue if n > 1 else 0.0)) if n > 0 else 0.0
    by_reminders = remindable * (first + second)
    return pay_rate, by_reminders, reminders


def silent_conversion(plan: Scenario, reference: Scenario) -> float:
    """c_sil (placed orders per silent visitor), MODEL.md §6.3, with the plan's conversion lever.

    The reference's inquiry figures and pay rate calibrate the split; the plan's
    ``conversion_rate`` scales the new-customer target. Negative means inconsistent inputs.
    """
    ref = reference.funnel
    pr0 = payment_rates(reference.payment)[0]
    target_placed = (1.0 - ref.old_customer_share) * plan.funnel.conversion_rate / pr0
    q, c = ref.inquiry_rate, ref.inquiry_conversion
    if not is_batch(q):
        return 0.0 if q >= 1.0 else (target_placed - q * c) / (1.0 - q)
    with np.errstate(divide="ignore", invalid="ignore"):  # elementwise over paths
        return np.where(q >= 1.0, 0.0, (target_placed - q * c) / (1.0 - q))


def new_placed_conversion(plan: Scenario, reference: Scenario) -> float:
    """Placed orders per visitor of reference quality, before price and mix multipliers."""
    f = plan.funnel
    c_sil = np.maximum(0.0, silent_conversion(plan, reference))
    return f.inquiry_rate * f.inquiry_conversion + (1.0 - f.inquiry_rate) * c_sil


def beta_from_counts(k: int, n: int) -> tuple[float, float]:
    """Beta(k+1, n−k+1) posterior of a rate seen as k successes in n trials (MODEL.md §9.1, T9)."""
    if not 0 <= k <= n:
        raise ValueError(f"need 0 ≤ k ≤ n, got k={k}, n={n}")
    return float(k + 1), float(n - k + 1)


def implied_conversion(uv_value: float, aov: float) -> float:
    """Conversion implied by 流量价值 = 成交金额 ÷ 访客数 = CR × 客单价 [SEED 002 + 003] (T11)."""
    if aov <= 0:
        raise ValueError("aov must be positive")
    return uv_value / aov


def safe_ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den with 0 where den is 0 (an empty day has no ratio)."""
    out = np.zeros(np.broadcast_shapes(np.shape(num), np.shape(den)))
    np.divide(num, den, out=out, where=np.asarray(den) != 0)
    return out
