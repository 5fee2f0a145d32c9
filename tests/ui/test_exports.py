"""The Excel export: a comparison sheet and one sheet per scenario that pandas reads back."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from simulator import Scenario, load_preset, simulate
from ui.exports import results_workbook, sheet_name
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
    for name, sheet in zip(list(book)[1:], results.values(), strict=True):
        np.testing.assert_allclose(book[name]["gmv"], sheet.daily["gmv"], rtol=1e-12)
    comp = book[t("xl.comparison", lang)].set_index(t("xl.kpi", lang))
    gmv = comp.loc[t("kpi.gmv", lang)]
    plan = results["双十二 [大促]"].totals["gmv"]
    assert gmv["基线"] == pytest.approx(results["基线"].totals["gmv"])
    assert gmv[t("xl.change", lang, name="双十二 [大促]")] == pytest.approx(
        plan - results["基线"].totals["gmv"]
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
