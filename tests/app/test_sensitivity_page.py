"""AppTest of the Assumptions page's sensitivity section (issue 19 item 4), in both languages: the
section stays off until asked (opening the page runs no tornado), then shows the tornado of the
plan against the baseline with its reading, the full list, a rerun that computes nothing again,
and the Sobol analysis of the top parameters on a button (a small sample size here)."""

from __future__ import annotations

import pytest

import ui.sensitivity as sens
from simulator import PARAMS, simulate
from tests.app.test_pages import assert_clean, chart_frames, open_app, table_with
from ui.i18n import LANGS, t


def _texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.info, *at.caption, *at.markdown])


@pytest.mark.parametrize("lang", LANGS)
def test_tornado_reading_and_sobol(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = sens.tornado

    def counted(*args, **kwargs):
        calls.append(kwargs.get("measure", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(sens, "tornado", counted)
    sens._tornado.clear()
    at = open_app(lang, "assumptions")
    assert at.toggle(key="sens_on").value is False
    assert not calls  # opening the page runs no tornado
    assert t("sens.title", lang) in [s.value for s in at.subheader]

    at.toggle(key="sens_on").set_value(True).run()
    assert_clean(at)
    assert calls == ["profit"]
    end_low = t("sens.end.low", lang)
    frames = [f for f in chart_frames(at) if "end" in f.columns and end_low in set(f["end"])]
    assert len(frames) == 1
    bars = frames[0]
    assert bars["param"].nunique() == sens.CHART_ROWS
    # the plan is the baseline when the app opens: levels of the measure, all positive here
    assert (bars["stop"] > 0).all()
    labels = {PARAMS[p].label(lang) for p in PARAMS}
    assert set(bars["param"]) <= labels
    said = _texts(at)
    assert t("sens.where.calibrate", lang) in said or t("sens.where.assumptions", lang) in said
    full = table_with(at, t("sens.col.swing", lang))
    assert len(full) > sens.CHART_ROWS and set(full[t("sens.col.param", lang)]) <= labels

    at.run()  # nothing changed: the cached tornado, no second computation
    assert_clean(at)
    assert calls == ["profit"]

    at.selectbox(key="sens_measure").set_value("gmv").run()
    assert_clean(at)
    assert calls == ["profit", "gmv"]

    at.select_slider(key="sens_sobol_n").set_value(8).run()
    at.button(key="sens_sobol_run").click().run()
    assert_clean(at)
    table = table_with(at, t("sens.sobol.col.total", lang))
    assert len(table) == sens.SOBOL_PARAMS
    assert set(table[t("sens.sobol.col.param", lang)]) <= labels
    assert all("%" in v for v in table[t("sens.sobol.col.total", lang)])
    runs = 8 * (sens.SOBOL_PARAMS + 2)  # plan = baseline: one scenario
    assert str(runs) in _texts(at)
    at.run()  # the result stays for the same scenarios, measure and n
    assert len(table_with(at, t("sens.sobol.col.total", lang))) == sens.SOBOL_PARAMS


def test_a_plan_against_the_baseline_shows_its_change() -> None:
    """With a plan unlike the baseline the bars are the plan's change, from the deterministic
    change (the central line), and the axis says so."""
    lang = "en"
    at = open_app(lang, "assumptions")
    (box,) = [s for s in at.sidebar.selectbox if s.label == t("side.plan_preset", lang)]
    box.set_value("large_store").run()
    assert_clean(at)
    at.toggle(key="sens_on").set_value(True).run()
    assert_clean(at)
    plan, base = at.session_state["plan"].scenario, at.session_state["baseline"].scenario
    assert plan != base
    change = simulate(plan, reference=base).totals["profit"] - simulate(base).totals["profit"]
    end_low = t("sens.end.low", lang)
    (bars,) = [f for f in chart_frames(at) if "end" in f.columns and end_low in set(f["end"])]
    assert bars["start"].to_numpy() == pytest.approx(change, rel=1e-9)
    spec = [c for c in at.get("vega_lite_chart") if end_low in c.proto.spec]
    axis_title = t("sens.axis.change", lang, measure=t("m.profit", lang))
    assert spec and axis_title in spec[0].proto.spec
