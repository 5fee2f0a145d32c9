"""Session state: the language, the two scenarios (baseline and plan) and the cached simulation.

The scenarios live in ``st.session_state`` as validated ``Scenario`` objects — the single source of
truth. Widgets are drawn from them and write back through ``set_param`` in their callbacks, so edits
survive page switches and reruns. Widget keys carry a version that is bumped whenever a scenario is
replaced wholesale (preset, reset), so no widget shows a stale value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from simulator import Result, Scenario, load_preset, promotion_report, set_param, simulate
from ui.errors import describe_error
from ui.i18n import LANGS, lang_from_locale

LANG_KEY = "lang"
BASELINE, PLAN = "baseline", "plan"
DEFAULT_PRESET = "mid_store"
SAVED = "saved"
#: Scenarios a workspace holds: the baseline, the plan and up to four saved ones.
MAX_SCENARIOS = 6


@dataclass
class Slot:
    """One scenario of the session: its preset origin, its data and its widget-key version."""

    preset: str
    scenario: Scenario
    version: int = 0


def _init() -> None:
    ss = st.session_state
    if BASELINE not in ss:
        ss[BASELINE] = Slot(DEFAULT_PRESET, load_preset(DEFAULT_PRESET))
    if PLAN not in ss:
        ss[PLAN] = Slot(DEFAULT_PRESET, load_preset(DEFAULT_PRESET))
    ss.setdefault("editing", PLAN)
    ss.setdefault("flash", [])
    ss.setdefault(SAVED, [])
    ss.setdefault("notes", [])


def default_lang() -> str:
    try:
        return lang_from_locale(st.context.locale)
    except Exception:  # no browser context (tests, bare mode)
        return lang_from_locale(None)


def lang() -> str:
    """The UI language: the bound ``lang`` widget (``?lang=``), else the browser locale, else zh."""
    value = st.session_state.get(LANG_KEY)
    return value if value in LANGS else default_lang()


def slot(which: str) -> Slot:
    _init()
    return st.session_state[which]


def baseline() -> Scenario:
    return slot(BASELINE).scenario


def plan() -> Scenario:
    return slot(PLAN).scenario


def editing() -> str:
    _init()
    return st.session_state["editing"]


def replace(which: str, scenario: Scenario, preset: str | None = None) -> None:
    """Replace a scenario wholesale (preset, reset) and refresh its widgets."""
    s = slot(which)
    s.scenario = scenario
    if preset is not None:
        s.preset = preset
    s.version += 1


def update(which: str, path: str, value: Any) -> bool:
    """Set one parameter; on bad input keep the old scenario and queue a message. True if applied."""
    s = slot(which)
    try:
        s.scenario = set_param(s.scenario, path, value)
    except (ValidationError, ValueError) as exc:
        flash(describe_error(exc, lang()))
        s.version += 1  # redraw the widget with the value still in force
        return False
    return True


@dataclass
class Saved:
    """A named scenario kept beside the baseline and the plan (the Compare page)."""

    name: str
    scenario: Scenario


def saved() -> list[Saved]:
    _init()
    return st.session_state[SAVED]


def save(name: str, scenario: Scenario, reserved: frozenset[str] = frozenset()) -> str | None:
    """Keep ``scenario`` as ``name``; the i18n key of the reason when it cannot be kept.
    ``reserved``: names in use besides the saved ones (the baseline's and the plan's)."""
    name = name.strip()
    taken = {s.name for s in saved()} | reserved
    if not name or len(name) > 40:
        return "cmp.err.name"
    if name in taken:
        return "cmp.err.taken"
    if len(saved()) + 2 >= MAX_SCENARIOS:
        return "cmp.err.full"
    saved().append(Saved(name, scenario))
    return None


def flash(message: str) -> None:
    """Queue an error message for the next draw of the page (shown once)."""
    _init()
    st.session_state["flash"].append(message)


def note(message: str) -> None:
    """Queue a notice (not an error) for the next draw of the page (shown once)."""
    _init()
    st.session_state["notes"].append(message)


def take_notes() -> list[str]:
    _init()
    messages = list(st.session_state["notes"])
    st.session_state["notes"].clear()
    return messages


def take_flash() -> list[str]:
    _init()
    messages = list(st.session_state["flash"])
    st.session_state["flash"].clear()
    return messages


@st.cache_data(max_entries=64, show_spinner=False)
def _simulate_json(plan_json: str, reference_json: str) -> Result:
    return simulate(
        Scenario.model_validate_json(plan_json),
        reference=Scenario.model_validate_json(reference_json),
    )


def result_of(scenario: Scenario) -> Result:
    """``scenario`` simulated against the baseline as reference (cached)."""
    ref_json = baseline().model_dump_json()
    return _simulate_json(scenario.model_dump_json(), ref_json)


def results() -> tuple[Result, Result]:
    """(baseline result, plan result); the plan is simulated against the baseline as reference."""
    base, pl = baseline(), plan()
    ref_json = base.model_dump_json()
    return _simulate_json(ref_json, ref_json), _simulate_json(pl.model_dump_json(), ref_json)


@st.cache_data(max_entries=32, show_spinner=False)
def _report_json(plan_json: str, reference_json: str) -> pd.DataFrame:
    return promotion_report(
        Scenario.model_validate_json(plan_json),
        reference=Scenario.model_validate_json(reference_json),
    )


def promotions_report(which: str) -> pd.DataFrame:
    """``promotion_report`` of scenario ``which`` against the baseline: per promotion its cost,
    incremental GMV, orders and profit, and ROI (each promotion removed in turn)."""
    ref_json = baseline().model_dump_json()
    return _report_json(slot(which).scenario.model_dump_json(), ref_json)
