"""Decisions (issue 20): break-even and goal-seek for one lever, the optimizer for plans."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from simulator import Scenario, load_preset, set_param, simulate
from simulator.decide import (
    EXACT_RTOL,
    Lever,
    break_even,
    lever,
    optimize,
    pareto_front,
    with_values,
)
from simulator.errors import ModelError

BASE = Scenario(horizon_days=60)
#: ¥300 a day on 直通车 at the default CPC: the CPC at which it breaks even is the question.
PAID = set_param(BASE, "traffic.paid_search.budget_per_day", 300.0)
#: A 满减 of ¥20 off ¥150 over days 10–20.
TIER = Scenario.model_validate(
    {"horizon_days": 60, "promotions": [{"kind": "threshold_discount", "start_day": 10,
                                         "end_day": 20, "tiers": [[150.0, 20.0]]}]})  # fmt: skip


def _change(plan: Scenario, measure: str = "profit", ref: Scenario = BASE) -> float:
    return simulate(plan, reference=ref).totals[measure] - simulate(ref).totals[measure]


def test_break_even_cpc_reproduces_a_zero_profit_change_when_re_simulated() -> None:
    be = break_even(PAID, reference=BASE, path="traffic.paid_search.cpc", lo=0.1, hi=3.0)
    assert list(be.curve.columns) == ["value", "change"] and len(be.curve) == 25
    assert 0.1 < be.value < 3.0 and be.exact
    again = _change(with_values(PAID, [lever(PAID, be.path)], [be.value]))
    scale = abs(simulate(BASE).totals["profit"])
    assert abs(again) <= EXACT_RTOL * scale
    # cheaper clicks earn, dearer ones lose: the curve falls through zero at the answer
    curve = be.curve.set_index("value")["change"]
    assert curve.iloc[0] > 0 > curve.iloc[-1]
    assert be.current == 1.0 and be.runs >= 25


def test_goal_seek_a_tier_amount_for_a_gmv_target() -> None:
    be = break_even(TIER, reference=BASE, path="promotions.0.tiers.0.1", measure="gmv",
                    target=5000.0, lo=1.0, hi=60.0)  # fmt: skip
    again = _change(with_values(TIER, [lever(TIER, be.path)], [be.value]), "gmv")
    assert again == pytest.approx(5000.0, rel=EXACT_RTOL)
    assert be.exact and 1.0 < be.value < 60.0


def test_a_whole_number_lever_answers_the_first_whole_value_past_the_target() -> None:
    shop = load_preset("double12_campaign")
    be = break_even(shop, reference=shop, path="service.agents", measure="response_time_s",
                    quantity="level", target=30.0, lo=1, hi=12)  # fmt: skip
    assert be.integer and float(be.value).is_integer()
    t = lever(shop, "service.agents")
    rt = lambda n: simulate(with_values(shop, [t], [n]), reference=shop).totals["response_time_s"]  # noqa: E731
    assert rt(be.value) <= 30.0 < rt(be.value - 1)
    assert list(be.curve.columns) == ["value", "level"]


def test_several_crossings_answer_the_one_nearest_the_plan() -> None:
    be = break_even(TIER, reference=BASE, path="promotions.0.tiers.0.1", measure="gmv",
                    target=12_000.0, lo=1.0, hi=60.0)  # fmt: skip
    assert len(be.crossings) == 2  # the GMV change rises, peaks and falls back through 12,000
    assert be.value == min(be.crossings, key=lambda x: abs(x - be.current))


def test_an_unreachable_target_is_refused_with_the_range_the_measure_covers() -> None:
    with pytest.raises(ModelError) as err:
        break_even(PAID, reference=BASE, path="traffic.paid_search.cpc", lo=0.5, hi=3.0,
                   target=1e9)  # fmt: skip
    e = err.value
    assert e.code == "decide_unreachable" and e.params["lever"] == "traffic.paid_search.cpc"
    assert e.params["low"] < e.params["high"] < 1e9


@pytest.mark.parametrize(
    ("path", "kw", "code"),
    [
        ("repeat.spend_model", {}, "decide_path"),
        ("promotions.3.pct", {}, "decide_path"),
        ("store.aov", {"lo": 10.0, "hi": 1e9}, "decide_range"),
        ("store.aov", {"lo": 120.0, "hi": 100.0}, "decide_range"),
        ("service.agents", {"lo": 2.2, "hi": 2.8}, "decide_range"),
        ("store.aov", {"measure": "no_such_total"}, "decide_measure"),
    ],
)
def test_bad_break_even_questions_are_refused_in_words(path: str, kw: dict, code: str) -> None:
    with pytest.raises(ModelError) as err:
        break_even(BASE, reference=BASE, path=path, points=3, **kw)
    assert err.value.code == code


def test_plan_and_reference_must_share_a_horizon() -> None:
    with pytest.raises(ModelError, match="one horizon"):
        break_even(PAID, reference=Scenario(horizon_days=30), path="traffic.paid_search.cpc")


# --------------------------------------------------------------------------- the optimizer
LEVERS = [Lever("traffic.paid_search.budget_per_day", 0.0, 800.0),
          Lever("promotions.0.tiers.0.1", 5.0, 60.0)]  # fmt: skip
PLAN = set_param(TIER, "traffic.paid_search.cpc", 0.6)  # cheap clicks: a budget that can pay


@pytest.fixture(scope="module")
def best() -> object:
    return optimize(PLAN, reference=BASE, levers=LEVERS, objective="profit", seed=3,
                    popsize=6, maxiter=12)  # fmt: skip


def test_the_optimizer_is_at_least_as_good_as_an_exhaustive_grid(best) -> None:
    targets = [lever(PLAN, lv.path) for lv in LEVERS]
    grid = itertools.product(np.linspace(0, 800, 5), np.linspace(5, 60, 5))
    grid_best = max(_change(with_values(PLAN, targets, xy)) for xy in grid)
    assert best.feasible and best.value >= grid_best - 1e-6 * abs(grid_best)
    # the answer re-simulates to its value, and the plan as given is no better
    assert _change(best.best) == pytest.approx(best.value, rel=1e-9)
    assert best.value >= best.current
    assert best.evaluations == len(best.history) + 1  # every plan tried, and the plan as given


def test_the_front_is_the_feasible_plans_no_other_beats_on_gmv_and_profit(best) -> None:
    front, hist = best.front, best.history[best.history["feasible"]]
    assert len(front) >= 1 and front["gmv"].is_monotonic_increasing
    assert front["profit"].is_monotonic_decreasing
    for _, p in front.iterrows():
        assert not ((hist["gmv"] > p["gmv"]) & (hist["profit"] > p["profit"])).any()
    assert best.gap_to_front >= 0
    assert list(best.levers["path"]) == [lv.path for lv in LEVERS]


@pytest.mark.slow
def test_constraints_hold_at_the_answer() -> None:
    cons = {"spend_max": 6_000.0, "dsr_min": 4.7}
    opt = optimize(PLAN, reference=BASE, levers=LEVERS, objective="gmv", constraints=cons,
                   seed=5, popsize=6, maxiter=10)  # fmt: skip
    tot = simulate(opt.best, reference=BASE).totals
    assert opt.feasible
    assert tot["marketing_cost"] + tot["promotion_cost"] <= 6_000.0 * (1 + 1e-9)
    assert min(tot["dsr_description_min"], tot["dsr_service_min"], tot["dsr_logistics_min"]) >= 4.7
    # the cap binds: without it the GMV-maximising plan spends more
    free = optimize(PLAN, reference=BASE, levers=LEVERS, objective="gmv", seed=5, popsize=6,
                    maxiter=10)  # fmt: skip
    t2 = simulate(free.best, reference=BASE).totals
    assert t2["marketing_cost"] + t2["promotion_cost"] > 6_000.0 and free.value >= opt.value


@pytest.mark.slow
def test_the_same_seed_gives_the_same_plan_and_cancel_stops_early() -> None:
    kw = dict(reference=BASE, levers=LEVERS[:1], seed=11, popsize=5, maxiter=6)
    a, b = optimize(PLAN, **kw), optimize(PLAN, **kw)
    assert a.best == b.best and a.value == b.value and a.evaluations == b.evaluations
    shares: list[float] = []
    stopped = optimize(PLAN, **kw, progress=shares.append, should_stop=lambda: True)
    assert stopped.stopped and stopped.evaluations < a.evaluations and shares[-1] == 1.0


@pytest.mark.slow
def test_expected_profit_over_paths_and_a_chance_of_a_loss() -> None:
    short = Scenario(horizon_days=20)
    plan = set_param(short, "traffic.paid_search.budget_per_day", 200.0)
    lv = [Lever("traffic.paid_search.budget_per_day", 0.0, 400.0)]
    opt = optimize(plan, reference=short, levers=lv, constraints={"loss_chance_max": 0.2},
                   paths=4, seed=2, popsize=4, maxiter=3)  # fmt: skip
    mc = simulate(opt.best, reference=short, paths=4, seed=2)
    base = simulate(short, reference=short, paths=4, seed=2)
    assert opt.value == pytest.approx(float((mc.draws["profit"] - base.draws["profit"]).mean()))
    assert (mc.draws["profit"] < 0).mean() <= 0.2


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"levers": []}, "decide_levers"),
        ({"levers": [LEVERS[0], LEVERS[0]]}, "decide_lever_twice"),
        ({"levers": LEVERS, "constraints": {"dsr": 4.7}}, "decide_constraint"),
        ({"levers": LEVERS, "constraints": {"spend_max": float("inf")}}, "decide_bound"),
        ({"levers": LEVERS, "constraints": {"loss_chance_max": 0.1}}, "decide_loss_chance"),
        ({"levers": LEVERS, "objective": "nothing"}, "decide_measure"),
    ],
)
def test_bad_optimisations_are_refused_in_words(kw: dict, code: str) -> None:
    with pytest.raises(ModelError) as err:
        optimize(PLAN, reference=BASE, **kw)
    assert err.value.code == code


def test_a_plan_the_rules_refuse_is_infeasible_not_an_error() -> None:
    """A tier amount above its threshold is refused by the scenario: the search steps over it."""
    lv = [Lever("promotions.0.tiers.0.1", 5.0, 200.0)]  # above ¥150 the tier is refused
    opt = optimize(PLAN, reference=BASE, levers=lv, seed=1, popsize=5, maxiter=4)
    refused = opt.history[opt.history["objective"].isna()]
    assert len(refused) > 0 and not refused["feasible"].any()
    assert opt.feasible and opt.levers["best"].iloc[0] < 150.0


def test_pareto_front_keeps_the_undominated_points() -> None:
    pts = pd.DataFrame({"gmv": [1, 2, 3, 2, 0], "profit": [5, 4, 1, 3, 6]})
    front = pareto_front(pts)
    assert front[["gmv", "profit"]].values.tolist() == [[0, 6], [1, 5], [2, 4], [3, 1]]
