"""The shared sidebar: language, the baseline and the plan (presets, which one to edit) and the
horizon of every scenario."""

from __future__ import annotations

import streamlit as st

from simulator import PARAMS, PRESETS, load_preset, set_param
from ui import bands, dates, state, undo
from ui.i18n import LANGS, t


def language_switch() -> str:
    """Segmented control bound to ``?lang=``: a link with ``lang=en`` opens in English.

    The options are shown as the codes themselves: a bound widget puts its *displayed* option in
    the URL, and the contract says ``lang=zh|en``.
    """
    st.sidebar.segmented_control(
        t("side.language", state.lang()),
        options=list(LANGS),
        default=state.default_lang(),
        required=True,
        key=state.LANG_KEY,
        bind="query-params",
    )
    return state.lang()


def _preset_label(lang: str, which: str, *_: object) -> str:
    preset = t(f"preset.{state.slot(which).preset}", lang)
    return t("undo.act.preset", lang, preset=preset, scenario=state.name_of(which, lang))


@state.recording(_preset_label)
def _load(which: str, key: str) -> None:
    name = st.session_state[key]
    if name not in PRESETS:  # never a label (see ``state.option_key``); nothing to load
        return
    horizon = state.slot(which).scenario.horizon_days
    loaded = set_param(load_preset(name), "horizon_days", horizon)
    loaded = set_param(loaded, "start_date", state.slot(which).scenario.start_date)  # one calendar
    state.replace(which, loaded, preset=name)


@state.recording(lambda lang: t("undo.act.reset", lang))
def _reset_plan() -> None:
    base = state.slot(state.BASELINE)
    state.replace(state.PLAN, base.scenario, preset=base.preset, fitted=base.fitted)


def _set_horizon() -> None:
    state.set_horizon(st.session_state["horizon"])


def draw() -> None:
    lang = state.lang()
    sb = st.sidebar
    sb.subheader(t("side.workspace", lang))
    sb.caption(t("side.help", lang))
    undo.draw(sb, lang)
    for which, label in (
        (state.BASELINE, "side.baseline_preset"),
        (state.PLAN, "side.plan_preset"),
    ):
        # The language in the key: a switch must never meet the other language's labels
        # (``state.option_key``); the shown preset always comes from the slot.
        key = f"preset:{which}:{state.slot(which).version}:{lang}"
        sb.selectbox(
            t(label, lang),
            options=list(PRESETS),
            index=list(PRESETS).index(state.slot(which).preset),
            format_func=lambda n: t(f"preset.{n}", lang),
            help=PRESETS[state.slot(which).preset][0 if lang == "zh" else 1],
            key=key,
            on_change=_load,
            args=(which, key),
        )
    key, carried = state.option_key(state.EDITING)
    sb.radio(
        t("side.editing", lang),
        options=[state.PLAN, state.BASELINE],
        index=1 if carried == state.BASELINE else 0,
        format_func=lambda w: t(
            "side.edit_plan" if w == state.PLAN else "side.edit_baseline", lang
        ),
        key=key,
        horizontal=True,
        persist_state="session",  # kept through a run that does not draw the sidebar
    )
    sb.button(
        t("side.reset_plan", lang),
        on_click=_reset_plan,
        icon=":material/restart_alt:",
        width="stretch",
    )
    p = PARAMS["horizon_days"]
    # The slider's value lives in its key alone: opening a link or swapping scenarios sets it.
    st.session_state.setdefault("horizon", state.plan().horizon_days)
    sb.slider(
        t("side.horizon", lang),
        min_value=int(p.lo),
        max_value=int(p.hi),
        step=int(p.step or 1),
        key="horizon",
        on_change=_set_horizon,
    )
    dates.draw_sidebar(sb, lang)  # start date and campaign calendar templates (issue 16)
    draw_ranges(sb, lang)


def draw_ranges(sb, lang: str) -> None:
    """The Monte Carlo's controls (issue 19): ranges on or off, the path count and the seed.
    Their values live in their keys (``state.RANGES_*``), set by a link or a file before they
    are drawn, and kept through runs that do not draw the sidebar."""
    ss = st.session_state
    now = state.ranges()  # a bad value in the keys (never from these widgets) back to default
    ss.setdefault(state.RANGES_ON, now.on)
    if ss.get(state.RANGES_PATHS) not in bands.PATH_CHOICES:
        ss[state.RANGES_PATHS] = now.paths
    if ss.get(state.RANGES_SEED) != now.seed:
        ss[state.RANGES_SEED] = now.seed
    on = sb.toggle(t("band.toggle", lang), key=state.RANGES_ON, help=t("band.toggle_help", lang),
                   persist_state="session")  # fmt: skip
    if not on:
        return
    row = sb.container(horizontal=True)
    row.selectbox(t("band.paths", lang), options=list(bands.PATH_CHOICES), key=state.RANGES_PATHS,
                  format_func=lambda n: f"{n:,}", help=t("band.paths_help", lang,
                                                          n=bands.PATHS_DEFAULT),
                  persist_state="session")  # fmt: skip
    row.number_input(t("band.seed", lang), min_value=0, max_value=bands.SEED_MAX, step=1,
                     key=state.RANGES_SEED, help=t("band.seed_help", lang),
                     persist_state="session")  # fmt: skip
