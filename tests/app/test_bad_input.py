"""Hostile input through the app (issue 17): a link or a workspace file holding an integer of
5,000 digits, a file of 1,000 bad scenarios, Excel's UTF-16 text and orders dated 2099 — each
said in the user's language on the page, the session's scenarios untouched, no traceback."""

from __future__ import annotations

import base64
import codecs
import json
import zlib

import pytest
from streamlit.testing.v1 import AppTest

from simulator import Scenario
from tests.app.test_pages import APP, assert_clean, open_app, open_panel, scenario
from tests.ui.test_share import typical
from ui.i18n import LANGS, t
from ui.share import workspace_to_json
from ui.text import plain
from ui.workspace import FILES_PANEL, MAX_PROBLEMS

HUGE = "9" * 5000


def _ws_uploader(at: AppTest):
    open_panel(at, FILES_PANEL)
    (found,) = [u for u in at.get("file_uploader") if u.proto.id and "ws_import" in u.proto.id]
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_with_a_huge_integer_opens_the_defaults_with_the_link_message(lang: str) -> None:
    raw = ('{"s":[{"n":"a","b":1,"d":{"horizon_days":12345}}]}'.replace("12345", HUGE)).encode()
    body = base64.urlsafe_b64encode(zlib.compress(raw)).rstrip(b"=").decode()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["ws"] = f"1.{body}"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("share.err.invalid", lang)]
    assert scenario(at) == Scenario()


@pytest.mark.parametrize("lang", LANGS)
def test_a_workspace_file_with_a_huge_integer_is_refused_and_nothing_changes(lang: str) -> None:
    data = json.loads(workspace_to_json(typical()))
    data["scenarios"][1]["scenario"]["horizon_days"] = 12345
    raw = json.dumps(data).replace("12345", HUGE).encode()
    at = open_app(lang, "overview")
    before = scenario(at)
    _ws_uploader(at).upload("huge.json", raw, "application/json")
    at.run()
    assert not at.exception
    assert scenario(at) == before
    (message,) = [e.value for e in at.error]
    assert message.startswith(t("files.err.invalid", lang))
    assert "∞" in message  # read as a float, refused by the range check
    assert HUGE[:50] not in message


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_of_a_thousand_bad_scenarios_lists_twenty(lang: str) -> None:
    bad = {"baseline": False, "scenario": {"horizon_days": 0}}
    data = {"format": "shop-whatif/workspace", "version": 1,
            "scenarios": [{**bad, "name": f"s{i}", "baseline": i == 0} for i in range(1000)]}  # fmt: skip
    at = open_app(lang, "overview")
    _ws_uploader(at).upload("many.json", json.dumps(data).encode(), "application/json")
    at.run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    lines = [line for line in message.split("\n\n") if line.strip()]
    assert len(lines) <= 2 * MAX_PROBLEMS + 3
    assert t("files.more_scenarios", lang, n=1000 - MAX_PROBLEMS) in message


def _cal_upload(at: AppTest, kind: str, name: str, raw: bytes) -> None:
    (found,) = [u for u in at.get("file_uploader") if f"cal_{kind}_file" in (u.proto.id or "")]
    found.upload(name, raw, "text/plain")
    at.run()
    assert not at.exception, [e.value for e in at.exception]


DAILY = "".join(f"2026-06-{d:02d}\t{3600 + 7 * d}\t{90 + d % 7}\t{10500 + 40 * d}\n"
                for d in range(1, 29))  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_excels_unicode_text_is_read_on_the_calibrate_page(lang: str) -> None:
    text = "日期\t访客数\t支付买家数\t支付金额\n" + DAILY
    at = open_app(lang, "calibrate")
    _cal_upload(at, "daily", "统计.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert_clean(at)
    info = t("cal.file_info", lang, name=plain("统计.txt"), rows="28", encoding="UTF-16")
    assert info in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", LANGS)
def test_orders_dated_2099_are_named_with_their_row(lang: str) -> None:
    rows = [f"c{i % 40},2024-{1 + i % 12:02d}-{1 + i % 27:02d},{20 + i % 9}" for i in range(300)]
    rows[9] = "c3,2099-01-01,25"  # line 11 of the file
    at = open_app(lang, "calibrate")
    _cal_upload(at, "orders", "orders.csv", ("buyer,date,amount\n" + "\n".join(rows)).encode())
    warnings = [w.value for w in at.warning]
    assert any(t("up.rows", lang, rows="11") in w and "2099" not in w for w in warnings)
    future = t("up.future_date", lang, column="date", rows=t("up.rows", lang, rows="11"))
    assert any(future in w for w in warnings), warnings


@pytest.mark.parametrize("lang", LANGS)
def test_an_import_failure_no_check_foresaw_is_said_in_words(lang: str, monkeypatch) -> None:
    """The import runs in the uploader's callback, where a raise brings up Streamlit's own error
    page instead of the app: anything unforeseen is said in words and logged."""
    import ui.workspace

    def broken(raw: bytes):
        raise RuntimeError("unforeseen")

    monkeypatch.setattr(ui.workspace, "read_workspace_file", broken)
    at = open_app(lang, "overview")
    before = scenario(at)
    _ws_uploader(at).upload("odd.json", b"{}", "application/json")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("files.err.unreadable", lang)]
    assert scenario(at) == before


@pytest.mark.parametrize("lang", LANGS)
def test_a_refused_workspace_file_is_dropped_and_its_uploader_replaced(lang: str,
                                                                       monkeypatch) -> None:  # fmt: skip
    """A refused file's bytes do not stay in the session (two refused 100 MB imports kept
    +200 MB): Streamlit's store drops them and a fresh uploader takes the old one's place."""
    from ui import state as ui_state
    from ui.share import MAX_JSON_BYTES

    forgotten = []
    real = ui_state.forget_upload
    monkeypatch.setattr(ui_state, "forget_upload", lambda f: (forgotten.append(f.name), real(f)))
    at = open_app(lang, "overview")
    before = _ws_uploader(at).proto.id
    _ws_uploader(at).upload("big.json", b" " * (MAX_JSON_BYTES + 1), "application/json")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("files.err.too_big", lang)]
    assert forgotten == ["big.json"]
    assert _ws_uploader(at).proto.id != before  # a fresh, empty uploader
    _ws_uploader(at).upload("plan.json", workspace_to_json(typical()).encode(), "application/json")
    at.run()
    assert not at.exception and scenario(at) == typical().scenarios[1].scenario
