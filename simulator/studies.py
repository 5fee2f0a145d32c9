"""Studies and readouts beside the daily table: what the DSR & service and Membership pages show
that is not a column of ``Result``, computed here so that the pages only draw (issue 18).

Two kinds of function, all called by keyword:

* **studies** run ``simulate`` on presets or variants of a scenario: seed 003's campaign with
  more agents and warehouse capacity (:func:`campaign_case`, :func:`adequate_campaign`) and the
  V6 store-stage figures of a preset (:func:`store_stage`);
* **readouts** read one ``Result`` (with the reference it was simulated against where the
  mechanism needs it): the star shares at the start and at the low of a score
  (:func:`star_moments`), the busiest day's hours (:func:`busiest_day_hours`), the cohort
  repurchase curve and CLV of a new customer (:func:`cohort_repurchase`, :func:`customer_value`),
  the membership uptake at the scenario's prices (:func:`uptake_terms`) and the referral K
  (:func:`referral_k`).

Each states the equation it evaluates; the mechanisms themselves live in their own modules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import clv as clv_mod
from . import membership
from .engine import Result, calibrate, simulate
from .registry import PARAMS
from .scenario import Scenario, set_param
from .service import hourly_profile

FloatArray = np.ndarray

#: An adequate campaign desk answers its busiest hour within this many × RT_ref (the 黄金6秒
#: norm, MODEL.md §2 [SEED 000]). [ASSUMPTION] twice the norm: 12 s against 6 s costs the
#: response-time factor m_RT = 2^{−(RT − RT_ref)/h_RT} about 3 % of inquiry conversion at the
#: default h_RT = 120 s, while a desk short of agents on a campaign day answers in minutes.
ADEQUATE_RT_MULTIPLE = 2.0


@dataclass(frozen=True)
class CampaignCase:
    """Seed 003's campaign with some extra agents and warehouse capacity on its event days: the
    figures the DSR page's what-if table compares."""

    peak_rt: float  # s, slowest staffed hour's mean first response of the horizon (0 if none)
    saturated: float  # staffed hours over the horizon with more load than chat servers
    backlog: float  # orders, largest warehouse backlog
    late: float  # late-dispatch rate
    cancelled: float  # orders cancelled past the ship-by deadline
    compensation: float  # yuan, 延迟发货 compensation
    service_min: float  # lowest DSR service score
    logistics_min: float  # lowest DSR logistics score
    mean_end: float  # mean DSR at the end of the horizon
    gmv: float  # yuan
    service_cost: float  # yuan
    profit: float  # yuan
    daily: pd.DataFrame  # day, dsr_logistics, dsr_service, backlog


def _with_campaign_staff(plan: Scenario, extra_agents: int, extra_capacity: float) -> Scenario:
    plan = set_param(plan, "service.campaign_extra_agents", extra_agents)
    return set_param(plan, "fulfilment.campaign_extra_capacity", extra_capacity)


def campaign_case(
    *, plan: Scenario, reference: Scenario, extra_agents: int, extra_capacity: float
) -> CampaignCase:
    """``plan`` simulated against ``reference`` with ``extra_agents`` (agents) and
    ``extra_capacity`` (orders a day) on its event days; peak RT = max over days and staffed
    hours of the hourly mean first response (auto-reply hours excluded)."""
    res = simulate(_with_campaign_staff(plan, extra_agents, extra_capacity), reference=reference)
    d, tot = res.daily, res.totals
    assert res.quality is not None
    return CampaignCase(
        peak_rt=float(np.nanmax(res.quality.service.hourly_rt_s, initial=0.0)),
        saturated=float(d["saturated_hours"].sum()),
        backlog=tot["backlog_max"],
        late=tot["late_rate"],
        cancelled=tot["orders_cancelled"],
        compensation=tot["late_compensation"],
        service_min=tot["dsr_service_min"],
        logistics_min=tot["dsr_logistics_min"],
        mean_end=tot["dsr_mean_end"],
        gmv=tot["gmv"],
        service_cost=tot["service_cost"],
        profit=tot["profit"],
        daily=d[["day", "dsr_logistics", "dsr_service", "backlog"]].copy(),
    )


def adequate_campaign(*, plan: Scenario, reference: Scenario) -> tuple[int, float]:
    """(extra agents, extra capacity) that keep ``plan``'s campaign within the golden seconds and
    without a backlog: the fewest extra agents (capacity as it is) whose busiest hour answers within
    ``ADEQUATE_RT_MULTIPLE`` × RT_ref (the registry's largest if none does), and the capacity
    ⌈max_t orders_paid,t − capacity⌉⁺ for the busiest day's orders, read from a run with those
    agents and the registry's largest extra capacity (nothing held back by the warehouse)."""
    limit = ADEQUATE_RT_MULTIPLE * plan.service.rt_ref_s
    agents = 0
    for extra in range(0, int(PARAMS["service.campaign_extra_agents"].hi) + 1):
        agents = extra
        case = campaign_case(plan=plan, reference=reference, extra_agents=extra, extra_capacity=0.0)
        if case.peak_rt <= limit:
            break
    # The orders the warehouse must ship come with those agents (a prompter desk converts more).
    unlimited = PARAMS["fulfilment.campaign_extra_capacity"].hi
    staffed = _with_campaign_staff(plan, agents, unlimited)
    peak = float(simulate(staffed, reference=reference).daily["orders_paid"].max())
    return agents, float(max(0.0, math.ceil(peak - plan.fulfilment.capacity_per_day)))


@dataclass(frozen=True)
class StoreStage:
    """V6 figures of a store-stage preset (MODEL.md V6)."""

    inquiries: float  # inquiries a day, mean over the horizon
    old_share: float  # old-customer share of orders on day 0
    loyal: float  # share of the customers still with the store who ordered at least twice


def store_stage(*, scenario: Scenario) -> StoreStage:
    """``scenario`` simulated as its own reference; the loyal share is ``membership.loyal_share``
    of its calibrated α over the store's age."""
    res = simulate(scenario)
    cal, r = res.calibration, scenario.repeat
    loyal = membership.loyal_share(
        cal.age_days, r.r, cal.alpha_days, r.a, r.b, float(r.lifetime_days)
    )
    return StoreStage(
        inquiries=float(res.daily["inquiries"].mean()),
        old_share=float(res.daily["old_customer_share"].iloc[0]),
        loyal=loyal,
    )


def star_moments(*, result: Result, dimension: str) -> tuple[tuple[int, FloatArray], ...]:
    """((0, shares), (t_low, shares)): the 1★…5★ shares in ``dimension``'s window at the end of
    day 0 and of the day its score is lowest, t_low = argmin_t F_t (the first such day)."""
    assert result.quality is not None
    low = int(np.argmin(result.daily[f"dsr_{dimension}"].to_numpy()))
    return tuple((day, result.quality.stars_at(dimension, day)) for day in (0, low))


@dataclass(frozen=True)
class BusiestDay:
    """The day with the most inquiries, hour by hour."""

    day: int  # index of the day in the horizon
    inquiries: FloatArray  # 24 hours: w_h · inquiries of the day
    response_time_s: FloatArray  # 24 hours: mean first response, NaN where the auto-reply answers


def busiest_day_hours(*, result: Result) -> BusiestDay:
    """The first day with the most inquiries; its inquiries by hour are the day's total spread
    over the hourly profile w_h (``service.hourly_profile``)."""
    assert result.quality is not None
    busiest = int(np.argmax(result.daily["inquiries"].to_numpy()))
    inquiries = hourly_profile() * float(result.daily["inquiries"].iloc[busiest])
    return BusiestDay(busiest, inquiries, result.quality.service.hourly_rt_s[busiest])


def cancelled_share(*, totals: dict[str, float] | pd.Series) -> float:
    """Orders cancelled past the ship-by deadline over paid orders (0 without paid orders)."""
    paid = totals["orders_paid"]
    return totals["orders_cancelled"] / paid if paid else 0.0


def cohort_repurchase(*, result: Result, reference: Scenario, days: FloatArray) -> FloatArray:
    """RR(τ) of ``result``'s new customers at ``days`` (``membership.repurchase_curve`` with the
    run's calibrated α and old-customer lever)."""
    cal = result.calibration
    return membership.repurchase_curve(
        result.scenario, reference, cal.alpha_days, cal.repeat_multiplier, days
    )


def customer_value(*, result: Result, reference: Scenario) -> clv_mod.CLVResult:
    """CLV of one new customer of ``result`` (``membership.clv`` with the run's calibration)."""
    cal = result.calibration
    return membership.clv(result.scenario, reference, cal.alpha_days, cal.repeat_multiplier)


@dataclass(frozen=True)
class UptakeTerms:
    """What a scheme returns a buyer, and its uptake at the scenario's price."""

    benefit: float  # yuan: B_mem (member, a year) or B_card (card holder, one term)
    uptake: float  # e' (enrolment at the fee) or c' (card uptake at the card price)


def uptake_terms(*, scenario: Scenario, reference: Scenario, card: bool) -> UptakeTerms:
    """The membership's (``card=False``) or the card's benefit (``membership.member_benefit``,
    ``card_benefit``) and priced uptake (``membership.priced_uptake``) of ``scenario`` at the α
    calibrated on ``reference``."""
    alpha = calibrate(scenario, reference).alpha_days
    e1, c1 = membership.priced_uptake(scenario, reference, alpha)
    if card:
        return UptakeTerms(benefit=membership.card_benefit(scenario, alpha), uptake=c1)
    return UptakeTerms(benefit=membership.member_benefit(scenario, alpha), uptake=e1)


def referral_k(*, result: Result, reference: Scenario) -> float:
    """K = e'·ρ·L_ref of ``result``'s scenario at its priced enrolment (``membership.viral_factor``)."""
    priced = membership.priced(result.scenario, reference, result.calibration.alpha_days)
    return membership.viral_factor(priced)


def running_totals(*, daily: pd.DataFrame, column: str) -> pd.Series:
    """Σ_{s ≤ t} x_s of a daily column (cumulative profit or cash)."""
    return daily[column].cumsum()


@dataclass(frozen=True)
class RepeatSpend:
    """Old customers' basket as the scenario's spend model has it (``membership.repeat_basket``)."""

    mean: float  # yuan, mean list value of a repeat order
    sigma: float  # lognormal σ of the basket
    aov_ratio: float  # mean ÷ the store's AOV
    order_cv: float  # Gamma-Gamma CV of one order's value (inf for q ≤ 2; NaN under "ratio")


def repeat_spend(*, scenario: Scenario) -> RepeatSpend:
    """Mean and σ of a repeat basket, its ratio to AOV0 and, under Gamma-Gamma, the CV of one
    order's value √((p + q − 1)/(p·(q − 2))) (``clv.gg_order_cv``)."""
    mean, sigma = membership.repeat_basket(scenario)
    rp = scenario.repeat
    cv = clv_mod.gg_order_cv(rp.gg_p, rp.gg_q) if rp.spend_model == "gamma_gamma" else math.nan
    return RepeatSpend(mean=mean, sigma=sigma, aov_ratio=mean / scenario.store.aov, order_cv=cv)
