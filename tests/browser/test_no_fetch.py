"""Issue 17 item 2 in a real browser: hostile names never make a reader's browser fetch anything.

A listener on loopback records every request it receives. A share link names its scenarios with
Markdown images, links, autolinks, raw HTML and a LaTeX ``\\href`` pointing at that listener; the
test opens every page with it in both languages (Compare's "the same results" notice names the
baseline and the plan), makes a saved scenario the baseline (a notice and the undo button's help
name it; the help is hovered open), imports a workspace file whose name and contents are hostile
(its errors quote them) and uploads a Calibrate file with a hostile name, header and cells (the
header chosen for a field, so its problems quote it). The listener must receive nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from simulator import Scenario, set_param
from tests.browser.helpers import assert_no_exception, wait_for_app_idle
from ui.calibrate import SAMPLES
from ui.i18n import LANGS, t
from ui.router import PAGE_PATHS
from ui.share import MAX_NAME_CHARS, Entry, Workspace, encode_link, workspace_to_json

#: A 1×1 transparent GIF: what the listener answers (an image that loads, were one requested).
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)


class Listener:
    """An HTTP server on 127.0.0.1 (a free port) that records every request's method and path."""

    def __init__(self) -> None:
        seen: list[str] = []
        self.requests = seen

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                seen.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Length", str(len(PIXEL)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(PIXEL)

            do_GET = do_POST = do_HEAD = do_OPTIONS = _record

            def log_message(self, *args: object) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    with Listener() as running:
        yield running


def hostile_names(origin: str) -> tuple[str, ...]:
    """Six different names (a workspace's most), each at most 40 characters, all aimed at
    ``origin``: an image, raw HTML images (absolute and protocol-relative), a link, an autolink
    and a LaTeX link."""
    host = origin.removeprefix("http://")
    names = (
        f"![]({origin}/a.png)",
        f"<img src={origin}/b.png>",
        f"<img src=//{host}/c.png>",
        f"[x]({origin}/d)",
        f"<{origin}/e>",
        f"$\\href{{{origin}/f}}{{x}}$",
    )
    assert all(len(n) <= MAX_NAME_CHARS for n in names), names
    assert len(set(names)) == len(names)
    return names


def hostile_workspace(origin: str) -> Workspace:
    """The baseline and the plan alike (Compare's notice names them), four saved that differ."""
    names = hostile_names(origin)
    base = Scenario()
    entries = [Entry(name=names[0], baseline=True, scenario=base),
               Entry(name=names[1], scenario=base)]  # fmt: skip
    for i, name in enumerate(names[2:]):
        entries.append(Entry(name=name, scenario=set_param(base, "store.aov", 100.0 + 10 * i)))
    return Workspace(scenarios=tuple(entries))


def _settle(page: Page) -> None:
    wait_for_app_idle(page, timeout=90_000)
    assert_no_exception(page)
    page.wait_for_timeout(300)  # anything the page would load, it asks for now


def _visit_every_page(page: Page, server: str, origin: str, lang: str, shown: list[bool]) -> None:
    link = encode_link(hostile_workspace(origin), lang=lang).lstrip("?")
    for path in PAGE_PATHS:
        page.goto(f"{server}/{path}?{link}")  # a new session: the link opens on this page
        _settle(page)
    page.goto(f"{server}/compare?{link}")
    _settle(page)
    main = page.get_by_test_id("stMain")
    # the notice that the baseline and the plan give the same results names them, as typed
    names = hostile_names(origin)
    notice = main.get_by_text(t("cmp.no_change", lang, a=names[0], b=names[1]), exact=True)
    shown.append(notice.count() > 0)
    main.get_by_role("button", name=t("cmp.make_baseline", lang)).first.click()
    _settle(page)
    undo = page.get_by_test_id("stSidebar").get_by_role("button", name=t("undo.undo", lang))
    undo.hover()  # its help names the scenario made the baseline
    page.wait_for_timeout(800)
    page.get_by_test_id("stSidebar").get_by_role("button", name=t("undo.undo", lang)).click()
    _settle(page)  # the toast names what was undone


def _import_workspace(page: Page, server: str, origin: str, lang: str) -> None:
    names = hostile_names(origin)
    data = json.loads(workspace_to_json(hostile_workspace(origin)))
    data["scenarios"][0]["scenario"]["horizon_days"] = 99999
    data["scenarios"][2]["scenario"]["store"][names[0]] = 1  # an unknown key, quoted
    data["scenarios"][3]["scenario"]["store"]["aov"] = names[1]  # not a number, quoted
    page.goto(f"{server}/overview?lang={lang}")
    _settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stExpander").filter(has_text=t("files.title", lang)).locator(
        "summary"
    ).click()
    upload = sidebar.locator('input[type="file"]')
    bad = {"name": f"{names[0]}.json", "mimeType": "application/json",
           "buffer": json.dumps(data).encode()}  # fmt: skip
    upload.set_input_files(bad)
    _settle(page)
    expect(page.get_by_test_id("stAlertContentError").first).to_be_visible()
    good = {"name": f"{names[1]}.json", "mimeType": "application/json",
            "buffer": workspace_to_json(hostile_workspace(origin)).encode()}  # fmt: skip
    upload.set_input_files(good)
    _settle(page)  # the toast names the file


def _calibrate(page: Page, server: str, origin: str, lang: str, shown: list[bool]) -> None:
    names = hostile_names(origin)
    header, cell = names[0], names[1]
    lines = SAMPLES["orders"].read_text(encoding="utf-8").splitlines()[:800]
    rows = [f"{row},{cell if i % 3 else 5}" for i, row in enumerate(lines[1:])]
    raw = "\n".join([f"{lines[0]},{header}", *rows]).encode()
    link = encode_link(hostile_workspace(origin), lang=lang).lstrip("?")
    page.goto(f"{server}/calibrate?{link}")
    _settle(page)
    main = page.get_by_test_id("stMain")
    main.locator('input[type="file"]').first.set_input_files(
        {"name": f"{names[2]}.csv", "mimeType": "text/csv", "buffer": raw}
    )
    _settle(page)
    field = main.get_by_test_id("stSelectbox").filter(has_text=t("cal.field.amount", lang))
    field.first.click()
    page.get_by_role("option", name=header, exact=True).click()
    _settle(page)
    alerts = main.locator('[data-testid^="stAlertContent"]').filter(has_text=header)
    shown.append(alerts.count() > 0)  # quoted in a problem, as text


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_names_make_no_request_on_any_page(
    page: Page, streamlit_server: str, listener: Listener, lang: str, artifacts_dir: Path
) -> None:
    shown: list[bool] = []
    _visit_every_page(page, streamlit_server, listener.origin, lang, shown)
    _import_workspace(page, streamlit_server, listener.origin, lang)
    _calibrate(page, streamlit_server, listener.origin, lang, shown)
    page.wait_for_timeout(1000)
    if listener.requests:
        page.screenshot(path=str(artifacts_dir / f"no_fetch_{lang}.png"), full_page=True)
    assert not listener.requests, f"the browser asked the listener for {listener.requests}"
    assert shown == [True, True], "Compare's notice and Calibrate's problem show names as typed"


def test_the_listener_hears_a_page_that_fetches(page: Page, listener: Listener) -> None:
    """The listener records what a browser fetches (a test that cannot fail is a defect)."""
    page.set_content(f"<img src='{listener.origin}/probe.png'>")
    page.wait_for_timeout(500)
    assert listener.requests == ["GET /probe.png"]
