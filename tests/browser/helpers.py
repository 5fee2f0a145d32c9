"""Helpers for the Playwright browser tests: start a Streamlit server, wait for the app to settle.

The fixtures in ``conftest.py`` use these; tests import them directly when they need a second
server or an explicit wait::

    from tests.browser.helpers import wait_for_app_idle

Streamlit test ids used here were checked against the frontend bundled with streamlit 1.67.0
(``streamlit/static/static/js/index.*.js``):

- ``stApp`` (root; carries ``data-test-script-state`` = initial | running | notRunning |
  rerunRequested | stopRequested | compilationError and ``data-test-connection-state``),
- ``stStatusWidget`` (the top-right "Running..." widget; only mounted while running or when the
  connection/source needs attention),
- ``stMainBlockContainer`` (the main content block), ``stException`` (an uncaught exception).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"

CHROMIUM_EXECUTABLE = os.environ.get("CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SERVER_START_TIMEOUT_S = 60.0

# Evaluated in the page. Returns "" when the app is idle, otherwise why it is not (for messages).
_IDLE_PROBE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return 'no [data-testid="stApp"] yet';
  const conn = app.getAttribute('data-test-connection-state');
  if (conn && conn !== 'CONNECTED') return 'connection state ' + conn;
  const script = app.getAttribute('data-test-script-state');
  if (script !== 'notRunning') return 'script state ' + script;
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  if (status && shown(status)) {
    return 'status widget visible: ' + (status.innerText || '').trim();
  }
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || main.childElementCount === 0) return 'main block container empty';
  return '';
}
"""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_ok(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "<no log>"


def _stop_process_group(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    for sig, wait_s in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


@dataclass(frozen=True)
class StreamlitServer:
    base_url: str
    port: int
    log_path: Path
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def run_streamlit(
    app_path: Path | str = REPO_ROOT / "app.py",
    *,
    cwd: Path | str = REPO_ROOT,
    port: int | None = None,
    timeout_s: float = SERVER_START_TIMEOUT_S,
    extra_args: tuple[str, ...] = (),
) -> Iterator[StreamlitServer]:
    """Run ``python -m streamlit run APP`` on a free port until the block exits.

    Uses the interpreter running pytest (the project's .venv under ``make test``). Waits for
    ``/_stcore/health`` to answer "ok"; stdout/stderr go to ``tests/artifacts/streamlit-PORT.log``.
    The server is started in its own process group and the whole group is killed at exit.
    """
    app_path = Path(app_path)
    if not app_path.is_file():
        raise FileNotFoundError(f"Streamlit app not found: {app_path}")
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS_DIR / f"streamlit-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # Edits made while the suite runs must not pop a "source changed" prompt.
        "--server.fileWatcherType",
        "none",
        *extra_args,
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout_s
        while not _health_ok(base_url):
            if proc.poll() is not None:
                raise RuntimeError(
                    f"Streamlit exited with code {proc.returncode} before becoming healthy.\n"
                    f"command: {' '.join(cmd)}\nlog ({log_path}):\n{_tail(log_path)}"
                )
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"Streamlit did not answer {base_url}/_stcore/health within {timeout_s:.0f} s."
                    f"\nlog ({log_path}):\n{_tail(log_path)}"
                )
            time.sleep(0.25)
        yield StreamlitServer(base_url=base_url, port=port, log_path=log_path, process=proc)
    finally:
        _stop_process_group(proc)


def app_idle_reason(page: Page) -> str:
    """Why the app is not idle right now, or "" if it is."""
    try:
        return page.evaluate(_IDLE_PROBE_JS)
    except PlaywrightError as exc:  # navigation in progress: the execution context was replaced
        return f"page not ready ({exc.message.splitlines()[0]})"


def wait_for_app_idle(page: Page, timeout: float = 30000, settle_ms: int = 300) -> None:
    """Block until the Streamlit script has finished running and the page has rendered.

    Idle means: ``stApp`` exists, is connected, its script state is ``notRunning`` (so at least one
    run has completed), the ``stStatusWidget`` ("Running...") is absent or hidden, and
    ``stMainBlockContainer`` has at least one child. Then it checks twice more, ``settle_ms`` apart,
    that the app is still idle (a widget change reruns the script only after a short debounce);
    if not, it waits again. ``timeout`` is in milliseconds, like Playwright's.

    After an interaction prefer ``expect(locator).to_have_text(...)``, which retries by itself;
    call this to make sure no rerun is still pending before reading or screenshotting the page.
    """
    deadline = time.monotonic() + timeout / 1000
    reason = "not checked"
    while time.monotonic() < deadline:
        reason = app_idle_reason(page)
        if not reason:
            for _ in range(2):
                page.wait_for_timeout(settle_ms)
                reason = app_idle_reason(page)
                if reason:
                    break
            if not reason:
                return
        page.wait_for_timeout(100)
    raise TimeoutError(f"Streamlit app not idle after {timeout:.0f} ms: {reason} (url {page.url})")


def assert_no_exception(page: Page) -> None:
    """Fail if the app shows an uncaught exception box (``stException``)."""
    boxes = page.locator('[data-testid="stException"]')
    if boxes.count():
        raise AssertionError(f"App shows an exception:\n{boxes.first.inner_text()}")


def set_dispatch_capacity(page: Page, per_day: int, lang: str = "zh") -> None:
    """On the DSR & service page: the fulfilment tab's dispatch capacity set to ``per_day`` (a
    small warehouse backs orders up), and the app idle again without an exception."""
    import re

    from simulator import PARAMS
    from ui.i18n import t

    page.get_by_role("tab", name=t("ds.tab_fulfilment", lang)).click()
    label = PARAMS["fulfilment.capacity_per_day"].label(lang)
    capacity = page.get_by_role("spinbutton", name=re.compile(re.escape(label))).first
    capacity.fill(str(per_day))
    capacity.press("Enter")
    wait_for_app_idle(page)
    assert_no_exception(page)
