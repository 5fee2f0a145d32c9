"""The building blocks of the ``Scenario``'s sections: a registry-backed field (``pf``), the range
check with its message (``ParamRangeError``), and ``_Section``, the frozen pydantic base that checks
every field against its registry entry before coercion.

They live apart from ``scenario.py`` so that the promotion kinds (``promotion_kinds.py``), which
the ``Scenario`` holds, build on them without an import cycle.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import ModelError
from .registry import PARAMS, Param

WEEKDAYS = 7


class _FromRegistry:
    """What ``pf()`` stands for in a section's body until the class is made: the field of the
    registry entry named by the section's ``_prefix`` and the field's own name."""

    __slots__ = ()


_FROM_REGISTRY = _FromRegistry()


def pf(path: str | None = None) -> Any:
    """A pydantic ``Field`` whose default and bounds come from the registry entry ``path``.

    Without ``path`` (the usual case) the entry is ``<_prefix>.<field name>`` of the section it is
    declared in (``aov: float = pf()`` in ``Store``, prefix ``store``, is ``store.aov``); a field
    registered under another path (a field every promotion kind shares, a lottery prize) names it.
    """
    if path is None:
        return _FROM_REGISTRY
    p = PARAMS[path]
    extra = {"unit": p.unit, "provenance": p.provenance, "path": path}
    if p.kind == "choice":
        return Field(default=p.default, description=p.en, json_schema_extra=extra)
    if path == "traffic.weekday_profile":
        return Field(
            default=(float(p.default),) * WEEKDAYS, description=p.en, json_schema_extra=extra
        )
    return Field(default=p.default, ge=p.lo, le=p.hi, description=p.en, json_schema_extra=extra)


#: Characters of a bad value quoted in a message; the rest is cut (a link can carry 16,000).
SHOWN_CHARS = 40


def shown(value: object) -> str:
    """``value`` as a message quotes it: its repr, cut to ``SHOWN_CHARS``; an integer too long to
    print (Python refuses ``repr`` beyond 4,300 digits) by its number of digits."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"<a number of {math.floor(abs(value).bit_length() * math.log10(2)) + 1} digits>"
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


class ParamRangeError(ValueError):
    """A value outside its registry range; carries the path so a UI can say it in its language."""

    def __init__(self, param: Param, value: object, reason: str = "range") -> None:
        self.param, self.value, self.reason = param, value, reason
        what = {"range": "", "number": "a number ", "whole": "a whole number "}[reason]
        super().__init__(
            f"{param.path} must be {what}within {param.range_text()} (got {shown(value)})"
        )


def _check(p: Param, value: Any) -> Any:
    """Range check with a message naming the path and range (runs before type coercion)."""
    if p.kind == "choice":
        if value not in p.choices:
            raise ParamRangeError(p, value)
        return value
    if isinstance(value, bool):
        raise ParamRangeError(p, value, "number")
    try:
        x = float(value)
    except OverflowError:  # an integer beyond any float: out of range, like inf
        raise ParamRangeError(p, value) from None
    except (TypeError, ValueError):
        raise ParamRangeError(p, value, "number") from None
    if not math.isfinite(x) or x < p.lo or x > p.hi:
        raise ParamRangeError(p, value)
    if p.kind == "int":
        if x != int(x):
            raise ParamRangeError(p, value, "whole")
        return int(x)
    # −0.0 equals 0.0 but prints as "-0.0": a share link (which keeps only changed values) would
    # hand back 0.0 and the JSON would differ (a hypothesis find on growth_pct_month)
    return x + 0.0


class _Section(BaseModel):
    """Base of every part of a Scenario: forbids unknown keys, checks ranges via the registry."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    _prefix: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Turn each ``pf()`` of the new section into the field of its registry entry,
        ``<_prefix>.<name>`` (this runs before pydantic collects the fields)."""
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if value is _FROM_REGISTRY:
                path = f"{cls._prefix}.{name}" if cls._prefix else name
                if path not in PARAMS:
                    raise KeyError(f"{cls.__name__}.{name}: no registry entry {path!r}")
                setattr(cls, name, pf(path))

    @model_validator(mode="before")
    @classmethod
    def _registry_ranges(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {k: cls._check_field(str(k), v) for k, v in data.items()}

    @classmethod
    def _check_field(cls, name: str, value: Any) -> Any:
        field = cls.model_fields.get(name)
        extra = field.json_schema_extra if field is not None else None
        # The field's own registry entry (a lottery prize's ``value`` is ``…prize_value``).
        path = extra.get("path") if isinstance(extra, dict) else None
        path = str(path or (f"{cls._prefix}.{name}" if cls._prefix else name))
        p = PARAMS.get(path) or PARAMS.get(f"{cls._prefix.split('.')[0]}.{name}")
        if p is None:
            return value
        if value is None and field is not None and field.default is None:
            return value  # an optional value left unset (e.g. a free-shipping threshold)
        if path == "traffic.weekday_profile":
            if not isinstance(value, list | tuple) or len(value) != WEEKDAYS:
                raise ModelError(
                    "weekday_list",
                    f"{path} must be a list of {WEEKDAYS} numbers (Monday…Sunday)",
                    n=WEEKDAYS,
                )
            vals = tuple(_check(p, v) for v in value)
            if sum(vals) <= 0:
                raise ModelError("weekday_zero", f"{path} needs at least one day above 0")
            return vals
        return _check(p, value)
