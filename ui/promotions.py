"""The Promotions page's parts: the builder form, the calendar list, a promotion in words, and the
basket threshold an offer sets.

Kinds, fields and seed 003's layering rule come from ``simulator.scenario``; ranges, labels and
help from the registry (through ``ui.widgets``). Nothing is applied unless the pydantic model and
the layering rule accept it; then the scenario is replaced through ``ui.state.update``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from pydantic import TypeAdapter, ValidationError

from simulator import PARAMS, Scenario
from simulator.basket import HEMMATI_PAD_SHARE, OVERSHOOT_SHARE, second_item_margins
from simulator.promotion_kinds import (
    FREE_SHIPPING_MARGIN,
    MAX_LAYERS,
    STACKING_ORDER,
    BasketOffer,
    Money,
    Phrase,
    Share,
    Yuan,
)
from simulator.promotion_kinds import KINDS as KIND_CLASSES
from simulator.scenario import Addon, Promotion, SecondItem, check_stacking
from simulator.sources import source_text
from ui import dates, state, widgets
from ui.errors import describe_error
from ui.fmt import fmt_money, fmt_number, fmt_pct
from ui.i18n import t

#: Kinds in the stacking order of MODEL.md §5.0 (each kind declares its ``STAGE``).
KINDS = STACKING_ORDER
#: Each kind's stage: (1) item level, (2) order-level thresholds on the basket, (3) add-ons.
STAGES = {k: KIND_CLASSES[k].STAGE for k in KINDS}
_PROMOTION = TypeAdapter(Promotion)


# --------------------------------------------------------------------------- a promotion in words
def amount(x: float, lang: str) -> str:
    """A yuan amount without the currency sign (templates place ¥ or 元): 140, 9.9."""
    return fmt_number(x, lang, digits=0 if float(x).is_integer() else 2, compact=False)


def kind_name(kind: str, lang: str) -> str:
    return t(f"kind.{kind}", lang)


def label(i: int, promo: Any, lang: str) -> str:
    """``#1 满减``: the promotion's number in the scenario and its kind."""
    return f"#{i + 1} {kind_name(promo.kind, lang)}"


def days_text(promo: Any, lang: str, start: dt.date | None = None) -> str:
    """The window in words: with the scenario's ``start`` date "11月11日–11月14日(第30–33天)
    (预热3天,11月8日起)", else day numbers only."""
    a, b = promo.start_day, promo.end_day
    if start is not None:
        return dates.window_text(start, a, b, lang) + dates.preheat_text(
            start, a, promo.preheat_days, lang
        )
    text = t("pr.day_text", lang, a=a) if a == b else t("pr.days_text", lang, a=a, b=b)
    if promo.preheat_days:
        text += t("pr.preheat_text", lang, p=promo.preheat_days)
    return text


def audience_text(promo: Any, lang: str) -> str:
    return t(f"aud.{promo.audience}", lang)


def goals_text(kind: str, lang: str) -> str:
    goals = dict.fromkeys(KIND_CLASSES[kind].GOALS)
    sep = "、" if lang == "zh" else ", "
    return t("pr.goal", lang, goals=sep.join(t(f"goal.{g}", lang) for g in goals))


def phrase_text(phrase: Phrase, lang: str) -> str:
    """A catalogue phrase with its values formatted by their type."""

    def shown(v: Yuan | Money | Share | int) -> str | int:
        if isinstance(v, Yuan):
            return amount(v.value, lang)
        if isinstance(v, Money):
            return fmt_money(v.value, lang, compact=False)
        if isinstance(v, Share):
            return fmt_pct(v.value, lang, digits=0)
        return v

    return t(phrase.key, lang, **{k: shown(v) for k, v in phrase.values.items()})


def detail_text(promo: Any, sc: Scenario, lang: str) -> str:
    """The offer in a few words: 满140减10, 降价 20%, 全场包邮 … (the kind's ``summary``)."""
    return "".join(phrase_text(p, lang) for p in promo.summary(sc))


def timeline_rows(sc: Scenario, lang: str) -> list[dict[str, Any]]:
    """The rows ``ui.charts.timeline_data`` draws, in stacking order (§5.0), then by start day."""
    rows = [
        {
            "label": label(i, p, lang),
            "kind": kind_name(p.kind, lang),
            "start_day": p.start_day,
            "end_day": p.end_day,
            "preheat_days": p.preheat_days,
            "audience": audience_text(p, lang),
            "days": days_text(p, lang, sc.start_date),
            "detail": detail_text(p, sc, lang),
            "order": (KINDS.index(p.kind), p.start_day, i),
        }
        for i, p in enumerate(sc.promotions)
    ]
    for n, row in enumerate(sorted(rows, key=lambda r: r["order"])):
        row["order"] = n
    return rows


def max_layers(sc: Scenario) -> int:
    """The most promotions running on one day (pre-heat days are not a layer)."""
    return max(
        (
            sum(q.start_day <= p.start_day <= q.end_day for q in sc.promotions)
            for p in sc.promotions
        ),
        default=0,
    )


# --------------------------------------------------------------------------- basket threshold
def basket_offer(promo: Any, sc: Scenario) -> BasketOffer | None:
    """The (threshold, reward) tiers an order-level offer sets on the basket and the share of
    buyers who hold it, as ``simulator.promotions`` reads them (the kind's ``basket_offer``)."""
    return promo.basket_offer(sc)


# --------------------------------------------------------------------------- formulas
def source(path: str, lang: str) -> str:
    """``[文献] Bijmolt, van Heerde & Pieters 2005 …``: provenance and source of a parameter."""
    p = PARAMS[path]
    return f"[{t(f'prov.{p.provenance}', lang)}: {source_text(p.source, lang)}]"


def _first(sc: Scenario, kind: str, default: Any) -> Any:
    return next((p for p in sc.promotions if p.kind == kind), default)


def formula_values(sc: Scenario, lang: str) -> dict[str, str]:
    """The numbers the formula texts (``pr.f.*``) show, read from the scenario and the registry:
    parameters of the scenario, and of its first promotion of a kind (else the registry's)."""

    def num(x: float, digits: int = 2) -> str:
        return fmt_number(x, lang, digits=digits, compact=False)

    def pct(x: float) -> str:
        return fmt_pct(x, lang, digits=1 if round(x * 100, 1) != round(x * 100) else 0)

    def money(x: float) -> str:
        return fmt_money(x, lang, compact=False)

    pr, bk, store = sc.price, sc.basket, sc.store
    second = _first(sc, "second_item", SecondItem())
    addon = _first(sc, "addon", Addon())
    unit_price = store.aov / store.units_per_order
    unit_cost = (1.0 - store.gross_margin) * unit_price
    single, pair = second_item_margins(unit_price, unit_cost, second.pct)
    attach = addon.attach_rate(sc)
    lo, hi = HEMMATI_PAD_SHARE
    return {
        "max": str(MAX_LAYERS),
        "w_pre": pct(pr.preheat_dip),
        "w_pre_src": source("price.preheat_dip", lang),
        "members": pct(sc.membership.enrollment_rate),
        "eps": num(pr.elasticity),
        "eps_src": source("price.elasticity", lang),
        "lam": num(pr.loss_aversion),
        "lam_src": source("price.loss_aversion", lang),
        "rho": num(pr.reference_share),
        "theta": num(pr.reference_persistence, 3),
        "rho_src": source("price.reference_share", lang),
        "phi": num(pr.conversion_share),
        "p": money(unit_price),
        "c": money(unit_cost),
        "n2": pct(second.pct),
        "m1": money(single),
        "m2": money(pair),
        "u2": pct(second.upgrade_rate),
        "attach": pct(attach),
        "x": money(addon.price),
        "v": money(addon.value),
        "a0": pct(bk.addon_base_rate),
        "a1": pct(bk.addon_slope),
        "amax": pct(bk.addon_cap),
        "eta": num(bk.gift_salience),
        "pi": pct(pr.pull_forward),
        "pi_src": source("price.pull_forward", lang),
        "tau": num(pr.pull_forward_days, 0),
        "tau_src": source("price.pull_forward_days", lang),
        "sigma": num(bk.sigma),
        "over": num(OVERSHOOT_SHARE),
        "v_pad": num(bk.pad_value_share),
        "psi": num(bk.pad_max_prob),
        "lo": pct(lo),
        "hi": pct(hi),
        "bubble": pct(sc.finance.bubble_return_rate),
        "bubble_src": source("finance.bubble_return_rate", lang),
        "fee": money(store.shipping_fee),
        "margin": amount(FREE_SHIPPING_MARGIN, lang),
        "default": money(store.aov + FREE_SHIPPING_MARGIN),
    }


# --------------------------------------------------------------------------- builder
#: Each kind's number fields (registry path ``promotion.<kind>.<field>``), drawn two per row.
NUMBERS: dict[str, tuple[str, ...]] = {k: KIND_CLASSES[k].number_fields() for k in KINDS}
#: Yes/no fields (label ``pr.<field>``, help ``pr.<field>_help``).
FLAGS: dict[str, tuple[str, ...]] = {k: KIND_CLASSES[k].flag_fields() for k in KINDS}
#: Table fields: model field → (column → registry path); one row of registry defaults to start.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    k: (table.field, dict(table.columns))
    for k in KINDS
    if (table := KIND_CLASSES[k].TABLE) is not None
}
ADDED = "pr_added"


def _key(kind: str, field: str) -> str:
    return f"pb:{kind}:{field}"


def _default_rows(paths: dict[str, str]) -> list[dict[str, Any]]:
    return [{col: PARAMS[path].default for col, path in paths.items()}]


def _draw_fields(kind: str, sc: Scenario, lang: str) -> None:
    """The kind's own fields, inside the form."""
    names = NUMBERS[kind]
    for start in range(0, len(names), 2):
        for col, name in zip(st.columns(2), names[start : start + 2], strict=False):
            placeholder = None
            hint = getattr(KIND_CLASSES[kind], "hint", None)
            if hint is not None:  # what an empty optional field means (the kind says)
                placeholder = phrase_text(hint(sc), lang)
            widgets.field_input(
                f"promotion.{kind}.{name}", _key(kind, name), container=col, placeholder=placeholder
            )
    for flag in FLAGS.get(kind, ()):
        st.checkbox(
            t(f"pr.{flag}", lang),
            key=_key(kind, flag),
            help=t(f"pr.{flag}_help", lang),
            persist_state="session",
        )
    if kind in TABLES:
        name, paths = TABLES[kind]
        st.caption(t(f"pr.{name}", lang))
        widgets.table_input(_key(kind, name), paths, _default_rows(paths))


def _read(kind: str, start: dt.date) -> dict[str, Any]:
    """The form's values as a promotion's fields (model units), from the session state; the
    date range becomes day offsets from the scenario's ``start`` date."""
    first, last = dates.range_days(_key(kind, "days"), start)
    data: dict[str, Any] = {
        "kind": kind,
        "start_day": first,
        "end_day": last,
        "preheat_days": widgets.field_value("promotion.preheat_days", _key(kind, "preheat")),
        "audience": st.session_state.get(state.option_key(_key(kind, "audience"))[0], "all"),
    }
    for name in NUMBERS[kind]:
        data[name] = widgets.field_value(f"promotion.{kind}.{name}", _key(kind, name))
    for flag in FLAGS.get(kind, ()):
        data[flag] = bool(st.session_state.get(_key(kind, flag), False))
    table = KIND_CLASSES[kind].TABLE
    if table is not None:
        paths = dict(table.columns)
        rows = widgets.table_value(_key(kind, table.field), paths, _default_rows(paths))
        data[table.field] = table.value(rows)
    return data


def _audience(kind: str, lang: str, container: Any) -> None:
    p = PARAMS["promotion.audience"]
    open_audience = KIND_CLASSES[kind].OPEN_AUDIENCE
    options = list(p.choices) if open_audience else ["all"]
    note = "" if open_audience else "\n\n" + t("pr.audience_all_only", lang)
    key, carried = state.option_key(_key(kind, "audience"))
    container.selectbox(
        t("pr.audience", lang),
        options=options,
        index=options.index(carried) if carried in options else 0,
        format_func=lambda a: t(f"aud.{a}", lang),
        key=key,
        disabled=len(options) == 1,
        help=p.help(lang) + note,
        persist_state="session",
    )


def _added_label(lang: str, which: str, *_: object) -> str:
    promos = state.slot(which).scenario.promotions
    return t("undo.act.promo_add", lang, label=label(len(promos) - 1, promos[-1], lang),
             scenario=state.name_of(which, lang))  # fmt: skip


def _removed_label(lang: str, which: str, index: int | None) -> str:
    name = state.name_of(which, lang)
    if index is None:
        return t("undo.act.promo_clear", lang, scenario=name)
    promo = state.slot(which).scenario.promotions[index]
    return t("undo.act.promo_delete", lang, label=label(index, promo, lang), scenario=name)


@state.recording(_added_label)
def add(which: str, data: dict[str, Any]) -> bool:
    """Validate ``data`` as a promotion beside the scenario's others (pydantic model, then seed
    003's layering rule) and apply it; otherwise queue why and change nothing. True if applied."""
    lang = state.lang()
    sc = state.slot(which).scenario
    try:
        promo = _PROMOTION.validate_python(data)
        check_stacking((*sc.promotions, promo), sc.start_date)
    except (ValidationError, ValueError) as exc:
        state.flash(describe_error(exc, lang))
        return False
    kept = [p.model_dump() for p in sc.promotions]
    if not state.update(which, "promotions", [*kept, promo.model_dump()]):
        return False  # the scenario refused it: state.update queued the message
    st.session_state[ADDED] = label(len(kept), promo, lang)
    return True


def _submit(which: str, kind: str) -> None:
    add(which, _read(kind, state.slot(which).scenario.start_date))


def builder(which: str) -> None:
    """Pick a kind, fill in its days, audience and fields, add it to the calendar.

    The form is read in the submit button's callback, before the page is drawn, so the KPIs,
    charts and tables of this very run include the new promotion.
    """
    lang = state.lang()
    sc = state.slot(which).scenario
    key, carried = state.option_key("pb_kind")
    kind = st.selectbox(
        t("pr.kind", lang),
        options=KINDS,
        index=list(KINDS).index(carried) if carried in KINDS else 0,
        format_func=lambda k: kind_name(k, lang),
        key=key,
        persist_state="session",
    )
    st.caption(
        t(f"desc.{kind}", lang, margin=amount(FREE_SHIPPING_MARGIN, lang))
        + "  \n"
        + goals_text(kind, lang)
        + " · "
        + t("pr.stage", lang, stage=t(f"stage.{STAGES[kind]}", lang))
    )
    with st.form(f"pb_form:{kind}"):
        dates.date_range_input(
            _key(kind, "days"),
            sc.start_date,
            sc.horizon_days,
            (int(PARAMS["promotion.start_day"].default), int(PARAMS["promotion.end_day"].default)),
            label=t("dt.range", lang),
            lang=lang,
        )
        a, b = st.columns(2)
        widgets.field_input("promotion.preheat_days", _key(kind, "preheat"), container=a)
        _audience(kind, lang, b)
        _draw_fields(kind, sc, lang)
        st.form_submit_button(
            t("pr.add", lang),
            icon=":material/add:",
            type="primary",
            key="pb_add",
            on_click=_submit,
            args=(which, kind),
        )
    if ADDED in st.session_state:
        st.toast(t("pr.added", lang, label=st.session_state.pop(ADDED)), icon=":material/check:")


# --------------------------------------------------------------------------- calendar list
@state.recording(_removed_label, before=True)
def _remove(which: str, index: int | None) -> None:
    sc = state.slot(which).scenario
    kept = [p.model_dump() for i, p in enumerate(sc.promotions) if index is not None and i != index]
    state.update(which, "promotions", kept)


def calendar_list(which: str) -> None:
    """The scenario's promotions, each with a delete button, and a button that clears them all."""
    lang = state.lang()
    sc = state.slot(which).scenario
    if not sc.promotions:
        st.info(t("pr.none", lang), icon=":material/event:")
        return
    for i, p in enumerate(sc.promotions):
        # One row: the text takes what the button (at its full width) leaves.
        text = button = st.container(horizontal=True, vertical_alignment="center")
        text.markdown(
            f"**{label(i, p, lang)}** · {days_text(p, lang, sc.start_date)} · "
            f"{audience_text(p, lang)}  \n"
            f"{detail_text(p, sc, lang)}"
        )
        button.button(
            t("pr.delete_short", lang),
            key=f"pdel:{which}:{i}",
            icon=":material/delete:",
            help=t("pr.delete", lang),
            on_click=_remove,
            args=(which, i),
        )
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.caption(t("pr.layers_now", lang, n=max_layers(sc), max=MAX_LAYERS))
    right.button(
        t("pr.clear", lang),
        key=f"pclear:{which}",
        icon=":material/delete_sweep:",
        on_click=_remove,
        args=(which, None),
        width="stretch",
    )
