"""Promotions: a campaign calendar under seed 003's layering rule; each promotion's cost,
increments and ROI; the post-promotion dip; the basket around a threshold; picking a 满减 tier;
the profit waterfall of plan vs baseline."""

import numpy as np
import pandas as pd
import streamlit as st

from simulator.basket import Padding, basket_density, threshold_curve, threshold_outcome
from simulator.promotions import FREE_SHIPPING_MARGIN
from ui import charts, layout, promotions, router, state, widgets
from ui.fmt import (
    MONEY_MEASURES,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_signed_money,
    fmt_signed_number,
)
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

#: KPI cards of this page: (Result.totals key, kind of number).
KPIS = (
    ("gmv", "money"),
    ("orders_paid", "count"),
    ("aov", "price"),
    ("promotion_cost", "money"),
    ("profit", "money"),
)
#: Basket chart grid: 0 … AOV × 4 [the lognormal's mass beyond is negligible at σ_B ≤ 0.8].
BASKET_SPAN, BASKET_POINTS = 4.0, 600
#: Candidate 满减 thresholds: AOV × 0.6 … AOV × 2, 40 points.
CURVE_FROM, CURVE_TO, CURVE_POINTS = 0.6, 2.0, 40

lang = state.lang()
which = state.editing()
st.title(t("page.promotions", lang), anchor=False)
st.caption(t("pr.intro", lang))
layout.versus(lang)  # the scenarios this page compares, by name
st.badge(
    t("side.edit_plan" if which == state.PLAN else "side.edit_baseline", lang),
    icon=":material/edit:",
    color="orange" if which == state.PLAN else "gray",
)

with layout.guard():
    # The builder applies its form in a callback, before this run: the results include it.
    with layout.working("simulate", n=2, days=state.plan().horizon_days):
        base, plan = state.results()
    shown = plan if which == state.PLAN else base
    sc = shown.scenario
    values = promotions.formula_values(sc, lang)
    phases = {"event": t("pr.phase.event", lang), "preheat": t("pr.phase.preheat", lang)}
    rows = promotions.timeline_rows(sc, lang)
    layout.kpi_cards(base, plan, KPIS)
    st.caption(t("kpi.horizon_note", lang, days=plan.scenario.horizon_days))

    build_col, calendar_col = st.columns([2, 3], gap="large")
    with build_col:
        st.subheader(t("pr.builder", lang), anchor=False)
        promotions.builder(which)
        layout.show_messages(shown)

    with calendar_col:
        st.subheader(t("pr.current", lang), anchor=False)
        if rows:
            st.altair_chart(
                charts.timeline_chart(
                    charts.timeline_data(rows, phases),
                    horizon=sc.horizon_days,
                    kinds=[promotions.kind_name(k, lang) for k in promotions.KINDS],
                    x_title=t("m.day", lang),
                    kind_title=t("pr.col.kind", lang),
                    titles={
                        "audience": t("pr.col.audience", lang),
                        "days": t("pr.col.days", lang),
                        "phase": t("pr.col.phase", lang),
                        "detail": t("pr.col.detail", lang),
                    },
                ),
                width="stretch",
            )
        promotions.calendar_list(which)
        with st.expander(t("pr.formulas", lang), icon=":material/function:"):
            st.markdown(t("pr.f.calendar", lang, **values))

    # ----------------------------------------------------------------- per promotion
    st.subheader(t("pr.report", lang), anchor=False)
    with layout.working("promotions"):
        report = state.promotions_report(which)
    if report.empty:
        st.caption(t("pr.none", lang))
    else:
        promos = sc.promotions
        table = pd.DataFrame(
            {
                "no": [f"#{i + 1}" for i in report["index"]],
                "kind": [promotions.kind_name(k, lang) for k in report["kind"]],
                "cost": [fmt_money(v, lang) for v in report["cost"]],
                "incremental_gmv": [fmt_signed_money(v, lang) for v in report["incremental_gmv"]],
                "incremental_orders": [
                    fmt_signed_number(v, lang) for v in report["incremental_orders"]
                ],
                "incremental_profit": [
                    fmt_signed_money(v, lang) for v in report["incremental_profit"]
                ],
                "roi": [fmt_pct(v, lang, digits=0) for v in report["roi"]],
                "detail": [promotions.detail_text(promos[i], sc, lang) for i in report["index"]],
                "days": [
                    promotions.days_text(promos[i], lang, sc.start_date) for i in report["index"]
                ],
                "audience": [promotions.audience_text(promos[i], lang) for i in report["index"]],
            }
        )
        st.dataframe(
            table.rename(columns={c: t(f"pr.col.{c}", lang) for c in table.columns}),
            hide_index=True,
            width="stretch",
        )
    st.caption(t("pr.report_caption", lang))
    with st.expander(t("pr.formulas", lang), icon=":material/function:"):
        st.markdown(t("pr.f.mechanisms", lang, **values))

    # ----------------------------------------------------------------- daily, with the dip
    st.subheader(t("pr.daily", lang), anchor=False)
    key, carried = state.option_key("pr_metric")
    metric = st.segmented_control(
        t("ov.metric", lang),
        options=["orders_paid", "gmv", "profit"],
        default=carried if carried in ("orders_paid", "gmv", "profit") else "orders_paid",
        required=True,
        format_func=lambda m: t(f"m.{m}", lang),
        key=key,
        persist_state="session",
    )
    names = {t("side.baseline_name", lang): base.daily, t("side.plan_name", lang): plan.daily}
    repay = pd.DataFrame({"day": shown.daily["day"], "value": shown.daily["pull_forward_repay"]})
    st.altair_chart(
        charts.promo_daily_chart(
            charts.daily_data(names, metric),
            charts.event_bands(rows, phases),
            repay if repay["value"].sum() > 0 else None,
            x_title=t("m.day", lang),
            y_title=t(f"m.{metric}", lang),
            repay_title=t("pr.repay", lang),
            band_title=t("pr.band", lang),
            scenario_title=t("m.scenario", lang),
            lang=lang,
            money=metric in MONEY_MEASURES,
        ),
        width="stretch",
    )
    st.caption(
        t(
            "pr.repay_caption",
            lang,
            total=fmt_number(shown.totals["pull_forward_repay"], lang),
            left=fmt_number(shown.totals["pull_forward_debt_end"], lang),
        )
    )
    with st.expander(t("pr.formulas", lang), icon=":material/function:"):
        st.markdown(t("pr.f.pull", lang, **values))

    # ----------------------------------------------------------------- basket and threshold
    aov, sigma = sc.store.aov, sc.basket.sigma
    padding = Padding(sc.basket.pad_value_share, sc.basket.pad_max_prob)
    basket_col, curve_col = st.columns(2, gap="large")
    with basket_col:
        st.subheader(t("pr.basket", lang), anchor=False)
        offers = {
            i: offer
            for i, p in enumerate(sc.promotions)
            if (offer := promotions.basket_offer(p, sc)) is not None
        }
        source = st.selectbox(
            t("pr.basket_source", lang),
            options=[*offers, "custom"],
            format_func=lambda s: (
                t("pr.custom", lang)
                if s == "custom"
                else f"{promotions.label(s, sc.promotions[s], lang)}: "
                f"{promotions.detail_text(sc.promotions[s], sc, lang)}"
            ),
            # a new threshold offer is chosen first; one key per language (state.option_key)
            key=state.lang_key(f"pr_basket_source:{sorted(offers)}", lang),
        )
        if source == "custom":
            a, b = st.columns(2)
            threshold = widgets.field_input(
                "promotion.threshold_discount.threshold",
                "pr_basket_threshold",
                value=aov + FREE_SHIPPING_MARGIN,
                hi=aov * BASKET_SPAN,
                slider=True,
                container=a,
            )
            reward = widgets.field_input(
                "promotion.threshold_discount.amount_off", "pr_basket_reward", container=b
            )
            tiers, share = [(threshold, reward)], 1.0
        else:
            tiers, share = offers[source]
        grid = np.linspace(0.0, aov * BASKET_SPAN, BASKET_POINTS)
        before, after = basket_density(aov, sigma, tiers, grid, padding)
        st.altair_chart(
            charts.basket_chart(
                charts.basket_data(
                    grid, before, after, (t("pr.before", lang), t("pr.after", lang))
                ),
                [th for th, _ in tiers if th <= grid[-1]],
                x_title=t("pr.basket_x", lang),
                y_title=t("pr.basket_y", lang),
                curve_title=t("pr.curve", lang),
                threshold_title=t("pr.threshold", lang),
            ),
            width="stretch",
        )
        outcome = threshold_outcome(aov, sigma, tiers, padding)
        pad_share = float(outcome.pad_share_of_below)
        lo, hi = promotions.HEMMATI_PAD_SHARE
        verdict = "pr.in_range" if lo <= pad_share <= hi else (
            "pr.below_range" if pad_share < lo else "pr.above_range"
        )  # fmt: skip
        st.markdown(
            t(
                "pr.basket_stats",
                lang,
                p_pad=fmt_pct(float(outcome.p_pad), lang, digits=1),
                share=fmt_pct(pad_share, lang, digits=1),
                lo=values["lo"],
                hi=values["hi"],
                verdict=t(verdict, lang),
                daov=fmt_signed_money(float(outcome.delta_aov), lang, digits=2),
            )
        )
        st.caption(
            t(
                "pr.basket_caption",
                lang,
                aov=fmt_money(aov, lang, compact=False, digits=2),
                sigma=values["sigma"],
                share=fmt_pct(share, lang, digits=0),
            )
        )
        with st.expander(t("pr.formulas", lang), icon=":material/function:"):
            st.markdown(t("pr.f.basket", lang, **values))

    with curve_col:
        st.subheader(t("pr.picker", lang), anchor=False)
        amount_off = widgets.field_input(
            "promotion.threshold_discount.amount_off", "pr_curve_amount"
        )
        candidates = np.linspace(aov * CURVE_FROM, aov * CURVE_TO, CURVE_POINTS)
        tiers_now = [
            tier for p in sc.promotions if p.kind == "threshold_discount" for tier in p.tiers
        ]
        st.altair_chart(
            charts.threshold_curve_chart(
                charts.threshold_curve_data(
                    candidates, threshold_curve(aov, sigma, candidates, amount_off, padding)
                ),
                [th for th, _ in tiers_now if candidates[0] <= th <= candidates[-1]],
                x_title=t("pr.picker_x", lang),
                aov_title=t("pr.picker_aov", lang),
                cost_title=t("pr.picker_cost", lang),
                elig_title=t("pr.picker_elig", lang),
                pad_title=t("pr.picker_pad", lang),
                current_title=t("pr.current_tier", lang),
            ),
            width="stretch",
        )
        st.caption(t("pr.picker_caption", lang))
        if tiers_now:
            th, r = tiers_now[0]
            at = threshold_curve(aov, sigma, [th], r, padding)
            st.markdown(
                t(
                    "pr.picker_at",
                    lang,
                    t=promotions.amount(th, lang),
                    r=promotions.amount(r, lang),
                    aov=fmt_money(at["aov"][0], lang, compact=False, digits=2),
                    cost=fmt_money(at["discount_per_order"][0], lang, compact=False, digits=2),
                    elig=fmt_pct(at["p_elig"][0], lang, digits=1),
                )
            )
        with st.expander(t("pr.formulas", lang), icon=":material/function:"):
            st.markdown(t("pr.f.curve", lang))

    # ----------------------------------------------------------------- profit waterfall
    st.subheader(t("pr.waterfall", lang), anchor=False)
    layout.bridge(  # simulator.bridge.profit_bridge: the lines close on the profit change
        "profit",
        base.totals,
        plan.totals,
        ends=(t("pr.wf.baseline", lang), t("pr.wf.plan", lang)),
        no_change=t("pr.no_change", lang),
        name="promotions",
    )
    with st.expander(t("pr.formulas", lang), icon=":material/function:"):
        st.markdown(t("pr.f.profit", lang))

    # ----------------------------------------------------------------- parameters
    with st.expander(t("pr.advanced", lang), icon=":material/tune:"):
        # Every price.* and basket.* parameter (one added to the registry later too), then the
        # others promotions depend on.
        widgets.group_inputs(
            which,
            ("price", "basket"),
            headings={"price": "pr.adv.price", "basket": "pr.adv.basket"},
            columns=4,
        )
        other = ["store.shipping_fee", "store.paid_shipping_share", "membership.enrollment_rate",
                 "finance.bubble_return_rate"]  # fmt: skip
        st.markdown(f"**{t('pr.adv.other', lang)}**")
        cols = st.columns(4)
        for n, path in enumerate(other):
            widgets.param_input(which, path, container=cols[n % 4])
