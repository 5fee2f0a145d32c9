"""Translation catalogue: every string a user reads, in Chinese and English.

Parameter labels live in the registry (``simulator.registry``); everything else is here, one
module per area of the app, each holding the keys of a few prefixes (a key's prefix is the part
before its first dot):

=================  ==========================================================================
module             prefixes
=================  ==========================================================================
``common``         ``app`` ``page`` ``nav`` ``side`` ``busy`` ``chart`` ``preset``
``parameters``     ``grp`` ``opt`` ``prov`` ``adv``
``metrics``        ``kpi`` ``m`` ``eff`` ``peff``
``overview``       ``ov`` ``story``
``traffic``        ``tf`` ``ch`` ``col`` ``camp``
``promotions``     ``pr`` ``kind`` ``desc`` ``stage`` ``goal`` ``aud`` ``sum``
``compare``        ``cmp``
``dsr``            ``ds``
``membership``     ``mb``
``calibrate``      ``cal`` ``up``
``assumptions``    ``as`` ``errata``
``sensitivity``    ``sens``
``decide``         ``dec``
``bands``          ``band``
``lessons``        ``ls``
``room``           ``room``
``workspace``      ``files`` ``share`` ``undo``
``exports``        ``xcol`` ``xl`` ``report`` ``unit``
``dates``          ``dt``
``errors``         ``err``
``warnings``       ``warn``
=================  ==========================================================================

A new key goes into the module that owns its prefix (a new prefix: into one area's
``PREFIXES``). Keys built at run time (``t(f"kind.{k}")``) belong to a family declared in
``ui/i18n/families.py``; tests/ui/test_catalogue.py checks that every key the code uses exists
in both languages and that none is unused.

``t(key, lang, **kw)`` formats with ``str.format``. Pure Python: no streamlit import.
"""

from __future__ import annotations

from types import ModuleType

from ui.i18n import (
    assumptions,
    bands,
    calibrate,
    common,
    compare,
    dates,
    decide,
    dsr,
    errors,
    exports,
    lessons,
    membership,
    metrics,
    overview,
    parameters,
    promotions,
    room,
    sensitivity,
    traffic,
    warnings,
    workspace,
)

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

#: The area modules, in the order their keys enter ``CATALOGUE``.
AREAS: tuple[ModuleType, ...] = (
    common,
    parameters,
    metrics,
    overview,
    traffic,
    promotions,
    compare,
    dsr,
    membership,
    calibrate,
    assumptions,
    sensitivity,
    decide,
    bands,
    lessons,
    room,
    workspace,
    exports,
    dates,
    errors,
    warnings,
)


def merge(areas: tuple[ModuleType, ...]) -> dict[str, tuple[str, str]]:
    """The areas' ``KEYS`` as one dict; a prefix claimed by two areas, a key outside its area's
    prefixes, or a key defined twice raises ``ValueError`` (at import: the app does not start)."""
    owner: dict[str, str] = {}
    for area in areas:
        for prefix in area.PREFIXES:
            if prefix in owner:
                raise ValueError(
                    f"prefix {prefix!r} claimed by {owner[prefix]} and {area.__name__}"
                )
            owner[prefix] = area.__name__
    merged: dict[str, tuple[str, str]] = {}
    for area in areas:
        for key, texts in area.KEYS.items():
            if owner.get(key.split(".", 1)[0]) != area.__name__:
                raise ValueError(f"{key!r} is in {area.__name__}, not its prefix's area")
            if key in merged:  # unreachable while prefixes are disjoint; kept as the guard
                raise ValueError(f"{key!r} is defined twice")
            merged[key] = texts
    return merged


CATALOGUE: dict[str, tuple[str, str]] = merge(AREAS)


def t(key: str, lang: str, **kw: object) -> str:
    """The text of ``key`` in ``lang`` (``zh``/``en``), formatted with ``kw``; unknown keys raise."""
    zh, en = CATALOGUE[key]
    text = zh if lang == "zh" else en
    return text.format(**kw) if kw else text


def lang_from_locale(locale: str | None) -> str:
    """``en`` for an English browser locale, else the default ``zh``."""
    if locale and locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LANG
