"""AppTest of the Decide page (issue 20 items 2 and 3), in both languages: a break-even of the
paid-search CPC for a plan that buys clicks (the answer re-simulates to a zero profit change,
the curve and its marks drawn), a refused question said in words, an optimisation over two
levers with a limit (the best plan, its levers, the front, save as a scenario), and a stop."""

from __future__ import annotations

import pytest

from simulator import Scenario, simulate
from simulator.decide import EXACT_RTOL, lever, with_values
from tests.app.test_pages import _open_link, assert_clean, chart_frames, table_with
from ui.errors import describe_error
from ui.i18n import LANGS, t
from ui.share import Entry, Workspace, encode_link

BASE = Scenario(horizon_days=60)
PLAN = Scenario.model_validate(
    {"horizon_days": 60,
     "traffic": {"paid_search": {"budget_per_day": 300.0, "cpc": 0.6}},
     "promotions": [{"kind": "threshold_discount", "start_day": 10, "end_day": 20,
                     "tiers": [[150.0, 20.0]]}]})  # fmt: skip


def _open(lang: str):
    ws = Workspace(scenarios=(Entry(name="Store", baseline=True, scenario=BASE),
                              Entry(name="Ads", scenario=PLAN)))  # fmt: skip
    at = _open_link(encode_link(ws, lang=lang, page="decide"))
    assert_clean(at)
    assert at.title[0].value == t("page.decide", lang)
    return at


def _texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.success, *at.warning, *at.info, *at.caption])


@pytest.mark.parametrize("lang", LANGS)
def test_break_even_of_the_cpc_in_words_and_on_a_chart(lang: str) -> None:
    at = _open(lang)
    assert [s.value for s in at.subheader][:2] == [t("dec.be.title", lang),
                                                   t("dec.opt.title", lang)]  # fmt: skip
    at.selectbox(key="dec_be_lever").set_value("traffic.paid_search.cpc").run()
    at.number_input(key="dec_be_lo_traffic.paid_search.cpc").set_value(0.2).run()
    at.number_input(key="dec_be_hi_traffic.paid_search.cpc").set_value(2.0).run()
    assert not at.success  # nothing is solved before the button
    at.button(key="dec_be_run").click().run()
    assert_clean(at)
    (answer,) = at.success
    be = next(iter(at.session_state["_dec"]["be"].values()))
    assert 0.2 < be.value < 2.0 and be.exact
    again = simulate(with_values(PLAN, [lever(PLAN, be.path)], [be.value]), reference=BASE)
    change = again.totals["profit"] - simulate(BASE).totals["profit"]
    assert abs(change) <= EXACT_RTOL * abs(simulate(BASE).totals["profit"])
    assert t("dec.be.mark.answer", lang) in [k for f in chart_frames(at) if "kind" in f.columns
                                             for k in f["kind"]]  # fmt: skip
    curve = [f for f in chart_frames(at) if "x_text" in f.columns and len(f) > 10]
    assert len(curve) == 1 and curve[0]["y"].iloc[0] > 0 > curve[0]["y"].iloc[-1]

    at.button(key="dec_be_save").click().run()  # the answer kept as a scenario of its own
    assert_clean(at)
    assert [s.name for s in at.session_state["saved"]] == [t("dec.be.save_name", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_an_unreachable_goal_is_said_in_words(lang: str) -> None:
    at = _open(lang)
    at.selectbox(key="dec_be_measure").set_value("gmv").run()
    at.number_input(key="dec_be_target_gmv_change").set_value(1e9).run()
    at.button(key="dec_be_run").click().run()
    assert_clean(at)
    assert not at.success
    (warning,) = at.warning
    exc = next(iter(at.session_state["_dec"]["be"].values()))
    assert exc.code == "decide_unreachable" and warning.value == describe_error(exc, lang)
    assert "¥" in warning.value  # GMV's numbers in yuan


@pytest.mark.parametrize("lang", LANGS)
def test_optimize_two_levers_under_a_spend_cap_and_save_the_best(lang: str) -> None:
    at = _open(lang)
    levers = ["traffic.paid_search.budget_per_day", "promotions.0.tiers.0.1"]
    at.multiselect(key="dec_opt_levers").set_value(levers).run()
    at.checkbox(key="dec_lim_spend_max_on").check().run()
    at.number_input(key="dec_lim_spend_max").set_value(8000.0).run()
    assert_clean(at)
    at.button(key="dec_opt_run").click().run(timeout=300)
    assert_clean(at)
    res = next(iter(at.session_state["_dec"]["opt"].values()))
    assert not [b for b in at.button if b.key == "dec_opt_stop"]  # Stop shows while running only
    assert res.feasible and not res.current_feasible  # ¥300 a day for 60 days is over the cap
    assert t("dec.opt.current_infeasible", lang) in _texts(at)
    tot = simulate(res.best, reference=BASE).totals
    assert tot["marketing_cost"] + tot["promotion_cost"] <= 8000.0 * (1 + 1e-9)
    table = table_with(at, t("dec.opt.col.best", lang))
    assert len(table) == 2
    assert [m.label for m in at.metric][:1] == [t("dec.opt.best", lang,
                                                  objective=t("kpi.profit", lang))]  # fmt: skip
    series = {s for f in chart_frames(at) if "series" in f.columns for s in f["series"]}
    assert {t("dec.opt.series.front", lang), t("dec.opt.series.best", lang),
            t("dec.opt.series.current", lang)} <= series  # fmt: skip
    assert t("dec.opt.runs", lang, runs=res.evaluations,
             feasible=int(res.history["feasible"].sum())) in _texts(at)  # fmt: skip

    at.run()  # nothing changed: the result is kept, nothing runs again
    assert next(iter(at.session_state["_dec"]["opt"].values())) is res
    at.button(key="dec_opt_save").click().run()
    assert_clean(at)
    saved = at.session_state["saved"]
    assert [s.name for s in saved] == [t("dec.opt.save_name", lang)] and saved[
        0
    ].scenario == res.best


def test_an_empty_lever_choice_asks_for_one() -> None:
    at = _open("en")
    at.multiselect(key="dec_opt_levers").set_value([]).run()
    assert_clean(at)
    assert t("dec.opt.none", "en") in _texts(at)
    assert not [b for b in at.button if b.key == "dec_opt_run"]


def test_a_plan_lever_gone_from_the_plan_falls_back() -> None:
    """A kept lever of a promotion the plan no longer has is dropped, not an error."""
    at = _open("en")
    at.selectbox(key="dec_be_lever").set_value("promotions.0.tiers.0.1").run()
    at.session_state["_dec"]["dec_be_lever"] = "promotions.4.pct"
    at.run()
    assert_clean(at)
    assert at.selectbox(key="dec_be_lever").value == "promotions.0.tiers.0.0"  # the default
