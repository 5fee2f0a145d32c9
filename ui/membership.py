"""The Membership page's controls that say what they imply (``pages/membership.py`` draws the
frame): a scheme's switch, the paid membership's sBG renewal terms and priced uptake, and the
repeat spend (AOV ratio or Gamma-Gamma, with what p, q, v imply for one customer). They edit the
scenario ``which`` through ``ui.state``; the numbers come from ``simulator`` by keyword."""

from __future__ import annotations

import numpy as np
import streamlit as st

from simulator import get_param, studies
from simulator.clv import gg_conditional_mean, gg_scale_for_mean, sbg_survival
from ui import state, widgets
from ui.fmt import fmt_money, fmt_number, fmt_pct
from ui.i18n import t


def switch(which: str, path: str, label: str, container) -> bool:
    """A toggle for a yes/no field of the scenario at ``path``; returns the value in force."""
    key = widgets.widget_key(which, path)
    scenario = state.slot(which).scenario
    on = bool(get_param(scenario, path))
    container.toggle(
        label,
        value=on,
        key=key,
        on_change=lambda: state.update(which, path, bool(st.session_state[key])),
    )
    return on


def paid_membership(which: str, container) -> None:
    """The membership fee, and its sBG renewal terms once there is one."""
    lang = state.lang()
    ms = state.slot(which).scenario.membership
    widgets.param_input(which, "membership.fee", container=container)
    renewal = ("membership.renewal_alpha", "membership.renewal_beta")
    widgets.claim(renewal)  # shown once there is a fee: they change nothing without one
    if ms.fee > 0:
        a, b = container.columns(2)
        widgets.param_input(which, "membership.renewal_alpha", container=a)
        widgets.param_input(which, "membership.renewal_beta", container=b)
        s = sbg_survival(t=np.array([1.0, 3.0]), alpha=ms.renewal_alpha, beta=ms.renewal_beta)
        container.caption(t("mb.fee_terms", lang, r1=fmt_pct(s[0], lang), s3=fmt_pct(s[1], lang)))
        a, b = container.columns(2)
        widgets.param_input(which, "membership.wtp_ratio", container=a)
        widgets.param_input(which, "membership.wtp_sigma", container=b)
        uptake_caption(which, "mb.fee_uptake", container)


def uptake_caption(which: str, key: str, container) -> None:
    """What the scheme returns a buyer a year or a term, and its uptake at the scenario's price
    against the stated rate at the baseline's price (membership.priced_uptake)."""
    lang = state.lang()
    sc, ref = state.slot(which).scenario, state.baseline()
    ms, rs = sc.membership, ref.membership
    card = key == "mb.card_uptake"
    terms = studies.uptake_terms(scenario=sc, reference=ref, card=card)
    container.caption(
        t(
            key,
            lang,
            benefit=fmt_money(terms.benefit, lang, digits=2, compact=False),
            price=fmt_money(ms.card.price if card else ms.fee, lang, digits=2, compact=False),
            ref_price=fmt_money(rs.card.price if card else rs.fee, lang, digits=2, compact=False),
            stated=fmt_pct(ms.card.uptake if card else ms.enrollment_rate, lang, digits=1),
            priced=fmt_pct(terms.uptake, lang, digits=1),
        )
    )


def repeat_spend(which: str, container) -> None:
    """Repeat order value: the AOV ratio, or Gamma-Gamma's p, q, v with what they imply."""
    lang = state.lang()
    sc = state.slot(which).scenario
    widgets.param_input(which, "repeat.spend_model", container=container)
    widgets.claim(["repeat.aov_ratio", "repeat.gg_p", "repeat.gg_q", "repeat.gg_v"])  # one model
    if sc.repeat.spend_model != "gamma_gamma":
        widgets.param_input(which, "repeat.aov_ratio", container=container)
        return
    cols = container.columns(3)
    for col, name in zip(cols, ("gg_p", "gg_q", "gg_v"), strict=True):
        widgets.param_input(which, f"repeat.{name}", container=col)
    rp = sc.repeat
    spend = studies.repeat_spend(scenario=sc)
    mean = spend.mean
    cv = (
        fmt_number(spend.order_cv, lang, digits=2)
        if np.isfinite(spend.order_cv)
        else t("mb.gg_infinite", lang)
    )
    container.caption(
        t(
            "mb.gg_summary",
            lang,
            mean=fmt_money(mean, lang, digits=2, compact=False),
            ratio=fmt_number(spend.aov_ratio, lang, digits=2),
            cv=cv,
            sigma=fmt_number(spend.sigma, lang, digits=2),
        )
    )
    v = gg_scale_for_mean(mean=sc.store.aov, p=rp.gg_p, q=rp.gg_q)
    container.button(
        t("mb.gg_match", lang),
        icon=":material/sync:",
        key=f"mb_gg_match_{which}",
        on_click=state.update,
        args=(which, "repeat.gg_v", round(v, 4)),
    )
    with container.expander(t("mb.gg_customer", lang), icon=":material/person:"):
        a, b = st.columns(2)
        x = a.number_input(t("mb.gg_x", lang), 0, 1000, 2, key="mb_gg_x")
        mbar = b.number_input(t("mb.gg_mbar", lang), 0.0, 1e6, round(2 * mean, 2), key="mb_gg_mbar")
        value = float(gg_conditional_mean(x=x, mbar=mbar, p=rp.gg_p, q=rp.gg_q, v=rp.gg_v))
        st.caption(
            t(
                "mb.gg_expect",
                lang,
                value=fmt_money(value, lang, digits=2, compact=False),
                own=fmt_money(mbar, lang, digits=2, compact=False),
                pop=fmt_money(mean, lang, digits=2, compact=False),
            )
        )
