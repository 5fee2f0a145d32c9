"""The verdict of a plan (issue 20 item 1): the call, the drivers from the profit bridge, the
ranges and chances over the Monte Carlo's paths, and the risks in codes."""

from __future__ import annotations

import pytest

from simulator import Scenario, load_preset, set_param, simulate
from simulator.bridge import profit_bridge
from simulator.verdict import SURE, verdict

BASE = Scenario(horizon_days=60)
ADS = set_param(set_param(BASE, "traffic.paid_search.budget_per_day", 300.0),
                "traffic.paid_search.cpc", 0.6)  # fmt: skip


def test_the_baseline_against_itself_is_no_change() -> None:
    r = simulate(BASE)
    v = verdict(r, r)
    assert v.call == "same" and v.profit == 0 and v.drivers == () and v.risks == ()
    assert v.profit_range is None and v.chance_profit is None and v.paths == 1


def test_a_deep_discount_loses_and_says_why() -> None:
    plan = Scenario.model_validate({"horizon_days": 60, "promotions": [
        {"kind": "item_discount", "start_day": 0, "end_day": 59, "pct": 0.5}]})  # fmt: skip
    base, res = simulate(BASE), simulate(plan, reference=BASE)
    v = verdict(res, base)
    assert v.call == "loses" and v.profit < 0
    lines = profit_bridge(base.totals, res.totals)
    assert v.drivers[0] == max(lines.items(), key=lambda kv: abs(kv[1]))
    assert len(v.drivers) == 3 and all(abs(a[1]) >= abs(b[1]) for a, b in
                                       zip(v.drivers, v.drivers[1:]))  # fmt: skip


def test_ranges_and_chances_come_from_paths_drawn_alike() -> None:
    base = simulate(BASE, paths=8, seed=1)
    res = simulate(ADS, reference=BASE, paths=8, seed=1)
    v = verdict(res, base)
    assert v.paths == 8 and v.profit > 0
    lo, hi = v.profit_range
    assert lo <= hi and 0 <= v.chance_profit <= 1 and 0 <= v.chance_gmv <= 1
    d = res.draws["profit"] - base.draws["profit"]
    assert v.chance_profit == pytest.approx(float((d > 0).mean()))
    expected = ("pays" if v.chance_profit >= SURE else "loses" if v.chance_profit <= 1 - SURE
                else "unsure")  # fmt: skip
    assert v.call == expected
    if lo < 0 < float(d.median()):
        assert "worse_tail" in {r.code for r in v.risks}
    # with one path, the same plan is judged on its deterministic change
    one = verdict(simulate(ADS, reference=BASE), simulate(BASE))
    assert one.call == "pays" and one.profit == pytest.approx(v.profit)


def test_with_ranges_the_draws_make_the_call() -> None:
    """A plan whose central run loses but which beats the baseline on close to half the paths is
    "unsure" with ranges (and "loses" on its one deterministic run)."""
    plan = set_param(BASE, "traffic.paid_search.budget_per_day", 2500.0)
    base = simulate(BASE, paths=16, seed=3)
    res = simulate(plan, reference=BASE, paths=16, seed=3)
    v = verdict(res, base)
    assert v.profit < 0 and 1 - SURE < v.chance_profit < SURE  # central loss, draws split
    assert v.call == "unsure"
    assert verdict(simulate(plan, reference=BASE), simulate(BASE)).call == "loses"  # one path


def test_a_small_warehouse_risks_the_scores_and_a_backlog() -> None:
    shop = load_preset("double12_campaign")
    small = set_param(shop, "fulfilment.capacity_per_day", 60.0)
    v = verdict(simulate(small, reference=shop), simulate(shop))
    codes = {r.code for r in v.risks}
    assert v.call == "loses" and {"dsr_below_industry", "backlog"} <= codes
    dims = {r.params["dim"] for r in v.risks if r.code == "dsr_below_industry"}
    assert dims and all(r.params["score"] < r.params["industry"] for r in v.risks
                        if r.code == "dsr_below_industry")  # fmt: skip
