"""Rerun times on a real server (issue 18); part of `make bench`.

AppTest runs a page as three scripts (the router's hand-over) in the test's own process and
pays for its element tree; a browser's rerun is one script run in the server. So each figure
here is what a browser waits for: a client speaking Streamlit's own protocol over its websocket
(``/_stcore/stream``, as tests/browser/test_load.py does) sends ``rerun_script`` for a page and
times it until ``script_finished``. Nothing changes between reruns: a page's fixed cost.

Two servers on loopback: the app, and a one-slider script (the framework's floor for a page
with a widget). Each page is opened in a session of its own and run twice (imports, first
simulations, caches warm); then every page and the one-slider page rerun in turn, ``REPEAT``
rounds, so that machine noise hits all alike, and the median of each is printed, with its ratio
to the one-slider median (the aim is at most 5×):

- ``server_rerun_<page>``: ms, the page's rerun (``overview`` at ``/``);
- ``server_rerun_one_slider``: ms, the one-slider page's rerun;
- ``server_rerun_<page>_ratio``: × the one-slider page;
- ``server_rerun_max_ratio``: the largest of them.

    python -m tests.server_rerun            # all pages, 15 rounds
    python -m tests.server_rerun 5          # 5 rounds
    python -m tests.server_rerun 15 DIR     # and, in the same rounds, the app checked out in DIR
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.router import PAGE_PATHS  # noqa: E402  (after the repo root is on the path)

#: Rounds of reruns measured (after two warm-up runs per session).
REPEAT = 15
RUN_CAP_S = 120.0  # one rerun may take at most this long
ONE_SLIDER = 'import streamlit as st\n\nst.slider("x", 0, 100, 50)\n'


async def rerun(ws, page: str, cap: float = RUN_CAP_S) -> float:
    """One run of ``page`` (its URL path; "" the app's root) in the session of ``ws``: seconds
    from ``rerun_script`` to ``script_finished``."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = "lang=en"
    msg.rerun_script.page_name = page
    started = time.perf_counter()
    await ws.send(msg.SerializeToString())
    deadline = time.monotonic() + cap
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"a rerun of {page or '/'} took over {cap:.0f} s")
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), left))
        if fwd.WhichOneof("type") == "script_finished":
            if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise RuntimeError(f"{page or '/'} did not compile")
            if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - started


async def _measure(targets: dict[str, tuple[str, str]], repeat: int) -> dict[str, float]:
    """Median rerun seconds of each target (name → (websocket URL, page)), interleaved."""
    import websockets

    async with contextlib.AsyncExitStack() as stack:
        sessions = {}
        for name, (url, page) in targets.items():
            sessions[name] = await stack.enter_async_context(websockets.connect(
                url, subprotocols=["streamlit"], max_size=None, open_timeout=60))  # fmt: skip
            for _ in range(2):  # the session built, its page's caches warm
                await rerun(sessions[name], page)
        times: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(repeat):
            for name, (_, page) in targets.items():
                times[name].append(await rerun(sessions[name], page))
    return {name: statistics.median(t) for name, t in times.items()}


def server_rerun_medians(repeat: int = REPEAT, before: Path | None = None) -> dict[str, float]:
    """Median rerun seconds of every page of the app and of the one-slider page (see above);
    with ``before`` (another checkout of the app) its pages too, as ``before_<page>``, measured
    in the same rounds."""
    from tests.browser.helpers import REPO_ROOT, run_streamlit

    def ws(server) -> str:
        return server.base_url.replace("http://", "ws://") + "/_stcore/stream"

    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        slider = Path(tmp) / "one_slider.py"
        slider.write_text(ONE_SLIDER, encoding="utf-8")
        floor = stack.enter_context(run_streamlit(slider, cwd=tmp))
        targets = {"one_slider": (ws(floor), "")}
        roots = {"": REPO_ROOT, **({"before_": before} if before else {})}
        for label, root in roots.items():
            app = stack.enter_context(run_streamlit(root / "app.py", cwd=root))
            for i, path in enumerate(PAGE_PATHS):
                targets[label + path] = (ws(app), "" if i == 0 else path)
        return asyncio.run(_measure(targets, repeat))


def server_rerun_benchmarks(repeat: int = REPEAT, before: Path | None = None) -> dict[str, float]:
    """Print the figures (see the module doc); return the medians (seconds) by name."""
    medians = server_rerun_medians(repeat, before)
    out = dict(medians)
    floor = medians.pop("one_slider")
    print(f"server_rerun_one_slider: {floor * 1e3:.1f} ms")
    for name, seconds in medians.items():
        print(f"server_rerun_{name}: {seconds * 1e3:.1f} ms")
    for name, seconds in medians.items():
        print(f"server_rerun_{name}_ratio: {seconds / floor:.1f} x")
    mine = [v for k, v in medians.items() if not k.startswith("before_")]
    print(f"server_rerun_max_ratio: {max(mine) / floor:.1f} x")
    return out


if __name__ == "__main__":
    server_rerun_benchmarks(
        int(sys.argv[1]) if len(sys.argv) > 1 else REPEAT,
        Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else None,
    )
