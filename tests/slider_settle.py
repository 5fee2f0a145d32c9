"""How long a slider change takes to settle in chromium (issue 18); part of `make bench`.

A user moves the sidebar's horizon slider one step (ArrowRight on its thumb, a new value every
time, so every step simulates anew) and waits for the page to settle: the rerun ran (Streamlit's
slider debounce included) and the page stopped changing. The same is timed on a one-slider page
(the framework's floor: a script with one slider and nothing else), and each page's figure is
given as its ratio to that floor (the aim is at most 3×).

Settled, measured inside the page: from the key's ``keydown`` to the later of the run's
``script_finished`` message (read off Streamlit's websocket) and the last change of the page's
DOM (a ``MutationObserver`` over the whole document: the script state going back to
``notRunning``, the stale marks cleared, KPI values replaced, the SVG charts redrawn), once the
run finished and nothing then changed for ``QUIET_MS``. Each page is opened in a browser context of its
own, by a share link carrying the default workspace with ``store.aov`` nudged by a cent per page
(so that no page finds a result another page's session simulated a moment before); each is
moved twice to warm up, then every page and the one-slider page in turn, ``REPEAT`` rounds, and
the median of each is printed:

- ``slider_settle_one_slider``: ms, the one-slider page;
- ``slider_settle_<page>``: ms, the page (``overview`` at ``/``);
- ``slider_settle_<page>_ratio``: × the one-slider page;
- ``slider_settle_max_ratio``: the largest of them.

    python -m tests.slider_settle          # 10 rounds
    python -m tests.slider_settle 5        # 5 rounds
    python -m tests.slider_settle 5 promotions dsr_service   # only these pages
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.router import PAGE_PATHS  # noqa: E402  (after the repo root is on the path)

#: Rounds measured (after two warm-up moves per page).
REPEAT = 10
#: The page counts as settled when nothing in it changed for this long after the run.
QUIET_MS = 400
SETTLE_CAP_MS = 120_000
ONE_SLIDER = 'import streamlit as st\n\nst.slider("x", 0, 1000, 50)\n'
LANG = "en"

# Added to every page before its scripts: the arrival time of each ``script_finished`` message on
# Streamlit's websocket (a ForwardMsg whose field 6, a varint, is not 2 = FINISHED_EARLY_FOR_RERUN),
# read from the protobuf's top-level fields. The script state attribute alone misses a quick run:
# React may render "running" and "notRunning" in one commit.
_FINISHED_JS = """
(() => {
  const Native = window.WebSocket;
  window.__finished = [];
  const varint = (b, i) => {
    let v = 0, s = 0, x;
    do { x = b[i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    return [v, i];
  };
  const finished = (b) => {
    let i = 0;
    while (i < b.length) {
      let tag, v;
      [tag, i] = varint(b, i);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { [v, i] = varint(b, i); if (field === 6) return v !== 2; }
      else if (wire === 2) { [v, i] = varint(b, i); i += v; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return false;
    }
    return false;
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const at = performance.now();
        const note = (buf) => { if (finished(new Uint8Array(buf))) window.__finished.push(at); };
        if (e.data instanceof ArrayBuffer) note(e.data);
        else if (e.data instanceof Blob) e.data.arrayBuffer().then(note);
      });
    }
  };
})();
"""

# Installed before each move: resolves with the settle time in ms (the later of the last DOM
# change and the run's ``script_finished``, minus the keydown) once a run finished after the key,
# the script state is ``notRunning`` and nothing changed for ``quiet`` ms.
_WATCH_JS = """
([quiet, cap]) => {
  window.__settled = new Promise((resolve, reject) => {
    const app = document.querySelector('[data-testid="stApp"]');
    let t0 = null, last = 0;
    const observer = new MutationObserver(() => { last = performance.now(); });
    document.addEventListener('keydown', () => { t0 = performance.now(); },
                              {capture: true, once: true});
    observer.observe(document.documentElement,
                     {subtree: true, childList: true, attributes: true, characterData: true});
    const started = performance.now();
    const poll = setInterval(() => {
      const now = performance.now();
      const done = t0 === null ? undefined : window.__finished.find((at) => at > t0);
      if (done !== undefined && app.getAttribute('data-test-script-state') === 'notRunning'
          && now - Math.max(last, done) >= quiet) {
        clearInterval(poll); observer.disconnect(); resolve(Math.max(last, done) - t0);
      } else if (now - started > cap) {
        clearInterval(poll); observer.disconnect(); reject(new Error('not settled'));
      }
    }, 20);
  });
}
"""


def _share_query(path: str, nudge: int) -> str:
    """The share link's query opening ``path`` with the default workspace, its scenarios'
    ``store.aov`` raised by ``nudge`` cents (a result of its own, the same work)."""
    from simulator import get_param, load_preset, set_param
    from ui.share import Entry, Workspace, encode_link
    from ui.state import DEFAULT_PRESET

    scenario = load_preset(DEFAULT_PRESET)
    scenario = set_param(scenario, "store.aov", get_param(scenario, "store.aov") + nudge / 100)
    ws = Workspace(scenarios=(Entry(name="Baseline", baseline=True, scenario=scenario),
                              Entry(name="Plan", scenario=scenario)))  # fmt: skip
    return encode_link(ws, lang=LANG, page=path)


class Target:
    """One browser page: its slider thumb, moved one step at a time."""

    def __init__(self, browser, url: str, slider_selector: str) -> None:
        from tests.browser.helpers import wait_for_app_idle

        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en")
        self.context.set_default_timeout(SETTLE_CAP_MS)
        self.context.add_init_script(_FINISHED_JS)
        self.page = self.context.new_page()
        self.page.goto(url)
        wait_for_app_idle(self.page, timeout=SETTLE_CAP_MS)
        self.thumb = self.page.locator(slider_selector).first
        self.thumb.wait_for(state="attached")  # a visually hidden range input

    def move(self) -> float:
        """Seconds from ArrowRight on the thumb until the page settled (see the module doc)."""
        self.page.evaluate(_WATCH_JS, [QUIET_MS, SETTLE_CAP_MS])
        self.thumb.press("ArrowRight")
        return self.page.evaluate("() => window.__settled") / 1000


def slider_settle_medians(repeat: int = REPEAT, pages: tuple[str, ...] = PAGE_PATHS) -> dict:
    """Median settle seconds of each page and of the one-slider page (see the module doc)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, run_streamlit
    from ui.i18n import t

    horizon = (
        f'[data-testid="stSidebar"] [data-testid="stSlider"]:has-text("{t("side.horizon", LANG)}")'
        ' input[type="range"]'
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        script = Path(tmp) / "one_slider.py"
        script.write_text(ONE_SLIDER, encoding="utf-8")
        browser = pw.chromium.launch(
            executable_path=CHROMIUM_EXECUTABLE, headless=True, args=CHROMIUM_ARGS
        )
        try:
            with run_streamlit(script, cwd=tmp) as floor, run_streamlit() as app:
                targets = {"one_slider": Target(browser, floor.base_url, 'input[type="range"]')}
                for nudge, path in enumerate(pages, start=1):
                    url = f"{app.base_url}/{_share_query(path, nudge)}"
                    targets[path] = Target(browser, url, horizon)
                for target in targets.values():
                    for _ in range(2):  # the page's first simulations and charts
                        target.move()
                times: dict[str, list[float]] = {name: [] for name in targets}
                for _ in range(repeat):
                    for name, target in targets.items():
                        times[name].append(target.move())
        finally:
            browser.close()
    return {name: statistics.median(t) for name, t in times.items()}


def slider_settle_benchmarks(repeat: int = REPEAT, pages: tuple[str, ...] = PAGE_PATHS) -> dict:
    """Print the figures (see the module doc); return the medians (seconds) by name."""
    medians = slider_settle_medians(repeat, pages)
    floor = medians["one_slider"]
    print(f"slider_settle_one_slider: {floor * 1e3:.0f} ms")
    pages_only = {k: v for k, v in medians.items() if k != "one_slider"}
    for name, seconds in pages_only.items():
        print(f"slider_settle_{name}: {seconds * 1e3:.0f} ms")
    for name, seconds in pages_only.items():
        print(f"slider_settle_{name}_ratio: {seconds / floor:.1f} x")
    print(f"slider_settle_max_ratio: {max(pages_only.values()) / floor:.1f} x")
    return medians


if __name__ == "__main__":
    slider_settle_benchmarks(
        int(sys.argv[1]) if len(sys.argv) > 1 else REPEAT,
        tuple(sys.argv[2:]) or PAGE_PATHS,
    )
