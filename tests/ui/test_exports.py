"""The exports: the daily CSV and the Excel workbook for people (headers in the user's language
with units, values rounded, cells formatted, headers frozen), the raw CSV for analysts, formula
injection neutralised (OWASP CSV Injection), and the HTML report (every chart drawn, settings in
words)."""

from __future__ import annotations

import datetime
import io
import re

import numpy as np
import pandas as pd
import pytest

from simulator import Scenario, load_preset, simulate
from simulator.engine import DAILY_COLUMNS
from ui.exports import (
    COLUMN_KINDS,
    chart_image,
    column_label,
    daily_csv,
    html_report,
    raw_csv,
    report_figures,
    results_workbook,
    sheet_name,
)
from ui.i18n import t


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workbook_holds_the_comparison_and_every_scenario(lang: str) -> None:
    base = Scenario()
    results = {
        "基线": simulate(base),
        "双十二 [大促]": simulate(load_preset("double12_campaign"), reference=base),
    }
    book = pd.read_excel(io.BytesIO(results_workbook(results, baseline="基线", lang=lang)),
                         sheet_name=None)  # fmt: skip
    assert list(book) == [t("xl.comparison", lang), "基线", "双十二 _大促_"]
    gmv_col = column_label("gmv", lang)
    for name, sheet in zip(list(book)[1:], results.values(), strict=True):
        np.testing.assert_allclose(
            book[name][gmv_col], sheet.daily["gmv"], atol=0.005
        )  # to the fen
    comp = book[t("xl.comparison", lang)].set_index(t("xl.kpi", lang))
    gmv = comp.loc[t("kpi.gmv", lang)]
    plan = results["双十二 [大促]"].totals["gmv"]
    assert gmv["基线"] == pytest.approx(results["基线"].totals["gmv"])
    assert gmv[t("xl.change", lang, name="双十二 [大促]")] == pytest.approx(
        plan - results["基线"].totals["gmv"], abs=0.005
    )


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    a = sheet_name("x" * 40, taken)
    b = sheet_name("x" * 40, taken)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert sheet_name("a/b:c?", taken) == "a_b_c_"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_render_as_png_and_svg(lang: str) -> None:
    from ui import charts
    from ui.exports import chart_image

    base = simulate(Scenario())
    names = {t("side.baseline_name", lang): base.daily}
    chart = charts.daily_chart(charts.daily_data(names, "gmv"), x_title=t("m.day", lang),
                               y_title=t("m.gmv", lang), lang=lang)  # fmt: skip
    png = chart_image(chart, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    svg = chart_image(chart, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and t("m.gmv", lang) in svg


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_report_holds_kpis_charts_and_assumptions_with_names_escaped(lang: str) -> None:
    import html
    from html.parser import HTMLParser

    from ui import charts
    from ui.exports import html_report

    base = Scenario()
    plan = load_preset("double12_campaign")
    results = {"基线": simulate(base), "<script>alert(1)</script>": simulate(plan, reference=base)}
    fig = charts.daily_chart(charts.daily_data({k: r.daily for k, r in results.items()}, "gmv"),
                             x_title="d", y_title=t("m.gmv", lang), lang=lang)  # fmt: skip
    page = html_report(results, baseline="基线", lang=lang, figures=[(t("m.gmv", lang), fig)])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert t("kpi.gmv", lang) in page and t("kpi.profit", lang) in page
    assert "<svg" in page
    assert html.escape(t("warn.dispatch_backlog", lang)) in page  # the campaign's warning
    assert t("grp.promotion", lang) in page  # its promotions among the assumptions
    HTMLParser().feed(page)  # parses


def test_numbers_fitted_from_data_say_so_in_the_report() -> None:
    """A scenario's paths calibrated on the Calibrate page carry "DERIVED (your data) · file"."""
    from simulator import set_param
    from ui.exports import assumptions, html_report

    plan = set_param(Scenario(), "repeat.r", 0.3)
    plan = set_param(plan, "store.aov", 120.0)
    source = t("cal.fitted_from", "en", name="orders.csv")
    rows = {a: c for a, _, c in assumptions(plan, "en", {"repeat.r": "orders.csv"})}
    r_label = next(a for a in rows if rows[a].endswith(source))
    assert rows[r_label] == f"{t('cal.prov', 'en')} · {source}"
    aov = next(c for a, c in rows.items() if "list price" in a)
    assert aov == t("prov.DERIVED", "en")  # store.aov's own provenance: not fitted
    page = html_report({"Plan": simulate(plan)}, baseline="Plan", lang="en",
                       fitted={"Plan": {"repeat.r": "orders.csv"}})  # fmt: skip
    assert source in page


# --------------------------------------------------------------------------- issue 16: exports
#: Scenario names a link or a file could bring that a spreadsheet would run as a formula.
EVIL = ['=HYPERLINK("http://evil","x")', "+1", "-1", "@A1", "\t=1", "\r=1", "＝1+1"]


def _results(names: tuple[str, str] = ("基线", "大促")) -> dict:
    base = Scenario()
    return {names[0]: simulate(base),
            names[1]: simulate(load_preset("double12_campaign"), reference=base)}  # fmt: skip


def _dated(res):
    """``res`` with the ``date`` column the calendar-dates work adds (day 0 = 2026-11-01)."""
    import dataclasses

    dates = pd.Timestamp("2026-11-01") + pd.to_timedelta(res.daily["day"], unit="D")
    return dataclasses.replace(res, daily=res.daily.copy().assign(date=dates))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_daily_column_has_a_label_with_its_unit_in_both_languages(lang: str) -> None:
    """A new Result.daily column without a label (or a kind) fails here."""
    daily = simulate(Scenario()).daily
    for col in [*DAILY_COLUMNS, *daily.columns, "date"]:
        label = column_label(col, lang)
        assert label and "_" not in label, col
        assert t(f"xcol.{col}", "zh") != t(f"xcol.{col}", "en"), col
    assert column_label("gmv", "zh") == "成交金额(元)"
    assert column_label("gmv", "en") == "GMV (yuan)"
    assert column_label("conversion_rate", "zh") == "支付转化率(%)"
    assert set(COLUMN_KINDS) <= {*DAILY_COLUMNS, "date"}
    labels = [column_label(c, lang) for c in daily.columns]
    assert len(set(labels)) == len(labels)  # no two columns read the same


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_daily_csv_speaks_the_users_language_with_rounded_values(lang: str) -> None:
    results = _results()
    frame = pd.read_csv(io.BytesIO(daily_csv(results, lang)), encoding="utf-8-sig")
    assert list(frame.columns[:4]) == [t("xcol.date", lang), t("xcol.day", lang),
                                       t("xcol.scenario", lang), t("xcol.uv", lang)]  # fmt: skip
    assert not [c for c in frame.columns if re.fullmatch(r"[a-z_]+", c)]  # no snake_case
    assert len(frame) == sum(len(r.daily) for r in results.values())
    daily = results["大促"].daily
    rows = frame[frame[t("xcol.scenario", lang)] == "大促"].reset_index(drop=True)
    gmv, cr = rows[column_label("gmv", lang)], rows[column_label("conversion_rate", lang)]
    np.testing.assert_allclose(gmv, daily["gmv"], atol=0.005)
    assert (gmv.round(2) == gmv).all()  # money to the fen: no 96.00000000000023
    assert (rows[column_label("orders_paid", lang)].round(1)
            == rows[column_label("orders_paid", lang)]).all()  # fmt: skip
    np.testing.assert_allclose(cr, daily["conversion_rate"] * 100, rtol=5e-4)  # in %, 4 digits
    text = daily_csv(results, lang).decode("utf-8-sig")
    assert not re.search(r"\d\.\d{5,}", text)  # no float noise anywhere


def test_the_raw_csv_keeps_the_model_columns_for_analysts() -> None:
    results = _results()
    frame = pd.read_csv(io.BytesIO(raw_csv(results)))
    assert list(frame.columns) == [*simulate(Scenario()).daily.columns, "scenario"]
    np.testing.assert_allclose(frame["gmv"][: len(results["基线"].daily)],
                               results["基线"].daily["gmv"], rtol=1e-12)  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_is_formatted_and_in_the_users_language(lang: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(results_workbook(_results(), baseline="基线", lang=lang)))
    comp = book[t("xl.comparison", lang)]
    assert comp.freeze_panes == "B2"
    rows = {r[0].value: r for r in comp.iter_rows(min_row=2)}
    gmv, cr = rows[t("kpi.gmv", lang)], rows[t("kpi.conversion_rate", lang)]
    assert gmv[1].number_format == "¥#,##0.00" and gmv[1].value == round(gmv[1].value, 2)
    assert cr[1].number_format == "0.00%"
    assert rows[t("kpi.orders_paid", lang)][1].number_format == "#,##0.0"
    assert gmv[-1].number_format.startswith("+0.00%")  # the change in %, signed
    assert gmv[-2].number_format.startswith("+¥")  # the change in yuan, signed
    for name in ("基线", "大促"):
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        # the date first (Result.daily has it since the calendar dates), then the day number
        assert header[:3] == [column_label(c, lang) for c in ("date", "day", "uv")]
        assert sheet.freeze_panes == "C2"
        col = {h: i for i, h in enumerate(header)}
        row = sheet[2]
        assert row[col[column_label("gmv", lang)]].number_format == "¥#,##0.00"
        assert row[col[column_label("late_rate", lang)]].number_format == "0.00%"
        assert row[col[column_label("dsr_mean", lang)]].number_format == "0.0000"
        assert sheet.column_dimensions["B"].width >= 8


def test_a_date_column_comes_first_in_every_export() -> None:
    """With the calendar dates (Result.daily's ``date``), exports lead with the date."""
    from openpyxl import load_workbook

    results = {k: _dated(r) for k, r in _results().items()}
    frame = pd.read_csv(io.BytesIO(daily_csv(results, "zh")), encoding="utf-8-sig")
    assert list(frame.columns[:3]) == ["日期", "第几天", "方案"]
    assert frame["日期"].iloc[0] == "2026-11-01"
    sheet = load_workbook(io.BytesIO(results_workbook(results, baseline="基线", lang="zh")))["基线"]
    assert [c.value for c in sheet[1]][:2] == ["日期", "第几天"]
    assert sheet["A2"].number_format == "yyyy-mm-dd" and sheet["A2"].value.day == 1
    assert sheet.freeze_panes == "C2"
    assert pd.read_csv(io.BytesIO(raw_csv(results)))["date"].iloc[1] == "2026-11-02"


@pytest.mark.parametrize("evil", EVIL)
def test_scenario_names_never_become_formulas(evil: str) -> None:
    """OWASP CSV Injection: a name from a link or file is text in the CSV and in Excel."""
    from openpyxl import load_workbook

    results = _results(("基线", evil))
    frame = pd.read_csv(io.BytesIO(daily_csv(results, "en")), encoding="utf-8-sig",
                        keep_default_na=False)  # fmt: skip
    shown = set(frame[t("xcol.scenario", "en")])
    assert shown == {"基线", "'" + evil}
    raw = pd.read_csv(io.BytesIO(raw_csv(results)), keep_default_na=False)
    assert set(raw["scenario"]) == {"基线", "'" + evil}
    book = load_workbook(io.BytesIO(results_workbook(results, baseline="基线", lang="en")))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and evil.strip() in cell.value:
                    texts.append(cell)
    assert texts and all(c.quotePrefix for c in texts if c.value.startswith(evil))


def test_report_charts_keep_their_data_whatever_altair_global_state() -> None:
    """``st.altair_chart`` swaps Altair's global data transformer (for its Arrow one) and theme
    while it draws on the script thread; a report built meanwhile on the download thread got
    charts without data: the empty "三项平均" frame. The export does not depend on that state."""
    import altair as alt

    fig = report_figures(_results(), "zh")[2][1]
    alt.data_transformers.register("elsewhere", lambda data, **kw: {"name": "arrow-1"})
    with alt.data_transformers.enable("elsewhere"), alt.theme.enable("none"):
        svg = chart_image(fig, "svg").decode("utf-8")
    assert "NaN" not in svg and "values from 4." in svg
    # the default theme's size all the same (Altair's 300 × 300 plot area, axes added)
    width, height = (
        float(re.search(f'{a}="([0-9.]+)"', svg).group(1)) for a in ("width", "height")
    )
    assert width > 300 and height > 300


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_draws_every_chart_with_the_scores_on_their_own_scale(lang: str) -> None:
    import html as h

    results = _results()
    figures = report_figures(results, lang)
    assert [title for title, _ in figures] == [t(f"m.{c}", lang) for c in
                                               ("gmv", "profit", "dsr_mean")]  # fmt: skip
    page = html_report(results, baseline="基线", lang=lang, figures=figures)
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert "NaN" not in svg
        assert re.search(r'<path[^>]*d="M[^"]{200,}"', svg), "a chart without its lines"
    dsr_axis = re.search(r"Y-axis titled '[^']*' for a linear scale with values from ([\d.]+)",
                         h.unescape(svgs[2]))  # fmt: skip
    assert dsr_axis and float(dsr_axis.group(1)) > 4.5  # not from 0: a 4.80 → 4.75 fall shows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_describes_promotions_and_campaigns_in_words(lang: str) -> None:
    from simulator.scenario import ThresholdDiscount

    plan = load_preset("double12_campaign").model_copy(
        update={"start_date": datetime.date(2026, 10, 1),
                "promotions": (ThresholdDiscount(kind="threshold_discount", tiers=[(300, 40)],
                                                 start_day=30, end_day=33),)}
    )  # fmt: skip
    plan = Scenario.model_validate(plan.model_dump())
    page = html_report({"基线": simulate(Scenario()), "满减": simulate(plan)}, baseline="基线",
                       lang=lang)  # fmt: skip
    expected = {"zh": "满300减40,10月31日–11月3日(第30–33天)",
                "en": "¥40 off ¥300+, Oct 31 – Nov 3 (days 30–33)"}[lang]  # fmt: skip
    assert expected in page
    assert "threshold_discount" not in page and "other 14" not in page
    assert t("camp.other", lang) in page
