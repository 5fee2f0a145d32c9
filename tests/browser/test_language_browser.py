"""Issue 16, defect 8 in chromium: what Streamlit's frontend draws itself speaks the user's
language. The file uploader's "Upload" / "200MB per file" (hard-coded English in Streamlit 1.67)
is replaced by ui/localise.py; the sidebar logo follows the language; an English page shows no
Chinese characters.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_no_exception, wait_for_app_idle
from ui.i18n import t

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

#: The visible text of an element: material-icon ligatures ("upload") are glyphs, not words;
#: CSS generated content (``::before``/``::after``) is added, as the reader sees it.
_VISIBLE_TEXT_JS = """
root => {
  const out = [];
  const pseudo = (el, which) => {
    const c = getComputedStyle(el, which).content;
    return c && c !== 'none' && c !== 'normal' ? c.replace(/^"|"$/g, '') : '';
  };
  const walk = el => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return;
    if (el.matches('[data-testid="stIconMaterial"], input, svg, img')) return;
    out.push(pseudo(el, '::before'));
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent);
      else if (node.nodeType === Node.ELEMENT_NODE) walk(node);
    }
    out.push(pseudo(el, '::after'));
  };
  walk(root);
  return out.join(' ').replace(/\\s+/g, ' ').trim();
}
"""


def visible_text(page: Page, selector: str) -> list[str]:
    return [
        page.locator(selector).nth(i).evaluate(_VISIBLE_TEXT_JS)
        for i in range(page.locator(selector).count())
    ]


def open_page(page: Page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}/{path}")
    wait_for_app_idle(page, timeout=90_000)
    assert_no_exception(page)


def logo_svg(page: Page) -> str:
    """The SVG text of the sidebar logo (Streamlit inlines it as a data URL)."""
    src = page.locator('[data-testid="stSidebarHeader"] img').first.get_attribute("src") or ""
    head, _, body = src.partition(",")
    return base64.b64decode(body).decode() if head.endswith(";base64") else unquote(body)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_uploaders_speak_the_users_language(
    page: Page, streamlit_server: str, lang: str
) -> None:
    open_page(page, streamlit_server, f"calibrate?lang={lang}")
    zones = '[data-testid="stMain"] [data-testid="stFileUploaderDropzone"]'
    expect(page.locator(zones)).to_have_count(2)  # order history and daily data
    for text in visible_text(page, zones):
        assert "Upload" not in text and "per file" not in text, text  # Streamlit's own English
        if lang == "zh":
            words = re.findall(r"[A-Za-z]{2,}", text.replace("200MB", ""))
            assert not words, f"English in the zh uploader: {words} ({text!r})"
        else:
            assert not CJK.search(text), text
        assert t("cal.browse", lang) in text, text  # the button, in the user's language
        assert "200MB" in text, text  # the size limit is still said


def test_an_english_page_and_its_logo_have_no_chinese(page: Page, streamlit_server: str) -> None:
    open_page(page, streamlit_server, "?lang=en")
    expect(page.get_by_role("heading", name=t("app.title", "en"), exact=True)).to_be_visible()
    svg = logo_svg(page)
    assert "Shop What-If" in svg and not CJK.search(svg), svg
    main = " ".join(visible_text(page, '[data-testid="stMain"]'))
    assert not CJK.search(main), CJK.findall(main)[:20]
    # The sidebar: only the language control's label is bilingual by design.
    side = " ".join(visible_text(page, '[data-testid="stSidebarUserContent"]'))
    for bilingual in (t("side.language", "en"), t("side.language", "zh")):
        side = side.replace(bilingual, "")
    assert not CJK.search(side), side


def test_the_chinese_logo_is_the_chinese_mark(page: Page, streamlit_server: str) -> None:
    open_page(page, streamlit_server, "?lang=zh")
    assert "店铺推演" in logo_svg(page)
