"""Results as files an analyst can open elsewhere: an Excel workbook with one sheet per scenario
(its daily table) and a comparison sheet (the horizon totals side by side, with the change of
each scenario against the baseline), and charts as PNG or SVG (vl-convert renders the Vega-Lite
spec without a browser; the system's Noto CJK fonts are registered so Chinese labels show).
Pure: no streamlit."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

import altair as alt
import pandas as pd

from simulator import Result
from ui.i18n import t

#: Totals on the comparison sheet, in order.
COMPARED = (
    "gmv", "orders_paid", "aov", "conversion_rate", "uv_value", "profit", "old_customer_share",
    "discount_cost", "promotion_cost", "orders_repeat", "dsr_mean_end", "late_rate",
)  # fmt: skip
#: Characters Excel refuses in a sheet name, and its length limit.
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
_SHEET_CHARS = 31


def sheet_name(name: str, taken: set[str]) -> str:
    """``name`` as a valid, unique Excel sheet name."""
    base = _BAD_SHEET.sub("_", name).strip("'") or "sheet"
    base = base[:_SHEET_CHARS]
    out, i = base, 2
    while out.lower() in {x.lower() for x in taken}:
        suffix = f" ({i})"
        out, i = base[: _SHEET_CHARS - len(suffix)] + suffix, i + 1
    taken.add(out)
    return out


def comparison(results: Mapping[str, Result], baseline: str, lang: str) -> pd.DataFrame:
    """Totals of every scenario and the change of each against ``baseline``."""
    base = results[baseline].totals
    rows = []
    for key in COMPARED:
        row: dict[str, object] = {t("xl.kpi", lang): t(f"kpi.{key}", lang)}
        for name, res in results.items():
            row[name] = res.totals[key]
        for name, res in results.items():
            if name != baseline:
                ref, value = base[key], res.totals[key]
                row[t("xl.change", lang, name=name)] = value - ref
                row[t("xl.change_pct", lang, name=name)] = (value - ref) / ref if ref else None
        rows.append(row)
    return pd.DataFrame(rows)


def results_workbook(results: Mapping[str, Result], *, baseline: str, lang: str) -> bytes:
    """The Excel workbook (xlsx bytes): the comparison sheet first, then one per scenario."""
    buf = io.BytesIO()
    taken: set[str] = set()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        comparison(results, baseline, lang).to_excel(
            xl, sheet_name=sheet_name(t("xl.comparison", lang), taken), index=False
        )
        for name, res in results.items():
            res.daily.to_excel(xl, sheet_name=sheet_name(name, taken), index=False)
    return buf.getvalue()


#: Where Debian's fonts-noto-cjk (installed by ``make test``) and other system fonts live.
FONT_DIRS = (Path("/usr/share/fonts"),)


@cache
def _fonts() -> None:
    import vl_convert as vlc

    for folder in FONT_DIRS:
        if folder.is_dir():
            vlc.register_font_directory(str(folder))


def chart_image(chart: alt.TopLevelMixin, fmt: Literal["png", "svg"]) -> bytes:
    """The chart as a PNG (2× scale) or an SVG file."""
    import vl_convert as vlc

    _fonts()
    spec = chart.to_json()
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    return bytes(vlc.vegalite_to_png(spec, scale=2))
