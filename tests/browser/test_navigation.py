"""Issue 16, defects 1 and 2 in chromium: switching the language and then the page keeps working,
and every page's own URL path (typed or bookmarked) opens that page; an unknown path opens the
Overview with a notice in the user's language, never Streamlit's English "Page not found"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_no_exception, wait_for_app_idle
from ui import router
from ui.i18n import t

#: URL path (the pages/ file stem) → the key of the page's heading (the Overview's is the app's
#: name).
PAGES = {
    file.removesuffix(".py"): "app.title" if i == 0 else title
    for i, (file, title, _) in enumerate(router.PAGES)
}


def heading(page: Page, key: str, lang: str):
    return page.get_by_role("heading", name=t(key, lang), exact=True)


def no_page_not_found(page: Page) -> None:
    """Streamlit's own (English-only) dialog is never shown."""
    expect(page.get_by_text("Page not found")).to_have_count(0)


def click_language(page: Page, lang: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name=lang, exact=True).click()
    wait_for_app_idle(page)


def click_page(page: Page, key: str, lang: str) -> None:
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text(t(key, lang), exact=True).click()
    wait_for_app_idle(page)


@pytest.mark.parametrize(("first", "then"), [("zh", "en"), ("en", "zh")])
def test_switching_language_then_page_keeps_working(
    page: Page, streamlit_server: str, first: str, then: str
) -> None:
    # Compare holds preset choices (a select box with translated option labels): visit it first.
    page.goto(f"{streamlit_server}/compare?lang={first}")
    wait_for_app_idle(page)
    expect(heading(page, "page.compare", first)).to_be_visible()
    click_language(page, then)
    expect(heading(page, "page.compare", then)).to_be_visible()
    for key in ("page.overview", "page.promotions", "page.compare", "page.membership"):
        click_page(page, key, then)
        assert_no_exception(page)
        expect(heading(page, "app.title" if key == "page.overview" else key, then)).to_be_visible()
        expect(page.get_by_text("KeyError")).to_have_count(0)
    # and back again, then a page
    click_language(page, first)
    click_page(page, "page.dsr", first)
    assert_no_exception(page)
    expect(heading(page, "page.dsr", first)).to_be_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_path_opens_that_page(page: Page, streamlit_server: str, lang: str) -> None:
    for path, key in PAGES.items():
        page.goto(f"{streamlit_server}/{path}?lang={lang}")
        wait_for_app_idle(page)
        assert_no_exception(page)
        no_page_not_found(page)
        expect(heading(page, key, lang)).to_be_visible()
        # Streamlit drops a bound parameter equal to the control's default (the zh-CN browser's zh)
        assert f"lang={lang}" in page.url or lang == "zh", page.url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unknown_path_opens_the_overview_with_a_translated_notice(
    page: Page, streamlit_server: str, lang: str
) -> None:
    page.goto(f"{streamlit_server}/no_such_page?lang={lang}")
    wait_for_app_idle(page)
    assert_no_exception(page)
    no_page_not_found(page)
    expect(heading(page, "app.title", lang)).to_be_visible()
    notice = t("nav.unknown_page", lang, path="no_such_page")
    expect(page.get_by_text(notice)).to_be_visible()
