"""Bridges between two results: the GMV bridge (LMDI-I: traffic, conversion, AOV and repeat
effects) and the profit bridge (the change of every money line)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import Scenario, load_preset, set_param, simulate
from simulator.bridge import EFFECTS, PROFIT_EFFECTS, _log_mean, gmv_bridge, profit_bridge
from tests.simulator.strategies import repeat_calibration_feasible, scenarios, without_queue


def _scale(*totals) -> float:
    return max(1.0, *(abs(t["gmv"]) for t in totals))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=scenarios(), plan=scenarios(), reference_mode=st.booleans())
def test_effects_sum_to_the_gmv_change(
    base: Scenario, plan: Scenario, reference_mode: bool
) -> None:
    t0 = simulate(base).totals
    if reference_mode and repeat_calibration_feasible(plan, base):
        t1 = simulate(plan, reference=base).totals
    else:
        t1 = simulate(plan).totals
    effects = gmv_bridge(t0, t1)
    assert tuple(effects) == EFFECTS
    assert all(math.isfinite(v) for v in effects.values())
    assert sum(effects.values()) == pytest.approx(
        t1["gmv"] - t0["gmv"], rel=0, abs=1e-9 * _scale(t0, t1)
    )


def test_identical_results_have_no_effects() -> None:
    t = simulate(Scenario()).totals
    assert gmv_bridge(t, t) == dict.fromkeys(EFFECTS, 0.0)


def test_pure_traffic_change_is_all_traffic_plus_the_new_buyers_repeats() -> None:
    # Without chats: more visitors on the same agents would answer slower, a conversion effect.
    base = without_queue(Scenario())
    plan = set_param(base, "traffic.organic_uv", 6000)
    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    effects = gmv_bridge(t0, t1)
    tol = 1e-9 * _scale(t0, t1)
    assert effects["conversion"] == pytest.approx(0.0, abs=tol)
    assert effects["aov"] == pytest.approx(0.0, abs=tol)
    assert effects["traffic"] == pytest.approx(t1["gmv_new"] - t0["gmv_new"], abs=tol)
    assert effects["traffic"] == pytest.approx(0.5 * t0["gmv_new"], rel=1e-9)
    assert effects["repeat"] == pytest.approx(t1["gmv_repeat"] - t0["gmv_repeat"], abs=tol)
    assert effects["repeat"] > 0


def test_pure_aov_change_puts_the_new_customer_part_on_aov() -> None:
    base = Scenario()
    plan = set_param(base, "store.aov", 130.0)
    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    effects = gmv_bridge(t0, t1)
    tol = 1e-9 * _scale(t0, t1)
    assert effects["traffic"] == pytest.approx(0.0, abs=tol)
    assert effects["conversion"] == pytest.approx(0.0, abs=tol)
    assert effects["aov"] == pytest.approx(t1["gmv_new"] - t0["gmv_new"], abs=tol)
    assert effects["aov"] == pytest.approx(t0["gmv_new"] * (130 / 115.5 - 1), rel=1e-9)
    assert effects["repeat"] == pytest.approx(t0["gmv_repeat"] * (130 / 115.5 - 1), rel=1e-9)


def test_pure_conversion_change_is_all_conversion() -> None:
    base = Scenario()
    plan = set_param(base, "funnel.inquiry_conversion", 0.35)
    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    effects = gmv_bridge(t0, t1)
    tol = 1e-9 * _scale(t0, t1)
    assert effects["traffic"] == pytest.approx(0.0, abs=tol)
    assert effects["aov"] == pytest.approx(0.0, abs=tol)
    assert effects["conversion"] == pytest.approx(t1["gmv_new"] - t0["gmv_new"], abs=tol)
    assert effects["conversion"] > 0


def test_no_new_customer_gmv_puts_the_change_on_traffic() -> None:
    base = Scenario()
    empty = set_param(base, "traffic.organic_uv", 0)
    t0, t1 = simulate(base).totals, simulate(empty, reference=base).totals
    assert t1["gmv_new"] == 0
    effects = gmv_bridge(t0, t1)
    assert effects["traffic"] == -t0["gmv_new"]
    assert effects["conversion"] == effects["aov"] == 0.0


def test_change_absorbed_by_calibration_does_not_break_the_bridge() -> None:
    """Self-reference re-calibrates the funnel to the same CR0, so GMV_new agrees to the last ulp;
    ln a − ln b is then 0 (regression: ZeroDivisionError)."""
    base = load_preset("large_store")
    base = set_param(base, "horizon_days", 1)
    plan = set_param(base, "payment.pay_now_share", 1.0)
    t0, t1 = simulate(base).totals, simulate(plan).totals
    effects = gmv_bridge(t0, t1)
    assert sum(effects.values()) == pytest.approx(
        t1["gmv"] - t0["gmv"], rel=0, abs=1e-9 * _scale(t0, t1)
    )


@pytest.mark.parametrize(
    ("a", "b"), [(2.0, 1.0), (1e6, math.nextafter(1e6, 0)), (1 + 1e-9, 1.0), (5.0, 5.0)]
)
def test_log_mean(a: float, b: float) -> None:
    expected = a if a == b else (a - b) / math.log1p((a - b) / b)
    assert _log_mean(a, b) == pytest.approx(expected, rel=1e-12)
    assert _log_mean(a, b) == pytest.approx(_log_mean(b, a), rel=1e-12)
    assert min(a, b) <= _log_mean(a, b) <= max(a, b)


def test_tiny_base_factors_do_not_overflow() -> None:
    """Regression (hypothesis): a campaign of quality 2e-309 gave a subnormal base conversion, and
    ln(x1/x0) overflowed to inf; ln x1 − ln x0 does not."""
    base = {"uv": 1.0, "orders_new": 1e-310, "gmv_new": 1e-310, "gmv_repeat": 0.0, "gmv": 1e-310}
    plan = {"uv": 2.0, "orders_new": 0.05, "gmv_new": 5.0, "gmv_repeat": 0.0, "gmv": 5.0}
    effects = gmv_bridge(base, plan)
    assert all(math.isfinite(v) for v in effects.values())
    assert sum(effects.values()) == pytest.approx(5.0, rel=1e-12)


# --------------------------------------------------------------------------- profit bridge
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=scenarios(), plan=scenarios())
def test_profit_effects_sum_to_the_profit_change(base: Scenario, plan: Scenario) -> None:
    t0, t1 = simulate(base).totals, simulate(plan).totals
    effects = profit_bridge(t0, t1)
    assert tuple(effects) == PROFIT_EFFECTS
    assert all(math.isfinite(v) for v in effects.values())
    scale = max(1.0, abs(t0["gmv_list"]), abs(t1["gmv_list"]))
    assert sum(effects.values()) == pytest.approx(t1["profit"] - t0["profit"], abs=1e-9 * scale)


def test_identical_results_have_no_profit_effects() -> None:
    t = simulate(load_preset("double12_campaign")).totals
    assert profit_bridge(t, t) == dict.fromkeys(PROFIT_EFFECTS, 0.0)


def test_more_agents_cost_their_wages_and_nothing_else_without_chats() -> None:
    """Without chats the desk sells nothing, so two more agents only add their wages."""
    base = without_queue(Scenario())
    plan = set_param(base, "service.agents", base.service.agents + 2)
    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    effects = profit_bridge(t0, t1)
    wages = 2 * base.finance.agent_wage_per_day * base.horizon_days
    assert effects["service"] == pytest.approx(-wages, rel=1e-12)
    assert all(abs(v) < 1e-6 for k, v in effects.items() if k != "service")


def test_a_storewide_discount_shows_as_discounts_and_its_extra_sales() -> None:
    base = Scenario()
    plan = load_preset("double12_campaign")
    plan = set_param(base, "promotions", [p.model_dump() for p in plan.promotions])
    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    effects = profit_bridge(t0, t1)
    assert effects["discounts"] == pytest.approx(-(t1["discount_cost"] - t0["discount_cost"]))
    assert effects["discounts"] < 0 < effects["list_sales"]
    assert effects["goods_cost"] < 0  # more units sold cost more goods
