"""Service, fulfilment and DSR put together, and their feedback on sales (MODEL.md §7.3, §7.7).

Incident probabilities of the orders paid on day t (every driver is zero when the plan runs like
the reference, so the initial scores are reproduced exactly):

    q_R,t = (1 − c_t)·[q0_R + (p_late,t − p_late0) + (p_dmg − p_dmg0)] + c_t
    q_S,t = q0_S + s_late·(p_late,t − p_late0) + s_RT·(m_RT0,t − m_RT,t)    (shipped orders;
            a cancelled order counts with p_late = 1, and q_S,t mixes the two by c_t)
    q_D,t = q0_D + d_deal·deal_t + d_pad·pad_t

with deal_t the deep-discount share of orders (discount depth ÷ 50 %, at most 1), pad_t the share
of order value that was topped up (凑单) and c_t the share of the day's paid orders cancelled past
the ship-by deadline (fulfilment.py; p_late,t and the bracket are averaged over the shipped
orders, each at its own wait). D ratings arrive d_t + L_del + L_rev days after payment, from the
shipped orders only (a cancelled order has no item to describe). The logistics and service
scores R and S count every paid order's fate, a cancellation a certain R incident, booked
L_del + L_rev days after payment whatever the dispatch wait [ASSUMPTION: the platform's newer
体验分 (0–100, seed 001) measures shipping timeliness (发货/揽收及时率) and service (refunds,
disputes) over all paid orders, not only the rated ones; R and S stand for it. Booking at a fixed
lag keeps a backlog from pushing its own incidents beyond the horizon, and counting the
cancelled buyers keeps a warehouse that ships nothing from keeping its service score]. Cancelled buyers join the repeat
engine with the weight h_cancel (``cancelled_repeat_factor``; 0: no goods, no customer):

    weight_t = (1 − c_t)·[1 + (h_bad − 1)·(incident_t − incident_0)] + c_t·h_cancel

Feedback on day t from the scores at the end of day t − 1 (so the loop is causal, MODEL.md §7.7):

    M_DSR,t = exp(β_DSR·(F̄_{t−1} − F̄_0))                   F̄ = mean of D, S, R
    M_neg,t = 1 − β_neg·(low_{t−1} − low_0)                 1–2★ share of the latest 20 D ratings
    Gate_t  = 0 if θ_gate > 0 and F̄_{t−1} < θ_gate          (聚划算 / 天天特价 traffic)
    bad-experience cohort: each day's new buyers weigh 1 + (h_bad − 1)·(incident_t − incident_0)
    in the repeat engine, incident = 1 − (1 − q_S)(1 − q_R) [LIT Amorim et al. 2025] (q_R of the
    shipped orders; cancelled buyers weigh h_cancel, see above).

M_DSR and M_neg multiply the new-customer conversion; returning customers know the shop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from . import dsr as dsr_mod
from .fulfilment import FulfilmentDays, fulfilment_days, late_rate
from .scenario import Scenario
from .service import ServiceDays, service_days
from .traffic import GATED_KINDS, event_days, gated, traffic_days

FloatArray = NDArray[np.float64]
__all__ = [
    "GATED_KINDS",
    "Feedback",
    "QualityDays",
    "assess",
    "event_days",
    "initial_gate",
    "reference_service",
]


def initial_gate(store: Scenario, horizon: int) -> FloatArray:
    """The campaign gate the store's own initial scores set (§7.7: closed while F̄ < θ_gate), the
    state its numbers were measured in: a store whose DSR starts below the gate had no gated
    聚划算/天天特价 traffic to serve. F̄_0 as ``_feedback`` reads it (each mixture's mean at q0)."""
    d = store.dsr
    if d.gate <= 0:
        return np.ones(horizon)
    mixtures = [dsr_mod.mixture_for(v) for v in initial_scores(store).values()]
    f0 = np.mean([m.mean(m.q0) for m in mixtures])
    return np.full(horizon, 1.0 if f0 >= d.gate else 0.0)


def reference_service(reference: Scenario, horizon: int) -> FloatArray:
    """m_RT0,t: the reference desk's inquiry-conversion factor on its own traffic, day by day,
    its gated campaign windows as its initial scores set them (``initial_gate``)."""
    ref = reference.model_copy(update={"horizon_days": horizon})
    uv = gated(traffic_days(ref, ref), ref, initial_gate(ref, horizon)).total
    return service_days(ref, uv * ref.funnel.inquiry_rate, event_days(ref)).factor


@dataclass(frozen=True)
class Feedback:
    """What the ratings feed back into the next pass of the engine, day by day."""

    conversion: FloatArray  # M_DSR·M_neg on the new-customer funnel
    gate: FloatArray  # 1 open, 0 closed for gated campaign traffic
    cohort_weight: FloatArray  # bad-experience weight of each day's new buyers

    @classmethod
    def neutral(cls, horizon: int) -> Feedback:
        one = np.ones(horizon)
        return cls(one, one.copy(), one.copy())

    def distance(self, other: Feedback) -> float:
        if self.conversion.size == 0:
            return 0.0
        return float(
            max(
                np.max(np.abs(self.conversion - other.conversion)),
                np.max(np.abs(self.gate - other.gate)),
                np.max(np.abs(self.cohort_weight - other.cohort_weight)),
            )
        )


@dataclass(frozen=True)
class QualityDays:
    """Everything the service, fulfilment and DSR modules say about one run."""

    service: ServiceDays
    fulfilment: FulfilmentDays
    incident: dict[str, FloatArray]  # q_j,t by dimension
    windows: dict[str, dsr_mod.WindowDays]
    mixtures: dict[str, dsr_mod.Mixture]
    feedback: Feedback  # what these scores imply for the next pass
    dsr_mean: FloatArray
    relative: dict[str, FloatArray] = field(default_factory=dict)
    negative_share: FloatArray = field(default_factory=lambda: np.zeros(0))

    def stars_at(self, dimension: str, day: int) -> FloatArray:
        """Star shares 1★…5★ in the window at the end of ``day``."""
        counts = self.windows[dimension].window_stars[day]
        total = counts.sum()
        return counts / total if total > 0 else self.mixtures[dimension].stars(0.0)


def initial_scores(plan: Scenario) -> dict[str, float]:
    ini = plan.dsr.initial
    return {"description": ini.description, "service": ini.service, "logistics": ini.logistics}


def assess(
    plan: Scenario,
    reference: Scenario,
    *,
    orders: FloatArray,
    units_per_order: FloatArray,
    service: ServiceDays,
    service_ref: FloatArray,
    deal_share: FloatArray,
    pad_share: FloatArray,
    events: FloatArray,
    fulfilment: FulfilmentDays | None = None,
) -> QualityDays:
    """Fulfilment, incidents, ratings and scores for one pass's orders, and the feedback.
    ``fulfilment``: the warehouse's outcome for ``orders`` when the caller already has it."""
    d = plan.dsr
    ful = fulfilment if fulfilment is not None else fulfilment_days(plan, orders, events)
    cancel = ful.cancelled_share
    p_late0 = reference.fulfilment.late_base
    late_gap = ful.late_rate - p_late0
    dmg_gap = plan.fulfilment.damage_rate - reference.fulfilment.damage_rate
    mixtures = {k: dsr_mod.mixture_for(v) for k, v in initial_scores(plan).items()}
    # Per shipped order, then averaged: q0 + (p_late(w) − p_late0) + (p_dmg − p_dmg0), in [0, 1].
    waits = np.arange(ful.queue.by_wait.shape[-1])
    unit_late = late_rate(waits, plan.fulfilment.late_base, plan.fulfilment.delay_scale_days)
    q_unit = np.clip(mixtures["logistics"].q0 + unit_late - p_late0 + dmg_gap, 0.0, 1.0)
    q = {
        "logistics": ful.queue.mean_over_shipped(
            q_unit, q_unit[..., :1] if q_unit.ndim > 1 else float(q_unit[0])
        ),
        "service": mixtures["service"].q0
        + d.late_service_loading * late_gap
        + d.response_loading * (service_ref - service.factor),
        "description": mixtures["description"].q0
        + d.deal_loading * deal_share
        + d.padding_loading * pad_share,
    }
    q = {k: np.clip(v, 0.0, 1.0) for k, v in q.items()}
    q_shipped, q_s_shipped = q["logistics"], q["service"]
    q["logistics"] = (1.0 - cancel) * q_shipped + cancel
    # A cancelled order is the latest delivery of all (p_late = 1) for the service dimension.
    q_s_cancel = np.clip(
        mixtures["service"].q0
        + d.late_service_loading * (1.0 - p_late0)
        + d.response_loading * (service_ref - service.factor),
        0.0,
        1.0,
    )
    q["service"] = (1.0 - cancel) * q_s_shipped + cancel * q_s_cancel
    windows = _rating_windows(plan, reference, mixtures, q, orders, units_per_order, ful)
    feedback, f_mean, low = _feedback(plan, mixtures, windows, q_shipped, q_s_shipped, cancel)
    rel = {
        k: dsr_mod.industry_relative(w.score, d.industry_mean, d.industry_max)
        for k, w in windows.items()
    }
    return QualityDays(
        service=service,
        fulfilment=ful,
        incident=q,
        windows=windows,
        mixtures=mixtures,
        feedback=feedback,
        dsr_mean=f_mean,
        relative=rel,
        negative_share=low,
    )


def _rating_windows(
    plan: Scenario, reference: Scenario, mixtures: dict, q: dict[str, FloatArray],
    orders: FloatArray, units_per_order: FloatArray, ful: FulfilmentDays,
) -> dict[str, dsr_mod.WindowDays]:  # fmt: skip
    """Each dimension's rolling rating window: the description rated per unit by the shipped
    orders' buyers after delivery; service and logistics once per paid order at a fixed lag; the
    reference's everyday ratings fill the window before day 0."""
    d, rd = plan.dsr, reference.dsr
    cancel = ful.cancelled_share
    lag = ful.delay_days + plan.fulfilment.delivery_days + d.review_lag_days
    lag_r = np.zeros(plan.horizon_days) + (plan.fulfilment.delivery_days + d.review_lag_days)
    hist_lag = reference.fulfilment.delivery_days + rd.review_lag_days
    ref_orders = reference.traffic.organic_uv * reference.funnel.conversion_rate
    window_days = dsr_mod.WINDOW_DAYS[d.window]
    windows = {}
    for dim, mix in mixtures.items():
        per_order = units_per_order if dim == "description" else 1.0
        hist_per_order = reference.store.units_per_order if dim == "description" else 1.0
        if dim != "description":  # every paid order's fate, at a fixed lag
            stream = dsr_mod.RatingStream(orders * d.rating_rate, q[dim], lag_r)
        else:  # the shipped orders' buyers
            rated = orders * (1.0 - cancel) * d.rating_rate * per_order
            stream = dsr_mod.RatingStream(rated, q[dim], lag)
        windows[dim] = dsr_mod.rolling_window(
            mix, stream, ref_orders * rd.rating_rate * hist_per_order, hist_lag, window_days
        )
    return windows


def _feedback(
    plan: Scenario, mixtures: dict, windows: dict[str, dsr_mod.WindowDays],
    q_shipped: FloatArray, q_s_shipped: FloatArray, cancel: FloatArray,
) -> tuple[Feedback, FloatArray, FloatArray]:  # fmt: skip
    """What the scores send to the next pass (§7.7), with the mean DSR and the 1–2★ share:
    M_DSR = e^{β(f̄_{t−1} − f̄_0)}, M_neg = max(0, 1 − β_neg(low_{t−1} − low_0)), the campaign gate
    f̄_{t−1} ≥ gate, and the bad-experience weight of each day's new buyers."""
    d, horizon = plan.dsr, plan.horizon_days
    f0 = np.mean([mixtures[k].mean(mixtures[k].q0) for k in dsr_mod.DIMENSIONS])
    f_mean = np.mean([windows[k].score for k in dsr_mod.DIMENSIONS], axis=0)
    low0 = float(mixtures["description"].stars(mixtures["description"].q0)[:2].sum())
    low = windows["description"].low_share_latest
    # Scores at the end of day t − 1 act on day t (day 0 sees the initial window).
    f_prev = _after(f0, f_mean)[..., :horizon]
    low_prev = _after(low0, low)[..., :horizon]
    m_dsr = np.exp(d.beta * (f_prev - f0))
    m_neg = np.maximum(0.0, 1.0 - d.beta_negative * (low_prev - low0))
    gate = (f_prev >= d.gate).astype(float) if np.all(d.gate > 0) else np.ones_like(f_prev)
    inc0 = 1.0 - (1.0 - mixtures["service"].q0) * (1.0 - mixtures["logistics"].q0)
    inc = 1.0 - (1.0 - q_s_shipped) * (1.0 - q_shipped)
    weight = np.maximum(0.0, 1.0 + (plan.repeat.bad_experience_factor - 1.0) * (inc - inc0))
    weight = (1.0 - cancel) * weight + cancel * plan.fulfilment.cancelled_repeat_factor
    return Feedback(_snap(m_dsr * m_neg), gate, _snap(weight)), f_mean, low


def _after(first: float, x: FloatArray) -> FloatArray:
    """``first`` then ``x`` shifted by a day along the last axis (the value at the end of the
    previous day)."""
    return np.concatenate((np.full(x.shape[:-1] + (1,), first), x[..., :-1]), axis=-1)


#: A factor closer to 1 than this is rounding of the window sums, not an effect: their relative
#: error grows with the ratings summed (a hypothesis find: 83,000 orders a day left 1.1e-12 on
#: the 1–2★ share of the latest 20 ratings, and the scores' feedback never settled on 1).
SNAP = 1e-9


def _snap(x: FloatArray) -> FloatArray:
    """1 where the window sums' rounding is all that moved a factor off 1 (``SNAP``), so a plan
    run like the reference reproduces it bit for bit."""
    return np.where(np.abs(x - 1.0) < SNAP, 1.0, x)
