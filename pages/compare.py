"""Compare: the workspace's scenarios (name, duplicate, delete, new from a preset, make one the
baseline or the plan) and their results side by side, with the GMV and profit bridges."""

import pandas as pd
import streamlit as st

from simulator import PRESETS, load_preset, set_param
from ui import charts, layout, router, state
from ui.exports import COMPARED, kpi_text
from ui.fmt import (
    MONEY_MEASURES,
    fmt_delta_pct,
    fmt_number,
    fmt_signed_money,
    fmt_signed_score,
)
from ui.i18n import t
from ui.text import plain

router.ensure(__file__)  # first: a page run without the router hands over to it

lang = state.lang()
st.title(t("page.compare", lang), anchor=False)
st.caption(t("cmp.intro", lang))


def _refused(reason: str | None) -> bool:
    if reason is not None:
        state.flash(t(reason, lang, n=state.MAX_SCENARIOS))
    return reason is not None


def _save_plan() -> None:
    name = st.session_state.get("cmp_name", "")
    if not _refused(state.save(name, state.plan(), lang, state.fitted_of(state.PLAN))):
        st.session_state["cmp_name"] = ""


def _from_preset() -> None:
    name = st.session_state.get(state.option_key("cmp_preset")[0], state.DEFAULT_PRESET)
    name = name if name in PRESETS else state.DEFAULT_PRESET
    scenario = set_param(load_preset(name), "horizon_days", state.plan().horizon_days)
    _refused(state.save(state.unique_name(t(f"preset.{name}", lang), lang), scenario, lang))


def _edit(i: int) -> None:
    name = state.name_of(i, lang)
    state.swap(state.PLAN, i, lang)
    st.session_state["horizon"] = state.plan().horizon_days
    state.note(t("cmp.opened", lang, name=plain(name), old=plain(state.name_of(i, lang))))


def _make_baseline(x: state.Target) -> None:
    name = state.name_of(x, lang)
    state.swap(state.BASELINE, x, lang)
    st.session_state["horizon"] = state.plan().horizon_days
    state.note(t("cmp.now_baseline", lang, name=plain(name), old=plain(state.name_of(x, lang))))


def _duplicate(x: state.Target) -> None:
    copy = state.unique_name(t("cmp.copy_of", lang, name=state.name_of(x, lang)), lang)
    _refused(state.save(copy, state.scenario_of(x), lang, state.fitted_of(x)))


def _rename(x: state.Target, key: str) -> None:
    _refused(state.rename(x, str(st.session_state.get(key, "")), lang))


#: Compared totals that are scores (DSR): their changes are points, not percent.
_SCORES = ("dsr_mean_end",)


def _change_text(key: str, new: float, old: float) -> str:
    """A change bar's label: the change in the measure's own unit and, but for a score, in %."""
    if key in _SCORES:
        return fmt_signed_score(new - old, lang)
    pct = fmt_delta_pct(new, old, lang) or ""
    if key in MONEY_MEASURES:
        return f"{fmt_signed_money(new - old, lang)} ({pct})"
    return pct


def _delete(i: int) -> None:
    state.delete(i)  # undo brings it back


def _action(col, label: str, key: str, on_click, args: tuple, icon: str, help: str | None = None):
    col.button(t(label, lang), key=key, on_click=on_click, args=args, icon=f":material/{icon}:",
               help=help, width="content")  # fmt: skip


def _scenario_rows() -> None:
    """One row per scenario: its name (editable), its role and what can be done with it. The
    buttons sit in a wrapping row at their full width: on a projector they take a second line
    rather than shrink to a letter."""
    widths = [3, 1.4, 5]
    head = st.columns(widths)
    head[0].caption(t("cmp.col.name", lang))
    head[1].caption(t("cmp.col.role", lang))
    for x in state.targets():
        c = st.columns(widths, vertical_alignment="center")
        name = state.name_of(x, lang)
        key = f"cmp_rename:{x}:{name}"
        c[0].text_input(t("cmp.rename", lang), value=name, key=key, max_chars=state.MAX_NAME_CHARS,
                        on_change=_rename, args=(x, key), label_visibility="collapsed")  # fmt: skip
        role = "saved" if isinstance(x, int) else x
        c[1].badge(t(f"cmp.role.{role}", lang), color={"baseline": "gray", "plan": "blue"}.get(
            role, "green"))  # fmt: skip
        actions = c[2].container(horizontal=True, gap="small")
        if isinstance(x, int):
            _action(
                actions, "cmp.open", f"cmp_open:{x}", _edit, (x,), "edit", t("cmp.open_help", lang)
            )
        if x != state.BASELINE:
            _action(actions, "cmp.make_baseline", f"cmp_base:{x}", _make_baseline, (x,), "flag",
                    t("cmp.make_baseline_help", lang))  # fmt: skip
        _action(actions, "cmp.duplicate", f"cmp_dup:{x}", _duplicate, (x,), "content_copy")
        if isinstance(x, int):
            _action(actions, "cmp.delete", f"cmp_del:{x}", _delete, (x,), "delete")


with layout.guard():
    layout.show_messages()
    st.subheader(t("cmp.scenarios", lang), anchor=False)
    _scenario_rows()
    left, right = st.columns(2, gap="large", vertical_alignment="bottom")
    # A field and its button share a row, the button at its full width (never cut to a letter).
    row = left.container(horizontal=True, vertical_alignment="bottom")
    row.text_input(t("cmp.name", lang), key="cmp_name", max_chars=state.MAX_NAME_CHARS,
                   persist_state="session")  # fmt: skip
    row.button(t("cmp.save", lang), on_click=_save_plan, icon=":material/bookmark_add:",
               width="content")  # fmt: skip
    row = right.container(horizontal=True, vertical_alignment="bottom")
    key, carried = state.option_key("cmp_preset")
    row.selectbox(t("cmp.from_preset", lang), list(PRESETS), key=key,
                  index=list(PRESETS).index(carried) if carried in PRESETS else 0,
                  format_func=lambda n: t(f"preset.{n}", lang), persist_state="session")  # fmt: skip
    row.button(t("cmp.add", lang), on_click=_from_preset, icon=":material/add:", width="content")
    st.caption(t("cmp.limit", lang, n=state.MAX_SCENARIOS))

    with layout.working("simulate", n=len(state.targets()), days=state.plan().horizon_days):
        results = state.named_results(lang)
        mc = state.named_mc(lang)  # None: ranges off
    names = list(results)
    base_name = names[0]
    days = sorted({int(r.totals["days"]) for r in results.values()})
    if len(days) > 1:
        st.warning(t("cmp.horizons_differ", lang, days=" / ".join(fmt_number(d, lang)
                                                                   for d in days)),
                   icon=":material/date_range:")  # fmt: skip

    st.subheader(t("cmp.kpis", lang), anchor=False)
    base_tot = results[base_name].totals
    rows = []
    for key in COMPARED:
        row = {t("xl.kpi", lang): t(f"kpi.{key}", lang)}
        for name, res in results.items():
            value = res.totals[key]
            text = kpi_text(value, key, lang)
            if name != base_name and key in _SCORES:  # a score changes by points
                text += f" ({fmt_signed_score(value - base_tot[key], lang)})"
            elif name != base_name and base_tot[key]:
                text += f" ({fmt_delta_pct(value, base_tot[key], lang)})"
            row[name] = text
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height="content")
    if mc:
        layout.ranges_table(mc, base_name)
    if len(names) > 1:
        st.markdown(f"**{t('cmp.changes', lang)}**")
        changes = charts.change_data(
            {name: r.totals for name, r in results.items()}, base_name, COMPARED,
            {k: t(f"kpi.{k}", lang) for k in COMPARED}, _change_text,
        )  # fmt: skip
        chart = charts.change_chart(changes, names=names, change_title=t("cmp.change_axis", lang),
                                    scenario_title=t("m.scenario", lang), lang=lang)  # fmt: skip
        layout.chart(chart, "compare_changes")

    left, right = st.columns(2, gap="large")
    with left:
        key, carried = state.option_key("cmp_kpi")
        kpi = st.selectbox(t("cmp.kpi", lang), COMPARED, format_func=lambda k: t(f"kpi.{k}", lang),
                           index=list(COMPARED).index(carried) if carried in COMPARED else 0,
                           key=key, persist_state="session")  # fmt: skip
        data = pd.DataFrame({"scenario": names, "value": [r.totals[kpi] for r in results.values()]})
        y_format = (
            ".2f"
            if kpi in _SCORES
            else (
                ".2%" if kpi in ("conversion_rate", "old_customer_share", "late_rate") else ",.0f"
            )
        )
        bars = charts.kpi_bars_chart(
            data,
            names=names,
            title=t(f"kpi.{kpi}", lang),
            y_format=y_format,
            money=kpi in MONEY_MEASURES,
            scenario_title=t("m.scenario", lang),
            lang=lang,
        )
        layout.chart(bars, f"compare_{kpi}")
    with right:
        layout.daily_metric_chart(
            {name: r.daily for name, r in results.items()},
            {"gmv": ",.0f", "profit": ",.0f", "orders_paid": ",.0f", "dsr_mean": ".2f"},
            "cmp_daily",
            mc,
        )

    st.subheader(t("cmp.bridge", lang), anchor=False)
    a, b = st.columns(2)
    first = a.selectbox(t("cmp.from", lang), names, index=0, key="cmp_from",
                        persist_state="session")  # fmt: skip
    second = b.selectbox(t("cmp.to", lang), names, index=min(1, len(names) - 1), key="cmp_to",
                         persist_state="session")  # fmt: skip
    first = first if first in results else names[0]  # a renamed or deleted scenario
    second = second if second in results else names[-1]
    st.markdown(t("story.versus_pair", lang, a=plain(first), b=plain(second)))
    layout.bridges(
        results[first].totals,
        results[second].totals,
        ends=dict.fromkeys(("gmv", "profit"), (first, second)),
        notes={"gmv": t("cmp.bridge_note", lang), "profit": t("cmp.profit_bridge_note", lang)},
        no_change=t("cmp.no_change", lang, a=plain(first), b=plain(second)),
        name="compare",
    )
