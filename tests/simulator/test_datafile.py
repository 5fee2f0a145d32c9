"""The shop's own files (simulator/datafile.py): reading CSV and Excel defensively, guessing columns,
parsing numbers and dates, and cleaning order histories and daily metrics, with every problem
reported by code, column and the file's line numbers (the header is line 1)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest

from simulator.datafile import (
    SHOWN_ROWS,
    Cleaned,
    FileProblem,
    Problem,
    Table,
    clean_daily,
    clean_orders,
    guess_mapping,
    mapping_problems,
    parse_dates,
    parse_numbers,
    read_table,
)

ORDERS = {"customer_id": "customer", "date": "date", "amount": "amount", "order_id": None,
          "status": None}  # fmt: skip
DAILY = {"date": "date", "uv": "visitors", "buyers": "buyers", "gmv": "revenue"}


# --------------------------------------------------------------------------- helpers
def _read(text: str, encoding: str = "utf-8", name: str = "f.csv") -> Table:
    """``text`` encoded and read as an upload."""
    return read_table(text.encode(encoding), name)


def _problem(raw: bytes, **kwargs: int) -> Problem:
    """The problem that stops ``raw`` from being read (the test fails if it reads)."""
    with pytest.raises(FileProblem) as info:
        read_table(raw, "f.csv", **kwargs)
    assert str(info.value) == info.value.problem.code
    return info.value.problem


def _only(problems: list[Problem], code: str, column: str | None = None) -> Problem:
    """The one problem with ``code`` (and ``column``, when given)."""
    hits = [p for p in problems if p.code == code and (column is None or p.column == column)]
    assert len(hits) == 1, problems
    return hits[0]


def _xlsx(frame: pd.DataFrame) -> bytes:
    """``frame`` written as an Excel workbook, the way a shop's export arrives."""
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    return buf.getvalue()


def _days(*isos: str) -> list[pd.Timestamp]:
    return [pd.Timestamp(d) for d in isos]


# --------------------------------------------------------------------------- reading CSV
def test_utf8_csv_is_read_as_text_cells() -> None:
    """Plain UTF-8: every cell a string, leading spaces after a separator dropped."""
    table = _read("id, name\n1, 张三\n2,李四\n", name="orders.csv")
    assert table.encoding == "UTF-8"
    assert table.name == "orders.csv"
    assert table.columns == ["id", "name"]
    assert table.frame.to_numpy().tolist() == [["1", "张三"], ["2", "李四"]]


def test_utf8_bom_is_not_part_of_the_first_header() -> None:
    """Excel's "CSV UTF-8" starts with a BOM; it must not stick to the first header."""
    table = _read("\ufeff买家ID,实付金额\nu1,12\n")
    assert table.encoding == "UTF-8"
    assert table.columns == ["买家ID", "实付金额"]
    assert table.frame.iloc[0].tolist() == ["u1", "12"]


def test_gbk_csv_with_chinese_headers() -> None:
    """A GBK export (Chinese Excel's default CSV) is decoded, headers and cells intact."""
    table = _read("买家ID,订单日期,实付金额\n张三,2024-01-05,12.50\n", encoding="gbk")
    assert table.encoding == "GBK"
    assert table.columns == ["买家ID", "订单日期", "实付金额"]
    assert table.frame.iloc[0].tolist() == ["张三", "2024-01-05", "12.50"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b;c\n1;2;3\n4;5,5;6\n", [["1", "2", "3"], ["4", "5,5", "6"]]),
        ("a\tb\tc\n1\t2\t3\n4\t5\t6\n", [["1", "2", "3"], ["4", "5", "6"]]),
        ("a|b|c\n1|2|3\n4|5|6\n", [["1", "2", "3"], ["4", "5", "6"]]),
    ],
    ids=["semicolon", "tab", "pipe"],
)
def test_separator_is_sniffed(text: str, expected: list[list[str]]) -> None:
    """Semicolon (European Excel, with decimal commas), tab and pipe files split right."""
    table = _read(text)
    assert table.columns == ["a", "b", "c"]
    assert table.frame.to_numpy().tolist() == expected


def test_headers_are_stripped_and_index_is_fresh() -> None:
    """Header whitespace is dropped and the frame's index counts data rows from 0."""
    table = _read(" customer ,date \na,2024-01-01\nb,2024-01-02\n")
    assert table.columns == ["customer", "date"]
    assert table.frame.index.tolist() == [0, 1]


# --------------------------------------------------------------------------- reading Excel
def _orders_workbook() -> bytes:
    """Orders as a shop exports them: string IDs, real datetime cells, numeric amounts."""
    return _xlsx(
        pd.DataFrame(
            {
                " Customer ID ": ["007", "A12", "007"],
                "Order Date": [
                    dt.datetime(2024, 1, 5, 10, 30),
                    dt.datetime(2024, 2, 1),
                    dt.datetime(2024, 3, 3, 23, 59),
                ],
                "Amount": [12.5, 100, 7.25],
            }
        )
    )


def test_xlsx_keeps_excel_types() -> None:
    """An .xlsx is read from its first sheet: dates stay dates, numbers stay numbers, text IDs
    keep their leading zeros, headers are stripped."""
    table = read_table(_orders_workbook(), "orders.xlsx")
    assert table.encoding == "xlsx"
    assert table.columns == ["Customer ID", "Order Date", "Amount"]
    assert table.frame["Customer ID"].tolist() == ["007", "A12", "007"]
    assert list(table.frame["Order Date"]) == _days(
        "2024-01-05 10:30", "2024-02-01", "2024-03-03 23:59"
    )
    assert table.frame["Amount"].astype(float).tolist() == [12.5, 100.0, 7.25]


def test_xlsx_orders_with_datetime_cells_are_cleaned() -> None:
    """The common Excel case: every date cell a real datetime."""
    table = read_table(_orders_workbook(), "orders.xlsx")
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    assert cleaned.ok
    assert cleaned.frame["customer_id"].tolist() == ["007", "A12", "007"]
    assert list(cleaned.frame["date"]) == _days(
        "2024-01-05 10:30", "2024-02-01", "2024-03-03 23:59"
    )
    assert cleaned.frame["amount"].tolist() == [12.5, 100.0, 7.25]


def test_xlsx_daily_with_datetime_cells_is_cleaned() -> None:
    """A daily workbook whose 日期 column holds datetime cells."""
    raw = _xlsx(
        pd.DataFrame(
            {
                "日期": [dt.datetime(2024, 1, 2), dt.datetime(2024, 1, 1)],
                "访客数": [100, 200],
                "支付买家数": [5, 4],
                "支付金额": [500.0, 320.5],
            }
        )
    )
    table = read_table(raw, "daily.xlsx")
    cleaned = clean_daily(table, guess_mapping(table.columns, "daily"))
    assert cleaned.ok
    assert list(cleaned.frame["date"]) == _days("2024-01-01", "2024-01-02")
    assert cleaned.frame["gmv"].tolist() == [320.5, 500.0]


def test_xlsx_orders_with_mixed_date_cells_are_cleaned() -> None:
    """Datetime cells, a date typed as text and an empty cell in one column: the first two are
    read, the empty one is reported on its sheet row; amounts come from numeric cells."""
    raw = _xlsx(
        pd.DataFrame(
            {
                "买家ID": ["007", "A12", "007", "B9"],
                "订单日期": [
                    dt.datetime(2024, 1, 5, 10, 30),
                    dt.datetime(2024, 2, 1),
                    "2024-03-03",
                    None,
                ],
                "实付金额": [12.5, 100, 7.25, 3],
            }
        )
    )
    table = read_table(raw, "orders.xlsx")
    assert table.frame["订单日期"].tolist()[3] == ""
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    assert cleaned.ok
    assert list(cleaned.frame.columns) == ["customer_id", "date", "amount"]
    assert cleaned.frame["customer_id"].tolist() == ["007", "A12", "007"]
    assert list(cleaned.frame["date"]) == _days("2024-01-05 10:30", "2024-02-01", "2024-03-03")
    assert cleaned.frame["amount"].tolist() == [12.5, 100.0, 7.25]
    blank = _only(cleaned.problems, "blank")
    assert (blank.column, blank.rows, blank.count) == ("订单日期", (5,), 1)
    assert cleaned.dropped == 1
    assert cleaned.date_forms == 2  # Excel datetimes and text "2024-03-03"


def test_xlsx_numeric_ids_become_text() -> None:
    """Customer IDs typed as numbers in Excel become "1001", not "1001.0"."""
    raw = _xlsx(
        pd.DataFrame(
            {"customer": [1001, 1002], "date": ["2024-01-01", "2024-01-02"], "amount": [1, 2]}
        )
    )
    cleaned = clean_orders(read_table(raw, "o.xlsx"), ORDERS)
    assert cleaned.frame["customer_id"].tolist() == ["1001", "1002"]
    assert cleaned.frame["amount"].tolist() == [1.0, 2.0]


def test_old_xls_is_refused() -> None:
    """An OLE2 (.xls) header is named, not guessed at."""
    assert _problem(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512).code == "xls"


def test_corrupt_xlsx_is_bad_excel() -> None:
    """A zip header followed by garbage: "bad_excel", with the exception's name as detail."""
    problem = _problem(b"PK\x03\x04" + b"not really a zip file" * 10)
    assert problem.code == "bad_excel"
    assert problem.severity == "error"
    assert problem.detail == "BadZipFile"


# --------------------------------------------------------------------------- unreadable files
@pytest.mark.parametrize("raw", [b"", b"   ", b" \n\t\r\n ", b"\n\n", b"\xef\xbb\xbf"])
def test_empty_file(raw: bytes) -> None:
    """No bytes, only whitespace, or only a BOM: "empty"."""
    assert _problem(raw).code == "empty"


@pytest.mark.parametrize("raw", [b"a,b\n", b"a,b", b"a,b\n\n\n"])
def test_header_only_is_no_rows(raw: bytes) -> None:
    """A header and no data rows: "no_rows"."""
    assert _problem(raw).code == "no_rows"


@pytest.mark.parametrize("raw", [b"a,\x00b\n1,2\n", "a,b\n1,2\n".encode("utf-16-le")])
def test_nul_bytes_are_not_text(raw: bytes) -> None:
    """NUL bytes (a binary file, or UTF-16 text without its byte-order mark): "not_text".
    UTF-16 with its mark, as Excel writes it, is read (tests/ui/test_hardening.py)."""
    assert _problem(raw).code == "not_text"


def test_bytes_neither_utf8_nor_gb18030() -> None:
    """\\xff is invalid in UTF-8 and in GB18030: "encoding"."""
    raw = b"a,b\n\xff\xfe\xff,1\n"
    for codec in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            raw.decode(codec)
    assert _problem(raw).code == "encoding"


def test_too_big() -> None:
    """One byte over ``max_bytes`` is refused; exactly ``max_bytes`` is read."""
    raw = b"a,b\n1,2\n"
    problem = _problem(raw, max_bytes=len(raw) - 1)
    assert problem.code == "too_big"
    assert read_table(raw, "f.csv", max_bytes=len(raw)).frame.shape == (1, 2)


def test_too_big_names_the_limit() -> None:
    """The detail is the limit that was passed (bytes), for the message."""
    problem = _problem(b"a,b\n1,2\n" * 10, max_bytes=50)
    assert (problem.code, problem.detail) == ("too_big", "50")


def test_too_many_rows_counts_them() -> None:
    """Three data rows over a limit of two: the count is three and the limit the detail; two
    rows at a limit of two are fine."""
    raw = b"a,b\n1,2\n3,4\n5,6\n"
    problem = _problem(raw, max_rows=2)
    assert (problem.code, problem.count, problem.detail) == ("too_many_rows", 3, "2")
    assert len(read_table(raw, "f.csv", max_rows=3).frame) == 3


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"a,b\n1,2,3\n4,5\n", 2),
        (b"a,b\n1,2,3\n", 2),
        (b"a,b\n1,2\n4,5\n6,7,8\n9,9\n", 4),
        (b"a,b\n1,2\n3,4\n5,6\n7,8,9\n", 5),
        (b"a,b\n1,2,\n4,5,6\n", 3),
        (b"a,b\n1,2\n\n4,5\n6,7,8\n", 5),
    ],
    ids=["first-row", "only-row", "fourth-line", "last-line", "after-trailing-comma", "blank-line"],
)
def test_row_longer_than_header_is_malformed(raw: bytes, line: int) -> None:
    """A line with more fields than the header (an unquoted comma in an amount): "malformed",
    naming that line of the file."""
    problem = _problem(raw)
    assert problem.code == "malformed"
    assert problem.rows == (line,)
    assert problem.count == 1


@pytest.mark.parametrize(
    ("text", "columns", "cells"),
    [
        ("a,b,c\n1,2,\n4,5,6\n", ["a", "b", "c"], [["1", "2", ""], ["4", "5", "6"]]),
        ("a,b\n1,2,\n", ["a", "b"], [["1", "2"]]),
        ("a,b\n1,2,\n4,5,\n", ["a", "b"], [["1", "2"], ["4", "5"]]),
        ("a,b\n1,2, ,\n", ["a", "b"], [["1", "2"]]),
    ],
    ids=["empty-last-cell", "one-row-trailing-comma", "every-row-trailing-comma", "blank-extra"],
)
def test_trailing_empty_fields_are_accepted(
    text: str, columns: list[str], cells: list[list[str]]
) -> None:
    """Empty fields past the header (Excel's trailing commas) are no damage."""
    table = _read(text)
    assert table.columns == columns
    assert table.frame.to_numpy().tolist() == cells


def test_trailing_empty_field_on_a_later_row_is_accepted() -> None:
    """``1,2`` then ``4,5,``: the stray comma on line 3 cuts nothing and should be accepted."""
    table = _read("a,b\n1,2\n4,5,\n")
    assert table.frame.to_numpy().tolist() == [["1", "2"], ["4", "5"]]


# --------------------------------------------------------------------------- column mapping
@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["订单编号", "买家昵称", "付款时间", "买家实际支付金额"],
            {
                "customer_id": "买家昵称",
                "date": "付款时间",
                "amount": "买家实际支付金额",
                "order_id": "订单编号",
                "status": None,
            },
        ),
        (
            ["买家ID", "订单日期", "实付金额（元）"],
            {
                "customer_id": "买家ID",
                "date": "订单日期",
                "amount": "实付金额（元）",
                "order_id": None,
                "status": None,
            },
        ),
        (
            ["Customer ID", "Order Date", "Amount"],
            {
                "customer_id": "Customer ID",
                "date": "Order Date",
                "amount": "Amount",
                "order_id": None,
                "status": None,
            },
        ),
        (
            ["Order ID", "customer_id", "order-date", "Amount (CNY)"],
            {
                "customer_id": "customer_id",
                "date": "order-date",
                "amount": "Amount (CNY)",
                "order_id": "Order ID",
                "status": None,
            },
        ),
        (
            ["Note", "Weight [kg]", "Colour"],
            {"customer_id": None, "date": None, "amount": None, "order_id": None, "status": None},
        ),
    ],
    ids=["taobao", "unit-in-brackets", "english", "english-punctuation", "unmatched"],
)
def test_guess_mapping_orders(columns: list[str], expected: dict[str, str | None]) -> None:
    """Order headers in Chinese and English, with units in brackets, are found; others are None."""
    assert guess_mapping(columns, "orders") == expected


def test_guess_mapping_prefers_exact_header() -> None:
    """An exact 实付金额 beats 订单总金额, which only contains 金额; each column is used once."""
    got = guess_mapping(["买家", "日期", "订单总金额", "实付金额"], "orders")
    assert got["amount"] == "实付金额"
    assert got["customer_id"] == "买家"


def test_guess_mapping_by_containment() -> None:
    """A header containing a synonym (订单付款时间 ⊃ 付款时间) is the fallback."""
    got = guess_mapping(["买家会员名", "订单付款时间", "买家应付金额合计"], "orders")
    assert got == {
        "customer_id": "买家会员名",
        "date": "订单付款时间",
        "amount": "买家应付金额合计",
        "order_id": None,
        "status": None,
    }


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["日期", "访客数", "支付买家数", "支付金额", "老买家占比"],
            {"date": "日期", "uv": "访客数", "buyers": "支付买家数", "conversion": None,
             "gmv": "支付金额", "aov": None, "old_share": "老买家占比", "old_buyers": None},
        ),
        (
            ["统计日期", "访客数", "支付转化率", "客单价"],
            {"date": "统计日期", "uv": "访客数", "buyers": None, "conversion": "支付转化率",
             "gmv": None, "aov": "客单价", "old_share": None, "old_buyers": None},
        ),
        (
            ["date", "visitors", "buyers", "revenue"],
            {"date": "date", "uv": "visitors", "buyers": "buyers", "conversion": None,
             "gmv": "revenue", "aov": None, "old_share": None, "old_buyers": None},
        ),
        (
            ["Day", "UV", "Conversion Rate (%)", "GMV (¥)", "Returning Buyers"],
            {"date": "Day", "uv": "UV", "buyers": None, "conversion": "Conversion Rate (%)",
             "gmv": "GMV (¥)", "aov": None, "old_share": None, "old_buyers": "Returning Buyers"},
        ),
    ],
    ids=["chinese", "chinese-conversion", "english", "english-units"],
)  # fmt: skip
def test_guess_mapping_daily(columns: list[str], expected: dict[str, str | None]) -> None:
    """Daily shop metrics in Chinese and English."""
    assert guess_mapping(columns, "daily") == expected


def test_guess_mapping_exact_header_of_a_later_field_is_not_taken() -> None:
    """老买家数 is old_buyers exactly: buyers (synonym 买家数) must not take it by containment,
    so buyers is left to be derived from 支付转化率."""
    got = guess_mapping(["日期", "访客数", "支付转化率", "客单价", "老买家数"], "daily")
    assert got["old_buyers"] == "老买家数"
    assert got["buyers"] is None
    assert got["conversion"] == "支付转化率"


def test_guess_mapping_short_synonyms_are_not_found_inside_words() -> None:
    """ "id" is not looked for inside "paid via" (every row would be a duplicate order), nor
    "user" inside "username_hash"."""
    got = guess_mapping(["customer", "date", "amount", "paid via"], "orders")
    assert got["order_id"] is None
    got = guess_mapping(["buyer", "date", "amount", "username_hash"], "orders")
    assert got["customer_id"] == "buyer"
    assert got["order_id"] is None


def test_guess_mapping_order_status_is_not_an_order_id() -> None:
    """An "Order Status" column is not the order ID: no order is dropped for sharing a status."""
    columns = ["Customer ID", "Order Date", "Amount", "Order Status"]
    mapping = guess_mapping(columns, "orders")
    assert mapping["order_id"] is None
    table = _read(
        "Customer ID,Order Date,Amount,Order Status\n"
        "a,2024-01-01,5,paid\nb,2024-01-02,6,paid\nc,2024-01-03,7,paid\n"
    )
    assert clean_orders(table, mapping).frame["customer_id"].tolist() == ["a", "b", "c"]


def test_mapping_problems_none_for_a_full_mapping() -> None:
    """A complete mapping has no problems (so the cases below are not vacuous)."""
    assert mapping_problems(ORDERS, "orders") == []
    assert mapping_problems(DAILY, "daily") == []


def test_mapping_problems_missing_columns() -> None:
    """Each required orders field without a column: "missing_column", detail = field name;
    the optional order_id is never missing."""
    got = mapping_problems({"customer_id": "c", "date": None, "amount": ""}, "orders")
    assert [(p.code, p.detail, p.severity) for p in got] == [
        ("missing_column", "date", "error"),
        ("missing_column", "amount", "error"),
    ]


def test_mapping_problems_daily_needs_one_of_each_pair() -> None:
    """Daily: date and uv are required, and one of buyers|conversion and one of gmv|aov."""
    got = mapping_problems({"date": "d", "uv": "v"}, "daily")
    assert [(p.code, p.detail) for p in got] == [
        ("missing_either", "buyers|conversion"),
        ("missing_either", "gmv|aov"),
    ]
    got = mapping_problems({"date": "d", "uv": "v", "conversion": "c"}, "daily")
    assert [(p.code, p.detail) for p in got] == [("missing_either", "gmv|aov")]
    got = mapping_problems({"buyers": "b", "aov": "a"}, "daily")
    assert [(p.code, p.detail) for p in got] == [
        ("missing_column", "date"),
        ("missing_column", "uv"),
    ]


def test_mapping_problems_column_twice() -> None:
    """One column chosen for two fields: "column_twice" naming that column, once."""
    got = mapping_problems(
        {"customer_id": "x", "date": "x", "amount": "y", "order_id": "y"}, "orders"
    )
    assert [(p.code, p.column) for p in got] == [("column_twice", "x"), ("column_twice", "y")]


def test_clean_stops_at_mapping_problems() -> None:
    """clean_orders / clean_daily return no frame, just the mapping's problems."""
    table = _read("customer,amount\na,1\n")
    got = clean_orders(table, {"customer_id": "customer", "date": None, "amount": "amount"})
    assert got.frame is None and not got.ok
    assert [(p.code, p.detail) for p in got.problems] == [("missing_column", "date")]
    got = clean_daily(table, {"date": "customer", "uv": "amount"})
    assert got.frame is None and not got.ok
    assert {p.code for p in got.problems} == {"missing_either"}


# --------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("¥1,234.50", 1234.5),
        ("￥12", 12.0),
        ("12.5元", 12.5),
        (" 3 ", 3.0),
        ("1，200", 1200.0),
        ("$5", 5.0),
        ("RMB 8", 8.0),
        ("-4", -4.0),
        ("1e3", 1000.0),
    ],
)
def test_parse_numbers_money(cell: str, value: float) -> None:
    """Currency signs, thousands separators (also full-width), 元 and spaces are dropped."""
    values, bad = parse_numbers(pd.Series([cell]))
    assert values.tolist() == [value]
    assert bad.tolist() == [False]


def test_parse_numbers_blank_and_text() -> None:
    """Blanks are NaN but not bad; text is NaN and bad; numbers from Excel pass through."""
    values, bad = parse_numbers(pd.Series(["", "abc", "7", 2.5, "#DIV/0!"], dtype=object))
    assert np.isnan(values[[0, 1, 4]]).all()
    assert values[[2, 3]].tolist() == [7.0, 2.5]
    assert bad.tolist() == [False, True, False, False, True]


def test_parse_numbers_infinity_is_bad() -> None:
    """A cell that reads as infinity is not a number of a shop."""
    _, bad = parse_numbers(pd.Series(["inf", "1e999", "5"]))
    assert bad.tolist() == [True, True, False]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2.4%", "10％", "0.5%"], [0.024, 0.1, 0.005]),
        (["2.45", "0.5", "3.1"], [0.0245, 0.005, 0.031]),
        (["100", "50"], [1.0, 0.5]),
        (["0.0245", "0.03"], [0.0245, 0.03]),
        (["1", "0.5"], [1.0, 0.5]),
        (["2.4%", "0.03"], [0.024, 0.03]),
        (["2.4%", "3"], [0.024, 0.03]),
        (["150", "2"], [150.0, 2.0]),
        (["2.5%", ""], [0.025, np.nan]),
    ],
    ids=[
        "percent-signs",
        "plain-percentages",
        "plain-up-to-100",
        "fractions",
        "fractions-with-one",
        "sign-and-fraction",
        "sign-and-plain",
        "over-100-kept",
        "blank",
    ],
)
def test_parse_numbers_percent(cells: list[str], expected: list[float]) -> None:
    """percent=True: "2.4%" is 0.024; a column of plain values above 1 and none above 100 is in
    percent; fractions stay fractions."""
    values, bad = parse_numbers(pd.Series(cells), percent=True)
    np.testing.assert_allclose(values, expected, rtol=1e-12)
    assert not bad.any()


def test_parse_numbers_percent_off_keeps_values() -> None:
    """Without percent the same column is left as written, except a % cell loses its sign."""
    values, _ = parse_numbers(pd.Series(["2.45", "3%"]))
    assert values.tolist() == [2.45, 3.0]


# --------------------------------------------------------------------------- dates
def test_parse_dates_mixed_forms() -> None:
    """Every year-first form in one column, and an Excel serial day number written as text."""
    cells = [
        "2024-01-05",
        "2024/1/6",
        "2024.01.07",
        "20240108",
        "2024年1月9日",
        "2024-01-10 10:22:01",
        "45321",
        "2024-01-11T08:00:00",
        "2024-01-12 08:05",
        " 2024-1-13 ",
        "2024年1月14日 10:00",
    ]
    dates, bad, forms = parse_dates(pd.Series(cells))
    assert list(dates) == _days(
        "2024-01-05",
        "2024-01-06",
        "2024-01-07",
        "2024-01-08",
        "2024-01-09",
        "2024-01-10 10:22:01",
        "2024-01-30",
        "2024-01-11 08:00",
        "2024-01-12 08:05",
        "2024-01-13",
        "2024-01-14 10:00",
    )
    assert not bad.any()
    assert forms > 1


def test_parse_dates_one_form() -> None:
    """A uniform column is one form; an all-blank one is none."""
    assert parse_dates(pd.Series(["2024-01-05", "2024-02-06"]))[2] == 1
    dates, bad, forms = parse_dates(pd.Series(["", ""]))
    assert dates.isna().all() and not bad.any() and forms == 0


@pytest.mark.parametrize(
    "cell",
    ["01/12/2024", "12/31/2024", "hello", "2024-02-30", "1985-06-01", "2101-01-01", "30000", "2024-13-01"],
)  # fmt: skip
def test_parse_dates_bad(cell: str) -> None:
    """Day/month first, text, impossible dates, years outside 1990-2100 (also as a serial)."""
    dates, bad, _ = parse_dates(pd.Series(["2024-01-05", cell]))
    assert dates.iloc[0] == pd.Timestamp("2024-01-05")
    assert pd.isna(dates.iloc[1])
    assert bad.tolist() == [False, True]


def test_parse_dates_year_bounds_are_inclusive() -> None:
    """1990 and 2100 are still years of a shop."""
    dates, bad, _ = parse_dates(pd.Series(["1990-01-01", "2100-12-31", "19891231"]))
    assert list(dates[:2]) == _days("1990-01-01", "2100-12-31")
    assert bad.tolist() == [False, False, True]


def test_parse_dates_blank_is_not_bad() -> None:
    """A blank cell is NaT but not bad (it is reported as blank instead)."""
    dates, bad, _ = parse_dates(pd.Series(["2024-01-05", "", "2024-01-06"]))
    assert pd.isna(dates.iloc[1])
    assert bad.tolist() == [False, False, False]


def test_parse_dates_excel_objects() -> None:
    """Datetime objects from Excel (object column) are taken as they are."""
    col = pd.Series(
        [dt.datetime(2024, 3, 1, 9), pd.Timestamp("2024-03-02"), "2024-03-03"], dtype=object
    )
    dates, bad, forms = parse_dates(col)
    assert list(dates) == _days("2024-03-01 09:00", "2024-03-02", "2024-03-03")
    assert not bad.any()
    assert forms == 2


# --------------------------------------------------------------------------- orders
ORDERS_CSV = (
    "买家,日期,金额\n"
    "u1,2024-01-05,10\n"  # 2
    "u2,notadate,10\n"  # 3 bad date
    "u3,2024-01-06,abc\n"  # 4 bad amount
    ",2024-01-06,5\n"  # 5 blank customer
    "u4,2024-01-07,-3\n"  # 6 negative
    "u5,,4\n"  # 7 blank date
    "u6,2024-01-08,\n"  # 8 blank amount
    "u1,2024-01-05,10\n"  # 9 same as line 2: kept, noted
    'u7,2024/1/9,"¥1,234"\n'  # 10
)


@pytest.fixture
def orders() -> Cleaned:
    table = _read(ORDERS_CSV)
    return clean_orders(table, guess_mapping(table.columns, "orders"))


def test_orders_frame(orders: Cleaned) -> None:
    """The clean frame: customer_id, date, amount for the readable rows only."""
    assert orders.ok
    assert list(orders.frame.columns) == ["customer_id", "date", "amount"]
    assert orders.frame["customer_id"].tolist() == ["u1", "u1", "u7"]
    assert list(orders.frame["date"]) == _days("2024-01-05", "2024-01-05", "2024-01-09")
    assert orders.frame["amount"].tolist() == [10.0, 10.0, 1234.0]
    assert orders.dropped == 6


@pytest.mark.parametrize(
    ("code", "column", "rows"),
    [
        ("bad_date", "日期", (3,)),
        ("bad_number", "金额", (4,)),
        ("negative", "金额", (6,)),
    ],
)
def test_orders_row_warnings(
    orders: Cleaned, code: str, column: str, rows: tuple[int, ...]
) -> None:
    """Each unreadable row is a warning naming the file's header and line."""
    problem = _only(orders.problems, code)
    assert problem.severity == "warning"
    assert (problem.column, problem.rows, problem.count) == (column, rows, len(rows))


def test_orders_blank_cells(orders: Cleaned) -> None:
    """Blank customer, date and amount are separate warnings, one per column."""
    blanks = {p.column: p.rows for p in orders.problems if p.code == "blank"}
    assert blanks == {"买家": (5,), "日期": (7,), "金额": (8,)}


def test_orders_identical_rows_are_kept_with_a_note(orders: Cleaned) -> None:
    """Without an order-ID column identical rows may be two real orders: kept, noted."""
    note = _only(orders.problems, "identical_rows")
    assert (note.severity, note.rows, note.count, note.column) == ("note", (9,), 1, "")
    assert (orders.frame["customer_id"] == "u1").sum() == 2
    assert {p.severity for p in orders.problems} == {"warning", "note"}


def test_orders_duplicate_order_ids_are_dropped() -> None:
    """With an order-ID column a repeated ID is a copy, whatever the rest of the row says."""
    table = _read(
        "Order ID,Customer ID,Order Date,Amount\n"
        "o1,a,2024-01-01,5\n"
        "o2,b,2024-01-02,6\n"
        "o1,a,2024-01-01,5\n"
        "o1,c,2024-01-03,7\n"
    )
    mapping = guess_mapping(table.columns, "orders")
    assert mapping["order_id"] == "Order ID"
    cleaned = clean_orders(table, mapping)
    dup = _only(cleaned.problems, "duplicate_order")
    assert (dup.severity, dup.column, dup.rows, dup.count) == ("warning", "Order ID", (4, 5), 2)
    assert cleaned.frame["customer_id"].tolist() == ["a", "b"]
    assert cleaned.dropped == 2
    assert not any(p.code == "identical_rows" for p in cleaned.problems)


def test_orders_no_usable_rows() -> None:
    """Every row bad: no frame, the row warnings and a "no_usable_rows" error."""
    cleaned = clean_orders(_read("customer,date,amount\na,x,1\nb,y,2\n"), ORDERS)
    assert cleaned.frame is None
    assert not cleaned.ok
    assert [(p.code, p.severity) for p in cleaned.problems] == [
        ("bad_date", "warning"),
        ("no_usable_rows", "error"),
    ]
    assert cleaned.problems[0].rows == (2, 3)
    assert cleaned.dropped == 2


def test_orders_many_bad_rows_are_counted() -> None:
    """More bad rows than SHOWN_ROWS: the first SHOWN_ROWS lines are named, all are counted."""
    bad = "".join(f"c{i},bad{i},1\n" for i in range(SHOWN_ROWS + 4))
    cleaned = clean_orders(_read("customer,date,amount\nok,2024-01-01,3\n" + bad), ORDERS)
    problem = _only(cleaned.problems, "bad_date")
    assert problem.rows == tuple(range(3, 3 + SHOWN_ROWS))
    assert problem.count == SHOWN_ROWS + 4
    assert cleaned.dropped == SHOWN_ROWS + 4
    assert cleaned.frame["customer_id"].tolist() == ["ok"]


def test_orders_customer_ids_are_stripped() -> None:
    """Customer IDs are compared without surrounding spaces; a space-only one is blank."""
    table = _read('customer,date,amount\n" a ",2024-01-01,1\n"  ",2024-01-02,2\n')
    cleaned = clean_orders(table, ORDERS)
    assert cleaned.frame["customer_id"].tolist() == ["a"]
    assert _only(cleaned.problems, "blank").rows == (3,)


def test_orders_rows_after_a_blank_line_keep_their_line_numbers() -> None:
    """The bad date is on line 4 of the file (line 3 is empty)."""
    cleaned = clean_orders(_read("customer,date,amount\na,2024-01-01,1\n\nb,bad,2\n"), ORDERS)
    assert _only(cleaned.problems, "bad_date").rows == (4,)


# --------------------------------------------------------------------------- daily metrics
def test_daily_derived_from_conversion_and_aov() -> None:
    """Conversion "2.50%" × visitors gives buyers, AOV × buyers gives GMV, old-buyer share ×
    buyers gives old buyers; the output is sorted by date."""
    table = _read(
        "日期,访客数,支付转化率,客单价,老买家占比\n"
        "2024-01-03,1000,2.50%,80,20%\n"
        '2024-01-01,"1,200",5.00%,50.5,25%\n'
        "2024-01-02,200,1.00%,30,10%\n"
    )
    mapping = guess_mapping(table.columns, "daily")
    cleaned = clean_daily(table, mapping)
    assert cleaned.ok
    assert cleaned.problems == []
    frame = cleaned.frame
    assert list(frame.columns) == ["date", "uv", "buyers", "gmv", "old_buyers"]
    assert list(frame["date"]) == _days("2024-01-01", "2024-01-02", "2024-01-03")
    assert frame.index.tolist() == [0, 1, 2]
    np.testing.assert_allclose(frame["uv"], [1200, 200, 1000])
    np.testing.assert_allclose(frame["buyers"], [60, 2, 25])
    np.testing.assert_allclose(frame["gmv"], [3030, 60, 2000])
    np.testing.assert_allclose(frame["old_buyers"], [15, 0.2, 5])


@pytest.mark.parametrize("conversion", ["2.5%", "2.5", "0.025"])
def test_daily_conversion_forms(conversion: str) -> None:
    """2.5%, a plain 2.5 (percent) and 0.025 (a fraction) are the same conversion."""
    table = _read(
        f"date,uv,conversion,aov\n2024-01-01,1000,{conversion},40\n2024-01-02,200,0.5,10\n"
    )
    cleaned = clean_daily(
        table, {"date": "date", "uv": "uv", "conversion": "conversion", "aov": "aov"}
    )
    buyers = cleaned.frame["buyers"].to_numpy()
    assert buyers[0] == pytest.approx(25.0)
    assert cleaned.frame["gmv"].iloc[0] == pytest.approx(1000.0)


def test_daily_given_columns_and_no_old_buyers() -> None:
    """With buyers and GMV given they are used as they are; no old_buyers column appears."""
    table = _read("date,visitors,buyers,revenue\n2024-01-02,100,5,¥500\n2024-01-01,50,2,100\n")
    cleaned = clean_daily(table, DAILY)
    assert cleaned.ok
    assert cleaned.frame.to_dict("list") == {
        "date": _days("2024-01-01", "2024-01-02"),
        "uv": [50.0, 100.0],
        "buyers": [2.0, 5.0],
        "gmv": [100.0, 500.0],
    }


DAILY_CSV = (
    "date,visitors,buyers,revenue\n"
    "2024-01-02,100,5,500\n"  # 2
    "2024-01-01,50,2,100\n"  # 3
    "2024-01-02,100,5,500\n"  # 4 same as line 2
    "2024-01-03,10,20,100\n"  # 5 more buyers than visitors
    "2024-01-04,-5,1,10\n"  # 6 negative visitors
    "2024-01-05,abc,1,10\n"  # 7 not a number
    "2024-01-06,10,,10\n"  # 8 blank buyers
    "2024-13-01,10,1,10\n"  # 9 bad date
)


@pytest.fixture
def daily() -> Cleaned:
    return clean_daily(_read(DAILY_CSV), DAILY)


def test_daily_frame_keeps_good_rows(daily: Cleaned) -> None:
    """Only the two good dates are left, sorted; a repeat with identical values counts once."""
    assert daily.ok
    assert list(daily.frame["date"]) == _days("2024-01-01", "2024-01-02")
    assert daily.frame["buyers"].tolist() == [2.0, 5.0]
    assert daily.dropped == 6


@pytest.mark.parametrize(
    ("code", "column", "rows"),
    [
        ("duplicate_row", "", (4,)),
        ("more_buyers", "buyers", (5,)),
        ("negative", "visitors", (6,)),
        ("bad_number", "visitors", (7,)),
        ("blank", "buyers", (8,)),
        ("bad_date", "date", (9,)),
    ],
)
def test_daily_row_warnings(daily: Cleaned, code: str, column: str, rows: tuple[int, ...]) -> None:
    """Each left-out row is a warning naming its column and file line."""
    problem = _only(daily.problems, code)
    assert problem.severity == "warning"
    assert (problem.column, problem.rows, problem.count) == (column, rows, len(rows))


def test_daily_more_old_buyers_than_buyers() -> None:
    """Old buyers above buyers is "more_buyers" too (named on the buyers column)."""
    table = _read(
        "date,visitors,buyers,revenue,old\n2024-01-01,100,5,500,6\n2024-01-02,100,5,500,5\n"
    )
    cleaned = clean_daily(table, {**DAILY, "old_buyers": "old"})
    problem = _only(cleaned.problems, "more_buyers")
    assert (problem.column, problem.rows) == ("buyers", (2,))
    assert list(cleaned.frame["date"]) == _days("2024-01-02")
    assert cleaned.frame["old_buyers"].tolist() == [5.0]


def test_daily_date_twice_with_different_numbers_is_an_error() -> None:
    """One date with two sets of numbers cannot be guessed at: "date_twice", not ok."""
    table = _read(
        "date,visitors,buyers,revenue\n"
        "2024-01-02,100,5,500\n"
        "2024-01-02 00:00:00,100,6,600\n"
        "2024-01-01,50,2,100\n"
    )
    cleaned = clean_daily(table, DAILY)
    assert not cleaned.ok
    problem = _only(cleaned.problems, "date_twice")
    assert (problem.severity, problem.column, problem.rows, problem.count) == (
        "error",
        "date",
        (2, 3),
        2,
    )


def test_daily_times_on_one_day_are_one_date() -> None:
    """Dates are normalised to the day, so the same day at two times is a repeated date."""
    table = _read(
        "date,visitors,buyers,revenue\n2024-01-02 08:00,100,5,500\n2024-01-02 20:00,100,5,500\n"
    )
    cleaned = clean_daily(table, DAILY)
    assert cleaned.ok
    assert list(cleaned.frame["date"]) == _days("2024-01-02")
    assert _only(cleaned.problems, "duplicate_row").rows == (3,)


def test_daily_no_usable_rows() -> None:
    """Every row left out: no frame and a "no_usable_rows" error."""
    cleaned = clean_daily(
        _read("date,visitors,buyers,revenue\nx,1,1,1\n2024-01-01,-1,1,1\n"), DAILY
    )
    assert cleaned.frame is None
    assert not cleaned.ok
    assert [p.code for p in cleaned.problems] == ["bad_date", "negative", "no_usable_rows"]
    assert cleaned.dropped == 2


def test_closed_refunded_and_unpaid_orders_are_not_purchases() -> None:
    """A Taobao export's 订单状态: 交易关闭 / 退款 / 等待买家付款 rows are left out, named."""
    text = (
        "买家会员名,订单付款时间,买家实际支付金额,订单编号,订单状态\n"
        "a,2025-01-01,10,1,交易成功\n"
        "a,2025-02-01,12,2,交易关闭\n"
        "b,2025-01-03,9,3,等待买家付款\n"
        "b,2025-03-03,11,4,卖家已发货\n"
        "c,2025-03-04,8,5,退款成功\n"
    )
    table = read_table(text.encode("utf-8"), "taobao.csv")
    mapping = guess_mapping(table.columns, "orders")
    assert mapping["status"] == "订单状态"
    cleaned = clean_orders(table, mapping)
    (problem,) = [p for p in cleaned.problems if p.code == "not_bought"]
    assert (problem.column, problem.rows, problem.count) == ("订单状态", (3, 4, 6), 3)
    assert list(cleaned.frame["amount"]) == [10.0, 11.0]
    assert cleaned.dropped == 3


# --------------------------------------------------------------------------- review finds
def test_a_date_past_2262_is_a_bad_date_not_a_crash() -> None:
    """Beyond pandas' nanosecond range (year 2262) a date must be refused, not overflow."""
    table = _read("customer,date,amount\n1,2024-01-01,5\n1,9999-12-31,6\n")
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    (problem,) = cleaned.problems
    assert (problem.code, problem.rows) == ("bad_date", (3,))
    xlsx = io.BytesIO()
    pd.DataFrame(
        {"customer": ["a", "b"], "date": [dt.datetime(2024, 1, 1), dt.datetime(9999, 1, 1)],
         "amount": [1.0, 2.0]}
    ).to_excel(xlsx, index=False)  # fmt: skip
    table = read_table(xlsx.getvalue(), "x.xlsx")
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    assert [p.code for p in cleaned.problems] == ["bad_date"]


def test_a_workbook_with_a_broken_part_is_bad_excel() -> None:
    import zipfile

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as z:
        z.writestr("[Content_Types].xml", "<bad")
    with pytest.raises(FileProblem) as exc:
        read_table(raw.getvalue(), "x.xlsx")
    assert exc.value.problem.code == "bad_excel"


@pytest.mark.parametrize(
    "text",
    [
        "customer,date,amount\na,2024-01-01," + "1" * 200_000 + ",\nb,2024-01-02,5,\n",
        'customer,date,amount\na,"2024-01-01,5\nb,2024-01-02,6\n',
    ],
    ids=["field-too-long", "unclosed-quote"],
)
def test_a_file_csv_cannot_read_is_unparsable(text: str) -> None:
    with pytest.raises(FileProblem) as exc:
        read_table(text.encode(), "x.csv")
    # a field past Excel's 32,767 characters is named as such before parsing (issue 17)
    assert exc.value.problem.code == ("csv_field" if len(text) > 100_000 else "unparsable")


def test_headers_that_differ_only_by_spaces_are_told_apart() -> None:
    table = _read("customer ,customer,date,amount\na,b,2024-01-01,5\n")
    assert table.columns == ["customer", "customer (2)", "date", "amount"]
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    assert cleaned.ok and list(cleaned.frame["customer_id"]) == ["a"]


def test_blank_order_ids_are_not_duplicates_of_each_other() -> None:
    table = _read("买家ID,订单日期,实付金额,订单编号\na,2024-01-01,5,\nb,2024-01-02,6,\n"
                  "a,2024-01-09,7,\nc,2024-01-03,8,X1\n")  # fmt: skip
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    assert cleaned.problems == [] and len(cleaned.frame) == 4


def test_title_lines_above_the_header_are_skipped_and_lines_still_count() -> None:
    """生意参谋 exports open with a title and a date range; the header is found below them."""
    text = ("店铺整体数据\n统计时间,2026-06-01~2026-06-03\n\n日期,访客数,支付买家数,支付金额\n"
            "2026-06-01,4000,96,11000\n\n2026-06-02,abc,97,11100\n2026-06-03,4100,98,11200\n")  # fmt: skip
    table = _read(text)
    assert table.columns == ["日期", "访客数", "支付买家数", "支付金额"]
    cleaned = clean_daily(table, guess_mapping(table.columns, "daily"))
    (problem,) = cleaned.problems
    assert (problem.code, problem.rows) == ("bad_number", (7,))  # the file's own line 7
    assert list(cleaned.frame["uv"]) == [4000.0, 4100.0]
    xlsx = io.BytesIO()
    pd.DataFrame([["订单报表", None, None], [None, None, None], ["买家ID", "订单日期", "实付金额"],
                  ["a", dt.datetime(2024, 1, 1), 5.0], ["b", "2024-13-40", 6.0]]).to_excel(
        xlsx, index=False, header=False
    )  # fmt: skip
    table = read_table(xlsx.getvalue(), "t.xlsx")
    assert table.columns == ["买家ID", "订单日期", "实付金额"]
    cleaned = clean_orders(table, guess_mapping(table.columns, "orders"))
    assert [(p.code, p.rows) for p in cleaned.problems] == [("bad_date", (5,))]  # sheet row 5
