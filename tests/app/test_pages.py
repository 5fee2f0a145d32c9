"""AppTest checks of the pages: they render in both languages, widgets move the KPIs they should,
edits survive page switches, the reset button works, bad input becomes a translated message and the
sidebar language control relabels the page. The Promotions page: the builder adds a promotion that
moves the KPIs and shows in the per-promotion table, seed 003's layering rule refuses a fourth
layer or a second of one kind with a translated message, deleting restores the baseline, and a
campaign preset's promotions show on the calendar.

Each test drives one ``AppTest`` through several steps (a run costs a simulation or two).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from pydantic import ValidationError
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from simulator import PARAMS, Scenario, set_param
from simulator.calendar import date_of
from simulator.clv import sbg_survival
from simulator.engine import calibrate
from simulator.membership import priced_uptake, repeat_basket
from simulator.scenario import MAX_LAYERS, ThresholdDiscount
from ui.datefmt import window_text
from ui.errors import describe_error
from ui.fmt import fmt_money, fmt_pct
from ui.i18n import LANGS, t
from ui.workspace import FILES_PANEL, SHARE_PANEL

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Absolute: ``AppTest.from_file`` resolves a relative path against the calling file (tests/app/).
APP = REPO_ROOT / "app.py"

#: page stem → (title key, KPI keys shown as st.metric cards, in order).
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "overview": (
        "app.title",
        (
            "gmv",
            "orders_paid",
            "aov",
            "conversion_rate",
            "uv_value",
            "profit",
            "old_customer_share",
        ),
    ),
    "traffic_funnel": (
        "page.traffic",
        ("gmv", "orders_paid", "conversion_rate", "uv_value", "profit"),
    ),
    "promotions": (
        "page.promotions",
        ("gmv", "orders_paid", "aov", "promotion_cost", "profit"),
    ),
    "membership": (
        "page.membership",
        ("old_customer_share", "orders_repeat", "members_end", "loyalty_cost", "profit", "cash"),
    ),
    "dsr_service": (
        "page.dsr",
        (
            "dsr_mean_end",
            "dsr_logistics_min",
            "late_rate",
            "response_time_s",
            "backlog_max",
            "profit",
        ),
    ),
    "compare": ("page.compare", ()),
    "calibrate": ("page.calibrate", ()),
    "assumptions": ("page.assumptions", ()),
}


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app reads ``assets/…`` relative to the working directory, like ``streamlit run``."""
    monkeypatch.chdir(REPO_ROOT)


# --------------------------------------------------------------------------- helpers
def open_app(lang: str, page: str | None = None) -> AppTest:
    """A fresh session opened with ``?lang=<lang>``, optionally switched to ``pages/<page>.py``."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert_clean(at)
    if page is not None:
        goto(at, page)
    return at


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py").run()
    assert_clean(at)
    return at


def assert_clean(at: AppTest) -> None:
    """No uncaught exception (traceback box) and no error message on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def assert_lang_in_url(at: AppTest, lang: str) -> None:
    """``?lang=`` is bound to the sidebar control. Streamlit drops a bound parameter whose value is
    the widget's default (the browser locale, else zh: zh under AppTest), so zh may be absent."""
    assert at.button_group(key="lang").value == lang
    if lang == "zh":
        assert at.query_params.get("lang", "zh") == "zh"
    else:
        assert at.query_params["lang"] == lang


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    """KPI label → (value, delta); delta is "" when the card shows none."""
    return {m.label: (m.value, m.delta or "") for m in at.metric}


def kpi(at: AppTest, key: str, lang: str) -> tuple[str, str]:
    return metrics(at)[t(f"kpi.{key}", lang)]


def widget(at: AppTest, kind: str, path: str, which: str = "plan"):
    """The registry widget of ``path`` (key ``w:<which>:<version>:<path>``)."""
    found = [
        w
        for w in getattr(at, kind)
        if w.key
        and w.key.startswith(f"w:{which}:")
        and w.key.split("@")[0].endswith(f":{path}")  # choices: one key per language
    ]
    assert len(found) == 1, f"{kind} for {which}:{path}: {[w.key for w in getattr(at, kind)]}"
    return found[0]


def option(at: AppTest, kind: str, key: str):
    """The option widget of ``key`` in the session's language (``ui.state.option_key``)."""
    found = [w for w in getattr(at, kind) if w.key and w.key.rsplit("@", 1)[0] == key]
    assert len(found) == 1, f"{kind} {key}: {[w.key for w in getattr(at, kind)]}"
    return found[0]


def scenario(at: AppTest, which: str = "plan"):
    return at.session_state[which].scenario


def percent(text: str) -> float:
    """'2.45%' → 2.45 (the KPI cards of rates)."""
    match = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    assert match and text.strip().endswith("%"), text
    return float(match.group().replace(",", ""))


def table_with(at: AppTest, column: str):
    """The dataframe (as pandas) that has a column labelled ``column``."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(frames) == 1, [list(d.value.columns) for d in at.dataframe]
    return frames[0]


def chart_frames(at: AppTest) -> list:
    """The data of every Altair chart on the page, as pandas frames."""
    return [
        convert_arrow_bytes_to_pandas_df(d.data.data)
        for chart in at.get("vega_lite_chart")
        for d in chart.proto.datasets
    ]


def choose_plan_preset(at: AppTest, name: str) -> None:
    box = [s for s in at.sidebar.selectbox if s.key and s.key.startswith("preset:plan:")]
    assert len(box) == 1
    box[0].set_value(name).run()
    assert_clean(at)


def add_promotion(
    at: AppTest, kind: str, first: int, last: int, tiers: list[tuple[float, float]] | None = None
) -> AppTest:
    """Fill the builder form (kind, event days, 满减 tiers) and press its add button."""
    option(at, "selectbox", "pb_kind").set_value(kind).run()
    start = scenario(
        at, "baseline" if at.sidebar.radio[0].value == "baseline" else "plan"
    ).start_date
    at.date_input(key=f"pb:{kind}:days").set_value((date_of(start, first), date_of(start, last)))
    if tiers is not None:  # the tier table's edit state, as the browser would send it
        at.session_state[f"pb:{kind}:tiers"] = {
            "edited_rows": {0: {"threshold": tiers[0][0], "amount_off": tiers[0][1]}},
            "added_rows": [{"threshold": th, "amount_off": r} for th, r in tiers[1:]],
            "deleted_rows": [],
        }
    at.button(key="pb_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# --------------------------------------------------------------------------- rendering
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_renders_in_the_language(lang: str) -> None:
    other = next(x for x in LANGS if x != lang)
    at = open_app(lang)
    for page, (title_key, kpis) in PAGES.items():
        goto(at, page)
        assert at.title[0].value == t(title_key, lang), page
        # The KPI cards come first (a page may show more numbers as metrics further down).
        labels = [m.label for m in at.metric][: len(kpis)]
        assert labels == [t(f"kpi.{k}", lang) for k in kpis], page
        # The shared sidebar is there (the page ran behind the router) and speaks the language.
        assert [b.label for b in at.sidebar.button][:3] == [
            t(k, lang) for k in ("undo.undo", "undo.redo", "side.reset_plan")
        ], page  # undo and redo first (issue 16)
        assert [s.label for s in at.sidebar.selectbox] == [
            t("side.baseline_preset", lang),
            t("side.plan_preset", lang),
            t("dt.tpl.pick", lang),  # the campaign calendar templates (issue 16)
            t("band.paths", lang),  # the ranges' path count (issue 19)
        ], page
        assert at.title[0].value != t(title_key, other)
        if page == "assumptions":
            table = table_with(at, t("as.col.changed", lang))
            assert t("as.col.changed", lang) in table.columns
            assert not table[t("as.col.changed", lang)].any()  # plan == baseline at start
            # "About the model": the seed errata of MODEL.md §1.7, E2's corrected bound among them
            errata = table_with(at, t("as.col.resolution", lang)).set_index("#")
            assert list(errata.index) == [f"E{i}" for i in range(1, 9)]
            assert "(f−1)/(5−f)" in errata.loc["E2", t("as.col.resolution", lang)]
    assert_lang_in_url(at, lang)


# --------------------------------------------------------------------------- widgets → KPIs
@pytest.mark.parametrize("lang", LANGS)
def test_organic_visitors_move_gmv_and_orders(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    gmv, orders = kpi(at, "gmv", lang), kpi(at, "orders_paid", lang)
    assert gmv[1] == "" and orders[1] == ""  # plan == baseline: no delta

    box = widget(at, "number_input", "traffic.organic_uv")
    assert box.value == 4000
    box.set_value(8000).run()
    assert_clean(at)

    assert scenario(at).traffic.organic_uv == 8000
    assert scenario(at, "baseline").traffic.organic_uv == 4000
    new_gmv, new_orders = kpi(at, "gmv", lang), kpi(at, "orders_paid", lang)
    assert new_gmv[0] != gmv[0]
    assert new_orders[0] != orders[0]
    assert new_gmv[1].startswith("+") and new_orders[1].startswith("+")

    goto(at, "overview")
    value, delta = kpi(at, "gmv", lang)
    assert value == new_gmv[0]  # same plan GMV on both pages
    assert delta.startswith("+"), delta
    assert not at.info  # the bridge is drawn instead of "the plan equals the baseline"


@pytest.mark.parametrize("lang", LANGS)
def test_conversion_slider_raises_conversion_kpi(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    before = percent(kpi(at, "conversion_rate", lang)[0])
    slider = widget(at, "slider", "funnel.conversion_rate")
    assert slider.value == pytest.approx(2.4)  # percent on screen, fraction in the scenario
    slider.set_value(4.0).run()
    assert_clean(at)
    assert scenario(at).funnel.conversion_rate == pytest.approx(0.04)
    value, delta = kpi(at, "conversion_rate", lang)
    assert percent(value) > before
    assert delta.startswith("+"), delta


@pytest.mark.parametrize("lang", LANGS)
def test_paid_search_budget_adds_roi_row(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    channel = t("col.channel", lang)
    before = table_with(at, channel)
    assert t("ch.paid_search", lang) not in set(before[channel])

    widget(at, "number_input", "traffic.paid_search.budget_per_day").set_value(500).run()
    assert_clean(at)

    after = table_with(at, channel)
    assert len(after) == len(before) + 1
    assert t("ch.paid_search", lang) in set(after[channel])


# --------------------------------------------------------------------------- state across pages
def test_edit_survives_page_switch_and_shows_as_changed() -> None:
    lang = "en"
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.organic_uv").set_value(8000).run()
    assert_clean(at)

    goto(at, "assumptions")
    # The table names parameters in words (its registry paths are in the CSV only, issue 16).
    table = table_with(at, t("as.col.changed", lang))
    changed = table.set_index(t("as.col.param", lang))[t("as.col.changed", lang)]
    organic = PARAMS["traffic.organic_uv"].label(lang)
    assert bool(changed[organic]) is True
    assert list(changed[changed].index) == [organic]

    goto(at, "traffic_funnel")
    assert widget(at, "number_input", "traffic.organic_uv").value == 8000
    assert kpi(at, "gmv", lang)[1].startswith("+")


@pytest.mark.parametrize("lang", LANGS)
def test_reset_plan_to_baseline_clears_the_delta(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.organic_uv").set_value(8000).run()
    assert kpi(at, "gmv", lang)[1] != ""

    reset = [b for b in at.sidebar.button if b.label == t("side.reset_plan", lang)]
    assert len(reset) == 1
    reset[0].click().run()
    assert_clean(at)

    assert scenario(at) == scenario(at, "baseline")
    assert all(delta == "" for _, delta in metrics(at).values()), metrics(at)
    # The widgets were redrawn from the reset plan (new key version), not from the stale edit.
    assert widget(at, "number_input", "traffic.organic_uv").value == 4000


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("lang", LANGS)
def test_bad_input_is_a_translated_message_and_keeps_the_value(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    shown = metrics(at)

    # An out-of-range number: Streamlit's number_input itself refuses it (falls back to the value
    # drawn), so nothing reaches the scenario and nothing breaks.
    widget(at, "number_input", "traffic.organic_uv").set_value(2_000_000).run()
    assert_clean(at)
    assert scenario(at).traffic.organic_uv == 4000
    assert widget(at, "number_input", "traffic.organic_uv").value == 4000

    # Each slider is in range, but together they break the funnel: 50% inquire × 25% of them buy
    # is far above the 2.4% paid conversion. The model rejects it; the UI must explain, not crash.
    before = scenario(at)
    widget(at, "slider", "funnel.inquiry_rate").set_value(50.0).run()
    assert not at.exception
    with pytest.raises(ValidationError) as refused:
        set_param(before, "funnel.inquiry_rate", 0.5)
    assert [e.value for e in at.error] == [describe_error(refused.value, lang)]
    # the sentence carries the numbers: 50% × 25% = 12.5% against the new-customer order rate
    assert fmt_pct(0.5, lang) in at.error[0].value and fmt_pct(0.125, lang) in at.error[0].value
    assert scenario(at).funnel.inquiry_rate == pytest.approx(0.05)  # the old value is in force
    assert widget(at, "slider", "funnel.inquiry_rate").value == pytest.approx(5.0)
    assert metrics(at) == shown

    at.run()  # the message is shown once
    assert_clean(at)
    assert metrics(at) == shown


@pytest.mark.parametrize("lang", LANGS)
def test_conversion_below_one_percent_warns(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    warning = t("warn.conversion_below_1pct", lang)
    assert warning not in [w.value for w in at.warning]

    # Below 1% conversion the default 5% × 25% inquiry orders would not fit: drop inquiries first.
    widget(at, "slider", "funnel.inquiry_rate").set_value(0.0).run()
    assert_clean(at)
    widget(at, "slider", "funnel.conversion_rate").set_value(0.8).run()
    assert_clean(at)

    assert scenario(at).funnel.conversion_rate == pytest.approx(0.008)
    assert warning in [w.value for w in at.warning]


# --------------------------------------------------------------------------- language switch
def test_sidebar_language_control_switches_labels() -> None:
    at = open_app("zh", "traffic_funnel")
    control = at.button_group(key="lang")
    assert control.value == "zh"
    assert at.title[0].value == t("page.traffic", "zh")

    control.set_value("en").run()
    assert_clean(at)
    assert_lang_in_url(at, "en")
    assert at.title[0].value == t("page.traffic", "en")
    assert [m.label for m in at.metric] == [t(f"kpi.{k}", "en") for k in PAGES["traffic_funnel"][1]]
    assert at.sidebar.button[2].label == t("side.reset_plan", "en")  # after undo, redo

    goto(at, "overview")  # the choice holds on the next page
    assert at.title[0].value == t("app.title", "en")

    at.button_group(key="lang").set_value("zh").run()
    assert_clean(at)
    assert at.button_group(key="lang").value == "zh"
    assert at.title[0].value == t("app.title", "zh")
    assert [m.label for m in at.metric] == [t(f"kpi.{k}", "zh") for k in PAGES["overview"][1]]
    # AppTest does not drop the bound ``lang`` from the default page's query string (its URL
    # path is not its file's stem, see ui/router.py); chromium does (tests/browser/
    # test_navigation.py). The next page's URL is the check here.
    goto(at, "traffic_funnel")
    assert_lang_in_url(at, "zh")


def test_choices_survive_a_language_switch_and_hold_no_label() -> None:
    """Issue 16, defect 1: option widgets keep language-free values over a switch (the browser
    sends back the label it shows; ``ui.state.option_key`` gives each language its own key)."""
    at = open_app("zh", "compare")
    option(at, "selectbox", "cmp_preset").set_value("large_store").run()
    option(at, "selectbox", "cmp_kpi").set_value("profit").run()
    choose_plan_preset(at, "new_store")
    at.sidebar.radio[0].set_value("baseline").run()
    at.button_group(key="lang").set_value("en").run()
    assert_clean(at)
    assert option(at, "selectbox", "cmp_preset").value == "large_store"
    assert option(at, "selectbox", "cmp_kpi").value == "profit"
    assert at.sidebar.radio[0].value == "baseline"
    for page in ("overview", "promotions", "membership", "dsr_service", "compare"):
        goto(at, page)
        assert_clean(at)
    assert at.session_state["plan"].preset == "new_store"


# --------------------------------------------------------------------------- promotions
@pytest.mark.parametrize("lang", LANGS)
def test_threshold_discount_from_the_form_moves_kpis_and_reports_a_row(lang: str) -> None:
    at = open_app(lang, "promotions")
    assert kpi(at, "gmv", lang)[1] == ""
    unchanged_cost = kpi(at, "promotion_cost", lang)[0]
    assert not [d for d in at.dataframe if t("pr.col.kind", lang) in d.value.columns]

    add_promotion(at, "threshold_discount", 20, 26, tiers=[(200, 20), (300, 40)])
    assert_clean(at)

    assert scenario(at).promotions == (
        ThresholdDiscount(start_day=20, end_day=26, tiers=((200, 20), (300, 40))),
    )
    assert scenario(at, "baseline").promotions == ()
    assert kpi(at, "gmv", lang)[1] != ""  # GMV moved away from the baseline
    assert kpi(at, "promotion_cost", lang)[0] != unchanged_cost  # money off now costs something
    table = table_with(at, t("pr.col.kind", lang))
    assert list(table[t("pr.col.kind", lang)]) == [t("kind.threshold_discount", lang)]
    assert "200" in table[t("pr.col.detail", lang)].iloc[0]
    assert "300" in table[t("pr.col.detail", lang)].iloc[0]


@pytest.mark.parametrize("lang", LANGS)
def test_layering_rule_refuses_a_fourth_layer_and_a_second_of_a_kind(lang: str) -> None:
    at = open_app(lang)
    choose_plan_preset(at, "double12_campaign")  # 限时折扣 + 满包邮 on days 14–17
    goto(at, "promotions")
    add_promotion(at, "threshold_discount", 14, 17)  # the third layer is allowed
    assert_clean(at)
    three = scenario(at)
    assert [p.kind for p in three.promotions] == ["item_discount", "free_shipping",
                                                  "threshold_discount"]  # fmt: skip
    shown = metrics(at)

    add_promotion(at, "gift", 15, 20)  # a fourth layer on days 15–17
    names = ["item_discount", "free_shipping", "threshold_discount", "gift"]
    sep = "、" if lang == "zh" else ", "
    start = three.start_date  # the day is named by its date (issue 16)
    expected = t("dt.err.layers", lang, when=window_text(start, 15, 15, lang), n=4,
                 max=MAX_LAYERS, kinds=sep.join(t(f"kind.{k}", lang) for k in names))  # fmt: skip
    assert [e.value for e in at.error] == [expected]
    assert scenario(at) == three
    assert metrics(at) == shown

    add_promotion(at, "item_discount", 16, 16)  # a second 限时折扣 on day 16
    assert [e.value for e in at.error] == [
        t(
            "dt.err.same_kind",
            lang,
            when=window_text(start, 16, 16, lang),
            kind=t("kind.item_discount", lang),
        )
    ]
    assert scenario(at) == three
    assert metrics(at) == shown


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_the_promotion_restores_the_baseline(lang: str) -> None:
    at = open_app(lang, "promotions")
    baseline_kpis = metrics(at)
    add_promotion(at, "threshold_discount", 5, 9)
    assert_clean(at)
    assert metrics(at) != baseline_kpis

    delete = [b for b in at.button if b.key == "pdel:plan:0"]
    assert len(delete) == 1 and delete[0].label == t("pr.delete_short", lang)
    delete[0].click().run()
    assert_clean(at)

    assert scenario(at) == scenario(at, "baseline")
    assert metrics(at) == baseline_kpis
    assert all(delta == "" for _, delta in metrics(at).values())
    assert t("pr.none", lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", LANGS)
def test_campaign_preset_shows_its_promotions_on_the_calendar(lang: str) -> None:
    at = open_app(lang)
    choose_plan_preset(at, "double12_campaign")
    goto(at, "promotions")

    kinds = [t("kind.item_discount", lang), t("kind.free_shipping", lang)]
    timeline = [f for f in chart_frames(at) if {"label", "phase_code", "kind"} <= set(f.columns)]
    assert len(timeline) == 1
    bars = timeline[0]
    assert sorted(bars["label"]) == [f"#1 {kinds[0]}", f"#2 {kinds[1]}"]
    assert list(bars["start"]) == [14.0, 14.0] and list(bars["end"]) == [18.0, 18.0]
    table = table_with(at, t("pr.col.kind", lang))
    assert list(table[t("pr.col.kind", lang)]) == kinds
    # The waterfall and the daily chart compare it with the baseline: no "no change" notice.
    assert t("pr.no_change", lang) not in [i.value for i in at.info]


def test_audience_choice_follows_the_kind() -> None:
    lang = "en"
    at = open_app(lang, "promotions")
    for kind, options in (
        ("coupon", ["all", "old_customers", "members"]),
        ("free_shipping", ["all"]),
    ):
        option(at, "selectbox", "pb_kind").set_value(kind).run()
        box = option(at, "selectbox", f"pb:{kind}:audience")
        assert box.options == [t(f"aud.{a}", lang) for a in options]
        assert box.disabled == (len(options) == 1)
    add_promotion(at, "free_shipping", 3, 4)
    assert_clean(at)
    assert [p.audience for p in scenario(at).promotions] == ["all"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_profit_waterfall_closes_with_loyalty_schemes_on(lang: str) -> None:
    """Points and stored value on in the plan, a 满减 in it: the Promotions page's waterfall is the
    profit bridge (simulator/bridge.py), loyalty line included, and its steps add up to the
    profit change exactly (issue 15 item 8: a six-line list of its own summed to +¥30 while
    profit fell by ¥9,834)."""
    from simulator import simulate
    from simulator.bridge import PROFIT_EFFECTS, profit_bridge

    at = open_app(lang, "membership")
    for scheme in ("points", "stored_value"):
        widget(at, "toggle", f"membership.{scheme}.enabled").set_value(True).run()
        assert_clean(at)
    goto(at, "promotions")
    add_promotion(at, "threshold_discount", 10, 13, [(150.0, 20.0)])
    assert_clean(at)
    base, plan = scenario(at, "baseline"), scenario(at)
    assert plan.membership.points.enabled and plan.membership.stored_value.enabled
    assert plan.promotions
    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    # issue 16: a delta waterfall, the steps from 0 change and the total change last
    total = t("chart.total_change", lang)
    (frame,) = [f for f in chart_frames(at) if "label" in f and total in set(f["label"])]
    steps = frame.sort_values("order").set_index("label")["value"]
    assert steps.iloc[-1] == pytest.approx(t1["profit"] - t0["profit"], rel=1e-9, abs=0.01)
    lines = steps.iloc[:-1]
    expected = profit_bridge(t0, t1)
    # the lines the plan moves (a step under half a yuan is not drawn, but still counted)
    moved = [k for k in PROFIT_EFFECTS if abs(expected[k]) >= 0.5]
    assert list(lines.index) == [t(f"peff.{k}", lang) for k in moved]
    assert lines.sum() == pytest.approx(sum(expected[k] for k in moved), rel=1e-9, abs=0.01)
    assert lines.loc[t("peff.loyalty", lang)] == pytest.approx(expected["loyalty"])
    assert expected["loyalty"] < -1000  # the schemes cost money: the line the old list left out


# --------------------------------------------------------------------------- membership page
@pytest.mark.parametrize("lang", LANGS)
def test_switching_on_a_card_moves_the_scheme_kpis(lang: str) -> None:
    """Switch the free-shipping card on, raise its uptake: repeat orders and scheme costs move,
    the scenario holds the values, and the ledger table shows the card's revenue."""
    at = open_app(lang, "membership")
    assert kpi(at, "orders_repeat", lang)[1] == ""
    toggle = widget(at, "toggle", "membership.card.enabled")
    toggle.set_value(True).run()
    assert_clean(at)
    assert scenario(at).membership.card.enabled is True
    widget(at, "number_input", "membership.card.uptake").set_value(60.0).run()
    assert_clean(at)
    assert scenario(at).membership.card.uptake == pytest.approx(0.6)
    assert kpi(at, "orders_repeat", lang)[1].startswith("+")
    table = table_with(at, t("mb.line", lang)).set_index(t("mb.line", lang))
    revenue = table.loc[t("m.card_revenue", lang), t("mb.total", lang)]
    assert revenue not in ("¥0.00", "¥0")


def test_referral_k_at_or_above_one_is_warned() -> None:
    lang = "en"
    at = open_app(lang, "membership")
    widget(at, "toggle", "membership.referral.enabled").set_value(True).run()
    widget(at, "number_input", "membership.referral.rate").set_value(0.01).run()
    widget(at, "number_input", "membership.referral.active_days").set_value(700.0).run()
    assert_clean(at)
    assert any(w.value == t("warn.referral_explosive", lang) for w in at.warning)


@pytest.mark.parametrize("lang", LANGS)
def test_gamma_gamma_repeat_spend_from_the_page(lang: str) -> None:
    """Choose Gamma-Gamma: p, q, v replace the AOV ratio, the caption states the implied repeat
    AOV; T6's CDNOW values give 35.22 a repeat order; 'set v from the AOV' brings it back."""
    at = open_app(lang, "membership")
    widget(at, "button_group", "repeat.spend_model").set_value("gamma_gamma").run()
    assert_clean(at)
    assert scenario(at).repeat.spend_model == "gamma_gamma"
    for name, value in (("gg_v", 15.44), ("gg_q", 3.74), ("gg_p", 6.25)):
        widget(at, "number_input", f"repeat.{name}").set_value(value).run()
        assert_clean(at)
    mean, _ = repeat_basket(scenario(at))
    assert mean == pytest.approx(35.219, abs=1e-3)
    summary = next(c.value for c in at.caption if "Gamma-Gamma" in c.value)
    assert fmt_money(mean, lang, digits=2, compact=False) in summary
    at.button(key="mb_gg_match_plan").click().run()
    assert_clean(at)
    assert repeat_basket(scenario(at))[0] == pytest.approx(scenario(at).store.aov, rel=1e-6)


def test_a_gamma_gamma_mean_out_of_range_is_refused_in_words() -> None:
    lang = "zh"
    at = open_app(lang, "membership")
    widget(at, "button_group", "repeat.spend_model").set_value("gamma_gamma").run()
    widget(at, "number_input", "repeat.gg_v").set_value(100_000.0).run()
    assert not at.exception
    rp, aov = scenario(at).repeat, PARAMS["store.aov"]
    mean = round(rp.gg_p * 100_000 / (rp.gg_q - 1), 2)
    expected = t("err.gg_mean", lang, mean=fmt_money(mean, lang, compact=False,
                                                     digits=0 if mean.is_integer() else 2),
                 lo=fmt_money(aov.lo, lang, digits=0), hi=fmt_money(aov.hi, lang, compact=False,
                                                                     digits=0))  # fmt: skip
    assert any(expected in e.value for e in at.error)
    assert scenario(at).repeat.gg_v == pytest.approx(PARAMS["repeat.gg_v"].default)


@pytest.mark.parametrize("lang", LANGS)
def test_paid_membership_and_points_rules_from_the_page(lang: str) -> None:
    """A membership fee brings its sBG renewal terms, its willingness to pay and fee revenue:
    nobody pays 88 yuan a year for no perks, a 50 % member price valued at 10× its savings sells;
    points warn about paying for good reviews until that rule is switched off."""
    at = open_app(lang, "membership")
    widget(at, "number_input", "membership.fee").set_value(88.0).run()
    assert_clean(at)
    widget(at, "number_input", "membership.renewal_alpha")  # shown once there is a fee
    assert any(c.value == t("mb.fee_terms", lang, r1=fmt_pct(float(sbg_survival(1, 0.704, 1.182)), lang),
                            s3=fmt_pct(float(sbg_survival(3, 0.704, 1.182)), lang))
               for c in at.caption)  # fmt: skip

    def uptake() -> float:
        plan, base = scenario(at), scenario(at, "baseline")
        e = priced_uptake(plan, base, calibrate(plan, base).alpha_days)[0]
        money = fmt_money(88.0, lang, digits=2, compact=False)
        shown = [c.value for c in at.caption if money in c.value]
        assert any(fmt_pct(e, lang, digits=1) in c for c in shown), shown
        return e

    assert uptake() < 1e-3
    widget(at, "toggle", "membership.member_price.enabled").set_value(True).run()
    widget(at, "number_input", "membership.member_price.discount").set_value(50.0).run()
    widget(at, "number_input", "membership.wtp_ratio").set_value(10.0).run()
    assert_clean(at)
    assert uptake() > 0.05
    table = table_with(at, t("mb.line", lang)).set_index(t("mb.line", lang))
    assert table.loc[t("m.membership_fee_revenue", lang), t("mb.total", lang)] not in (
        "¥0",
        "¥0.00",
    )
    widget(at, "toggle", "membership.points.enabled").set_value(True).run()
    assert_clean(at)
    assert any(w.value == t("warn.points_review_reward", lang) for w in at.warning)
    widget(at, "number_input", "membership.points.signin_rate").set_value(20.0).run()
    assert scenario(at).membership.points.signin_rate == pytest.approx(0.2)
    widget(at, "toggle", "membership.points.review_reward").set_value(False).run()
    assert_clean(at)
    assert scenario(at).membership.points.review_reward is False
    assert not any(w.value == t("warn.points_review_reward", lang) for w in at.warning)


# --------------------------------------------------------------------------- DSR & service page
@pytest.mark.parametrize("lang", LANGS)
def test_a_small_warehouse_backs_up_and_sinks_the_logistics_score(lang: str) -> None:
    """Cut dispatch capacity below the everyday orders: a backlog builds, late deliveries rise,
    the logistics score falls and the page warns; the score chart carries the industry band."""
    at = open_app(lang, "dsr_service")
    assert kpi(at, "backlog_max", lang)[1] == ""
    widget(at, "number_input", "fulfilment.capacity_per_day").set_value(80.0).run()
    assert_clean(at)
    assert scenario(at).fulfilment.capacity_per_day == pytest.approx(80.0)
    assert kpi(at, "late_rate", lang)[1].startswith("+")
    assert kpi(at, "dsr_logistics_min", lang)[1].startswith("-")
    assert any(w.value == t("warn.dispatch_backlog", lang) for w in at.warning)
    # 80 a day against ~100: what is unshipped 72 h after payment is cancelled, and said so.
    assert any(w.value == t("warn.orders_cancelled", lang) for w in at.warning)
    assert kpi(at, "profit", lang)[1].startswith("-")
    tail = t("ds.cancel_note", lang).split("{comp}")[-1]
    assert any(c.value.endswith(tail) for c in at.caption)
    bands = [f for f in chart_frames(at) if {"lo", "hi"} <= set(f.columns)]
    assert bands and bands[0]["lo"].iloc[0] == pytest.approx(4.75)
    assert bands[0]["hi"].iloc[0] == pytest.approx(4.95)


def test_an_understaffed_desk_is_warned_and_answers_slower() -> None:
    lang = "en"
    at = open_app(lang, "dsr_service")
    widget(at, "number_input", "service.agents").set_value(1).run()
    widget(at, "number_input", "service.handle_min").set_value(15.0).run()
    assert_clean(at)
    assert any(w.value == t("warn.service_saturated", lang) for w in at.warning)
    assert kpi(at, "response_time_s", lang)[1].startswith("+")


@pytest.mark.parametrize("lang", LANGS)
def test_recovery_calculator_uses_the_corrected_formula(lang: str) -> None:
    at = open_app(lang, "dsr_service")
    need = next(m for m in at.metric if m.label == t("ds.rc_need", lang))
    assert need.value == "19"  # f = 4.8, one 1-star rating: (4.8 − 1)/(5 − 4.8)
    at.number_input(key="ds_rc_f").set_value(4.9).run()
    need = next(m for m in at.metric if m.label == t("ds.rc_need", lang))
    assert need.value == "39"
    table = table_with(at, t("ds.rc_right", lang)).set_index(t("ds.rc_score", lang))
    assert table.loc["4.80", t("ds.rc_right", lang)] == "19"
    assert table.loc["4.80", t("ds.rc_wrong", lang)] == "29"  # seed 000's bound, shown corrected
    option(at, "selectbox", "ds_rc_k").set_value(3).run()
    at.number_input(key="ds_rc_f").set_value(4.8).run()
    assert next(m for m in at.metric if m.label == t("ds.rc_need", lang)).value == "9"


def test_campaign_what_if_compares_seed_003_with_adequate_staff() -> None:
    lang = "zh"
    at = open_app(lang, "dsr_service")
    table = table_with(at, t("ds.wi_measure", lang)).set_index(t("ds.wi_measure", lang))
    seed, yours = t("ds.wi_seed", lang), t("ds.wi_yours", lang)
    backlog = table.loc[t("kpi.backlog_max", lang)]
    assert backlog[seed] != "0" and backlog[yours] == "0"
    cancelled = table.loc[t("m.orders_cancelled", lang)]
    assert cancelled[seed] != "0" and cancelled[yours] == "0"
    worst = table.loc[t("ds.wi_logistics_min", lang)]
    assert float(worst[yours]) > float(worst[seed])
    at.slider(key="ds_wi_capacity").set_value(0).run()
    assert_clean(at)
    table = table_with(at, t("ds.wi_measure", lang)).set_index(t("ds.wi_measure", lang))
    assert table.loc[t("kpi.backlog_max", lang), yours] != "0"


@pytest.mark.parametrize("lang", LANGS)
def test_seed_002_agents_are_reproduced_with_the_auto_reply_off(lang: str) -> None:
    """Seed 002's 12 s vs 244 s agents: 10.5× only with the derived half-life and no auto-reply
    floor; the page says what the floor does and reproduces the case in the plan on request."""
    at = open_app(lang, "dsr_service")
    ratio = t("ds.s2_ratio", lang)
    table = table_with(at, ratio)
    assert list(table[ratio]) == ["1.93×", "3.82×", "1.88×", "10.50×"]
    assert any(t("ds.s2_floor_note", lang, f="50%", cap="2.0") in c.value for c in at.caption)
    at.button(key="ds_s2_apply").click().run()
    assert_clean(at)
    sv = scenario(at).service
    assert sv.auto_reply_factor == 0.0 and sv.rt_half_life_s == pytest.approx(68.4)
    assert any(t("ds.s2_applied", lang) in i.value for i in at.info)
    assert widget(at, "number_input", "service.auto_reply_factor").value == 0.0
    table = table_with(at, ratio)
    assert list(table[ratio])[0] == "10.50×"  # the scenario's own setting now gives the seed's gap
    assert any(t("ds.s2_no_floor_note", lang) in c.value for c in at.caption)


def test_service_hours_out_of_order_are_refused_in_words() -> None:
    lang = "zh"
    at = open_app(lang, "dsr_service")
    widget(at, "number_input", "service.start_hour").set_value(23).run()
    widget(at, "number_input", "service.end_hour").set_value(20).run()
    assert not at.exception
    assert any(t("err.hours", lang, start=23, end=20) in e.value for e in at.error)
    assert scenario(at).service.end_hour > scenario(at).service.start_hour


# --------------------------------------------------------------------------- share links
def open_panel(at: AppTest, key: str) -> AppTest:
    """Open a sidebar panel (``ui.workspace.SHARE_PANEL`` or ``FILES_PANEL``; its content runs only
    while it is open) and rerun, as a click on its header does (whose callback keeps the state
    through a page's hand-over run, which AppTest makes on every run of a page other than the
    first)."""
    at.session_state[key] = at.session_state[f"{key}_kept"] = True
    at.run()
    assert_clean(at)
    return at


def share_link(at: AppTest) -> str:
    """The link in the share panel's box (an ``st.html`` textarea beside its copy button); the panel
    is opened first if it is closed."""
    import html

    if not [e for e in at.sidebar.get("html") if "share-link" in e.proto.body]:
        open_panel(at, SHARE_PANEL)
    (body,) = [e.proto.body for e in at.sidebar.get("html") if "share-link" in e.proto.body]
    assert t("share.copy", "zh") in body or t("share.copy", "en") in body  # the copy button
    return html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", body, re.S).group(1))


def share_query(at: AppTest) -> str:
    link = share_link(at)
    return link[link.index("?") :]


@pytest.mark.parametrize("lang", LANGS)
def test_a_share_link_reopens_the_same_scenarios_and_kpis(lang: str) -> None:
    """Edit the plan, take the sidebar's link, open it in a fresh session: the same scenarios,
    the same KPIs, the same language and page."""
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.paid_search.budget_per_day").set_value(1500.0).run()
    assert_clean(at)
    before = metrics(at)
    query = share_query(at)
    assert len(query) < 2000
    fresh = AppTest.from_file(str(APP), default_timeout=60)
    for key, values in parse_qs(query.lstrip("?")).items():
        fresh.query_params[key] = values[-1]
    fresh.run()
    assert_clean(fresh)
    assert scenario(fresh) == scenario(at)
    assert scenario(fresh, "baseline") == scenario(at, "baseline")
    assert fresh.title[0].value == t("page.traffic", lang)
    assert metrics(fresh) == before


@pytest.mark.parametrize(
    "query", ["?ws=1.garbage", "?ws=9.abc", "?ws=1." + "A" * 20_000, "?ws=hello"]
)
def test_a_bad_share_link_opens_the_defaults_with_a_message(query: str) -> None:
    lang = "zh"
    fresh = AppTest.from_file(str(APP), default_timeout=60)
    fresh.query_params["lang"] = lang
    for key, values in parse_qs(query.lstrip("?")).items():
        fresh.query_params[key] = values[-1]
    fresh.run()
    assert not fresh.exception
    messages = [e.value for e in fresh.error]
    assert len(messages) == 1
    assert any(messages[0] == t(f"share.err.{c}", lang) for c in
               ("too_long", "encoding", "too_big", "json", "version", "format", "invalid"))  # fmt: skip
    assert scenario(fresh) == Scenario()


# --------------------------------------------------------------------------- workspace files
def _uploader(at: AppTest):
    open_panel(at, FILES_PANEL)
    found = [u for u in at.get("file_uploader") if u.proto.id and "ws_import" in u.proto.id]
    assert len(found) == 1
    return found[0]


def test_importing_a_workspace_file_replaces_the_scenarios() -> None:
    from tests.ui.test_share import typical
    from ui.share import workspace_to_json

    lang = "en"
    at = open_app(lang, "overview")
    _uploader(at).upload("plan.json", workspace_to_json(typical()).encode(), "application/json")
    at.run()
    assert_clean(at)
    assert scenario(at, "baseline") == typical().baseline.scenario
    assert scenario(at) == typical().scenarios[1].scenario
    assert any(i.value == t("share.more_plans", lang, n=2) for i in at.info)


@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_workspace_file_lists_every_problem_and_changes_nothing(lang: str) -> None:
    import json

    from tests.ui.test_share import typical
    from ui.share import workspace_to_json

    data = json.loads(workspace_to_json(typical()))
    data["scenarios"][0]["scenario"]["horizon_days"] = 9999
    data["scenarios"][2]["scenario"]["funnel"]["conversion_rate"] = 2.0
    at = open_app(lang, "overview")
    before = scenario(at)
    _uploader(at).upload("bad.json", json.dumps(data).encode(), "application/json")
    at.run()
    assert not at.exception
    assert scenario(at) == before
    (message,) = [e.value for e in at.error]
    assert message.startswith(t("files.err.invalid", lang))
    assert PARAMS["horizon_days"].label(lang) in message
    assert PARAMS["funnel.conversion_rate"].label(lang) in message
    two = json.loads(workspace_to_json(typical()))
    two["scenarios"][1]["baseline"] = True  # two baselines: a workspace rule, in words
    _uploader(at).upload("two.json", json.dumps(two).encode(), "application/json")
    at.run()
    assert any(t("err.one_baseline", lang, found=2) in e.value for e in at.error)
    _uploader(at).upload("notes.json", b"hello", "application/json")
    at.run()
    assert not at.exception
    assert any(e.value.startswith(t("files.err.json", lang)) for e in at.error)


# --------------------------------------------------------------------------- compare page
def _save_as(at: AppTest, name: str, lang: str) -> None:
    at.text_input(key="cmp_name").set_value(name).run()
    next(b for b in at.button if b.label == t("cmp.save", lang)).click().run()
    assert not at.exception


@pytest.mark.parametrize("lang", LANGS)
def test_compare_saves_renames_duplicates_deletes_and_compares(lang: str) -> None:
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.paid_search.budget_per_day").set_value(1500.0).run()
    goto(at, "compare")
    _save_as(at, "A", lang)
    _save_as(at, "A", lang)  # a second scenario of the same name is refused in words
    assert any(e.value == t("cmp.err.taken", lang) for e in at.error)
    _save_as(at, t("side.baseline_name", lang), lang)  # so is the baseline's name
    assert [s.name for s in at.session_state["saved"]] == ["A"]
    at.button(key="cmp_dup:0").click().run()
    copy = t("cmp.copy_of", lang, name="A")
    assert [s.name for s in at.session_state["saved"]] == ["A", copy]
    at.button(key="cmp_dup:0").click().run()  # "Copy of A" exists: the next copy is numbered
    assert [s.name for s in at.session_state["saved"]] == ["A", copy, f"{copy} 2"]
    at.button(key="cmp_dup:baseline").click().run()
    assert len(at.session_state["saved"]) == 4
    assert at.session_state["saved"][3].scenario == scenario(at, "baseline")
    at.button(key="cmp_dup:plan").click().run()  # the workspace is full at 6
    assert any(e.value == t("cmp.err.full", lang, n=6) for e in at.error)
    at.text_input(key="cmp_rename:0:A").set_value("Ads").run()
    assert at.session_state["saved"][0].name == "Ads"
    at.text_input(key=f"cmp_rename:1:{copy}").set_value("Ads").run()  # taken: refused in words
    assert any(e.value == t("cmp.err.taken", lang) for e in at.error)
    at.text_input(key=f"cmp_rename:1:{copy}").set_value(" ").run()  # empty: refused in words
    assert any(e.value == t("cmp.err.name", lang) for e in at.error)
    assert at.session_state["saved"][1].name == copy
    for _ in range(3):
        at.button(key="cmp_del:1").click().run()
    assert [s.name for s in at.session_state["saved"]] == ["Ads"]
    table = table_with(at, t("xl.kpi", lang)).set_index(t("xl.kpi", lang))
    assert list(table.columns) == [t("side.baseline_name", lang), t("side.plan_name", lang), "Ads"]
    gmv = table.loc[t("kpi.gmv", lang)]
    assert gmv["Ads"] == gmv[t("side.plan_name", lang)]  # saved from the plan
    assert "(+" in gmv["Ads"]
    assert_clean(at)


def _open_link(query: str) -> AppTest:
    fresh = AppTest.from_file(str(APP), default_timeout=60)
    for key, values in parse_qs(query.lstrip("?")).items():
        fresh.query_params[key] = values[-1]
    fresh.run()
    assert not fresh.exception
    return fresh


def test_saved_scenarios_travel_in_the_share_link() -> None:
    lang = "en"
    at = open_app(lang, "compare")
    _save_as(at, "Store as is", lang)
    fresh = _open_link(share_query(at))
    assert [s.name for s in fresh.session_state["saved"]] == ["Store as is"]
    assert fresh.title[0].value == t("page.compare", lang)


def _workspace(at: AppTest) -> list:
    """Every scenario of the session (baseline, plan, saved), for "nothing was dropped"."""
    ss = at.session_state
    return [ss["baseline"].scenario, ss["plan"].scenario, *(s.scenario for s in ss["saved"])]


def _gmv_row(at: AppTest, lang: str):
    return table_with(at, t("xl.kpi", lang)).set_index(t("xl.kpi", lang)).loc[t("kpi.gmv", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_new_from_preset_make_baseline_and_edit_swap_without_dropping_anything(lang: str) -> None:
    from simulator import load_preset, set_param, simulate
    from ui.fmt import fmt_money

    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.paid_search.budget_per_day").set_value(1500.0).run()
    ads, store = scenario(at), scenario(at, "baseline")
    goto(at, "compare")
    option(at, "selectbox", "cmp_preset").set_value("new_store").run()
    next(b for b in at.button if b.label == t("cmp.add", lang)).click().run()
    assert_clean(at)
    small = t("preset.new_store", lang)
    assert [s.name for s in at.session_state["saved"]] == [small]
    assert at.session_state["saved"][0].scenario == load_preset("new_store")
    held = sorted(sc.model_dump_json() for sc in _workspace(at))

    at.button(key="cmp_base:0").click().run()  # the new store becomes the baseline
    assert_clean(at)
    former = t("cmp.former_baseline", lang)
    assert scenario(at, "baseline") == load_preset("new_store")
    assert [s.name for s in at.session_state["saved"]] == [former]
    assert at.session_state["saved"][0].scenario == store
    assert sorted(sc.model_dump_json() for sc in _workspace(at)) == held
    assert t("cmp.now_baseline", lang, name=small, old=former) in [i.value for i in at.info]
    gmv = _gmv_row(at, lang)
    assert list(gmv.index) == [small, t("side.plan_name", lang), former]
    base_gmv = simulate(load_preset("new_store")).totals["gmv"]
    assert gmv[small] == fmt_money(base_gmv, lang)  # every scenario now against the new store

    at.button(key="cmp_open:0").click().run()  # the former baseline becomes the plan
    assert_clean(at)
    assert scenario(at) == store
    assert [s.name for s in at.session_state["saved"]] == [t("cmp.former_plan", lang)]
    assert at.session_state["saved"][0].scenario == ads
    assert sorted(sc.model_dump_json() for sc in _workspace(at)) == held

    at.button(key="cmp_base:plan").click().run()  # and the plan the baseline
    assert scenario(at, "baseline") == store and scenario(at) == load_preset("new_store")
    assert at.session_state["plan"].name == small  # a named scenario keeps its name
    # the horizon slider sets every scenario, saved ones too
    at.sidebar.slider(key="horizon").set_value(90).run()
    assert {sc.horizon_days for sc in _workspace(at)} == {90}
    assert_clean(at)
    assert set_param(ads, "horizon_days", 90) in _workspace(at)


@pytest.mark.parametrize("lang", LANGS)
def test_the_baseline_and_the_plan_can_be_named_and_the_names_travel(lang: str) -> None:
    at = open_app(lang, "compare")
    base_key = f"cmp_rename:baseline:{t('side.baseline_name', lang)}"
    at.text_input(key=base_key).set_value("店铺现状 2026").run()
    assert at.session_state["baseline"].name == "店铺现状 2026"
    plan_key = f"cmp_rename:plan:{t('side.plan_name', lang)}"
    other = "en" if lang == "zh" else "zh"
    at.text_input(key=plan_key).set_value(t("side.baseline_name", other)).run()  # a role name
    assert any(e.value == t("cmp.err.taken", lang) for e in at.error)
    at.text_input(key=plan_key).set_value("双12").run()
    _save_as(at, "双12", lang)  # taken by the plan now
    assert any(e.value == t("cmp.err.taken", lang) for e in at.error)
    fresh = _open_link(share_query(at))
    assert fresh.session_state["baseline"].name == "店铺现状 2026"
    assert fresh.session_state["plan"].name == "双12"
    columns = list(table_with(fresh, t("xl.kpi", lang)).columns)
    assert columns == [t("xl.kpi", lang), "店铺现状 2026", "双12"]
    # named back as its role, the plan follows the UI language again
    at.text_input(key="cmp_rename:plan:双12").set_value(t("side.plan_name", other)).run()
    assert at.session_state["plan"].name is None


def test_the_profit_bridge_splits_the_change_between_any_two_scenarios() -> None:
    from simulator.bridge import PROFIT_EFFECTS

    lang = "en"
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.paid_search.budget_per_day").set_value(1500.0).run()
    goto(at, "compare")
    assert [tab.label for tab in at.tabs] == [t("cmp.gmv_bridge", lang),
                                              t("cmp.profit_bridge", lang)]  # fmt: skip
    labels = {t(f"peff.{k}", lang) for k in PROFIT_EFFECTS}
    (profit,) = [f for f in chart_frames(at) if "label" in f and labels & set(f["label"])]
    steps = profit.sort_values("order")
    base, plan = at.session_state["baseline"].scenario, at.session_state["plan"].scenario
    from simulator import simulate
    from simulator.bridge import profit_bridge

    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    # issue 16: a delta waterfall, the total change last (lines under half a yuan not drawn)
    assert steps["label"].iloc[-1] == t("chart.total_change", lang)
    assert steps["value"].iloc[-1] == pytest.approx(t1["profit"] - t0["profit"])
    drawn = sum(v for v in profit_bridge(t0, t1).values() if abs(v) >= 0.5)
    assert steps["value"].iloc[:-1].sum() == pytest.approx(drawn)
    marketing = steps.set_index("label").loc[t("peff.marketing", lang), "value"]
    assert marketing == pytest.approx(-(t1["marketing_cost"] - t0["marketing_cost"]))
    assert marketing < -1000 * 180 * 0.9  # the extra 1,000 yuan a day of paid search
    # the same scenario on both sides: nothing to split
    at.selectbox(key="cmp_to").set_value(t("side.baseline_name", lang)).run()
    same = t(
        "cmp.no_change", lang, a=t("side.baseline_name", lang), b=t("side.baseline_name", lang)
    )
    assert sum(i.value == same for i in at.info) == 2


def test_a_workspace_too_long_for_a_link_is_offered_as_a_file() -> None:
    from tests.ui.test_share import large
    from ui.share import LINK_BUDGET, encode_link, workspace_to_json

    lang = "zh"
    at = open_app(lang, "overview")
    assert len(encode_link(large())) > LINK_BUDGET
    _uploader(at).upload("big.json", workspace_to_json(large()).encode(), "application/json")
    at.run()
    open_panel(at, SHARE_PANEL)
    assert not [e for e in at.sidebar.get("html") if "share-link" in e.proto.body]  # no link
    (warning,) = [w.value for w in at.sidebar.warning]
    assert warning.startswith(t("share.too_long", lang, n=0, limit=LINK_BUDGET)[:10])
    assert str(LINK_BUDGET) in warning.replace(",", "")
    assert at.sidebar.get("download_button")  # the workspace file in its place


def test_compare_charts_every_scenarios_change_against_the_baseline() -> None:
    from simulator import simulate

    lang = "en"
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.paid_search.budget_per_day").set_value(1500.0).run()
    goto(at, "compare")
    (changes,) = [f for f in chart_frames(at) if {"measure", "scenario", "change"} <= set(f)]
    base, plan = scenario(at, "baseline"), scenario(at)
    t0, t1 = simulate(base).totals, simulate(plan, reference=base).totals
    gmv = changes.set_index("measure").loc[t("kpi.gmv", lang), "change"]
    assert gmv == pytest.approx(t1["gmv"] / t0["gmv"] - 1.0)
    assert set(changes["scenario"]) == {t("side.plan_name", lang)}  # the baseline is the zero
    assert t("kpi.discount_cost", lang) not in set(changes["measure"])  # 0 at baseline: no ratio
