"""Bad input → one clear sentence in the user's language (pure: no streamlit import).

The sentences are shown as Markdown (flash messages, a workspace file's problems): whatever they
quote from the input (a value that is not a number, a field name, the model's own text, which
may repeat an input) is escaped with ``ui.text.plain``."""

from __future__ import annotations

import datetime as dt
import math

from pydantic import ValidationError

from simulator.errors import ModelError
from simulator.scenario import MAX_LAYERS, ParamRangeError, StackingError, shown
from ui.datefmt import fmt_date, window_text
from ui.fmt import fmt_money, fmt_number, fmt_param
from ui.i18n import t
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


def _range_message(err: ParamRangeError, lang: str) -> str:
    p = err.param
    if p.kind == "choice":
        return t("err.generic", lang, msg=f"{p.label(lang)}: {', '.join(p.choices)}")
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
    """One param of a ``ModelError`` as its sentence shows it: a promotion kind by its name, an
    ISO date as a date, a number in its registry unit, any other text quoted as given."""
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


def describe_error(exc: Exception, lang: str) -> str:
    """Every problem in ``exc`` as translated sentences, one per line: a typed model error
    (``ParamRangeError``, ``StackingError``, ``ModelError``) by its code and numbers, also inside
    a pydantic ``ValidationError``; anything else as ``err.generic`` quoting its text."""
    if isinstance(exc, ValidationError):
        lines = []
        for e in exc.errors():
            inner = (e.get("ctx") or {}).get("error")
            text = _message(inner, lang) if isinstance(inner, BaseException) else None
            if text is None:
                loc = ".".join(str(x) for x in e.get("loc", ()))
                msg = f"{loc}: {e.get('msg', '')}".strip(": ")
                text = t("err.generic", lang, msg=plain(msg))
            lines.append(text)
        return "\n".join(dict.fromkeys(lines))
    text = _message(exc, lang)
    return text if text is not None else t("err.generic", lang, msg=plain(exc))
