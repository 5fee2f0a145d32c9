"""Widgets built from the parameter registry: range, step, unit, label, help and provenance.

Nothing here restates a number: bounds, defaults and labels come from ``simulator.registry``.
Fractions are shown in percent (an operator reads 2.4%, not 0.024).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from simulator import PARAMS, get_param
from simulator.scenario import Campaign, ItemDiscount
from ui import state
from ui.errors import describe_error
from ui.fmt import unit_label
from ui.i18n import t

PERCENT = 100.0


def _scale(unit: str) -> float:
    return PERCENT if unit == "fraction" else 1.0


def _label(path: str, lang: str) -> str:
    p = PARAMS[path]
    unit = "%" if p.unit == "fraction" else unit_label(p.unit, lang)
    return f"{p.label(lang)} ({unit})" if unit else p.label(lang)


def _help(path: str, lang: str) -> str:
    p = PARAMS[path]
    prov = t(f"prov.{p.provenance}", lang)
    sym = f"`{p.symbol}` · " if p.symbol else ""
    return f"{p.help(lang)}\n\n{sym}[{prov}] {p.source}".strip()


def widget_key(which: str, path: str) -> str:
    return f"w:{which}:{state.slot(which).version}:{path}"


def _apply(which: str, path: str, key: str, scale: float, integer: bool) -> None:
    raw = st.session_state.get(key)
    if raw is None:  # a cleared number box: keep the value in force
        state.slot(which).version += 1
        return
    value = int(round(raw)) if integer else raw / scale
    state.update(which, path, value)


def param_input(which: str, path: str, *, slider: bool = False, container: Any = st) -> None:
    """A number box (or slider) for ``path`` of scenario ``which`` that writes back on change."""
    p = PARAMS[path]
    lang = state.lang()
    key = widget_key(which, path)
    value = get_param(state.slot(which).scenario, path)
    common: dict[str, Any] = {
        "label": _label(path, lang),
        "key": key,
        "help": _help(path, lang),
    }
    if p.kind == "choice":
        container.segmented_control(
            options=list(p.choices),
            default=value,
            required=True,
            on_change=lambda: state.update(which, path, st.session_state[key]),
            **common,
        )
        return
    integer = p.kind == "int"
    scale = _scale(p.unit)
    if integer:
        bounds = {
            "min_value": int(p.lo),
            "max_value": int(p.hi),
            "value": int(value),
            "step": int(p.step or 1),
        }
    else:
        step = (p.step or 0.01) * scale
        shown = value * scale
        decimals = max(0, min(4, -math.floor(math.log10(step) + 1e-9))) if step < 1 else 0
        while decimals < 4 and abs(round(shown, decimals) - shown) > 1e-9:
            decimals += 1  # never hide digits the value has (64.79%, ¥115.5)
        bounds = {
            "min_value": float(p.lo * scale),
            "max_value": float(p.hi * scale),
            "value": float(round(value * scale, 6)),
            "step": float(step),
            "format": f"%.{decimals}f",
        }
    callback = {"on_change": _apply, "args": (which, path, key, scale, integer)}
    if slider:
        bounds.pop("format", None)
        container.slider(**common, **bounds, **callback)
    else:
        container.number_input(**common, **bounds, **callback)


def weekday_inputs(which: str) -> None:
    """Seven multipliers, Monday…Sunday, for ``traffic.weekday_profile``."""
    lang = state.lang()
    path = "traffic.weekday_profile"
    p = PARAMS[path]
    profile = list(get_param(state.slot(which).scenario, path))
    names = t("tf.weekdays", lang).split(",")
    st.caption(t("tf.weekday", lang) + f" · [{t(f'prov.{p.provenance}', lang)}] {p.source}")
    cols = st.columns(7)
    for i, (col, name) in enumerate(zip(cols, names, strict=True)):
        key = f"{widget_key(which, path)}:{i}"

        def change(i: int = i, key: str = key) -> None:
            new = list(get_param(state.slot(which).scenario, path))
            new[i] = st.session_state[key]
            state.update(which, path, new)

        col.number_input(
            name,
            min_value=float(p.lo),
            max_value=float(p.hi),
            value=float(profile[i]),
            step=float(p.step or 0.05),
            key=key,
            on_change=change,
            format="%.2f",
        )


# --------------------------------------------------------------------------- list editors
_CAMPAIGN_FIELDS = (
    "start_day",
    "end_day",
    "platform_uv",
    "store_share",
    "quality",
    "fee_per_day",
    "commission_rate",
)
_DISCOUNT_FIELDS = ("start_day", "end_day", "pct", "coverage")


def _column(path: str, lang: str) -> Any:
    p = PARAMS[path]
    return st.column_config.NumberColumn(
        _label(path, lang),
        min_value=p.lo,
        max_value=p.hi,
        step=p.step or 0.01,
        help=_help(path, lang),
        default=p.default,
        required=True,
        format="%d" if p.kind == "int" else None,
    )


def _editor(
    which: str,
    name: str,
    rows: list[dict],
    config: dict,
    build: Any,
    path: str,
    keep: list | None = None,
) -> None:
    """A dynamic table whose rows are validated one by one; applied only when every row is valid."""
    lang = state.lang()
    counter = f"ed:{which}:{name}"
    st.session_state.setdefault(counter, 0)
    key = f"{widget_key(which, path)}:{st.session_state[counter]}"
    columns = list(config)
    frame = pd.DataFrame(rows, columns=columns)
    edited = st.data_editor(
        frame, key=key, num_rows="dynamic", column_config=config, hide_index=True, width="stretch"
    )
    records = [
        {
            k: v
            for k, v in row.items()
            if not (isinstance(v, float) and pd.isna(v)) and v is not None
        }
        for row in edited.to_dict("records")
    ]
    if records == [{k: r[k] for k in columns if k in r} for r in rows]:
        return
    items, problems = [], []
    for n, rec in enumerate(records, start=1):
        try:
            items.append(build(**rec))
        except (ValidationError, ValueError, TypeError) as exc:
            problems.append(t("tf.row", lang, n=n, msg=describe_error(exc, lang)))
    if problems:
        st.warning(t("tf.rows_invalid", lang) + "\n\n" + "\n\n".join(problems))
        return
    if state.update(which, path, [*(keep or []), *(i.model_dump() for i in items)]):
        st.session_state[counter] += 1


def campaign_editor(which: str) -> None:
    lang = state.lang()
    sc = state.slot(which).scenario
    kinds = ["tiantian_tejia", "juhuasuan", "other"]
    config = {
        "kind": st.column_config.SelectboxColumn(
            t("tf.kind", lang),
            options=kinds,
            required=True,
            default="tiantian_tejia",
            format_func=lambda k: t(f"camp.{k}", lang),
        ),
        **{f: _column(f"campaign.{f}", lang) for f in _CAMPAIGN_FIELDS},
    }
    rows = [c.model_dump() for c in sc.traffic.campaigns]
    st.caption(t("tf.campaign_editor", lang))
    _editor(which, "campaigns", rows, config, Campaign, "traffic.campaigns")


def discount_editor(which: str) -> None:
    lang = state.lang()
    sc = state.slot(which).scenario
    config = {
        "start_day": _column("promotion.start_day", lang),
        "end_day": _column("promotion.end_day", lang),
        "pct": _column("promotion.item_discount.pct", lang),
        "coverage": _column("promotion.item_discount.coverage", lang),
    }
    rows = [
        {f: getattr(p, f) for f in _DISCOUNT_FIELDS}
        for p in sc.promotions
        if p.kind == "item_discount"
    ]
    st.caption(t("tf.discount_editor", lang))
    _editor(
        which,
        "discounts",
        rows,
        config,
        lambda **kw: ItemDiscount(kind="item_discount", **kw),
        "promotions",
    )
