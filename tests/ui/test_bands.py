"""Ranges in the UI (issue 19 items 3, 5): ui/bands.py's settings and readings, their trip
through share links and workspace files, and the exports that carry the bands and the odds."""

from __future__ import annotations

import io
import json
from functools import cache

import numpy as np
import openpyxl
import pandas as pd
import pytest

from simulator import Result, load_preset, set_param, simulate
from simulator.montecarlo import BAND_COLUMNS
from ui import bands, exports
from ui.share import (
    Entry,
    Workspace,
    decode_link,
    encode_link,
    read_workspace_file,
    workspace_from_json,
    workspace_to_json,
)

PATHS, SEED = 8, 5


@cache
def _runs() -> tuple[Result, Result, Result]:
    """(baseline, a plan with more paid search, the baseline as its own plan), 8 paths each,
    all drawn with one seed."""
    base = load_preset("mid_store")
    plan = set_param(base, "traffic.paid_search.budget_per_day", 3000)
    rb = simulate(base, reference=base, paths=PATHS, seed=SEED)
    rp = simulate(plan, reference=base, paths=PATHS, seed=SEED)
    same = simulate(base, reference=base, paths=PATHS, seed=SEED)
    return rb, rp, same


def _ws() -> Workspace:
    base = load_preset("mid_store")
    return Workspace(scenarios=(Entry(name="现状", baseline=True, scenario=base),
                                Entry(name="plan", scenario=base)))  # fmt: skip


# --------------------------------------------------------------------------- settings
def test_the_default_path_count_is_one_of_the_choices() -> None:
    assert bands.PATHS_DEFAULT in bands.PATH_CHOICES
    assert bands.Ranges(True, bands.PATHS_DEFAULT, bands.SEED_DEFAULT) == bands.DEFAULT
    assert bands.DEFAULT.active
    assert not bands.Ranges(on=False).active
    assert not bands.Ranges(paths=1).active  # one path: the deterministic run, as without ranges


@pytest.mark.parametrize(
    ("on", "paths", "seed", "want", "problems"),
    [
        (None, None, None, bands.DEFAULT, []),
        ("0", "64", "9", bands.Ranges(False, 64, 9), []),
        (True, 8, 0, bands.Ranges(True, 8, 0), []),
        ("yes", "64", "9", bands.Ranges(True, 64, 9), ["ranges"]),
        ("1", "100", "9", bands.Ranges(True, bands.PATHS_DEFAULT, 9), ["paths"]),
        ("1", "-8", "x", bands.DEFAULT, ["paths", "seed"]),
        ("1", "32", str(2**31), bands.DEFAULT, ["seed"]),
        ("1", "３２", "٣", bands.DEFAULT, ["paths", "seed"]),  # non-ASCII digits
        ("1", True, False, bands.DEFAULT, ["paths", "seed"]),
        ("1", "9" * 400, "9" * 400, bands.DEFAULT, ["paths", "seed"]),
    ],
)
def test_parse_takes_good_values_and_names_the_bad_ones(on, paths, seed, want, problems) -> None:
    got, bad = bands.parse(on, paths, seed)
    assert got == want and bad == problems


def test_query_round_trip() -> None:
    r = bands.Ranges(False, 128, 12345)
    q = bands.to_query(r)
    assert q == {"ranges": "0", "paths": "128", "seed": "12345"}
    assert bands.from_query(q) == (r, [])
    assert bands.from_query({k: [v] for k, v in q.items()}) == (r, [])


# --------------------------------------------------------------------------- links and files
def test_a_link_carries_the_settings_and_reopens_them() -> None:
    r = bands.Ranges(True, 64, 777)
    query = encode_link(_ws(), lang="zh", page="overview", ranges=r)
    assert "&ranges=1&paths=64&seed=777" in query
    link = decode_link(query)
    assert link.ranges == r and link.range_problems == ()
    assert link.workspace == _ws()


def test_an_old_link_opens_with_the_defaults() -> None:
    link = decode_link(encode_link(_ws(), lang="en"))
    assert link.ranges == bands.DEFAULT and link.range_problems == ()


def test_bad_values_in_a_link_fall_back_and_are_named() -> None:
    query = encode_link(_ws(), lang="en") + "&ranges=maybe&paths=3&seed=-1"
    link = decode_link(query)
    assert link.workspace == _ws()  # the workspace still opens
    assert link.ranges == bands.DEFAULT
    assert link.range_problems == ("ranges", "paths", "seed")


def test_a_file_carries_the_settings_and_an_old_file_opens_with_the_defaults() -> None:
    r = bands.Ranges(False, 16, 3)
    text = workspace_to_json(_ws(), r)
    assert json.loads(text)["ranges"] == {"on": False, "paths": 16, "seed": 3}
    assert read_workspace_file(text) == (_ws(), r, ())
    assert workspace_from_json(text) == _ws()
    old = workspace_to_json(_ws())
    assert "ranges" not in old
    assert read_workspace_file(old) == (_ws(), bands.DEFAULT, ())


@pytest.mark.parametrize(
    ("kept", "problems"),
    [("nonsense", ("ranges",)), ({"on": "yes", "paths": 5, "seed": 1}, ("ranges", "paths"))],
)
def test_bad_settings_in_a_file_fall_back_and_are_named(kept, problems) -> None:
    data = json.loads(workspace_to_json(_ws()))
    data["ranges"] = kept
    ws, r, bad = read_workspace_file(json.dumps(data))
    assert ws == _ws() and bad == problems
    assert r.paths == (bands.PATHS_DEFAULT if "paths" in problems or kept == "nonsense" else 5)


# --------------------------------------------------------------------------- readings
def test_band_data_holds_ordered_quantiles_around_the_paths() -> None:
    rb, rp, _ = _runs()
    data = bands.band_data({"基线": rb, "方案": rp}, "gmv")
    assert list(data.columns) == ["day", "date", "scenario", *bands.Q_NAMES]
    assert len(data) == len(rb.daily) + len(rp.daily)
    q = data[list(bands.Q_NAMES)].to_numpy()
    assert (np.diff(q, axis=1) >= -1e-9).all()
    plan = data[data["scenario"] == "方案"]
    want = np.quantile(rp.path_daily["gmv"], 0.9, axis=0)
    np.testing.assert_allclose(plan["p90"].to_numpy(), want)


def test_a_result_without_paths_has_no_band_and_no_odds() -> None:
    base = load_preset("mid_store")
    r = simulate(base, reference=base)
    assert bands.band_data({"x": r}, "gmv").empty
    assert bands.kpi_range(r, "gmv") is None
    assert bands.odds(r, r, "profit") is None
    assert bands.band_columns(r).shape[1] == 0
    assert bands.odds_rows({"x": r}, "x") == []


def test_kpi_range_is_the_p10_and_p90_of_the_totals() -> None:
    _, rp, _ = _runs()
    lo, hi = bands.kpi_range(rp, "profit")
    assert lo == pytest.approx(float(np.quantile(rp.draws["profit"], 0.1)))
    assert hi == pytest.approx(float(np.quantile(rp.draws["profit"], 0.9)))
    assert lo <= rp.draws["profit"].median() <= hi


def test_odds_read_the_per_path_difference() -> None:
    rb, rp, same = _runs()
    o = bands.odds(rp, rb, "gmv")
    d = rp.draws["gmv"].to_numpy() - rb.draws["gmv"].to_numpy()
    assert o.chance_better == pytest.approx(float((d > 0).mean()))
    assert o.chance_negative == pytest.approx(float((rp.draws["gmv"] < 0).mean()))
    assert bands.same_plan(same, rb) and not bands.same_plan(rp, rb)


def test_odds_rows_leave_the_baseline_and_its_copy_without_a_chance() -> None:
    rb, rp, same = _runs()
    rows = bands.odds_rows({"基线": rb, "方案": rp, "copy": same}, "基线")
    by = {r["scenario"]: r for r in rows}
    assert by["基线"]["beats_profit"] is None and by["copy"]["beats_gmv"] is None
    assert 0.0 <= by["方案"]["beats_profit"] <= 1.0
    assert by["方案"]["paths"] == PATHS and by["方案"]["seed"] == SEED
    assert by["方案"]["gmv_p10"] <= by["方案"]["gmv_p50"] <= by["方案"]["gmv_p90"]


def test_band_columns_cover_every_band_column_and_quantile() -> None:
    _, rp, _ = _runs()
    frame = bands.band_columns(rp)
    assert frame.shape == (len(rp.daily), len(BAND_COLUMNS) * len(bands.QUANTILES))
    assert {"gmv_p10", "gmv_p50", "profit_p90", "dsr_mean_p25"} <= set(frame.columns)


# --------------------------------------------------------------------------- exports
def test_the_csvs_carry_the_daily_bands_the_paths_and_the_seed() -> None:
    rb, rp, _ = _runs()
    results = {"基线": rb, "方案": rp}
    people = pd.read_csv(io.BytesIO(exports.daily_csv(results, "zh")), encoding="utf-8-sig")
    assert "成交金额 P10(元)" in people.columns and "成交金额 P90(元)" in people.columns
    assert set(people["路径数"]) == {PATHS} and set(people["随机种子"]) == {SEED}
    raw = pd.read_csv(io.BytesIO(exports.raw_csv(results)))
    want = np.quantile(rp.path_daily["profit"], 0.25, axis=0)
    np.testing.assert_allclose(raw.loc[raw["scenario"] == "方案", "profit_p25"], want)
    assert set(raw["mc_paths"]) == {PATHS} and set(raw["mc_seed"]) == {SEED}
    en = pd.read_csv(io.BytesIO(exports.daily_csv(results, "en")), encoding="utf-8-sig")
    assert "Paths" in en.columns and any(c.startswith("GMV P50") for c in en.columns)


def test_without_paths_the_exports_are_as_before() -> None:
    base = load_preset("mid_store")
    r = simulate(base, reference=base)
    people = pd.read_csv(io.BytesIO(exports.daily_csv({"a": r}, "en")), encoding="utf-8-sig")
    assert not [c for c in people.columns if " P10" in c or c == "Paths"]
    raw = pd.read_csv(io.BytesIO(exports.raw_csv({"a": r})))
    assert "gmv_p10" not in raw.columns and "mc_seed" not in raw.columns
    book = openpyxl.load_workbook(io.BytesIO(exports.results_workbook({"a": r}, baseline="a",
                                                                      lang="en")))  # fmt: skip
    assert "Ranges and chances" not in book.sheetnames
    assert "Ranges and chances" not in exports.html_report({"a": r}, baseline="a", lang="en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_and_the_report_carry_the_odds(lang: str) -> None:
    rb, rp, _ = _runs()
    results = {"基线": rb, "=plan": rp}
    book = openpyxl.load_workbook(
        io.BytesIO(exports.results_workbook(results, baseline="基线", lang=lang))
    )
    title = "区间与概率" if lang == "zh" else "Ranges and chances"
    assert book.sheetnames[1] == title
    sheet = book[title]
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[3], strict=True)}
    beats = "利润跑赢基线的概率" if lang == "zh" else "Chance profit beats the baseline"
    d = rp.draws["profit"].to_numpy() - rb.draws["profit"].to_numpy()
    assert row[beats] == pytest.approx(float((d > 0).mean()))
    assert sheet.cell(row=3, column=1).quotePrefix  # a name read as a formula stays text
    plan_sheet = book["=plan"]
    assert any(" P90" in str(c.value) for c in plan_sheet[1])
    report = exports.html_report(results, baseline="基线", lang=lang)
    assert title in report
    stated = f"{PATHS} 条路径(随机种子 {SEED})" if lang == "zh" else f"{PATHS} paths"
    assert stated in report
    assert ("(即基线)" if lang == "zh" else "(the baseline)") in report


def test_the_report_draws_fans() -> None:
    rb, rp, _ = _runs()
    figs = exports.report_figures({"基线": rb, "方案": rp}, "en")
    spec = exports.chart_spec(figs[0][1])
    assert "layer" in spec and any(layer["mark"]["type"] == "area" for layer in spec["layer"])
    dsr = exports.chart_spec(figs[2][1])
    assert all(layer["encoding"]["y"]["scale"]["zero"] is False for layer in dsr["layer"])


def test_the_command_line_keeps_the_settings(tmp_path, capsys) -> None:
    from ui.share import main

    path = tmp_path / "ws.json"
    path.write_text(workspace_to_json(_ws(), bands.Ranges(True, 64, 11)), encoding="utf-8")
    assert main(["link", str(path)]) == 0
    query = capsys.readouterr().out.strip()
    assert query.endswith("&ranges=1&paths=64&seed=11")
    assert main(["read", query]) == 0
    assert read_workspace_file(capsys.readouterr().out)[1] == bands.Ranges(True, 64, 11)
    path.write_text(workspace_to_json(_ws()), encoding="utf-8")  # an old file: no settings
    assert main(["link", str(path)]) == 0
    query = capsys.readouterr().out.strip()
    assert "paths=" not in query
    assert main(["read", query]) == 0
    assert "ranges" not in json.loads(capsys.readouterr().out)


def test_kept_monte_carlos_stay_within_their_budget(monkeypatch) -> None:
    """The kept Monte Carlo is what a rerun reuses, and the cache drops the oldest past its
    size or its bytes."""
    from ui import state

    base = load_preset("mid_store")
    ref = base.model_dump_json()
    jsons = [set_param(base, "store.aov", v).model_dump_json() for v in (101.0, 102.0, 103.0)]
    state.clear_mc()
    first = state.simulate_mc(jsons[0], ref, PATHS, SEED)
    again = state.simulate_mc(jsons[0], ref, PATHS, SEED)
    assert again.path_daily is first.path_daily  # the same run, not a second one
    assert again.daily is not first.daily  # frames of its own
    one = state._mc_bytes(first)
    assert one > 0
    monkeypatch.setattr(state, "MC_CACHE_BYTES", 2 * one)
    for j in jsons[1:]:
        state.simulate_mc(j, ref, PATHS, SEED)
    assert state.mc_cached(jsons[0], ref, PATHS, SEED) is None  # the oldest went
    assert state.mc_cached(jsons[2], ref, PATHS, SEED) is not None
    assert state.mc_cached(jsons[2], ref, PATHS, SEED + 1) is None  # another seed: another run
    state.clear_mc()
