"""The Assumptions page's uncertainty section: how sure each parameter is, and the user's ranges.

For the scenario being edited (the sidebar's choice), every parameter's spec
(``simulator.uncertainty.scenario_spec``): its distribution in words, P10, P50 and P90 in the
parameter's unit, and why (a provenance, or why it is fixed: a decision, the shop's own books,
an identity). Below the table the user picks a parameter and sets its P10 and P90, or fixes it,
or takes back the default: an override stored in the scenario (``Scenario.uncertainty``), one
undo step (``state.set_uncertainty``), refused in words when it is out of range.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from simulator import PARAMS, Scenario
from simulator.uncertainty import PAIR, Override, Spec, quantiles, scenario_spec
from ui import state
from ui.fmt import fmt_param, unit_label
from ui.i18n import t
from ui.text import plain

#: The editor's three choices (catalogue ``as.unc.mode.*``).
MODES = ("default", "fixed", "range")
#: The table's columns (catalogue ``as.unc.col.*``).
COLS = ("param", "unit", "dist", "p10", "p50", "p90", "why", "set")
#: Parameters a user may give a range: the numbers (a choice has no range).
EDITABLE = tuple(path for path, p in PARAMS.items() if p.kind in ("int", "float"))


def _scale(path: str) -> float:
    """Screen units: a fraction in percent, like the number boxes (ui.widgets)."""
    return 100.0 if PARAMS[path].unit == "fraction" else 1.0


def distribution_text(spec: Spec, path: str, lang: str) -> str:
    """The spec's family and its spread in words, numbers in the parameter's unit."""
    unit = PARAMS[path].unit
    p = spec.params
    if spec.family == "beta":
        return t("as.unc.fam.beta", lang, k=f"{p[0] + p[1]:,.0f}")
    if spec.family == "lognormal":
        return t("as.unc.fam.lognormal", lang, s=f"{p[1]:.2f}")
    if spec.family == "normal":
        return t("as.unc.fam.normal", lang, sd=fmt_param(p[1], unit, lang))
    if spec.family == "triangular":
        a, c, b = (fmt_param(x, unit, lang) for x in p)
        return t("as.unc.fam.triangular", lang, a=a, c=c, b=b)
    if spec.family == "uniform":
        a, b = (fmt_param(x, unit, lang) for x in p)
        return t("as.unc.fam.uniform", lang, a=a, b=b)
    return t("as.unc.fam.fixed", lang)


def table(which: str, lang: str) -> pd.DataFrame:
    """One row per parameter of scenario ``which``: distribution, P10/P50/P90, why."""
    return _table(state.slot(which).scenario.model_dump_json(), lang)


@st.cache_data(max_entries=16, show_spinner=False)
def _table(scenario_json: str, lang: str) -> pd.DataFrame:
    """:func:`table` of a scenario, cached on it: its 184 specs and their quantiles take about
    150 ms, and every rerun of the Assumptions page draws the table."""
    sc = Scenario.model_validate_json(scenario_json)
    rows = []
    for path, p in PARAMS.items():
        spec = scenario_spec(sc, path, PARAMS)
        if spec.fixed or p.kind in ("choice", "bool"):
            p10 = p50 = p90 = "—"
        else:
            p10, p50, p90 = (fmt_param(v, p.unit, lang) for v in quantiles(spec))
        rows.append(
            {
                "param": p.label(lang),
                "unit": "%" if p.unit == "fraction" else unit_label(p.unit, lang),
                "dist": distribution_text(spec, path, lang),
                "p10": p10,
                "p50": p50,
                "p90": p90,
                "why": t(f"as.unc.basis.{spec.basis}", lang),
                "set": path in sc.uncertainty,
                "uncertain": not spec.fixed,
            }
        )
    return pd.DataFrame(rows)


#: Where the editor's choices are kept (``_kept``): a plain session key, not the widgets' own,
#: so a choice outlives a run in which its widget is not drawn (a page handed over to the router).
KEPT = "_as_unc"


def _kept(name: str, default: Any) -> Any:
    return st.session_state.setdefault(KEPT, {}).get(name, default)


def _keep(name: str) -> None:
    """A widget's callback: remember its value under ``name`` (its key)."""
    st.session_state.setdefault(KEPT, {})[name] = st.session_state[name]


def _apply(which: str, path: str, mode: str, lo_key: str, hi_key: str) -> None:
    """The editor's button: store the override (or take it back) in the scenario."""
    if mode == "default":
        state.set_uncertainty(which, path, None)
        for key in (f"as_unc_mode:{which}:{path}", lo_key, hi_key):  # the editor shows the default
            st.session_state.setdefault(KEPT, {}).pop(key, None)
            st.session_state.pop(key, None)
        return
    if mode == "fixed":
        state.set_uncertainty(which, path, Override(family="fixed"))
        return
    scale = _scale(path)
    lo, hi = _kept(lo_key, None), _kept(hi_key, None)
    p = PARAMS[path]
    p10 = None if lo is None else float(lo) / scale
    p90 = None if hi is None else float(hi) / scale
    family = "lognormal" if p.lo >= 0 and p10 is not None and p10 > 0 else "normal"
    state.set_uncertainty(which, path, Override(family=family, p10=p10, p90=p90))


def _correlations(which: str, lang: str) -> None:
    """The pairs drawn together (a calibration's fit: ``Scenario.correlations``), with a button
    to draw them independently again."""
    pairs = state.slot(which).scenario.correlations
    if not pairs:
        return
    st.markdown(f"**{t('as.unc.corr.title', lang)}**")
    st.caption(t("as.unc.corr.intro", lang))
    rows = []
    for key, rho in sorted(pairs.items(), key=lambda kv: -abs(kv[1])):
        a, b = key.split(PAIR)
        rows.append({t("as.unc.corr.a", lang): PARAMS[a].label(lang),
                     t("as.unc.corr.b", lang): PARAMS[b].label(lang),
                     t("as.unc.corr.rho", lang): fmt_param(rho, "", lang)})  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.button(
        t("as.unc.corr.clear", lang),
        key="as_unc_corr_clear",
        on_click=state.clear_correlations,
        args=(which,),
        icon=":material/link_off:",
    )


def draw(lang: str) -> None:
    """The section: its table and its editor, for the scenario being edited."""
    which = state.editing()
    st.subheader(t("as.unc.title", lang), anchor=False)
    # a scenario's name is the user's text: inert in the Markdown caption (ui.text.plain)
    st.caption(t("as.unc.intro", lang, scenario=plain(state.name_of(which, lang))))
    frame = table(which, lang)
    only = st.toggle(
        t("as.unc.only", lang),
        value=_kept("as_unc_only", True),
        key="as_unc_only",
        on_change=_keep,
        args=("as_unc_only",),
    )
    shown = frame[frame["uncertain"] | frame["set"]] if only else frame
    cols = list(COLS)
    st.dataframe(
        shown[cols].rename(columns={c: t(f"as.unc.col.{c}", lang) for c in cols}),
        hide_index=True,
        width="stretch",
        height=420,
        column_config={t("as.unc.col.set", lang): st.column_config.CheckboxColumn(width="small")},
    )

    _correlations(which, lang)
    st.markdown(f"**{t('as.unc.edit', lang)}**")
    a, b = st.columns([3, 2])
    path = a.selectbox(
        t("as.unc.pick", lang),
        options=EDITABLE,
        index=EDITABLE.index(_kept("as_unc_path", EDITABLE[0])),
        format_func=lambda x: PARAMS[x].label(lang),
        key="as_unc_path",
        on_change=_keep,
        args=("as_unc_path",),
    )
    sc = state.slot(which).scenario
    current = sc.uncertainty.get(path)
    now = "default" if current is None else "fixed" if current.family == "fixed" else "range"
    mode_key = f"as_unc_mode:{which}:{path}"
    mode = b.radio(
        t("as.unc.mode", lang),
        options=MODES,
        index=MODES.index(_kept(mode_key, now)),
        format_func=lambda m: t(f"as.unc.mode.{m}", lang),
        horizontal=True,
        key=mode_key,
        on_change=_keep,
        args=(mode_key,),
    )
    p = PARAMS[path]
    scale = _scale(path)
    spec = scenario_spec(sc, path, PARAMS)
    p10, _, p90 = quantiles(spec)
    unit = "%" if p.unit == "fraction" else unit_label(p.unit, lang)
    lo_key, hi_key = f"as_unc_p10:{which}:{path}", f"as_unc_p90:{which}:{path}"
    c, d = st.columns(2)
    for box, key, label, v in ((c, lo_key, "as.unc.p10", p10), (d, hi_key, "as.unc.p90", p90)):
        box.number_input(
            f"{t(label, lang)} ({unit})" if unit else t(label, lang),
            min_value=float(p.lo * scale),
            max_value=float(p.hi * scale),
            value=_kept(key, min(max(float(round(v * scale, 6)), p.lo * scale), p.hi * scale)),
            disabled=mode != "range",
            format="%.4g",
            key=key,
            on_change=_keep,
            args=(key,),
        )
    e, f = st.columns(2)
    e.button(
        t("as.unc.apply", lang),
        key="as_unc_apply",
        on_click=_apply,
        args=(which, path, mode, lo_key, hi_key),
        icon=":material/check:",
    )
    f.button(
        t("as.unc.reset", lang),
        key="as_unc_reset",
        on_click=_apply,
        args=(which, path, "default", lo_key, hi_key),
        disabled=current is None,
        icon=":material/restart_alt:",
    )
