"""Session state: the language, the workspace's scenarios and the cached simulation.

The workspace is the baseline, the plan (the scenario the editing pages change) and up to four
saved scenarios, all named. They live in ``st.session_state`` as validated ``Scenario`` objects —
the single source of truth. Widgets are drawn from them and write back through ``set_param`` in
their callbacks, so edits survive page switches and reruns. Widget keys carry a version that is
bumped whenever a scenario is replaced wholesale (preset, reset, swap), so no widget shows a stale
value. Moving a scenario between roles (make it the baseline, edit it as the plan) swaps it with
the one there: nothing in the workspace is ever dropped by it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from simulator import PRESETS, Result, Scenario, load_preset, promotion_report, set_param, simulate
from ui.errors import describe_error
from ui.i18n import LANGS, lang_from_locale, t
from ui.share import MAX_NAME_CHARS, MAX_SCENARIOS

LANG_KEY = "lang"
BASELINE, PLAN = "baseline", "plan"
DEFAULT_PRESET = "mid_store"
SAVED = "saved"
#: Catalogue keys of the names the baseline and the plan go by until the user names them.
ROLE_NAMES = {BASELINE: "side.baseline_name", PLAN: "side.plan_name"}


def role_names(role: str) -> frozenset[str]:
    """The names ``role`` goes by in every language (基线, Baseline)."""
    return frozenset(t(ROLE_NAMES[role], x) for x in LANGS)


#: Those names of both roles: never the name of another scenario (it would read as a role).
RESERVED = role_names(BASELINE) | role_names(PLAN)


@dataclass
class Slot:
    """The baseline or the plan: its preset origin, its data, its widget-key version and its
    name (``None``: the role's own name, 基线 / 方案, in the UI language)."""

    preset: str
    scenario: Scenario
    version: int = 0
    name: str | None = None
    #: Paths whose values were fitted from the shop's data → the file's name (the Calibrate
    #: page); a manual edit of a path drops it, a wholesale replacement drops them all.
    fitted: dict[str, str] = field(default_factory=dict)


def _init() -> None:
    ss = st.session_state
    if BASELINE not in ss:
        ss[BASELINE] = Slot(DEFAULT_PRESET, load_preset(DEFAULT_PRESET))
    if PLAN not in ss:
        ss[PLAN] = Slot(DEFAULT_PRESET, load_preset(DEFAULT_PRESET))
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


EDITING = "editing"


def editing() -> str:
    """Which scenario the editing pages change: the sidebar's radio (``option_key(EDITING)``)."""
    _init()
    key, carried = option_key(EDITING)
    value = st.session_state.get(key, carried)
    return value if value in (PLAN, BASELINE) else PLAN


def lang_key(key: str, lang_: str) -> str:
    """The key of an option widget's instance in one language (see ``option_key``)."""
    return f"{key}@{lang_}"


#: ``option_key``'s "nothing chosen under the other language" (``None`` can be an option).
NOT_CHOSEN: Any = type("NotChosen", (), {"__repr__": lambda self: "NOT_CHOSEN"})()


def option_key(key: str) -> tuple[str, Any]:
    """(the widget key in the UI language, the option chosen under the other language or
    ``NOT_CHOSEN``).

    An option widget (select box, radio, segmented control, pills) sends back the *label* it
    displays, and Streamlit maps it to an option through the labels of the current run. After a
    language switch the browser still holds the old language's label (中级店铺), which the new
    labels (Mid-size store) do not contain: Streamlit then hands the label itself to the app as
    the value — a preset named 中级店铺, a KeyError. Such widgets therefore get one key per
    language, so a label never meets the other language's labels; the caller passes the option
    chosen in the other language (``carried``, a language-free option) as the new widget's
    default, so a switch keeps the user's choice.
    """
    lang_ = lang()
    ss = st.session_state
    carried = NOT_CHOSEN
    for other in LANGS:
        if other != lang_ and lang_key(key, other) in ss:
            carried = ss[lang_key(key, other)]
            break
    return lang_key(key, lang_), carried


def preset_of(sc: Scenario) -> str:
    """The preset ``sc`` was made from when it still equals one (any horizon), else the default."""
    for name in PRESETS:
        dated = set_param(load_preset(name), "start_date", sc.start_date)
        if set_param(dated, "horizon_days", sc.horizon_days) == sc:
            return name
    return DEFAULT_PRESET


def replace(
    which: str,
    scenario: Scenario,
    preset: str | None = None,
    fitted: dict[str, str] | None = None,
) -> None:
    """Replace a scenario wholesale (preset, reset, swap) and refresh its widgets. ``preset``: the
    preset the sidebar shows for it (default: the one it equals, else the default preset);
    ``fitted``: the paths of it fitted from data (default: none)."""
    s = slot(which)
    s.scenario = scenario
    s.preset = preset if preset is not None else preset_of(scenario)
    s.fitted = dict(fitted or {})
    s.version += 1


def apply_fit(which: str, scenario: Scenario, paths: list[str], source: str) -> None:
    """Make ``scenario`` (``which``'s with fitted values at ``paths``) the scenario of ``which``,
    its widgets refreshed, and remember that those paths come from ``source``."""
    s = slot(which)
    kept = {k: v for k, v in s.fitted.items() if k not in paths}
    replace(which, scenario, preset=s.preset, fitted=kept | dict.fromkeys(paths, source))


def update(which: str, path: str, value: Any) -> bool:
    """Set one parameter; on bad input keep the old scenario and queue a message. True if applied."""
    s = slot(which)
    try:
        s.scenario = set_param(s.scenario, path, value)
    except (ValidationError, ValueError) as exc:
        flash(describe_error(exc, lang()))
        s.version += 1  # redraw the widget with the value still in force
        return False
    s.fitted = {k: v for k, v in s.fitted.items() if k != path and not k.startswith(path + ".")}
    return True


@dataclass
class Saved:
    """A named scenario kept beside the baseline and the plan (the Compare page); ``fitted`` as
    in ``Slot``."""

    name: str
    scenario: Scenario
    fitted: dict[str, str] = field(default_factory=dict)


def saved() -> list[Saved]:
    _init()
    return st.session_state[SAVED]


def set_horizon(days: int) -> None:
    """Simulate every scenario of the workspace over ``days`` (the sidebar's one horizon)."""
    for which in (BASELINE, PLAN):
        update(which, "horizon_days", days)
    for kept in saved():
        try:
            kept.scenario = set_param(kept.scenario, "horizon_days", days)
        except (ValidationError, ValueError) as exc:  # said; the other scenarios still move
            flash(describe_error(exc, lang()))


Target = str | int
"""A scenario of the workspace: ``BASELINE``, ``PLAN`` or the index of a saved one."""


def name_of(target: Target, lang: str) -> str:
    """The name ``target`` goes by in ``lang``."""
    if isinstance(target, int):
        return saved()[target].name
    return slot(target).name or t(ROLE_NAMES[target], lang)


def targets() -> list[Target]:
    """Every scenario of the workspace, in order: the baseline, the plan, the saved ones."""
    return [BASELINE, PLAN, *range(len(saved()))]


def scenario_of(target: Target) -> Scenario:
    return saved()[target].scenario if isinstance(target, int) else slot(target).scenario


def _name_problem(name: str, taken: set[str]) -> str | None:
    """The i18n key of what is wrong with ``name`` for a scenario, else None."""
    if not name or len(name) > MAX_NAME_CHARS:
        return "cmp.err.name"
    if name in taken or name in RESERVED:
        return "cmp.err.taken"
    return None


def numbered(name: str, taken: set[str] | frozenset[str]) -> str:
    """``name`` (cut to fit), or ``name 2``, ``name 3`` … while it is in ``taken``."""
    stem = name.strip()[:MAX_NAME_CHARS] or "?"
    out, n = stem, 1
    while out in taken:
        n += 1
        out = f"{stem[: MAX_NAME_CHARS - len(str(n)) - 1]} {n}"
    return out


def unique_name(name: str, lang: str) -> str:
    """``name``, numbered when a scenario of the workspace (or a role) already goes by it."""
    return numbered(name, {name_of(x, lang) for x in targets()} | RESERVED)


def fitted_of(target: Target) -> dict[str, str]:
    """The paths of ``target`` fitted from data (see ``Slot.fitted``)."""
    return saved()[target].fitted if isinstance(target, int) else slot(target).fitted


def save(
    name: str, scenario: Scenario, lang: str, fitted: dict[str, str] | None = None
) -> str | None:
    """Keep ``scenario`` as ``name`` (``fitted``: its paths fitted from data); the i18n key of
    the reason when it cannot be kept."""
    name = name.strip()
    problem = _name_problem(name, {name_of(x, lang) for x in targets()})
    if problem is not None:
        return problem
    if len(saved()) + 2 >= MAX_SCENARIOS:
        return "cmp.err.full"
    saved().append(Saved(name, scenario, dict(fitted or {})))
    return None


def rename(target: Target, name: str, lang: str) -> str | None:
    """Give ``target`` the name ``name``; the i18n key of the reason when it cannot have it. The
    baseline or the plan named as its role (in any language) goes back to the role's name."""
    name = name.strip()
    if name == name_of(target, lang):
        return None
    if not isinstance(target, int) and name in role_names(target):
        slot(target).name = None
        return None
    problem = _name_problem(name, {name_of(x, lang) for x in targets() if x != target})
    if problem is not None:
        return problem
    if isinstance(target, int):
        saved()[target].name = name
    else:
        slot(target).name = name
    return None


def swap(which: str, other: Target, lang: str) -> None:
    """Exchange the scenario of the role ``which`` (``BASELINE`` or ``PLAN``) with ``other`` (the
    other role, or a saved scenario): nothing is dropped. The scenario coming in keeps its name
    (an unnamed one takes the role's); the one leaving keeps its name, or is called
    "原基线" / "Former baseline" (or plan) so the user sees where it went."""
    if other == which:
        return
    s = slot(which)
    leaving, leaving_name = s.scenario, s.name or unique_name(t(f"cmp.former_{which}", lang), lang)
    leaving_fit = s.fitted
    if isinstance(other, int):
        kept = saved()[other]
        s.name = kept.name
        replace(which, kept.scenario, fitted=kept.fitted)
        kept.scenario, kept.name, kept.fitted = leaving, leaving_name, leaving_fit
    else:
        o = slot(other)
        s.name, o.name = o.name, leaving_name
        replace(which, o.scenario, fitted=o.fitted)
        replace(other, leaving, fitted=leaving_fit)


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


def named_results(lang: str) -> dict[str, Result]:
    """Every scenario's result by its name in ``lang``: the baseline first, then the plan and the
    saved ones, each simulated against the baseline as reference (cached)."""
    return {name_of(x, lang): result_of(scenario_of(x)) for x in targets()}


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
