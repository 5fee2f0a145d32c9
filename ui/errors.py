"""Bad input → one clear sentence in the user's language (pure: no streamlit import).

The sentences are shown as Markdown (flash messages, a workspace file's problems): whatever they
quote from the input (a value that is not a number, a field name, the model's own text, which
may repeat an input) is escaped with ``ui.text.plain``."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from simulator.errors import ModelError
from simulator.registry import PARAMS
from simulator.scenario import MAX_LAYERS, PROMOTION_KINDS, ParamRangeError, StackingError, shown
from ui.datefmt import fmt_date, window_text
from ui.fmt import fmt_money, fmt_number, fmt_param
from ui.i18n import CATALOGUE, t
from ui.text import plain

#: Numbers beyond this are quoted by their size, not formatted (a link may carry 1e308 or an
#: integer of thousands of digits).
_QUOTED_MAX = 1e15


def _value_text(value: object, unit: str, lang: str) -> str:
    """A bad value as a message quotes it: a number formatted in its unit, ∞ for an infinite one,
    "a number of 5,000 digits" for an integer too long to print, anything else cut short."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return "NaN"
        if isinstance(value, int) and value.bit_length() > 64:
            digits = math.floor(abs(value).bit_length() * math.log10(2)) + 1
            return t("err.long_number", lang, n=fmt_number(digits, lang, compact=False))
        if abs(value) > _QUOTED_MAX:
            return ("-" if value < 0 else "") + ("∞" if math.isinf(value) else f"{abs(value):.3g}")
        return fmt_param(value, unit, lang)
    return plain(shown(value).strip("'\""))  # as the link or file gave it, cut short


def choice_label(path: str, choice: str, lang: str) -> str:
    """The label of one option of a registry choice (audiences have their own catalogue keys)."""
    if path == "promotion.audience":
        return t(f"aud.{choice}", lang)
    return t(f"opt.{path}.{choice}", lang)


def _range_message(err: ParamRangeError, lang: str) -> str:
    p = err.param
    if p.kind == "choice":
        sep = "、" if lang == "zh" else ", "
        choices = sep.join(choice_label(p.path, c, lang) for c in p.choices)
        value = _value_text(err.value, p.unit, lang)
        return t("err.choice", lang, label=p.label(lang), choices=choices, value=value)
    value = _value_text(err.value, p.unit, lang)
    return t(
        f"err.{err.reason}",
        lang,
        label=p.label(lang),
        lo=fmt_param(p.lo, p.unit, lang),
        hi=fmt_param(p.hi, p.unit, lang),
        value=value,
    )


def _stacking_message(err: StackingError, lang: str) -> str:
    """Seed 003's layering rule: which day breaks it (by its date when known), and how."""
    dated = err.start is not None
    if err.reason == "same_kind":
        kind = t(f"kind.{err.kinds[0]}", lang)
        if dated:
            when = window_text(err.start, err.day, err.day, lang)
            return t("dt.err.same_kind", lang, when=when, kind=kind)
        return t("err.same_kind", lang, day=err.day, kind=kind)
    sep = "、" if lang == "zh" else ", "
    return t(
        "dt.err.layers" if dated else "err.layers",
        lang,
        when=window_text(err.start, err.day, err.day, lang) if dated else "",
        day=err.day,
        n=len(err.kinds),
        max=MAX_LAYERS,
        kinds=sep.join(t(f"kind.{k}", lang) for k in err.kinds),
    )


def _param_text(value: object, unit: str, lang: str) -> str:
    """One param of a ``ModelError`` as its sentence shows it: a registry path by its label, a
    promotion kind by its name, an
    ISO date as a date, a number in its registry unit, any other text quoted as given."""
    if unit == "param" and isinstance(value, str) and value in PARAMS:
        return PARAMS[value].label(lang)  # a registry path by its label
    if unit == "measure" and isinstance(value, str) and f"m.{value}" in CATALOGUE:
        return t(f"m.{value}", lang)  # a daily column by its label
    if unit == "constraint" and isinstance(value, str) and f"dec.c.{value}" in CATALOGUE:
        return t(f"dec.c.{value}", lang)  # an optimizer's constraint by its words
    if unit == "kind":
        try:
            return t(f"kind.{value}", lang)
        except KeyError:  # never for a validated kind; said as given rather than failing
            return plain(value)
    if unit == "date" and isinstance(value, str):
        try:
            return fmt_date(dt.date.fromisoformat(value), lang, year=True)
        except ValueError:
            pass
    if isinstance(value, str):
        return plain(value.strip("'\""))
    if unit == "yuan" and isinstance(value, float | int) and abs(value) <= _QUOTED_MAX:
        fen = round(float(value), 2)  # to the fen; a whole amount without decimals (¥10, ¥200)
        return fmt_money(fen, lang, compact=False, digits=0 if fen.is_integer() else 2)
    return _value_text(value, unit, lang)


def _model_message(err: ModelError, lang: str) -> str:
    """``err.<code>`` in ``lang``, its placeholders filled with the error's params."""
    params = {k: _param_text(v, err.units.get(k, ""), lang) for k, v in err.params.items()}
    return t(f"err.{err.code}", lang, **params)


def _message(exc: BaseException, lang: str) -> str | None:
    """The sentence of a typed error, or None for any other exception."""
    if isinstance(exc, ParamRangeError):
        return _range_message(exc, lang)
    if isinstance(exc, StackingError):
        return _stacking_message(exc, lang)
    if isinstance(exc, ModelError):
        return _model_message(exc, lang)
    return None


def _where(loc: tuple[int | str, ...], lang: str) -> str:
    """A pydantic error's location as the user knows it: the registry label of the field when
    it has one (``promotions.0.coupon.start_day`` → 促销开始日), else the dotted path."""
    parts = [str(x) for x in loc if not isinstance(x, int)]
    if parts[:1] == ["promotions"]:
        parts[0] = "promotion"
    elif parts[:2] == ["traffic", "campaigns"]:
        parts = ["campaign", *parts[2:]]
    for path in (".".join(parts), ".".join(parts[:1] + parts[2:])):
        if path in PARAMS:
            return PARAMS[path].label(lang)
    return plain(".".join(str(x) for x in loc))


#: pydantic's own error types (a file's or a link's shape is wrong) → catalogue key.
_SHAPE = {
    "extra_forbidden": "err.unknown_field",
    "union_tag_invalid": "err.unknown_kind",
    "union_tag_not_found": "err.no_kind",
}


def _shape_message(e: Mapping[str, Any], lang: str) -> str:
    """A structural error pydantic found (by its ``type`` code): an unknown field, an unknown or
    missing promotion kind, a value of the wrong type."""
    key = _SHAPE.get(str(e.get("type")), "err.bad_value")
    ctx = e.get("ctx") or {}
    return t(key, lang, where=_where(tuple(e.get("loc", ())), lang),
             value=_value_text(ctx.get("tag", e.get("input")), "", lang),
             kinds=", ".join(PROMOTION_KINDS))  # fmt: skip


def describe_error(exc: Exception, lang: str) -> str:
    """Every problem in ``exc`` as translated sentences, one per line: a typed model error
    (``ParamRangeError``, ``StackingError``, ``ModelError``) by its code and numbers, also inside
    a pydantic ``ValidationError``; anything else as ``err.generic`` quoting its text."""
    if isinstance(exc, ValidationError):
        lines = []
        for e in exc.errors():
            inner = (e.get("ctx") or {}).get("error")
            if isinstance(inner, BaseException):
                text = _message(inner, lang)
                if text is None:  # a validator's untyped ValueError: quoted
                    loc = ".".join(str(x) for x in e.get("loc", ()))
                    text = t("err.generic", lang, msg=plain(f"{loc}: {inner}".strip(": ")))
            else:
                text = _shape_message(e, lang)
            lines.append(text)
        return "\n".join(dict.fromkeys(lines))
    text = _message(exc, lang)
    return text if text is not None else t("err.generic", lang, msg=plain(exc))
