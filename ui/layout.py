"""Pieces every page shares: the guard against tracebacks, messages, warnings and KPI cards."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from simulator import Param, Result
from simulator.bridge import gmv_bridge, profit_bridge
from simulator.sources import source_text
from simulator.verdict import verdict as judge
from ui import bands, charts, state
from ui.exports import chart_image
from ui.fmt import (
    KINDS,
    MONEY_MEASURES,
    fmt_delta_pct,
    fmt_kind,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_signed_money,
    kpi_delta,
)
from ui.i18n import t
from ui.story import plan_story
from ui.text import plain
from ui.verdict import card as verdict_card

log = logging.getLogger("shop_whatif")

#: The app's style sheet (the projector layout: wrapping card grids, labels that wrap).
STYLE_SHEET = Path(__file__).resolve().parents[1] / "assets" / "layout.css"

#: KPI cards of the Overview, in order: (Result.totals key, kind of number).
KPIS: Sequence[tuple[str, str]] = (
    ("gmv", "money"),
    ("orders_paid", "count"),
    ("aov", "price"),
    ("conversion_rate", "pct"),
    ("uv_value", "price"),
    ("profit", "money"),
    ("old_customer_share", "pct"),
)


def fmt_kpi(value: float, kind: str, lang: str) -> str:
    """A KPI card's value (``ui.fmt.fmt_kind``: the one formatter); any other kind is a count."""
    return fmt_kind(value, kind if kind in KINDS else "count", lang)


#: ``len(sys.modules)`` when ``freeze_long_lived`` last froze (0: never in this process).
_frozen_at_modules = 0


def freeze_long_lived() -> None:
    """Keep the garbage collector off what the imports built, once per batch of new imports.

    Streamlit collects all three generations after every script run (``runner.postScriptGC``)
    and holds the GIL while it does. The imports (numpy, pandas, Altair's schema classes,
    pydantic, the catalogue, the registry) leave some 200,000 tracked objects that live as long
    as the process, and walking them cost about 100 ms of every rerun (measured on the server,
    issue 18); a one-slider script's process has a fraction of them. So at the start of a run
    whose previous runs imported modules, collect once and ``gc.freeze()`` what survives: frozen
    objects are never scanned again, while everything a run builds stays collectable.

    What is frozen is what was alive at that moment: the imported modules, the caches and the
    session state of that moment. Any of it that later turns into cyclic garbage is not
    collected, a bounded cost, since modules are imported only a handful of times per process
    (the first run of each page).
    """
    global _frozen_at_modules
    if len(sys.modules) <= _frozen_at_modules:
        return
    gc.collect()
    gc.freeze()
    _frozen_at_modules = len(sys.modules)


def style() -> None:
    """Load ``assets/layout.css`` into the page (a style-only ``st.html`` takes no room)."""
    st.html(STYLE_SHEET)


@contextmanager
def working(key: str, **values: object) -> Iterator[None]:
    """Around a step that can take over a second: a spinner that says, in the user's language,
    what it is doing (catalogue ``busy.<key>``). Streamlit shows it only once the step has run
    half a second, so a cached step shows nothing."""
    with st.spinner(t(f"busy.{key}", state.lang(), **values), show_time=True):
        yield


@contextmanager
def guard() -> Iterator[None]:
    """Run a page body; an unexpected error becomes a translated message, never a traceback."""
    try:
        yield
    except ScriptControlException:  # st.rerun / st.stop / page switch: not errors
        raise
    except Exception:
        log.exception("page failed")
        st.error(t("err.unexpected", state.lang()), icon=":material/error:")


def chart(chart: alt.TopLevelMixin, name: str) -> None:
    """An Altair chart with its PNG and SVG downloads beneath (rendered on click)."""
    lang = state.lang()
    st.altair_chart(chart, width="stretch")
    row = st.container(horizontal=True, gap="small")
    for fmt in ("png", "svg"):
        row.download_button(
            fmt.upper(),
            data=lambda fmt=fmt: chart_image(chart, fmt),
            file_name=f"{name}.{fmt}",
            mime="image/png" if fmt == "png" else "image/svg+xml",
            icon=":material/download:",
            key=f"dl:{name}:{fmt}",
            help=t("files.chart_help", lang, fmt=fmt.upper()),
            width="content",
        )


#: The bridges between two results: (measure, split, catalogue prefix of the steps).
BRIDGES = (("gmv", gmv_bridge, "eff"), ("profit", profit_bridge, "peff"))


def bridge(
    measure: str,
    t0: Mapping[str, float],
    t1: Mapping[str, float],
    *,
    ends: tuple[str, str],
    no_change: str,
    name: str,
    note: str | None = None,
) -> None:
    """The ``measure`` ("gmv" or "profit") bridge from totals ``t0`` to ``t1`` as a waterfall.

    The steps come from ``simulator.bridge`` (``BRIDGES``) and nowhere else, so every breakdown
    the app shows closes exactly on the change. ``ends``: the labels of the first and last bar;
    ``no_change``: shown instead when nothing changed (Markdown: names in it escaped by the
    caller); ``name``: of the downloads; ``note``: a caption beneath. The ``ends`` are scenario
    names as typed: escaped here where they enter the caption (``ui.text.plain``).

    The waterfall draws the change on its own scale (``charts.bridge_data``: from 0 change to the
    total change, every bar labelled), so a −¥1,013 change on ¥62.4万 is not a hairline; the two
    levels are written above it."""
    lang = state.lang()
    split, prefix = next((s, p) for m, s, p in BRIDGES if m == measure)
    effects = split(t0, t1)
    if all(abs(v) < 0.5 for v in effects.values()):
        st.info(no_change, icon=":material/info:")
    else:
        start, end = t0[measure], t1[measure]
        pct = fmt_delta_pct(end, start, lang)
        st.caption(t("chart.levels", lang,
                     start_label=plain(ends[0]), start=fmt_money(start, lang),
                     end_label=plain(ends[1]), end=fmt_money(end, lang),
                     delta=fmt_signed_money(end - start, lang),
                     pct=t("chart.pct", lang, pct=pct) if pct else ""))  # fmt: skip
        data = charts.bridge_data(
            [
                (t(f"eff.{k}" if prefix == "eff" else f"peff.{k}", lang), v)
                for k, v in effects.items()
            ],
            t("chart.total_change", lang),
            lambda v: fmt_signed_money(v, lang),
        )
        value_title = t(f"m.{measure}", lang)
        chart(charts.bridge_chart(data, value_title=value_title, lang=lang),
              f"{name}_{measure}_bridge")  # fmt: skip
    if note:
        st.caption(note)


def bridges(
    t0: Mapping[str, float],
    t1: Mapping[str, float],
    *,
    ends: Mapping[str, tuple[str, str]],
    notes: Mapping[str, str],
    no_change: str,
    name: str,
) -> None:
    """The GMV and the profit bridge from totals ``t0`` to ``t1``, one tab each (:func:`bridge`).
    ``ends`` and ``notes`` per measure."""
    lang = state.lang()
    tabs = st.tabs([t(f"cmp.{measure}_bridge", lang) for measure, _, _ in BRIDGES])
    for tab, (measure, _, _) in zip(tabs, BRIDGES, strict=True):
        with tab:
            bridge(measure, t0, t1, ends=ends[measure], no_change=no_change, name=name,
                   note=notes[measure])  # fmt: skip


def daily_metric_chart(
    frames: Mapping[str, pd.DataFrame],
    formats: Mapping[str, str],
    key: str,
    mc: Mapping[str, Result] | None = None,
) -> str:
    """A metric picker (the keys of ``formats``, first is the default) and the chosen daily
    column for every named scenario, its axis in the metric's d3 format; with ``mc`` (the
    scenarios' Monte Carlo by name) each one's fan around it. Returns the metric."""
    lang = state.lang()
    key, carried = state.option_key(key)
    metric = st.segmented_control(
        t("ov.metric", lang),
        options=list(formats),
        default=carried if carried in formats else next(iter(formats)),
        required=True,
        format_func=lambda m: t(f"m.{m}", lang),
        key=key,
        persist_state="session",
    )
    st.altair_chart(daily_lines(frames, metric, formats[metric], mc), width="stretch")
    if mc:
        st.caption(t("band.fan_caption", lang))
    return metric


def provenance_table(params: Iterable[Param]) -> None:
    """Symbol, label, provenance and source of ``params`` (beside a page's formulas)."""
    lang = state.lang()
    st.dataframe(
        pd.DataFrame(
            [{t("as.col.symbol", lang): p.symbol, t("as.col.param", lang): p.label(lang),
              t("as.col.provenance", lang): t(f"prov.{p.provenance}", lang),
              t("as.col.source", lang): source_text(p.source, lang)} for p in params]
        ),
        hide_index=True,
        width="stretch",
    )  # fmt: skip


def show_messages(result: Result | None = None) -> None:
    """Queued input errors (once) and the model's warnings for ``result``."""
    lang = state.lang()
    for message in state.take_flash():
        st.error(message, icon=":material/block:")
    for message in state.take_notes():
        st.info(message, icon=":material/info:")
    if result is not None:
        for code in result.warnings:
            st.warning(t(f"warn.{code}", lang), icon=":material/warning:")


def kpi_cards(
    base: Result,
    plan: Result,
    keys: Sequence[tuple[str, str]] = KPIS,
    key: str = "kpi_cards",
    mc: tuple[Result, Result] | None = None,
) -> None:
    """One card per KPI: the plan's value, its change vs the baseline, the baseline in the tooltip.

    The cards sit in a wrapping grid (``assets/layout.css``, the ``st-key-kpi_cards…`` class of
    the container ``key``): as many as fit a row at a readable width, so a projector shows more
    rows instead of cut figures.

    ``mc``: the baseline's and the plan's Monte Carlo (``state.mc_results``): a card with
    something to say about its range (:func:`range_lines`) writes it beneath its value, and a
    caption under the grid says how many paths and which seed. None: the cards as without
    ranges."""
    lang = state.lang()
    grid = st.container(horizontal=True, key=key)
    for kpi, kind in keys:
        value, ref = plan.totals[kpi], base.totals[kpi]
        # a score moves by points, the rest by percent; colour by the measure's direction
        delta, color, arrow = kpi_delta(kpi, kind, value, ref, lang)
        lines = range_lines(kpi, kind, mc, lang) if mc is not None else []
        card = grid.container(border=True) if lines else grid
        card.metric(
            t(f"kpi.{kpi}", lang),
            fmt_kpi(value, kind, lang),
            delta=delta,
            delta_color=color,
            delta_arrow=arrow,
            delta_description=t("kpi.vs_baseline", lang, value=fmt_kpi(ref, kind, lang))
            if delta
            else None,
            border=not lines,
            help=t("kpi.baseline_value", lang, value=fmt_kpi(ref, kind, lang)),
        )
        if lines:
            card.caption("  \n".join(lines))
    if mc is not None:
        range_note(mc[1], lang)


def range_lines(kpi: str, kind: str, mc: tuple[Result, Result], lang: str) -> list[str]:
    """What a KPI card says about its range: P10–P90 of the plan's total (``bands.RANGED_KPIS``),
    the chance the plan beats the baseline (profit, GMV; "the plan is the baseline" when it is)
    and, for profit, the chance of a loss."""
    base_mc, plan_mc = mc
    out = []
    rng = bands.kpi_range(plan_mc, kpi) if kpi in bands.RANGED_KPIS else None
    if rng is not None:
        lo, hi = (fmt_kpi(v, kind, lang) for v in rng)
        out.append(t("band.kpi_range", lang, lo=lo, hi=hi))
    if kpi in bands.ODDS_MEASURES and bands.has_paths(plan_mc):
        if bands.same_plan(plan_mc, base_mc):
            out.append(t("band.same_plan", lang))
        elif (o := bands.odds(plan_mc, base_mc, kpi)) is not None:
            out.append(t("band.beats", lang, pct=chance_text(o.chance_better, lang)))
    if kpi == "profit" and bands.has_paths(plan_mc):
        loss = float((plan_mc.draws["profit"] < 0).mean())
        out.append(t("band.loss", lang, pct=chance_text(loss, lang)))
    return out


def chance_text(p: float, lang: str) -> str:
    """A chance over the paths, in whole percent (a few dozen paths say no more)."""
    return fmt_pct(p, lang, digits=0)


def range_note(result: Result, lang: str) -> None:
    """The caption under ranges: how many paths, which seed, what the bands are."""
    st.caption(t("band.note", lang, paths=fmt_number(result.paths, lang), seed=result.seed))
    if result.redrawn_paths:
        st.caption(t("band.redrawn", lang, n=result.redrawn_paths))


def daily_lines(
    frames: Mapping[str, pd.DataFrame],
    metric: str,
    y_format: str,
    mc: Mapping[str, Result] | None = None,
) -> alt.TopLevelMixin:
    """The daily chart of ``metric`` for every named scenario: its lines, and with ``mc`` (the
    scenarios' Monte Carlo by name) each one's fan of P10–P90 and P25–P75 around the median."""
    lang = state.lang()
    kw = dict(x_title=t("m.day", lang), y_title=t(f"m.{metric}", lang), y_format=y_format,
              lang=lang, scenario_title=t("m.scenario", lang), money=metric in MONEY_MEASURES)  # fmt: skip
    data = charts.daily_data(frames, metric)
    fan = bands.band_data(mc, metric) if mc else None
    if fan is None or fan.empty:
        return charts.daily_chart(data, **kw)
    return charts.fan_chart(data, fan, **kw)


def ranges_table(mc: Mapping[str, Result], baseline: str) -> None:
    """The Compare page's ranges: per scenario the P10–P90 of each ranged KPI's total, the
    chance it beats the baseline on profit and GMV, and the chance of a loss."""
    lang = state.lang()
    kinds = dict(KPIS)
    rows = []
    for r in bands.odds_rows(mc, baseline):
        row = {t("band.col.scenario", lang): r["scenario"]}
        for k in bands.RANGED_KPIS:
            lo, hi = (fmt_kpi(r[f"{k}_{q}"], kinds[k], lang) for q in ("p10", "p90"))
            row[t(f"kpi.{k}", lang)] = t("band.span", lang, lo=lo, hi=hi)
        for m, col in (("profit", "band.col.beats_profit"), ("gmv", "band.col.beats_gmv")):
            p = r[f"beats_{m}"]
            row[t(col, lang)] = t("band.is_baseline", lang) if p is None else chance_text(p, lang)
        row[t("band.col.loss", lang)] = chance_text(r["loss"], lang)
        rows.append(row)
    st.markdown(f"**{t('band.table', lang)}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height="content")
    first = next(iter(mc.values()))
    range_note(first, lang)


#: Anchor of the Overview's bridges, the target of the story's link.
BRIDGE_ANCHOR = "bridge"


def md_escape(text: str) -> str:
    """``text`` (a user's scenario name) shown literally by ``st.markdown`` (``ui.text.plain``)."""
    return plain(text)


def versus(lang: str) -> None:
    """The scenarios a page compares, by their workspace names: "方案「A」vs 基线「B」"."""
    st.markdown(
        t(
            "story.versus",
            lang,
            plan=plain(state.name_of(state.PLAN, lang)),
            base=plain(state.name_of(state.BASELINE, lang)),
        )  # fmt: skip
    )


def verdict(base: Result, plan: Result, mc: tuple[Result, Result] | None, lang: str) -> None:
    """The verdict card (``ui.verdict``): the call, the figures with their ranges and chances
    (from the Monte Carlo ``mc`` = (baseline, plan) when ranges are on), the drivers and the
    risks. Not drawn while the plan is the baseline (nothing to judge)."""
    if plan.scenario == base.scenario:
        return
    b, p = mc if mc is not None else (base, plan)
    c = verdict_card(judge(p, b), lang)
    icons = {"success": ":material/thumb_up:", "info": ":material/help:",
             "warning": ":material/thumb_down:"}  # fmt: skip
    with st.container(border=True, key="verdict"):
        getattr(st, c.tone)(f"**{t('vd.title', lang)}** · {c.headline}", icon=icons[c.tone])
        st.markdown(c.figures)
        if c.drivers:
            st.markdown(c.drivers)
        if c.risks:
            st.markdown(f"**{t('vd.risks', lang)}**\n" + "\n".join(f"- {r}" for r in c.risks))


def story(base: Result, plan: Result, lang: str) -> None:
    """The Overview's opening sentence (``ui.story.plan_story``) with a link to the bridges."""
    st.markdown(f"{plan_story(base.totals, plan.totals, lang)} "
                f"[{t('story.link', lang)}](#{BRIDGE_ANCHOR})")  # fmt: skip


# --- issue 18: drawing helpers the pages kept for themselves ---
def yuan_lines(
    title_key: str, legend_key: str, days: pd.Series, lines: Mapping[str, pd.Series]
) -> None:
    """One chart of several named yuan series over the days, under a bold title."""
    lang = state.lang()
    frames = {k: pd.DataFrame({"day": days, "v": v}) for k, v in lines.items()}
    st.markdown(f"**{t(title_key, lang)}**")
    st.altair_chart(
        charts.daily_chart(
            charts.daily_data(frames, "v"),
            x_title=t("m.day", lang),
            y_title=t("m.yuan", lang),
            lang=lang,
            scenario_title=t(legend_key, lang),
            money=True,
        ),
        width="stretch",
    )
