"""AppTest checks of the plan library (issue 22 item 3): Publish / 发布 in the sidebar's share
panel stores the workspace and shows ``/?s=<code>``; opening ``?s=<code>`` restores it like a long
link; a bad or expired code is said in the user's language and the app keeps working."""

from __future__ import annotations

import html
import re
import time

import pytest
from streamlit.testing.v1 import AppTest

from simulator import Scenario
from tests.app.test_pages import (
    APP,
    REPO_ROOT,
    assert_clean,
    metrics,
    open_app,
    open_panel,
    scenario,
    widget,
)
from ui.i18n import LANGS, t
from ui.share import workspace_from_json
from ui.store import PLAN_LIFETIME_S, open_store
from ui.workspace import SHARE_PANEL


@pytest.fixture(autouse=True)
def _data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Each test its own SQLite library (the app opens the one ``SHOP_WHATIF_DATA_DIR`` names)."""
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SHOP_WHATIF_DATA_DIR", str(tmp_path / "data"))


def _links(at: AppTest) -> list[str]:
    bodies = [e.proto.body for e in at.sidebar.get("html") if "share-link" in e.proto.body]
    return [
        html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", b, re.S).group(1))
        for b in bodies
    ]


def _publish(at: AppTest, name: str) -> str:
    open_panel(at, SHARE_PANEL)
    at.sidebar.text_input(key="publish_name").set_value(name)
    at.sidebar.button(key="publish_btn").click().run()
    assert_clean(at)
    (short,) = [u for u in _links(at) if "?s=" in u]
    return short


def _open(query: dict[str, str]) -> AppTest:
    fresh = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in query.items():
        fresh.query_params[k] = v
    fresh.run()
    return fresh


@pytest.mark.parametrize("lang", LANGS)
def test_publish_gives_a_short_link_that_restores_the_workspace(lang: str, tmp_path) -> None:
    at = open_app(lang, "traffic_funnel")
    widget(at, "number_input", "traffic.paid_search.budget_per_day").set_value(1500.0).run()
    assert_clean(at)
    before = metrics(at)
    short = _publish(at, "Q3 <b>plan</b>")
    assert short.startswith("/?s=")
    code = short.removeprefix("/?s=")
    assert len(code) >= 8
    assert any(t("storage.published", lang, name="Q3 ")[:8] in c.value for c in at.sidebar.caption)
    lib = open_store()  # what the app stored, read without Streamlit
    assert lib.plan_name(code) == "Q3 <b>plan</b>"  # text, escaped when shown
    assert workspace_from_json(lib.load(code)).baseline.scenario == scenario(at, "baseline")
    lib.close()

    fresh = _open({"s": code, "lang": lang})
    assert_clean(fresh)
    assert scenario(fresh) == scenario(at)
    assert scenario(fresh, "baseline") == scenario(at, "baseline")
    assert scenario(fresh) != Scenario()
    fresh.switch_page("pages/traffic_funnel.py").run()
    assert metrics(fresh) == before


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_code_is_said_in_words_and_the_app_keeps_working(lang: str) -> None:
    fresh = _open({"s": "no-such-code", "lang": lang})
    assert not fresh.exception
    assert [e.value for e in fresh.error] == [t("storage.err.unknown_plan", lang)]
    assert scenario(fresh) == Scenario()
    fresh.sidebar.slider[0].set_value(fresh.sidebar.slider[0].value + 1).run()
    assert_clean(fresh)  # the message went and the app works


def test_an_expired_code_is_refused_and_its_plan_deleted() -> None:
    at = open_app("zh")
    code = _publish(at, "old").removeprefix("/?s=")
    later = time.time() + PLAN_LIFETIME_S + 1
    lib = open_store(clock=lambda: later)  # a year on: opening the store purges what expired
    with pytest.raises(KeyError):
        lib.load(code)
    lib.close()
    # the app's store runs on today's clock, where the plan has not expired: it finds nothing
    # because the plan was deleted, not hidden
    fresh = _open({"s": code, "lang": "en"})
    assert not fresh.exception
    assert [e.value for e in fresh.error] == [t("storage.err.unknown_plan", "en")]
    assert scenario(fresh) == Scenario()


def test_a_library_that_cannot_open_is_said_in_words(monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    fresh = _open({"s": "abcdefgh", "lang": "en"})
    assert not fresh.exception
    assert [e.value for e in fresh.error] == [t("storage.err.unavailable", "en")]
    open_panel(fresh, SHARE_PANEL)  # the message was shown once; the app works on
    fresh.sidebar.button(key="publish_btn").click().run()
    assert not fresh.exception
    assert t("storage.err.unavailable", "en") in [e.value for e in fresh.sidebar.error]
