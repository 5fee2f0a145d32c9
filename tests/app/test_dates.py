"""Calendar dates in the app (issue 16): the sidebar's start date, the campaign calendar templates
(applied with an on_click callback; one beyond the horizon is refused in words), the Promotions
builder's date range and windows shown as dates, and share links that reopen the same dates on
another day (``start_date`` is always carried, an old link without one opens at today)."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs

import pytest

import simulator.scenario as scenario_module
from simulator import Scenario, load_preset, set_param
from tests.app.test_pages import add_promotion, assert_clean, goto, open_app, option, scenario
from ui.i18n import LANGS, t
from ui.share import (
    Entry,
    Workspace,
    decode_link,
    encode_link,
    encode_payload,
    workspace_from_json,
    workspace_to_json,
)

TODAY = scenario_module.today()  # the platform's day (China Standard Time)


def start_input(at):
    found = [d for d in at.sidebar.date_input if d.key and d.key.startswith("start_date:")]
    assert len(found) == 1, [d.key for d in at.sidebar.date_input]
    return found[0]


def set_start(at, day: dt.date) -> None:
    start_input(at).set_value(day).run()
    assert_clean(at)


# ---------------------------------------------------------------------------- links and files
def _one(sc: Scenario) -> Workspace:
    return Workspace(scenarios=(Entry(name="base", baseline=True, scenario=sc),))


def test_a_link_carries_the_start_date_even_when_it_is_today() -> None:
    ws = _one(Scenario())  # start_date == today == the default
    payload = parse_qs(encode_link(ws).lstrip("?"))["ws"][0]
    assert decode_link(f"?ws={payload}").workspace == ws
    # the compact JSON inside keeps start_date although it equals the default
    import base64
    import zlib

    body = payload.split(".", 1)[1]
    raw = zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert json.loads(raw)["s"][0]["d"]["start_date"] == TODAY.isoformat()


def test_a_link_reopens_the_same_dates_tomorrow(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = set_param(load_preset("double12_campaign"), "horizon_days", 90)
    query = encode_link(_one(plan), lang="zh")
    tomorrow = TODAY + dt.timedelta(days=1)
    monkeypatch.setattr(scenario_module, "today", lambda: tomorrow)
    assert Scenario().start_date == tomorrow  # the default moved …
    opened = decode_link(query).workspace.baseline.scenario
    assert opened.start_date == TODAY  # … the link's dates did not
    assert opened == plan
    text = workspace_to_json(_one(plan))
    assert workspace_from_json(text).baseline.scenario.start_date == TODAY


def test_an_old_link_or_file_without_a_start_date_opens_at_today() -> None:
    old = {"s": [{"n": "base", "b": 1, "d": {"horizon_days": 90}}]}
    import base64
    import zlib

    raw = json.dumps(old).encode()
    payload = "1." + base64.urlsafe_b64encode(zlib.compress(raw)).rstrip(b"=").decode()
    sc = decode_link(f"?ws={payload}").workspace.baseline.scenario
    assert (sc.start_date, sc.horizon_days) == (TODAY, 90)
    data = json.loads(workspace_to_json(_one(Scenario())))
    del data["scenarios"][0]["scenario"]["start_date"]
    assert workspace_from_json(json.dumps(data)).baseline.scenario.start_date == TODAY
    assert encode_payload(_one(Scenario()))  # and it writes the date back from then on


def test_opening_a_link_shows_its_start_date_in_the_sidebar() -> None:
    plan = set_param(Scenario(), "start_date", "2026-11-01")
    ws = Workspace(scenarios=(Entry(name="基线", baseline=True, scenario=plan),
                              Entry(name="方案", scenario=plan)))  # fmt: skip
    at = open_app("zh")
    query = parse_qs(encode_link(ws, lang="zh").lstrip("?"))
    at.query_params["ws"] = query["ws"][0]
    at.run()
    assert_clean(at)
    assert start_input(at).value == dt.date(2026, 11, 1)
    assert scenario(at).start_date == dt.date(2026, 11, 1)


# ---------------------------------------------------------------------------- sidebar
@pytest.mark.parametrize("lang", LANGS)
def test_the_sidebar_start_date_dates_every_scenario(lang: str) -> None:
    at = open_app(lang)
    assert start_input(at).label == t("dt.start", lang)
    assert start_input(at).value == TODAY
    set_start(at, dt.date(2026, 11, 1))
    assert scenario(at).start_date == scenario(at, "baseline").start_date == dt.date(2026, 11, 1)
    assert start_input(at).value == dt.date(2026, 11, 1)
    end = "2027年4月29日" if lang == "zh" else "Apr 29, 2027"  # day 179 of 180
    assert any(end in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]
    # a preset loaded afterwards keeps the calendar
    box = [s for s in at.sidebar.selectbox if s.key and s.key.startswith("preset:plan:")][0]
    box.set_value("large_store").run()
    assert scenario(at).start_date == dt.date(2026, 11, 1)


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("zh", "11月11日(第41天)"), ("en", "Nov 11 (day 41)")],
)
def test_the_double11_template_applies_window_preheat_and_traffic(lang: str, shown: str) -> None:
    at = open_app(lang)
    set_start(at, dt.date(2026, 10, 1))
    option(at, "selectbox", "dt_template").set_value("double11").run()
    assert any(shown in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]
    at.button(key="dt_apply").click().run()
    assert_clean(at)
    plan = scenario(at)
    assert [(p.kind, p.start_day, p.end_day, p.preheat_days) for p in plan.promotions] == [
        ("threshold_discount", 41, 41, 10)
    ]
    assert [(c.kind, c.start_day, c.end_day) for c in plan.traffic.campaigns] == [("other", 41, 41)]
    assert scenario(at, "baseline").promotions == ()  # the plan only
    goto(at, "promotions")
    texts = [m.value for m in at.markdown]
    assert any(shown in x for x in texts), texts


@pytest.mark.parametrize("lang", LANGS)
def test_a_template_beyond_the_horizon_is_refused_in_words(lang: str) -> None:
    at = open_app(lang)
    set_start(at, dt.date(2026, 12, 3))  # 180 days: to 2027-05-31, 双11 2027 is beyond
    option(at, "selectbox", "dt_template").set_value("double11").run()
    warning = " ".join(w.value for w in at.sidebar.warning)
    assert ("2027年11月11日" if lang == "zh" else "Nov 11, 2027") in warning
    before = scenario(at)
    at.button(key="dt_apply").click().run()
    assert scenario(at) == before
    assert any(t("dt.ev.double11", lang) in e.value for e in at.error)


# ---------------------------------------------------------------------------- promotions page
@pytest.mark.parametrize(
    ("lang", "shown"),
    [("zh", "11月11日–11月14日(第10–13天)"), ("en", "Nov 11–14 (days 10–13)")],
)
def test_a_promotion_window_is_picked_and_shown_as_dates(lang: str, shown: str) -> None:
    at = open_app(lang, "promotions")
    set_start(at, dt.date(2026, 11, 1))
    box = at.date_input(key="pb:item_discount:days")
    assert box.label == t("dt.range", lang)
    assert box.value[0] >= dt.date(2026, 11, 1)  # inside the horizon
    add_promotion(at, "item_discount", 10, 13)
    (promo,) = scenario(at).promotions
    assert (promo.start_day, promo.end_day) == (10, 13)
    texts = [m.value for m in at.markdown]
    assert any(shown in x for x in texts), texts
