"""simulator.studies and the small closed forms the pages used to compute themselves (issue 18:
pages only draw). Values worked out by hand or against the mechanism they read."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulator import load_preset, set_param, simulate, studies
from simulator.clv import gg_order_cv, gg_order_cv2, gg_population_mean, gg_scale_for_mean
from simulator.dsr import recovery_seed_formula, seed_formula_five_stars
from simulator.membership import clv, repurchase_curve
from simulator.service import auto_reply_cap

CAMPAIGN, STORE = "double12_campaign", "mid_store"


@pytest.mark.parametrize(
    ("p", "q", "mean"), [(6.25, 3.74, 115.5), (1.0, 1.5, 40.0), (20.0, 2.1, 7.0)]
)
def test_the_gamma_gamma_scale_gives_the_mean_it_was_asked_for(p: float, q: float, mean: float):
    v = gg_scale_for_mean(mean=mean, p=p, q=q)
    assert gg_population_mean(p, q, v) == pytest.approx(mean, rel=1e-12)


def test_the_order_cv_is_the_root_of_its_square_and_infinite_without_a_variance() -> None:
    # (p + q − 1)/(p(q − 2)) at p = 6.25, q = 3.74: 8.99/10.875
    assert gg_order_cv(6.25, 3.74) == pytest.approx(math.sqrt(8.99 / 10.875))
    assert gg_order_cv(6.25, 3.74) ** 2 == pytest.approx(gg_order_cv2(6.25, 3.74))
    assert gg_order_cv(1.0, 2.0) == math.inf


def test_the_seed_formula_is_read_up_to_binary_rounding() -> None:
    # 6/(5 − f) − 1: 11, 14, 19, 29, 59 (4.6 gives 13.999999999999988, 4.9 59.00000000000021)
    got = [seed_formula_five_stars(g) for g in (4.5, 4.6, 4.7, 4.8, 4.9)]
    assert got == [11, 14, 19, 29, 59]
    assert seed_formula_five_stars(4.0) == math.ceil(recovery_seed_formula(4.0)) == 5


def test_the_auto_reply_caps_the_gap_at_its_inverse() -> None:
    assert auto_reply_cap(0.2) == pytest.approx(5.0)
    assert auto_reply_cap(0.0) == math.inf


def test_the_adequate_desk_is_the_fewest_extra_agents_within_twice_the_golden_seconds() -> None:
    """With two everyday agents seed 003's campaign needs one more on its event days: none
    leaves the busiest hour above 2 × 6 s, one brings it within."""
    plan = set_param(load_preset(CAMPAIGN), "service.agents", 2)
    ref = load_preset(STORE)
    agents, capacity = studies.adequate_campaign(plan=plan, reference=ref)
    limit = studies.ADEQUATE_RT_MULTIPLE * plan.service.rt_ref_s

    def peak(extra: int, cap: float = 0.0) -> studies.CampaignCase:
        return studies.campaign_case(
            plan=plan, reference=ref, extra_agents=extra, extra_capacity=cap
        )

    assert agents == 1
    assert peak(0).peak_rt > limit >= peak(1).peak_rt
    # the capacity ships the busiest day's orders: no backlog with it, one without
    assert capacity > 0
    assert peak(agents, capacity).backlog == pytest.approx(0.0, abs=1e-9)
    assert peak(agents).backlog > 0


def test_a_campaign_case_reads_its_run() -> None:
    plan, ref = load_preset(CAMPAIGN), load_preset(STORE)
    case = studies.campaign_case(plan=plan, reference=ref, extra_agents=3, extra_capacity=50.0)
    staffed = set_param(set_param(plan, "service.campaign_extra_agents", 3),
                        "fulfilment.campaign_extra_capacity", 50.0)  # fmt: skip
    res = simulate(staffed, reference=ref)
    assert case.profit == res.totals["profit"]
    assert case.backlog == res.totals["backlog_max"]
    assert case.saturated == pytest.approx(res.daily["saturated_hours"].sum())
    assert case.peak_rt == pytest.approx(np.nanmax(res.quality.service.hourly_rt_s))
    assert list(case.daily.columns) == ["day", "dsr_logistics", "dsr_service", "backlog"]


def test_the_store_stage_is_the_preset_as_its_own_reference() -> None:
    sc = load_preset("mid_store")
    stage = studies.store_stage(scenario=sc)
    res = simulate(sc)
    assert stage.inquiries == pytest.approx(res.daily["inquiries"].mean())
    assert stage.old_share == pytest.approx(res.daily["old_customer_share"].iloc[0])
    assert 0.0 < stage.loyal < 1.0


def test_star_moments_are_at_the_start_and_at_the_lowest_score() -> None:
    res = simulate(load_preset(CAMPAIGN), reference=load_preset(STORE))
    (d0, s0), (low, s_low) = studies.star_moments(result=res, dimension="logistics")
    assert d0 == 0
    assert low == int(np.argmin(res.daily["dsr_logistics"].to_numpy())) > 0
    assert s0.sum() == pytest.approx(1.0) and s_low.sum() == pytest.approx(1.0)
    assert s_low[0] > s0[0]  # more 1★ at the low than at the start


def test_the_busiest_day_spreads_its_inquiries_over_the_hours() -> None:
    res = simulate(load_preset(CAMPAIGN), reference=load_preset(STORE))
    busiest = studies.busiest_day_hours(result=res)
    assert busiest.inquiries.sum() == pytest.approx(res.daily["inquiries"].max())
    assert res.daily["inquiries"].iloc[busiest.day] == res.daily["inquiries"].max()
    assert busiest.response_time_s.shape == (24,)


def test_cohort_readouts_use_the_runs_calibration() -> None:
    ref = load_preset(STORE)
    plan = set_param(ref, "funnel.old_customer_share", 0.4)
    res = simulate(plan, reference=ref)
    cal, days = res.calibration, np.array([30.0, 365.0])
    got = studies.cohort_repurchase(result=res, reference=ref, days=days)
    want = repurchase_curve(plan, ref, cal.alpha_days, cal.repeat_multiplier, days)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    value = studies.customer_value(result=res, reference=ref)
    want_clv = clv(plan, ref, cal.alpha_days, cal.repeat_multiplier)
    assert value.clv_discounted == pytest.approx(want_clv.clv_discounted)
    total = studies.running_totals(daily=res.daily, column="profit")
    assert total.iloc[-1] == pytest.approx(res.totals["profit"])


def test_the_cancelled_share_is_of_paid_orders() -> None:
    assert studies.cancelled_share(totals={"orders_cancelled": 5.0, "orders_paid": 200.0}) == 0.025
    assert studies.cancelled_share(totals={"orders_cancelled": 0.0, "orders_paid": 0.0}) == 0.0
