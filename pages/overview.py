"""Overview: KPIs of plan vs baseline, daily GMV/orders, the funnel and the GMV and profit
bridges."""

import streamlit as st

from ui import charts, layout, router, state
from ui.fmt import fmt_number
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

lang = state.lang()
st.title(t("app.title", lang), anchor=False)
st.caption(t("app.tagline", lang))

with layout.guard():
    with layout.working("simulate", n=2, days=state.plan().horizon_days):
        base, plan = state.results()
        mc = state.mc_results()  # None: ranges off
    layout.versus(lang)
    layout.verdict(base, plan, mc, lang)  # worth doing? how sure, why, and what could go wrong
    layout.story(base, plan, lang)  # what the plan does to profit, GMV and DSR, and why
    layout.show_messages(plan)
    names = {t("side.baseline_name", lang): base.daily, t("side.plan_name", lang): plan.daily}
    layout.kpi_cards(base, plan, mc=mc)
    st.caption(t("kpi.horizon_note", lang, days=plan.scenario.horizon_days))

    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("ov.daily", lang), anchor=False)
        metrics = ["gmv", "orders_paid", "profit", "uv", "conversion_rate", "aov"]
        key, carried = state.option_key("ov_metric")
        metric = st.segmented_control(
            t("ov.metric", lang),
            options=metrics,
            default=carried if carried in metrics else "gmv",
            required=True,
            format_func=lambda m: t(f"m.{m}", lang),
            key=key,
            persist_state="session",
        )
        y_format = ".2%" if metric == "conversion_rate" else ",.0f"
        fans = None if mc is None else dict(zip(names, mc, strict=True))
        layout.chart(layout.daily_lines(names, metric, y_format, fans), f"daily_{metric}")
        if fans:
            st.caption(t("band.fan_caption", lang))
    with right:
        st.subheader(t("ov.funnel", lang), anchor=False)
        stages = [
            (c, t(f"m.{c}", lang)) for c in ("uv", "inquiries", "orders_placed", "orders_paid")
        ]
        totals = {
            t("side.baseline_name", lang): base.totals,
            t("side.plan_name", lang): plan.totals,
        }
        st.altair_chart(
            charts.funnel_chart(
                charts.funnel_data(totals, stages, lambda v: fmt_number(v, lang)),
                value_title=t("m.value", lang),
                stage_title=t("m.stage", lang),
                scenario_title=t("m.scenario", lang),
                lang=lang,
            ),
            width="stretch",
        )

    st.subheader(t("ov.bridge", lang), anchor=layout.BRIDGE_ANCHOR)  # the story links here
    layout.bridges(
        base.totals,
        plan.totals,
        ends={"gmv": (t("eff.baseline", lang), t("eff.plan", lang)),
              "profit": (t("peff.baseline", lang), t("peff.plan", lang))},
        notes={"gmv": t("ov.bridge_caption", lang), "profit": t("cmp.profit_bridge_note", lang)},
        no_change=t("ov.no_change", lang),
        name="overview",
    )  # fmt: skip

    with st.expander(t("ov.formulas", lang), icon=":material/function:"):
        st.markdown(t("ov.formulas_body", lang))
