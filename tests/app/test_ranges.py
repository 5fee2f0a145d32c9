"""Ranges in the app (issue 19 items 3, 5): the sidebar's controls, fan charts on the Overview
and Compare, KPI ranges and the chance of beating the baseline in both languages, the settings
in share links (bad values included), the progress bar and the cache. Small path counts (8)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from simulator import load_preset, set_param, simulate
from simulator.verdict import verdict
from tests.app.test_pages import assert_clean, goto, metrics, share_query
from ui import bands, state
from ui.i18n import LANGS, t
from ui.share import Entry, Workspace, encode_link
from ui.verdict import card

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = REPO_ROOT / "app.py"
PATHS = 8


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def _open(lang: str, *, paths: int = PATHS, on: bool = True, plan_budget: float | None = 2500.0,
          page: str | None = None) -> AppTest:  # fmt: skip
    """A fresh session with ranges at ``paths`` paths (``on``), the plan with more paid search
    (None: the plan is the baseline)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.session_state[state.RANGES_PATHS] = paths
    at.session_state[state.RANGES_ON] = on
    if plan_budget is not None:
        sc = set_param(load_preset(state.DEFAULT_PRESET), "traffic.paid_search.budget_per_day",
                       plan_budget)  # fmt: skip
        at.session_state[state.PLAN] = state.Slot(state.DEFAULT_PRESET, sc)
    at.run()
    assert_clean(at)
    if page is not None:
        goto(at, page)
    return at


def _fans(at: AppTest) -> list[dict]:
    """The specs of the charts drawn with a fan (an area layer under the lines)."""
    out = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        marks = [(layer.get("mark") or {}).get("type") for layer in spec.get("layer", [])]
        if "area" in marks and "line" in marks:
            out.append(spec)
    return out


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_the_sidebar_has_the_controls_with_their_defaults() -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = "en"
    at.session_state[state.RANGES_PATHS] = PATHS  # the default path count: checked below
    at.run()
    assert_clean(at)
    toggle = at.sidebar.toggle(key=state.RANGES_ON)
    assert toggle.label == t("band.toggle", "en") and toggle.value is True
    assert at.sidebar.selectbox(key=state.RANGES_PATHS).options == [
        f"{n:,}" for n in bands.PATH_CHOICES
    ]
    assert at.sidebar.number_input(key=state.RANGES_SEED).value == bands.SEED_DEFAULT
    assert bands.PATHS_DEFAULT == 32 and bands.DEFAULT.paths == bands.PATHS_DEFAULT
    # a fresh session without the test's setting: the default path count
    fresh = AppTest.from_file(str(APP), default_timeout=60)
    fresh.query_params["lang"] = "zh"
    fresh.session_state[state.RANGES_ON] = False  # nothing to run: only the controls' values
    fresh.run()
    assert_clean(fresh)
    assert fresh.session_state[state.RANGES_PATHS] == bands.PATHS_DEFAULT
    assert fresh.sidebar.toggle(key=state.RANGES_ON).label == t("band.toggle", "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_overview_draws_fans_ranges_and_the_chance_of_beating_the_baseline(lang: str) -> None:
    at = _open(lang)
    fans = _fans(at)
    assert len(fans) == 1
    (fan,) = fans
    names = {t("side.baseline_name", lang), t("side.plan_name", lang)}
    for layer in fan["layer"]:  # every layer in the scenarios' colours
        assert set(layer["encoding"]["color"]["scale"]["domain"]) == names
    text = "\n".join(_captions(at))
    assert t("band.kpi_range", lang, lo="", hi="").split("{")[0][:7] in text  # "P10–P90"
    beats = t("band.beats", lang, pct="")
    assert text.count(beats) == 2  # profit and GMV
    assert t("band.loss", lang, pct="") in text
    assert t("band.note", lang, paths=PATHS, seed=bands.SEED_DEFAULT) in text
    assert t("band.fan_caption", lang) in text
    # the ranges are the plan's: its profit P10–P90 on the card
    base, plan = at.session_state[state.BASELINE].scenario, at.session_state[state.PLAN].scenario
    result = state.simulate_mc(plan.model_dump_json(), base.model_dump_json(), PATHS, 0)
    lo, hi = bands.kpi_range(result, "profit")
    from ui.layout import fmt_kpi

    want = t("band.kpi_range", lang, lo=fmt_kpi(lo, "money", lang), hi=fmt_kpi(hi, "money", lang))
    assert want in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_that_is_the_baseline_says_so_instead_of_a_chance(lang: str) -> None:
    at = _open(lang, plan_budget=None)
    text = "\n".join(_captions(at))
    assert text.count(t("band.same_plan", lang)) == 2
    assert t("band.beats", lang, pct="") not in text


def test_ranges_off_look_as_without_ranges() -> None:
    on = _open("en")
    off = _open("en", on=False)
    assert not _fans(off)
    assert not [c for c in _captions(off) if "P10" in c]
    assert metrics(off) == metrics(on)  # the same cards, the deterministic run
    assert state.RANGES_PATHS not in [w.key for w in off.sidebar.selectbox]
    # the Overview's chart is the chart drawn without ranges: one line layer
    specs = [json.loads(c.proto.spec) for c in off.get("vega_lite_chart")]
    assert not any("layer" in s and any((x.get("mark") or {}).get("type") == "area"
                                        for x in s["layer"]) for s in specs)  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_compare_draws_fans_and_a_ranges_table(lang: str) -> None:
    at = _open(lang, page="compare")
    assert len(_fans(at)) == 1
    assert any(m.value == f"**{t('band.table', lang)}**" for m in at.markdown)
    frames = [d.value for d in at.dataframe]
    table = next(f for f in frames if t("band.col.loss", lang) in f.columns)
    assert list(table[t("band.col.scenario", lang)]) == [
        t("side.baseline_name", lang), t("side.plan_name", lang)
    ]  # fmt: skip
    assert table[t("band.col.beats_profit", lang)].iloc[0] == t("band.is_baseline", lang)
    assert table[t("band.col.beats_profit", lang)].iloc[1].endswith("%")


def _ws() -> Workspace:
    base = load_preset(state.DEFAULT_PRESET)
    plan = set_param(base, "traffic.paid_search.budget_per_day", 2500.0)
    return Workspace(scenarios=(Entry(name="基线", baseline=True, scenario=base),
                                Entry(name="方案", scenario=plan)))  # fmt: skip


def _from_link(query: str) -> AppTest:
    fresh = AppTest.from_file(str(APP), default_timeout=60)
    for key, values in parse_qs(query.lstrip("?")).items():
        fresh.query_params[key] = values[-1]
    fresh.run()
    return fresh


def test_a_share_link_carries_the_toggle_the_paths_and_the_seed() -> None:
    at = _from_link(encode_link(_ws(), lang="en", ranges=bands.Ranges(False, PATHS, 4242)))
    assert_clean(at)
    assert at.sidebar.toggle(key=state.RANGES_ON).value is False
    assert not _fans(at)
    at.sidebar.toggle(key=state.RANGES_ON).set_value(True).run()
    assert_clean(at)
    assert at.sidebar.selectbox(key=state.RANGES_PATHS).value == PATHS
    assert at.sidebar.number_input(key=state.RANGES_SEED).value == 4242
    assert len(_fans(at)) == 1
    query = share_query(at)
    assert "ranges=1" in query and f"paths={PATHS}" in query and "seed=4242" in query
    again = _from_link(query)
    assert_clean(again)
    got = (again.session_state[state.RANGES_ON], again.session_state[state.RANGES_PATHS],
           again.session_state[state.RANGES_SEED])  # fmt: skip
    assert got == (True, PATHS, 4242)
    assert [c for c in _captions(again) if "P10" in c] == [c for c in _captions(at) if "P10" in c]


@pytest.mark.parametrize("lang", LANGS)
def test_bad_range_values_in_a_link_are_said_and_the_defaults_used(lang: str) -> None:
    query = encode_link(_ws(), lang=lang) + "&ranges=0&paths=7&seed=abc"
    at = _from_link(query)
    assert not at.exception
    errors = [e.value for e in at.error]
    what = t("band.list_sep", lang).join(
        [t("band.setting.paths", lang), t("band.setting.seed", lang)]
    )
    d = bands.DEFAULT
    assert errors == [t("band.err.settings", lang, what=what, paths=d.paths, seed=d.seed)]
    assert at.session_state[state.RANGES_ON] is False  # the good value is kept
    assert at.session_state[state.RANGES_PATHS] == bands.PATHS_DEFAULT
    assert at.session_state[state.RANGES_SEED] == bands.SEED_DEFAULT
    assert at.session_state[state.PLAN].scenario == _ws().scenarios[1].scenario


def test_a_long_run_shows_a_progress_bar_and_a_rerun_runs_no_path(monkeypatch) -> None:
    """Over ``bands.PROGRESS_FROM`` paths to run, ``st.progress`` follows the paths to the end;
    a rerun with nothing changed simulates nothing (the Monte Carlo is kept)."""
    import streamlit as st

    shown: list[float] = []

    class Bar:
        def progress(self, value: float, text: str = "") -> None:
            assert text
            shown.append(value)

        def empty(self) -> None:
            shown.append(-1.0)

    real = st.progress

    def progress(value: float, text: str = "") -> Bar:
        shown.append(value)
        return Bar()

    monkeypatch.setattr(bands, "PROGRESS_FROM", 4)
    monkeypatch.setattr(st, "progress", progress)
    state.clear_mc()
    calls: list[int] = []
    simulate = state.simulate

    def spy(plan, **kwargs):
        calls.append(kwargs.get("paths", 1))
        return simulate(plan, **kwargs)

    monkeypatch.setattr(state, "simulate", spy)
    at = _open("en", plan_budget=3210.0)
    assert real is not None
    assert shown[0] == 0.0 and shown[-1] == -1.0  # made, then removed
    values = shown[1:-1]
    assert values == sorted(values) and values[-1] == pytest.approx(1.0)
    assert calls.count(PATHS) == 2  # the baseline and the plan
    calls.clear()
    shown.clear()
    at.run()
    assert_clean(at)
    assert PATHS not in calls and not shown


def test_a_workspace_file_carries_the_settings_and_an_old_one_the_defaults() -> None:
    from tests.app.test_pages import _uploader
    from ui.share import workspace_to_json

    at = _open("en", on=False)
    text = workspace_to_json(_ws(), bands.Ranges(True, PATHS, 99))
    _uploader(at).upload("plan.json", text.encode(), "application/json")
    at.run()
    assert_clean(at)
    assert (at.session_state[state.RANGES_ON], at.session_state[state.RANGES_PATHS],
            at.session_state[state.RANGES_SEED]) == (True, PATHS, 99)  # fmt: skip
    assert len(_fans(at)) == 1
    old = workspace_to_json(_ws())  # written before ranges existed
    _uploader(at).upload("old.json", old.encode(), "application/json")
    at.run()
    assert_clean(at)
    assert at.session_state[state.RANGES_SEED] == bands.SEED_DEFAULT
    assert at.session_state[state.RANGES_PATHS] == bands.PATHS_DEFAULT


# --------------------------------------------------------------------------- the verdict card
def _verdict_texts(at: AppTest) -> list[str]:
    return [str(e.value) for e in [*at.success, *at.info, *at.warning, *at.markdown]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_verdict_card_says_the_call_its_range_chance_drivers_and_risks(lang: str) -> None:
    base_sc = load_preset(state.DEFAULT_PRESET)
    plan_sc = set_param(base_sc, "traffic.paid_search.budget_per_day", 2500.0)
    at = _open(lang)
    mc_base = simulate(base_sc, reference=base_sc, paths=PATHS, seed=0)
    mc_plan = simulate(plan_sc, reference=base_sc, paths=PATHS, seed=0)
    c = card(verdict(mc_plan, mc_base), lang)
    said = _verdict_texts(at)
    assert any(t("vd.title", lang) in s and c.headline in s for s in said), said
    assert c.figures in said and c.drivers in said
    assert f"{PATHS}" in c.figures and "P10" in c.figures
    # ranges off: the deterministic run's call, without ranges or chances
    off = _open(lang, on=False)
    c_off = card(verdict(simulate(plan_sc, reference=base_sc), simulate(base_sc)), lang)
    assert c_off.figures in _verdict_texts(off) and "P10" not in c_off.figures
    # the plan is the baseline: nothing to judge, no card
    same = _open(lang, plan_budget=None)
    assert not any(t("vd.title", lang) in s for s in _verdict_texts(same))
