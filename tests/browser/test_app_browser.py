"""End to end in chromium: a deep link to a sub-page on a fresh server, and an edit that moves GMV."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import (
    assert_no_exception,
    run_streamlit,
    set_dispatch_capacity,
    wait_for_app_idle,
)
from ui.exports import column_label
from ui.i18n import t

GMV_LABEL = re.compile(f"{re.escape(t('kpi.gmv', 'zh'))}|{re.escape(t('kpi.gmv', 'en'))}")
ORGANIC_LABEL = re.compile(r"自然访客数|Organic visitors")


@pytest.fixture
def fresh_server() -> Iterator[str]:
    """A server of its own, so the test's request is the very first it sees: Streamlit then runs
    a sub-page file directly (folder mode) and ``ui/router.py`` must hand over to ``app.py``."""
    with run_streamlit() as server:
        yield server.base_url


def expect_cards(page: Page, values: list[str]) -> None:
    """The page's KPI cards read ``values``, in order (after the app settles)."""
    cards = page.locator('[data-testid="stMetricValue"]')
    expect(cards).to_have_count(len(values))
    wait_for_app_idle(page)
    for card, value in zip(cards.all(), values, strict=True):
        expect(card).to_have_text(value)


def gmv_card(page: Page) -> Locator:
    """The KPI card labelled GMV / 成交金额 GMV."""
    card = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=GMV_LABEL)
    )
    expect(card).to_have_count(1)
    return card


def test_traffic_page_edit_moves_gmv(page: Page, fresh_server: str, artifacts_dir: Path) -> None:
    # The session's first request is for a sub-page URL: the router must take over (sidebar,
    # language) and still land on the page asked for.
    page.goto(f"{fresh_server}/traffic_funnel")
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(page.get_by_role("heading", name=t("page.traffic", "zh"))).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    assert page.url.split("?")[0].rstrip("/").endswith("/traffic_funnel"), page.url

    value = gmv_card(page).locator('[data-testid="stMetricValue"]')
    before = value.inner_text().strip()
    assert before
    page.screenshot(path=str(artifacts_dir / "traffic_funnel_before_edit.png"), full_page=True)

    box = page.get_by_role("spinbutton", name=ORGANIC_LABEL)
    expect(box).to_have_value(re.compile(r"^4,?000(\.0+)?$"))
    box.fill("8000")
    box.press("Enter")
    expect(value).not_to_have_text(before)
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)  # no input error

    after = value.inner_text().strip()
    assert after != before
    expect(box).to_have_value(re.compile(r"^8,?000(\.0+)?$"))
    # The plan moved away from the baseline: the GMV card now shows an (upward) delta.
    expect(gmv_card(page).locator('[data-testid="stMetricDelta"]')).to_contain_text("+")
    page.screenshot(path=str(artifacts_dir / "traffic_funnel_after_edit.png"), full_page=True)


@pytest.mark.parametrize("locale", ["zh-CN"])
def test_assumptions_deep_link_in_english(page: Page, fresh_server: str) -> None:
    # ?lang=en wins over the zh browser locale, and the router ran (the sidebar is drawn).
    page.goto(f"{fresh_server}/assumptions?lang=en")
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(
        page.get_by_role("heading", name=t("page.assumptions", "en"), exact=True)
    ).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_be_visible()
    expect(sidebar.get_by_text(t("side.reset_plan", "en"))).to_be_visible()
    assert "lang=en" in page.url
    assert page.url.split("?")[0].rstrip("/").endswith("/assumptions"), page.url


@pytest.mark.parametrize("locale", ["en-US"])
def test_membership_card_moves_repeat_orders(
    page: Page, streamlit_server: str, artifacts_dir: Path
) -> None:
    """In a real browser: switch the free-shipping card on from its tab, raise its uptake; the
    repeat-orders card shows an upward delta, the charts are drawn, nothing fails."""
    page.goto(f"{streamlit_server}/membership?lang=en")
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(page.get_by_role("heading", name=t("page.membership", "en"))).to_be_visible()
    repeat = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=t("kpi.orders_repeat", "en"))
    )
    expect(repeat).to_have_count(1)
    expect(repeat.locator('[data-testid="stMetricDelta"]')).to_have_count(0)

    page.get_by_role("tab", name=t("mb.card", "en")).click()
    panel = page.get_by_role("tabpanel", name=t("mb.card", "en"))
    panel.get_by_text(t("mb.enable", "en"), exact=True).click()
    wait_for_app_idle(page)
    uptake = page.get_by_role("spinbutton", name=re.compile("Card uptake|uptake", re.I)).first
    uptake.fill("60")
    uptake.press("Enter")
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    expect(repeat.locator('[data-testid="stMetricDelta"]')).to_contain_text("+")
    expect(page.locator(".vega-embed").first).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "membership_card_on.png"), full_page=True)


@pytest.mark.parametrize("locale", ["zh-CN"])
def test_small_warehouse_sinks_the_logistics_score(
    page: Page, streamlit_server: str, artifacts_dir: Path
) -> None:
    """In a real browser, in Chinese: cut the dispatch capacity on the DSR page; the backlog
    warning appears, the lowest-logistics card falls, the score chart and the recovery calculator
    (19 five-star ratings at 4.8, not the seed's 29) are drawn, nothing fails."""
    page.goto(f"{streamlit_server}/dsr_service?lang=zh")
    wait_for_app_idle(page)
    assert_no_exception(page)
    expect(page.get_by_role("heading", name=t("page.dsr", "zh"))).to_be_visible()
    worst = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=t("kpi.dsr_logistics_min", "zh"))
    )
    expect(worst).to_have_count(1)
    expect(worst.locator('[data-testid="stMetricDelta"]')).to_have_count(0)

    set_dispatch_capacity(page, 80)  # a small warehouse
    expect(page.get_by_text(t("warn.dispatch_backlog", "zh"))).to_be_visible()
    expect(worst.locator('[data-testid="stMetricDelta"]')).to_contain_text("-")
    expect(page.locator(".vega-embed").first).to_be_visible()
    page.get_by_role("tab", name=t("ds.recovery", "zh")).click()
    need = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=t("ds.rc_need", "zh"))
    )
    expect(need.locator('[data-testid="stMetricValue"]')).to_have_text("19")
    page.screenshot(path=str(artifacts_dir / "dsr_small_warehouse.png"), full_page=True)


@pytest.mark.parametrize("locale", ["en-US"])
def test_share_link_reopens_the_scenarios_in_another_browser(
    page: Page, browser, streamlit_server: str, artifacts_dir: Path
) -> None:
    """Edit the plan in one browser context, copy the sidebar's share link, open it in a second,
    separate context: the same page, language and KPI cards."""
    page.goto(f"{streamlit_server}/traffic_funnel?lang=en")
    wait_for_app_idle(page)
    box = page.get_by_role("spinbutton", name=ORGANIC_LABEL)
    box.fill("6000")
    box.press("Enter")
    wait_for_app_idle(page)
    assert_no_exception(page)
    page.get_by_text(t("share.title", "en"), exact=True).click()
    box = page.locator('[data-testid="stSidebar"] .share-link textarea')
    expect(box).to_have_value(re.compile(r"\?ws=1\."))
    url = box.input_value().strip()
    assert url.startswith(streamlit_server) and "/traffic_funnel?" in url, url
    cards = page.locator('[data-testid="stMetricValue"]')
    before = [c.inner_text() for c in cards.all()]

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        second = other.new_page()
        second.goto(url)
        wait_for_app_idle(second)
        assert_no_exception(second)
        expect(second.get_by_role("heading", name=t("page.traffic", "en"))).to_be_visible()
        expect_cards(second, before)
        second.screenshot(path=str(artifacts_dir / "share_link_opened.png"), full_page=True)
    finally:
        other.close()


@pytest.mark.parametrize("locale", ["en-US"])
def test_excel_export_downloads_a_workbook_pandas_opens(
    page: Page, streamlit_server: str, tmp_path: Path
) -> None:
    import pandas as pd

    page.goto(f"{streamlit_server}/?lang=en")  # the Overview is the default page, at "/"
    wait_for_app_idle(page)
    page.get_by_text(t("files.title", "en"), exact=True).click()
    with page.expect_download() as info:
        page.get_by_role("button", name=t("files.export_xlsx", "en")).click()
    path = tmp_path / "results.xlsx"
    info.value.save_as(path)
    book = pd.read_excel(path, sheet_name=None)
    # ranges are on by default: their sheet follows the comparison
    assert list(book) == [t("xl.comparison", "en"), t("band.table", "en"), "Baseline", "Plan"]
    gmv = column_label("gmv", "en")  # the sheets speak the user's language (GMV (yuan))
    assert len(book["Plan"]) == 180 and (book["Plan"][gmv] > 0).all()
    assert_no_exception(page)


@pytest.mark.parametrize("locale", ["en-US"])
def test_workspace_file_and_report_round_trip_across_browsers(
    page: Page, browser, streamlit_server: str, tmp_path: Path
) -> None:
    """Build a workspace in one browser (an edited plan and a scenario from a preset), download
    its JSON file and the HTML report, import the file in a second, separate browser: the same
    scenarios and KPI cards; the report names every scenario and key figure."""
    page.goto(f"{streamlit_server}/traffic_funnel?lang=en")
    wait_for_app_idle(page)
    box = page.get_by_role("spinbutton", name=ORGANIC_LABEL)
    box.fill("6000")
    box.press("Enter")
    wait_for_app_idle(page)
    page.get_by_role("link", name=t("page.compare", "en")).click()
    wait_for_app_idle(page)
    page.get_by_role("button", name=t("cmp.add", "en")).click()  # the first preset, new_store
    wait_for_app_idle(page)
    assert_no_exception(page)
    page.get_by_role("link", name=t("page.overview", "en")).click()
    wait_for_app_idle(page)
    cards = page.locator('[data-testid="stMetricValue"]')
    before = [c.inner_text() for c in cards.all()]
    page.get_by_text(t("files.title", "en"), exact=True).click()
    files = {}
    for label, name in (("files.export_json", "ws.json"), ("files.export_html", "report.html")):
        with page.expect_download() as info:
            page.get_by_role("button", name=t(label, "en")).click()
        files[name] = tmp_path / name
        info.value.save_as(files[name])
    report = files["report.html"].read_text(encoding="utf-8")
    preset = t("preset.new_store", "en")
    for text in ("Baseline", "Plan", preset, t("kpi.gmv", "en"), t("kpi.profit", "en")):
        assert text in report, text
    assert "<svg" in report and "<script" not in report  # charts inline, nothing to run

    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    try:
        second = other.new_page()
        second.goto(f"{streamlit_server}/?lang=en")
        wait_for_app_idle(second)
        second.get_by_text(t("files.title", "en"), exact=True).click()
        second.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
            files["ws.json"]
        )
        wait_for_app_idle(second)
        assert_no_exception(second)
        expect(second.get_by_text(t("share.more_plans", "en", n=2))).to_be_visible()
        expect_cards(second, before)
        second.get_by_role("link", name=t("page.compare", "en")).click()
        wait_for_app_idle(second)
        expect(second.locator('[data-testid="stDataFrame"]').first).to_be_visible()  # + ranges
        names = second.get_by_role("textbox", name=t("cmp.rename", "en"), exact=True)
        expect(names).to_have_count(3)
        assert [n.input_value() for n in names.all()] == ["Baseline", "Plan", preset]
        assert_no_exception(second)
    finally:
        other.close()


@pytest.mark.parametrize("locale", ["en-US"])
def test_calibrate_page_fits_an_uploaded_order_history_and_applies_it(
    page: Page, streamlit_server: str, artifacts_dir: Path
) -> None:
    """Upload the CDNOW order history through the browser's file chooser: the published fit
    (α = 30.90 days) and its charts, then Apply puts it into both scenarios."""
    sample = Path(__file__).resolve().parents[2] / "assets" / "samples" / "cdnow_orders.csv"
    page.goto(f"{streamlit_server}/calibrate?lang=en")
    wait_for_app_idle(page)
    main = page.locator('[data-testid="stMain"]')
    main.locator('input[type="file"]').first.set_input_files(sample)
    wait_for_app_idle(page)
    assert_no_exception(page)
    # the sample's own bytes: calibrated to 1997-09-30 as Fader, Hardie & Lee did
    expect(main.get_by_text(t("cal.periods", "en", cal="272", hold="273"))).to_be_visible()
    came_back = main.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=t("cal.kpi.repeaters", "en"))
    )
    expect(came_back.locator('[data-testid="stMetricValue"]')).to_have_text("946")
    expect(main.get_by_text(t("cal.tracking", "en"))).to_be_visible()
    expect(main.locator(".vega-embed")).to_have_count(2)
    page.get_by_role("button", name=t("cal.apply_button", "en"), exact=True).click()
    wait_for_app_idle(page)
    expect(page.get_by_text(t("cal.applied", "en", names="Baseline, Plan"))).to_be_visible()
    assert_no_exception(page)
    page.screenshot(path=str(artifacts_dir / "calibrate_orders.png"), full_page=True)
