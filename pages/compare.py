"""Compare: the baseline, the plan and the saved scenarios side by side."""

import altair as alt
import pandas as pd
import streamlit as st

from simulator.bridge import gmv_bridge
from ui import charts, layout, router, state
from ui.exports import COMPARED, kpi_text
from ui.fmt import fmt_delta_pct, fmt_money, fmt_signed_money
from ui.i18n import t

router.ensure(__file__)  # first: a page run without the router hands over to it

lang = state.lang()
st.title(t("page.compare", lang), anchor=False)
st.caption(t("cmp.intro", lang))


#: The names the baseline and the plan go by, in both languages: not for saved scenarios.
RESERVED = frozenset(
    t(k, x) for k in ("side.baseline_name", "side.plan_name") for x in ("zh", "en")
)


def _save_plan() -> None:
    reason = state.save(st.session_state.get("cmp_name", ""), state.plan(), RESERVED)
    if reason is not None:
        state.flash(t(reason, lang, n=state.MAX_SCENARIOS))
    else:
        st.session_state["cmp_name"] = ""


def _open(i: int) -> None:
    kept = state.saved()[i]
    state.replace(state.PLAN, kept.scenario)
    state.note(t("cmp.opened", lang, name=kept.name))


def _duplicate(i: int) -> None:
    kept = state.saved()[i]
    reason = state.save(t("cmp.copy_of", lang, name=kept.name)[:40], kept.scenario, RESERVED)
    if reason is not None:
        state.flash(t(reason, lang, n=state.MAX_SCENARIOS))


def _rename(i: int, key: str) -> None:
    kept = state.saved()[i]
    new = str(st.session_state.get(key, "")).strip()
    if new == kept.name:
        return
    others = {s.name for j, s in enumerate(state.saved()) if j != i} | RESERVED
    if not new or len(new) > 40 or new in others:
        state.flash(t("cmp.err.taken" if new in others else "cmp.err.name", lang))
        return
    kept.name = new


def _delete(i: int) -> None:
    del state.saved()[i]


with layout.guard():
    layout.show_messages()
    named = {
        t("side.baseline_name", lang): state.baseline(),
        t("side.plan_name", lang): state.plan(),
    }
    named.update({s.name: s.scenario for s in state.saved()})
    results = {name: state.result_of(sc) for name, sc in named.items()}
    base_name = t("side.baseline_name", lang)

    st.subheader(t("cmp.scenarios", lang), anchor=False)
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    a.text_input(t("cmp.name", lang), key="cmp_name", max_chars=40, persist_state="session")
    b.button(t("cmp.save", lang), on_click=_save_plan, icon=":material/bookmark_add:",
             width="stretch")  # fmt: skip
    for i, kept in enumerate(state.saved()):
        c = st.columns([3, 1, 1, 1], vertical_alignment="bottom")
        key = f"cmp_rename:{i}:{kept.name}"
        c[0].text_input(t("cmp.rename", lang), value=kept.name, key=key, max_chars=40,
                        on_change=_rename, args=(i, key), persist_state="session")  # fmt: skip
        c[1].button(t("cmp.open", lang), key=f"cmp_open:{i}", on_click=_open, args=(i,),
                    icon=":material/edit:", width="stretch")  # fmt: skip
        c[2].button(t("cmp.duplicate", lang), key=f"cmp_dup:{i}", on_click=_duplicate, args=(i,),
                    icon=":material/content_copy:", width="stretch")  # fmt: skip
        c[3].button(t("cmp.delete", lang), key=f"cmp_del:{i}", on_click=_delete, args=(i,),
                    icon=":material/delete:", width="stretch")  # fmt: skip
    st.caption(t("cmp.limit", lang, n=state.MAX_SCENARIOS))

    st.subheader(t("cmp.kpis", lang), anchor=False)
    base_tot = results[base_name].totals
    rows = []
    for key in COMPARED:
        row = {t("xl.kpi", lang): t(f"kpi.{key}", lang)}
        for name, res in results.items():
            value = res.totals[key]
            text = kpi_text(value, key, lang)
            if name != base_name and base_tot[key]:
                text += f" ({fmt_delta_pct(value, base_tot[key], lang)})"
            row[name] = text
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

    left, right = st.columns(2, gap="large")
    with left:
        kpi = st.selectbox(t("cmp.kpi", lang), COMPARED, format_func=lambda k: t(f"kpi.{k}", lang),
                           key="cmp_kpi", persist_state="session")  # fmt: skip
        data = pd.DataFrame({"scenario": list(results), "value": [r.totals[kpi] for r in
                                                                   results.values()]})  # fmt: skip
        names = list(results)
        bars = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                x=alt.X("scenario:N", title=None, sort=names),
                y=alt.Y("value:Q", title=t(f"kpi.{kpi}", lang)),
                color=charts.scenario_color(names, t("m.scenario", lang)),
                tooltip=[alt.Tooltip("scenario:N", title=t("m.scenario", lang)),
                         alt.Tooltip("value:Q", title=t(f"kpi.{kpi}", lang), format=",.4~f")],
            )
        )  # fmt: skip
        layout.chart(charts.themed(bars, 300), f"compare_{kpi}")
    with right:
        layout.daily_metric_chart(
            {name: r.daily for name, r in results.items()},
            {"gmv": ",.0f", "profit": ",.0f", "orders_paid": ",.0f", "dsr_mean": ".3f"},
            "cmp_daily",
        )

    st.subheader(t("cmp.bridge", lang), anchor=False)
    a, b = st.columns(2)
    names = list(results)
    first = a.selectbox(t("cmp.from", lang), names, index=0, key="cmp_from")
    second = b.selectbox(t("cmp.to", lang), names, index=min(1, len(names) - 1), key="cmp_to")
    first = first if first in results else names[0]  # a renamed or deleted scenario
    second = second if second in results else names[-1]
    effects = gmv_bridge(results[first].totals, results[second].totals)
    if all(abs(v) < 0.5 for v in effects.values()):
        st.info(t("ov.no_change", lang), icon=":material/info:")
    else:
        data = charts.bridge_data(
            results[first].totals["gmv"],
            [(t(f"eff.{k}", lang), v) for k, v in effects.items()],
            results[second].totals["gmv"],
            first,
            second,
            lambda v: fmt_money(v, lang),
            lambda v: fmt_signed_money(v, lang),
        )
        layout.chart(
            charts.bridge_chart(data, value_title=t("m.gmv", lang), lang=lang), "compare_bridge"
        )
    st.caption(t("cmp.bridge_note", lang))
