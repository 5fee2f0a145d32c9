"""The live room (课堂房间, issue 22): a classroom on top of the storage layer (``ui.store``).

A trainer opens a room for a lesson step (``ui.lessons.LESSONS``: the step's question, its true
answer simulated) or an open question (a title and a question's text) and gets its short code,
the students' link ``/?room=<code>`` with its QR code (SVG, drawn on the server), and a trainer
link ``/?room=<code>&t=<token>`` that carries the trainer token (the controls need it; the page
says to keep it private). A student opens ``/?room=<code>``, joins with a display name (no
account), sends a prediction (a number) and their current workspace (``ui.workspace.current``, as
a workspace file's JSON); after joining, the URL carries their own id (``&me=<sid>``) so a
reload keeps them in. The trainer's screen refreshes itself every ``REFRESH_S`` seconds
(``st.fragment(run_every=…)``): the head counts, the distribution of the latest prediction of
each student (with the simulated answer for a lesson step) and the leaderboard of their latest
plans; reveal, reset, close/reopen and CSV/Excel exports. Once revealed, students see the same
distribution and leaderboard.

Leaderboard rows (``plan_row``): a student's workspace read like an imported file; its baseline
and its first other scenario (the plan, as ``ui.workspace.apply`` reads it), both simulated over
``BOARD_PATHS`` paths with ``BOARD_SEED`` (common random numbers); the profit change is the
deterministic run's (``simulator.verdict.verdict``'s ``profit``), the chance to beat the
baseline its ``chance_profit``, the lowest DSR score the least of the plan's three 180-day
scores' lowest days (``dsr_*_min``). Rows are cached by the workspace's canonical JSON for all
sessions. New ones are simulated off the page, one at a time on one background thread
(``_POOL``), and show on the next refreshes: a screen's rerun only reads, so a class sending 60
plans at once neither stalls a screen nor makes a live refresh outlast its interval.

Every refusal of the store (``ui.store.StoreError``) is said in words (``storage.err.<code>``);
a store that cannot open is ``storage.err.unavailable``; nothing here raises into the page.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd
import streamlit as st

from simulator import Result, Scenario, simulate
from simulator.verdict import DSR_DIMS, verdict
from ui import charts, classroom, router, state, workspace
from ui.exports import CSV_EOL, _sheet, neutralise  # _sheet: the workbook's sheet writer
from ui.fmt import fmt_number, fmt_pct, fmt_score, fmt_signed_money
from ui.i18n import LANGS, t
from ui.lessons import BY_ID, LESSONS, MEASURE_KINDS, Step, outcome
from ui.share import MAX_NAME_CHARS, link_qr_svg, read_workspace_file, workspace_to_json
from ui.text import plain

if TYPE_CHECKING:
    from ui.store import RoomInfo, Store, Submission

log = logging.getLogger("shop_whatif")

#: The room's query parameters: its code, the trainer token, a student's own id.
ROOM_KEY, TOKEN_KEY, SID_KEY = "room", "t", "me"
#: Seconds between the trainer screen's refreshes [ASSUMPTION: a class sees its answers arrive
#: within a breath; each refresh is one indexed query and cached rows].
REFRESH_S = 3
#: Seconds between a student screen's refreshes (it waits for the reveal) [ASSUMPTION: slower
#: than the trainer's, 60 phones polling].
STUDENT_REFRESH_S = 5
#: Paths and seed of a leaderboard row's Monte Carlo [ASSUMPTION: 16 paths give the chance to
#: 1/16 in about 0.3 s a plan on a 2-core machine; the seed is the sidebar's default].
BOARD_PATHS, BOARD_SEED = 16, 0
#: Leaderboard rows kept for all sessions (a row is a few numbers).
BOARD_CACHE_SIZE = 4096
#: Bins of the predictions' histogram (at most).
HIST_BINS = 20
#: The prediction's question id of an open question (a lesson room's is its topic).
OPEN_QUESTION = "open"
#: Pixels per module of the students' QR code (SVG).
QR_SCALE = 6

#: Session keys: the session's room {"code", "token", "sid", "name"}; the link last opened; the
#: messages of the last action (level, text); the open-room form.
ROOM, OPENED, MESSAGES = "_room", "_room_link", "_room_messages"
KIND, LESSON, STEP, TITLE, QUESTION = (
    "room_kind",
    "room_lesson",
    "room_step",
    "room_title",
    "room_q",
)
CODE_FIELD, NAME_FIELD, PRED_FIELD = "room_code_field", "room_name", "room_pred"


# --------------------------------------------------------------------------- the session's room
def session_room() -> dict[str, Any]:
    """The session's room: ``{"code", "token", "sid", "name"}`` (empty: none)."""
    return st.session_state.setdefault(ROOM, {})


def _set_room(**values: Any) -> None:
    st.session_state[ROOM] = {k: v for k, v in values.items() if v}
    _write_url()


def _write_url() -> None:
    """The session's room in the URL (a reload keeps the trainer or the student in)."""
    r = session_room()
    for key, value in ((ROOM_KEY, r.get("code")), (TOKEN_KEY, r.get("token")),
                       (SID_KEY, r.get("sid"))):  # fmt: skip
        if value and st.query_params.get(key) != value:
            st.query_params[key] = value
        elif not value and key in st.query_params:
            del st.query_params[key]


def open_link(room_page: st.Page, current: st.Page) -> None:
    """In ``app.py``: a ``?room=<code>`` link (``&t=`` the trainer's, ``&me=`` a student's own)
    becomes the session's room, once per link, and opens the room page."""
    params = st.query_params
    if ROOM_KEY not in params:
        return
    asked = (params.get(ROOM_KEY, ""), params.get(TOKEN_KEY, ""), params.get(SID_KEY, ""))
    if st.session_state.get(OPENED) == asked:
        return
    st.session_state[OPENED] = asked
    code, token, sid = (str(x)[:200] for x in asked)
    had = session_room()
    if not sid and had.get("code") == code:  # the bare students' link: keep this session's place
        sid = had.get("sid", "")
    st.session_state[ROOM] = {k: v for k, v in {"code": code, "token": token, "sid": sid}.items()
                              if v}  # fmt: skip
    if current.url_path != room_page.url_path:
        router.switch(room_page)


def _say(level: str, text: str) -> None:
    st.session_state.setdefault(MESSAGES, []).append((level, text))


def _show_messages() -> None:
    for level, text in st.session_state.pop(MESSAGES, []):
        if level == "error":
            st.error(text, icon=":material/block:")
        else:
            st.success(text, icon=":material/check:")


def _refused(exc: Exception, lang: str) -> str:
    """A store refusal in words (``storage.err.<code>``); anything else is the store failing."""
    from ui.store import StoreError

    if isinstance(exc, StoreError):
        return t(f"storage.err.{exc.code}", lang, **exc.params)
    log.error("the room store failed", exc_info=exc)
    return t("storage.err.unavailable", lang)


def _store() -> Store | None:
    return workspace.library()


# --------------------------------------------------------------------------- questions and answers
@dataclass(frozen=True)
class Question:
    """What a room asks, in one language: the question, the prompt, the prediction's unit, the
    question id predictions carry, and the lesson step (``None``: an open question)."""

    text: str
    prompt: str
    unit: str
    qid: str
    step: Step | None


def topic_of(lesson_id: str, index: int) -> str:
    return f"{lesson_id}/{index}"


def lesson_step(topic: str) -> Step | None:
    """The lesson step a room's topic names (``<lesson id>/<step>``), else ``None``."""
    lesson_id, _, index = topic.partition("/")
    lesson = BY_ID.get(lesson_id)
    if lesson is None or not index.isdigit() or int(index) >= len(lesson.steps):
        return None
    return lesson.steps[int(index)]


def scale_of(step: Step) -> float:
    """Predictions are typed in percent for a relative change or a rate (×100), else as is."""
    return 100.0 if step.basis == "relative" or MEASURE_KINDS[step.measure] == "pct" else 1.0


def unit_key(step: Step | None) -> str:
    """The catalogue key of a prediction's unit."""
    if step is None:
        return "room.unit.number"
    kind = MEASURE_KINDS[step.measure]
    if step.basis == "relative":
        return "room.unit.pct"
    if kind == "pct":
        return "room.unit.pp" if step.basis == "change" else "room.unit.pct"
    return {"money": "room.unit.yuan", "price": "room.unit.yuan", "seconds": "room.unit.seconds",
            "stars": "room.unit.stars", "count": "room.unit.count",
            }.get(kind, "room.unit.number")  # fmt: skip


def question_of(info: RoomInfo, lang: str) -> Question:
    step = lesson_step(info.topic)
    i = LANGS.index(lang)
    if step is None:
        return Question(info.question, "", t("room.unit.number", lang), OPEN_QUESTION, None)
    return Question(step.question[i], step.prompt[i], t(unit_key(step), lang), info.topic, step)


def true_answer(step: Step) -> float:
    """The step's answer simulated (cached for all sessions), in the prediction's unit."""
    base, plan = classroom.step_results(step)
    return outcome(step, base, plan).value * scale_of(step)


# --------------------------------------------------------------------------- the leaderboard
@dataclass(frozen=True)
class PlanRow:
    """One workspace's plan against its own baseline (``None``s: it could not be simulated)."""

    plan: str
    profit_change: float | None
    dsr_min: float | None
    chance: float | None


_ROWS: OrderedDict[str, PlanRow] = OrderedDict()
_BUSY: set[str] = set()
_ROWS_LOCK = threading.Lock()
_BASES: OrderedDict[str, Result] = OrderedDict()
#: Baselines' Monte Carlo kept (a class shares a few baselines).
BASE_CACHE_SIZE = 8


def _base_result(base: Scenario) -> Result:
    key = base.model_dump_json()
    with _ROWS_LOCK:
        hit = _BASES.get(key)
    if hit is not None:
        return hit
    got = simulate(base, reference=base, paths=BOARD_PATHS, seed=BOARD_SEED)
    with _ROWS_LOCK:
        _BASES[key] = got
        while len(_BASES) > BASE_CACHE_SIZE:
            _BASES.popitem(last=False)
    return got


def plan_row(payload: str) -> PlanRow:
    """A submitted workspace's plan against its baseline (see the module docstring)."""
    ws, _, _ = read_workspace_file(payload)
    base = ws.baseline.scenario
    others = [e for e in ws.scenarios if not e.baseline]
    entry = others[0] if others else ws.baseline
    try:
        b = _base_result(base)
        p = simulate(entry.scenario, reference=base, paths=BOARD_PATHS, seed=BOARD_SEED)
    except Exception:  # validated like an import, so not expected: the row says so
        log.exception("a room's plan could not be simulated")
        return PlanRow(entry.name, None, None, None)
    v = verdict(p, b)
    dsr = min(float(p.totals[f"dsr_{d}_min"]) for d in DSR_DIMS)
    return PlanRow(entry.name, float(v.profit), dsr, v.chance_profit)


def cached_row(payload: str) -> PlanRow | None:
    with _ROWS_LOCK:
        return _ROWS.get(payload)


#: The leaderboard's simulations: one thread for all sessions (a class's plans queue behind
#: each other instead of taking both cores from the server).
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="room-board")
_PENDING: list[Future] = []


def _compute(payload: str) -> PlanRow:
    try:
        row = plan_row(payload)
    except Exception:  # e.g. a workspace stored before a rule tightened
        log.exception("a room's plan could not be read")
        row = PlanRow("", None, None, None)
    with _ROWS_LOCK:
        _ROWS[payload] = row
        while len(_ROWS) > BOARD_CACHE_SIZE:
            _ROWS.popitem(last=False)
        _BUSY.discard(payload)
    return row


def rows_for(payloads: list[str], *, wait: bool = False) -> dict[str, PlanRow]:
    """The rows of ``payloads`` that are ready; the others are queued for the background thread
    (``wait``: simulated here and now, for an export)."""
    out: dict[str, PlanRow] = {}
    for p in dict.fromkeys(payloads):
        hit = cached_row(p)
        if hit is not None:
            out[p] = hit
        elif wait:
            out[p] = _compute(p)
        else:
            with _ROWS_LOCK:
                if p in _BUSY:  # queued already (by this screen or another)
                    continue
                _BUSY.add(p)
                _PENDING[:] = [f for f in _PENDING if not f.done()]
                _PENDING.append(_POOL.submit(_compute, p))
    return out


def settle(timeout_s: float | None = None) -> None:
    """Wait until every queued leaderboard row is simulated (tests; an export)."""
    with _ROWS_LOCK:
        pending = list(_PENDING)
    for f in pending:
        f.result(timeout=timeout_s)


def clear_rows() -> None:
    """Forget the cached leaderboard rows (tests), once the queued ones are done."""
    settle()
    with _ROWS_LOCK:
        _ROWS.clear()
        _BASES.clear()


# --------------------------------------------------------------------------- what a room holds
@dataclass(frozen=True)
class Entry:
    """One student's latest prediction and plan (``None``: none sent)."""

    student: str
    prediction: float | None
    predicted_at: float | None
    plan: str | None  # the workspace's canonical JSON
    plan_at: float | None


def latest(subs: list[Submission], qid: str) -> list[Entry]:
    """Each student's latest prediction for ``qid`` and latest plan, in the order they first
    sent something."""
    pred: dict[str, tuple[float, float]] = {}
    plan: dict[str, tuple[str, float]] = {}
    order: dict[str, None] = {}
    for s in subs:
        if s.kind == "prediction":
            data = s.data
            if data.get("question") != qid:
                continue
            pred[s.student] = (float(data["value"]), s.submitted_at)
        else:
            plan[s.student] = (s.payload, s.submitted_at)
        order.setdefault(s.student)
    return [
        Entry(name, *(pred.get(name) or (None, None)), *(plan.get(name) or (None, None)))
        for name in order
    ]


def board(entries: list[Entry]) -> tuple[list, int]:
    """(rows of (entry, PlanRow) sorted by profit change, best first; plans still pending)."""
    with_plan = [e for e in entries if e.plan is not None]
    ready = rows_for([e.plan for e in with_plan])  # type: ignore[misc]
    rows = [(e, ready[e.plan]) for e in with_plan if e.plan in ready]
    rows.sort(key=lambda r: -(r[1].profit_change if r[1].profit_change is not None else -1e300))
    return rows, len(with_plan) - len(rows)


def _when(ts: float | None) -> str:
    return "" if ts is None else datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")


def export_header(lang: str) -> list[str]:
    keys = ("room.col.name", "room.col.prediction", "room.col.predicted_at", "room.col.plan",
            "room.col.plan_at", "room.col.profit", "room.col.dsr", "room.col.chance")  # fmt: skip
    return [t(k, lang) for k in keys]


def export_rows(entries: list[Entry]) -> list[list[Any]]:
    """One row per student: name, prediction and when, plan name and when, profit change (yuan,
    to the fen), lowest DSR score, chance to beat the baseline (a fraction)."""
    ready = rows_for([e.plan for e in entries if e.plan is not None], wait=True)
    out = []
    for e in entries:
        row = ready.get(e.plan) if e.plan is not None else None
        out.append([
            e.student, e.prediction, _when(e.predicted_at), row.plan if row else None,
            _when(e.plan_at), None if row is None or row.profit_change is None
            else round(row.profit_change, 2), None if row is None else row.dsr_min,
            None if row is None else row.chance,
        ])  # fmt: skip
    return out


def results_csv(entries: list[Entry], lang: str) -> bytes:
    """The room's results as CSV (UTF-8 with BOM for Excel, RFC 4180 line ends); names that a
    spreadsheet would run as a formula are written as text (``ui.exports.neutralise``)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=CSV_EOL)
    w.writerow(export_header(lang))
    for r in export_rows(entries):
        w.writerow(["" if v is None else neutralise(v) if isinstance(v, str) else v for v in r])
    return buf.getvalue().encode("utf-8-sig")


def results_xlsx(entries: list[Entry], lang: str) -> bytes:
    """The room's results as an Excel workbook: one sheet, a bold frozen header, cells formatted
    (¥ to the fen, scores to 3 decimals, %), text never read as a formula (``ui.exports``)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = t("room.sheet", lang)[:31]
    formats = [None, "0.####", None, None, None, '"¥"#,##0.00;-"¥"#,##0.00', "0.000", "0%"]
    _sheet(ws, export_header(lang), export_rows(entries), formats, "B2")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- charts and tables
@charts.cached_chart  # 60 screens refreshing draw the same chart: built once
def predictions_chart(values: list[float], answer: float | None, unit: str, lang: str):
    """A histogram of the predictions, with the simulated answer as a rule when known."""
    data = pd.DataFrame({"value": values})
    bars = (
        alt.Chart(data)
        .mark_bar(color=charts.PALETTE[1], opacity=0.85)
        .encode(
            x=alt.X("value:Q", bin=alt.Bin(maxbins=HIST_BINS), title=unit),
            y=alt.Y("count():Q", title=t("room.students_axis", lang), axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("count():Q", title=t("room.students_axis", lang))],
        )
    )
    if answer is None:
        return charts.themed(bars, 260, lang)
    rule = (
        alt.Chart(pd.DataFrame({"value": [answer], "label": [t("room.answer_rule", lang)]}))
        .mark_rule(color=charts.PALETTE[3], strokeWidth=3)
        .encode(
            x="value:Q",
            tooltip=[
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("value:Q", title=unit, format=",.4~f"),
            ],
        )  # fmt: skip
    )
    return charts.themed(alt.layer(bars, rule), 260, lang)


def _num(x: float, lang: str) -> str:
    return fmt_number(x, lang, digits=2 if abs(x) < 100 else 0, compact=False)


def draw_predictions(entries: list[Entry], q: Question, lang: str, *, revealed: bool) -> None:
    """The predictions' histogram; a lesson step's simulated answer once ``revealed`` (the
    trainer's screen is often on the projector)."""
    st.markdown(f"**{t('room.dist_title', lang)}**")
    values = [e.prediction for e in entries if e.prediction is not None]
    answer = None
    if q.step is not None and revealed:
        try:
            answer = true_answer(q.step)
        except Exception:  # the lesson's scenario is the app's own: not expected
            log.exception("a lesson step's answer could not be simulated")
    if not values:
        st.caption(t("room.no_predictions", lang))
    else:
        s = pd.Series(values)
        st.caption(t("room.median", lang, n=len(values), median=_num(float(s.median()), lang),
                     lo=_num(float(s.min()), lang), hi=_num(float(s.max()), lang)))  # fmt: skip
        st.altair_chart(predictions_chart(values, answer, q.unit, lang), width="stretch")
    if answer is not None:
        st.markdown(t("room.answer", lang, value=f"{_num(answer, lang)} {q.unit}"))


def draw_board(entries: list[Entry], lang: str) -> None:
    st.markdown(f"**{t('room.board_title', lang)}**")
    rows, pending = board(entries)
    if not rows and not pending:
        st.caption(t("room.no_plans", lang))
        return
    failed = t("room.failed", lang)
    table = pd.DataFrame(
        [
            {
                t("room.col.rank", lang): n,
                t("room.col.name", lang): e.student,
                t("room.col.plan", lang): r.plan,
                t("room.col.profit", lang): failed if r.profit_change is None
                else fmt_signed_money(r.profit_change, lang),
                t("room.col.dsr", lang): "" if r.dsr_min is None else fmt_score(r.dsr_min, lang),
                t("room.col.chance", lang): "" if r.chance is None
                else fmt_pct(r.chance, lang, digits=0),
            }
            for n, (e, r) in enumerate(rows, start=1)
        ]
    )  # fmt: skip
    if rows:
        st.dataframe(table, hide_index=True, width="stretch")
    if pending:
        st.caption(t("room.pending", lang, n=pending))
    st.caption(t("room.board_help", lang, paths=BOARD_PATHS, seed=BOARD_SEED))


# --------------------------------------------------------------------------- opening a room
def _open_room(lang: str) -> None:
    """The Open button's callback: a room for the chosen lesson step or open question."""
    lib = _store()
    if lib is None:
        _say("error", t("storage.err.unavailable", lang))
        return
    ss = st.session_state
    i = LANGS.index(lang)
    if ss.get(KIND, "lesson") == "lesson":
        lesson = BY_ID.get(ss.get(LESSON), LESSONS[0])
        index = min(int(ss.get(STEP) or 0), len(lesson.steps) - 1)
        title, question, topic = lesson.title[i], "", topic_of(lesson.id, index)
    else:
        title = str(ss.get(TITLE) or "").strip()
        question, topic = str(ss.get(QUESTION) or "").strip(), ""
        if not title:
            _say("error", t("room.need_title", lang))
            return
    try:
        room = lib.create_room(title, question=question, topic=topic)
    except Exception as exc:
        _say("error", _refused(exc, lang))
        return
    _set_room(code=room.code, token=room.trainer_token)


def draw_open(lang: str) -> None:
    """The trainer's form: a lesson step or an open question, then Open."""
    st.subheader(t("room.open_title", lang), anchor=False)
    kinds = ["lesson", "open"]
    labels = {"lesson": t("room.kind_lesson", lang), "open": t("room.kind_open", lang)}
    kind = st.radio(t("room.kind", lang), kinds, key=KIND, persist_state="session", horizontal=True,
                    format_func=labels.__getitem__)  # fmt: skip
    i = LANGS.index(lang)
    if kind == "lesson":
        ids = [x.id for x in LESSONS]
        lesson_id = st.selectbox(t("room.lesson", lang), ids, key=LESSON, persist_state="session",
                                 format_func=lambda x: BY_ID[x].title[i])  # fmt: skip
        lesson = BY_ID[lesson_id]
        st.selectbox(t("room.step", lang), list(range(len(lesson.steps))), key=STEP,
                     persist_state="session",
                     format_func=lambda n: t("room.step_label", lang, n=n + 1,
                                             question=lesson.steps[n].question[i]))  # fmt: skip
    else:
        from ui.store import MAX_QUESTION_TEXT_CHARS, MAX_TITLE_CHARS

        st.text_input(
            t("room.title_field", lang),
            key=TITLE,
            persist_state="session",
            max_chars=MAX_TITLE_CHARS,
        )
        st.text_area(t("room.question_field", lang), key=QUESTION, persist_state="session",
                     max_chars=MAX_QUESTION_TEXT_CHARS,
                     help=t("room.question_help", lang), height=90)  # fmt: skip
    st.button(t("room.open_btn", lang), key="room_open", type="primary",
              icon=":material/meeting_room:", on_click=_open_room, args=(lang,))  # fmt: skip


def _go(lang: str) -> None:
    code = "".join(str(st.session_state.get(CODE_FIELD) or "").split()).upper()
    if code:
        _set_room(code=code)


def draw_join_code(lang: str) -> None:
    st.subheader(t("room.join_code_title", lang), anchor=False)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.text_input(
            t("room.join_code", lang), key=CODE_FIELD, persist_state="session", max_chars=16
        )
        st.button(t("room.go", lang), key="room_go", on_click=_go, args=(lang,))


def _leave() -> None:
    _set_room()


# --------------------------------------------------------------------------- the trainer's view
def _base_url() -> str:
    """The app's root URL as the browser sees it ("" without a browser: tests)."""
    try:
        base = st.context.url.split("?")[0].rstrip("/")
    except Exception:
        return ""
    page = "/room"
    return base[: -len(page)] if base.endswith(page) else base


def student_link(code: str) -> str:
    return f"{_base_url()}/?{ROOM_KEY}={code}"


def trainer_link(code: str, token: str) -> str:
    return f"{_base_url()}/?{ROOM_KEY}={code}&{TOKEN_KEY}={token}"


def _control(action: str, code: str, token: str, lang: str) -> None:
    """A trainer button's callback: reveal, reset, close or reopen."""
    lib = _store()
    if lib is None:
        _say("error", t("storage.err.unavailable", lang))
        return
    try:
        getattr(lib, {"reveal": "reveal", "reset": "reset", "close": "close_room",
                      "reopen": "reopen"}[action])(code, token)  # fmt: skip
    except Exception as exc:
        _say("error", _refused(exc, lang))


def draw_trainer(lib: Store, info: RoomInfo, token: str, lang: str) -> None:
    """Links, QR code, exports, and the live part (counts, predictions, leaderboard, controls)."""
    q = question_of(info, lang)
    left, right = st.columns([3, 2])
    with left:
        with st.container(key="room_join_link"):
            st.markdown(f"**{t('room.join_link', lang)}**")
            workspace.link_box(student_link(info.code), lang)
        with st.container(key="room_trainer_link"):
            st.markdown(f"**{t('room.trainer_link', lang)}**")
            workspace.link_box(trainer_link(info.code, token), lang)
            st.caption(t("room.trainer_private", lang))
    with right:
        qr = link_qr_svg(student_link(info.code), scale=QR_SCALE)
        st.image(qr, caption=t("room.qr_caption", lang), alt=t("room.qr_alt", lang))

    def entries() -> list[Entry]:  # read on click: the room as it is then
        return latest(lib.room_results(info.code, token), q.qid)

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with st.container(horizontal=True):
        st.download_button(t("room.export_csv", lang), key="room_csv",
                           data=lambda: results_csv(entries(), lang),
                           file_name=f"room-{info.code}.csv", mime="text/csv",
                           icon=":material/table:", on_click="ignore")  # fmt: skip
        st.download_button(t("room.export_xlsx", lang), key="room_xlsx",
                           data=lambda: results_xlsx(entries(), lang),
                           file_name=f"room-{info.code}.xlsx", mime=xlsx,
                           icon=":material/grid_on:", on_click="ignore")  # fmt: skip
        st.button(t("room.another", lang), key="room_another", on_click=_leave,
                  icon=":material/add:")  # fmt: skip
    live_trainer(info.code, token, lang)


def _slots(n: int) -> list:
    """``n`` containers drawn first, so every part of a live screen keeps its place in the page
    whatever the others show: a refresh then replaces each element where it was (a part that
    moved would stand twice on the screen while its refresh runs)."""
    return [st.container() for _ in range(n)]


@st.fragment(run_every=REFRESH_S)
def live_trainer(code: str, token: str, lang: str) -> None:
    """The trainer's live part, rerun every ``REFRESH_S`` seconds on its own."""
    said, counted, notes, controls, predictions, leaders = _slots(6)
    lib = _store()
    if lib is None:
        said.error(t("storage.err.unavailable", lang), icon=":material/cloud_off:")
        return
    try:
        info = lib.room_info(code)
        subs = lib.room_results(code, token)
    except Exception as exc:
        said.error(_refused(exc, lang), icon=":material/block:")
        return
    with said:
        _show_messages()
    q = question_of(info, lang)
    entries = latest(subs, q.qid)
    with counted, st.container(key="room_count"):
        st.caption(t("room.count", lang, students=info.students,
                     predictions=sum(e.prediction is not None for e in entries),
                     plans=sum(e.plan is not None for e in entries))
                   + " · " + t("room.live", lang, seconds=REFRESH_S))  # fmt: skip
    with notes:
        _state_notes(info, lang)
    with controls, st.container(horizontal=True):
        st.button(t("room.reveal", lang), key="room_reveal", type="primary",
                  icon=":material/visibility:", disabled=info.revealed,
                  help=t("room.reveal_help", lang), on_click=_control,
                  args=("reveal", code, token, lang))  # fmt: skip
        st.button(t("room.reset", lang), key="room_reset", icon=":material/restart_alt:",
                  help=t("room.reset_help", lang), on_click=_control,
                  args=("reset", code, token, lang))  # fmt: skip
        if info.closed:
            st.button(t("room.reopen", lang), key="room_reopen", icon=":material/lock_open:",
                      on_click=_control, args=("reopen", code, token, lang))  # fmt: skip
        else:
            st.button(t("room.close", lang), key="room_close", icon=":material/lock:",
                      on_click=_control, args=("close", code, token, lang))  # fmt: skip
    with predictions:
        draw_predictions(entries, q, lang, revealed=info.revealed)
    with leaders:
        draw_board(entries, lang)


def _state_notes(info: RoomInfo, lang: str) -> None:
    if info.closed:
        st.warning(t("room.state_closed", lang), icon=":material/lock:")
    if info.revealed:
        st.info(t("room.state_revealed", lang), icon=":material/visibility:")


# --------------------------------------------------------------------------- the student's view
def _join(code: str, lang: str) -> None:
    lib = _store()
    if lib is None:
        _say("error", t("storage.err.unavailable", lang))
        return
    name = str(st.session_state.get(NAME_FIELD) or "")
    try:
        sid = lib.join(code, name)
    except Exception as exc:
        _say("error", _refused(exc, lang))
        return
    _set_room(code=code, sid=sid)


def _send(code: str, sid: str, payload: str, done: str, lang: str) -> None:
    lib = _store()
    if lib is None:
        _say("error", t("storage.err.unavailable", lang))
        return
    try:
        lib.submit(code, sid, payload)
    except Exception as exc:
        _say("error", _refused(exc, lang))
        return
    _say("success", done)


def _predict(code: str, sid: str, qid: str, lang: str) -> None:
    value = st.session_state.get(PRED_FIELD)
    if value is None:
        _say("error", t("room.need_number", lang))
        return
    from ui.store import PREDICTION_FORMAT

    payload = json.dumps({"format": PREDICTION_FORMAT, "question": qid, "value": float(value)})
    _send(code, sid, payload, t("room.sent_prediction", lang, value=_num(float(value), lang)), lang)


def _send_plan(code: str, sid: str, lang: str) -> None:
    payload = workspace_to_json(workspace.current(lang), state.ranges())
    name = plain(state.name_of(state.PLAN, lang))
    _send(code, sid, payload, t("room.sent_plan", lang, name=name), lang)


def draw_student(lib: Store, info: RoomInfo, lang: str) -> None:
    """Join, then predict and send the plan; once revealed, everyone's results."""
    r = session_room()
    sid = r.get("sid")
    q = question_of(info, lang)
    said = st.container()  # the messages, in one place whatever they are (see ``_slots``)
    mine, name = None, ""
    if sid:
        try:
            name = lib.student_name(info.code, sid)
            mine = lib.my_submissions(info.code, sid)
        except Exception as exc:
            from ui.store import WrongToken

            if isinstance(exc, WrongToken):
                said.warning(t("room.rejoin", lang), icon=":material/person_off:")
                _set_room(code=info.code)
            else:
                said.error(_refused(exc, lang), icon=":material/block:")
                return
            sid = None
    with said:
        _show_messages()
    if not sid:
        st.subheader(t("room.join_title", lang), anchor=False)
        st.text_input(t("room.name", lang), key=NAME_FIELD, persist_state="session",
                      max_chars=MAX_NAME_CHARS,
                      help=t("room.name_help", lang))  # fmt: skip
        st.button(t("room.join_btn", lang), key="room_join", type="primary",
                  icon=":material/login:", on_click=_join, args=(info.code, lang),
                  disabled=info.closed)  # fmt: skip
        return
    assert mine is not None
    with st.container(key="room_me"):
        st.markdown(t("room.joined", lang, name=plain(name)))
        st.caption(t("room.mine", lang, predictions=sum(s.kind == "prediction" for s in mine),
                     plans=sum(s.kind == "plan" for s in mine)))  # fmt: skip
    with st.container(border=True):
        st.number_input(t("room.predict", lang, unit=q.unit), key=PRED_FIELD, value=None,
                        persist_state="session",
                        format="%g", step=1.0)  # fmt: skip
        st.button(t("room.predict_btn", lang), key="room_pred_send", icon=":material/send:",
                  on_click=_predict, args=(info.code, sid, q.qid, lang))  # fmt: skip
    with st.container(border=True):
        st.markdown(f"**{t('room.plan_title', lang)}**")
        st.caption(t("room.plan_help", lang))
        st.caption(t("room.plan_now", lang, base=plain(state.name_of(state.BASELINE, lang)),
                     plan=plain(state.name_of(state.PLAN, lang))))  # fmt: skip
        st.button(t("room.plan_btn", lang), key="room_plan_send", icon=":material/upload:",
                  on_click=_send_plan, args=(info.code, sid, lang))  # fmt: skip
    live_student(info.code, sid, lang)
    st.button(t("room.leave", lang), key="room_leave", on_click=_leave, icon=":material/logout:")


@st.fragment(run_every=STUDENT_REFRESH_S)
def live_student(code: str, sid: str, lang: str) -> None:
    """The student's live part: waiting for the reveal, then everyone's results."""
    said, notes, predictions, leaders = _slots(4)
    lib = _store()
    if lib is None:
        said.error(t("storage.err.unavailable", lang), icon=":material/cloud_off:")
        return
    try:
        info = lib.room_info(code)
        subs = lib.revealed_results(code, sid) if info.revealed else None
    except Exception as exc:
        said.error(_refused(exc, lang), icon=":material/block:")
        return
    with notes:
        _state_notes(info, lang)
        if subs is None:
            st.caption(t("room.waiting", lang))
            return
    q = question_of(info, lang)
    entries = latest(subs, q.qid)
    with predictions:
        draw_predictions(entries, q, lang, revealed=True)
    with leaders:
        draw_board(entries, lang)


# --------------------------------------------------------------------------- the page
def _header(info: RoomInfo, lang: str) -> None:
    q = question_of(info, lang)
    lesson = BY_ID.get(info.topic.partition("/")[0]) if q.step is not None else None
    # a lesson room's title in the reader's language (the stored one is the trainer's)
    title = lesson.title[LANGS.index(lang)] if lesson is not None else plain(info.title)
    st.markdown(f"### {title}")
    with st.container(key="room_code"):
        st.markdown(f"**{t('room.code', lang, code=info.code)}**")
    if q.text:
        st.markdown(f"**{plain(q.text)}**")
    if q.prompt:
        st.caption(q.prompt)
    st.caption(t("room.expires", lang, time=_when(info.expires_at)[:16]))


def draw(lang: str) -> None:
    """The page's body under its title: a room (the trainer's or a student's view), or the forms
    to open one and to join one by its code."""
    r = session_room()
    code = r.get("code")
    if code:
        _write_url()
        lib = _store()
        if lib is None:
            st.error(t("storage.err.unavailable", lang), icon=":material/cloud_off:")
            return
        try:
            info = lib.room_info(code)
        except Exception as exc:
            st.error(_refused(exc, lang), icon=":material/block:")
            _set_room()
            info = None
        if info is not None:
            token = r.get("token")
            if token:
                try:
                    lib.room_results(info.code, token)  # the token checked
                except Exception as exc:
                    st.error(_refused(exc, lang), icon=":material/key_off:")
                    _set_room(code=info.code, sid=r.get("sid"))
                    token = None
            _header(info, lang)
            if token:
                draw_trainer(lib, info, token, lang)
            else:
                draw_student(lib, info, lang)
            return
    _show_messages()
    st.caption(t("room.intro", lang))
    draw_open(lang)
    st.divider()
    draw_join_code(lang)
