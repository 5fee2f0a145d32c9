"""A projector (1024×768, 1280×720) shows every value, label, button and tab in full (issue 16).

On every page, in both languages and at both sizes, no KPI card value, label or delta, no button
(nor its inner text) and no tab label may be cut: none of those elements, nor any element inside
them, may have ``scrollWidth > clientWidth`` (that is what an ellipsis or a clipped text is).

Every page opens with a share link of a workspace whose plan differs from its baseline (a large
store with two promotions, so every card shows a delta and its baseline) and two saved scenarios
(so Compare draws every row's buttons).

One server for the module and one browser context per language; each page is opened by its URL
(``/compare?ws=…&lang=en``), checked at one size, then the window is resized and checked again.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from simulator import load_preset, set_param
from tests.browser.helpers import assert_no_exception, wait_for_app_idle
from ui.router import PAGE_PATHS
from ui.share import LANG_KEY, WS_KEY, Entry, Workspace, encode_payload

#: The URL paths of the pages (the file stems of pages/; the Overview is the root).
PAGES = ("", *PAGE_PATHS[1:])  # the Overview at the root
VIEWPORTS = ((1024, 768), (1280, 720))
LANGS = ("zh", "en")
LOCALES = {"zh": "zh-CN", "en": "en-US"}

#: Seed 003's 满300减40 for four days and a week of 20 % off, on the large store.
PROMOTIONS = [
    {"kind": "threshold_discount", "start_day": 30, "end_day": 33, "tiers": [[300, 40]]},
    {"kind": "item_discount", "start_day": 60, "end_day": 66, "pct": 0.2},
]


def workspace() -> Workspace:
    """The baseline (mid-size store), a plan far from it and two saved scenarios."""
    plan = set_param(load_preset("large_store"), "promotions", PROMOTIONS)
    return Workspace(
        scenarios=(
            Entry(name="基线 Baseline", baseline=True, scenario=load_preset("mid_store")),
            Entry(name="双12 Double 12", scenario=plan),
            Entry(name="新店 New", scenario=load_preset("new_store")),
            Entry(name="服装 Clothing", scenario=load_preset("clothing_store_2011")),
        )
    )


#: The KPI cards each page shows at least (a page whose body failed shows none).
MIN_CARDS = {
    "": 7,
    "traffic_funnel": 5,
    "promotions": 5,
    "membership": 6,
    "dsr_service": 6,
}

#: The elements that must show their text in full.
CHECKED = (
    '[data-testid="stMetricValue"]',
    '[data-testid="stMetricLabel"]',
    '[data-testid="stMetricDelta"]',
    '[data-testid="stMetricDeltaDescription"]',
    "button",
    '[role="tab"]',
    ".stMarkdownBadge",
)

# Every checked element and every element inside it that is drawn (a hidden tab panel has a zero
# client width) and wider inside than its box. Returns one description per such element.
_CLIPPED_JS = """
(selectors) => {
  const out = [];
  const seen = new Set();
  const describe = (el) => {
    const id = el.getAttribute('data-testid');
    const role = el.getAttribute('role');
    return el.tagName.toLowerCase() + (id ? `[data-testid=${id}]` : '') + (role ? `[role=${role}]` : '');
  };
  for (const sel of selectors) {
    for (const root of document.querySelectorAll(sel)) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (seen.has(el)) continue;
        seen.add(el);
        if (el.clientWidth === 0 || el.getClientRects().length === 0) continue;
        if (el.scrollWidth > el.clientWidth) {
          const owner = root === el ? '' : ` in ${describe(root)} "${(root.innerText || '').trim().replace(/\\s+/g, ' ')}"`;
          out.push(`${describe(el)} "${(el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ')}"`
                   + ` scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}${owner}`);
        }
      }
    }
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    """One browser context (and so one locale) per language, kept for the module."""
    made = {
        lang: browser.new_context(viewport={"width": 1024, "height": 768}, locale=locale)
        for lang, locale in LOCALES.items()
    }
    for context in made.values():
        context.set_default_timeout(60_000)
    try:
        yield made
    finally:
        for context in made.values():
            context.close()


@pytest.fixture(scope="module")
def tabs(contexts: dict[str, BrowserContext]) -> dict[str, Page]:
    """One tab per language, reused by every test of that language."""
    return {lang: context.new_page() for lang, context in contexts.items()}


def clipped(page: Page) -> list[str]:
    return page.evaluate(_CLIPPED_JS, list(CHECKED))


def wait_until_drawn(page: Page, timeout_ms: float = 60_000) -> None:
    """Idle, and no grey skeleton left in the page: every element is drawn, so none escapes."""
    wait_for_app_idle(page, timeout=90_000)
    skeletons = page.locator('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]')
    deadline = time.monotonic() + timeout_ms / 1000
    while skeletons.count() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert not skeletons.count(), f"{skeletons.count()} elements still not drawn at {page.url}"
    page.wait_for_timeout(300)  # let the columns reflow (after a resize, a late font)


def clipped_in_every_tab(page: Page) -> list[str]:
    """``clipped`` in the page as it opens, then with each tab of the main area selected in turn
    (a tab panel's contents are drawn only while it is selected)."""
    found = clipped(page)
    tabs = page.locator('[data-testid="stMainBlockContainer"] [role="tab"]')
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        if not tab.is_visible() or tab.get_attribute("aria-selected") == "true":
            continue
        tab.click()
        page.wait_for_timeout(250)
        name = tab.inner_text().strip()
        found += [f"{line} (tab {name!r})" for line in clipped(page) if line not in found]
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "overview")
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_cut_on_a_projector(
    tabs: dict[str, Page], streamlit_server: str, artifacts_dir: Path, lang: str, path: str
) -> None:
    page = tabs[lang]
    link = urlencode({WS_KEY: encode_payload(workspace()), LANG_KEY: lang}, safe=".")
    failures: list[str] = []
    for i, (width, height) in enumerate(VIEWPORTS):
        page.set_viewport_size({"width": width, "height": height})
        if i == 0:
            page.goto(f"{streamlit_server}/{path}?{link}")
        wait_until_drawn(page)
        assert_no_exception(page)
        errors = page.locator('[data-testid="stAlertContentError"]')
        assert not errors.count(), f"/{path}: {errors.first.inner_text()}"  # a page that failed
        cards = page.locator('[data-testid="stMetricValue"]').count()
        assert cards >= MIN_CARDS.get(path, 0), f"/{path}: {cards} KPI cards"
        found = clipped_in_every_tab(page)
        if found:
            name = re.sub(
                r"[^A-Za-z0-9_.-]+", "_", f"projector_{path or 'overview'}_{lang}_{width}"
            )
            page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=True)
            failures += [f"{width}×{height}: {line}" for line in found]
    assert not failures, f"cut at /{path}?lang={lang}:\n" + "\n".join(failures)
