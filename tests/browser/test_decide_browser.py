"""The Decide page in chromium (issue 20 item 5), in both languages: a share link opens a plan
that buys clicks and runs a 满减 against the store, a break-even is solved on its button, the
optimizer runs with its progress bar to the best plan and its front, and the best plan is saved
as a scenario of the workspace."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.app.test_decide_page import BASE, PLAN
from tests.browser.helpers import assert_no_exception, wait_for_app_idle
from ui.i18n import t
from ui.share import Entry, Workspace, encode_link


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_solve_a_break_even_and_optimize_the_plan(page: Page, streamlit_server: str,
                                                  lang: str) -> None:  # fmt: skip
    ws = Workspace(scenarios=(Entry(name="Store", baseline=True, scenario=BASE),
                              Entry(name="Ads", scenario=PLAN)))  # fmt: skip
    page.goto(f"{streamlit_server}/decide{encode_link(ws, lang=lang)}")
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(page.get_by_role("heading", name=t("page.decide", lang))).to_be_visible()

    page.get_by_role("button", name=t("dec.be.run", lang)).click()
    wait_for_app_idle(page, timeout=120_000)
    assert_no_exception(page)
    alerts = page.locator(
        '[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentWarning"]'
    )
    expect(alerts.first).to_be_visible()

    page.get_by_role("button", name=t("dec.opt.run", lang)).click()
    best = page.locator('[data-testid="stMetricLabel"]').filter(
        has_text=t("dec.opt.best", lang, objective=t("kpi.profit", lang))
    )
    expect(best).to_have_count(1, timeout=240_000)
    wait_for_app_idle(page, timeout=120_000)
    assert_no_exception(page)
    expect(page.get_by_text(t("dec.opt.front", lang), exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]').last).to_be_visible()

    page.get_by_role("button", name=t("dec.opt.save", lang), exact=True).click()
    wait_for_app_idle(page)
    assert_no_exception(page)
    saved = t("dec.opt.saved", lang, name=t("dec.opt.save_name", lang))
    expect(page.get_by_text(saved)).to_be_visible()
