"""Membership & repurchase: members, old customers, cohort repurchase, CLV, liabilities and cash."""

import numpy as np
import pandas as pd
import streamlit as st

from simulator import PARAMS, studies
from ui import charts, layout, membership, router, state, widgets
from ui.fmt import fmt_money, fmt_number, fmt_pct
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

#: Scheme tabs: (scheme, title key, registry fields shown under its switch).
SCHEMES = (
    ("member_price", "mb.member_price", ("discount",)),
    ("member_day", "mb.member_day", ("uplift", "day_of_month")),
    ("points", "mb.points", ("per_yuan", "prompt_pay_share", "review_share", "signin_rate",
                             "favourite_share", "yuan_per_point", "breakage",
                             "redemption_lag_days", "valid_lag_days")),
    ("card", "mb.card", ("tier", "price", "uptake", "repeat_uplift", "renewal_alpha",
                         "renewal_beta", "wtp_ratio", "wtp_sigma")),
    ("stored_value", "mb.stored_value", ("amount", "uptake", "breakage", "spend_lag_days",
                                         "repeat_uplift")),
    ("referral", "mb.referral", ("rate", "active_days", "repeat_multiplier")),
    ("outreach", "mb.outreach", ("uplift", "reach", "channel")),
)  # fmt: skip
RR_DAYS = np.array([30.0, 90.0, 180.0, 365.0])
#: Registry groups this page edits: one added to them later shows in its advanced section.
ADVANCED = ("membership", "repeat")

lang = state.lang()
which = state.editing()
st.title(t("page.membership", lang), anchor=False)
st.caption(t("mb.intro", lang))
layout.versus(lang)  # the scenarios this page compares, by name
st.badge(
    t("side.edit_plan" if which == state.PLAN else "side.edit_baseline", lang),
    icon=":material/edit:",
    color="orange" if which == state.PLAN else "gray",
)


with layout.guard():
    layout.show_messages()
    top = st.container()
    controls, results = st.columns([4, 5], gap="large")
    with controls:
        st.subheader(t("mb.schemes", lang), anchor=False)
        a, b = st.columns(2)
        widgets.param_input(which, "membership.enrollment_rate", slider=True, container=a)
        widgets.param_input(which, "membership.repeat_uplift", slider=True, container=b)
        membership.paid_membership(which, st)
        tabs = st.tabs([t(title, lang) for _, title, _ in SCHEMES] + [t("mb.streams", lang)])
        for tab, (scheme, _, fields) in zip(tabs, SCHEMES, strict=False):
            with tab:
                st.caption(t(f"mb.{scheme}_about", lang))
                on = membership.switch(
                    which, f"membership.{scheme}.enabled", t("mb.enable", lang), tab
                )
                if on:
                    paths = [f"membership.{scheme}.{name}" for name in fields]
                    for path in (p for p in paths if PARAMS[p].kind == "choice"):
                        widgets.param_input(which, path, container=tab)  # full width
                    cols = st.columns(2)
                    numbers = [p for p in paths if PARAMS[p].kind != "choice"]
                    for i, path in enumerate(numbers):
                        widgets.param_input(which, path, container=cols[i % 2])
                if on and scheme == "card":
                    membership.uptake_caption(which, "mb.card_uptake", tab)
                if on and scheme == "points":
                    path = "membership.points.review_reward"
                    if membership.switch(which, path, t("mb.review_reward", lang), tab):
                        st.caption(f":material/gavel: {t('mb.review_warning', lang)}")
        with tabs[-1]:
            a, b = st.columns(2)
            widgets.param_input(which, "repeat.bad_experience_share", container=a)
            widgets.param_input(which, "repeat.bad_experience_factor", container=b)
            membership.repeat_spend(which, st)
            a, b = st.columns(2)
            widgets.param_input(which, "repeat.clv_horizon_days", container=a)
            widgets.param_input(which, "repeat.clv_discount_rate", slider=True, container=b)
        widgets.advanced(which, ADVANCED)  # last: parameters of these groups not drawn above

    with layout.working("simulate", n=2, days=state.plan().horizon_days):
        base, plan = state.results()
    shown = plan if which == state.PLAN else base
    names = {t("side.baseline_name", lang): base.daily, t("side.plan_name", lang): plan.daily}
    with top:
        layout.kpi_cards(
            base,
            plan,
            (
                ("old_customer_share", "pct"),
                ("orders_repeat", "count"),
                ("members_end", "count"),
                ("loyalty_cost", "money"),
                ("profit", "money"),
                ("cash", "money"),
            ),
        )
        layout.show_messages(plan)
    with results:
        st.subheader(t("mb.members_chart", lang), anchor=False)
        layout.daily_metric_chart(
            names,
            {"members": ",.0f", "old_customer_share": ".1%", "orders_repeat": ",.0f",
             "orders_referred": ",.0f"},
            "mb_metric",
        )  # fmt: skip
        # cohort repurchase and CLV per new customer, by scenario
        st.subheader(t("mb.cohort", lang), anchor=False)
        days = np.arange(1, 366, dtype=float)
        curves, clv_rows = {}, []
        for label, res, ref in (
            (t("side.baseline_name", lang), base, state.baseline()),
            (t("side.plan_name", lang), plan, state.baseline()),
        ):
            rr = studies.cohort_repurchase(result=res, reference=ref, days=days)
            curves[label] = pd.DataFrame({"day": days, "value": rr})
            value = studies.customer_value(result=res, reference=ref)
            at = studies.cohort_repurchase(result=res, reference=ref, days=RR_DAYS)
            clv_rows.append(
                {
                    t("m.scenario", lang): label,
                    **{t("mb.rr", lang, d=int(d)): fmt_pct(v, lang) for d, v in zip(RR_DAYS, at, strict=True)},
                    t("mb.clv_repeats", lang): fmt_number(value.expected_repeat_orders, lang, digits=2),
                    t("mb.clv_plain", lang): fmt_money(value.clv_gross_margin, lang, digits=2, compact=False),
                    t("mb.clv", lang): fmt_money(value.clv_discounted, lang, digits=2, compact=False),
                }
            )  # fmt: skip
        st.altair_chart(
            charts.daily_chart(
                charts.daily_data(curves, "value"),
                x_title=t("mb.days_since", lang),
                y_title=t("mb.rr_axis", lang),
                y_format=".0%",
                lang=lang,
                scenario_title=t("m.scenario", lang),
            ),
            width="stretch",
        )
        st.dataframe(pd.DataFrame(clv_rows), hide_index=True, width="stretch")
        rp = shown.scenario.repeat
        st.caption(
            t(
                "mb.clv_units",
                lang,
                h=rp.clv_horizon_days,
                d=fmt_pct(rp.clv_discount_rate, lang, digits=0),
            )
        )

    st.subheader(t("mb.money", lang), anchor=False)

    left, right = st.columns(2, gap="large")
    d, dp, db = shown.daily, plan.daily, base.daily
    with left:
        layout.yuan_lines("mb.liabilities", "mb.ledger", d["day"], {
            t("m.points_liability", lang): d["points_liability"],
            t("m.stored_value_liability", lang): d["stored_value_liability"],
            t("m.card_deferred_revenue", lang): d["card_deferred_revenue"],
            t("m.membership_fee_deferred", lang): d["membership_fee_deferred"],
        })  # fmt: skip
    with right:
        layout.yuan_lines("mb.cash_chart", "mb.line", dp["day"], {
            f"{t('side.plan_name', lang)} · {t('m.profit', lang)}":
                studies.running_totals(daily=dp, column="profit"),
            f"{t('side.plan_name', lang)} · {t('m.cash', lang)}":
                studies.running_totals(daily=dp, column="cash"),
            f"{t('side.baseline_name', lang)} · {t('m.profit', lang)}":
                studies.running_totals(daily=db, column="profit"),
        })  # fmt: skip
    tot = shown.totals
    scheme_cols = [
        "membership_fee_revenue", "points_expense", "card_revenue", "card_free_orders", "stored_value_topups",
        "stored_value_gift_cost", "stored_value_breakage", "referral_reward_cost",
        "outreach_cost", "member_price_cost",
    ]  # fmt: skip
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("mb.line", lang): t(f"m.{c}", lang),
                    t("mb.total", lang): fmt_number(tot[c], lang)
                    if c == "card_free_orders"
                    else fmt_money(tot[c], lang),
                }
                for c in scheme_cols
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    k = studies.referral_k(result=shown, reference=state.baseline())
    if shown.scenario.membership.referral.enabled:
        st.caption(t("mb.k", lang, k=fmt_number(k, lang, digits=3)))

    with st.expander(t("mb.v6", lang), icon=":material/fact_check:"):
        rows = []
        for preset, need in (
            ("new_store", "mb.v6_a"),
            ("large_store", "mb.v6_c"),
            ("mid_store", "mb.v6_b"),
        ):
            stage = state.store_stage(preset)
            rows.append(
                {
                    t("as.col.preset", lang): t(f"preset.{preset}", lang),
                    t("m.inquiries", lang): fmt_number(stage.inquiries, lang),
                    t("m.old_customer_share", lang): fmt_pct(stage.old_share, lang),
                    t("mb.loyal", lang): fmt_pct(stage.loyal, lang),
                    t("mb.seed_says", lang): t(need, lang),
                }
            )
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        st.caption(t("mb.v6_note", lang))
    with st.expander(t("pr.formulas", lang), icon=":material/function:"):
        st.markdown(t("mb.formulas", lang))
        used = [
            p for p in PARAMS.values() if p.group == "membership" or p.path.startswith("repeat.")
        ]
        layout.provenance_table(used)
