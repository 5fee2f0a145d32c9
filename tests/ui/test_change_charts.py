"""Change charts show the change (issue 16, defect 4) and every chart writes numbers and dates the
way ``ui.fmt`` does (defect 5). Specs are checked as data, and rendered by the real Vega engine
(``vl_convert``) where what a user reads is the point: the labels on the bars and the axis ticks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache

import pandas as pd
import pytest
import vl_convert as vlc

from simulator import load_preset, set_param, simulate
from simulator.bridge import gmv_bridge, profit_bridge
from ui import charts, fmt
from ui.fmt import fmt_signed_money
from ui.i18n import LANGS, t

SVG = "{http://www.w3.org/2000/svg}"


@cache
def discount_plan() -> tuple[dict[str, float], dict[str, float]]:
    """The mid-size store and the same store with 10 % off on days 30–40 (a small profit change
    on a large profit: the case a level-scaled waterfall hid)."""
    base = load_preset("mid_store")
    promo = {"kind": "item_discount", "start_day": 30, "end_day": 40, "pct": 0.1}
    plan = set_param(base, "promotions", [promo])
    return dict(simulate(base).totals), dict(simulate(plan).totals)


def texts(chart, role: str = "") -> list[str]:
    """The texts a user reads in the chart as Vega renders it: all of them, or those of the mark
    groups whose class holds ``role`` ("role-axis-label": axis ticks; "role-mark": bar labels)."""
    root = ET.fromstring(vlc.vegalite_to_svg(chart.to_dict()))
    out: list[str] = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class", "").startswith("mark-text") and role in group.get("class", ""):
            out += ["".join(x.itertext()) for x in group.iter(f"{SVG}text")]
    return out


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def profit_waterfall(lang: str) -> tuple[pd.DataFrame, object]:
    base, plan = discount_plan()
    effects = [(t(f"peff.{k}", lang), v) for k, v in profit_bridge(base, plan).items()]
    data = charts.bridge_data(
        effects, t("chart.total_change", lang), lambda v: fmt_signed_money(v, lang)
    )
    return data, charts.bridge_chart(data, value_title=t("m.profit", lang), lang=lang)


# --------------------------------------------------------------------------- defect 4
@pytest.mark.parametrize("lang", LANGS)
def test_profit_waterfall_is_drawn_on_the_change(lang: str) -> None:
    base, plan = discount_plan()
    change = plan["profit"] - base["profit"]
    assert 0 < abs(change) < 0.01 * base["profit"]  # a hairline on the level's scale
    data, chart = profit_waterfall(lang)
    # the steps start at 0 change and the last bar is the total change, from 0
    steps, total = data.iloc[:-1], data.iloc[-1]
    assert total["kind"] == "total"
    assert total["value"] == pytest.approx(change, abs=1e-6)
    assert total["lo"] == pytest.approx(min(0.0, change), abs=1e-6)
    assert total["hi"] == pytest.approx(max(0.0, change), abs=1e-6)
    running = 0.0
    for _, row in steps.iterrows():
        assert min(row["lo"], row["hi"]) <= running + 1e-6 or abs(row["value"]) > 0
        running += row["value"]
    assert running == pytest.approx(change, abs=len(steps) * 0.5 + 1e-6)
    assert set(steps["kind"]) <= {"up", "down"}
    assert all((row["kind"] == "up") == (row["value"] >= 0) for _, row in steps.iterrows())
    # the y-domain is the change, never the baseline's level
    spec = chart.to_dict()
    bar = next(layer for layer in layers(spec) if layer["mark"]["type"] == "bar")
    lo, hi = bar["encoding"]["y"]["scale"]["domain"]
    assert lo <= min(0.0, float(data["lo"].min())) and hi >= max(0.0, float(data["hi"].max()))
    assert hi < base["profit"] and hi - lo < 0.1 * base["profit"], (lo, hi, base["profit"])
    assert bar["encoding"]["y"]["scale"]["zero"] is False


@pytest.mark.parametrize("lang", LANGS)
def test_every_waterfall_bar_is_labelled_with_its_signed_value(lang: str) -> None:
    data, chart = profit_waterfall(lang)
    assert list(data["text"]) == [fmt_signed_money(v, lang) for v in data["value"]]
    spec = chart.to_dict()
    text_layers = [layer for layer in layers(spec) if layer["mark"]["type"] == "text"]
    filters = sorted(f["filter"] for layer in text_layers for f in layer.get("transform", []))
    assert filters == ["datum.value < 0", "datum.value >= 0"]  # together: every bar, once
    # as Vega draws it: one label per bar, each bar's own
    assert sorted(texts(chart, "role-mark")) == sorted(data["text"])


@pytest.mark.parametrize("lang", LANGS)
def test_waterfall_axis_is_a_signed_change_in_one_unit(lang: str) -> None:
    _, chart = profit_waterfall(lang)
    ticks = [x for x in texts(chart, "role-axis-label") if x.startswith(("+", "-", "¥"))]
    assert len(ticks) >= 3, ticks
    assert any(x.startswith("+") for x in ticks) or any(x.startswith("-") for x in ticks)
    assert len({re.sub(r"[^万亿KMB]", "", x) for x in ticks if x not in ("¥0",)}) <= 1, ticks


def test_gmv_bridge_also_a_delta_waterfall() -> None:
    base, plan = discount_plan()
    effects = [(k, v) for k, v in gmv_bridge(base, plan).items()]
    data = charts.bridge_data(effects, "total", lambda v: f"{v:+.0f}")
    assert data.iloc[-1]["value"] == pytest.approx(plan["gmv"] - base["gmv"], rel=1e-9)
    lo, hi = charts.bridge_domain(data)
    assert hi < 0.1 * base["gmv"] and lo > -0.1 * base["gmv"]


def test_change_chart_labels_every_bar_with_one_plan() -> None:
    base, plan = discount_plan()
    keys = ["gmv", "orders_paid", "aov", "conversion_rate", "uv_value", "profit",
            "old_customer_share", "discount_cost", "orders_repeat", "dsr_mean_end"]  # fmt: skip
    data = charts.change_data(
        {"Baseline": base, "Plan": plan}, "Baseline", keys, {k: t(f"kpi.{k}", "en") for k in keys},
        lambda k, new, old: f"<{k}>",
    )  # fmt: skip
    assert list(data["text"]) == [f"<{k}>" for k in keys if base[k]]
    chart = charts.change_chart(
        data, names=["Baseline", "Plan"], change_title="change", scenario_title="", lang="en"
    )
    assert sorted(texts(chart, "role-mark")) == sorted(data["text"])  # every bar, labelled
    # every measure's name on the axis (9 px per bar hid every other one)
    assert texts(chart, "role-axis-label")[-len(data) :] == list(data["measure"])


# --------------------------------------------------------------------------- defect 5
def test_axis_keeps_one_unit_per_axis() -> None:
    """ "1万" next to "5,000" on one axis, "2,000,000" beside 万 cards: never again."""
    frames = {
        "A": pd.DataFrame({"day": range(30), "gmv": [2_000.0 + 700.0 * i for i in range(30)]})
    }
    for lang, unit in (("zh", "万"), ("en", "K")):
        chart = charts.daily_chart(charts.daily_data(frames, "gmv"), x_title="day", y_title="GMV",
                                   lang=lang, money=True)  # fmt: skip
        ticks = texts(chart, "role-axis-label")
        ticks = [x for x in ticks if x.startswith("¥")]
        assert len(ticks) >= 3, ticks
        assert all(x == "¥0" or x.endswith(unit) for x in ticks), ticks
    big = {"A": pd.DataFrame({"day": range(3), "gmv": [0.0, 1_000_000.0, 2_000_000.0]})}
    chart = charts.daily_chart(charts.daily_data(big, "gmv"), x_title="day", y_title="GMV",
                               lang="en")  # fmt: skip
    ticks = texts(chart, "role-axis-label")
    assert "2M" in ticks and "2,000,000" not in ticks


def dated(frames_days: int = 60) -> dict[str, pd.DataFrame]:
    return {
        "A": pd.DataFrame(
            {"day": range(frames_days), "date": pd.date_range("2026-10-20", periods=frames_days),
             "gmv": [1000.0 + i for i in range(frames_days)]}
        )
    }  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_date_axis_speaks_the_language(lang: str) -> None:
    data = charts.daily_data(dated(), "gmv")
    assert "date" in data.columns
    chart = charts.daily_chart(data, x_title="day", y_title="GMV", lang=lang)
    spec = chart.to_dict()
    assert spec["config"]["locale"]["time"]["shortMonths"] == fmt.TIME_LOCALES[lang]["shortMonths"]
    x = spec["encoding"]["x"]
    assert x["field"] == "date" and x["type"] == "temporal"
    shown = texts(chart, "role-axis-label")
    if lang == "zh":
        assert any(re.fullmatch(r"11月\d+日", s) for s in shown), shown
        assert not any("Nov" in s for s in shown)
    else:
        assert any(re.fullmatch(r"Nov \d+", s) for s in shown), shown
        assert not any("月" in s for s in shown)


def test_day_numbers_without_dates() -> None:
    frames = {"A": pd.DataFrame({"day": range(10), "gmv": [1.0] * 10})}
    data = charts.daily_data(frames, "gmv")
    assert "date" not in data.columns
    spec = charts.daily_chart(data, x_title="day", y_title="GMV", lang="zh").to_dict()
    assert spec["encoding"]["x"]["field"] == "day"


def test_promotion_windows_follow_the_dates() -> None:
    data = charts.daily_data(dated(), "gmv")
    bands = pd.DataFrame({"start": [22.0], "end": [26.0], "phase_code": ["event"], "phase": ["e"],
                          "label": ["双11"]})  # fmt: skip
    repay = pd.DataFrame({"day": range(60), "value": [1.0] * 60})
    chart = charts.promo_daily_chart(
        data, bands, repay, x_title="day", y_title="GMV", repay_title="r", band_title="b",
        scenario_title="", lang="zh",
    )  # fmt: skip
    spec = chart.to_dict()
    rows = [v for k, v in spec["datasets"].items() if v and "phase_code" in v[0]]
    assert rows and str(rows[0][0]["start"]).startswith("2026-11-11")
    assert rows[0][0]["end"].startswith("2026-11-15")
