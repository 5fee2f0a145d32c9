"""AppTest checks of the pages: they render in both languages, widgets move the KPIs they should,
edits survive page switches, the reset button works, bad input becomes a translated message and the
sidebar language control relabels the page.

Each test drives one ``AppTest`` through several steps (a run costs a simulation or two).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.i18n import LANGS, t

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
        if w.key and w.key.startswith(f"w:{which}:") and w.key.endswith(f":{path}")
    ]
    assert len(found) == 1, f"{kind} for {which}:{path}: {[w.key for w in getattr(at, kind)]}"
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


# --------------------------------------------------------------------------- rendering
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_renders_in_the_language(lang: str) -> None:
    other = next(x for x in LANGS if x != lang)
    at = open_app(lang)
    for page, (title_key, kpis) in PAGES.items():
        goto(at, page)
        assert at.title[0].value == t(title_key, lang), page
        assert [m.label for m in at.metric] == [t(f"kpi.{k}", lang) for k in kpis], page
        # The shared sidebar is there (the page ran behind the router) and speaks the language.
        assert at.sidebar.button[0].label == t("side.reset_plan", lang), page
        assert [s.label for s in at.sidebar.selectbox] == [
            t("side.baseline_preset", lang),
            t("side.plan_preset", lang),
        ], page
        assert at.title[0].value != t(title_key, other)
        if page == "assumptions":
            table = table_with(at, t("as.col.param", lang))
            assert t("as.col.changed", lang) in table.columns
            assert not table[t("as.col.changed", lang)].any()  # plan == baseline at start
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
    table = table_with(at, t("as.col.path", lang))
    changed = table.set_index(t("as.col.path", lang))[t("as.col.changed", lang)]
    assert bool(changed["traffic.organic_uv"]) is True
    assert list(changed[changed].index) == ["traffic.organic_uv"]

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
    widget(at, "slider", "funnel.inquiry_rate").set_value(50.0).run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("err.funnel", lang)]
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
    assert at.sidebar.button[0].label == t("side.reset_plan", "en")

    goto(at, "overview")  # the choice holds on the next page
    assert at.title[0].value == t("app.title", "en")

    at.button_group(key="lang").set_value("zh").run()
    assert_clean(at)
    assert_lang_in_url(at, "zh")
    assert at.title[0].value == t("app.title", "zh")
    assert [m.label for m in at.metric] == [t(f"kpi.{k}", "zh") for k in PAGES["overview"][1]]
