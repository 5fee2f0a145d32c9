"""Promotions: a campaign calendar under seed 003's layering rule; each promotion's cost,
increments and ROI; the post-promotion dip; the basket around a threshold; picking a 满减 tier;
the profit waterfall of plan vs baseline."""

import pandas as pd
import streamlit as st

from simulator.promotions import basket_offers, basket_shift, custom_threshold, tier_picker
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
    basket_col, curve_col = st.columns(2, gap="large")
    with basket_col:
        st.subheader(t("pr.basket", lang), anchor=False)
        offers = basket_offers(sc)
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
            suggested, highest = custom_threshold(sc)
            threshold = widgets.field_input(
                "promotion.threshold_discount.threshold",
                "pr_basket_threshold",
                value=suggested,
                hi=highest,
                slider=True,
                container=a,
            )
            reward = widgets.field_input(
                "promotion.threshold_discount.amount_off", "pr_basket_reward", container=b
            )
            shift = basket_shift(sc, tiers=[(threshold, reward)])
        else:
            shift = basket_shift(sc, tiers=offers[source].tiers, share=offers[source].share)
        st.altair_chart(
            charts.basket_chart(
                charts.basket_data(
                    shift.grid,
                    shift.before,
                    shift.after,
                    (t("pr.before", lang), t("pr.after", lang)),
                ),
                shift.thresholds,
                x_title=t("pr.basket_x", lang),
                y_title=t("pr.basket_y", lang),
                curve_title=t("pr.curve", lang),
                threshold_title=t("pr.threshold", lang),
            ),
            width="stretch",
        )
        st.markdown(
            t(
                "pr.basket_stats",
                lang,
                p_pad=fmt_pct(shift.p_pad, lang, digits=1),
                share=fmt_pct(shift.pad_share, lang, digits=1),
                lo=values["lo"],
                hi=values["hi"],
                verdict=t(f"pr.{shift.pad_verdict}", lang),
                daov=fmt_signed_money(shift.delta_aov, lang, digits=2),
            )
        )
        st.caption(
            t(
                "pr.basket_caption",
                lang,
                aov=fmt_money(sc.store.aov, lang, compact=False, digits=2),
                sigma=values["sigma"],
                share=fmt_pct(shift.share, lang, digits=0),
            )
        )
        with st.expander(t("pr.formulas", lang), icon=":material/function:"):
            st.markdown(t("pr.f.basket", lang, **values))

    with curve_col:
        st.subheader(t("pr.picker", lang), anchor=False)
        amount_off = widgets.field_input(
            "promotion.threshold_discount.amount_off", "pr_curve_amount"
        )
        picker = tier_picker(sc, amount_off=amount_off)
        st.altair_chart(
            charts.threshold_curve_chart(
                charts.threshold_curve_data(picker.candidates, picker.curve),
                picker.current,
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
        if picker.first is not None:
            at = picker.first
            st.markdown(
                t(
                    "pr.picker_at",
                    lang,
                    t=promotions.amount(at.threshold, lang),
                    r=promotions.amount(at.amount_off, lang),
                    aov=fmt_money(at.aov, lang, compact=False, digits=2),
                    cost=fmt_money(at.cost, lang, compact=False, digits=2),
                    elig=fmt_pct(at.p_elig, lang, digits=1),
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
