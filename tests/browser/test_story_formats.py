"""In chromium (issue 16): the Overview names the scenarios and opens with the plan's story, whose
link leads to the bridges; the DSR cards show scores with two decimals and their changes in
points, a backlog's rise in the colour of bad news."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_no_exception, set_dispatch_capacity, wait_for_app_idle
from ui.i18n import t


def card(page: Page, label: str):
    found = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    expect(found).to_have_count(1)
    return found


def test_overview_story_links_to_the_bridge(page: Page, streamlit_server: str) -> None:
    page.goto(f"{streamlit_server}/?lang=en")
    wait_for_app_idle(page)
    assert_no_exception(page)
    versus = t("story.versus", "en", plan=t("side.plan_name", "en"),
               base=t("side.baseline_name", "en"))  # fmt: skip
    expect(page.get_by_text(versus)).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"^Over \d+ days the plan changes contribution profit"))
    ).to_be_visible()
    link = page.get_by_role("link", name=t("story.link", "en"))
    expect(link).to_have_attribute("href", re.compile(r"#bridge$"))
    expect(page.locator("#bridge")).to_have_count(1)


def test_dsr_cards_show_two_decimals_and_point_changes(
    page: Page, streamlit_server: str, artifacts_dir: Path
) -> None:
    page.goto(f"{streamlit_server}/dsr_service?lang=zh")
    wait_for_app_idle(page)
    assert_no_exception(page)
    mean = card(page, t("kpi.dsr_mean_end", "zh"))
    expect(mean.locator('[data-testid="stMetricValue"]')).to_have_text(re.compile(r"^[1-5]\.\d\d$"))
    set_dispatch_capacity(page, 80)  # a small warehouse
    worst = card(page, t("kpi.dsr_logistics_min", "zh"))
    expect(worst.locator('[data-testid="stMetricValue"]')).to_have_text(
        re.compile(r"^[1-5]\.\d\d$")
    )
    expect(worst.locator('[data-testid="stMetricDelta"]')).to_have_text(re.compile(r"-\d\.\d\d$"))
    backlog = card(page, t("kpi.backlog_max", "zh"))
    delta = backlog.locator('[data-testid="stMetricDelta"]')
    expect(delta).to_have_text(re.compile(r"^\+"))
    # a rising backlog is bad news: the same colour as the falling score, not green
    colour = delta.evaluate("e => getComputedStyle(e).color")
    assert colour == worst.locator('[data-testid="stMetricDelta"]').evaluate(
        "e => getComputedStyle(e).color"
    ), colour
    page.screenshot(path=str(artifacts_dir / "dsr_two_decimals.png"), full_page=True)
