"""The classroom load test (issue 22 item 5, "More than one server"); part of ``make bench``.

A class on loopback: a trainer opens a room in chromium and keeps its screen open; ``STUDENTS``
students, each in a browser context of their own, start staggered over ``STAGGER_S`` seconds and
each joins the room, predicts and sends a plan (``tests/browser/room_actions.py``, the same
steps as the browser tests), all aimed to finish within ``WINDOW_S`` seconds. Run against the
stack of ``make serve`` (``scripts/serve.py``) twice: one process on SQLite (``1proc_sqlite``)
and three processes behind nginx on one PostgreSQL (``3proc_postgresql``). Printed for each,
as ``classroom_<stack>_<name>: value unit``:

- ``lost_submissions``: students whose send was confirmed on their screen but whose plan is
  not in the database (read with SQLAlchemy after the run); the aim is 0.
- ``failed_students``: students whose steps failed (a timeout or an error on their screen);
  ``trainer_final_plans``: the plans the trainer's screen counted at the end.
- ``all_sent_s``: seconds from the first student's start to the last confirmed send (the
  aim: within ``WINDOW_S``), and ``student_flow_p50_s`` / ``_p95_s``: one student's join,
  predict and send, opening the page included.
- ``submit_to_trainer_p50_s`` / ``_p95_s``: from a student's click on send to the trainer's
  screen counting it. The trainer's screen shows counts, not names, so the k-th earliest click
  is matched with the moment the count first reached k (exact if sends are counted in the order
  they were clicked). The trainer's screen refreshes itself every few seconds
  (``ui.room.REFRESH_S``), which bounds this from below.
- ``rss_before_mb`` / ``rss_after_mb``: the resident memory (``/proc/<pid>/status`` VmRSS) of
  the Streamlit processes summed, after each served one warm-up page (so the app's imports are
  in), and with the trainer and every student still connected; ``rss_per_session_mb``: their
  difference divided by the sessions (students + the trainer).
- ``class_wall_s`` and ``cpu_<kind>_s``: the class's wall time (from the trainer opening the
  room to the trainer's screen counting the last plan) and the CPU seconds used in it by the
  app processes, PostgreSQL, nginx and the browsers (chromium and Playwright's drivers: the
  load generator); ``machine_load_at_start``: the 1-minute load average when the class began
  (the machine is shared; other work running shows here).

A student's page is frozen once the plan is sent (``FREEZE_SENT``). Playwright's sync API is
one thread per instance: ``WORKERS`` threads each drive a chromium of
their own (Debian's ``/usr/bin/chromium``) with many contexts, each thread taking its students in
turn at their start times, the trainer's screen polled by one more. All runs on one machine, so
the browsers' load is part of the figures (on the 2-core machine most of it).

    python -m tests.bench classroom        # both stacks
    python -m tests.classroom 1 20 30      # one stack: 1 process, 20 students over 30 s
"""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Students in the class [ASSUMPTION: the middle of issue 22's 30–100].
STUDENTS = 60
#: Everyone should have joined, predicted and sent within this (issue 22 item 5: two minutes).
WINDOW_S = 120.0
#: Students start evenly over this much of the window (the rest is for the last ones' steps).
STAGGER_S = 80.0
#: Browser threads (each a chromium with contexts) [ASSUMPTION: enough that a thread's next
#: student is not kept waiting by the previous one's steps on the 2-core machine].
WORKERS = 15
#: How often the trainer's screen is read (its own refresh is slower).
POLL_S = 0.2
#: How long after the last send the trainer's screen may take to count it.
DRAIN_S = 60.0
STEP_TIMEOUT_MS = 90_000
#: A student's page is frozen once their plan is sent (Chrome's page lifecycle: no scripts or
#: timers run, the websocket stays open, so the session stays on the server): the idle screens'
#: redraws would otherwise take the load generator's CPU from the servers on one machine. Their
#: screens' own refresh (``ui.room.STUDENT_REFRESH_S``) stops with them, so that polling is not
#: in the figures.
FREEZE_SENT = True
LANG = "en"
#: One browser context per student, as small as the room page allows.
VIEWPORT = {"width": 1000, "height": 800}


@dataclass
class Student:
    index: int
    start_at: float  # monotonic
    started: float = 0.0
    clicked: float = 0.0  # the send's click (monotonic)
    sent: float = 0.0  # the send confirmed on the student's screen
    error: str = ""


@dataclass
class Trainer:
    code: str = ""
    url: str = ""
    seen: list[tuple[float, int]] = field(default_factory=list)  # (monotonic, plans counted)
    error: str = ""
    ready: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)


def rss_mb(pids: list[int]) -> float:
    """The resident memory of the processes, summed, in MB (VmRSS)."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _proc_stat() -> dict[int, tuple[int, str, float]]:
    """Every process: (parent, name, CPU seconds used: user + system)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                text = (d / "stat").read_text()
                name = text[text.index("(") + 1 : text.rindex(")")]
                f = text[text.rindex(")") + 2 :].split()
                out[int(d.name)] = (int(f[1]), name, (int(f[11]) + int(f[12])) / tick)
    return out


def cpu_by_kind(apps: list[int]) -> dict[str, float]:
    """CPU seconds used so far by this process's descendants: the app processes (``apps``),
    PostgreSQL, nginx, and the rest (the browsers and Playwright's drivers)."""
    procs = _proc_stat()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    todo, total = (
        list(kids.get(os.getpid(), [])),
        dict.fromkeys(("app", "postgres", "nginx", "browsers"), 0.0),
    )
    while todo:
        pid = todo.pop()
        todo += kids.get(pid, [])
        _, name, cpu = procs[pid]
        kind = "app" if pid in apps else name if name in ("postgres", "nginx") else "browsers"
        total[kind] += cpu
    return total


def _launch(pw):
    from tests.browser.helpers import CHROMIUM_ARGS, CHROMIUM_EXECUTABLE

    return pw.chromium.launch(executable_path=CHROMIUM_EXECUTABLE, headless=True,
                              args=CHROMIUM_ARGS)  # fmt: skip


def _trainer(base_url: str, trainer: Trainer) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.room_actions import counts, open_room

    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=LANG)
            ctx.set_default_timeout(STEP_TIMEOUT_MS)
            page = ctx.new_page()
            trainer.code, trainer.url = open_room(page, base_url, "Load test")
            trainer.ready.set()
            last = None
            while not trainer.stop.is_set():
                with contextlib.suppress(Exception):  # not drawn yet, or redrawn under the read
                    n = counts(page)[2]  # students, predictions, plans
                    if n != last:
                        trainer.seen.append((time.monotonic(), n))
                        last = n
                time.sleep(POLL_S)
        except Exception as exc:
            trainer.error = f"{type(exc).__name__}: {exc}"
            trainer.ready.set()
        finally:
            browser.close()


def _students(base_url: str, code: str, mine: list[Student], done: threading.Event,
              release: threading.Event) -> None:  # fmt: skip
    """One thread's students, each at its start time; their contexts stay open (connected
    sessions) until ``release``."""
    from playwright.sync_api import sync_playwright

    from tests.browser.room_actions import join, predict, submit_plan

    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            for s in mine:
                time.sleep(max(0.0, s.start_at - time.monotonic()))
                s.started = time.monotonic()
                try:
                    ctx = browser.new_context(viewport=VIEWPORT, locale=LANG)
                    ctx.set_default_timeout(STEP_TIMEOUT_MS)
                    page = ctx.new_page()
                    join(page, base_url, code, f"Student {s.index + 1:02d}")
                    predict(page, 10.0 + s.index)
                    s.clicked = time.monotonic()
                    submit_plan(page)
                    s.sent = time.monotonic()
                    if FREEZE_SENT:  # its session stays connected; its page stops working
                        ctx.new_cdp_session(page).send(
                            "Page.setWebLifecycleState", {"state": "frozen"}
                        )
                except Exception as exc:
                    s.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
            done.set()
            release.wait(timeout=WINDOW_S + 2 * DRAIN_S)
        finally:
            browser.close()


def _warm_up(backends: list[str]) -> None:
    """Each process serves one page (its imports done) before the memory is read."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import wait_for_app_idle

    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            for url in backends:
                ctx = browser.new_context(viewport=VIEWPORT, locale=LANG)
                page = ctx.new_page()
                page.goto(f"{url}/?lang={LANG}")
                wait_for_app_idle(page, timeout=STEP_TIMEOUT_MS)
                ctx.close()
        finally:
            browser.close()


def _plans_stored(database_url: str, code: str) -> int:
    """Students with a plan in the room, read from the database itself."""
    import sqlalchemy as sa

    from ui import store

    lib = store.open_store(database_url)
    try:
        with lib.engine.connect() as conn:
            q = sa.select(sa.func.count(sa.distinct(store.submissions.c.student_id))).where(
                store.submissions.c.room_code == code, store.submissions.c.kind == "plan"
            )
            return int(conn.execute(q).scalar() or 0)
    finally:
        lib.close()


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def classroom_run(
    processes: int, students: int = STUDENTS, stagger_s: float = STAGGER_S
) -> dict[str, float]:
    """One class against ``processes`` app processes (1: SQLite; more: nginx and PostgreSQL)."""
    from scripts.pgserver import create_database, postgres
    from scripts.serve import serving
    from ui.store import SQLITE_FILE

    with contextlib.ExitStack() as stack:
        data = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="classroom-")))
        data.chmod(0o755)
        if processes > 1:
            url = create_database(stack.enter_context(postgres()), "classroom")
        else:
            url = None
        s = stack.enter_context(serving(processes, data_dir=data, database_url=url))
        db = url or f"sqlite:///{data / SQLITE_FILE}"
        _warm_up(s.backends)
        time.sleep(2)
        pids = [p.pid for p in s.apps]
        before = rss_mb(pids)
        load = os.getloadavg()[0]
        cpu0, wall0 = cpu_by_kind(pids), time.monotonic()

        trainer = Trainer()
        threads = [threading.Thread(target=_trainer, args=(s.url, trainer), daemon=True)]
        threads[0].start()
        if not trainer.ready.wait(timeout=STEP_TIMEOUT_MS / 1000 * 2) or trainer.error:
            raise RuntimeError(f"the trainer could not open a room: {trainer.error or 'timeout'}")
        t0 = time.monotonic() + 1.0
        gap = stagger_s / max(1, students - 1)
        roster = [Student(i, t0 + i * gap) for i in range(students)]
        release = threading.Event()
        dones = []
        for w in range(min(WORKERS, students)):
            done = threading.Event()
            dones.append(done)
            mine = roster[w::WORKERS]
            t = threading.Thread(target=_students, args=(s.url, trainer.code, mine, done, release),
                                 daemon=True)  # fmt: skip
            t.start()
            threads.append(t)
        for done in dones:
            done.wait(timeout=WINDOW_S + STAGGER_S + STEP_TIMEOUT_MS / 1000 * 3)
        sent = [st for st in roster if st.sent]
        deadline = time.monotonic() + DRAIN_S
        while time.monotonic() < deadline and (not trainer.seen or trainer.seen[-1][1] < len(sent)):
            time.sleep(0.5)
        after = rss_mb(pids)
        cpu1, wall = cpu_by_kind(pids), time.monotonic() - wall0
        trainer.stop.set()
        release.set()
        for t in threads:
            t.join(timeout=60)
        stored = _plans_stored(db, trainer.code)

    clicks = sorted(st.clicked for st in sent)
    lags = []
    for k, clicked in enumerate(clicks, start=1):
        shown = next((t for t, n in trainer.seen if n >= k), None)
        if shown is not None:
            lags.append(max(0.0, shown - clicked))
    flows = [st.sent - st.started for st in sent]
    failed = [st for st in roster if st.error]
    for why, n in Counter(re.sub(r"\d+ms", "", st.error)[:90] for st in failed).most_common():
        print(f"# {n} students failed: {why}", file=sys.stderr)
    return {
        "students": students,
        "lost_submissions": max(0, len(sent) - stored),
        "failed_students": len(failed),
        "plans_stored": stored,
        "trainer_final_plans": trainer.seen[-1][1] if trainer.seen else 0,
        "trainer_missed": len(sent) - len(lags),
        "all_sent_s": max((st.sent for st in sent), default=float("nan")) - t0,
        "student_flow_p50_s": _pct(flows, 50),
        "student_flow_p95_s": _pct(flows, 95),
        "submit_to_trainer_p50_s": _pct(lags, 50),
        "submit_to_trainer_p95_s": _pct(lags, 95),
        "rss_before_mb": before,
        "rss_after_mb": after,
        "rss_per_session_mb": (after - before) / (students + 1),
        "class_wall_s": wall,
        **{f"cpu_{kind}_s": cpu1[kind] - cpu0.get(kind, 0.0) for kind in cpu1},
        "machine_load_at_start": load,
    }


UNITS = {"machine_load_at_start": "load", "students": "students", "lost_submissions": "submissions", "failed_students": "students",
         "plans_stored": "plans", "trainer_final_plans": "plans", "trainer_missed": "plans",
         "rss_before_mb": "MB", "rss_after_mb": "MB", "rss_per_session_mb": "MB"}  # fmt: skip


def classroom_benchmarks(
    students: int = STUDENTS, stacks: tuple[int, ...] = (1, 3), stagger_s: float = STAGGER_S
) -> None:
    for processes in stacks:
        tag = f"{processes}proc_{'sqlite' if processes == 1 else 'postgresql'}"
        for name, value in classroom_run(processes, students, stagger_s).items():
            unit = UNITS.get(name, "s")
            text = f"{value:.0f}" if unit not in ("s", "MB", "load") else f"{value:.1f}"
            print(f"classroom_{tag}_{name}: {text} {unit}", flush=True)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    if args:  # processes [students [stagger seconds]]
        classroom_benchmarks(students=args[1] if len(args) > 1 else STUDENTS, stacks=(args[0],),
                             stagger_s=args[2] if len(args) > 2 else STAGGER_S)  # fmt: skip
    else:
        classroom_benchmarks()
    os._exit(0)  # no lingering Playwright threads
