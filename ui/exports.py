"""Results as files people open elsewhere, in the user's language: the daily CSV (headers from
the catalogue with their units, values rounded as the UI shows them), the same columns raw for
analysts (snake_case, unrounded), an Excel workbook with one formatted sheet per scenario and a
comparison sheet (the horizon totals side by side, with the change of each scenario against the
baseline), a one-page HTML report, and charts as PNG or SVG (vl-convert renders the Vega-Lite
spec without a browser; the system's Noto CJK fonts are registered so Chinese labels show).

Every text a user typed or a link/file brought (scenario names) is neutralised against CSV and
Excel formula injection (OWASP "CSV Injection"): a leading ``= + - @``, tab or CR gets an
apostrophe in CSV, and Excel cells hold it as a string with Excel's quote prefix, never a
formula. Draws nothing (no streamlit calls)."""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal

import altair as alt
import numpy as np
import pandas as pd

from simulator import PARAMS, Result, Scenario
from simulator.verdict import verdict as judge
from ui import bands, charts
from ui.fmt import fmt_money, fmt_number, fmt_param, fmt_pct, fmt_score
from ui.i18n import t
from ui.promotions import days_text, detail_text, kind_name
from ui.verdict import card as verdict_card

#: Totals on the comparison sheet, in order.
COMPARED = (
    "gmv", "orders_paid", "aov", "conversion_rate", "uv_value", "profit", "old_customer_share",
    "discount_cost", "promotion_cost", "orders_repeat", "dsr_mean_end", "late_rate",
)  # fmt: skip
#: How each ``Result.daily`` column is written: its rounding, its Excel number format and the
#: unit after its name. ``yuan`` to the fen (0.01); ``count`` (mean-mode expected values, so
#: fractional) to 0.1; ``rate`` (a fraction, shown in %) to 4 significant digits; ``score``
#: (DSR, 1–5) to 4 decimals as the UI shows it; ``factor`` (multipliers near 1) to 4 significant
#: digits; ``seconds``/``hours`` to 0.1, ``days``/``number`` to 0.01.
Kind = Literal["day", "date", "yuan", "count", "rate", "score", "factor", "seconds", "hours",
               "days", "number"]  # fmt: skip
_YUAN = ("aov", "aov_new", "aov_repeat", "gmv", "gmv_new", "gmv_repeat", "gmv_list",
         "discount_cost", "uv_value", "shipping_fee_income", "refunds", "cancellation_refunds",
         "net_sales", "cogs", "shipping_cost", "late_compensation", "platform_fee",
         "service_cost", "ad_spend", "affiliate_commission", "campaign_cost", "reminder_cost",
         "marketing_cost", "profit", "promotion_cost", "promotion_goods_cost",
         "free_shipping_cost", "voucher_cost", "membership_fee_cash", "membership_fee_revenue",
         "membership_fee_deferred", "member_price_cost", "points_expense", "points_liability",
         "card_sales", "card_revenue", "card_deferred_revenue", "stored_value_topups",
         "stored_value_spent", "stored_value_breakage", "stored_value_liability",
         "stored_value_gift_cost", "referral_reward_cost", "outreach_cost", "loyalty_cost",
         "cash")  # fmt: skip
_RATE = ("conversion_rate", "conversion_rate_new", "pay_rate", "old_customer_share",
         "price_index", "auto_reply_share", "late_rate", "incident_description",
         "incident_service", "incident_logistics", "dsr_description_vs_industry",
         "dsr_service_vs_industry", "dsr_logistics_vs_industry", "negative_share")  # fmt: skip
_SCORE = ("dsr_description", "dsr_service", "dsr_logistics", "dsr_mean")
_FACTOR = ("traffic_quality", "service_factor", "inquiry_conversion_factor",
           "dsr_conversion_factor", "campaign_gate")  # fmt: skip
_OTHER: dict[str, Kind] = {"day": "day", "date": "date", "response_time_s": "seconds",
                           "saturated_hours": "hours", "dispatch_delay_days": "days",
                           "units_per_order": "number"}  # fmt: skip
COLUMN_KINDS: dict[str, Kind] = {
    **dict.fromkeys(_YUAN, "yuan"), **dict.fromkeys(_RATE, "rate"),
    **dict.fromkeys(_SCORE, "score"), **dict.fromkeys(_FACTOR, "factor"), **_OTHER,
}  # fmt: skip
#: The unit (``unit.*`` catalogue key) after a column's name, by kind.
_UNITS: dict[str, str] = {"yuan": "unit.yuan", "rate": "unit.pct", "seconds": "unit.seconds",
                          "hours": "unit.hours", "days": "unit.days", "score": "unit.score",
                          "number": "unit.per_order"}  # fmt: skip
#: Excel number formats by kind (and, signed, for changes).
XL_FORMATS: dict[str, str] = {
    "day": "0", "date": "yyyy-mm-dd", "yuan": "¥#,##0.00", "count": "#,##0.0",
    "rate": "0.00%", "score": "0.0000", "factor": "0.0000", "seconds": "#,##0.0",
    "hours": "0.0", "days": "0.00", "number": "0.00",
}  # fmt: skip
XL_CHANGE_FORMATS: dict[str, str] = {
    "yuan": "+¥#,##0.00;-¥#,##0.00;¥0.00", "count": "+#,##0.0;-#,##0.0;0.0",
    "rate": "+0.00%;-0.00%;0.00%", "score": "+0.0000;-0.0000;0.0000",
}  # fmt: skip
#: Kinds of the totals on the comparison sheet.
COMPARED_KINDS: dict[str, Kind] = {
    "gmv": "yuan", "orders_paid": "count", "aov": "yuan", "conversion_rate": "rate",
    "uv_value": "yuan", "profit": "yuan", "old_customer_share": "rate", "discount_cost": "yuan",
    "promotion_cost": "yuan", "orders_repeat": "count", "dsr_mean_end": "score",
    "late_rate": "rate",
}  # fmt: skip
#: A text starting with one of these is read as a formula by Excel, LibreOffice or Google
#: Sheets (OWASP CSV Injection; the full-width forms for CJK input methods).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


#: RFC 4180's line end; the csv writer then quotes a field holding a CR or LF (a name "\r=1"
#: would otherwise split its row).
CSV_EOL = "\r\n"


def kind_of(column: str) -> Kind:
    """How ``column`` of ``Result.daily`` is written (``count`` unless listed otherwise)."""
    return COLUMN_KINDS.get(column, "count")


def column_label(column: str, lang: str) -> str:
    """A daily column's header in ``lang`` with its unit: 成交金额(元) / GMV (yuan)."""
    unit = _UNITS.get(kind_of(column))
    return t(f"xcol.{column}", lang) + (t(unit, lang) if unit else "")


def neutralise(text: str) -> str:
    """``text`` safe in a spreadsheet cell: a leading apostrophe when it (or its first
    non-blank character) would start a formula."""
    s = str(text)
    if s.startswith(FORMULA_START) or s.lstrip(" ").startswith(FORMULA_START):
        return "'" + s
    return s


def _sig(values: pd.Series, digits: int) -> pd.Series:
    """Values to ``digits`` significant digits (vectorised)."""
    x = values.to_numpy(dtype=float)
    mag = np.floor(np.log10(np.abs(np.where(x == 0, 1.0, x))))
    scale = 10.0 ** (digits - 1 - mag)
    return pd.Series(np.round(x * scale) / scale, index=values.index)


def rounded(values: pd.Series, kind: Kind, *, percent: bool = False) -> pd.Series:
    """A column rounded as people read it (``percent``: rates ×100, for the CSV)."""
    if kind in ("day", "date"):
        return values
    if kind == "rate":
        out = _sig(values * 100 if percent else values, 4)
    elif kind == "factor":
        out = _sig(values, 4)
    else:
        places = {"yuan": 2, "count": 1, "score": 4, "seconds": 1, "hours": 2, "days": 2,
                  "number": 2}[kind]  # fmt: skip
        out = values.astype(float).round(places)
    return out + 0.0  # no −0.0


def _columns(daily: pd.DataFrame) -> list[str]:
    """The daily columns in export order: the date first when there is one, then the day."""
    first = [c for c in ("date", "day") if c in daily.columns]
    return first + [c for c in daily.columns if c not in first]


def _iso(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d")


def people_daily(daily: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``daily`` for people: headers in ``lang`` with units, values rounded, rates in %."""
    out = {}
    for c in _columns(daily):
        values = _iso(daily[c]) if c == "date" else rounded(daily[c], kind_of(c), percent=True)
        out[column_label(c, lang)] = values
    return pd.DataFrame(out)


# --- issue 19: ranges (a result with Monte Carlo paths carries its daily bands and odds) ---
def band_label(column: str, q: str, lang: str) -> str:
    """The header of a daily band column: 成交金额 P10(元) / GMV P10 (yuan)."""
    unit = _UNITS.get(kind_of(column))
    return t("band.x.col", lang, label=t(f"xcol.{column}", lang), q=q.upper(),
             unit=t(unit, lang) if unit else "")  # fmt: skip


def _band_parts(res: Result) -> list[tuple[str, str, pd.Series]]:
    """(column, quantile name, values) of ``res``'s daily bands (none without paths)."""
    frame = bands.band_columns(res)
    out = []
    for name in frame.columns:
        column, q = name.rsplit("_", 1)
        out.append((column, q, frame[name]))
    return out


def people_bands(res: Result, lang: str) -> pd.DataFrame:
    """``res``'s daily P10…P90 of the band columns for people, with the paths and the seed
    (empty without paths): headers in ``lang``, values rounded as their column."""
    parts = _band_parts(res)
    if not parts:
        return pd.DataFrame(index=range(len(res.daily)))
    out = {band_label(c, q, lang): rounded(v, kind_of(c), percent=True).to_numpy()
           for c, q, v in parts}  # fmt: skip
    out[t("band.x.paths", lang)] = res.paths
    out[t("band.x.seed", lang)] = res.seed
    return pd.DataFrame(out)


def daily_csv(results: Mapping[str, Result], lang: str) -> bytes:
    """Every scenario's daily table, one after the other, for people (UTF-8 with a BOM: Excel
    opens the Chinese right): date and day, the scenario, then every measure; a result with
    Monte Carlo paths then its daily bands (P10…P90), its path count and seed."""
    frames = []
    for name, res in results.items():
        frame = people_daily(res.daily, lang)
        at = sum(c in res.daily.columns for c in ("date", "day"))
        frame.insert(at, t("xcol.scenario", lang), neutralise(name))
        extra = people_bands(res, lang)
        if len(extra.columns):
            frame = pd.concat([frame, extra.set_index(frame.index)], axis=1)
        frames.append(frame)
    frame = pd.concat(frames, ignore_index=True)
    return frame.to_csv(index=False, lineterminator=CSV_EOL).encode("utf-8-sig")


def raw_csv(results: Mapping[str, Result]) -> bytes:
    """The same rows for analysts: ``Result.daily``'s own column names and unrounded values,
    rates as fractions, plus ``scenario`` (neutralised: it is user text); a result with Monte
    Carlo paths adds its daily bands ``<column>_p10`` … ``_p90``, ``mc_paths`` and ``mc_seed``."""
    parts = []
    for r in results.values():
        extra = bands.band_columns(r)
        if len(extra.columns):
            extra = extra.assign(mc_paths=r.paths, mc_seed=r.seed)
            parts.append(pd.concat([r.daily.reset_index(drop=True), extra], axis=1))
        else:
            parts.append(r.daily)
    frame = pd.concat(parts, ignore_index=True).copy()
    names = [neutralise(name) for name in results]
    frame["scenario"] = np.repeat(names, [len(r.daily) for r in results.values()])
    if "date" in frame.columns:
        frame["date"] = _iso(frame["date"])
    return frame.to_csv(index=False, lineterminator=CSV_EOL).encode("utf-8")


#: Characters Excel refuses in a sheet name, and its length limit.
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
#: Control characters a worksheet cannot hold (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE, which
#: raises on them): dropped from every text written, names and sheet titles included.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_CHARS = 31


def sheet_name(name: str, taken: set[str]) -> str:
    """``name`` as a valid, unique Excel sheet name."""
    base = _BAD_SHEET.sub("_", _ILLEGAL.sub("", name)).strip("'") or "sheet"
    base = base[:_SHEET_CHARS]
    out, i = base, 2
    while out.lower() in {x.lower() for x in taken}:
        suffix = f" ({i})"
        out, i = base[: _SHEET_CHARS - len(suffix)] + suffix, i + 1
    taken.add(out)
    return out


def comparison(results: Mapping[str, Result], baseline: str, lang: str) -> pd.DataFrame:
    """Totals of every scenario and the change of each against ``baseline`` (unrounded; the
    workbook and the report format them)."""
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


def _text_cell(cell: Any, text: str) -> None:
    """A string cell that Excel never reads as a formula: typed ``s`` (openpyxl would make a
    leading ``=`` a formula) and, when it looks like one, Excel's quote prefix (the typed
    apostrophe's equivalent, so editing it keeps it text)."""
    cell.value = _ILLEGAL.sub("", str(text))
    cell.data_type = "s"
    if str(text).lstrip(" ").startswith(FORMULA_START):
        cell.quotePrefix = True


def _width(text: object) -> float:
    """Excel column width for ``text``: CJK characters are two wide."""
    s = str(text)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def _sheet(ws: Any, header: Sequence[str], rows: Sequence[Sequence[object]],
           formats: Sequence[str | Sequence[str | None] | None], freeze: str) -> None:  # fmt: skip
    """Fill ``ws``: a bold header row (frozen with the leading columns up to ``freeze``), then
    ``rows``; ``formats``: per column a number format, or per row one (a list), or None."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    widths = [min(_width(h), 28.0) for h in header]
    for j, h in enumerate(header, start=1):
        cell = ws.cell(row=1, column=j)
        _text_cell(cell, h)
        cell.font, cell.alignment = bold, wrap
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            cell = ws.cell(row=i, column=j)
            if isinstance(value, str):
                _text_cell(cell, value)
                widths[j - 1] = max(widths[j - 1], _width(value))
                continue
            cell.value = value
            fmt = formats[j - 1]
            if isinstance(fmt, list | tuple):
                fmt = fmt[i - 2]
            if fmt:
                cell.number_format = fmt
                widths[j - 1] = max(widths[j - 1], len(fmt) * 0.8 + 2)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(8.0, min(w + 2, 40.0))
    ws.freeze_panes = freeze


def odds_table(
    odds: Sequence[Mapping[str, Any]], lang: str
) -> tuple[list[str], list[list[object]], list[str | None]]:
    """The ranges-and-chances sheet (``bands.odds_rows``): per scenario the P10/P50/P90 of each
    ranged KPI's total, the chance it beats the baseline on profit and GMV (empty for the
    baseline), the chance of a loss, the paths and the seed. (header, rows, Excel formats)"""
    header = [t("band.col.scenario", lang)]
    formats: list[str | None] = [None]
    for k in bands.RANGED_KPIS:
        for q in ("p10", "p50", "p90"):
            header.append(f"{t(f'kpi.{k}', lang)} {q.upper()}")
            formats.append(XL_FORMATS[COMPARED_KINDS[k]])
    for key in ("band.col.beats_profit", "band.col.beats_gmv", "band.col.loss"):
        header.append(t(key, lang))
        formats.append("0%")
    header += [t("band.x.paths", lang), t("band.x.seed", lang)]
    formats += ["0", "0"]
    rows = []
    for r in odds:
        row: list[object] = [str(r["scenario"])]
        row += [r[f"{k}_{q}"] for k in bands.RANGED_KPIS for q in ("p10", "p50", "p90")]
        row += [r["beats_profit"], r["beats_gmv"], r["loss"], r["paths"], r["seed"]]
        rows.append(row)
    return header, rows, formats


def results_workbook(results: Mapping[str, Result], *, baseline: str, lang: str) -> bytes:
    """The Excel workbook (xlsx bytes): the comparison sheet first, then one per scenario, every
    header in ``lang`` with units, cells formatted (yuan, %, counts), the header row frozen.
    Results with Monte Carlo paths add a ranges-and-chances sheet after the comparison
    (``odds_table``) and their daily bands (P10…P90) after each scenario's columns."""
    from openpyxl import Workbook

    book = Workbook()
    taken: set[str] = set()
    comp = comparison(results, baseline, lang)
    kinds = [COMPARED_KINDS[k] for k in COMPARED]
    formats: list[object] = [None]
    rows = [list(r) for r in comp.itertuples(index=False)]
    for col in list(comp.columns)[1:]:
        if col in results:
            formats.append([XL_FORMATS[k] for k in kinds])
        elif col.endswith("%"):
            formats.append(XL_CHANGE_FORMATS["rate"])
        else:
            formats.append([XL_CHANGE_FORMATS.get(k, XL_FORMATS[k]) for k in kinds])
    for r, kind in zip(rows, kinds, strict=True):
        for j in range(1, len(r)):
            v = r[j]
            if v is not None and not (isinstance(v, float) and math.isnan(v)):
                pct = str(comp.columns[j]).endswith("%")
                r[j] = float(rounded(pd.Series([float(v)]), "rate" if pct else kind).iloc[0])
    ws = book.active
    ws.title = sheet_name(t("xl.comparison", lang), taken)
    _sheet(ws, [str(c) for c in comp.columns], rows, formats, "B2")
    odds = bands.odds_rows(results, baseline)
    if odds:
        ws = book.create_sheet(sheet_name(t("band.table", lang), taken))
        header, rows, formats = odds_table(odds, lang)
        _sheet(ws, header, rows, formats, "B2")
    for name, res in results.items():
        ws = book.create_sheet(sheet_name(name, taken))
        cols = _columns(res.daily)
        data = {}
        for c in cols:
            if c == "date":
                data[c] = [d.date() for d in pd.to_datetime(res.daily[c])]
            else:
                data[c] = rounded(res.daily[c], kind_of(c)).tolist()
        header = [column_label(c, lang) for c in cols]
        formats = [XL_FORMATS[kind_of(c)] for c in cols]
        for c, q, v in _band_parts(res):
            data[f"{c}_{q}"] = rounded(v, kind_of(c)).tolist()
            header.append(band_label(c, q, lang))
            formats.append(XL_FORMATS[kind_of(c)])
        rows = list(zip(*data.values(), strict=True))
        keys = sum(c in cols for c in ("date", "day"))
        _sheet(ws, header, rows, formats, f"{'ABC'[keys]}2")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


#: Where Debian's fonts-noto-cjk (installed by ``make test``) and other system fonts live.
FONT_DIRS = (Path("/usr/share/fonts"),)


@cache
def _fonts() -> None:
    import vl_convert as vlc

    for folder in FONT_DIRS:
        if folder.is_dir():
            vlc.register_font_directory(str(folder))


#: Altair's default theme's view size: set explicitly, so a chart exported while Streamlit has
#: switched Altair's global theme off (``st.altair_chart`` on another thread) looks the same.
_VIEW = {"continuousWidth": 300, "continuousHeight": 300}
_COMPOSED = ("layer", "hconcat", "vconcat", "concat")


def _inline(chart: Any) -> Any:
    """A copy of ``chart`` whose DataFrames are inline values. Altair passes a DataFrame through
    its *global* data transformer, and ``st.altair_chart`` swaps that for its Arrow one while it
    draws (on the script thread): a report built meanwhile (a deferred download runs on another
    thread) got charts with no data — the empty DSR frame of issue 16. Inline values bypass it."""
    out = chart.copy(deep=False)
    data = getattr(out, "data", alt.Undefined)
    if isinstance(data, pd.DataFrame):
        clean = alt.utils.sanitize_pandas_dataframe(data.copy())
        out.data = alt.InlineData(values=clean.to_dict(orient="records"))
    for part in _COMPOSED:
        children = getattr(out, part, alt.Undefined)
        if isinstance(children, list):
            setattr(out, part, [_inline(c) for c in children])
    spec = getattr(out, "spec", alt.Undefined)
    if spec is not alt.Undefined and hasattr(spec, "copy"):
        out.spec = _inline(spec)
    return out


def chart_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec with its data inline and the default view size: the same
    whatever Altair's global transformer and theme are at the moment (thread-safe)."""
    spec = _inline(chart).to_dict()
    view = spec.setdefault("config", {}).setdefault("view", {})
    for k, v in _VIEW.items():
        view.setdefault(k, v)
    return spec


def chart_image(chart: alt.TopLevelMixin, fmt: Literal["png", "svg"]) -> bytes:
    """The chart as a PNG (2× scale) or an SVG file."""
    import vl_convert as vlc

    _fonts()
    spec = chart_spec(chart)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    return bytes(vlc.vegalite_to_png(spec, scale=2))


#: The report's daily charts: column and y-axis format.
REPORT_CHARTS = (("gmv", ",.0f"), ("profit", ",.0f"), ("dsr_mean", ".3f"))


#: The smallest span of a score axis: a score's 0.01 moves then take a tenth of the height,
#: and a flat line (its float noise at 1e-15) stays a flat line, not a zigzag over the frame.
SCORE_MIN_SPAN = 0.1
#: DSR scores lie in 1–5 (Taobao's five stars).
SCORE_RANGE = (1.0, 5.0)


def score_domain(frames: Mapping[str, pd.DataFrame], column: str) -> list[float]:
    """The y domain of a DSR score chart: the data's range, at least ``SCORE_MIN_SPAN`` wide,
    10 % room above and below, within 1–5."""
    values = pd.concat([f[column] for f in frames.values()])
    lo, hi = float(values.min()), float(values.max())
    if hi - lo < SCORE_MIN_SPAN:
        mid = (lo + hi) / 2
        lo, hi = mid - SCORE_MIN_SPAN / 2, mid + SCORE_MIN_SPAN / 2
    pad = (hi - lo) * 0.1
    return [max(SCORE_RANGE[0], lo - pad), min(SCORE_RANGE[1], hi + pad)]


def report_figures(results: Mapping[str, Result], lang: str) -> list[tuple[str, Any]]:
    """The report's charts: GMV, profit and the mean DSR score by day, every scenario a line
    (with Monte Carlo paths: over its fan of P10–P90 and P25–P75, ``charts.fan_chart``).
    The scores live in 1–5 and move in the second decimal: their axis fits the data (a zero-based
    axis drew a 4.80 → 4.75 fall as a hairline at the top)."""
    frames = {name: r.daily for name, r in results.items()}
    out = []
    for col, fmt in REPORT_CHARTS:
        kw = dict(x_title=t("m.day", lang), y_title=t(f"m.{col}", lang), y_format=fmt, lang=lang,
                  scenario_title=t("m.scenario", lang))  # fmt: skip
        fan = bands.band_data(results, col)
        data = charts.daily_data(frames, col)
        chart = charts.daily_chart(data, **kw) if fan.empty else charts.fan_chart(data, fan, **kw)
        if kind_of(col) == "score":
            shown = dict(frames)
            if not fan.empty:  # the bands too: the axis holds the whole fan
                shown |= {f"{q}:{n}": pd.DataFrame({col: g[q]})
                          for n, g in fan.groupby("scenario") for q in ("p10", "p90")}  # fmt: skip
            chart = chart.copy(deep=True)
            scale = alt.Scale(domain=score_domain(shown, col), zero=False, nice=False)
            for layer in chart.layer if isinstance(chart, alt.LayerChart) else [chart]:
                layer.encoding.y.scale = scale
        out.append((t(f"m.{col}", lang), chart))
    return out


def _flat(data: object, prefix: str = "") -> dict[str, object]:
    if isinstance(data, dict):
        out: dict[str, object] = {}
        for k, v in data.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: data}


def assumptions(
    sc: Scenario, lang: str, fitted: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(parameter, value, provenance) of every registry parameter that differs from the default
    scenario, and one line per promotion and campaign. ``fitted``: paths calibrated from the
    shop's data → the file's name (their provenance says so instead of the registry's)."""
    fitted = fitted or {}
    now, default = _flat(sc.model_dump(mode="json")), _flat(Scenario().model_dump(mode="json"))
    rows = []
    for path, value in now.items():
        p = PARAMS.get(path)
        if p is None or value == default.get(path):
            continue
        shown = fmt_param(value, p.unit, lang) if isinstance(value, int | float) else str(value)
        source = next((v for k, v in fitted.items() if path == k or path.startswith(k + ".")),
                      None)  # fmt: skip
        prov = (f"{t('cal.prov', lang)} · {t('cal.fitted_from', lang, name=source)}" if source
                else t(f"prov.{p.provenance}", lang))  # fmt: skip
        rows.append((p.label(lang), shown, prov))
    for c in sc.traffic.campaigns:
        window = _window(c, sc, lang)
        rows.append((t("grp.campaign", lang),
                     t("report.campaign", lang, kind=t(f"camp.{c.kind}", lang), window=window),
                     ""))  # fmt: skip
    for pr in sc.promotions:
        text = t("report.promotion", lang, detail=detail_text(pr, sc, lang),
                 window=_window(pr, sc, lang))  # fmt: skip
        rows.append((f"{t('grp.promotion', lang)} · {kind_name(pr.kind, lang)}", text, ""))
    return rows


def _window(item: Any, sc: Scenario, lang: str) -> str:
    """A promotion's or campaign's days as the Promotions page writes them: 第30–33天, or dates
    (11月11日–11月14日(第30–33天)) when the scenario has a start date."""
    shown = SimpleNamespace(start_day=item.start_day, end_day=item.end_day,
                            preheat_days=getattr(item, "preheat_days", 0))  # fmt: skip
    start: dt.date | None = getattr(sc, "start_date", None)
    return days_text(shown, lang, start) if start is not None else days_text(shown, lang)


def html_report(
    results: Mapping[str, Result],
    *,
    baseline: str,
    lang: str,
    figures: Sequence[tuple[str, alt.TopLevelMixin]] = (),
    fitted: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """A one-page HTML report an analyst can email: KPIs with changes against the baseline,
    charts (inline SVG), the warnings and the assumptions of every scenario (``fitted``: per
    scenario, the paths calibrated from data and where from). Every name a user typed is
    escaped; nothing is fetched from the network."""
    e = html.escape
    comp = comparison(results, baseline, lang)
    kpi_col = t("xl.kpi", lang)
    head = "".join(f"<th>{e(str(c))}</th>" for c in comp.columns)
    body = []
    for _, row in comp.iterrows():
        key = COMPARED[len(body)]
        cells = [f"<td>{e(str(row[kpi_col]))}</td>"]
        for col in comp.columns[1:]:
            v = row[col]
            if v is None or (isinstance(v, float) and v != v):
                text = "—"
            elif str(col).endswith("%"):
                text = fmt_pct(float(v), lang)
            else:
                text = kpi_text(float(v), key, lang)
            cells.append(f"<td class='n'>{e(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    parts = [
        "<!doctype html>",
        f"<html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>",
        f"<title>{e(t('report.title', lang))}</title>",
        "<style>body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;"
        "max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%;"
        "margin:1em 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}"
        "td.n{text-align:right}h1{font-size:1.6em}figure{margin:1em 0}</style></head><body>",
        f"<h1>{e(t('report.title', lang))}</h1>",
        f"<p>{e(t('report.intro', lang, baseline=baseline, n=len(results)))}</p>",
        f"<h2>{e(t('report.kpis', lang))}</h2>",
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>",
    ]
    parts += verdict_html(results, baseline, lang)
    parts += odds_html(results, baseline, lang)
    for title, fig in figures:
        svg = chart_image(fig, "svg").decode("utf-8")
        parts.append(f"<figure><figcaption><b>{e(title)}</b></figcaption>{svg}</figure>")
    parts.append(f"<h2>{e(t('report.assumptions', lang))}</h2>")
    for name, res in results.items():
        parts.append(f"<h3>{e(name)}</h3>")
        for code in res.warnings:
            parts.append(f"<p>⚠ {e(t(f'warn.{code}', lang))}</p>")
        rows = assumptions(res.scenario, lang, (fitted or {}).get(name))
        if not rows:
            parts.append(f"<p>{e(t('report.defaults', lang))}</p>")
            continue
        parts.append("<table>" + "".join(
            f"<tr><td>{e(a)}</td><td class='n'>{e(b)}</td><td>{e(c)}</td></tr>" for a, b, c in rows
        ) + "</table>")  # fmt: skip
    parts.append(f"<p><small>{e(t('report.footer', lang))}</small></p></body></html>")
    return "\n".join(parts)


def verdict_html(results: Mapping[str, Result], baseline: str, lang: str) -> list[str]:
    """The report's verdicts: each scenario but the baseline judged against it (``ui.verdict``;
    with Monte Carlo paths, the ranges and chances too). None when no scenario differs."""
    e = html.escape
    base = results[baseline]
    parts: list[str] = []
    for name, res in results.items():
        if name == baseline or res.scenario == base.scenario:
            continue
        c = verdict_card(judge(res, base), lang)
        parts += [f"<h3>{e(name)}</h3>", f"<p><b>{e(c.headline)}</b></p>", f"<p>{e(c.figures)}</p>"]
        if c.drivers:
            parts.append(f"<p>{e(c.drivers)}</p>")
        if c.risks:
            parts.append(f"<p>{e(t('vd.risks', lang))}</p><ul>"
                         + "".join(f"<li>{e(r)}</li>" for r in c.risks) + "</ul>")  # fmt: skip
    return [f"<h2>{e(t('vd.title', lang))}</h2>", *parts] if parts else []


def odds_html(results: Mapping[str, Result], baseline: str, lang: str) -> list[str]:
    """The report's ranges and chances (none without Monte Carlo paths): how many paths and
    which seed, then per scenario each ranged KPI's P10–P90, the chance it beats the baseline
    on profit and GMV and the chance of a loss."""
    e = html.escape
    odds = bands.odds_rows(results, baseline)
    if not odds:
        return []
    header, rows, _ = odds_table(odds, lang)
    first = odds[0]
    head = [header[0]] + [t(f"kpi.{k}", lang) + " P10–P90" for k in bands.RANGED_KPIS]
    head += header[1 + 3 * len(bands.RANGED_KPIS) : -2]
    body = []
    for r in odds:
        cells = [e(str(r["scenario"]))]
        for k in bands.RANGED_KPIS:
            lo, hi = (kpi_text(r[f"{k}_{q}"], k, lang) for q in ("p10", "p90"))
            cells.append(e(t("band.span", lang, lo=lo, hi=hi)))
        for key in ("beats_profit", "beats_gmv", "loss"):
            p = r[key]
            cells.append(
                e(t("band.is_baseline", lang) if p is None else fmt_pct(p, lang, digits=0))
            )
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return [
        f"<h2>{e(t('band.table', lang))}</h2>",
        f"<p>{e(t('band.x.stated', lang, paths=first['paths'], seed=first['seed']))}</p>",
        "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>",
    ]


def kpi_text(value: float, key: str, lang: str) -> str:
    """A total of ``COMPARED`` in the format its KPI card uses."""
    if key in ("conversion_rate", "old_customer_share", "late_rate"):
        return fmt_pct(value, lang)
    if key in ("aov", "uv_value"):
        return fmt_money(value, lang, compact=False, digits=2)
    if key in ("gmv", "profit", "discount_cost", "promotion_cost"):
        return fmt_money(value, lang)
    if key == "dsr_mean_end":
        return fmt_score(value, lang)  # two decimals, as its KPI card
    return fmt_number(value, lang)
