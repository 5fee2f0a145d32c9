"""Widgets built from the parameter registry: range, step, unit, label, help and provenance.

Nothing here restates a number: bounds, defaults and labels come from ``simulator.registry``.
Fractions are shown in percent (an operator reads 2.4%, not 0.024).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from simulator import PARAMS, Param, get_param
from simulator.scenario import Campaign
from simulator.sources import source_text
from ui import router, state
from ui.datefmt import window_text
from ui.errors import choice_label, describe_error
from ui.fmt import unit_label
from ui.i18n import t
from ui.text import plain

PERCENT = 100.0
#: The "from your data" mark's icon (a Material icon: Streamlit ships its font, an emoji may
#: have none on the machine).
DATA_ICON = ":material/insights:"


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
    return f"{p.help(lang)}\n\n{sym}[{prov}] {source_text(p.source, lang)}".strip()


def fitted_source(which: str, path: str) -> str | None:
    """The file ``path`` of scenario ``which`` was fitted from (Calibrate), else None."""
    fitted = state.fitted_of(which)
    return next((src for k, src in fitted.items() if path == k or path.startswith(k + ".")), None)


def from_data(which: str, path: str, label: str, help: str, lang: str) -> tuple[str, str]:
    """``label`` and ``help`` of an input, marked "from your data" (the file named in the
    help) when its value was fitted from the shop's data: the mark sits on the value's own input,
    and goes when the value is edited by hand."""
    source = fitted_source(which, path)
    if source is None:
        return label, help
    mark = f"{DATA_ICON} {t('undo.from_data', lang)}"
    return (
        f"{label} :blue[{mark}]",
        f"**{mark}**: {t('cal.fitted_from', lang, name=plain(source))}\n\n{help}",
    )


def widget_key(which: str, path: str) -> str:
    """The key of the input bound to ``path`` of scenario ``which``; asking for it while drawing
    marks ``path`` as having an input in this run (see :func:`advanced`)."""
    claim([path])
    return f"w:{which}:{state.slot(which).version}:{path}"


# --------------------------------------------------------------------------- advanced section
def drawn() -> set[str]:
    """Registry paths given an input (or claimed) in this page run; each run starts with none
    (``router.routing``)."""
    return st.session_state.setdefault(router.DRAWN, set())


def claim(paths: Iterable[str]) -> None:
    """Mark ``paths`` as this page's own: drawn by hand, or hidden by hand because they change
    nothing in the scenario's present state (the renewal terms of a free membership, the
    Gamma-Gamma terms under the AOV ratio). The advanced section leaves them out."""
    drawn().update(paths)


def _switched_off(scenario: Any, path: str) -> bool:
    """True when a scheme ``path`` belongs to is switched off (``membership.points.enabled``
    false for ``membership.points.breakage``): the parameter changes nothing until it is on."""
    parts = path.split(".")
    for n in range(1, len(parts)):
        try:
            on = get_param(scenario, ".".join([*parts[:n], "enabled"]))
        except ValueError:
            continue
        if on is False:
            return True
    return False


def unclaimed(which: str, groups: Iterable[str]) -> list[str]:
    """Registry parameters of ``groups`` (first path segments) that scenario ``which`` has and
    that no input drew or claimed in this run, in registry order. Left out: template paths of
    list items (``campaign.*``, ``promotion.*``: their editors draw them), lists (their own
    editors) and the parameters of a scheme that is switched off."""
    sc = state.slot(which).scenario
    taken, wanted = drawn(), set(groups)
    out = []
    for path, p in PARAMS.items():
        if p.group not in wanted or path in taken:
            continue
        try:
            value = get_param(sc, path)
        except ValueError:  # a template path of a list item
            continue
        if isinstance(value, list | tuple) or _switched_off(sc, path):
            continue
        out.append(path)
    return out


def group_inputs(
    which: str,
    groups: Iterable[str],
    *,
    headings: Mapping[str, str] | None = None,
    columns: int = 2,
) -> int:
    """An input for every :func:`unclaimed` parameter of ``groups``, under a heading per group
    (catalogue key ``headings[group]``, else ``grp.<group>``), ``columns`` to a row. Returns how
    many were drawn: a parameter added to the registry appears here without a page edit."""
    lang = state.lang()
    paths = unclaimed(which, groups)
    for group in dict.fromkeys(PARAMS[p].group for p in paths):
        mine = [p for p in paths if PARAMS[p].group == group]
        st.markdown(f"**{t((headings or {}).get(group, f'grp.{group}'), lang)}**")
        cols = st.columns(columns)
        for n, path in enumerate(mine):
            param_input(which, path, container=cols[n % columns])
    return len(paths)


def advanced(which: str, groups: Iterable[str]) -> None:
    """A collapsed 高级设置 / Advanced expander with :func:`group_inputs` of ``groups``; call it
    after the page's own inputs. Nothing is drawn when the page already has them all."""
    groups = tuple(groups)
    if not unclaimed(which, groups):
        return
    lang = state.lang()
    with st.expander(t("adv.title", lang), icon=":material/tune:", expanded=False):
        st.caption(t("adv.caption", lang))
        group_inputs(which, groups)


def _apply(which: str, path: str, key: str, scale: float, integer: bool) -> None:
    raw = st.session_state.get(key)
    if raw is None:  # a cleared number box: keep the value in force
        state.slot(which).version += 1
        return
    value = int(round(raw)) if integer else raw / scale
    state.update(which, path, value)


def _decimals(step: float, shown: float | None = None) -> int:
    """Decimals a number box needs for ``step``, and never fewer than ``shown`` has (64.79%)."""
    decimals = max(0, min(4, -math.floor(math.log10(step) + 1e-9))) if step < 1 else 0
    while shown is not None and decimals < 4 and abs(round(shown, decimals) - shown) > 1e-9:
        decimals += 1
    return decimals


def _bounds(p: Param, value: Any, hi: float | None = None) -> dict[str, Any]:
    """``min_value``/``max_value``/``value``/``step``/``format`` of a number box for ``p``, in
    screen units (percent for fractions). ``hi`` narrows the upper bound (e.g. the horizon)."""
    top = p.hi if hi is None else min(p.hi, hi)
    if p.kind == "int":
        return {
            "min_value": int(p.lo),
            "max_value": int(top),
            "value": None if value is None else int(min(max(value, p.lo), top)),
            "step": int(p.step or 1),
        }
    scale = _scale(p.unit)
    step = (p.step or 0.01) * scale
    shown = None if value is None else value * scale
    return {
        "min_value": float(p.lo * scale),
        "max_value": float(top * scale),
        "value": None if shown is None else float(round(shown, 6)),
        "step": float(step),
        "format": f"%.{_decimals(step, shown)}f",
    }


def param_input(which: str, path: str, *, slider: bool = False, container: Any = st) -> None:
    """A number box (or slider) for ``path`` of scenario ``which`` that writes back on change."""
    p = PARAMS[path]
    lang = state.lang()
    key = widget_key(which, path)
    value = get_param(state.slot(which).scenario, path)
    label, help = from_data(which, path, _label(path, lang), _help(path, lang), lang)
    common: dict[str, Any] = {"label": label, "key": key, "help": help}
    if p.kind == "choice":
        # One key per language: the browser sends back the label it shows (state.option_key).
        key = common["key"] = state.lang_key(key, lang)
        container.segmented_control(
            options=list(p.choices),
            default=value,
            required=True,
            format_func=lambda c: choice_label(path, c, lang),
            on_change=lambda: state.update(which, path, st.session_state[key]),
            **common,
        )
        return
    integer = p.kind == "int"
    bounds = _bounds(p, value)
    callback = {"on_change": _apply, "args": (which, path, key, _scale(p.unit), integer)}
    if slider:
        bounds.pop("format", None)
        container.slider(**common, **bounds, **callback)
    else:
        container.number_input(**common, **bounds, **callback)


def _to_model(p: Param, raw: Any) -> Any:
    """A number box's value in model units: a fraction, not the percent shown."""
    if raw is None:
        return None
    return int(raw) if p.kind == "int" else round(raw / _scale(p.unit), 10)


def _clamp_state(key: str, lo: float, hi: float) -> None:
    """Keep a kept value (``persist_state``) inside bounds that moved since (a shorter horizon,
    a lower AOV): Streamlit refuses a widget whose state lies outside its range."""
    value = st.session_state.get(key)
    if value is None:
        return
    if isinstance(value, tuple | list):
        st.session_state[key] = tuple(min(max(v, lo), hi) for v in value)
    elif not lo <= value <= hi:
        st.session_state[key] = min(max(value, lo), hi)


def field_input(
    path: str,
    key: str,
    *,
    value: Any = None,
    container: Any = st,
    slider: bool = False,
    hi: float | None = None,
    placeholder: str | None = None,
) -> Any:
    """An input for a field of a list item (a promotion's), not bound to a scenario.

    Range, step, label and help come from the registry entry ``path``; ``value`` defaults to its
    default (``None`` with a ``placeholder`` leaves the box empty). The value persists for the
    session (it survives page switches); read it back with :func:`field_value`. Returns the value
    in model units.
    """
    p = PARAMS[path]
    lang = state.lang()
    if value is None and placeholder is None:
        value = p.default
    bounds = _bounds(p, value, hi)
    _clamp_state(key, bounds["min_value"], bounds["max_value"])
    common = {
        "label": _label(path, lang),
        "key": key,
        "help": _help(path, lang),
        "persist_state": "session",
    }
    if slider:
        bounds.pop("format", None)
        raw = container.slider(**common, **bounds)
    else:
        raw = container.number_input(**common, **bounds, placeholder=placeholder)
    return _to_model(p, raw)


def field_value(path: str, key: str) -> Any:
    """The value of the :func:`field_input` ``key`` in model units (in a callback too); the
    registry default if it was never drawn."""
    p = PARAMS[path]
    if key not in st.session_state:
        return p.default
    return _to_model(p, st.session_state[key])


def days_input(
    prefix: str, key: str, horizon: int, *, container: Any = st, label: str = ""
) -> tuple[int, int]:
    """A range slider over days 0…horizon − 1 for ``<prefix>.start_day``/``<prefix>.end_day``."""
    lo, hi = PARAMS[f"{prefix}.start_day"], PARAMS[f"{prefix}.end_day"]
    top = min(int(hi.hi), horizon - 1)
    start = min(int(lo.default), top)
    end = min(max(int(hi.default), start), top)
    lang = state.lang()
    _clamp_state(key, int(lo.lo), max(top, 1))
    first, last = container.slider(
        label or f"{lo.label(lang)} – {hi.label(lang)}",
        min_value=int(lo.lo),
        max_value=max(top, 1),
        value=(start, end),
        step=1,
        key=key,
        help=_help(f"{prefix}.start_day", lang),
        persist_state="session",
    )
    return int(first), int(last)


def weekday_inputs(which: str) -> None:
    """Seven multipliers, Monday…Sunday, for ``traffic.weekday_profile``."""
    lang = state.lang()
    path = "traffic.weekday_profile"
    p = PARAMS[path]
    profile = list(get_param(state.slot(which).scenario, path))
    names = t("tf.weekdays", lang).split(",")
    source = fitted_source(which, path)
    if source is None:
        st.caption(
            t("tf.weekday", lang)
            + f" · [{t(f'prov.{p.provenance}', lang)}] {source_text(p.source, lang)}"
        )
    else:  # the mark beside the values it concerns
        mark = f"{DATA_ICON} {t('undo.from_data', lang)}"
        st.caption(
            f"{t('tf.weekday', lang)} :blue[{mark}] · "
            f"{t('cal.fitted_from', lang, name=plain(source))}"
        )
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


def _column(path: str, lang: str, width: str | None = None) -> Any:
    """A table column for registry entry ``path``; fractions in percent, like the number boxes."""
    p = PARAMS[path]
    scale = _scale(p.unit)
    step = (p.step or 0.01) * scale
    return st.column_config.NumberColumn(
        _label(path, lang),
        min_value=p.lo * scale,
        max_value=p.hi * scale,
        step=step,
        help=_help(path, lang),
        default=p.default * scale,
        required=True,
        format="%d" if p.kind == "int" else f"%.{_decimals(step)}f",
        width=width,
    )


def _scales(paths: dict[str, str]) -> dict[str, float]:
    """Column → factor from model units to screen units, for the columns shown in percent."""
    return {col: PERCENT for col, path in paths.items() if PARAMS[path].unit == "fraction"}


def _to_screen(rows: list[dict], scales: dict[str, float]) -> list[dict]:
    return [
        {k: round(v * scales[k], 10) if k in scales and v is not None else v for k, v in r.items()}
        for r in rows
    ]


def _from_screen(rows: list[dict], scales: dict[str, float]) -> list[dict]:
    return [
        {k: round(v / scales[k], 12) if k in scales and v is not None else v for k, v in r.items()}
        for r in rows
    ]


def _records(edited: pd.DataFrame) -> list[dict]:
    """The rows of an edited table without its empty cells."""
    return [
        {
            k: v
            for k, v in row.items()
            if not (isinstance(v, float) and pd.isna(v)) and v is not None
        }
        for row in edited.to_dict("records")
    ]


def table_input(key: str, paths: dict[str, str], rows: list[dict], *, container: Any = st) -> None:
    """A small editable table (one column per registry entry in ``paths``) starting from
    ``rows`` (model units), not bound to a scenario; read it back with :func:`table_value`."""
    lang = state.lang()
    container.data_editor(
        pd.DataFrame(_to_screen(rows, _scales(paths)), columns=list(paths)),
        key=key,
        num_rows="dynamic",
        column_config={col: _column(path, lang, "small") for col, path in paths.items()},
        hide_index=True,
        width="stretch",
    )


def table_value(key: str, paths: dict[str, str], rows: list[dict]) -> list[dict]:
    """The rows of the :func:`table_input` ``key`` in model units, from its edit state (so a
    form's submit callback can read them): ``rows`` with the edits, deletions and additions."""
    scales = _scales(paths)
    edits = st.session_state.get(key) or {}
    out = [dict(r) for r in _to_screen(rows, scales)]
    for index, change in (edits.get("edited_rows") or {}).items():
        if 0 <= int(index) < len(out):
            out[int(index)].update(change)
    deleted = {int(i) for i in edits.get("deleted_rows") or ()}
    out = [r for i, r in enumerate(out) if i not in deleted]
    out += [dict(r) for r in edits.get("added_rows") or ()]
    return _from_screen(_records(pd.DataFrame(out, columns=list(paths))), scales)


def _editor(
    which: str,
    name: str,
    rows: list[dict],
    config: dict,
    build: Any,
    path: str,
    scales: dict[str, float] | None = None,
    keep: list | None = None,
) -> None:
    """A dynamic table whose rows are validated one by one; applied only when every row is valid.

    ``rows`` are in model units; ``scales`` turns fractions into the percent shown and back.
    """
    lang = state.lang()
    scales = scales or {}
    counter = f"ed:{which}:{name}"
    st.session_state.setdefault(counter, 0)
    key = f"{widget_key(which, path)}:{st.session_state[counter]}"
    columns = list(config)
    shown = _to_screen(rows, scales)
    frame = pd.DataFrame(shown, columns=columns)
    edited = st.data_editor(
        frame, key=key, num_rows="dynamic", column_config=config, hide_index=True, width="stretch"
    )
    records = _records(edited)
    if records == [{k: r[k] for k in columns if k in r} for r in shown]:
        return
    items, problems = [], []
    for n, rec in enumerate(_from_screen(records, scales), start=1):
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
    paths = {f: f"campaign.{f}" for f in _CAMPAIGN_FIELDS}
    config = {
        "kind": st.column_config.SelectboxColumn(
            t("tf.kind", lang),
            options=kinds,
            required=True,
            default="tiantian_tejia",
            format_func=lambda k: t(f"camp.{k}", lang),
        ),
        **{f: _column(path, lang) for f, path in paths.items()},
    }
    rows = [c.model_dump() for c in sc.traffic.campaigns]
    st.caption(t("tf.campaign_editor", lang))
    _editor(which, "campaigns", rows, config, Campaign, "traffic.campaigns", _scales(paths))
    if sc.traffic.campaigns:  # the windows' days as calendar dates (issue 16)
        st.caption(
            " · ".join(
                f"{t(f'camp.{c.kind}', lang)} "
                f"{window_text(sc.start_date, c.start_day, c.end_day, lang)}"
                for c in sc.traffic.campaigns
            )
        )
