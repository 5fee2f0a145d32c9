"""Undo/redo in chromium (issue 16, defect 7): the sidebar's buttons and their keyboard shortcuts
(Ctrl+Z, Ctrl+Shift+Z) take an edit back and make it again, the input showing the value, in both
languages on a 1024x768 projector, the buttons' labels whole."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_no_exception, wait_for_app_idle
from ui.i18n import t

ORGANIC_LABEL = re.compile(r"自然访客数|Organic visitors")


def _button(page: Page, kind: str):
    return page.locator(f'[data-testid="stSidebar"] .st-key-ws_{kind} button:visible').first


def _whole(page: Page, kind: str) -> None:
    """No part of the button (its label, its shortcut) is cut off."""
    cut = _button(page, kind).evaluate(
        "b => [b, ...b.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1)"
        ".map(e => e.outerHTML.slice(0, 80))"
    )
    assert cut == [], cut


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_edit_is_undone_and_redone_by_button_and_keyboard(
    page: Page, streamlit_server: str, lang: str
) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{streamlit_server}/traffic_funnel?lang={lang}")
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(_button(page, "undo")).to_be_disabled()
    expect(_button(page, "redo")).to_be_disabled()
    expect(_button(page, "undo")).to_contain_text(t("undo.undo", lang))

    box = page.get_by_role("spinbutton", name=ORGANIC_LABEL)
    expect(box).to_have_value(re.compile(r"^4,?000(\.0+)?$"))
    box.fill("8000")
    box.press("Enter")
    wait_for_app_idle(page)
    expect(_button(page, "undo")).to_be_enabled()
    _whole(page, "undo")
    _whole(page, "redo")

    _button(page, "undo").click()  # by the button
    wait_for_app_idle(page)
    box = page.get_by_role("spinbutton", name=ORGANIC_LABEL)
    expect(box).to_have_value(re.compile(r"^4,?000(\.0+)?$"))
    expect(_button(page, "redo")).to_be_enabled()

    page.get_by_role("heading", name=t("page.traffic", lang)).click()  # focus off the boxes
    page.keyboard.press("Control+Shift+Z")  # redo by keyboard
    wait_for_app_idle(page)
    box = page.get_by_role("spinbutton", name=ORGANIC_LABEL)
    expect(box).to_have_value(re.compile(r"^8,?000(\.0+)?$"))

    page.keyboard.press("Control+Z")  # and undo by keyboard
    wait_for_app_idle(page)
    box = page.get_by_role("spinbutton", name=ORGANIC_LABEL)
    expect(box).to_have_value(re.compile(r"^4,?000(\.0+)?$"))
    expect(_button(page, "undo")).to_be_disabled()
    assert_no_exception(page)
