"""Session state: the language, the workspace's scenarios and the cached simulation.

The workspace is the baseline, the plan (the scenario the editing pages change) and up to four
saved scenarios, all named. They live in ``st.session_state`` as validated ``Scenario`` objects —
the single source of truth. Widgets are drawn from them and write back through ``set_param`` in
their callbacks, so edits survive page switches and reruns. Widget keys carry a version that is
bumped whenever a scenario is replaced wholesale (preset, reset, swap), so no widget shows a stale
value. Moving a scenario between roles (make it the baseline, edit it as the plan) swaps it with
the one there: nothing in the workspace is ever dropped by it.

Undo/redo (``ui.history``): every function here that changes the workspace runs inside
:func:`change`, which pushes a :class:`Snapshot` of the workspace as it was, with what changed in
words, when the workspace differs afterwards. Callers that make one change of several calls (a
preset, Apply on Calibrate, a file imported) wrap them in one :func:`change` (or decorate their
callback with :func:`recording`): nested changes are one step, named by the outermost.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from simulator import (
    PARAMS,
    PRESETS,
    Result,
    Scenario,
    get_param,
    load_preset,
    promotion_report,
    set_param,
    simulate,
    studies,
)
from simulator.uncertainty import Override
from ui import bands
from ui.errors import describe_error
from ui.fmt import fmt_param
from ui.history import History
from ui.i18n import LANGS, lang_from_locale, t
from ui.share import MAX_NAME_CHARS, MAX_SCENARIOS, clean_name

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
    with change(lambda lang: t("undo.act.replace", lang, scenario=name_of(which, lang))):
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
    # a burst of edits of one number joins one undo step (ui.history); a list never does
    key = (which, path) if path in PARAMS and PARAMS[path].kind in ("int", "float") else None
    with change(lambda lang: edit_label(which, path, lang), key=key):
        try:
            s.scenario = set_param(s.scenario, path, value)
        except (ValidationError, ValueError) as exc:
            flash(describe_error(exc, lang()))
            s.version += 1  # redraw the widget with the value still in force
            return False
        s.fitted = {k: v for k, v in s.fitted.items() if k != path and not k.startswith(path + ".")}
    return True


def set_uncertainty(which: str, path: str, override: Override | None) -> bool:
    """Store (None: take back) the uncertainty override of ``path`` in ``which`` (the
    Assumptions page); one undo step. On a bad one keep the old scenario and queue the reason;
    True if applied."""
    s = slot(which)
    label = PARAMS[path].label if path in PARAMS else (lambda _lang: path)
    with change(
        lambda lang: t("as.unc.undo", lang, param=label(lang), scenario=name_of(which, lang))
    ):
        kept = {k: v for k, v in s.scenario.uncertainty.items() if k != path}
        new = kept if override is None else {**kept, path: override}
        try:
            s.scenario = Scenario.model_validate({**s.scenario.model_dump(), "uncertainty": new})
        except (ValidationError, ValueError) as exc:
            flash(describe_error(exc, lang()))
            return False
    return True


def clear_correlations(which: str) -> None:
    """Draw every parameter of ``which`` independently again (the Assumptions page): drop the
    correlations a calibration wrote (``Scenario.correlations``); one undo step."""
    s = slot(which)
    with change(lambda lang: t("as.unc.corr.undo", lang, scenario=name_of(which, lang))):
        s.scenario = s.scenario.model_copy(update={"correlations": {}})


#: Catalogue keys naming the scenario's fields without a registry entry (lists, switches).
_UNREGISTERED = {
    "promotions": "undo.list.promotions",
    "traffic.campaigns": "undo.list.traffic.campaigns",
    "membership.points.review_reward": "mb.review_reward",
    "membership.member_price": "mb.member_price",
    "membership.member_day": "mb.member_day",
    "membership.points": "mb.points",
    "membership.card": "mb.card",
    "membership.stored_value": "mb.stored_value",
    "membership.referral": "mb.referral",
    "membership.outreach": "mb.outreach",
}  # fmt: skip


def edit_label(which: str, path: str, lang: str) -> str:
    """An edit of ``path`` of ``which`` in words, with the value it has now ("set AOV to ¥120")."""
    scenario = name_of(which, lang)
    p = PARAMS.get(path)
    value = get_param(slot(which).scenario, path)
    if p is None:  # no registry entry: a list (promotions, campaigns) or a scheme's switch
        what = _UNREGISTERED.get(path) or _UNREGISTERED.get(path.rsplit(".", 1)[0])
        if isinstance(value, bool):
            return t("undo.act.on" if value else "undo.act.off", lang,
                     what=t(what or "undo.a_setting", lang), scenario=scenario)  # fmt: skip
        return t("undo.act.list", lang, what=t(what or "undo.a_setting", lang), scenario=scenario)
    if p.kind in ("int", "float") and isinstance(value, int | float):
        shown = fmt_param(value, p.unit, lang)
        return t("undo.act.set", lang, param=p.label(lang), value=shown, scenario=scenario)
    return t("undo.act.edit", lang, param=p.label(lang), scenario=scenario)


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
    with change(lambda lang: t("undo.act.horizon", lang, days=days)):
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
    stem = clean_name(name)[:MAX_NAME_CHARS] or "?"
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
    name = clean_name(name)
    problem = _name_problem(name, {name_of(x, lang) for x in targets()})
    if problem is not None:
        return problem
    if len(saved()) + 2 >= MAX_SCENARIOS:
        return "cmp.err.full"
    with change(lambda lang: t("undo.act.save", lang, name=name)):
        saved().append(Saved(name, scenario, dict(fitted or {})))
    return None


def delete(index: int) -> None:
    """Drop the saved scenario ``index`` (undo brings it back)."""
    gone = saved()[index].name
    with change(lambda lang: t("undo.act.delete", lang, name=gone)):
        del saved()[index]


def rename(target: Target, name: str, lang: str) -> str | None:
    """Give ``target`` the name ``name``; the i18n key of the reason when it cannot have it. The
    baseline or the plan named as its role (in any language) goes back to the role's name."""
    name = clean_name(name)
    if name == name_of(target, lang):
        return None
    old = {x: name_of(target, x) for x in LANGS}
    described = change(lambda x: t("undo.act.rename", x, old=old[x], name=name_of(target, x)))
    if not isinstance(target, int) and name in role_names(target):
        with described:
            slot(target).name = None
        return None
    problem = _name_problem(name, {name_of(x, lang) for x in targets() if x != target})
    if problem is not None:
        return problem
    with described:
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
    with change(lambda x: t(f"undo.act.to_{which}", x, name=name_of(which, x))):
        s = slot(which)
        leaving = s.scenario
        leaving_name = s.name or unique_name(t(f"cmp.former_{which}", lang), lang)
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


# --------------------------------------------------------------------------- undo / redo
HISTORY = "_history"
#: Depth of the :func:`change` blocks open in this session (only the outermost records).
_DEPTH = "_change_depth"
#: What a change was: a function of the language (called after the change), or texts by language.
Describe = Callable[[str], str] | Mapping[str, str]


@dataclass(frozen=True)
class Kept:
    """One scenario of a :class:`Snapshot`: its name, data, fitted paths and (baseline and plan
    only) the preset the sidebar shows for it. Scenarios are immutable: kept by reference."""

    name: str | None
    scenario: Scenario
    fitted: tuple[tuple[str, str], ...]
    preset: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """The whole workspace at one moment: the baseline, the plan and the saved scenarios (their
    names, data, presets and fitted marks; the horizon is in every scenario)."""

    baseline: Kept
    plan: Kept
    saved: tuple[Kept, ...]


def history() -> History[Snapshot]:
    """This session's undo history (``ui.history``)."""
    return st.session_state.setdefault(HISTORY, History())


def snapshot() -> Snapshot:
    """The workspace as it is now."""

    def role(which: str) -> Kept:
        s = slot(which)
        return Kept(s.name, s.scenario, tuple(s.fitted.items()), s.preset)

    return Snapshot(
        role(BASELINE),
        role(PLAN),
        tuple(Kept(k.name, k.scenario, tuple(k.fitted.items())) for k in saved()),
    )


def restore(snap: Snapshot) -> None:
    """Make ``snap`` the workspace, every widget redrawn with its values (the sidebar's horizon
    too); not recorded itself."""
    for which, kept in ((BASELINE, snap.baseline), (PLAN, snap.plan)):
        s = slot(which)
        s.name, s.scenario, s.fitted = kept.name, kept.scenario, dict(kept.fitted)
        s.preset = kept.preset or preset_of(kept.scenario)
        s.version += 1
    saved()[:] = [Saved(k.name or "?", k.scenario, dict(k.fitted)) for k in snap.saved]
    st.session_state["horizon"] = snap.plan.scenario.horizon_days


@contextmanager
def change(describe: Describe, key: Hashable | None = None) -> Iterator[None]:
    """Around a change of the workspace: when it differs afterwards, push the workspace as it
    was to the undo history, described by ``describe`` (called after the change, in each
    language) and redo is cleared. ``key``: the parameter edited, so a burst of edits of it is
    one step (``ui.history``). Inside another ``change`` it records nothing itself."""
    ss = st.session_state
    if ss.get(_DEPTH, 0):
        ss[_DEPTH] += 1
        try:
            yield
        finally:
            ss[_DEPTH] -= 1
        return
    before = snapshot()
    ss[_DEPTH] = 1
    try:
        yield
    finally:
        ss[_DEPTH] = 0
    after = snapshot()
    if after != before:
        history().push(before, _labels(describe), key=key, after=after)


def _labels(describe: Describe) -> dict[str, str]:
    """What a change was, in every language; a label that fails is logged, and the step is
    still kept under a plain name (a wording bug must not cost the user the change)."""
    if not callable(describe):
        return {x: describe[x] for x in LANGS}
    try:
        return {x: describe(x) for x in LANGS}
    except Exception:
        logging.getLogger("shop_whatif").exception("undo label failed")
        return {x: t("undo.a_change", x) for x in LANGS}


F = TypeVar("F", bound=Callable[..., Any])


def recording(describe: Callable[..., str], *, before: bool = False) -> Callable[[F], F]:
    """Decorate a callback that changes the workspace: its whole effect is one undo step, called
    ``describe(lang, *args, **kwargs)`` (evaluated after the change, or ``before`` it when the
    change removes what it names)."""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def inner(*args: Any, **kwargs: Any) -> Any:
            said: Describe = lambda lang: describe(lang, *args, **kwargs)  # noqa: E731
            if before:
                said = {x: describe(x, *args, **kwargs) for x in LANGS}
            with change(said):
                return fn(*args, **kwargs)

        return inner  # type: ignore[return-value]

    return wrap


def undo() -> str | None:
    """Take back the newest change; what it was (in the UI language), else None."""
    h = history()
    label = h.undo_label(lang())
    snap = h.undo(snapshot())
    if snap is None:
        return None
    restore(snap)
    return label


def redo() -> str | None:
    """Make the newest undone change again; what it was (in the UI language), else None."""
    h = history()
    label = h.redo_label(lang())
    snap = h.redo(snapshot())
    if snap is None:
        return None
    restore(snap)
    return label


def forget_upload(file: Any) -> None:
    """Drop a refused upload's bytes from Streamlit's uploaded-file store (they would stay there
    for the session's life: two refused 100 MB files kept +200 MB); defensive, the store is
    Streamlit's own. The caller replaces the uploader (a new key) and may release memory."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is not None and getattr(file, "file_id", None):
            ctx.uploaded_file_mgr.remove_file(ctx.session_id, file.file_id)
    except Exception:  # never let housekeeping break the page
        logging.getLogger("shop_whatif").debug("could not drop a refused upload", exc_info=True)


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


# A result is kept once for all sessions and handed out without a copy (st.cache_resource):
# st.cache_data pickled and unpickled every Result (a 99-column daily frame and more) on every
# hit, on every rerun (issue 18). Callers get their own frames over the same data (``_own``),
# so one that adds a column to ``daily`` cannot change what another session sees.
@st.cache_resource(max_entries=64, show_spinner=False)
def _simulate_json(plan_json: str, reference_json: str) -> Result:
    return simulate(
        Scenario.model_validate_json(plan_json),
        reference=Scenario.model_validate_json(reference_json),
    )


def _own(result: Result) -> Result:
    """``result`` with frames and totals of its own over the cached data (copy-on-write frames:
    O(columns), no data copied)."""
    return dataclasses.replace(
        result,
        daily=result.daily.copy(deep=False),
        channels=result.channels.copy(deep=False),
        totals=dict(result.totals),
        promotion_costs=dict(result.promotion_costs),
    )


def simulate_json(plan_json: str, reference_json: str) -> Result:
    """The plan (a scenario's JSON) simulated against the reference (cached for all sessions)."""
    return _own(_simulate_json(plan_json, reference_json))


def result_of(scenario: Scenario) -> Result:
    """``scenario`` simulated against the baseline as reference (cached)."""
    ref_json = baseline().model_dump_json()
    return simulate_json(scenario.model_dump_json(), ref_json)


def named_jobs(lang: str) -> dict[str, tuple[str, str]]:
    """Every scenario's (plan JSON, reference JSON) by its name in ``lang``, in the order of
    ``named_results``: what ``simulate_json`` needs, read now and simulated later (on click)."""
    ref_json = baseline().model_dump_json()
    return {name_of(x, lang): (scenario_of(x).model_dump_json(), ref_json) for x in targets()}


def named_results(lang: str) -> dict[str, Result]:
    """Every scenario's result by its name in ``lang``: the baseline first, then the plan and the
    saved ones, each simulated against the baseline as reference (cached)."""
    return {name: simulate_json(*job) for name, job in named_jobs(lang).items()}


def results() -> tuple[Result, Result]:
    """(baseline result, plan result); the plan is simulated against the baseline as reference."""
    base, pl = baseline(), plan()
    ref_json = base.model_dump_json()
    return simulate_json(ref_json, ref_json), simulate_json(pl.model_dump_json(), ref_json)


# --- issue 19: ranges (the Monte Carlo over paths of parameter draws, ui.bands) ---
#: Session keys of the sidebar's range controls (bound widgets, kept through runs that do not
#: draw the sidebar): shown or not, the path count, the seed.
RANGES_ON, RANGES_PATHS, RANGES_SEED = "ranges_on", "ranges_paths", "ranges_seed"


def ranges() -> bands.Ranges:
    """The session's range settings (the sidebar's controls; defaults until touched)."""
    ss = st.session_state
    got, _ = bands.parse(
        bool(ss.get(RANGES_ON, bands.DEFAULT.on)),
        ss.get(RANGES_PATHS, bands.DEFAULT.paths),
        ss.get(RANGES_SEED, bands.DEFAULT.seed),
    )
    return got


def set_ranges(r: bands.Ranges) -> None:
    """Make ``r`` the session's range settings (a link or a file opened); the sidebar's
    controls show them."""
    ss = st.session_state
    ss[RANGES_ON], ss[RANGES_PATHS], ss[RANGES_SEED] = r.on, r.paths, r.seed


#: Monte Carlo results kept for all sessions, newest last: (plan JSON, reference JSON, paths,
#: seed) → Result. Kept by hand rather than with ``st.cache_resource``: a cached function's
#: ``st.*`` calls are recorded and replayed on every hit, and the progress bar a long run
#: updates must neither replay nor show on a hit. Like ``_simulate_json`` a result is handed
#: out without a copy (``_own`` gives callers frames of their own). Each holds
#: ``len(montecarlo.BAND_COLUMNS)`` × paths × days floats: 0.8 MB at 32 paths × 180 days, 51 MB
#: at 1,024 × 365. At most ``MC_CACHE_SIZE`` results and ``MC_CACHE_BYTES`` of paths are kept
#: (the oldest go first; [ASSUMPTION] 256 MB: a tenth of what the worker's jobs may take).
MC_CACHE_SIZE = 24
MC_CACHE_BYTES = 256 * 1024**2
_MC: OrderedDict[tuple[str, str, int, int], Result] = OrderedDict()
_MC_LOCK = threading.Lock()


def mc_cached(plan_json: str, reference_json: str, paths: int, seed: int) -> Result | None:
    """The kept Monte Carlo of the plan against the reference, else None."""
    key = (plan_json, reference_json, paths, seed)
    with _MC_LOCK:
        if key in _MC:
            _MC.move_to_end(key)
            return _MC[key]
    return None


def simulate_mc(
    plan_json: str,
    reference_json: str,
    paths: int,
    seed: int,
    progress: Callable[[float], None] | None = None,
) -> Result:
    """The plan simulated against the reference over ``paths`` paths of draws with ``seed``
    (``simulate(..., paths=, seed=)``; its ``daily``/``totals`` are the deterministic run),
    kept for all sessions (``MC_CACHE_SIZE``)."""
    hit = mc_cached(plan_json, reference_json, paths, seed)
    if hit is not None:
        return _own(hit)
    plan_sc = Scenario.model_validate_json(plan_json)
    ref = plan_sc if plan_json == reference_json else Scenario.model_validate_json(reference_json)
    result = simulate(plan_sc, reference=ref, paths=paths, seed=seed, progress=progress)
    with _MC_LOCK:
        _MC[(plan_json, reference_json, paths, seed)] = result
        while len(_MC) > 1 and (
            len(_MC) > MC_CACHE_SIZE or sum(map(_mc_bytes, _MC.values())) > MC_CACHE_BYTES
        ):
            _MC.popitem(last=False)
    return _own(result)


def _mc_bytes(result: Result) -> int:
    """What a kept Monte Carlo holds beyond its deterministic run: its paths' daily arrays and
    its draws."""
    held = sum(a.nbytes for a in result.path_daily.values())
    return held + (0 if result.draws is None else int(result.draws.memory_usage().sum()))


def clear_mc() -> None:
    """Forget every kept Monte Carlo (tests)."""
    with _MC_LOCK:
        _MC.clear()


def mc_jobs(jobs: Mapping[str, tuple[str, str]], r: bands.Ranges) -> dict[str, Result]:
    """Every named job's Monte Carlo under ``r``; when the paths still to run exceed
    ``bands.PROGRESS_FROM`` a progress bar shows how far they are (``st.progress``, through
    ``simulate``'s ``progress`` callback), removed once done."""
    todo = [n for n, job in jobs.items() if mc_cached(*job, r.paths, r.seed) is None]
    total = len(todo) * r.paths
    bar = None
    if total > bands.PROGRESS_FROM:
        bar = st.progress(0.0, text=t("band.progress", lang(), paths=r.paths, n=len(todo)))
    out: dict[str, Result] = {}
    done = 0
    for name, job in jobs.items():
        cb = None
        if bar is not None and name in todo:
            base_done = done

            def cb(share: float, base_done: int = base_done) -> None:
                frac = min(1.0, (base_done + share * r.paths) / total)
                bar.progress(frac, text=t("band.progress", lang(), paths=r.paths, n=len(todo)))

        out[name] = simulate_mc(*job, r.paths, r.seed, progress=cb)
        if name in todo:
            done += r.paths
    if bar is not None:
        bar.empty()
    return out


def mc_results() -> tuple[Result, Result] | None:
    """(baseline, plan) over the session's paths (see ``results``), or None when ranges are
    off or one path is asked for (then the app is as without ranges)."""
    r = ranges()
    if not r.active:
        return None
    ref_json = baseline().model_dump_json()
    got = mc_jobs({BASELINE: (ref_json, ref_json), PLAN: (plan().model_dump_json(), ref_json)}, r)
    return got[BASELINE], got[PLAN]


def named_mc(lang: str) -> dict[str, Result] | None:
    """Every scenario's Monte Carlo by its name in ``lang`` (``named_results``' order), or None
    when ranges are off."""
    r = ranges()
    return mc_jobs(named_jobs(lang), r) if r.active else None


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


# --- issue 18: studies the pages show beside the results (simulator.studies), cached like them ---
@st.cache_data(max_entries=64, show_spinner=False)
def campaign_case(
    plan_preset: str, reference_preset: str, *, extra_agents: int, extra_capacity: float
) -> studies.CampaignCase:
    """Preset ``plan_preset`` against ``reference_preset`` with extra campaign agents and
    warehouse capacity (``studies.campaign_case``)."""
    return studies.campaign_case(
        plan=load_preset(plan_preset),
        reference=load_preset(reference_preset),
        extra_agents=extra_agents,
        extra_capacity=extra_capacity,
    )


@st.cache_data(show_spinner=False)
def adequate_campaign(plan_preset: str, reference_preset: str) -> tuple[int, float]:
    """Extra agents and capacity that make preset ``plan_preset``'s campaign adequate
    (``studies.adequate_campaign``)."""
    return studies.adequate_campaign(
        plan=load_preset(plan_preset), reference=load_preset(reference_preset)
    )


@st.cache_data(show_spinner=False)
def store_stage(preset: str) -> studies.StoreStage:
    """V6 figures of a store-stage preset (``studies.store_stage``)."""
    return studies.store_stage(scenario=load_preset(preset))
