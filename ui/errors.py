"""Bad input → one clear sentence in the user's language (pure: no streamlit import)."""

from __future__ import annotations

from pydantic import ValidationError

from simulator.scenario import ParamRangeError
from ui.fmt import fmt_param
from ui.i18n import t


def _range_message(err: ParamRangeError, lang: str) -> str:
    p = err.param
    if p.kind == "choice":
        return t("err.generic", lang, msg=f"{p.label(lang)}: {', '.join(p.choices)}")
    value = err.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = fmt_param(value, p.unit, lang)
    return t(
        f"err.{err.reason}",
        lang,
        label=p.label(lang),
        lo=fmt_param(p.lo, p.unit, lang),
        hi=fmt_param(p.hi, p.unit, lang),
        value=value,
    )


def describe_error(exc: Exception, lang: str) -> str:
    """Every problem in ``exc`` as translated sentences, one per line."""
    if isinstance(exc, ParamRangeError):
        return _range_message(exc, lang)
    if isinstance(exc, ValidationError):
        lines = []
        for e in exc.errors():
            inner = (e.get("ctx") or {}).get("error")
            if isinstance(inner, ParamRangeError):
                lines.append(_range_message(inner, lang))
            elif "must not be before start_day" in str(inner or e.get("msg", "")):
                lines.append(t("err.order", lang))
            elif "inquiry_rate × inquiry_conversion" in str(inner or e.get("msg", "")):
                lines.append(t("err.funnel", lang))
            elif "cannot be reached" in str(inner or e.get("msg", "")):
                lines.append(t("err.old_share", lang))
            else:
                loc = ".".join(str(x) for x in e.get("loc", ()))
                lines.append(t("err.generic", lang, msg=f"{loc}: {e.get('msg', '')}".strip(": ")))
        return "\n".join(dict.fromkeys(lines))
    return t("err.generic", lang, msg=str(exc))
