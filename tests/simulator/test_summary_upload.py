"""Summaries computed where the data lives (issue 23): the warehouse SQL
(simulator/sql/rfm_summary.sql, ``bigfile.rfm_sql``) run by DuckDB on the CDNOW orders gives the
pandas path's RFM summary, and that summary uploaded (``bigfile.read_summary``) reproduces
today's CDNOW fit exactly."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from simulator import bigfile
from simulator.calibration import (
    BGNBD_KEYS,
    GG_KEYS,
    fit_repeat_model,
    fit_summary,
    summarise,
    transactions,
)
from simulator.errors import ModelError

CDNOW = Path(__file__).resolve().parents[2] / "assets" / "samples" / "cdnow_orders.csv"
END = "1997-09-30"


def _sql_summary(tmp_path: Path, fmt: str) -> Path:
    """The warehouse query, in DuckDB's dialect, run on the CDNOW orders; written as ``fmt``."""
    con = duckdb.connect()
    con.execute(f"CREATE VIEW orders AS SELECT customer_id, date AS order_time, amount "
                f"FROM read_csv('{CDNOW}')")  # fmt: skip
    out = tmp_path / f"summary.{fmt}"
    con.execute(f"COPY ({bigfile.rfm_sql('duckdb', END)}) TO '{out}' (FORMAT {fmt})")
    con.close()
    return out


@pytest.fixture(scope="module")
def cdnow():
    orders = pd.read_csv(CDNOW, parse_dates=["date"])
    return orders, fit_repeat_model(orders, calibration_end=END)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_sql_gives_the_pandas_summary(tmp_path: Path, cdnow, fmt: str) -> None:
    orders, _ = cdnow
    tx = transactions(orders)
    want = summarise(tx, (pd.Timestamp(END) - tx.start).days, tx.last_day)
    got, start, end = bigfile.read_summary(_sql_summary(tmp_path, fmt))
    assert (start, end) == (tx.start, pd.Timestamp(END))

    def rows(s):
        order = np.lexsort((np.nan_to_num(s.mbar), s.t_x, s.x, s.first))
        return np.column_stack([s.first, s.x, s.t_x, s.T, np.nan_to_num(s.mbar)])[order]

    np.testing.assert_allclose(rows(got), rows(want), rtol=1e-12)
    assert got.x.size == 2357


def test_the_uploaded_summary_reproduces_the_cdnow_fit(tmp_path: Path, cdnow) -> None:
    _, want = cdnow
    s, start, end = bigfile.read_summary(_sql_summary(tmp_path, "csv"))
    got = fit_summary(s, start, end, end)
    for k in BGNBD_KEYS:  # integer statistics: the same optimum to the last digits
        assert got.params[k] == pytest.approx(want.params[k], rel=1e-9), k
        assert got.stderr[k] == pytest.approx(want.stderr[k], rel=1e-6), k
    # Gamma-Gamma sums amounts, in another order here; the pandas path itself moves p by 2.8e-7
    # (relative) when the same orders come shuffled: its optimum is known to the optimizer's
    # tolerance, so that tolerance (and far inside one standard error) is "the same fit".
    for k in GG_KEYS:
        assert got.params[k] == pytest.approx(want.params[k], rel=1e-6), k
        assert got.stderr[k] == pytest.approx(want.stderr[k], rel=1e-5), k
    assert got.gg_loglik == pytest.approx(want.gg_loglik, rel=1e-12)
    assert got.loglik == pytest.approx(want.loglik, rel=1e-12)
    assert (got.n_customers, got.n_repeaters) == (want.n_customers, want.n_repeaters)
    assert math.isclose(got.params["r"], 0.2426, abs_tol=5e-5)  # the published CDNOW r


@pytest.mark.parametrize(
    ("dialect", "spelled"),
    [("spark", "DATEDIFF(order_day, first_day)"), ("hive", "DATEDIFF(order_day, first_day)"),
     ("maxcompute", "DATEDIFF(order_day, first_day, 'dd')"),
     ("duckdb", "DATE_DIFF('day', first_day, order_day)")],
)  # fmt: skip
def test_each_dialect_spells_the_day_difference(dialect: str, spelled: str) -> None:
    sql = bigfile.rfm_sql(dialect, "2024-06-30")
    code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    assert spelled in code and "DAYS_BETWEEN" not in code and "{" not in code
    assert "CAST('2024-06-30' AS DATE)" in code


def test_a_summary_with_a_bad_row_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("customer_id,first_date,frequency,recency,T,monetary_value\n"
                    "a,2024-01-01,1,3,10,5\nb,2024-01-02,2,0,9,4\n")  # fmt: skip
    with pytest.raises(ModelError) as info:
        bigfile.read_summary(path)
    assert (info.value.code, info.value.params["row"]) == ("summary_values", 3)


def test_the_readme_quotes_the_one_query() -> None:
    """The README shows the query as simulator/sql/rfm_summary.sql has it (no second copy to
    drift: this fails when one changes without the other)."""
    sql = bigfile.SQL_FILE.read_text(encoding="utf-8")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert sql[sql.index("WITH days AS") :].rstrip() in readme


def test_a_summary_without_first_date_takes_the_end_it_is_given(tmp_path: Path) -> None:
    """lifetimes' four columns alone (CONTRACT.md): the calibration end must be given."""
    full = pd.read_csv(_sql_summary(tmp_path, "csv"))
    bare = tmp_path / "bare.csv"
    full.drop(columns=["first_date"]).to_csv(bare, index=False)
    with pytest.raises(ModelError) as info:
        bigfile.read_summary(bare)
    assert info.value.code == "summary_end"
    a, start_a, end_a = bigfile.read_summary(bare, END)
    b, start_b, end_b = bigfile.read_summary(tmp_path / "summary.csv")
    assert (start_a, end_a) == (start_b, end_b) == (pd.Timestamp("1997-01-01"), pd.Timestamp(END))
    np.testing.assert_array_equal(a.first, b.first)
    with pytest.raises(ModelError):  # an end that first_date + T contradicts
        bigfile.read_summary(tmp_path / "summary.csv", "1997-10-01")
