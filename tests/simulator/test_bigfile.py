"""The out-of-core reader (simulator/bigfile.py, issue 23): DuckDB's summary of an order file is
the pandas path's (``datafile.read_table`` → ``clean_orders`` → ``calibration.summarise``) on
every shipped sample and every hostile order file of tests/simulator/test_datafile.py: the same
problems (codes, columns, line numbers, counts), rows left out and RFM summary (to 1e-9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator import bigfile
from simulator.calibration import summarise, transactions
from simulator.datafile import clean_orders, guess_mapping, read_table
from simulator.errors import ModelError
from simulator.filecheck import FileProblem

from .test_datafile import ORDERS_CSV

SAMPLES = Path(__file__).resolve().parents[2] / "assets" / "samples"
TODAY = dt.date.today()

#: Order files the pandas reader's tests feed it (test_datafile.py), each in full.
HOSTILE = {
    "orders-csv": ORDERS_CSV,
    "order-ids": "Order ID,Customer ID,Order Date,Amount\no1,a,2024-01-01,5\no2,b,2024-01-02,6\n"
    "o1,a,2024-01-01,5\no1,c,2024-01-03,7\n",
    "many-bad": "customer,date,amount\nok,2024-01-01,3\n"
    + "".join(f"c{i},2024-02-{1 + i % 28:02d},x{i}\n" for i in range(30)),
    "stripped-ids": 'customer,date,amount\n" a ",2024-01-01,1\n"  ",2024-01-02,2\n',
    "taobao-status": "买家会员名,订单付款时间,买家实际支付金额,订单编号,订单状态\n"
    "a,2025-01-01,10,1,交易成功\na,2025-02-01,12,2,交易关闭\n"
    "b,2025-01-03,9,3,等待买家付款\nb,2025-03-03,11,4,卖家已发货\n"
    "c,2025-03-04,8,5,退款成功\n",
    "year-9999": "customer,date,amount\n1,2024-01-01,5\n1,9999-12-31,6\n",
    "future": "customer,date,amount\n1,2024-01-01,5\n1,2099-01-01,6\n2,2024-02-01,7\n",
    "spaced-headers": "customer ,customer,date,amount\na,b,2024-01-01,5\n",
    "blank-order-ids": "买家ID,订单日期,实付金额,订单编号\na,2024-01-01,5,\nb,2024-01-02,6,\n"
    "a,2024-01-09,7,\nc,2024-01-03,8,X1\n",
    "title-lines": "店铺订单报表\n统计时间:2024-01-01 ~ 2024-01-31\n\n买家,日期,金额\n"
    "a,2024-01-02,5\nb,坏日期,6\na,2024-01-20,7\n",
    "date-forms": "customer,date,amount\na,2024-01-05,1\na,2024/1/9,2\na,2024.01.12 10:30,3\n"
    "b,20240105,4\nb,2024年1月20日,5\nb,45321,6\nc,2024-01-05T08:00:00,7\n"
    "c,05/01/2024,8\nc,1989-12-31,9\nd,2024-02-30,1\n",
    "money": "customer,date,amount\na,2024-01-01,¥1，234.5\na,2024-01-02,12.5元\n"
    "a,2024-01-03, 7 RMB\nb,2024-01-01,inf\nb,2024-01-02,nan\nb,2024-01-03,-inf\n"
    "c,2024-01-01,1e3\nc,2024-01-04,3%\n",
    "semicolon": "customer;date;amount\na;2024-01-01;5\na;2024-01-03;6\nb;2024-01-02;7\n",
    "trailing-commas": "customer,date,amount,\na,2024-01-01,5,\na,2024-01-03,6,\n",
    "unicode-spaces": "customer,date,amount\n\u3000a\u00a0,2024-01-01,1_000\n"
    "b,\u20032024-01-02 ,\u30005\u3000\nb,2024-01-05  10:00:00,7\u2003\n"
    "\u3000,\u00a0,\u2003\nc,2024_01_06,4_5\nc,2024-01-07,\ufeff3\n",
    "blank-row-of-spaces": "customer,date,amount\na,2024-01-01,1\n , ,\na,bad,2\n",
    "identical-rows": "customer,date,amount\na,2024-01-01,5\nb,2024-01-02,6\na,2024-01-01,5\n"
    "a,2024-01-01,5\n",
    "huge-trial": "customer,date,amount\na,2024-01-01,1e12\na,2024-01-02,0.01\na,2024-01-03,0.07\n"
    "b,2024-01-01,5\nb,2024-01-02,0\nc,2024-01-01,3\nc,2024-01-01,4\nc,2024-01-05,1.1\n",
    "common-statuses": "customer,date,amount,status\na,2024-01-01,5,交易成功\na,2024-01-02,6,Completed\n"
    "b,2024-01-02,6,已完成\nb,2024-01-05,7,Closed\nc,2024-01-03,8,\nc,2024-01-04,9, 交易成功\n",
}


def _pandas(raw: bytes, end: str | None):
    table = read_table(raw, "f.csv")
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    if not cleaned.ok:
        return cleaned, None
    tx = transactions(cleaned.frame)
    obs = tx.start + pd.Timedelta(days=tx.last_day)
    cal = pd.Timestamp(end) if end else obs
    return cleaned, summarise(tx, (cal - tx.start).days, (obs - tx.start).days)


def _agree(tmp_path: Path, raw: bytes, end: str | None = None) -> bigfile.BigSummary:
    path = tmp_path / "orders.csv"
    path.write_bytes(raw)
    cleaned, want = _pandas(raw, end)
    seen: list[tuple[str, float]] = []
    big = bigfile.summarise_path(path, calibration_end=end, today=TODAY,
                                 progress=lambda s, f: seen.append((s, f)))  # fmt: skip
    assert big.problems == cleaned.problems
    assert big.dropped == cleaned.dropped
    assert big.date_forms == cleaned.date_forms
    assert ("parse", 1.0) in seen
    if want is None:
        assert big.summary is None
        return big
    got = big.summary
    for name in ("first", "x", "t_x", "T", "x_holdout"):
        np.testing.assert_array_equal(getattr(got, name), getattr(want, name), err_msg=name)
    for name in ("mbar", "next_gap"):
        np.testing.assert_allclose(getattr(got, name), getattr(want, name), rtol=1e-9)
    np.testing.assert_array_equal(np.sort(got.repeat_days), np.sort(want.repeat_days))
    return big


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_duckdb_and_pandas_agree_on_hostile_files(tmp_path: Path, name: str) -> None:
    _agree(tmp_path, HOSTILE[name].encode("utf-8"))


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_duckdb_reads_what_pandas_reads_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    """GBK and UTF-16 exports are re-encoded to UTF-8 first; a BOM is not part of a header."""
    big = _agree(tmp_path, HOSTILE["taobao-status"].encode(encoding))
    assert big.mapping["status"] == "订单状态"


def test_duckdb_and_pandas_agree_on_cdnow(tmp_path: Path) -> None:
    """The shipped sample, with and without a calibration end (the holdout then empty)."""
    raw = (SAMPLES / "cdnow_orders.csv").read_bytes()
    big = _agree(tmp_path, raw, "1997-09-30")
    assert big.summary.x.size == 2357
    _agree(tmp_path, raw)


def _large_hostile(rows: int) -> str:
    """``rows`` Taobao-style orders (``rows // 40`` customers) with a hostile line about every
    hundred: repeated orders, blank rows, bad and future dates, signs and spaces, blank and
    negative amounts, closed orders (seeded)."""
    rng = np.random.default_rng(23)
    lines = ["买家会员名,订单付款时间,买家实际支付金额,订单编号,订单状态"]
    days = rng.integers(0, 700, rows)
    cust = rng.integers(0, max(1, rows // 40), rows)
    kind = rng.integers(0, 1000, rows)
    for i in range(rows):
        date = (dt.date(2024, 1, 1) + dt.timedelta(days=int(days[i]))).isoformat()
        c, amount, oid, status = f"u{cust[i]}", f"{1 + i % 97}.5", str(i), "交易成功"
        k = kind[i]
        if k == 0:
            lines.append(lines[-1 - i % 7] if i > 8 else lines[-1])  # an order repeated
        elif k == 1:
            lines.append(" , , , , ")
        date = {2: "bad", 3: "2099-01-01", 4: date.replace("-", "/")}.get(k, date)
        amount = {5: "¥1，234.5", 6: "-3", 7: ""}.get(k, amount)
        c = {8: "", 9: f"\u3000{c}\u00a0"}.get(k, c)
        status = "交易关闭" if k == 10 else status
        lines.append(",".join((c, date, amount, oid, status)))
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_a_large_file_read_in_parallel_keeps_its_line_numbers(tmp_path: Path) -> None:
    """A file large enough for DuckDB to read and parse in parallel (~45 MB): the line numbers
    come from the order the rows are stored in, which nothing in the parse may lose (a join
    did once); problems, examples and summary are still the pandas reader's."""
    big = _agree(tmp_path, _large_hostile(800_000).encode("utf-8"), "2025-06-30")
    assert {p.code for p in big.problems} >= {"duplicate_order", "bad_date", "not_bought"}


def test_the_statuses_answered_without_the_regex_are_bought() -> None:
    from simulator.datafile import NOT_BOUGHT

    assert not any(NOT_BOUGHT.search(s) for s in bigfile._BOUGHT)


def test_parquet_reads_like_the_csv(tmp_path: Path) -> None:
    """The same orders as Parquet (typed columns) give the same summary and line numbers."""
    import duckdb

    csv_path = tmp_path / "o.csv"
    csv_path.write_text(HOSTILE["orders-csv"], encoding="utf-8")
    pq = tmp_path / "o.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar = true)) TO '{pq}' "
               "(FORMAT parquet)")  # fmt: skip
    a = bigfile.summarise_path(csv_path, today=TODAY)
    b = bigfile.summarise_path(pq, today=TODAY)
    assert a.problems == b.problems
    np.testing.assert_array_equal(a.summary.x, b.summary.x)


def test_a_row_longer_than_the_header_is_refused_with_a_code(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("customer,date,amount\na,2024-01-01,5\nb,2024-01-02,6,7,8\n")
    with pytest.raises(ModelError) as info:
        bigfile.summarise_path(path)
    assert info.value.code == "big_refused" and "DuckDB" in str(info.value)


def test_excel_is_refused_and_empty_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "o.xlsx"
    path.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(ModelError) as info:
        bigfile.summarise_path(path)
    assert info.value.code == "big_format"
    path.write_bytes(b"  \n")
    with pytest.raises(FileProblem) as empty:
        bigfile.summarise_path(path)
    assert empty.value.problem.code == "empty"


def test_a_missing_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as info:
        bigfile.summarise_path(tmp_path / "nope.csv")
    assert info.value.code == "big_open" and info.value.params["name"] == "nope.csv"


def test_a_missing_column_is_a_problem_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("customer,when,amount\na,2024-01-01,5\n")
    big = bigfile.summarise_path(path)
    assert not big.ok and big.problems[0].code == "missing_column"


def test_an_empty_line_shifts_later_line_numbers_by_one(tmp_path: Path) -> None:
    """The documented difference: DuckDB skips an entirely empty line, so the row below it is
    named one line higher than the pandas reader names it (4); the counts are the same."""
    path = tmp_path / "o.csv"
    path.write_text("customer,date,amount\na,2024-01-01,1\n\nb,bad,2\n")
    (problem,) = bigfile.summarise_path(path).problems
    assert (problem.code, problem.rows, problem.count) == ("bad_date", (3,), 1)
