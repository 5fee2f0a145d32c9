"""Ratings and DSR (MODEL.md §7): T1, T2, T2b, T3, T4, V3, V9, V10, the rolling windows,
fulfilment (§6.8) and the feedback on sales (§7.7)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from simulator import Scenario, dsr, load_preset, set_param, simulate
from simulator.fulfilment import backlog, late_rate

ONE, FIVE = np.eye(5)[0], np.eye(5)[4]


def test_t1_seed_star_shares_give_4_8905() -> None:
    assert dsr.score(dsr.PI_GOOD) == pytest.approx(4.8905, abs=1e-12)
    assert dsr.score([96, 40, 143, 305, 9416]) == pytest.approx(4.8905, abs=1e-12)


@pytest.mark.parametrize(
    ("f", "x", "shown"),
    [(4.5, 7, 7), (4.6, 9, 9), (4.7, 12.3333, 13), (4.8, 19, 19), (4.9, 39, 39)],
)
def test_t2_five_star_ratings_needed_to_recover_a_score(f: float, x: float, shown: int) -> None:
    assert dsr.recovery_five_stars(f) == pytest.approx(x, abs=1e-4)
    assert dsr.five_stars_needed(f) == shown


def test_t2_recovery_details_and_the_seed_error() -> None:
    assert dsr.recovery_five_stars(4.8905) == pytest.approx(35.53, abs=0.01)
    assert dsr.five_stars_needed(4.8905) == 36
    assert dsr.five_stars_needed(4.8) != 29  # seed 000's printed bound
    assert round(dsr.recovery_seed_formula(4.8)) == 29
    assert dsr.five_stars_needed(4.8, k=3) == 9
    with pytest.raises(ValueError):
        dsr.recovery_five_stars(5.0)


def test_t2b_one_star_in_a_1000_rating_window_takes_36_five_stars_to_undo() -> None:
    window = 1000 * dsr.PI_GOOD
    assert dsr.score(window) == pytest.approx(4.890500, abs=1e-6)
    hit = window + ONE
    assert dsr.score(hit) == pytest.approx(4.886613, abs=1e-6)
    assert dsr.score(hit + 36 * FIVE) == pytest.approx(4.890550, abs=1e-6)
    assert dsr.score(hit + 36 * FIVE) >= 4.8905
    assert dsr.score(hit + 35 * FIVE) == pytest.approx(4.890444, abs=1e-6)
    assert dsr.score(hit + 35 * FIVE) < 4.8905


def test_t3_the_rating_window_spans_181_days_back_from_today() -> None:
    start = dsr.window_start(dt.date(2019, 8, 11))
    assert start == dt.date(2019, 2, 12)
    assert (dt.date(2019, 8, 11) - start).days + 1 == 181
    assert dsr.window_start(dt.date(2020, 8, 11)) == dt.date(2020, 2, 13)
    strict = dsr.window_start(dt.date(2019, 8, 11), "strict")
    assert (dt.date(2019, 8, 11) - strict).days + 1 == 180


def test_t4_industry_relative_score_is_0_at_the_mean_and_1_at_the_top() -> None:
    assert dsr.industry_relative(4.75, 4.75, 4.95) == pytest.approx(0.0)
    assert dsr.industry_relative(4.95, 4.75, 4.95) == pytest.approx(1.0)
    assert dsr.industry_relative(4.6, 4.75, 4.95) < 0


@pytest.mark.parametrize(
    ("q", "mean"), [(0.02, 4.8561), (0.05, 4.8045), (0.081, 4.7511), (0.10, 4.7184)]
)
def test_v3_late_share_moves_the_score(q: float, mean: float) -> None:
    mix = dsr.mixture_for(dsr.MU_GOOD)
    assert mix.q0 == 0.0
    assert mix.mean(q) == pytest.approx(mean, abs=1e-4)


def test_v10_incident_gap_matches_late_delivery_evidence() -> None:
    gap = dsr.MU_GOOD - dsr.MU_BAD
    assert gap == pytest.approx(1.7205, abs=1e-9)
    assert 1.72 <= gap <= 1.74


def test_v9_one_star_moves_conversion_five_to_nine_percent() -> None:
    beta = Scenario().dsr.beta
    assert 0.05 <= math.exp(beta) - 1 <= 0.09
    assert math.exp(-0.1 * beta) - 1 == pytest.approx(-0.0067, abs=1e-4)


@pytest.mark.parametrize("f0", [1.0, 2.5, 3.17, 4.0, 4.8, 4.8905, 4.95, 5.0])
def test_mixture_reproduces_any_initial_score(f0: float) -> None:
    mix = dsr.mixture_for(f0)
    assert mix.mean(mix.q0) == pytest.approx(f0, abs=1e-12)
    assert mix.stars(mix.q0).sum() == pytest.approx(1.0)
    assert 1.0 <= mix.mean(1.0) <= mix.mean(0.0) <= 5.0


def test_initial_incident_probability_of_4_8() -> None:
    assert dsr.mixture_for(4.8).q0 == pytest.approx(0.0526, abs=1e-4)


def _stream(orders: np.ndarray, q: np.ndarray, lag: float = 6.0) -> dsr.RatingStream:
    return dsr.RatingStream(orders * 0.3, q, np.full(len(orders), lag))


def test_window_is_constant_when_nothing_changes() -> None:
    mix = dsr.mixture_for(4.8)
    w = dsr.rolling_window(mix, _stream(np.full(400, 96.0), np.full(400, mix.q0)), 28.8, 6.0, 181)
    assert w.score == pytest.approx(np.full(400, 4.8), abs=1e-12)
    assert w.low_share_latest == pytest.approx(mix.stars(mix.q0)[:2].sum(), abs=1e-12)


def test_bad_days_leave_the_window_after_181_days() -> None:
    mix = dsr.mixture_for(4.8)
    q = np.full(400, mix.q0)
    q[10:14] = 0.6
    w = dsr.rolling_window(mix, _stream(np.full(400, 96.0), q, lag=6.0), 28.8, 6.0, 181)
    assert w.score[15] == pytest.approx(4.8)  # not arrived yet (6-day lag)
    assert w.score[20] < 4.8
    assert w.score[16 + 6 + 181] == pytest.approx(4.8)  # left the window
    assert w.score[14 + 6 + 179] < 4.8  # still inside on its 181st day


def test_empty_window_keeps_the_last_score() -> None:
    mix = dsr.mixture_for(4.8)
    q = np.full(500, 0.5)
    w = dsr.rolling_window(mix, _stream(np.zeros(500), q), 28.8, 6.0, 181)
    assert np.isfinite(w.score).all()
    assert w.score[-1] == pytest.approx(4.8)


def test_backlog_closed_form_matches_the_recursion() -> None:
    rng = np.random.default_rng(3)
    orders, cap = rng.uniform(0, 300, 200), 150.0
    start, end = backlog(orders, cap)
    w = 0.0
    for t, o in enumerate(orders):
        assert start[t] == pytest.approx(w)
        w = max(0.0, w + o - cap)
        assert end[t] == pytest.approx(w)


def test_late_rate_rises_from_the_base_with_the_delay() -> None:
    assert late_rate(0.0, 0.05, 1.0) == pytest.approx(0.05)
    assert late_rate(1.0, 0.05, 1.0) == pytest.approx(0.05 + 0.95 * (1 - math.exp(-1)))
    assert late_rate(50.0, 0.05, 1.0) == pytest.approx(1.0)


# ---------------------------------------------------------------------------- engine
def test_t17_dsr_constant_without_change() -> None:
    res = simulate(Scenario())
    for col in ("dsr_description", "dsr_service", "dsr_logistics"):
        assert res.daily[col].to_numpy() == pytest.approx(np.full(180, 4.8), abs=1e-12)
    assert (res.daily["dsr_conversion_factor"] == 1.0).all()
    assert (res.daily["backlog"] == 0).all()


def test_too_small_warehouse_backs_up_and_sinks_the_logistics_score() -> None:
    base = Scenario()
    plan = load_preset("double12_campaign")
    res = simulate(plan, reference=base)
    d = res.daily
    assert "dispatch_backlog" in res.warnings
    assert d["backlog"].max() > 400
    assert d.loc[15:18, "late_rate"].max() > 0.2
    assert res.totals["dsr_logistics_min"] < 4.75
    # orders are conserved: every paid order ships or is cancelled past the deadline
    ful = res.quality.fulfilment
    assert ful.shipped + ful.cancelled == pytest.approx(d["orders_paid"].to_numpy(), rel=1e-12)
    assert d["dispatched"].sum() + d["backlog"].iloc[-1] <= d["orders_paid"].sum() + 1e-9
    adequate = set_param(plan, "fulfilment.campaign_extra_capacity", 300)
    better = simulate(adequate, reference=base)
    assert better.totals["backlog_max"] < 1e-9
    assert better.totals["dsr_logistics_min"] > res.totals["dsr_logistics_min"]


def test_scores_feed_back_on_new_buyer_conversion() -> None:
    base = Scenario()
    plan = set_param(set_param(base, "fulfilment.capacity_per_day", 60), "dsr.beta_negative", 0.0)
    res = simulate(plan, reference=base)
    d = res.daily
    f_mean = d[["dsr_description", "dsr_service", "dsr_logistics"]].mean(axis=1).to_numpy()
    prev = np.concatenate(([4.8], f_mean[:-1]))
    assert d["dsr_conversion_factor"].to_numpy() == pytest.approx(
        np.exp(plan.dsr.beta * (prev - 4.8)), rel=1e-9
    )
    assert d["dsr_conversion_factor"].iloc[-1] < 1.0
    assert d["dsr_mean"].iloc[-1] < 4.8


def test_gate_closes_campaign_traffic_below_it() -> None:
    base = Scenario()
    tt = load_preset("tiantian_tejia_2012")
    gated = set_param(set_param(tt, "dsr.gate", 4.85), "dsr.initial.logistics", 4.8)
    res = simulate(gated, reference=base)
    assert "campaign_gate_closed" in res.warnings
    assert res.daily["uv_campaign"].sum() == 0
    open_ = simulate(set_param(tt, "dsr.gate", 4.5), reference=base)
    assert open_.daily["uv_campaign"].sum() > 0


def test_bad_experiences_thin_the_new_cohorts_repeat_orders() -> None:
    base = set_param(Scenario(), "horizon_days", 365)
    slow = set_param(set_param(base, "fulfilment.capacity_per_day", 70), "dsr.beta", 0.0)
    slow = set_param(slow, "dsr.beta_negative", 0.0)
    res = simulate(slow, reference=base)
    assert (res.daily["late_rate"] > 0.05).any()
    neutral = set_param(slow, "repeat.bad_experience_factor", 1.0)
    assert res.totals["orders_repeat"] < simulate(neutral, reference=base).totals["orders_repeat"]
