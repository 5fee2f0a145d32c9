"""The DSR & service page's sections (``pages/dsr_service.py`` draws the frame): the score chart
on the industry band, the five-star recovery calculator, seed 002's fast and slow agents, and seed
003's campaign what-if. They read the workspace from ``ui.state`` and draw; the numbers come from
``simulator`` (``studies``, ``dsr``, ``service``), called by keyword."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from simulator import PARAMS, load_preset
from simulator import dsr as dsr_mod
from simulator.service import SEED_002_CONVERSION_RATIO, auto_reply_cap, seed_002_cases
from ui import charts, layout, state
from ui.fmt import fmt_duration_s, fmt_money, fmt_number, fmt_pct, fmt_score
from ui.i18n import t

#: What-if of seed 003's campaign: the preset against the store today.
CAMPAIGN, STORE = "double12_campaign", "mid_store"


def score_chart(
    frames: dict[str, pd.DataFrame], column: str, band: tuple[float, float]
) -> alt.TopLevelMixin:
    """One score over the days for each scenario, on the industry band (mean … max)."""
    lang = state.lang()
    return charts.score_chart(
        charts.daily_data(frames, column),
        band,
        band_label=t("ds.band", lang),
        score_title=t("ds.score", lang),
        day_title=t("m.day", lang),
        scenario_title=t("m.scenario", lang),
        lang=lang,
    )


def recovery_calculator() -> None:
    """Five-star ratings that neutralise one low rating, with the seed's formula corrected."""
    lang = state.lang()
    a, b = st.columns(2)
    f = a.number_input(
        t("ds.rc_score", lang),
        float(PARAMS["dsr.initial.logistics"].lo),
        4.99,  # below 5: at 5 no rating can fall and none can make up for it
        float(PARAMS["dsr.initial.logistics"].default),  # seed 000's example score 4.8
        0.01,
        format="%.4f",
        key="ds_rc_f",
        persist_state="session",
    )
    key, carried = state.option_key("ds_rc_k")
    k = b.selectbox(
        t("ds.rc_star", lang),
        (1, 2, 3, 4),
        index=carried - 1 if carried in (1, 2, 3, 4) else 0,
        key=key,
        format_func=lambda s: t("ds.rc_star_n", lang, k=s),
        persist_state="session",
    )
    x = dsr_mod.recovery_five_stars(f=f, k=k)
    need = dsr_mod.five_stars_needed(f=f, k=k)
    st.metric(t("ds.rc_need", lang), fmt_number(need, lang), border=True,
              help=t("ds.rc_exact", lang, x=fmt_number(x, lang, digits=3)))  # fmt: skip
    wrong = dsr_mod.recovery_seed_formula(f=f)
    st.markdown(
        t("ds.rc_explain", lang, f=fmt_number(f, lang, digits=4), k=k,
          x=fmt_number(x, lang, digits=3), n=need, wrong=fmt_number(wrong, lang, digits=2))
    )  # fmt: skip
    table = [
        {
            t("ds.rc_score", lang): fmt_number(g, lang, digits=2),
            t("ds.rc_right", lang): fmt_number(dsr_mod.five_stars_needed(f=g), lang),
            t("ds.rc_wrong", lang): fmt_number(dsr_mod.seed_formula_five_stars(f=g), lang),
        }
        for g in (4.5, 4.6, 4.7, 4.8, 4.9)
    ]
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")


def seed_002_case(which: str) -> None:
    """Seed 002's fast and slow agents as a worked case of the response-time curve, with and
    without the auto-reply floor; a button puts the seed's half-life (auto-reply off) into the
    scenario being edited (``which``), so the 10.5× is reproduced in the simulation."""
    lang = state.lang()
    sv = state.slot(which).scenario.service
    cases = seed_002_cases(
        rt_ref_s=sv.rt_ref_s, half_life_s=sv.rt_half_life_s, floor=sv.auto_reply_factor
    )
    seed_h = cases[-1]["half_life_s"]
    st.markdown(
        t("ds.seed002", lang, ratio=fmt_number(SEED_002_CONVERSION_RATIO, lang, digits=1),
          h=fmt_number(seed_h, lang, digits=1), h_now=fmt_number(sv.rt_half_life_s, lang),
          model=fmt_number(cases[0]["ratio"], lang, digits=2), fast=fmt_pct(cases[0]["fast"], lang),
          slow=fmt_pct(cases[0]["slow"], lang))
    )  # fmt: skip
    rows = [
        {
            t("ds.s2_half_life", lang): fmt_duration_s(c["half_life_s"], lang),
            t("ds.s2_auto_reply", lang): (
                t("ds.s2_floor", lang, f=fmt_pct(c["floor"], lang, digits=0))
                if c["floor"] > 0
                else t("ds.s2_off", lang)
            ),
            t("ds.s2_fast", lang): fmt_pct(c["fast"], lang),
            t("ds.s2_slow", lang): fmt_pct(c["slow"], lang),
            t("ds.s2_ratio", lang): f"{fmt_number(c['ratio'], lang, digits=2)}×",
        }
        for c in cases
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    cap = auto_reply_cap(floor=sv.auto_reply_factor)
    st.caption(
        t("ds.s2_floor_note", lang, f=fmt_pct(sv.auto_reply_factor, lang, digits=0),
          cap=fmt_number(cap, lang, digits=1))
        if sv.auto_reply_factor > 0
        else t("ds.s2_no_floor_note", lang)
    )  # fmt: skip
    st.button(
        t("ds.s2_apply", lang, h=fmt_number(seed_h, lang, digits=1)),
        key="ds_s2_apply",
        on_click=_reproduce_seed_002,
        args=(which, round(float(seed_h), 1)),
    )


@state.recording(lambda x, which, h: t("undo.act.seed_002", x, h=fmt_number(h, x, digits=1),
                                       scenario=state.name_of(which, x)))  # fmt: skip
def _reproduce_seed_002(which: str, half_life_s: float) -> None:
    """Put seed 002's derived half-life, with the auto-reply off, into the edited scenario."""
    ok = state.update(which, "service.rt_half_life_s", half_life_s)
    if ok and state.update(which, "service.auto_reply_factor", 0.0):
        state.slot(which).version += 1  # the number boxes show the new values
        state.note(t("ds.s2_applied", state.lang()))


def campaign_what_if() -> None:
    """Seed 003's campaign with its everyday desk and warehouse against adequate ones."""
    lang = state.lang()
    st.caption(t("ds.wi_intro", lang))
    with layout.working("campaign"):
        agents_ok, capacity_ok = state.adequate_campaign(CAMPAIGN, STORE)
    a, b = st.columns(2)
    agents = a.slider(
        t("ds.wi_agents", lang),
        0,
        max(20, 2 * agents_ok),
        agents_ok,
        key="ds_wi_agents",
        persist_state="session",
    )
    capacity = b.slider(
        t("ds.wi_capacity", lang),
        0,
        int(max(400, capacity_ok * 2)),
        int(capacity_ok),
        10,
        key="ds_wi_capacity",
        persist_state="session",
    )
    st.caption(t("ds.wi_adequate", lang, agents=agents_ok, capacity=fmt_number(capacity_ok, lang)))
    with layout.working("campaign"):
        cases = {
            t("ds.wi_seed", lang): state.campaign_case(
                CAMPAIGN, STORE, extra_agents=0, extra_capacity=0.0
            ),
            t("ds.wi_yours", lang): state.campaign_case(
                CAMPAIGN, STORE, extra_agents=agents, extra_capacity=float(capacity)
            ),
        }
    rows = []
    for label, key, fmt in (
        ("ds.wi_peak_rt", "peak_rt", lambda v: fmt_duration_s(v, lang)),
        ("ds.wi_saturated", "saturated", lambda v: fmt_number(v, lang)),
        ("kpi.backlog_max", "backlog", lambda v: fmt_number(v, lang)),
        ("kpi.late_rate", "late", lambda v: fmt_pct(v, lang)),
        ("m.orders_cancelled", "cancelled", lambda v: fmt_number(v, lang)),
        ("m.late_compensation", "compensation", lambda v: fmt_money(v, lang)),
        ("ds.wi_service_min", "service_min", lambda v: fmt_score(v, lang)),
        ("ds.wi_logistics_min", "logistics_min", lambda v: fmt_score(v, lang)),
        ("kpi.dsr_mean_end", "mean_end", lambda v: fmt_score(v, lang)),
        ("kpi.gmv", "gmv", lambda v: fmt_money(v, lang)),
        ("m.service_cost", "service_cost", lambda v: fmt_money(v, lang)),
        ("kpi.profit", "profit", lambda v: fmt_money(v, lang)),
    ):
        rows.append({t("ds.wi_measure", lang): t(label, lang),
                     **{name: fmt(getattr(case, key)) for name, case in cases.items()}})  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    frames = {name: case.daily for name, case in cases.items()}
    ds = load_preset(CAMPAIGN).dsr
    st.markdown(f"**{t('m.dsr_logistics', lang)}**")
    st.altair_chart(
        score_chart(frames, "dsr_logistics", (ds.industry_mean, ds.industry_max)), width="stretch"
    )
