"""Traffic by source and traffic-mix quality (MODEL.md §6.1).

    UV_org,t  = UV_base·s_dow[w_t]·G_t                         (profile normalised to mean 1)

where w_t = (weekday(start_date) + t) mod 7 is day t's real weekday (Monday = 0), so a profile
fitted from dated shop data (``calibration.fit_daily_metrics``) lands on the same weekdays.
    UV_paid,t = B_ad / CPC                                     (直通车 paid search, 钻展 display)
    UV_aff,t  = affiliate visitors (淘客, paid by commission on the sales they bring)
    UV_act,t  = A_plat·s_act on campaign days                  (聚划算 / 天天特价 windows)

Each source converts at a quality factor relative to the store's everyday (organic) traffic, whose
own quality depends on its precise-traffic share [SEED 002: 64.79%]:

    q_org = [s_prec + (1 − s_prec)·q_imp] / [s_prec,ref + (1 − s_prec,ref)·q_imp]
    M_mix,t = Σ_s q_s·UV_s,t / UV_t

Organic growth G_t saturates: a store fills its market, so growth g > 0 (per month, today) is
logistic towards a ceiling K = k·UV_base (``traffic.market_ceiling`` k, capped so that K never
passes the registry's largest organic UV) [ASSUMPTION: logistic diffusion, as in Bass 1969]:

    G_t = (K/U0) / (1 + (K/U0 − 1)·e^{−ρt}),   ρ = ln(1 + g)/30 / (1 − U0/K)

so the growth rate today is ln(1 + g) a month and G_t → K/U0, never above it (k = 1: no room,
G = 1). A decline (g < 0) is exponential, G_t = (1 + g)^(t/30), and bounded by 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .calendar import weekday_index
from .registry import PARAMS
from .scenario import Scenario

FloatArray = NDArray[np.float64]
DAYS_PER_MONTH = 30.0
#: Largest organic-quality ratio of a plan to its reference (far beyond any real store).
MAX_QUALITY_RATIO = 1e9
#: No day's organic visitors pass the registry's largest ``traffic.organic_uv``.
MAX_ORGANIC_UV = float(PARAMS["traffic.organic_uv"].hi)


@dataclass(frozen=True)
class TrafficDays:
    """Visitors per day by source (arrays of length T) and their quality-weighted sum."""

    organic: FloatArray
    search: FloatArray
    display: FloatArray
    affiliate: FloatArray
    campaign: FloatArray
    campaign_by_window: tuple[FloatArray, ...]
    weighted: FloatArray  # Σ_s q_s·UV_s: visitors in organic-equivalent quality

    @property
    def total(self) -> FloatArray:
        return self.organic + self.search + self.display + self.affiliate + self.campaign

    @property
    def paid(self) -> FloatArray:
        return self.search + self.display


def weekday_factors(profile: tuple[float, ...]) -> FloatArray:
    """Monday…Sunday multipliers normalised to mean 1 (index with ``calendar.weekday_index``)."""
    p = np.asarray(profile, dtype=float)
    p = p / p.max()  # first to [0, 1]: len/sum overflows for a valid profile of tiny values
    return p * (len(p) / p.sum())


def organic_quality(plan: Scenario, reference: Scenario) -> float:
    """q_org: conversion quality of the plan's organic mix relative to the measured (reference) mix."""
    q_imp = plan.traffic.imprecise_quality

    def quality(s: float) -> float:
        return s + (1.0 - s) * q_imp

    base = quality(reference.traffic.precise_share)
    if base <= 0:
        return 1.0
    # A reference whose organic traffic hardly converts at all (quality ~1e-324, a hypothesis
    # find) would make the ratio overflow to inf and 0 visitors × inf = NaN: capped.
    return min(quality(plan.traffic.precise_share) / base, MAX_QUALITY_RATIO)


def campaign_days(start: int, end: int, horizon: int) -> FloatArray:
    """1.0 on the days of an inclusive window [start, end], else 0."""
    t = np.arange(horizon)
    return ((t >= start) & (t <= end)).astype(float)


def event_days(plan: Scenario, horizon: int | None = None) -> FloatArray:
    """1.0 on the days of any platform campaign window or promotion (extra agents and dispatch
    capacity, campaign outreach), else 0; ``horizon`` defaults to the plan's."""
    t = np.arange(plan.horizon_days if horizon is None else horizon)
    on = np.zeros(t.size, dtype=bool)
    for ev in (*plan.traffic.campaigns, *plan.promotions):
        on |= (t >= ev.start_day) & (t <= ev.end_day)
    return on.astype(float)


def organic_growth(uv: float, growth_pct_month: float, ceiling: float, t: FloatArray) -> FloatArray:
    """G_t of the module docstring: organic visitors on day t relative to today (ratio).

    ``uv`` today's organic visitors (UV/day), ``growth_pct_month`` today's growth (%/month),
    ``ceiling`` the market ceiling as a multiple of ``uv``, ``t`` days from day 0.
    """
    t = np.asarray(t, dtype=float)
    g = growth_pct_month / 100.0
    if g <= 0.0 or uv <= 0.0:
        return (1.0 + g) ** (t / DAYS_PER_MONTH)
    room = min(ceiling, MAX_ORGANIC_UV / uv)  # K/U0: the ceiling, within what the registry allows
    if room <= 1.0:
        return np.ones_like(t)
    rho = np.log1p(g) / DAYS_PER_MONTH / (1.0 - 1.0 / room)
    return room / (1.0 + (room - 1.0) * np.exp(-rho * t))


def traffic_days(plan: Scenario, reference: Scenario) -> TrafficDays:
    tr = plan.traffic
    horizon = plan.horizon_days
    t = np.arange(horizon, dtype=float)
    dow = weekday_factors(tr.weekday_profile)[weekday_index(plan.start_date, horizon)]
    growth = organic_growth(tr.organic_uv, tr.growth_pct_month, tr.market_ceiling, t)
    organic = np.minimum(tr.organic_uv * dow * growth, MAX_ORGANIC_UV)
    flat = np.ones(horizon)
    search = flat * tr.paid_search.budget_per_day / tr.paid_search.cpc
    display = flat * tr.display.budget_per_day / tr.display.cpc
    affiliate = flat * tr.affiliate.uv_per_day
    windows = tuple(
        c.platform_uv * c.store_share * campaign_days(c.start_day, c.end_day, horizon)
        for c in tr.campaigns
    )
    campaign = np.sum(windows, axis=0) if windows else np.zeros(horizon)
    weighted = (
        organic * organic_quality(plan, reference)
        + search * tr.paid_search.quality
        + display * tr.display.quality
        + affiliate * tr.affiliate.quality
        + sum(
            (w * c.quality for w, c in zip(windows, tr.campaigns, strict=True)), np.zeros(horizon)
        )
    )
    return TrafficDays(organic, search, display, affiliate, campaign, windows, weighted)


#: Campaign kinds whose traffic the platform withholds from shops below its gate [SEED 001].
GATED_KINDS = frozenset({"juhuasuan", "tiantian_tejia"})


def gated(days: TrafficDays, plan: Scenario, gate: np.ndarray) -> TrafficDays:
    """``days`` with the 聚划算/天天特价 windows closed where ``gate`` is 0 (MODEL.md §7.7)."""
    g = np.asarray(gate, dtype=float)
    if not plan.traffic.campaigns or np.all(g >= 1.0):
        return days
    windows = tuple(
        w * g if c.kind in GATED_KINDS else w
        for w, c in zip(days.campaign_by_window, plan.traffic.campaigns, strict=True)
    )
    lost = sum(
        ((w0 - w) * c.quality for w0, w, c in
         zip(days.campaign_by_window, windows, plan.traffic.campaigns, strict=True)),
        np.zeros_like(g),
    )  # fmt: skip
    campaign = np.sum(windows, axis=0)
    return TrafficDays(days.organic, days.search, days.display, days.affiliate, campaign,
                       windows, days.weighted - lost)  # fmt: skip
