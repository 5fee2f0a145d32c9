"""Calendar dates in the UI: the start-date input and the campaign calendar templates in the
sidebar, the promotion builder's date range, and windows in words ("11月11日–11月14日(第30–33天)").

The model keeps day offsets (``start_day``/``end_day``, 0-based); ``Scenario.start_date`` dates
day 0 and every scenario of the workspace shares it (the sidebar sets them all, like the
horizon). Dates are written here in the user's language with fixed month names, never the
server's locale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from pydantic import ValidationError

from simulator import set_param
from simulator.calendar import (
    EVENTS,
    OutsideHorizon,
    apply_template,
    date_of,
    day_of,
    next_occurrence,
)
from simulator.scenario import FIRST_START_DATE, LAST_START_DATE
from ui import state
from ui.datefmt import fmt_date, fmt_dates, preheat_text, window_text
from ui.errors import describe_error
from ui.i18n import t

__all__ = ["fmt_date", "fmt_dates", "preheat_text", "window_text"]  # re-exported for pages

#: The sidebar's selectbox of campaign templates.
TEMPLATE_KEY = "dt_template"


def event_name(key: str, lang: str) -> str:
    return t(f"dt.ev.{key}", lang)


# --------------------------------------------------------------------------- start date
def set_start_date(value: dt.date) -> None:
    """Date every scenario of the workspace from ``value`` (one calendar, like one horizon)."""
    for which in (state.BASELINE, state.PLAN):
        state.update(which, "start_date", value)
    for kept in state.saved():
        try:
            kept.scenario = set_param(kept.scenario, "start_date", value)
        except (ValidationError, ValueError) as exc:  # said; the other scenarios still move
            state.flash(describe_error(exc, state.lang()))


def _start_changed(key: str) -> None:
    value = st.session_state.get(key)
    if isinstance(value, dt.date):
        set_start_date(value)


def start_key() -> str:
    """The start-date input's key: it follows the plan's date, so a link, a preset or an undo that
    changes the date redraws the input with it."""
    return f"start_date:{state.plan().start_date.isoformat()}"


def start_date_input(container: Any, lang: str) -> None:
    plan = state.plan()
    key = start_key()
    container.date_input(
        t("dt.start", lang),
        value=plan.start_date,
        min_value=FIRST_START_DATE,
        max_value=LAST_START_DATE,
        key=key,
        help=t("dt.start_help", lang),
        format="YYYY-MM-DD",
        on_change=_start_changed,
        args=(key,),
    )
    end = date_of(plan.start_date, plan.horizon_days - 1)
    container.caption(t("dt.horizon_to", lang, date=fmt_date(end, lang, year=True)))


# --------------------------------------------------------------------------- templates
def template_status(key: str, lang: str) -> tuple[bool, str]:
    """(applicable, what the template does to the plan, in words)."""
    plan = state.plan()
    name = event_name(key, lang)
    try:
        occ = next_occurrence(key, plan.start_date, plan.horizon_days)
    except OutsideHorizon as exc:
        end = fmt_date(exc.horizon_end, lang, year=True)
        if exc.first_date is None or exc.last_date is None:
            year = plan.start_date.year + 1
            return False, t("dt.tpl.unknown", lang, name=name, year=year)
        dates = fmt_dates(exc.first_date, exc.last_date, lang, year=True)
        return False, t("dt.tpl.outside", lang, name=name, dates=dates, end=end)
    window = window_text(plan.start_date, occ.first_day, occ.last_day, lang)
    m = f"{occ.event.traffic_multiple:g}"
    return True, t("dt.tpl.next", lang, window=window, p=occ.preheat_days, m=m)


def _apply(key: str) -> None:
    lang = state.lang()
    ok, text = template_status(key, lang)
    if not ok:
        state.flash(text)
        return
    plan = state.plan()
    try:
        new = apply_template(plan, key)
    except (ValidationError, ValueError) as exc:
        state.flash(describe_error(exc, lang))
        return
    slot = state.slot(state.PLAN)
    state.replace(state.PLAN, new, preset=slot.preset, fitted=slot.fitted)
    p = new.promotions[0]
    window = window_text(new.start_date, p.start_day, p.end_day, lang)
    state.note(t("dt.tpl.applied", lang, name=event_name(key, lang), window=window,
                 n=len(new.promotions)))  # fmt: skip


def template_panel(container: Any, lang: str) -> None:
    """The e-commerce calendar: pick a festival, see its next dates and source, apply it."""
    with container.expander(t("dt.tpl.title", lang), icon=":material/event:"):
        widget_key, carried = state.option_key(TEMPLATE_KEY)  # one key per language
        key = st.selectbox(
            t("dt.tpl.pick", lang),
            options=list(EVENTS),
            index=list(EVENTS).index(carried) if carried in EVENTS else 0,
            format_func=lambda k: event_name(k, lang),
            key=widget_key,
            help=t("dt.tpl.help", lang),
            persist_state="session",
        )
        ok, text = template_status(key, lang)
        (st.caption if ok else st.warning)(text)
        event = EVENTS[key]
        st.caption(t("dt.tpl.source", lang, prov=t(f"prov.{event.provenance}", lang),
                     text=t(f"dt.src.{key}", lang)))  # fmt: skip
        st.button(
            t("dt.tpl.apply", lang),
            key="dt_apply",
            icon=":material/event_available:",
            on_click=_apply,
            args=(key,),
            width="stretch",
        )


def draw_sidebar(container: Any, lang: str) -> None:
    """The sidebar's calendar: the start date, then the campaign templates."""
    start_date_input(container, lang)
    template_panel(container, lang)


# --------------------------------------------------------------------------- date ranges
def _bounds(start: dt.date, horizon: int) -> tuple[dt.date, dt.date]:
    return start, date_of(start, horizon - 1)


def _clamp(key: str, lo: dt.date, hi: dt.date) -> None:
    """Keep a kept range inside a calendar that moved since (a later start, a shorter horizon):
    Streamlit refuses a date input whose state lies outside its bounds."""
    value = st.session_state.get(key)
    if isinstance(value, tuple | list) and all(isinstance(v, dt.date) for v in value):
        st.session_state[key] = tuple(min(max(v, lo), hi) for v in value)
    elif value is not None:
        del st.session_state[key]


def date_range_input(
    key: str, start: dt.date, horizon: int, default: tuple[int, int], *, label: str, lang: str
) -> None:
    """A (first, last) calendar range within the horizon, for a window of days; read it back
    with ``range_days``. ``default``: the day offsets shown first."""
    lo, hi = _bounds(start, horizon)
    _clamp(key, lo, hi)
    a = min(max(default[0], 0), horizon - 1)
    b = min(max(default[1], a), horizon - 1)
    st.date_input(
        label,
        value=(date_of(start, a), date_of(start, b)),
        min_value=lo,
        max_value=hi,
        key=key,
        help=t("dt.range_help", lang),
        format="YYYY-MM-DD",
        persist_state="session",
    )


def range_days(key: str, start: dt.date) -> tuple[int | None, int | None]:
    """The (first, last) day offsets of the range in ``key`` (a one-date pick is a one-day
    window; nothing picked: ``(None, None)``, which the model refuses with its message)."""
    value = st.session_state.get(key)
    if not isinstance(value, tuple | list):
        value = (value,) if isinstance(value, dt.date) else ()
    picked = [v for v in value if isinstance(v, dt.date)]
    if not picked:
        return None, None
    return day_of(start, picked[0]), day_of(start, picked[-1])
