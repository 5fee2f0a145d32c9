"""AppTest checks of undo/redo (issue 16, defect 7): every change of the workspace (a preset
loaded, a parameter edited, Apply on Calibrate, a scenario saved and deleted on Compare) can be
taken back step by step to the start and made again, the widgets showing the restored values;
at least 20 steps are kept; a new edit clears redo; the sidebar's buttons say what they would do.
Calibrated values are marked "from your data" on their own inputs, and the mark goes with undo.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from simulator import PARAMS, Scenario
from tests.app.test_pages import assert_clean, choose_plan_preset, goto, open_app, widget
from ui.fmt import fmt_param
from ui.history import History
from ui.i18n import LANGS, t
from ui.text import plain, unplain


def workspace(at: AppTest) -> tuple:
    """Everything undo restores: each scenario with its name, preset and fitted marks."""
    ss = at.session_state

    def role(which: str) -> tuple:
        s = ss[which]
        return s.scenario, s.name, s.preset, dict(s.fitted)

    saved = tuple((k.name, k.scenario, dict(k.fitted)) for k in ss["saved"])
    return role("baseline"), role("plan"), saved


def _button(at: AppTest, kind: str):
    return at.sidebar.button(key=f"ws_{kind}")


def undo(at: AppTest) -> AppTest:
    _button(at, "undo").click().run()
    assert_clean(at)
    return at


def redo(at: AppTest) -> AppTest:
    _button(at, "redo").click().run()
    assert_clean(at)
    return at


def _help(at: AppTest, kind: str) -> str:
    """The button's help as a reader sees it (the step's label is escaped for Markdown)."""
    return unplain(_button(at, kind).help or "")


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_change_is_undone_to_the_start_and_redone(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    assert _button(at, "undo").disabled and _button(at, "redo").disabled
    steps = [workspace(at)]

    choose_plan_preset(at, "large_store")  # a preset load
    steps.append(workspace(at))
    preset = t("undo.act.preset", lang, preset=t("preset.large_store", lang),
               scenario=t("side.plan_name", lang))  # fmt: skip
    assert _help(at, "undo") == t("undo.undo_help", lang, what=preset, keys="Ctrl+Z")

    widget(at, "number_input", "store.aov").set_value(130.0).run()  # a parameter edit
    assert at.session_state["plan"].scenario.store.aov == 130.0
    steps.append(workspace(at))
    assert fmt_param(130.0, "yuan", lang) in _help(at, "undo")

    goto(at, "calibrate")  # Apply on Calibrate rewrites both scenarios
    at.button(key="cal_daily_sample").click().run()
    at.button(key="cal_daily_apply").click().run()
    assert_clean(at)
    assert at.session_state["plan"].scenario.store.aov == pytest.approx(115.5, rel=0.01)
    assert "store.aov" in at.session_state["baseline"].fitted
    steps.append(workspace(at))
    assert "daily_metrics.csv" in _help(at, "undo")

    goto(at, "compare")  # a scenario saved, then deleted
    at.text_input(key="cmp_name").set_value("A").run()
    next(b for b in at.button if b.label == t("cmp.save", lang)).click().run()
    steps.append(workspace(at))
    at.button(key="cmp_del:0").click().run()
    assert at.session_state["saved"] == []
    steps.append(workspace(at))
    assert t("undo.act.delete", lang, name="A") in _help(at, "undo")

    for expected in reversed(steps[:-1]):  # back to the start, one step at a time
        undo(at)
        assert workspace(at) == expected
    assert _button(at, "undo").disabled and not _button(at, "redo").disabled
    assert at.session_state["plan"].scenario == Scenario()
    assert _help(at, "redo") == t("undo.redo_help", lang, what=preset, keys="Ctrl+Shift+Z")

    for expected in steps[1:]:  # and forward again
        redo(at)
        assert workspace(at) == expected
    assert _button(at, "redo").disabled
    assert [s.name for s in at.session_state["saved"]] == []


def test_restored_values_show_in_the_widgets_and_the_data_mark_follows() -> None:
    lang = "zh"
    at = open_app(lang, "calibrate")
    at.button(key="cal_daily_sample").click().run()
    at.button(key="cal_daily_apply").click().run()
    goto(at, "traffic_funnel")
    mark = t("undo.from_data", lang)
    aov = widget(at, "number_input", "store.aov")
    fitted = at.session_state["plan"].scenario.store.aov
    assert aov.value == pytest.approx(fitted)
    assert mark in aov.label  # the mark on the value's own input, not in a far column
    assert t("cal.fitted_from", lang, name=plain("daily_metrics.csv")) in aov.help
    assert mark in widget(at, "slider", "funnel.conversion_rate").label
    assert mark not in widget(at, "number_input", "store.units_per_order").label
    assert any(mark in c.value for c in at.caption)  # the weekday profile's caption

    undo(at)  # the calibration taken back: the old value, no mark
    aov = widget(at, "number_input", "store.aov")
    assert aov.value == pytest.approx(Scenario().store.aov)
    assert mark not in aov.label
    assert not any(mark in c.value for c in at.caption)
    redo(at)
    aov = widget(at, "number_input", "store.aov")
    assert aov.value == pytest.approx(fitted) and mark in aov.label
    aov.set_value(120.0).run()  # edited by hand: no longer from the data
    assert mark not in widget(at, "number_input", "store.aov").label

    goto(at, "assumptions")  # the mark beside the value, its file in the next column
    # rows by parameter label (the registry path is no longer on screen)
    table = at.dataframe[0].value.set_index(t("as.col.param", lang))
    cols = list(table.columns)
    assert cols.index(t("as.col.fitted", lang)) == cols.index(t("as.col.plan", lang)) + 1
    row = table.loc[PARAMS["funnel.conversion_rate"].label(lang)]
    assert row[t("as.col.plan", lang)].endswith(t("undo.mark", lang))
    assert not row[t("as.col.baseline", lang)].endswith(t("undo.mark", lang)) or (
        "funnel.conversion_rate" in at.session_state["baseline"].fitted
    )
    assert not table.loc[PARAMS["store.aov"].label(lang), t("as.col.plan", lang)].endswith(
        t("undo.mark", lang)
    )


def test_twenty_five_edits_then_more_than_twenty_undos_and_a_new_edit_clears_redo() -> None:
    at = open_app("en", "traffic_funnel")
    steps = [workspace(at)]
    for n in range(25):  # two parameters in turn: no two edits of one parameter in a row
        if n % 2:
            widget(at, "number_input", "store.aov").set_value(100.0 + n).run()
        else:
            widget(at, "number_input", "traffic.organic_uv").set_value(3000 + 10 * n).run()
        steps.append(workspace(at))
    assert len({s[1][0] for s in steps}) == 26  # every edit changed the plan
    for n in range(22):
        undo(at)
        assert workspace(at) == steps[-2 - n]
    plan = at.session_state["plan"].scenario
    assert widget(at, "number_input", "traffic.organic_uv").value == plan.traffic.organic_uv
    assert widget(at, "number_input", "store.aov").value == pytest.approx(plan.store.aov)
    assert not _button(at, "undo").disabled  # 3 steps left
    redo(at)
    assert workspace(at) == steps[4]
    assert not _button(at, "redo").disabled
    widget(at, "number_input", "store.units_per_order").set_value(1.5).run()  # a new edit
    assert _button(at, "redo").disabled
    undo(at)
    assert workspace(at) == steps[4]


def test_a_burst_of_edits_of_one_number_is_one_step() -> None:
    at = open_app("en", "traffic_funnel")
    at.session_state["_history"] = History(clock=float)  # every edit within the window (t = 0)
    start = workspace(at)
    for value in (101.0, 102.0, 103.0):  # the + button clicked three times
        widget(at, "number_input", "store.aov").set_value(value).run()
    assert len(at.session_state["_history"]) == 1
    assert fmt_param(103.0, "yuan", "en") in _help(at, "undo")  # named by the latest value
    widget(at, "number_input", "traffic.organic_uv").set_value(3000).run()
    widget(at, "number_input", "store.aov").set_value(104.0).run()  # after another: a new step
    assert len(at.session_state["_history"]) == 3
    for _ in range(3):
        undo(at)
    assert workspace(at) == start


@pytest.mark.parametrize("lang", LANGS)
def test_import_and_reset_are_steps_too(lang: str) -> None:
    from tests.app.test_pages import _uploader
    from ui.share import Entry, Workspace, workspace_to_json

    at = open_app(lang, "overview")
    start = workspace(at)
    ws = Workspace(scenarios=(Entry(name="X", baseline=True, scenario=Scenario(horizon_days=90)),))
    _uploader(at).upload("ws.json", workspace_to_json(ws).encode(), "application/json")
    at.run()
    assert_clean(at)
    assert at.session_state["baseline"].scenario.horizon_days == 90
    assert t("undo.act.import", lang, file="ws.json") in _help(at, "undo")
    assert at.sidebar.slider(key="horizon").value == 90
    undo(at)
    assert workspace(at) == start
    assert at.sidebar.slider(key="horizon").value == Scenario().horizon_days


def test_promotions_reset_rename_swap_horizon_and_a_share_link_are_steps_too() -> None:
    from tests.app.test_pages import _open_link, add_promotion, share_query

    lang = "en"
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "store.aov").set_value(140.0).run()
    fresh = _open_link(share_query(at) + "&lang=en")  # a share link opened in a new session
    assert fresh.session_state["plan"].scenario.store.aov == 140.0
    assert t("undo.act.link", lang) in _help(fresh, "undo")
    undo(fresh)
    assert fresh.session_state["plan"].scenario == Scenario()

    steps = [workspace(at)]
    goto(at, "promotions")
    add_promotion(at, "threshold_discount", 5, 9)  # a promotion added
    steps.append(workspace(at))
    add_promotion(at, "gift", 12, 14)
    steps.append(workspace(at))
    assert t("undo.act.promo_add", lang, label=f"#2 {t('kind.gift', lang)}",
             scenario=t("side.plan_name", lang)) in _help(at, "undo")  # fmt: skip
    at.button(key="pdel:plan:0").click().run()  # and one deleted
    steps.append(workspace(at))
    assert t("kind.threshold_discount", lang) in _help(at, "undo")
    at.sidebar.slider(key="horizon").set_value(90).run()  # the horizon
    steps.append(workspace(at))
    at.sidebar.button[
        [b.label for b in at.sidebar.button].index(t("side.reset_plan", lang))
    ].click().run()
    steps.append(workspace(at))
    assert t("undo.act.reset", lang) in _help(at, "undo")
    goto(at, "compare")
    at.text_input(key="cmp_rename:plan:Plan").set_value("Gift").run()  # a rename
    steps.append(workspace(at))
    at.button(key="cmp_base:plan").click().run()  # and a swap of roles
    steps.append(workspace(at))
    assert at.session_state["baseline"].name == "Gift"
    assert t("undo.act.to_baseline", lang, name="Gift") in _help(at, "undo")
    assert len({repr(s) for s in steps}) == len(steps)  # every step changed the workspace

    for expected in reversed(steps[:-1]):
        undo(at)
        assert workspace(at) == expected
    assert at.sidebar.slider(key="horizon").value == Scenario().horizon_days
    for expected in steps[1:]:
        redo(at)
        assert workspace(at) == expected
    assert at.sidebar.slider(key="horizon").value == 90


@pytest.mark.parametrize("lang", LANGS)
def test_a_scheme_switched_on_is_named_and_undone(lang: str) -> None:
    """Switches and lists have no registry entry: their step is still named, never an error."""
    at = open_app(lang, "membership")
    widget(at, "toggle", "membership.points.enabled").set_value(True).run()
    assert_clean(at)
    on = t("undo.act.on", lang, what=t("mb.points", lang), scenario=t("side.plan_name", lang))
    assert on in _help(at, "undo")
    undo(at)
    assert not at.session_state["plan"].scenario.membership.points.enabled
    assert not widget(at, "toggle", "membership.points.enabled").value
