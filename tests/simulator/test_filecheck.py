"""Checks of an .xlsx archive before it is parsed (issue 17): the bombs of the issue (a sheet of
4 M rows packed into 0.25 MB; one shared string of 400 MB) are refused, naming what is too
large, after a fraction of the work a parser would do; so are a part that unpacks to more than
a hundred times its size, a directory that lies about a part's size, a sheet beyond Excel's rows
or columns, a shared string beyond Excel's cell length, a DTD, too many parts. An honest
workbook passes and is read as before."""

from __future__ import annotations

import io
import time
import zipfile

import pandas as pd
import pytest

from simulator import datafile, filecheck
from simulator.datafile import FileProblem, read_table
from tests.simulator import bombs


def _check(raw: bytes) -> filecheck.SheetStats:
    """The checks as ``read_table`` makes them: budgets sized for the app's largest CSV."""
    return filecheck.check_xlsx(raw, max_bytes=datafile.MAX_FILE_BYTES)


def _refused(raw: bytes) -> datafile.Problem:
    with pytest.raises(FileProblem) as caught:
        _check(raw)
    return caught.value.problem


@pytest.fixture(scope="module")
def row_bomb() -> bytes:
    return bombs.row_bomb(4_000_000)


def test_an_honest_workbook_passes_and_reads_as_before() -> None:
    raw = bombs.orders(2000)
    stats = _check(raw)
    assert stats.sheet == "xl/worksheets/sheet1.xml"
    assert (stats.rows, stats.cells, stats.last_row) == (2001, 6003, 2001)
    table = read_table(raw, "orders.xlsx")
    assert list(table.frame.columns) == ["customer", "date", "amount"] and len(table.frame) == 2000
    buf = io.BytesIO()  # and one as pandas/openpyxl write it (styles, a theme, docProps)
    pd.DataFrame({"买家ID": [f"c{i}" for i in range(500)], "实付金额": range(500)}).to_excel(
        buf, index=False)  # fmt: skip
    stats = _check(buf.getvalue())
    assert stats.rows == 501 and stats.parts == 9  # (pandas writes its text inline)


def test_the_four_million_row_bomb_is_refused_at_once(row_bomb: bytes) -> None:
    assert len(row_bomb) < 1024**2  # 0.25 MB on disk, 100 MB of XML
    started = time.process_time()
    p = _refused(row_bomb)
    assert time.process_time() - started < 0.5  # milliseconds in fact: the first MB tells
    assert p.code == "xlsx_ratio" and p.detail == "100" and p.count > 100


def test_four_million_rows_that_pack_less_well_are_refused_by_excels_row_limit(
    row_bomb: bytes, monkeypatch
) -> None:
    monkeypatch.setattr(filecheck, "MAX_RATIO", 10**6)  # as if it packed like honest data
    started = time.process_time()
    p = _refused(row_bomb)
    assert time.process_time() - started < 2.0  # stops just past Excel's last row
    assert p.code == "xlsx_rows" and p.detail == "1048576"
    assert filecheck.EXCEL_ROWS < p.count < 1.2 * filecheck.EXCEL_ROWS
    numbered = bombs.row_bomb(1_100_000, numbered=True)  # rows with their r="…" references
    assert _refused(numbered).code == "xlsx_rows"


def test_the_400_mb_shared_string_is_refused_at_once() -> None:
    raw = bombs.string_bomb()
    assert len(raw) < 1024**2
    started = time.process_time()
    p = _refused(raw)
    assert time.process_time() - started < 0.5
    assert p.code == "xlsx_ratio"


def test_a_shared_string_longer_than_an_excel_cell_is_refused_however_it_packs(
    monkeypatch,
) -> None:
    monkeypatch.setattr(filecheck, "MAX_RATIO", 10**6)
    p = _refused(bombs.string_bomb(2 * 1024**2))
    assert p.code == "xlsx_text" and p.detail == "32767"
    # the same inline in a cell of the sheet
    text = b"x" * (filecheck.TEXT_BYTES + 10)
    raw = bombs.workbook([bombs.HEADER_ROW,
                          b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"])  # fmt: skip
    assert _refused(raw).code == "xlsx_text"
    # a string of Excel's full length passes
    ok = bombs.workbook([bombs.HEADER_ROW, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
                        [b"<si><t>" + "店".encode() * filecheck.EXCEL_CELL_CHARS + b"</t></si>"])  # fmt: skip
    assert _check(ok).longest_text > filecheck.EXCEL_CELL_CHARS


def test_a_directory_that_lies_about_a_parts_size_is_refused() -> None:
    honest = bombs.orders(3000)
    p = _refused(bombs.lying(honest, size=1000))
    assert p.code == "xlsx_damaged" and p.detail == "xl/worksheets/sheet1.xml"


def test_a_part_packed_over_a_hundred_times_is_refused_even_when_small_on_disk() -> None:
    raw = bombs.workbook([bombs.HEADER_ROW], extra={"xl/media/blank.xml": b" " * (8 * 1024**2)})
    p = _refused(raw)
    assert p.code == "xlsx_ratio"
    # a small part may pack well (POI's 100 KB grace)
    _check(bombs.workbook([bombs.HEADER_ROW], extra={"xl/tiny.xml": b" " * 90_000}))


def test_sheets_beyond_excels_columns_or_our_cell_budget_are_refused(monkeypatch) -> None:
    far = bombs.workbook([bombs.HEADER_ROW, b'<row r="2"><c r="XFE2"><v>1</v></c></row>'])
    assert _refused(far).code == "xlsx_columns"
    # a <dimension> beyond Excel's rows is refused before counting
    sheet = (bombs.SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:C2000000"/><sheetData>')
             + bombs.SHEET_TAIL)  # fmt: skip
    raw = _replace(bombs.workbook([]), "xl/worksheets/sheet1.xml", sheet)
    assert _refused(raw).code == "xlsx_rows"
    # a sparse grid: one cell at row 500,000, column ZZ → 351 million cells for pandas
    sparse = bombs.workbook(
        [bombs.HEADER_ROW, b'<row r="500000"><c r="ZZ500000"><v>1</v></c></row>']
    )
    p = _refused(sparse)
    assert p.code == "xlsx_cells" and int(p.detail) == filecheck.max_cells(datafile.MAX_FILE_BYTES)
    assert p.count == 500_000 * 702
    monkeypatch.setattr(datafile, "MAX_FILE_BYTES", 12 * 1000)  # budgets follow the CSV limit
    assert _refused(bombs.orders(400)).code == "xlsx_unpacked"
    monkeypatch.setattr(filecheck, "XML_PER_CSV", 100)
    p = _refused(bombs.orders(400))
    assert p.code == "xlsx_cells" and p.detail == "1000" and p.count == 1203


def test_dtds_too_many_parts_and_broken_archives_are_refused() -> None:
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>'
    assert _refused(_replace(bombs.orders(10), "xl/workbook.xml", dtd)).code == "xlsx_dtd"
    many = bombs.workbook([bombs.HEADER_ROW],
                          extra={f"xl/x{i}.xml": b"<x/>" for i in range(filecheck.MAX_PARTS)})  # fmt: skip
    p = _refused(many)
    assert p.code == "xlsx_parts" and p.count > filecheck.MAX_PARTS
    assert _refused(b"PK\x03\x04" + b"\0" * 100).code == "bad_excel"
    cut = bombs.orders(3000)
    assert _refused(cut[: len(cut) // 2] + cut[-200:]).code in ("bad_excel", "xlsx_damaged")


def test_read_table_refuses_the_bombs_before_openpyxl(row_bomb: bytes, monkeypatch) -> None:
    def no_parse(raw):  # pragma: no cover - reached only if a bomb got through
        raise AssertionError("openpyxl was asked to read a bomb")

    monkeypatch.setattr(datafile, "_read_excel", no_parse)
    with pytest.raises(FileProblem) as caught:
        read_table(row_bomb, "bomb.xlsx")
    assert caught.value.problem.code == "xlsx_ratio"


def _replace(raw: bytes, part: str, data: bytes) -> bytes:
    """``raw`` with ``part`` rewritten as ``data``."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == part else src.read(info))
    return buf.getvalue()


def test_a_csv_with_a_giant_field_or_header_is_refused_before_pandas_reads_it(monkeypatch) -> None:
    rows = [f"c{i},2024-01-{1 + i % 28:02d},{i}.5,o{i}" for i in range(40)]
    rows[30] = "c1,2024-01-01,1," + "x" * (filecheck.EXCEL_CELL_CHARS + 1)
    raw = ("买家ID,订单日期,实付金额,订单编号\n" + "\n".join(rows) + "\n").encode()

    def no_parse(text):  # pragma: no cover - reached only if the check let it through
        raise AssertionError("pandas was asked to read it")

    monkeypatch.setattr(datafile, "_read_csv", no_parse)
    with pytest.raises(FileProblem) as caught:
        read_table(raw, "giant.csv")
    assert caught.value.problem.code == "csv_field"
    assert caught.value.problem.detail == "32767"
    wide = ",".join(f"h{i}" for i in range(20_000)) + "\n" + ",".join("1" * 20_000) + "\n"
    with pytest.raises(FileProblem) as caught:
        read_table(wide.encode(), "wide.csv")
    assert caught.value.problem.code == "csv_columns" and caught.value.problem.count == 20_000


def test_a_long_line_of_short_fields_and_a_cell_of_excels_length_pass() -> None:
    """Only a field past Excel's cell length is refused: not a long line, not a long cell."""
    filecheck.check_csv("a;b\n" + ";".join(["12345"] * 10_000) + "\n")
    filecheck.check_csv("a,b\n1," + "店" * filecheck.EXCEL_CELL_CHARS + "\n")
    with pytest.raises(FileProblem):
        filecheck.check_csv("a\tb\n1\t" + "店" * (filecheck.EXCEL_CELL_CHARS + 1))
