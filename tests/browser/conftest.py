"""Fixtures for the Playwright browser tests (everything under tests/browser/ is marked `browser`).

- ``streamlit_server`` (session): the real app (``app.py``) served on a free port; yields its URL.
- ``browser`` (session): Debian's headless ``/usr/bin/chromium`` driven by Playwright (no
  ``playwright install``: the suite never downloads a browser). Missing chromium is an error.
- ``locale`` (default ``"zh-CN"``; parametrize it to change) and ``page``: a fresh context with a
  1400x1000 viewport per test. A failing test leaves a screenshot in ``tests/artifacts/``.
- ``artifacts_dir``: ``tests/artifacts/`` (git-ignored), created on demand.

Typical test::

    def test_home(page, streamlit_server):
        page.goto(streamlit_server)
        wait_for_app_idle(page)
        expect(page.get_by_text("店铺推演")).to_be_visible()
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.helpers import (
    ARTIFACTS_DIR,
    CHROMIUM_ARGS,
    CHROMIUM_EXECUTABLE,
    REPO_ROOT,
    assert_no_exception,
    run_streamlit,
    wait_for_app_idle,
)

__all__ = ["assert_no_exception", "wait_for_app_idle"]

_BROWSER_DIR = Path(__file__).resolve().parent
_REPORT_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    item.stash.setdefault(_REPORT_KEY, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def streamlit_server(artifacts_dir: Path) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of the app started from the repo root."""
    with run_streamlit(REPO_ROOT / "app.py", cwd=REPO_ROOT) as server:
        yield server.base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM_EXECUTABLE, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM_EXECUTABLE}. The browser tests drive Debian's "
            "chromium: run `make test` (it installs `chromium` and `fonts-noto-cjk` with apt-get) "
            "or `apt-get install -y chromium fonts-noto-cjk`, or set CHROMIUM_EXECUTABLE.",
            pytrace=False,
        )
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM_EXECUTABLE, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def locale() -> str:
    """Browser locale for ``page``; override with ``@pytest.mark.parametrize("locale", [...])``."""
    return "zh-CN"


@pytest.fixture
def page(
    browser: Browser, locale: str, artifacts_dir: Path, request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        yield page
    finally:
        reports = request.node.stash.get(_REPORT_KEY, {})
        if any(r.failed for r in reports.values()):
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            try:
                page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=True)
            except Exception as exc:  # a screenshot must never hide the real failure
                print(f"could not save failure screenshot: {exc}")
        context.close()
