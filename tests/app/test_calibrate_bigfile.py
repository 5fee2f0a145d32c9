"""AppTest of the Calibrate page's large-file mode (issue 23): the CDNOW orders uploaded in that
mode are summarised by DuckDB in the worker and give the same fit as the ordinary path; a
per-customer summary (the page's own SQL run by DuckDB) is fitted directly; the SQL is shown;
in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from simulator import bigfile
from tests.app.test_calibrate_page import _param_cell
from tests.app.test_pages import assert_clean, open_app
from ui.calibrate import SAMPLES
from ui.fmt import fmt_number
from ui.i18n import LANGS, t
from ui.text import plain


def _big_uploader(at):
    (found,) = [u for u in at.get("file_uploader") if "cal_orders_bigfile" in (u.proto.id or "")]
    return found


def _big_mode(lang: str):  # generous run timeouts below: a bound on hangs, not on speed
    at = open_app(lang, "calibrate")
    at.toggle(key="cal_orders_big").set_value(True).run()
    assert_clean(at)
    return at


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_large_file_mode_fits_the_cdnow_orders_through_duckdb(lang: str) -> None:
    at = _big_mode(lang)
    code = [c.value for c in at.code]
    assert any("DATEDIFF(order_day, first_day)" in c for c in code)  # Spark SQL by default
    _big_uploader(at).upload(SAMPLES["orders"].name, SAMPLES["orders"].read_bytes(), "text/csv")
    at.run(timeout=300)
    assert_clean(at)
    captions = [c.value for c in at.caption]
    assert any(t("cal.big.read_info", lang, name=plain("cdnow_orders.csv"), rows=fmt_number(6919, lang),
                 start="1997-01-01", end="1998-06-30") == c for c in captions)  # fmt: skip
    assert any(t("cal.notes", lang) in i.value and "404" in i.value for i in at.info)
    end = [d for d in at.date_input if "cal_orders_bigend" in (d.key or "")][0]
    end.set_value(dt.date(1997, 9, 30)).run(timeout=300)
    assert_clean(at)
    assert _param_cell(at, lang, "r").startswith("0.242")
    assert _param_cell(at, lang, "α").startswith("30.89")
    assert _param_cell(at, lang, "q").startswith("3.74")


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_a_warehouse_summary_is_fitted_directly(lang: str, tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute(f"CREATE VIEW orders AS SELECT customer_id, date AS order_time, amount "
                f"FROM read_csv('{SAMPLES['orders']}')")  # fmt: skip
    out = tmp_path / "summary.csv"
    con.execute(f"COPY ({bigfile.rfm_sql('duckdb', '1997-09-30')}) TO '{out}' (FORMAT csv)")
    at = _big_mode(lang)
    _big_uploader(at).upload("summary.csv", out.read_bytes(), "text/csv")
    at.run(timeout=300)
    assert_clean(at)
    assert _param_cell(at, lang, "r").startswith("0.242")
    assert any(t("cal.big.untracked", lang) == i.value for i in at.info)
