"""The Decide page's sections: break-even / goal-seek for one lever, and the plan optimizer.

Both work on the active plan against the baseline through ``simulator.decide`` (issue 20 items
2 and 3): the break-even curve of a chosen measure across a lever's range with the answer
marked, and an optimisation over the levers the user picks, with limits, a progress bar, a stop
button, the best plan, the front of GMV against profit and "save as a scenario".

Costs: a break-even is ``CURVE_POINTS`` + a few runs (a second or two); an optimisation is
hundreds to a few thousand runs (10–30 s on this 2-core machine, ``make bench``), so both run
only on their button, and their results are kept in the session for the same scenarios and
inputs. Charts are built here from ``ui.charts``' palette; the page only draws.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from simulator import Scenario
from simulator.decide import (
    CURVE_POINTS,
    BreakEven,
    Lever,
    Optimum,
    break_even,
    current,
    lever,
    levers_of,
    optimize,
    with_values,
)
from ui import state
from ui.charts import PALETTE, axis, cached_chart, max_abs, themed
from ui.errors import describe_error
from ui.fmt import (
    MONEY_MEASURES,
    fmt_money,
    fmt_number,
    fmt_param,
    fmt_pct,
    fmt_score,
    fmt_signed_money,
    fmt_signed_number,
    fmt_signed_score,
)
from ui.i18n import t
from ui.text import plain

#: The measures a break-even may seek, each with its label's catalogue key.
MEASURES: dict[str, str] = {
    "profit": "kpi.profit",
    "gmv": "kpi.gmv",
    "orders_paid": "kpi.orders_paid",
    "aov": "kpi.aov",
    "promotion_cost": "kpi.promotion_cost",
    "dsr_service_min": "dec.m.dsr_service_min",
    "dsr_logistics_min": "kpi.dsr_logistics_min",
    "dsr_description_min": "dec.m.dsr_description_min",
    "backlog_max": "kpi.backlog_max",
    "response_time_s": "kpi.response_time_s",
    "late_rate": "kpi.late_rate",
}
SCORES = frozenset({"dsr_service_min", "dsr_logistics_min", "dsr_description_min"})
FRACTIONS = frozenset({"late_rate"})
#: What a break-even seeks (label keys), and how its answer names it.
QUANTITIES = {"change": "dec.quantity.change", "level": "dec.quantity.level"}
WHAT = {"change": "dec.be.what.change", "level": "dec.be.what.level"}
#: The optimizer's objectives (label keys) and limits (label key, default, unit, step).
OBJECTIVES = {"profit": "dec.opt.objective.profit", "gmv": "dec.opt.objective.gmv"}
#: The DSR floor's default is 4.7 [ASSUMPTION: the common activity entry line], or the store's own
#: lowest score today when that is lower.
LIMITS: dict[str, tuple[str, float, str, float]] = {
    "dsr_min": ("dec.c.dsr_min", 4.7, "score", 0.01),
    "spend_max": ("dec.c.spend_max", 50_000.0, "yuan", 1_000.0),
    "profit_min": ("dec.c.profit_min", 0.0, "yuan", 1_000.0),
    "backlog_max": ("dec.c.backlog_max", 200.0, "orders", 10.0),
}
#: The default top of a daily budget's search range when the plan spends nothing on it yet
#: [ASSUMPTION: ¥5,000 a day, a mid-size shop's large paid budget; the user may widen it].
UNUSED_BUDGET_TOP = 5_000.0
#: At most this many levers in one optimisation (issue 20: 3–5 finish in ≤ 30 s).
MAX_LEVERS = 5
OPT_SEED = 7
#: Where the section's choices and results are kept in the session.
KEPT = "_dec"


def _kept() -> dict[str, Any]:
    return st.session_state.setdefault(KEPT, {})


def _keep(name: str) -> None:
    """A widget's callback: remember its value (a plain key outlives a run it is not drawn in)."""
    _kept()[name] = st.session_state[name]


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


# --------------------------------------------------------------------------- words
def lever_label(plan: Scenario, path: str, lang: str) -> str:
    """A lever in words: its registry label, and which promotion, tier or campaign it is of."""
    t_ = lever(plan, path)
    label = t_.param.label(lang)
    parts = path.split(".")
    if parts[0] == "promotions":
        promo = plan.promotions[int(parts[1])]
        kind = t(f"kind.{promo.kind}", lang)
        if len(parts) == 5:
            field = t("dec.lever.tier.threshold" if parts[4] == "0" else "dec.lever.tier.amount",
                      lang)  # fmt: skip
            return t("dec.lever.tier", lang, n=int(parts[1]) + 1, kind=kind,
                     tier=int(parts[3]) + 1, field=field)  # fmt: skip
        return t("dec.lever.promotion", lang, n=int(parts[1]) + 1, kind=kind, field=label)
    if parts[:2] == ["traffic", "campaigns"]:
        return t("dec.lever.campaign", lang, n=int(parts[2]) + 1, field=label)
    return label


def fmt_measure(x: float, measure: str, lang: str, *, signed: bool = False) -> str:
    """A value (or a change, ``signed``) of ``measure`` as the KPI cards write it."""
    if not math.isfinite(x):
        return "—"
    if measure in SCORES:
        return (fmt_signed_score if signed else fmt_score)(x, lang)
    if measure in FRACTIONS:
        text = fmt_pct(x, lang)
        return f"+{text}" if signed and x > 0 else text
    if measure == "response_time_s":
        return ("+" if signed and x > 0 else "") + fmt_param(x, "s", lang)
    if measure in MONEY_MEASURES:
        return (fmt_signed_money if signed else fmt_money)(x, lang, compact=measure != "aov",
                                                           digits=2 if measure == "aov" else None)  # fmt: skip
    return (fmt_signed_number if signed else fmt_number)(x, lang)


def fmt_lever(plan: Scenario, path: str, value: float, lang: str) -> str:
    return fmt_param(value, lever(plan, path).param.unit, lang)


def _default_range(plan: Scenario, path: str) -> tuple[float, float]:
    """A sensible search range: the registry's, cut to 0…3× the current value when that is
    narrower (a budget's registry range runs far past any plan)."""
    t_ = lever(plan, path)
    p, now = t_.param, float(_current(plan, path))
    lo, hi = float(p.lo), float(p.hi)
    if now > 0 and 3 * now < hi:
        hi = max(3 * now, lo + (2 if t_.integer else 1e-6))
    if now == 0 and p.unit == "yuan/day":
        hi = min(hi, UNUSED_BUDGET_TOP)
    return lo, (float(math.floor(hi)) if t_.integer else hi)


def _current(plan: Scenario, path: str) -> float:
    return current(plan, lever(plan, path))


# --------------------------------------------------------------------------- computing
@st.cache_data(max_entries=16, show_spinner=False)
def _break_even(plan_json: str, base_json: str, path: str, measure: str, quantity: str,
                target: float, lo: float, hi: float) -> BreakEven:  # fmt: skip
    """A break-even of two scenarios (their JSON: the cache key)."""
    plan = Scenario.model_validate_json(plan_json)
    base = Scenario.model_validate_json(base_json)
    return break_even(plan, reference=base, path=path, measure=measure, quantity=quantity,  # type: ignore[arg-type]
                      target=target, lo=lo, hi=hi)  # fmt: skip


# --------------------------------------------------------------------------- charts
@cached_chart
def curve_chart(data: pd.DataFrame, marks: pd.DataFrame, *, target: float, x_title: str,
                y_title: str, money: bool, signed: bool, lang: str) -> alt.TopLevelMixin:  # fmt: skip
    """The measure across the lever's range (a line over the grid), the target as a dashed
    rule, the answer and the current value as marked points."""
    top = max_abs(data["y"], target)
    y_axis = axis(y_title, lang, ",.2f" if not money and top < 10 else ",.0f", top=top,
                  money=money, signed=signed)  # fmt: skip
    line = (
        alt.Chart(data)
        .mark_line(color=PALETTE[2], point=alt.OverlayMarkDef(size=24, color=PALETTE[2]))
        .encode(x=alt.X("x:Q", title=x_title), y=alt.Y("y:Q", axis=y_axis,
                scale=alt.Scale(zero=False)), tooltip=[alt.Tooltip("x_text:N", title=x_title),
                alt.Tooltip("y_text:N", title=y_title)])
    )  # fmt: skip
    rule = (
        alt.Chart(pd.DataFrame({"y": [target]}))
        .mark_rule(color=PALETTE[0], strokeDash=[6, 4], strokeWidth=2)
        .encode(y="y:Q")
    )
    kinds = list(dict.fromkeys(marks["kind"]))
    points = (
        alt.Chart(marks)
        .mark_point(size=160, filled=True, opacity=1)
        .encode(x="x:Q", y="y:Q", shape=alt.Shape("kind:N", sort=kinds, title=None),
                color=alt.Color("kind:N", sort=kinds, title=None,
                                scale=alt.Scale(domain=kinds, range=[PALETTE[1], PALETTE[0]])),
                tooltip=[alt.Tooltip("kind:N", title=""), alt.Tooltip("x_text:N", title=x_title),
                         alt.Tooltip("y_text:N", title=y_title)])
    )  # fmt: skip
    return themed(alt.layer(line, rule, points), 300, lang)


@cached_chart
def front_chart(data: pd.DataFrame, *, x_title: str, y_title: str, lang: str) -> alt.TopLevelMixin:
    """Every plan tried (grey), the front (a line), the best and the current plan (marked)."""
    series = list(dict.fromkeys(data["series"]))
    colours = {0: PALETTE[0], 1: PALETTE[2], 2: PALETTE[1], 3: PALETTE[3]}
    top_x, top_y = max_abs(data["gmv"]), max_abs(data["profit"])
    base = alt.Chart(data).encode(
        x=alt.X("gmv:Q", axis=axis(x_title, lang, top=top_x, money=True, signed=True)),
        y=alt.Y("profit:Q", axis=axis(y_title, lang, top=top_y, money=True, signed=True)),
        color=alt.Color("series:N", sort=series, title=None,
                        scale=alt.Scale(domain=series,
                                        range=[colours[i] for i in range(len(series))])),
        tooltip=[alt.Tooltip("series:N", title=""), alt.Tooltip("gmv_text:N", title=x_title),
                 alt.Tooltip("profit_text:N", title=y_title)],
    )  # fmt: skip
    tried = base.transform_filter(alt.datum.kind == "tried").mark_circle(size=18, opacity=0.35)
    front = base.transform_filter(alt.datum.kind == "front").mark_line(point=True, strokeWidth=2)
    marks = base.transform_filter(alt.datum.kind == "mark").mark_point(size=220, filled=True,
                                                                       shape="diamond")  # fmt: skip
    return themed(alt.layer(tried, front, marks), 320, lang)


# --------------------------------------------------------------------------- the page
def draw(lang: str) -> None:
    """Both sections, for the active plan against the baseline."""
    base, plan = state.baseline(), state.plan()
    st.caption(t("dec.intro", lang, plan=plain(state.name_of(state.PLAN, lang)),
                 base=plain(state.name_of(state.BASELINE, lang))))  # fmt: skip
    _break_even_section(plan, base, lang)
    st.divider()
    _optimizer_section(plan, base, lang)


def _choice(key: str, options: list[str], default: str) -> str:
    """A kept choice still among ``options`` (a lever of another plan is dropped), else default."""
    got = _kept().get(key)
    if got not in options:
        st.session_state.pop(key, None)
        got = default
    return got


def _save(scenario: Scenario, name_key: str, lang: str) -> None:
    """A button's callback: keep ``scenario`` in the workspace under a fresh name."""
    name = state.unique_name(t(name_key, lang), lang)
    problem = state.save(name, scenario, lang)
    if problem is None:
        state.note(t("dec.opt.saved", lang, name=plain(name)))
    else:
        state.flash(t(problem, lang))


def _kept_result(results: dict, key: str, lang: str) -> Any:
    """The result kept for ``key``; None when there is none yet, or when it is a refusal (then
    said in the user's language)."""
    got = results.get(key)
    if isinstance(got, Exception):
        st.warning(describe_error(got, lang), icon=":material/warning:")
        return None
    return got


def _request(slot: str, key: str) -> None:
    """A run button's callback: ask for the computation of ``key`` in this run."""
    _kept()[slot] = key


# ------------------------------------------------------------------ break-even
def _break_even_section(plan: Scenario, base: Scenario, lang: str) -> None:
    st.subheader(t("dec.be.title", lang), anchor=False)
    st.caption(t("dec.be.intro", lang, points=CURVE_POINTS))
    decisions = levers_of(plan)
    others = [p for p in levers_of(plan, decisions_only=False) if p not in decisions]
    options = decisions + others
    c1, c2, c3 = st.columns([3, 2, 2])
    path = c1.selectbox(
        t("dec.lever", lang), options=options,
        index=options.index(_choice("dec_be_lever", options, _first_lever(plan, decisions))),
        format_func=lambda p: lever_label(plan, p, lang) if p in decisions else
        f"{lever_label(plan, p, lang)} · {t('dec.lever.group.other', lang)}",
        key="dec_be_lever", on_change=_keep, args=("dec_be_lever",),
    )  # fmt: skip
    measures = list(MEASURES)
    measure = c2.selectbox(
        t("dec.measure", lang), options=measures,
        index=measures.index(_choice("dec_be_measure", measures, "profit")),
        format_func=lambda m: t(MEASURES[m], lang), key="dec_be_measure", on_change=_keep,
        args=("dec_be_measure",),
    )  # fmt: skip
    quantities = list(QUANTITIES)
    quantity = c3.radio(
        t("dec.quantity", lang), options=quantities,
        index=quantities.index(_choice("dec_be_quantity", quantities, "change")),
        format_func=lambda q: t(QUANTITIES[q], lang), key="dec_be_quantity",
        on_change=_keep, args=("dec_be_quantity",),
    )  # fmt: skip
    target, lo, hi = _be_numbers(plan, base, path, measure, quantity, lang)
    key = _digest(plan.model_dump_json(), base.model_dump_json(), path, measure, quantity, target,
                  lo, hi)  # fmt: skip
    st.button(t("dec.be.run", lang), key="dec_be_run", icon=":material/calculate:",
              on_click=_request, args=("be_wanted", key))  # fmt: skip
    results: dict = _kept().setdefault("be", {})
    if _kept().pop("be_wanted", None) == key:
        try:
            with st.spinner(t("dec.be.busy", lang)):
                got: Any = _break_even(plan.model_dump_json(), base.model_dump_json(), path,
                                       measure, quantity, target, lo, hi)  # fmt: skip
        except ValueError as exc:  # a typed refusal: said in the user's language
            got = exc
        results.clear()  # the latest only
        results[key] = got
    if (kept := _kept_result(results, key, lang)) is not None:
        _be_result(kept, plan, lang)


def _first_lever(plan: Scenario, decisions: list[str]) -> str:
    """The first promotion's first amount (depth, amount off, face…), else the paid budget."""
    for p in decisions:
        if p.startswith("promotions.") and not p.endswith(("_day", "preheat_days")):
            return p
    return "traffic.paid_search.budget_per_day"


def _be_numbers(plan: Scenario, base: Scenario, path: str, measure: str, quantity: str,
                lang: str) -> tuple[float, float, float]:  # fmt: skip
    """The target and the range inputs (each kept per lever / measure)."""
    p = lever(plan, path).param
    lo0, hi0 = _default_range(plan, path)
    step = 1.0 if p.kind == "int" else None
    c1, c2, c3 = st.columns(3)
    tkey = f"dec_be_target_{measure}_{quantity}"
    default = 0.0 if quantity == "change" else float(state.results()[0].totals[measure])
    target = c1.number_input(t("dec.target", lang), value=float(_kept().get(tkey, default)),
                             help=t("dec.target.help", lang), key=tkey, on_change=_keep,
                             args=(tkey,), format="%.4g")  # fmt: skip
    lkey, hkey = f"dec_be_lo_{path}", f"dec_be_hi_{path}"
    lo = c2.number_input(t("dec.lo", lang), min_value=float(p.lo), max_value=float(p.hi),
                         value=float(_kept().get(lkey, lo0)), step=step, key=lkey,
                         on_change=_keep, args=(lkey,), format="%.4g")  # fmt: skip
    hi = c3.number_input(t("dec.hi", lang), min_value=float(p.lo), max_value=float(p.hi),
                         value=float(_kept().get(hkey, hi0)), step=step, key=hkey,
                         on_change=_keep, args=(hkey,), format="%.4g")  # fmt: skip
    return float(target), float(lo), float(hi)


def _be_result(be: BreakEven, plan: Scenario, lang: str) -> None:
    name = t(MEASURES.get(be.measure, "kpi.profit"), lang)
    signed = be.quantity == "change"
    # every part is the app's own text or a number (no name a user typed): Markdown as written
    st.success(t(
        "dec.be.answer", lang, lever=lever_label(plan, be.path, lang),
        value=fmt_lever(plan, be.path, be.value, lang), measure=name,
        what=t(WHAT[be.quantity], lang),
        target=fmt_measure(be.target, be.measure, lang, signed=signed),
        current=fmt_lever(plan, be.path, be.current, lang),
    ), icon=":material/flag:")  # fmt: skip
    if not be.exact:
        st.warning(t("dec.be.jump", lang,
                     reached=fmt_measure(be.reached, be.measure, lang, signed=signed)),
                   icon=":material/warning:")  # fmt: skip
    others = [x for x in be.crossings if x != be.value]
    if others:
        sep = "、" if lang == "zh" else ", "
        st.caption(t("dec.be.more", lang, n=len(others),
                     values=sep.join(fmt_lever(plan, be.path, x, lang) for x in others)))  # fmt: skip
    y_title = t("dec.be.axis.change" if signed else "dec.be.axis", lang, measure=name)
    x_title = lever_label(plan, be.path, lang)
    col = be.quantity
    data = pd.DataFrame({
        "x": be.curve["value"], "y": be.curve[col],
        "x_text": [fmt_lever(plan, be.path, v, lang) for v in be.curve["value"]],
        "y_text": [fmt_measure(v, be.measure, lang, signed=signed) for v in be.curve[col]],
    }).dropna(subset=["y"])  # fmt: skip
    base_res, plan_res = state.results()
    now = plan_res.totals[be.measure] - (base_res.totals[be.measure] if signed else 0.0)
    marks = pd.DataFrame({
        "kind": [t("dec.be.mark.answer", lang), t("dec.be.mark.current", lang)],
        "x": [be.value, be.current], "y": [be.reached, now],
        "x_text": [fmt_lever(plan, be.path, v, lang) for v in (be.value, be.current)],
        "y_text": [fmt_measure(v, be.measure, lang, signed=signed) for v in (be.reached, now)],
    })  # fmt: skip
    st.altair_chart(curve_chart(data, marks, target=be.target, x_title=x_title, y_title=y_title,
                                money=be.measure in MONEY_MEASURES, signed=signed, lang=lang),
                    width="stretch")  # fmt: skip
    st.caption(t("dec.be.runs", lang, runs=be.runs))
    at = with_values(plan, [lever(plan, be.path)], [be.value])
    st.button(t("dec.be.save", lang), key="dec_be_save", icon=":material/bookmark_add:",
              on_click=_save, args=(at, "dec.be.save_name", lang))  # fmt: skip


# ------------------------------------------------------------------ the optimizer
def _default_levers(plan: Scenario, decisions: list[str]) -> list[str]:
    """The first promotion's amount, the paid-search budget and the event-day agents."""
    wanted = [_first_lever(plan, decisions), "traffic.paid_search.budget_per_day",
              "service.campaign_extra_agents"]  # fmt: skip
    return list(dict.fromkeys(p for p in wanted if p in decisions))


def _optimizer_section(plan: Scenario, base: Scenario, lang: str) -> None:
    st.subheader(t("dec.opt.title", lang), anchor=False)
    st.caption(t("dec.opt.intro", lang, max=MAX_LEVERS))
    decisions = levers_of(plan)
    kept = [p for p in _kept().get("dec_opt_levers", _default_levers(plan, decisions))
            if p in decisions][:MAX_LEVERS]  # fmt: skip
    if st.session_state.get("dec_opt_levers") not in (None, kept):
        st.session_state.pop("dec_opt_levers", None)
    chosen = st.multiselect(
        t("dec.opt.levers", lang), options=decisions, default=kept,
        format_func=lambda p: lever_label(plan, p, lang), max_selections=MAX_LEVERS,
        key="dec_opt_levers", on_change=_keep, args=("dec_opt_levers",),
    )  # fmt: skip
    if not chosen:
        st.info(t("dec.opt.none", lang), icon=":material/info:")
        return
    ranges = _ranges(plan, chosen, lang)
    objective, limits, seed = _objective_and_limits(plan, lang)
    levers = [Lever(p, lo, hi) for p, (lo, hi) in zip(chosen, ranges, strict=True)]
    key = _digest(plan.model_dump_json(), base.model_dump_json(), levers, objective,
                  sorted(limits.items()), seed)  # fmt: skip
    a, b = st.columns([1, 4])
    a.button(t("dec.opt.run", lang), key="dec_opt_run", icon=":material/auto_fix_high:",
             type="primary", on_click=_request, args=("opt_wanted", key))  # fmt: skip
    results: dict = _kept().setdefault("opt", {})
    if _kept().pop("opt_wanted", None) == key:
        # A click on Stop asks for a new run, which ends this one at its next progress update.
        stop = b.empty()  # shown while the search runs only
        stop.button(t("dec.opt.stop", lang), key="dec_opt_stop", icon=":material/stop:",
                    on_click=_request, args=("opt_stopped", key))  # fmt: skip
        got = _run_optimizer(plan, base, levers, objective, limits, seed, lang)
        stop.empty()
        results.clear()  # the latest only
        results[key] = got
    if _kept().pop("opt_stopped", None) is not None:
        st.info(t("dec.opt.stopped", lang), icon=":material/info:")
    if (kept := _kept_result(results, key, lang)) is not None:
        _opt_result(kept, plan, lang)


def _ranges(plan: Scenario, chosen: list[str], lang: str) -> list[tuple[float, float]]:
    """Each lever's search range, in a table the user may edit (kept per lever)."""
    st.markdown(f"**{t('dec.opt.ranges', lang)}**")
    store: dict = _kept().setdefault("ranges", {})
    rows = [{"lever": lever_label(plan, p, lang),
             "lo": store.get(p, _default_range(plan, p))[0],
             "hi": store.get(p, _default_range(plan, p))[1],
             "current": fmt_lever(plan, p, _current(plan, p), lang)} for p in chosen]  # fmt: skip
    edited = st.data_editor(
        pd.DataFrame(rows), hide_index=True, width="stretch", disabled=["lever", "current"],
        key=f"dec_opt_ranges_{_digest(chosen)}",
        column_config={
            "lever": st.column_config.TextColumn(t("dec.opt.col.lever", lang)),
            "lo": st.column_config.NumberColumn(t("dec.opt.col.lo", lang), required=True),
            "hi": st.column_config.NumberColumn(t("dec.opt.col.hi", lang), required=True),
            "current": st.column_config.TextColumn(t("dec.opt.col.current", lang)),
        },
    )  # fmt: skip
    out = []
    for p, lo, hi in zip(chosen, edited["lo"], edited["hi"], strict=True):
        pair = (float(lo), float(hi)) if pd.notna(lo) and pd.notna(hi) else _default_range(plan, p)
        store[p] = pair
        out.append(pair)
    return out


def _objective_and_limits(plan: Scenario, lang: str) -> tuple[str, dict[str, float], int]:
    objectives = list(OBJECTIVES)
    c1, c2 = st.columns([3, 1])
    objective = c1.radio(
        t("dec.opt.objective", lang), options=objectives, horizontal=True,
        index=objectives.index(_choice("dec_opt_objective", objectives, "profit")),
        format_func=lambda o: t(OBJECTIVES[o], lang), key="dec_opt_objective",
        on_change=_keep, args=("dec_opt_objective",),
    )  # fmt: skip
    seed = c2.number_input(t("dec.opt.seed", lang), min_value=0, max_value=2**31 - 1,
                           value=int(_kept().get("dec_opt_seed", OPT_SEED)), step=1,
                           key="dec_opt_seed", on_change=_keep, args=("dec_opt_seed",))  # fmt: skip
    st.markdown(f"**{t('dec.opt.limits', lang)}**")
    limits: dict[str, float] = {}
    base_totals = state.results()[0].totals
    lowest = min(base_totals[f"dsr_{d}_min"] for d in ("description", "service", "logistics"))
    for name, (label, default, unit, step) in LIMITS.items():
        if name == "dsr_min":  # never a floor the store today already breaks
            default = min(default, math.floor(lowest * 100) / 100)
        on_key, v_key = f"dec_lim_{name}_on", f"dec_lim_{name}"
        a, b = st.columns([2, 2])
        text = t(label, lang)  # also inside sentences (a refusal): capitalised as a label here
        on = a.checkbox(text[:1].upper() + text[1:], value=bool(_kept().get(on_key, name == "dsr_min")),
                        key=on_key, on_change=_keep, args=(on_key,))  # fmt: skip
        value = b.number_input(t(label, lang), value=float(_kept().get(v_key, default)),
                               step=step, key=v_key, on_change=_keep, args=(v_key,),
                               label_visibility="collapsed", disabled=not on,
                               format="%.2f" if unit == "score" else "%.0f")  # fmt: skip
        if on:
            limits[name] = float(value)
    return objective, limits, int(seed)


def _run_optimizer(plan: Scenario, base: Scenario, levers: list[Lever], objective: str,
                   limits: dict[str, float], seed: int, lang: str) -> Optimum | Exception:  # fmt: skip
    bar = st.progress(0.0, text=t("dec.opt.progress", lang, pct=fmt_pct(0.0, lang, digits=0)))

    def progress(f: float) -> None:
        bar.progress(min(f, 1.0), text=t("dec.opt.progress", lang, pct=fmt_pct(f, lang, digits=0)))

    try:
        got: Optimum | Exception = optimize(plan, reference=base, levers=levers,
                                            objective=objective, constraints=limits, seed=seed,
                                            progress=progress)  # fmt: skip
    except ValueError as exc:  # a typed refusal (a range outside the lever's), said in words
        got = exc
    bar.empty()
    return got


def _opt_result(res: Optimum, plan: Scenario, lang: str) -> None:
    name = t(MEASURES[res.objective], lang)
    if not res.feasible:
        st.warning(t("dec.opt.infeasible", lang), icon=":material/warning:")
    c1, c2 = st.columns(2)
    c1.metric(t("dec.opt.best", lang, objective=name),
              fmt_measure(res.value, res.objective, lang, signed=True),
              delta=fmt_measure(res.value - res.current, res.objective, lang, signed=True))  # fmt: skip
    c2.metric(t("dec.opt.current", lang), fmt_measure(res.current, res.objective, lang,
                                                       signed=True))  # fmt: skip
    if not res.current_feasible:
        st.caption(t("dec.opt.current_infeasible", lang))
    table = pd.DataFrame({
        t("dec.opt.col.lever", lang): [lever_label(plan, p, lang) for p in res.levers["path"]],
        t("dec.opt.col.current", lang): [fmt_lever(plan, p, v, lang) for p, v in
                                         zip(res.levers["path"], res.levers["current"], strict=True)],
        t("dec.opt.col.best", lang): [fmt_lever(plan, p, v, lang) for p, v in
                                      zip(res.levers["path"], res.levers["best"], strict=True)],
    })  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")
    _front(res, lang)
    feasible = int(res.history["feasible"].sum())
    st.caption(t("dec.opt.runs", lang, runs=res.evaluations, feasible=feasible))
    st.button(t("dec.opt.save", lang), key="dec_opt_save", icon=":material/bookmark_add:",
              on_click=_save, args=(res.best, "dec.opt.save_name", lang))  # fmt: skip


def _front(res: Optimum, lang: str) -> None:
    st.markdown(f"**{t('dec.opt.front', lang)}**")
    hist = res.history[res.history["feasible"]]
    best = res.history[res.history["objective"] == res.value].head(1)
    cur = _current_point(res)
    parts = [("tried", "dec.opt.series.tried", hist), ("front", "dec.opt.series.front", res.front),
             ("mark", "dec.opt.series.best", best), ("mark", "dec.opt.series.current", cur)]  # fmt: skip
    frames = [pd.DataFrame({"kind": kind, "series": t(label, lang), "gmv": f["gmv"].to_numpy(float),
                            "profit": f["profit"].to_numpy(float)}) for kind, label, f in parts]  # fmt: skip
    data = pd.concat(frames, ignore_index=True)
    data["gmv_text"] = [fmt_signed_money(v, lang) for v in data["gmv"]]
    data["profit_text"] = [fmt_signed_money(v, lang) for v in data["profit"]]
    st.altair_chart(front_chart(data, x_title=t("dec.opt.axis.gmv", lang),
                                y_title=t("dec.opt.axis.profit", lang), lang=lang),
                    width="stretch")  # fmt: skip
    st.caption(t("dec.opt.front.caption", lang))
    if res.gap_to_front > 1.0:
        st.info(t("dec.opt.gap", lang, gap=fmt_money(res.gap_to_front, lang)),
                icon=":material/trending_up:")  # fmt: skip
    else:
        st.caption(t("dec.opt.on_front", lang))


def _current_point(res: Optimum) -> pd.DataFrame:
    """The plan as given on the chart (its GMV and profit change, from the optimum's record)."""
    return pd.DataFrame({"gmv": [res.current_gmv], "profit": [res.current_profit]})
