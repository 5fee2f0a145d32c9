"""Customer-service queue (MODEL.md §6.2): Erlang C (T13), response time → inquiry conversion,
staffing, the auto-reply, and the engine's inquiry path and staffing cost."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulator import Scenario, load_preset, set_param, simulate
from simulator.service import (
    SEED_002_FAST_RT_S,
    SEED_002_SLOW_RT_S,
    erlang_c,
    hourly_profile,
    implied_half_life,
    mean_wait_s,
    response_conversion,
    service_days,
)


@pytest.mark.parametrize(
    ("per_hour", "agents", "expected_s"),
    [(30, 1, 421.3), (30, 2, 4.07), (120, 4, 67.41)],
)
def test_t13_erlang_c_mean_waits_match_the_stated_seconds(
    per_hour: float, agents: int, expected_s: float
) -> None:
    load = per_hour * 5 / 60  # τ = 5 min
    # stated to the printed digits: 421.3 s, 4.07 s, 67.41 s
    assert mean_wait_s(agents * 3, load, 5.0) == pytest.approx(expected_s, abs=0.05)


def test_t13_two_agents_at_120_per_hour_are_saturated() -> None:
    assert math.isinf(mean_wait_s(6, 120 * 5 / 60, 5.0))
    assert erlang_c(6, 10.0) == 1.0


def test_erlang_c_is_a_probability_that_falls_with_servers() -> None:
    p = erlang_c(np.arange(4, 40), 3.5)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(np.diff(p) < 0)
    assert erlang_c(5, 0.0) == 0.0  # nobody asks: nobody waits


def test_profile_sums_to_one_with_two_percent_after_midnight() -> None:
    w = hourly_profile()
    assert w.sum() == pytest.approx(1.0)
    assert w[0] == pytest.approx(0.02, abs=1e-3)
    assert w.argmax() in (21, 22, 23)  # evening peak


def test_seed_002_agents_imply_a_68_second_half_life() -> None:
    # The fast agent (12 s) sold 7 orders on 2/3 of the slow agent's (244 s) inquiries, the slow
    # one 1: a conversion ratio of 7 / (2/3) = 10.5 [SEED 002; DERIVED].
    ratio = 1.0 / (7 / (2 / 3))
    h = implied_half_life(SEED_002_FAST_RT_S, SEED_002_SLOW_RT_S, ratio)
    assert h == pytest.approx(68.3, abs=0.1)
    m = response_conversion([SEED_002_FAST_RT_S, SEED_002_SLOW_RT_S], 6.0, h)
    assert m[0] / m[1] == pytest.approx(10.5)


def test_response_within_the_golden_six_seconds_costs_nothing() -> None:
    assert response_conversion(6.0, 6.0, 120.0) == 1.0
    assert response_conversion(126.0, 6.0, 120.0) == pytest.approx(0.5)


def test_no_agents_leaves_only_the_auto_reply() -> None:
    sc = set_param(Scenario(), "service.agents", 0)
    desk = service_days(sc, np.full(3, 200.0), np.zeros(3))
    assert desk.factor == pytest.approx(np.full(3, sc.service.auto_reply_factor))
    assert np.all(desk.unstaffed_share == 1.0)


def test_default_desk_answers_within_the_golden_seconds_and_hands_the_night_to_the_auto_reply() -> (
    None
):
    sc = Scenario()
    desk = service_days(sc, np.full(1, 200.0), np.zeros(1))
    w = hourly_profile()
    night = w[:9].sum()
    assert desk.unstaffed_share[0] == pytest.approx(night)
    assert desk.saturated_hours[0] == 0
    assert desk.response_time_s[0] < 7.0
    # staffed hours convert at ~1, the night at f_auto
    assert desk.factor[0] == pytest.approx(1 - night + night * 0.5, abs=1e-4)


def test_more_agents_never_lower_the_service_factor() -> None:
    inquiries = np.array([50.0, 400.0, 2000.0, 10000.0])
    prev = None
    for n in range(0, 30, 2):
        f = service_days(set_param(Scenario(), "service.agents", n), inquiries, np.zeros(4)).factor
        if prev is not None:
            assert np.all(f >= prev - 1e-12)
        prev = f


def test_extra_agents_join_on_event_days_only() -> None:
    sc = set_param(Scenario(), "service.campaign_extra_agents", 6)
    desk = service_days(sc, np.full(3, 200.0), np.array([0.0, 1.0, 0.0]))
    assert desk.agents.tolist() == [4, 10, 4]


def test_engine_pays_agents_by_the_day_with_extra_agents_on_event_days() -> None:
    plan = set_param(load_preset("double12_campaign"), "service.campaign_extra_agents", 6)
    res = simulate(plan, reference=Scenario())
    d = res.daily
    wage = plan.finance.agent_wage_per_day
    on = (d["day"] >= 14) & (d["day"] <= 17)
    assert (d.loc[on, "agents"] == 10).all() and (d.loc[~on, "agents"] == 4).all()
    assert d["service_cost"].to_numpy() == pytest.approx(d["agents"].to_numpy() * wage)
    assert res.totals["agent_days"] == pytest.approx(4 * 60 + 6 * 4)


def test_an_understaffed_desk_loses_inquiry_orders_and_warns() -> None:
    base = Scenario()
    # one agent on 15-minute chats: 5 Erlangs at the evening peak on 3 chat servers
    short = set_param(set_param(base, "service.agents", 1), "service.handle_min", 15)
    res = simulate(short, reference=base)
    ref = simulate(base)
    assert "service_saturated" in res.warnings
    assert (res.daily["inquiry_conversion_factor"] < 1).all()
    assert res.totals["orders_new"] < ref.totals["orders_new"]
    assert res.totals["response_time_s"] > ref.totals["response_time_s"]


def test_plan_equal_to_reference_keeps_the_measured_inquiry_conversion() -> None:
    res = simulate(Scenario())
    assert (res.daily["inquiry_conversion_factor"] == 1.0).all()


def test_erlang_c_terms_are_scipy_stats_poisson_bit_for_bit():
    """``erlang_c`` calls the Poisson terms through ``scipy.special``: the same numbers as
    ``scipy.stats.poisson.pmf``/``cdf`` (whole and fractional servers, idle and full desks)."""
    from scipy.stats import poisson

    rng = np.random.default_rng(0)
    s = np.concatenate([rng.integers(0, 60, 400), rng.uniform(0.0, 5.0, 100)]).astype(float)
    a = rng.uniform(0.0, 1.2, s.size) * s
    a[::9] = 0.0
    ok = (s > 0) & (a < s)
    p = poisson.pmf(s[ok], a[ok])
    f = poisson.cdf(s[ok] - 1.0, a[ok])
    top = p * s[ok] / (s[ok] - a[ok])
    want = np.ones(s.size)
    with np.errstate(invalid="ignore"):
        want[ok] = np.where(a[ok] > 0, top / (f + top), 0.0)
        got = erlang_c(s, a)
    np.testing.assert_array_equal(got, want)
