"""Traffic & funnel: edit the plan's sources and rates; results and the seed formulas beside them."""

import streamlit as st

from ui import charts, layout, router, state, widgets
from ui.fmt import fmt_money, fmt_number, fmt_pct
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

#: Registry groups this page edits: its advanced section has those of their parameters not
#: drawn above (platform fee, 催付 SMS and call costs…), and any added to the registry later.
ADVANCED = ("traffic", "funnel", "payment", "store", "finance")

lang = state.lang()
which = state.editing()
st.title(t("page.traffic", lang), anchor=False)
st.caption(t("tf.intro", lang))
layout.versus(lang)  # the scenarios this page compares, by name
st.badge(
    t("side.edit_plan" if which == state.PLAN else "side.edit_baseline", lang),
    icon=":material/edit:",
    color="orange" if which == state.PLAN else "gray",
)

with layout.guard():
    top = st.container()
    controls, results = st.columns([5, 4], gap="large")
    with controls:
        tabs = st.tabs(
            [
                t("tf.sec.traffic", lang),
                t("tf.sec.funnel", lang),
                t("tf.sec.payment", lang),
                t("tf.sec.price", lang),
                t("tf.sec.store", lang),
            ]
        )
        with tabs[0]:
            st.markdown(f"**{t('tf.sec.organic', lang)}**")
            a, b = st.columns(2)
            widgets.param_input(which, "traffic.organic_uv", container=a)
            widgets.param_input(which, "traffic.growth_pct_month", container=b)
            a, b = st.columns(2)
            widgets.param_input(which, "traffic.precise_share", slider=True, container=a)
            widgets.param_input(which, "traffic.imprecise_quality", slider=True, container=b)
            with st.expander(t("tf.weekday", lang)):
                widgets.weekday_inputs(which)
            st.markdown(f"**{t('tf.sec.paid', lang)}**")
            for channel in ("paid_search", "display"):
                a, b, c = st.columns(3)
                widgets.param_input(which, f"traffic.{channel}.budget_per_day", container=a)
                widgets.param_input(which, f"traffic.{channel}.cpc", container=b)
                widgets.param_input(which, f"traffic.{channel}.quality", container=c)
            a, b, c = st.columns(3)
            widgets.param_input(which, "traffic.affiliate.uv_per_day", container=a)
            widgets.param_input(which, "traffic.affiliate.commission_rate", container=b)
            widgets.param_input(which, "traffic.affiliate.quality", container=c)
            st.markdown(f"**{t('tf.sec.campaigns', lang)}**")
            widgets.campaign_editor(which)
        with tabs[1]:
            widgets.param_input(which, "funnel.conversion_rate", slider=True)
            widgets.param_input(which, "funnel.old_customer_share", slider=True)
            widgets.param_input(which, "funnel.inquiry_rate", slider=True)
            widgets.param_input(which, "funnel.inquiry_conversion", slider=True)
        with tabs[2]:
            a, b = st.columns(2)
            widgets.param_input(which, "payment.pay_now_share", slider=True, container=a)
            widgets.param_input(which, "payment.late_pay_share", slider=True, container=b)
            a, b = st.columns(2)
            widgets.param_input(which, "payment.reminders", container=a)
            widgets.param_input(which, "payment.reminder_delay_min", container=b)
            a, b = st.columns(2)
            widgets.param_input(which, "payment.reminder_lift", slider=True, container=a)
            widgets.param_input(which, "payment.excluded_share", slider=True, container=b)
            widgets.param_input(which, "payment.timing_evidence")
        with tabs[3]:
            st.caption(t("tf.price_moved", lang))
            st.page_link(
                "pages/promotions.py", label=t("page.promotions", lang), icon=":material/sell:"
            )
        with tabs[4]:
            a, b = st.columns(2)
            widgets.param_input(which, "store.aov", container=a)
            widgets.param_input(which, "store.units_per_order", container=b)
            a, b = st.columns(2)
            widgets.param_input(which, "store.gross_margin", slider=True, container=a)
            widgets.param_input(which, "store.age_days", container=b)
            a, b = st.columns(2)
            widgets.param_input(which, "service.agents", container=a)
            widgets.param_input(which, "finance.agent_wage_per_day", container=b)
            a, b = st.columns(2)
            widgets.param_input(which, "finance.shipping_cost", container=a)
            widgets.param_input(which, "finance.return_rate", slider=True, container=b)
        widgets.advanced(which, ADVANCED)  # last: every parameter of these groups not above

    with layout.working("simulate", n=2, days=state.plan().horizon_days):
        base, plan = state.results()
    shown = plan if which == state.PLAN else base
    tot = shown.totals
    with results:
        st.subheader(t("tf.results", lang), anchor=False)
        layout.show_messages(shown)
        with top:
            layout.kpi_cards(
                base,
                plan,
                (
                    ("gmv", "money"),
                    ("orders_paid", "count"),
                    ("conversion_rate", "pct"),
                    ("uv_value", "price"),
                    ("profit", "money"),
                ),
            )
        uv, orders, gmv = tot["uv"], tot["orders_paid"], tot["gmv"]
        with st.container(border=True):
            st.markdown(
                f"**{t('tf.formula_cr', lang)}**  \n"
                f"= {fmt_number(orders, lang)} ÷ {fmt_number(uv, lang)} = **{fmt_pct(tot['conversion_rate'], lang)}**\n\n"
                f"**{t('tf.formula_uvv', lang)}**  \n"
                f"= {fmt_money(gmv, lang)} ÷ {fmt_number(uv, lang)} = **{fmt_money(tot['uv_value'], lang, digits=2, compact=False)}**\n\n"
                f"**{t('tf.formula_sales', lang)}**  \n"
                f"= {fmt_number(uv, lang)} × {fmt_pct(tot['conversion_rate'], lang)} × "
                f"{fmt_money(tot['aov'], lang, digits=2, compact=False)} = **{fmt_money(gmv, lang)}**"
            )
            st.caption(t("tf.formula_source", lang))
        labels = {
            "uv_organic": t("ch.organic", lang),
            "uv_search": t("ch.paid_search", lang),
            "uv_display": t("ch.display", lang),
            "uv_affiliate": t("ch.affiliate", lang),
            "uv_campaign": t("camp.other", lang),
            "uv_returning": t("ch.returning", lang),
        }
        st.markdown(f"**{t('tf.sources_chart', lang)}**")
        st.altair_chart(
            charts.sources_chart(
                charts.sources_data(shown.daily, labels),
                x_title=t("m.day", lang),
                y_title=t("m.uv", lang),
                source_title=t("m.source", lang),
                lang=lang,
            ),
            width="stretch",
        )
        st.markdown(f"**{t('ov.roi', lang)}**")
        table = shown.channels
        if table.empty:
            st.caption(t("ov.no_spend", lang))
        else:
            view = table.assign(
                channel=[
                    t("ch.campaign", lang, n=c.split("_")[1])
                    if c.startswith("campaign_")
                    else t(f"ch.{c}", lang)
                    for c in table["channel"]
                ]
            )
            money_cols = ["spend", "gmv", "profit", "cost_per_order"]
            for col in money_cols:
                view[col] = [fmt_money(v, lang) for v in view[col]]
            view["uv"] = [fmt_number(v, lang) for v in view["uv"]]
            view["orders"] = [fmt_number(v, lang) for v in view["orders"]]
            view["roas"] = [f"{v:.2f}" if v == v else "—" for v in view["roas"]]
            view["roi"] = [fmt_pct(v, lang, digits=0) for v in view["roi"]]
            cols = [
                "channel",
                "spend",
                "uv",
                "orders",
                "gmv",
                "roas",
                "profit",
                "roi",
                "cost_per_order",
            ]
            st.dataframe(
                view[cols].rename(columns={c: t(f"col.{c}", lang) for c in cols}),
                hide_index=True,
                width="stretch",
            )
            st.caption(t("ov.roi_caption", lang))
        cal = shown.calibration
        with st.expander(t("tf.calibration", lang), icon=":material/tune:"):
            st.markdown(
                t(
                    "tf.calibration_body",
                    lang,
                    pr0=fmt_pct(cal.pay_rate_reference, lang),
                    csil=fmt_pct(cal.silent_conversion, lang),
                    qinq=fmt_pct(shown.scenario.funnel.inquiry_rate, lang),
                    cinq=fmt_pct(shown.scenario.funnel.inquiry_conversion, lang),
                    nhist=fmt_number(cal.history_buyers_per_day, lang, digits=1),
                    alpha=fmt_number(cal.alpha_days, lang, digits=1),
                )
            )
