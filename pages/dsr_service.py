"""DSR & service: the service desk, the warehouse, the three 180-day scores and their feedback."""

import numpy as np
import pandas as pd
import streamlit as st

from simulator import PARAMS, studies
from ui import charts, dsr, layout, router, state, widgets
from ui.datefmt import window_text
from ui.fmt import fmt_duration_s, fmt_money, fmt_number, fmt_pct, fmt_score
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

#: Control tabs: (title key, registry paths).
TABS = (
    ("ds.tab_service", ("service.agents", "service.campaign_extra_agents", "service.start_hour",
                        "service.end_hour", "service.chats_per_agent", "service.handle_min",
                        "service.rt_ref_s", "service.rt_half_life_s", "service.rt_max_s",
                        "service.auto_reply_factor")),
    ("ds.tab_fulfilment", ("fulfilment.capacity_per_day", "fulfilment.campaign_extra_capacity",
                           "fulfilment.late_base", "fulfilment.delay_scale_days",
                           "fulfilment.damage_rate", "fulfilment.delivery_days",
                           "fulfilment.ship_by_days", "fulfilment.cancel_hazard",
                           "fulfilment.late_compensation_rate", "fulfilment.late_compensation_min",
                           "fulfilment.late_compensation_max",
                           "fulfilment.cancelled_repeat_factor")),
    ("ds.tab_ratings", ("dsr.initial.description", "dsr.initial.service",
                        "dsr.initial.logistics", "dsr.rating_rate", "dsr.review_lag_days",
                        "dsr.window", "dsr.industry_mean", "dsr.industry_max")),
    ("ds.tab_feedback", ("dsr.beta", "dsr.beta_negative", "dsr.gate",
                         "dsr.late_service_loading", "dsr.response_loading",
                         "dsr.deal_loading", "dsr.padding_loading")),
)  # fmt: skip
#: Registry groups this page edits: one added to them later shows in its advanced section.
ADVANCED = ("service", "fulfilment", "dsr")
DIMENSIONS = ("description", "service", "logistics", "mean")

lang = state.lang()
which = state.editing()
st.title(t("page.dsr", lang), anchor=False)
st.caption(t("ds.intro", lang))
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
        st.subheader(t("ds.inputs", lang), anchor=False)
        tabs = st.tabs([t(title, lang) for title, _ in TABS])
        for tab, (_, paths) in zip(tabs, TABS, strict=True):
            with tab:
                choices = [p for p in paths if PARAMS[p].kind == "choice"]
                for path in choices:
                    widgets.param_input(which, path, container=tab)
                cols = st.columns(2)
                numbers = [p for p in paths if PARAMS[p].kind != "choice"]
                for i, path in enumerate(numbers):
                    widgets.param_input(which, path, container=cols[i % 2])
        widgets.advanced(which, ADVANCED)  # parameters of these groups not in the tabs above

    with layout.working("simulate", n=2, days=state.plan().horizon_days):
        base, plan = state.results()
    shown = plan if which == state.PLAN else base
    names = {t("side.baseline_name", lang): base.daily, t("side.plan_name", lang): plan.daily}
    with top:
        layout.kpi_cards(
            base,
            plan,
            (
                ("dsr_mean_end", "stars"),
                ("dsr_logistics_min", "stars"),
                ("late_rate", "pct"),
                ("response_time_s", "seconds"),
                ("backlog_max", "count"),
                ("profit", "money"),
            ),
        )
        layout.show_messages(plan)
    with results:
        st.subheader(t("ds.scores", lang), anchor=False)
        key, carried = state.option_key("ds_dimension")
        dim = st.segmented_control(
            t("ds.dimension", lang),
            options=list(DIMENSIONS),
            default=carried if carried in DIMENSIONS else "logistics",
            required=True,
            format_func=lambda m: t(f"m.dsr_{m}", lang),
            key=key,
            persist_state="session",
        )
        band = (shown.scenario.dsr.industry_mean, shown.scenario.dsr.industry_max)
        layout.chart(dsr.score_chart(names, f"dsr_{dim}", band), f"dsr_{dim}")
        rel = shown.daily.iloc[-1]
        if dim != "mean":
            v = float(rel[f"dsr_{dim}_vs_industry"])
            st.caption(
                t("ds.vs_industry_up" if v >= 0 else "ds.vs_industry_down", lang,
                  pct=fmt_pct(abs(v), lang), score=fmt_score(rel[f"dsr_{dim}"], lang))
            )  # fmt: skip
        st.subheader(t("ds.star_title", lang), anchor=False)
        star_dim = dim if dim != "mean" else "logistics"
        rows = []
        for label, res in (
            (t("side.baseline_name", lang), base),
            (t("side.plan_name", lang), plan),
        ):
            moments = studies.star_moments(result=res, dimension=star_dim)
            for moment, (_, shares) in zip(("ds.at_start", "ds.at_low"), moments, strict=True):
                for star, share in zip(range(1, 6), shares, strict=True):
                    rows.append({"scenario": f"{label} · {t(moment, lang)}", "star": star,
                                 "share": float(share)})  # fmt: skip
        st.altair_chart(
            charts.star_chart(pd.DataFrame(rows), star_title=t("ds.stars", lang),
                              share_title=t("ds.share", lang),
                              scenario_title=t("m.scenario", lang)),
            width="stretch",
        )  # fmt: skip
        st.caption(t("ds.star_note", lang, dim=t(f"m.dsr_{star_dim}", lang)))

    st.subheader(t("ds.ops", lang), anchor=False)
    left, right = st.columns(2, gap="large")
    with left:
        layout.daily_metric_chart(
            names,
            {"response_time_s": ",.1f", "inquiry_conversion_factor": ".1%", "agents": ",.0f"},
            "ds_service_metric",
        )
        busiest = studies.busiest_day_hours(result=shown)
        st.dataframe(
            pd.DataFrame({
                t("ds.hour", lang): [f"{h:02d}:00" for h in range(24)],
                t("m.inquiries", lang): [fmt_number(v, lang, digits=1) for v in busiest.inquiries],
                t("m.response_time_s", lang): [
                    t("ds.auto_reply", lang) if np.isnan(v) else fmt_duration_s(v, lang)
                    for v in busiest.response_time_s
                ],
            }),
            hide_index=True, width="stretch", height=240,
        )  # fmt: skip
        when = window_text(shown.scenario.start_date, busiest.day, busiest.day, lang)
        st.caption(t("dt.ds.hourly_note", lang, when=when))
    with right:
        layout.daily_metric_chart(
            names,
            {"backlog": ",.0f", "orders_cancelled": ",.1f", "late_rate": ".1%",
             "dispatch_delay_days": ",.2f", "dsr_conversion_factor": ".2%"},
            "ds_fulfil_metric",
        )  # fmt: skip
        cut = shown.totals
        if cut["orders_cancelled"] > 0:
            st.caption(
                t("ds.cancel_note", lang, n=fmt_number(cut["orders_cancelled"], lang),
                  share=fmt_pct(studies.cancelled_share(totals=cut), lang),
                  days=shown.scenario.fulfilment.ship_by_days,
                  refunds=fmt_money(cut["cancellation_refunds"], lang),
                  comp=fmt_money(cut["late_compensation"], lang))
            )  # fmt: skip

    tab_wi, tab_rc, tab_seed = st.tabs(
        [t("ds.what_if", lang), t("ds.recovery", lang), t("ds.seed002_title", lang)]
    )
    with tab_wi:
        dsr.campaign_what_if()
    with tab_rc:
        dsr.recovery_calculator()
    with tab_seed:
        dsr.seed_002_case(which)

    with st.expander(t("pr.formulas", lang), icon=":material/function:"):
        st.markdown(t("ds.formulas", lang))
        used = [p for p in PARAMS.values() if p.group in ("service", "fulfilment", "dsr")]
        layout.provenance_table(used)
