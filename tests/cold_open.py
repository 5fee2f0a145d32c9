"""Cold-open times of every page in chromium (issue 16's "fast first paint"); part of `make bench`.

For each page (URL path = file stem of pages/, the Overview at ``/``), in a new browser context:

- ``first``: from ``goto`` until the page's first figure is drawn: its first KPI card value, or
  its title on a page without cards;
- ``full``: until the script is idle and no grey skeleton is left (every chart drawn).

Two rounds: ``cold_server`` starts a fresh server for each page, so the page is the server's very
first request (imports, first simulations, the router's hand-over); ``warm_server`` opens each
page in a new session of one server that has served every page once (shared caches warm, a new
browser session). Figures are printed as ``name: value unit`` lines; nothing is asserted.

    python -m tests.cold_open            # both rounds
    python -m tests.cold_open --warm     # the warm round only (one server)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.router import PAGE_PATHS  # noqa: E402  (after the repo root is on the path)

PAGES = ("", *PAGE_PATHS[1:])  # the Overview at the root
FIRST = '[data-testid="stMetricValue"], [data-testid="stMainBlockContainer"] h1'
SKELETONS = '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]'


def open_page(browser, base_url: str, path: str) -> tuple[float, float]:
    """(first, full) seconds to open ``base_url/path`` in a new context (see the module doc)."""
    from tests.browser.helpers import wait_for_app_idle

    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{base_url}/{path}", wait_until="commit")
        page.wait_for_selector(FIRST, state="visible", timeout=120_000)
        first = time.perf_counter() - start
        wait_for_app_idle(page, timeout=120_000, settle_ms=100)
        while page.locator(SKELETONS).count():
            page.wait_for_timeout(50)
        return first, time.perf_counter() - start - 0.2  # minus the idle check's settle time
    finally:
        context.close()


def report(round_name: str, times: dict[str, tuple[float, float]]) -> None:
    for path, (first, full) in times.items():
        name = path or "overview"
        print(f"cold_open_{round_name}_{name}_first: {first:.2f} s")
        print(f"cold_open_{round_name}_{name}_full: {full:.2f} s")
    print(f"cold_open_{round_name}_max_first: {max(f for f, _ in times.values()):.2f} s")
    print(f"cold_open_{round_name}_max_full: {max(f for _, f in times.values()):.2f} s")


def cold_open_benchmarks(cold: bool = True) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, run_streamlit

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM_EXECUTABLE, headless=True, args=CHROMIUM_ARGS
        )
        try:
            if cold:
                times = {}
                for path in PAGES:
                    with run_streamlit() as server:
                        times[path] = open_page(browser, server.base_url, path)
                report("cold_server", times)
            with run_streamlit() as server:
                for path in PAGES:  # every page once: the caches every session shares are warm
                    open_page(browser, server.base_url, path)
                report("warm_server", {p: open_page(browser, server.base_url, p) for p in PAGES})
        finally:
            browser.close()


if __name__ == "__main__":
    cold_open_benchmarks(cold="--warm" not in sys.argv[1:])
