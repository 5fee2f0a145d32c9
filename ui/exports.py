"""Results as files an analyst can open elsewhere: an Excel workbook with one sheet per scenario
(its daily table) and a comparison sheet (the horizon totals side by side, with the change of
each scenario against the baseline), and charts as PNG or SVG (vl-convert renders the Vega-Lite
spec without a browser; the system's Noto CJK fonts are registered so Chinese labels show).
Pure: no streamlit."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Literal

import altair as alt
import pandas as pd

from simulator import Result, Scenario
from ui.fmt import fmt_money, fmt_number, fmt_param, fmt_pct, fmt_score
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
    from simulator import PARAMS

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
        rows.append((t("grp.campaign", lang), f"{c.kind} {c.start_day}–{c.end_day}", ""))
    for pr in sc.promotions:
        rows.append((t("grp.promotion", lang), f"{pr.kind} {pr.start_day}–{pr.end_day}", ""))
    return rows


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
