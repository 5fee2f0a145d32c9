"""Assumptions: every parameter with unit, value, range, provenance and source, from the registry."""

import pandas as pd
import streamlit as st

from simulator import PARAMS, PRESETS, get_param
from simulator.presets import PRESET_SOURCES
from simulator.sources import preset_source_text, section_text, source_text
from ui import layout, router, sensitivity, state, uncertainty
from ui.fmt import fmt_param, fmt_pct, unit_label
from ui.i18n import t
from ui.widgets import choice_label

router.ensure(__file__)  # first: a page run without the router hands over to it

#: MODEL.md §1.7: each erratum and the seed document it is in (texts in the catalogue).
ERRATA = (("E1", "000"), ("E2", "000"), ("E3", "000"), ("E4", "003"), ("E5", "003"),
          ("E6", "002"), ("E7", "003"), ("E8", "003"))  # fmt: skip

lang = state.lang()
st.title(t("page.assumptions", lang), anchor=False)
st.caption(t("as.intro", lang))

with layout.guard():
    layout.show_messages()
    base, plan = state.baseline(), state.plan()

    def value(sc, path):
        try:
            v = get_param(sc, path)
        except ValueError:
            return None
        if isinstance(v, tuple):
            return " / ".join(f"{x:g}" for x in v)
        if isinstance(v, str):
            return choice_label(path, v, lang) if PARAMS[path].kind == "choice" else v
        return fmt_param(v, PARAMS[path].unit, lang)

    fitted = {which: state.fitted_of(which) for which in (state.BASELINE, state.PLAN)}

    def fitted_text(path: str) -> str:
        """Which of the two scenarios took ``path`` from the shop's data (Calibrate), and whence."""
        parts = [f"{state.name_of(w, lang)}: {t('cal.fitted_from', lang, name=f[path])}"
                 for w, f in fitted.items() if path in f]  # fmt: skip
        return "; ".join(parts)

    def shown_value(v, which: str, path: str) -> str:
        """The value as shown, marked ※ when it was fitted from the shop's data."""
        text = v if v is not None else "—"
        return f"{text} {t('undo.mark', lang)}" if path in fitted[which] else text

    rows = []
    for path, p in PARAMS.items():
        b, pl = value(base, path), value(plan, path)
        rows.append(
            {
                "group": t(f"grp.{p.group}", lang),
                "param": p.label(lang),
                "symbol": p.symbol,
                "baseline": shown_value(b, state.BASELINE, path),
                "plan": shown_value(pl, state.PLAN, path),
                "changed": b != pl,
                "unit": "%" if p.unit == "fraction" else unit_label(p.unit, lang),
                "range": ", ".join(choice_label(path, c, lang) for c in p.choices)
                if p.kind == "choice"
                else f"{fmt_param(p.lo, p.unit, lang)} – {fmt_param(p.hi, p.unit, lang)}",
                "provenance": t(f"prov.{p.provenance}", lang),
                "prov_code": p.provenance,
                "fitted": fitted_text(path),
                "source": source_text(p.source, lang),
                "path": path,
            }
        )
    table = pd.DataFrame(rows)
    a, b = st.columns([2, 3])
    provs = sorted(table["prov_code"].unique())
    key, carried = state.option_key("as_prov")
    chosen = a.pills(
        t("as.filter", lang),
        options=provs,
        default=provs if carried is state.NOT_CHOSEN else [c for c in carried if c in provs],
        selection_mode="multi",
        format_func=lambda c: t(f"prov.{c}", lang),
        key=key,
    )
    query = b.text_input(t("as.search", lang), key="as_query", placeholder=t("as.search_ph", lang))
    shown = table[table["prov_code"].isin(chosen or [])]
    if query:
        q = query.strip().lower()
        mask = shown[["param", "path", "symbol", "source"]].apply(
            lambda s: s.str.lower().str.contains(q, regex=False)
        )
        shown = shown[mask.any(axis=1)]
    st.caption(t("as.count", lang, n=len(table), a=int((table["prov_code"] == "ASSUMPTION").sum())))
    cols = [
        "group",
        "param",
        "symbol",
        "baseline",
        "plan",
        "fitted",  # beside the values it marks
        "changed",
        "unit",
        "range",
        "provenance",
        "source",
        "path",
    ]
    # The registry path is for the CSV (an analyst's key), not for the screen (issue 16, 8).
    on_screen = [c for c in cols if c != "path"]
    st.dataframe(
        shown[on_screen].rename(columns={c: t(f"as.col.{c}", lang) for c in on_screen}),
        hide_index=True,
        width="stretch",
        height=560,
        column_config={t("as.col.changed", lang): st.column_config.CheckboxColumn(width="small")},
    )
    st.download_button(
        t("as.download", lang),
        shown[cols]
        .rename(columns={c: t(f"as.col.{c}", lang) for c in cols})
        .to_csv(index=False)
        .encode("utf-8-sig"),
        file_name="shop-whatif-assumptions.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    st.caption(t("as.campaigns_promos", lang))

    uncertainty.draw(lang)  # issue 19: how sure each parameter is, and the user's ranges
    sensitivity.draw(lang)  # issue 19 item 4: which of them matters most (tornado, Sobol)

    st.subheader(t("as.derived", lang), anchor=False)
    cal = state.results()[0].calibration
    derived = (  # (catalogue key, symbol, value, spec section)
        ("pr0", "PR0", fmt_pct(cal.pay_rate_reference, lang), "6.4"),
        ("c_sil", "c_sil", fmt_pct(cal.silent_conversion, lang), "6.3"),
        ("n_hist", "N", f"{cal.history_buyers_per_day:,.1f}", "6.6"),
        ("alpha", "α_day", f"{cal.alpha_days:,.2f}", "6.6"),
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "param": t(f"as.d.{k}", lang),
                    "symbol": symbol,
                    "value": value,
                    "source": f"{section_text(sec, lang)} [{t('prov.DERIVED', lang)}]",
                }
                for k, symbol, value, sec in derived
            ]
        ).rename(
            columns={
                "param": t("as.col.param", lang),
                "symbol": t("as.col.symbol", lang),
                "value": t("as.col.baseline", lang),
                "source": t("as.col.source", lang),
            }
        ),
        hide_index=True,
    )

    st.subheader(t("as.presets", lang), anchor=False)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "preset": t(f"preset.{n}", lang),
                    "description": d[0 if lang == "zh" else 1],
                    "source": preset_source_text(n, PRESET_SOURCES[n], lang),
                }
                for n, d in PRESETS.items()
            ]
        ).rename(
            columns={
                "preset": t("as.col.preset", lang),
                "description": t("as.col.description", lang),
                "source": t("as.col.source", lang),
            }
        ),
        hide_index=True,
        width="stretch",
    )

    st.subheader(t("as.errata", lang), anchor=False)
    st.caption(t("as.errata_intro", lang))
    errata = []
    for code, seed in ERRATA:
        issue, resolution = t(f"errata.{code}", lang).split("||")
        errata.append({"code": code, "seed": seed, "issue": issue, "resolution": resolution})
    st.dataframe(
        pd.DataFrame(errata).rename(
            columns={
                "code": "#",
                "seed": t("as.col.seed", lang),
                "issue": t("as.col.issue", lang),
                "resolution": t("as.col.resolution", lang),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={t("as.col.resolution", lang): st.column_config.TextColumn(width="large")},
    )
