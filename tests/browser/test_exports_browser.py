"""Issue 16 in a real browser: exports and sharing.

- JSON then CSV, clicked one after the other: both files arrive, the CSV in the user's language,
  and no click reruns the app (a rerun replaced the deferred downloads' file ids: the first CSV
  click after a JSON download gave nothing, "Deferred file … not found" in the server log).
- The HTML report draws every chart (its DSR chart was an empty frame).
- The share panel's QR code, and a projector link (``sidebar=0``) that opens with the sidebar
  hidden.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import wait_for_app_idle
from ui.exports import column_label
from ui.i18n import t

#: Records every value the app's script state takes (idle "notRunning", "running", …).
_WATCH_RUNS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__states = [];
  new MutationObserver(() => window.__states.push(app.getAttribute('data-test-script-state')))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}
"""


def _open(page: Page, server: str, lang: str, query: str = "") -> None:
    page.goto(f"{server}/?lang={lang}{query}")
    wait_for_app_idle(page, timeout=90_000)


def _files(page: Page, lang: str):
    """The sidebar's "Files and exports" panel, opened: its download buttons."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stExpander").filter(has_text=t("files.title", lang)).locator(
        "summary"
    ).click()
    buttons = sidebar.get_by_test_id("stDownloadButton")
    expect(buttons.filter(has_text=t("files.export_csv", lang))).to_be_visible()
    return buttons


def _download(page: Page, buttons, label: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        buttons.filter(has_text=label).locator("button").click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_then_csv_both_download_in_the_users_language(
    page: Page, streamlit_server: str, lang: str
) -> None:
    _open(page, streamlit_server, lang)
    buttons = _files(page, lang)
    page.evaluate(_WATCH_RUNS)
    workspace = _download(page, buttons, t("files.export_json", lang))
    daily = _download(page, buttons, t("files.export_csv", lang))  # at once, no wait
    assert b'"scenarios"' in workspace
    frame = pd.read_csv(io.BytesIO(daily), encoding="utf-8-sig")
    assert column_label("gmv", lang) in frame.columns
    assert t("xcol.scenario", lang) in frame.columns
    assert "gmv" not in frame.columns and len(frame) >= 2
    assert "running" not in page.evaluate("window.__states")  # the clicks reran nothing
    again = _download(page, buttons, t("files.export_csv", lang))  # and once more
    assert again == daily


def test_the_report_draws_every_chart(page: Page, streamlit_server: str) -> None:
    lang = "zh"
    _open(page, streamlit_server, lang, "&page=overview")
    buttons = _files(page, lang)
    report = _download(page, buttons, t("files.export_html", lang)).decode("utf-8")
    svgs = re.findall(r"<svg.*?</svg>", report, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert "NaN" not in svg  # an axis "from NaN to NaN" is a chart without its data
    assert t("m.dsr_mean", lang) in report


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_share_panel_has_a_qr_code_and_a_projector_link(
    page: Page, streamlit_server: str, lang: str
) -> None:
    _open(page, streamlit_server, lang)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stExpander").filter(has_text=t("share.title", lang)).locator(
        "summary"
    ).click()
    qr = sidebar.get_by_role("img", name=t("share.qr_alt", lang))
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") >= 100
    sidebar.get_by_text(t("share.projector", lang)).click()
    wait_for_app_idle(page)
    box = sidebar.locator(".share-link textarea")
    expect(box).to_have_value(re.compile("sidebar=0"))
    link = box.input_value().strip()
    # the copy button puts exactly that link on the clipboard, and says so
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sidebar.locator(".share-link button").click()
    expect(sidebar.locator(".share-link button")).to_have_text(t("share.copied", lang))
    assert page.evaluate("navigator.clipboard.readText()").strip() == link
    assert link.startswith("http") and "ws=" in link
    # the projector link opens the same page with the sidebar hidden
    page.goto(link)
    wait_for_app_idle(page, timeout=90_000)
    box = page.get_by_test_id("stSidebar").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
