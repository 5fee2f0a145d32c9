"""AppTest checks of issue 16's charts, formats and story: the DSR cards show scores with two
decimals and colour each change by the measure's direction; the Overview names the scenarios and
opens with the plan's story, linked to its bridges; the bridges are delta waterfalls (the
change's own scale, every bar labelled); Compare labels every change bar."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.proto.Metric_pb2 import Metric

from tests.app.test_pages import assert_clean, chart_frames, choose_plan_preset, goto, open_app
from ui.i18n import LANGS, t

RED, GREEN, GRAY = Metric.MetricColor.RED, Metric.MetricColor.GREEN, Metric.MetricColor.GRAY
UP, DOWN, NONE = Metric.MetricDirection.UP, Metric.MetricDirection.DOWN, Metric.MetricDirection.NONE


def cards(at) -> dict[str, Metric]:
    return {m.label: m for m in at.metric}


def waterfalls(at) -> list[tuple[dict, list[dict]]]:
    """(spec, rows) of every delta waterfall on the page (their x labels are wrapped by lookup)."""
    out = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if "[datum.label] || datum.label" not in chart.proto.spec:
            continue
        frames = [convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets]
        (rows,) = [f for f in frames if {"lo", "hi", "kind", "text"} <= set(f.columns)]
        out.append((spec, rows.to_dict("records")))
    return out


def y_domain(spec: dict) -> list[float]:
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    return bar["encoding"]["y"]["scale"]["domain"]


@pytest.mark.parametrize("lang", LANGS)
def test_dsr_cards_two_decimals_and_direction_colours(lang: str) -> None:
    at = open_app(lang, "dsr_service")
    choose_plan_preset(at, "double12_campaign")  # a 4-day campaign: scores fall, backlog builds
    got = cards(at)
    mean = got[t("kpi.dsr_mean_end", lang)]
    assert re.fullmatch(r"[1-5]\.\d\d", mean.value), mean.value  # not "4.7999"
    assert re.fullmatch(r"-0\.\d\d", mean.proto.delta), mean.proto.delta  # points, not percent
    assert (mean.proto.color, mean.proto.direction) == (RED, DOWN)  # a fall is bad news
    low = got[t("kpi.dsr_logistics_min", lang)]
    assert re.fullmatch(r"[1-5]\.\d\d", low.value), low.value
    late = got[t("kpi.late_rate", lang)]
    assert late.proto.delta.startswith("+")
    assert (late.proto.color, late.proto.direction) == (RED, UP)  # lower is better: inverse
    backlog = got[t("kpi.backlog_max", lang)]
    assert backlog.proto.delta.startswith("+")  # from no backlog at all: the change itself
    assert backlog.proto.color == RED
    for card in got.values():  # a change that shows as zero is grey, with no arrow
        if card.proto.delta and not re.search(r"[1-9]", card.proto.delta):
            assert (card.proto.color, card.proto.direction) == (GRAY, NONE), card.label


@pytest.mark.parametrize("lang", LANGS)
def test_overview_tells_the_plans_story_and_links_the_bridge(lang: str) -> None:
    at = open_app(lang)
    choose_plan_preset(at, "double12_campaign")
    base = at.session_state["baseline"].scenario
    plan = at.session_state["plan"].scenario
    from ui.state import _simulate_json  # the page's own cached simulation
    from ui.story import plan_story

    ref = base.model_dump_json()
    b, p = _simulate_json(ref, ref), _simulate_json(plan.model_dump_json(), ref)
    texts = [m.value for m in at.markdown]
    versus = t("story.versus", lang, plan=t("side.plan_name", lang),
               base=t("side.baseline_name", lang))  # fmt: skip
    assert texts[0] == versus
    sentence = plan_story(b.totals, p.totals, lang)
    # the story follows the verdict card (ui/layout.verdict), the versus line first
    assert f"{sentence} [{t('story.link', lang)}](#bridge)" in texts[1:]
    assert "-¥" in sentence  # the campaign loses profit
    anchors = [h.proto.anchor for h in at.subheader]
    assert "bridge" in anchors


@pytest.mark.parametrize("lang", LANGS)
def test_bridges_are_delta_waterfalls_with_every_bar_labelled(lang: str) -> None:
    at = open_app(lang)
    choose_plan_preset(at, "double12_campaign")
    found = waterfalls(at)
    assert len(found) == 2, len(found)  # GMV and profit
    for spec, rows in found:
        lo, hi = y_domain(spec)
        assert rows[-1]["label"] == t("chart.total_change", lang)
        assert all(r["text"] for r in rows)  # every bar labelled
        assert lo <= min(0.0, min(r["lo"] for r in rows))
        assert hi >= max(0.0, max(r["hi"] for r in rows))
        text_layers = [x for x in spec["layer"] if x["mark"]["type"] == "text"]
        assert len(text_layers) == 2  # rises labelled above, falls below: together every bar
        # the change's own scale: not from 0 to the baseline's level
        assert hi - lo < 2 * max(r["hi"] for r in rows) - 2 * min(r["lo"] for r in rows)
    profit = next(rows for spec, rows in found if spec["layer"][0]["encoding"]["y"]["axis"]
                  ["title"] == t("m.profit", lang))  # fmt: skip
    assert profit[-1]["value"] < 0
    # Promotions: the profit waterfall, the same steps
    goto(at, "promotions")
    ((_, rows),) = waterfalls(at)
    assert [r["text"] for r in rows] == [r["text"] for r in profit]


def test_compare_labels_every_change_bar_with_one_plan() -> None:
    at = open_app("en", "compare")
    choose_plan_preset(at, "double12_campaign")
    goto(at, "compare")
    frames = [f for f in chart_frames(at) if {"measure", "change", "text"} <= set(f.columns)]
    assert len(frames) == 1
    (frame,) = frames
    assert len(frame) >= 10 and frame["text"].str.len().gt(0).all()
    dsr = frame[frame["measure"] == t("kpi.dsr_mean_end", "en")]
    assert re.fullmatch(r"[+-]0\.\d\d", dsr["text"].iloc[0])  # a score changes by points
    gmv = frame[frame["measure"] == t("kpi.gmv", "en")]["text"].iloc[0]
    assert re.fullmatch(r"[+-]¥[\d.,]+[KM]? \([+-][\d.,]+%\)", gmv), gmv
    assert_clean(at)
