"""The Lessons page (课堂, issue 21): pick a lesson, step through it, predict then reveal.

Every step loads its scenario into the workspace (baseline and plan, one undo step), its reveal
simulates the step's own scenario (``ui.lessons.outcome`` through the cached
``state.simulate_json``: the numbers are the model's, whatever the student did to the plan
since), and the exercise checks the student's own plan (``state.results``). Links:
``?lesson=<id>&step=<n>`` opens a step with its scenario, ``?present=1`` presenter mode
(CONTRACT.md); a bad id or step opens the first lesson or step with a message.
"""

from __future__ import annotations

import streamlit as st

from simulator import Result, Scenario
from ui import router, state
from ui.fmt import (
    fmt_kind,
)
from ui.handout import change_text, condition_text, handout_html, measure_name, step_chart
from ui.i18n import LANGS, t
from ui.lessons import (
    BY_ID,
    LESSONS,
    MEASURE_KINDS,
    Exercise,
    Lesson,
    Step,
    check,
    find,
    outcome,
    reference_plan,
)
from ui.text import plain

LESSON_KEY, STEP_KEY, PRESENT_KEY = "lesson", "step", "present"
#: The session's place: (lesson id, position); the last position is the exercise.
POS = "_lesson_pos"
#: Positions whose answer was revealed: {(lesson id, position)}.
REVEALED = "_lesson_revealed"
#: The presenter-mode toggle (``?present=1`` turns it on once a session).
PRESENT = "lesson_present"
#: The ``(lesson, step)`` of the link last opened (a link opens once; later runs keep it).
OPENED = "_lesson_link"
#: The container whose presence switches on the presenter CSS (assets/layout.css).
PRESENTER_MARK = "presenter_mode"
#: Keys for previous / next: a presentation clicker sends Page Up / Page Down.
PREV_KEY, NEXT_KEY = "PageUp", "PageDown"
#: A step's chart height in presenter mode (pixels; the charts' own is 300).
PRESENTER_CHART_HEIGHT = 440


def _i(lang: str) -> int:
    return LANGS.index(lang)


def position() -> tuple[Lesson, int]:
    """The session's lesson and position (the first lesson's first step by default)."""
    lesson_id, index = st.session_state.get(POS, (LESSONS[0].id, 0))
    lesson = BY_ID.get(lesson_id, LESSONS[0])
    return lesson, min(max(index, 0), lesson.length - 1)


def scenarios_of(lesson: Lesson, index: int) -> tuple[Scenario, Scenario]:
    """(baseline, plan) a position loads: a step's scenario, or the exercise's start."""
    if index < len(lesson.steps):
        step = lesson.steps[index]
        return step.baseline.build(), step.plan.build()
    ex = lesson.exercise
    return ex.baseline.build(), ex.start.build()


def _load(lesson: Lesson, index: int) -> None:
    """Make the position's scenario the workspace's baseline and plan (one undo step)."""
    base, plan = scenarios_of(lesson, index)
    title = lesson.title
    with state.change(lambda lang: t("ls.undo_load", lang, lesson=title[_i(lang)], n=index + 1)):
        state.replace(state.BASELINE, base)
        state.replace(state.PLAN, plan)
        state.set_horizon(plan.horizon_days)  # the saved scenarios follow the one horizon
    st.session_state["horizon"] = plan.horizon_days


def go(lesson_id: str, index: int) -> None:
    """Move to a position, load its scenario and write it in the URL (a reload reopens it)."""
    lesson = BY_ID[lesson_id]
    index = min(max(index, 0), lesson.length - 1)
    st.session_state[POS] = (lesson.id, index)
    _load(lesson, index)
    st.session_state[OPENED] = (lesson.id, str(index))
    st.query_params[LESSON_KEY] = lesson.id
    st.query_params[STEP_KEY] = str(index)


def open_link(lessons_page: st.Page, current: st.Page) -> None:
    """In ``app.py``: a ``?lesson=…&step=…`` link opens that step with its scenario, once; a bad
    lesson or step opens the first one with a message. Another page of the link switches to the
    Lessons page. ``?present=1`` switches presenter mode on, once."""
    params = st.query_params
    if params.get(PRESENT_KEY) == "1" and not st.session_state.get("_present_opened"):
        st.session_state["_present_opened"] = True
        st.session_state[PRESENT] = True
    if LESSON_KEY not in params:
        return
    asked = (params.get(LESSON_KEY, ""), params.get(STEP_KEY, "0"))
    if st.session_state.get(OPENED) == asked:
        return
    st.session_state[OPENED] = asked
    lang = state.lang()
    try:
        lesson, index = find(*asked)
    except KeyError:
        state.note(t("ls.bad_lesson", lang, lesson=plain(asked[0][:40])))
        lesson, index = LESSONS[0], 0
    except IndexError:
        lesson = BY_ID[asked[0]]
        state.note(t("ls.bad_step", lang, step=plain(asked[1][:12]), last=lesson.length - 1))
        index = 0
    st.session_state[POS] = (lesson.id, index)
    _load(lesson, index)
    if current.url_path != lessons_page.url_path:  # a link to another page: open the lesson
        router.switch(lessons_page)


def link_query(lang: str) -> str:
    """The query string of the session's lesson step (the share panel's link on this page)."""
    lesson, index = position()
    query = f"?{LESSON_KEY}={lesson.id}&{STEP_KEY}={index}&lang={lang}"
    return query + (f"&{PRESENT_KEY}=1" if presenting() else "")


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT, False))


# --------------------------------------------------------------------------- results and charts
def step_results(step: Step) -> tuple[Result, Result]:
    """The step's own scenario simulated (cached for all sessions), baseline first."""
    base_json = step.baseline.build().model_dump_json()
    return (
        state.simulate_json(base_json, base_json),
        state.simulate_json(step.plan.build().model_dump_json(), base_json),
    )


# --------------------------------------------------------------------------- drawing
def _nav(lesson: Lesson, index: int, lang: str) -> None:
    """Previous / next as large buttons (the presenter's controls)."""
    with st.container(horizontal=True, key="ls_nav"):
        st.button(t("ls.prev", lang), icon=":material/arrow_back:", key="ls_prev",
                  disabled=index == 0, on_click=go, args=(lesson.id, index - 1), shortcut=PREV_KEY,
                  width="stretch")  # fmt: skip
        st.button(t("ls.next", lang), icon=":material/arrow_forward:", key="ls_next",
                  type="primary", disabled=index >= lesson.length - 1,
                  on_click=go, args=(lesson.id, index + 1), shortcut=NEXT_KEY, width="stretch")  # fmt: skip


def _pick_lesson(lesson: Lesson, lang: str) -> None:
    ids = [x.id for x in LESSONS]
    st.session_state["ls_lesson"] = lesson.id  # follows a link, a step's move

    def changed() -> None:
        go(st.session_state["ls_lesson"], 0)

    st.selectbox(t("ls.pick", lang), options=ids, key="ls_lesson", on_change=changed,
                 format_func=lambda i: f"{ids.index(i) + 1}. {BY_ID[i].title[_i(lang)]}")  # fmt: skip


def _reveal(lesson_id: str, index: int) -> None:
    st.session_state.setdefault(REVEALED, set()).add((lesson_id, index))


def draw_step(lesson: Lesson, index: int, lang: str) -> None:
    """Question, prediction, reveal (the answer, the chart, the takeaway), formula, source."""
    step = lesson.steps[index]
    i = _i(lang)
    st.subheader(step.question[i], anchor=False)
    pick_key = f"ls_pick_{lesson.id}_{index}"
    codes = [f"c{n}" for n in range(len(step.choices))]  # language-free options
    code = st.radio(step.prompt[i], options=codes, index=None,
                    format_func=lambda c: step.choices[codes.index(c)].text[i], key=pick_key,
                    horizontal=True, persist_state="session")  # fmt: skip
    picked = None if code is None else codes.index(code)
    revealed = (lesson.id, index) in st.session_state.get(REVEALED, set())
    if not revealed:
        st.button(t("ls.reveal", lang), icon=":material/visibility:", key="ls_reveal",
                  disabled=picked is None, on_click=_reveal, args=(lesson.id, index),
                  help=t("ls.pick_first", lang))  # fmt: skip
    if revealed:
        base, plan = step_results(step)
        out = outcome(step, base, plan)
        answer = step.choices[out.correct].text[i]
        if picked == out.correct:
            st.success(t("ls.right", lang, answer=answer), icon=":material/check_circle:")
        elif picked is not None:
            st.info(t("ls.wrong", lang, picked=step.choices[picked].text[i], answer=answer),
                    icon=":material/lightbulb:")  # fmt: skip
        b, p = float(base.totals[step.measure]), float(plan.totals[step.measure])
        kind = MEASURE_KINDS[step.measure]
        st.markdown(
            t("ls.result", lang, measure=measure_name(step.measure, lang),
              base=fmt_kind(b, kind, lang), plan=fmt_kind(p, kind, lang),
              change=change_text(step.measure, b, p, lang))
        )  # fmt: skip
        chart = step_chart(step, base.daily, plan.daily, lang)
        if presenting():  # a projector: the chart takes the room's eye
            chart = chart.properties(height=PRESENTER_CHART_HEIGHT)
        st.altair_chart(chart, width="stretch")
        st.markdown(f"**{t('ls.takeaway', lang)}** · {step.takeaway[i]}")
    with st.container(border=True):
        st.markdown(f"**{t('ls.formula', lang)}** · {step.formula[i]}")
        st.caption(t("ls.source", lang, source=step.source[i]))
    if not presenting():
        with st.expander(t("ls.notes", lang), icon=":material/school:"):
            st.markdown(step.notes[i])


def _apply_answer(ex: Exercise) -> None:
    with state.change(lambda lang: t("ls.undo_answer", lang)):
        state.replace(state.BASELINE, ex.baseline.build())
        state.replace(state.PLAN, reference_plan(ex))


def draw_exercise(lesson: Lesson, lang: str) -> None:
    """The task, its targets checked on the student's plan, hints, the reference answer."""
    ex = lesson.exercise
    i = _i(lang)
    st.subheader(f"{t('ls.your_turn', lang)} · {ex.task[i]}", anchor=False)
    base, plan = state.results()
    met = check(ex, base.totals, plan.totals)
    st.markdown(f"**{t('ls.goals', lang)}**")
    for c, ok in zip(ex.conditions, met, strict=True):
        mark = (
            ":green-badge[" + t("ls.met", lang) if ok else ":orange-badge[" + t("ls.not_met", lang)
        )
        st.markdown(f"- {condition_text(c, lang)} {mark}]")
    if all(met):
        st.success(t("ls.passed", lang), icon=":material/celebration:")
    else:
        st.info(t("ls.not_passed", lang), icon=":material/edit:")
    for n, hint in enumerate(ex.hints, start=1):
        with st.expander(t("ls.hint", lang, n=n), icon=":material/lightbulb:"):
            st.markdown(hint[i])
    with st.expander(t("ls.answer", lang), icon=":material/key:"):
        st.markdown(ex.answer_text[i])
        st.button(t("ls.apply_answer", lang), key="ls_apply_answer", on_click=_apply_answer,
                  args=(ex,))  # fmt: skip
    st.button(t("ls.restart", lang), key="ls_restart", icon=":material/restart_alt:",
              on_click=go, args=(lesson.id, lesson.length - 1))  # fmt: skip


def draw(lang: str) -> None:
    """The page's body under its title."""
    lesson, index = position()
    st.session_state.setdefault(PRESENT, False)
    top = st.container(horizontal=True, vertical_alignment="bottom")
    with top:
        _pick_lesson(lesson, lang)
        st.toggle(
            t("ls.presenter", lang),
            key=PRESENT,
            help=t("ls.presenter_help", lang),
            persist_state="session",
        )
        draw_handout(lesson, lang)
    if presenting():
        st.container(key=PRESENTER_MARK).empty()  # switches on the presenter CSS
    else:
        st.caption(t("ls.intro", lang))
    i = _i(lang)
    st.markdown(f"### {lesson.title[i]}")
    st.caption(lesson.summary[i])
    st.progress(
        (index + 1) / lesson.length,
        text=t("ls.step_of", lang, n=index + 1, total=lesson.length)
        + (f" · {t('ls.your_turn', lang)}" if index == len(lesson.steps) else ""),
    )
    if index < len(lesson.steps):
        draw_step(lesson, index, lang)
        if not presenting():
            st.button(t("ls.reload", lang), key="ls_reload", icon=":material/refresh:",
                      on_click=go, args=(lesson.id, index))  # fmt: skip
    else:
        draw_exercise(lesson, lang)
    _nav(lesson, index, lang)


def draw_handout(lesson: Lesson, lang: str) -> None:
    """The lesson's handout as a download (drawn on click: its charts take a moment)."""
    st.download_button(t("ls.handout", lang), data=lambda: handout_html(lesson).encode("utf-8"),
                       file_name=f"lesson-{lesson.id}.html", mime="text/html",
                       icon=":material/print:", key=f"ls_handout_{lesson.id}",
                       help=t("ls.handout_help", lang), on_click="ignore")  # fmt: skip
