"""The Assumptions page's sensitivity section: which assumption matters most (issue 19 item 4).

For the active plan against the baseline (``simulator.sensitivity``): a tornado of the chosen
measure's change (or its level, when the plan is the baseline) over each uncertain parameter's
P10…P90, its plain-words reading (the leading parameter(s) and where to pin them down: the
Calibrate page for what a calibration fits, else the uncertainty editor above), and on a button
the Sobol first-order and total indices of the top parameters, with a progress bar.

Costs: the tornado is two runs per uncertain parameter and scenario (about a hundred parameters),
cached on the two scenarios and the measure (``st.cache_data``), and computed only once the user
turns the section on (a kept toggle), so opening the page stays cheap. A Sobol analysis of k
parameters with sample size n is n·(k + 2) runs per scenario; its result is kept in the session
for the same scenarios, measure and n. Charts are built here (``ui.charts``' palette and axes),
the page only draws.
"""

from __future__ import annotations

import hashlib
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from simulator import PARAMS, Scenario
from simulator.sensitivity import Reading, reading, sobol, sobol_runs, tornado
from ui import state
from ui.charts import PALETTE, axis, cached_chart, max_abs, themed
from ui.errors import describe_error
from ui.fmt import (
    MONEY_MEASURES,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_signed_money,
    fmt_signed_number,
)
from ui.i18n import t
from ui.text import plain

#: The measures a user can pick (``Result.totals`` keys with a catalogue label ``m.<key>``).
MEASURES = ("profit", "gmv", "orders_paid", "uv", "aov", "conversion_rate")
#: Measures that are fractions (shown as percentages).
FRACTIONS = frozenset({"conversion_rate"})
#: Bars in the tornado chart (the full list is in the table beneath).
CHART_ROWS = 15
#: Parameters in the Sobol analysis: the top of the tornado.
SOBOL_PARAMS = 10
#: Sample sizes offered, and the default. 10 parameters at n = 128 are 128 × 12 × 2 = 3,072
#: runs: 71 s wall with paths run one by one, 13 s with the batched engine (``engine.run_paths``)
#: on this 2-core machine under other jobs' load — well under a minute (``python tests/bench.py
#: sensitivity``).
SOBOL_NS = (8, 16, 32, 64, 128, 256)
SOBOL_N = 128
SOBOL_SEED = 7
#: The bootstrap confidence level of the Sobol intervals.
CONFIDENCE = 0.9
#: Where the Sobol results and the section's choices are kept in the session.
KEPT = "_sens"


def _kept() -> dict[str, Any]:
    return st.session_state.setdefault(KEPT, {})


def _keep(name: str) -> None:
    """A widget's callback: remember its value (a plain key outlives a run it is not drawn in)."""
    _kept()[name] = st.session_state[name]


def fmt_measure(x: float, measure: str, lang: str, *, signed: bool = False) -> str:
    """A value (or a change, ``signed``) of ``measure`` as the KPI cards write it."""
    if measure in FRACTIONS:
        text = fmt_pct(x, lang)
        return f"+{text}" if signed and x > 0 else text
    if measure in MONEY_MEASURES:
        digits = 2 if measure == "aov" else None
        f = fmt_signed_money if signed else fmt_money
        return f(x, lang, compact=measure != "aov", digits=digits)
    return (fmt_signed_number if signed else fmt_number)(x, lang)


# --------------------------------------------------------------------------- computing
@st.cache_data(max_entries=8, show_spinner=False)
def _tornado(plan_json: str, base_json: str, measure: str) -> tuple[pd.DataFrame, dict]:
    """The tornado of two scenarios (their JSON: the cache key), its attrs beside it."""
    plan = Scenario.model_validate_json(plan_json)
    base = plan if plan_json == base_json else Scenario.model_validate_json(base_json)
    frame = tornado(plan, reference=base, measure=measure)
    return frame, dict(frame.attrs)


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=16).hexdigest()


# --------------------------------------------------------------------------- charts
def tornado_data(frame: pd.DataFrame, central: float, measure: str, lang: str) -> pd.DataFrame:
    """Long frame of the chart: per parameter (its label) two segments, from the central value to
    the value at its P10 (``end`` "low") and at its P90 ("high"), with their texts."""
    rows = []
    ends = {"low": t("sens.end.low", lang), "high": t("sens.end.high", lang)}
    for rank, r in enumerate(frame.head(CHART_ROWS).itertuples(index=False)):
        label = PARAMS[r.parameter].label(lang)
        for end, value in (("low", r.low), ("high", r.high)):
            rows.append({"param": label, "rank": rank, "end": ends[end],
                         "start": central, "stop": float(value),
                         "text": fmt_measure(value, measure, lang, signed=measure_signed(frame))})  # fmt: skip
    return pd.DataFrame(rows, columns=["param", "rank", "end", "start", "stop", "text"])


def measure_signed(frame: pd.DataFrame) -> bool:
    """Changes are written with a sign; levels are not."""
    return frame.attrs.get("quantity", "change") == "change"


@cached_chart
def tornado_chart(
    data: pd.DataFrame,
    *,
    central: float,
    title: str,
    end_title: str,
    money: bool,
    pct: bool,
    signed: bool,
    lang: str,
) -> alt.TopLevelMixin:
    """Horizontal bars from the central value to each end (P10 blue, P90 orange), the parameter
    with the widest swing on top, a rule at the central value."""
    order = list(dict.fromkeys(data.sort_values("rank")["param"]))
    ends = list(dict.fromkeys(data["end"]))
    top = max_abs(data["stop"], central)
    x_axis = (
        alt.Axis(title=title, format="+.2%" if signed else ".2%")
        if pct
        else axis(title, lang, ",.0f", top=top, money=money, signed=signed)
    )
    y = alt.Y("param:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    bars = (
        alt.Chart(data)
        .mark_bar(opacity=0.85)
        .encode(
            y=y,
            x=alt.X("start:Q", axis=x_axis, scale=alt.Scale(zero=False)),
            x2=alt.X2("stop:Q"),
            color=alt.Color("end:N", title=end_title, sort=ends,
                            scale=alt.Scale(domain=ends, range=[PALETTE[2], PALETTE[1]])),
            tooltip=[alt.Tooltip("param:N", title=""), alt.Tooltip("end:N", title=end_title),
                     alt.Tooltip("text:N", title=title)],
        )
    )  # fmt: skip
    rule = (
        alt.Chart(pd.DataFrame({"x": [central]}))
        .mark_rule(color=PALETTE[0], strokeWidth=2)
        .encode(x=alt.X("x:Q"))
    )
    return themed(alt.layer(bars, rule), 24 * max(len(order), 1) + 40, lang)


@cached_chart
def sobol_chart(data: pd.DataFrame, *, index_title: str, kind_title: str, lang: str) -> Any:
    """Grouped horizontal bars: each parameter's first-order and total index (0…1)."""
    order = list(dict.fromkeys(data["param"]))
    kinds = list(dict.fromkeys(data["kind"]))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("param:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("kind:N", sort=kinds),
            x=alt.X("value:Q", title=index_title, scale=alt.Scale(domain=[0, 1], clamp=True),
                    axis=alt.Axis(format=".0%")),
            color=alt.Color("kind:N", title=kind_title, sort=kinds,
                            scale=alt.Scale(domain=kinds, range=[PALETTE[3], PALETTE[4]])),
            tooltip=[alt.Tooltip("param:N", title=""), alt.Tooltip("kind:N", title=kind_title),
                     alt.Tooltip("text:N", title=index_title)],
        )
    )  # fmt: skip
    return themed(bars, alt.Step(14), lang)


# --------------------------------------------------------------------------- reading
def reading_text(r: Reading, measure: str, lang: str) -> str:
    """The reading in ``lang``'s words."""
    if not r.leaders:
        return t("sens.read.none", lang, measure=t(f"m.{measure}", lang))
    names = [PARAMS[p].label(lang) for p in r.leaders]
    where = {
        "calibrate": t("sens.where.calibrate", lang),
        "assumptions": t("sens.where.assumptions", lang),
    }
    share_key = "sens.read.share_tornado" if r.source == "tornado" else "sens.read.share_sobol"
    share = t(share_key, lang, share=fmt_pct(r.share, lang, digits=0))
    if len(names) == 1:
        return t("sens.read.one", lang, a=names[0], share=share, where=where[r.where[0]])
    if r.where[0] == r.where[1]:
        place = where[r.where[0]]
    else:
        place = t("sens.where.pair", lang, a=names[0], where_a=where[r.where[0]], b=names[1],
                  where_b=where[r.where[1]])  # fmt: skip
    return t("sens.read.two", lang, a=names[0], b=names[1], share=share, where=place)


def _reading(r: Reading, measure: str, lang: str) -> None:
    st.info(plain(reading_text(r, measure, lang)), icon=":material/lightbulb:")
    if "calibrate" in r.where:
        st.page_link("pages/calibrate.py", label=t("page.calibrate", lang), icon=":material/tune:")


# --------------------------------------------------------------------------- the section
def _request(key: tuple) -> None:
    """The Sobol button's callback: ask for the analysis of ``key`` in this run."""
    _kept()["sobol_wanted"] = key


def draw(lang: str) -> None:
    """The section, for the active plan against the baseline."""
    base, plan = state.baseline(), state.plan()
    st.subheader(t("sens.title", lang), anchor=False)
    st.caption(
        t("sens.intro", lang, plan=plain(state.name_of(state.PLAN, lang)),
          base=plain(state.name_of(state.BASELINE, lang)))
    )  # fmt: skip
    on = st.toggle(t("sens.show", lang), value=_kept().get("sens_on", False), key="sens_on",
                   on_change=_keep, args=("sens_on",))  # fmt: skip
    if not on:
        return
    kept = _kept().get("sens_measure", MEASURES[0])
    measure = st.selectbox(
        t("sens.measure", lang),
        options=MEASURES,
        index=MEASURES.index(kept) if kept in MEASURES else 0,
        format_func=lambda m: t(f"m.{m}", lang),
        key="sens_measure",
        on_change=_keep,
        args=("sens_measure",),
    )
    plan_json, base_json = plan.model_dump_json(), base.model_dump_json()
    if plan == base:
        plan_json = base_json
    try:
        with st.spinner(t("sens.busy", lang)):
            frame, attrs = _tornado(plan_json, base_json, measure)
    except ValueError as exc:  # a typed refusal, said in the user's language
        st.warning(describe_error(exc, lang), icon=":material/warning:")
        return
    frame = frame.copy()
    frame.attrs.update(attrs)
    _tornado_section(frame, attrs, measure, lang)
    _sobol_section(frame, plan, base, _digest(plan_json, base_json, measure), measure, lang)


def _tornado_section(frame: pd.DataFrame, attrs: dict, measure: str, lang: str) -> None:
    signed = attrs["quantity"] == "change"
    label = t(f"m.{measure}", lang)
    title = t("sens.axis.change" if signed else "sens.axis.level", lang, measure=label)
    central = float(attrs["central"])
    chart = tornado_chart(
        tornado_data(frame, central, measure, lang),
        central=central,
        title=title,
        end_title=t("sens.end", lang),
        money=measure in MONEY_MEASURES,
        pct=measure in FRACTIONS,
        signed=signed,
        lang=lang,
    )
    st.altair_chart(chart, width="stretch")
    st.caption(
        t("sens.central", lang, value=fmt_measure(central, measure, lang, signed=signed))
        + " "
        + t("sens.shown", lang, k=min(CHART_ROWS, len(frame)))
    )
    clipped = attrs.get("clipped") or {}
    if clipped:
        names = "、" if lang == "zh" else ", "
        st.caption(plain(t("sens.clipped", lang,
                           params=names.join(PARAMS[p].label(lang) for p in clipped))))  # fmt: skip
    _reading(reading(frame), measure, lang)
    with st.expander(t("sens.all", lang, n=len(frame))):
        cols = {"parameter": "sens.col.param", "low": "sens.col.low", "high": "sens.col.high",
                "swing": "sens.col.swing"}  # fmt: skip
        shown = pd.DataFrame(
            {
                "parameter": [PARAMS[p].label(lang) for p in frame["parameter"]],
                "low": [fmt_measure(v, measure, lang, signed=signed) for v in frame["low"]],
                "high": [fmt_measure(v, measure, lang, signed=signed) for v in frame["high"]],
                "swing": [fmt_measure(v, measure, lang) for v in frame["swing"]],
            }
        )
        st.dataframe(shown.rename(columns={c: t(k, lang) for c, k in cols.items()}),
                     hide_index=True, width="stretch")  # fmt: skip


def _sobol_section(
    frame: pd.DataFrame, plan: Scenario, base: Scenario, digest: str, measure: str, lang: str
) -> None:
    params = [p for p in frame["parameter"].head(SOBOL_PARAMS) if frame.set_index("parameter")
              .loc[p, "swing"] > 0]  # fmt: skip
    if not params:
        return
    st.markdown(f"**{t('sens.sobol.title', lang)}**")
    st.caption(t("sens.sobol.intro", lang, k=len(params)))
    kept_n = _kept().get("sens_sobol_n", SOBOL_N)
    n = st.select_slider(
        t("sens.sobol.n", lang),
        options=SOBOL_NS,
        value=kept_n if kept_n in SOBOL_NS else SOBOL_N,
        key="sens_sobol_n",
        on_change=_keep,
        args=("sens_sobol_n",),
    )
    scenarios = 1 if plan == base else 2
    st.caption(t("sens.sobol.cost", lang,
                 runs=fmt_number(scenarios * sobol_runs(len(params), n), lang, compact=False)))  # fmt: skip
    key = (digest, tuple(params), int(n))
    results: dict = _kept().setdefault("sobol", {})
    # the click is kept by its callback (a flag), not read off the button's value: a run the
    # app restarts (st.rerun elsewhere) would otherwise lose it
    st.button(t("sens.sobol.run", lang), key="sens_sobol_run", icon=":material/play_arrow:",
              on_click=_request, args=(key,))  # fmt: skip
    if _kept().pop("sobol_wanted", None) == key:
        bar = st.progress(
            0.0, text=t("sens.sobol.progress", lang, pct=fmt_pct(0.0, lang, digits=0))
        )
        last = [0.0]

        def progress(f: float) -> None:
            if f - last[0] >= 0.01 or f >= 1.0:  # at most a hundred updates
                last[0] = f
                bar.progress(min(f, 1.0),
                             text=t("sens.sobol.progress", lang, pct=fmt_pct(f, lang, digits=0)))  # fmt: skip

        try:
            res = sobol(plan, reference=plan if scenarios == 1 else base, measure=measure,
                        params=params, n=int(n), seed=SOBOL_SEED, confidence=CONFIDENCE,
                        progress=progress)  # fmt: skip
        except ValueError as exc:
            bar.empty()
            st.warning(describe_error(exc, lang), icon=":material/warning:")
            return
        bar.empty()
        results.clear()  # keep the latest only (a frame of ten rows, but one is enough)
        results[key] = (res, dict(res.attrs))
    if key not in results:
        return
    res, attrs = results[key]
    _sobol_result(res, attrs, measure, lang)


def _sobol_result(res: pd.DataFrame, attrs: dict, measure: str, lang: str) -> None:
    labels = [PARAMS[p].label(lang) for p in res["parameter"]]
    kinds = (("first_order", "sens.sobol.col.first"), ("total", "sens.sobol.col.total"))
    data = pd.DataFrame(
        [{"param": lab, "kind": t(k, lang), "value": max(0.0, float(v)),
          "text": fmt_pct(float(v), lang, digits=1)}
         for col, k in kinds for lab, v in zip(labels, res[col], strict=True)]
    )  # fmt: skip
    chart = sobol_chart(data, index_title=t("sens.sobol.index", lang),
                        kind_title=t("sens.sobol.index", lang), lang=lang)  # fmt: skip
    st.altair_chart(chart, width="stretch")

    def ci(lo: float, hi: float) -> str:
        return f"{fmt_pct(lo, lang, digits=1)} – {fmt_pct(hi, lang, digits=1)}"

    table = pd.DataFrame(
        {
            t("sens.sobol.col.param", lang): labels,
            t("sens.sobol.col.first", lang): [fmt_pct(v, lang, digits=1) for v in res["first_order"]],
            t("sens.sobol.col.first_ci", lang): [ci(a, b) for a, b in zip(res["first_lo"], res["first_hi"], strict=True)],
            t("sens.sobol.col.total", lang): [fmt_pct(v, lang, digits=1) for v in res["total"]],
            t("sens.sobol.col.total_ci", lang): [ci(a, b) for a, b in zip(res["total_lo"], res["total_hi"], strict=True)],
        }
    )  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")
    note = t(
        "sens.sobol.done", lang, n=attrs["n"], runs=fmt_number(attrs["runs"], lang, compact=False)
    )
    if attrs.get("redrawn"):
        note += " " + t("sens.sobol.redrawn", lang, n=attrs["redrawn"])
    st.caption(note)
    _reading(reading(res), measure, lang)
