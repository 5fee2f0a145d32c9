"""The shop's own files, read defensively: order histories and daily shop metrics (CSV or Excel,
UTF-8 or GBK, Chinese or English headers) → clean frames for ``simulator.calibration``.

Every problem becomes a ``Problem`` (defined beside the checks made before parsing,
``simulator.filecheck``) with a code the UI translates (``ui.i18n`` keys ``up.<code>``), the
column at fault and the rows (the file's line numbers: the header is line 1). Problems of the
whole file (an unknown encoding, a missing column, no usable rows) are errors and stop the fit;
problems of single rows (a date that cannot be read, text in a number column, a negative
amount, a duplicate) leave those rows out and are reported as warnings; notes name rows that
are kept but may not be what the user meant (identical order rows without an order ID). Nothing here imports
streamlit: the same code serves the page and the tests.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from .filecheck import (
    HEADER_SCAN,
    FileProblem,
    Problem,
    check_csv,
    check_xlsx,
)

#: Largest file read (bytes) and most data rows: beyond them the page says so instead of trying.
MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_ROWS = 3_000_000
#: Rows named in a message (the rest are counted).
SHOWN_ROWS = 8
#: Dates outside these years are not dates of a shop's orders.
YEARS = (1990, 2100)

Kind = Literal["orders", "daily"]


@dataclass(frozen=True)
class Table:
    """A file read as text cells: ``frame`` (every cell a string, or a datetime from Excel),
    the ``encoding`` it was read with ("xlsx" for Excel) and its name. The frame's index is
    each row's position in the file counting from the first line under the header (blank lines
    dropped keep their place), so a row's line number is its index + 2."""

    frame: pd.DataFrame
    encoding: str
    name: str

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


@dataclass(frozen=True)
class Field:
    """A column the fit needs: its name in the clean frame and the headers it goes by."""

    name: str
    synonyms: tuple[str, ...]
    required: bool = True


def _norm(header: str) -> str:
    """A header without case, spaces, punctuation or a unit in brackets: 实付金额（元） → 实付金额."""
    h = str(header).strip().lower()
    h = re.sub(r"[（(\[【].*?[)）\]】]", "", h)
    return re.sub(r"[\s_\-.:：/]+", "", h)


ORDER_FIELDS: tuple[Field, ...] = (
    Field(
        "customer_id",
        (
            "买家id",
            "买家",
            "买家昵称",
            "买家会员名",
            "会员id",
            "会员名",
            "客户id",
            "客户",
            "用户id",
            "用户",
            "旺旺",
            "旺旺名",
            "buyerid",
            "buyer",
            "customerid",
            "customer",
            "custid",
            "userid",
            "user",
            "memberid",
            "clientid",
        ),
    ),  # fmt: skip
    Field(
        "date",
        (
            "订单日期",
            "下单日期",
            "下单时间",
            "付款时间",
            "付款日期",
            "支付时间",
            "支付日期",
            "成交时间",
            "成交日期",
            "订单创建时间",
            "创建时间",
            "日期",
            "时间",
            "date",
            "orderdate",
            "ordertime",
            "createdat",
            "paidat",
            "paymentdate",
            "purchasedate",
            "time",
            "datetime",
        ),
    ),  # fmt: skip
    Field(
        "amount",
        (
            "实付金额",
            "买家实际支付金额",
            "实际支付金额",
            "支付金额",
            "实收金额",
            "订单金额",
            "成交金额",
            "金额",
            "订单总金额",
            "amount",
            "paidamount",
            "ordervalue",
            "value",
            "revenue",
            "total",
            "sales",
            "price",
            "payment",
            "spend",
        ),
    ),  # fmt: skip
    Field(
        "order_id",
        ("订单编号", "订单号", "订单id", "主订单编号", "orderid", "orderno", "ordernumber", "id"),
        required=False,
    ),  # fmt: skip
    Field("status", ("订单状态", "交易状态", "status", "orderstatus"), required=False),
)
DAILY_FIELDS: tuple[Field, ...] = (
    Field("date", ("日期", "统计日期", "时间", "date", "day", "statdate")),
    Field("uv", ("访客数", "访客", "uv", "visitors", "visits", "sessions")),
    Field(
        "buyers",
        (
            "支付买家数",
            "支付买家",
            "成交买家数",
            "买家数",
            "成交用户数",
            "支付人数",
            "buyers",
            "payingbuyers",
            "paidbuyers",
            "customers",
            "orders",
            "paidorders",
            "支付订单数",
            "订单数",
        ),
        required=False,
    ),  # fmt: skip
    Field(
        "conversion",
        ("支付转化率", "转化率", "成交转化率", "conversion", "conversionrate", "cr"),
        required=False,
    ),  # fmt: skip
    Field(
        "gmv",
        ("支付金额", "成交金额", "销售额", "gmv", "revenue", "sales", "paidamount"),
        required=False,
    ),  # fmt: skip
    Field("aov", ("客单价", "aov", "averageordervalue", "ordervalue"), required=False),
    Field(
        "old_share",
        (
            "老买家占比",
            "老客户占比",
            "老买家支付占比",
            "老客占比",
            "复购占比",
            "returningshare",
            "oldcustomershare",
            "repeatshare",
        ),
        required=False,
    ),  # fmt: skip
    Field(
        "old_buyers",
        (
            "老买家数",
            "支付老买家数",
            "老客户数",
            "老买家",
            "returningbuyers",
            "returningcustomers",
            "repeatbuyers",
        ),
        required=False,
    ),  # fmt: skip
)
#: Order states that are not a purchase: closed, cancelled, refunded or never paid (淘宝's
#: 交易关闭 / 等待买家付款 and the English equivalents).
NOT_BOUGHT = re.compile(r"关闭|取消|退款|未付款|等待买家付款|closed|cancel|refund|unpaid|pending",
                        re.IGNORECASE)  # fmt: skip
FIELDS: Mapping[Kind, tuple[Field, ...]] = {"orders": ORDER_FIELDS, "daily": DAILY_FIELDS}
#: Daily exports need one column of each pair (the other is derived from it).
DAILY_EITHER = (("buyers", "conversion"), ("gmv", "aov"))


# --------------------------------------------------------------------------- reading
#: Byte-order marks of the UTF-16/32 texts Excel ("Unicode text", tab-separated UTF-16 LE) and
#: Notepad write, longest first (UTF-32 LE's mark begins with UTF-16 LE's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))  # fmt: skip


def _decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV: UTF-16/32 by its byte-order mark, else UTF-8 (with or without a
    mark), else GBK (GB 18030, which Chinese Windows Excel writes)."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), label
            except UnicodeDecodeError:
                raise FileProblem(Problem("encoding")) from None
    if b"\x00" in raw[:4096]:
        raise FileProblem(Problem("not_text"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), "UTF-8" if encoding == "utf-8-sig" else "GBK"
        except UnicodeDecodeError:
            continue
    raise FileProblem(Problem("encoding"))


def _delimiter(text: str) -> str:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_table(raw: bytes, name: str, *, max_bytes: int | None = None,
               max_rows: int | None = None) -> Table:  # fmt: skip
    """A CSV (UTF-8 or GBK, comma/semicolon/tab separated) or an Excel ``.xlsx`` file (its first
    sheet) as text cells, its header found below any title lines. ``FileProblem`` when it cannot
    be read: empty, too big, not text, an old ``.xls``, a broken row, no data rows."""
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if not raw or not raw.strip():
        raise FileProblem(Problem("empty"))
    if len(raw) > max_bytes:
        raise FileProblem(Problem("too_big", detail=str(max_bytes)))
    if raw[:4] == b"\xd0\xcf\x11\xe0":
        raise FileProblem(Problem("xls"))
    if raw[:4] == b"PK\x03\x04":
        # an archive or sheet too large is refused before openpyxl sees it (budgets: max_bytes)
        check_xlsx(raw, max_bytes=max_bytes)
        frame, encoding = _read_excel(raw), "xlsx"
    else:
        text, encoding = _decode(raw)
        check_csv(text)  # a giant field or header refused before pandas builds it
        frame = _read_csv(text)
    frame.columns = _unique_headers(frame.columns)
    frame = frame[~frame.map(_is_blank).all(axis=1)]  # blank lines, keeping the others' index
    if frame.empty:
        raise FileProblem(Problem("no_rows"))
    if len(frame) > max_rows:
        raise FileProblem(Problem("too_many_rows", count=len(frame), detail=f"{max_rows}"))
    return Table(frame, encoding, name)


def _is_blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and
                                                                    math.isnan(v))  # fmt: skip


def _unique_headers(headers) -> list[str]:
    """Headers stripped, and told apart when two read the same ("金额", "金额 (2)")."""
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        h = str(h).strip() or "?"
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def _header_row(rows: Sequence[Sequence[object]]) -> int:
    """Which of the first rows is the header: the first holding at least the usual number of
    cells (the most common count of two or more there, the smaller on a tie). An export's title
    line, a date range or blank lines above the header hold fewer; a damaged row below it more."""
    counts = [sum(not _is_blank(c) for c in r) for r in rows]
    seen = Counter(c for c in counts if c >= 2)
    if not seen:
        return 0
    usual = max(seen, key=lambda c: (seen[c], -c))
    return next(i for i, c in enumerate(counts) if c >= usual)


def header_scan(text: str) -> tuple[str, list[str], list[list[str]], int]:
    """A CSV text's delimiter, its lines, its first ``HEADER_SCAN`` rows and the index of the
    header row among them (``FileProblem`` "unparsable" when they cannot be split): how every
    reader of order files finds its columns."""
    sep = _delimiter(text)
    lines = text.splitlines()
    try:
        head = list(csv.reader(lines[:HEADER_SCAN], delimiter=sep))
    except csv.Error:
        raise FileProblem(Problem("unparsable")) from None
    return sep, lines, head, _header_row(head)


def _read_csv(text: str) -> pd.DataFrame:
    """``text`` as a frame of strings, its index the line numbers − 2. A line with more fields
    than the header is damage, unless what overflows is empty (the trailing separators
    spreadsheets write): then it is read again without them."""
    sep, lines, head, skip = header_scan(text)
    body = "\n".join(lines[skip:])

    def read(body: str) -> tuple[pd.DataFrame, bool]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(body), sep=sep, dtype=str, index_col=False,
                                keep_default_na=False, skip_blank_lines=False,
                                skipinitialspace=True)  # fmt: skip
        return frame, bool(caught)

    try:
        frame, cut = read(body)
    except pd.errors.ParserError:
        frame, cut = None, True
    except pd.errors.EmptyDataError:
        raise FileProblem(Problem("empty")) from None
    if cut:  # a row longer than the header: fine only if what overflows is empty
        width = len(head[skip]) if head else 0
        line = _long_line(body, sep, width)
        if line:
            raise FileProblem(Problem("malformed", rows=(line + skip,), count=1))
        if frame is None:
            trimmed = re.sub(rf"(?:{re.escape(sep)}[ \t]*)+$", "", body, flags=re.MULTILINE)
            try:
                frame, _ = read(trimmed)
            except pd.errors.ParserError:
                raise FileProblem(Problem("unparsable")) from None
    frame.index = frame.index + skip
    return frame


def _long_line(text: str, sep: str, width: int) -> int:
    """The first line holding more non-empty fields than the header has columns (0: none)."""
    try:
        for n, fields in enumerate(csv.reader(io.StringIO(text), delimiter=sep), start=1):
            if len(fields) > width and any(f.strip() for f in fields[width:]):
                return n
    except csv.Error:  # a field longer than the csv module takes, an unclosed quote
        raise FileProblem(Problem("unparsable")) from None
    return 0


def _read_excel(raw: bytes) -> pd.DataFrame:
    """The first sheet: the header found below any title rows, the index the sheet's row − 2.
    Numbers and dates stay as Excel typed them; text is stripped; blanks are ""."""
    try:
        grid = pd.read_excel(io.BytesIO(raw), sheet_name=0, header=None, dtype=object,
                             engine="openpyxl")  # fmt: skip
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise FileProblem(Problem("bad_excel", detail=type(exc).__name__)) from None
    if grid.empty:
        raise FileProblem(Problem("empty"))
    top = _header_row(grid.head(HEADER_SCAN).itertuples(index=False))
    frame = grid.iloc[top + 1 :].copy()
    frame.columns = [_cell_text(v) for v in grid.iloc[top]]
    frame.index = frame.index - 1  # data row i of the grid is sheet row i + 1
    return frame.map(lambda v: "" if _is_blank(v) else (v.strip() if isinstance(v, str) else v))


def _cell_text(v: object) -> str:
    return "" if _is_blank(v) else str(v).strip()


# --------------------------------------------------------------------------- column mapping
def _tokens(header: str) -> set[str]:
    """The header's words and every run of consecutive words joined (Order Date (UTC) →
    order, date, orderdate): what an English name may be found as inside a longer header."""
    words = [w for w in re.split(r"[\W_]+", re.sub(r"[（(\[【].*?[)）\]】]", "", str(header).lower()))
             if w]  # fmt: skip
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def _inside(name: str, header: str) -> bool:
    """Whether a field's ``name`` can be read inside a longer ``header``: a Chinese name of two
    characters or more anywhere in it (买家实际支付金额（元）), an English one of four letters or
    more as whole words (order_date_utc; not "id" in "Product ID", nor "order" in "orders")."""
    if sum(ord(ch) > 0x2E80 for ch in name) >= 2:
        return name in _norm(header)
    return len(name) >= 4 and name.isascii() and name in _tokens(header)


def guess_mapping(columns: Sequence[str], kind: Kind) -> dict[str, str | None]:
    """The file's column for every field of ``kind`` (None: not found): exact headers first
    (``实付金额``, ``Customer ID``), then headers that contain a field's name, the longest name
    first (``买家支付金额`` is the amount, not the buyer)."""
    fields = FIELDS[kind]
    normed = {c: _norm(c) for c in columns}
    out: dict[str, str | None] = dict.fromkeys(f.name for f in fields)
    used: set[str] = set()
    for f in fields:
        out[f.name] = next((c for s in f.synonyms for c, n in normed.items()
                            if n == s and c not in used), None)  # fmt: skip
        if out[f.name] is not None:
            used.add(out[f.name])
    inside = sorted(
        ((len(s), i, c) for i, f in enumerate(fields) if out[f.name] is None
         for s in f.synonyms for c in columns if c not in used and _inside(s, c)),
        key=lambda m: (-m[0], m[1]),
    )  # fmt: skip
    for _, i, column in inside:
        name = fields[i].name
        if out[name] is None and column not in used:
            out[name] = column
            used.add(column)
    return out


def mapping_problems(mapping: Mapping[str, str | None], kind: Kind) -> list[Problem]:
    """Errors of a mapping: a required field with no column, one column used twice."""
    out = [Problem("missing_column", detail=f.name) for f in FIELDS[kind]
           if f.required and not mapping.get(f.name)]  # fmt: skip
    if kind == "daily":
        out += [Problem("missing_either", detail=f"{a}|{b}") for a, b in DAILY_EITHER
                if not mapping.get(a) and not mapping.get(b)]  # fmt: skip
    chosen = [c for c in mapping.values() if c]
    out += [Problem("column_twice", column=c) for c in sorted(set(chosen)) if chosen.count(c) > 1]
    return out


# --------------------------------------------------------------------------- cell parsing
def _rows(mask: np.ndarray, index: pd.Index) -> tuple[tuple[int, ...], int]:
    """Line numbers (header = 1) of the first rows of ``index`` (a ``Table.frame``'s) where
    ``mask`` holds, and how many in all."""
    idx = np.flatnonzero(mask)
    return tuple(int(index[i]) + 2 for i in idx[:SHOWN_ROWS]), int(idx.size)


def _blank(col: pd.Series) -> np.ndarray:
    return col.map(lambda v: isinstance(v, str) and v == "").to_numpy(dtype=bool)


_MONEY = re.compile(r"[¥￥$,，\s]|元|rmb|cny", re.IGNORECASE)


def parse_numbers(col: pd.Series, *, percent: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Numbers of a column (``¥1,234.50``, ``12.5元``, ``2.4%``) and the mask of cells that are
    not numbers (blanks are NaN, not bad). With ``percent`` a cell ending in % is divided by 100,
    and so is every cell when the column has values above 1 and none above 100 (2.45 = 2.45%)."""
    text = col.map(lambda v: v if isinstance(v, str) else ("" if v is None else str(v)))
    is_pct = text.str.endswith(("%", "％")).to_numpy()
    clean = text.str.replace(_MONEY, "", regex=True).str.rstrip("%％")
    values = pd.to_numeric(clean, errors="coerce").to_numpy(dtype=float)
    blank = (clean == "").to_numpy()
    bad = (np.isnan(values) & ~blank) | np.isinf(values)
    if percent:
        values = np.where(is_pct, values / 100.0, values)
        plain = ~is_pct & np.isfinite(values)
        if np.any(values[plain] > 1) and not np.any(values[plain] > 100):
            values = np.where(plain, values / 100.0, values)
    return values, bad


#: Cells looked at to tell how many forms the dates came in (only for the message).
_SHAPE_SAMPLE = 50_000
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y%m%d", "%Y-%m-%dT%H:%M:%S")


def parse_dates(col: pd.Series) -> tuple[pd.Series, np.ndarray, int]:
    """Dates of a column in any of the usual year-first forms (2024-01-05, 2024/1/5, 2024.01.05,
    20240105, 2024年1月5日, with or without a time; Excel dates and serial numbers), the mask
    of cells that are not such dates (blanks are NaT, not bad) and how many forms were seen."""
    if pd.api.types.is_datetime64_any_dtype(col):  # Excel cells that are all real dates
        dates = pd.to_datetime(col).astype("datetime64[us]")
        years = dates.dt.year
        dates = dates.where((years >= YEARS[0]) & (years <= YEARS[1]))
        return dates, (dates.isna() & col.notna()).to_numpy(), 1
    # Microseconds, not pandas' nanoseconds: a year 9999 typed in a cell must not overflow.
    out = pd.Series(pd.NaT, index=col.index, dtype="datetime64[us]")
    typed = col.map(lambda v: isinstance(v, pd.Timestamp | np.datetime64) or hasattr(v, "year"))
    if typed.any():
        cells = col[typed].map(lambda v: v if YEARS[0] <= v.year <= YEARS[1] else None)
        out[typed] = pd.to_datetime(cells, errors="coerce").astype("datetime64[us]")
    text = col[~typed].map(lambda v: v if isinstance(v, str) else str(v)).astype(object)
    text = text.astype(str).str.strip() if len(text) else pd.Series([], dtype=str)
    norm = (text.str.replace(r"[年月/.]", "-", regex=True).str.replace("日", "", regex=False)
            .str.replace(r"\s+", " ", regex=True))  # fmt: skip
    todo = norm[norm != ""]
    for fmt in _DATE_FORMATS:
        if todo.empty:
            break
        got = pd.to_datetime(todo, format=fmt, errors="coerce").astype("datetime64[us]")
        hit = got.notna()
        if hit.any():
            out[got.index[hit]] = got[hit]
            todo = todo[~hit]
    if not todo.empty:  # Excel serial day numbers written as text (45321 = 2024-01-30)
        serial = pd.to_numeric(todo, errors="coerce")
        ok = serial.between(20_000, 80_000)
        if ok.any():
            days = pd.to_timedelta(serial[ok], unit="D")
            out[serial.index[ok]] = (pd.Timestamp("1899-12-30") + days).astype("datetime64[us]")
    # Forms as the user wrote them (digits aside: 2024/1/5 and 2024年1月5日 are two), on a sample.
    read = text[out[text.index].notna().to_numpy()]
    shapes = read.head(_SHAPE_SAMPLE).str.replace(r"\d+", "9", regex=True).nunique()
    forms = int(typed.any()) + int(shapes)
    years = out.dt.year
    out[(years < YEARS[0]) | (years > YEARS[1])] = pd.NaT
    blank = _blank(col)
    bad = out.isna().to_numpy() & ~blank
    return out, bad, forms


def future_dates(dates: pd.Series, today: pd.Timestamp | None = None) -> np.ndarray:
    """Cells dated after today (the server's, plus a day: Beijing is ahead of most servers): an
    order or a day's metrics cannot come from the future, so 2031 or 2099 is a typo to name, not
    a date to fit."""
    today = pd.Timestamp.now().normalize() if today is None else pd.Timestamp(today)
    return (dates.dt.normalize() > today + pd.Timedelta(days=1)).to_numpy(dtype=bool)


# --------------------------------------------------------------------------- cleaning
@dataclass
class Cleaned:
    """A clean frame for the fit, the problems met and how many rows were left out."""

    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    dropped: int = 0
    date_forms: int = 0

    @property
    def ok(self) -> bool:
        return self.frame is not None and not any(p.severity == "error" for p in self.problems)


def _warn(
    out: list[Problem],
    code: str,
    mask: np.ndarray,
    index: pd.Index,
    column: str = "",
    severity: str = "warning",
) -> None:
    if mask.any():
        rows, count = _rows(mask, index)
        out.append(Problem(code, severity, column, rows, count))  # type: ignore[arg-type]


def clean_orders(table: Table, mapping: Mapping[str, str | None]) -> Cleaned:
    """Orders (customer_id, date, amount) from ``table`` by ``mapping``: rows whose date, amount
    or customer cannot be read, negative amounts and duplicates are left out (warnings)."""
    problems = mapping_problems(mapping, "orders")
    if problems:
        return Cleaned(None, problems)
    df = table.frame
    cust_col, date_col, amount_col = (mapping[k] for k in ("customer_id", "date", "amount"))
    cust = df[cust_col].map(lambda v: v.strip() if isinstance(v, str) else str(v))
    dates, bad_date, forms = parse_dates(df[date_col])
    amount, bad_amount = parse_numbers(df[amount_col])
    no_cust = (cust == "").to_numpy()
    no_date = dates.isna().to_numpy() & ~bad_date
    no_amount = np.isnan(amount) & ~bad_amount
    negative = np.nan_to_num(amount, nan=0.0) < 0
    future = future_dates(dates)
    status_col = mapping.get("status")
    closed = np.zeros(len(df), dtype=bool)
    if status_col:
        closed = df[status_col].map(lambda v: bool(NOT_BOUGHT.search(str(v)))).to_numpy(bool)
    order_id = mapping.get("order_id")
    # With an order ID a repeated one is a copy (left out). Without, identical rows may be two
    # orders of the same thing on one day (CDNOW has 21): kept, and named in a note.
    dup = df.duplicated(subset=[order_id] if order_id else list(df.columns)).to_numpy(copy=True)
    if order_id:  # a row without an ID is no copy of another without one
        dup &= ~_blank(df[order_id])
    _warn(problems, "bad_date", bad_date, df.index, date_col)
    _warn(problems, "bad_number", bad_amount, df.index, amount_col)
    _warn(problems, "blank", no_cust, df.index, cust_col)
    _warn(problems, "blank", no_date, df.index, date_col)
    _warn(problems, "future_date", future, df.index, date_col)
    _warn(problems, "blank", no_amount, df.index, amount_col)
    _warn(problems, "negative", negative, df.index, amount_col)
    _warn(problems, "not_bought", closed, df.index, status_col or "")
    if order_id:
        _warn(problems, "duplicate_order", dup, df.index, order_id)
    else:
        _warn(problems, "identical_rows", dup, df.index, severity="note")
        dup = np.zeros_like(dup)
    drop = bad_date | bad_amount | no_cust | no_date | future | no_amount | negative | closed | dup
    keep = ~drop
    if not keep.any():
        return Cleaned(None, [*problems, Problem("no_usable_rows")], int(drop.sum()), forms)
    frame = pd.DataFrame(
        {"customer_id": cust[keep].to_numpy(), "date": dates[keep].to_numpy(),
         "amount": amount[keep]}
    )  # fmt: skip
    return Cleaned(frame, problems, int(drop.sum()), forms)


def clean_daily(table: Table, mapping: Mapping[str, str | None]) -> Cleaned:
    """Daily metrics (date, uv, buyers, gmv and, when given, old_buyers) from ``table``:
    conversion × visitors gives buyers, order value × buyers gives GMV, old-buyer share × buyers
    gives old buyers. Rows that cannot be read or do not add up are left out (warnings); a date
    given twice with different numbers is an error."""
    problems = mapping_problems(mapping, "daily")
    if problems:
        return Cleaned(None, problems)
    df = table.frame
    dates, bad_date, forms = parse_dates(df[mapping["date"]])
    future = future_dates(dates)
    drop = bad_date | dates.isna().to_numpy() | future
    _warn(problems, "bad_date", bad_date, df.index, mapping["date"])
    _warn(problems, "future_date", future, df.index, mapping["date"])
    values: dict[str, np.ndarray] = {}
    for name in ("uv", "buyers", "conversion", "gmv", "aov", "old_share", "old_buyers"):
        column = mapping.get(name)
        if not column:
            continue
        v, bad = parse_numbers(df[column], percent=name in ("conversion", "old_share"))
        _warn(problems, "bad_number", bad, df.index, column)
        _warn(problems, "blank", np.isnan(v) & ~bad, df.index, column)
        negative = np.nan_to_num(v, nan=0.0) < 0
        _warn(problems, "negative", negative, df.index, column)
        drop |= bad | np.isnan(v) | negative
        values[name] = v
    if "buyers" not in values:
        values["buyers"] = values["conversion"] * values["uv"]
    if "gmv" not in values:
        values["gmv"] = values["aov"] * values["buyers"]
    if "old_buyers" not in values and "old_share" in values:
        values["old_buyers"] = values["old_share"] * values["buyers"]
    with np.errstate(invalid="ignore"):
        over = values["buyers"] > values["uv"]
        if "old_buyers" in values:
            over |= values["old_buyers"] > values["buyers"] * (1 + 1e-9)
    over &= ~drop
    _warn(problems, "more_buyers", over, df.index,
          mapping.get("buyers") or mapping.get("conversion") or "")  # fmt: skip
    drop |= over
    # the same date twice: identical rows count once, different numbers are an error
    day = dates.dt.normalize()
    cols = ["uv", "buyers", "gmv", *(["old_buyers"] if "old_buyers" in values else [])]
    frame = pd.DataFrame({"date": day, **{c: values[c] for c in cols}})
    live = frame[~drop]
    repeated = live.duplicated(subset=["date"], keep=False)
    identical = live.duplicated(keep="first")
    clash = repeated & ~live.duplicated(keep=False)
    if clash.any():
        rows, count = _rows(frame.index.isin(live.index[clash]), frame.index)
        problems.append(Problem("date_twice", "error", mapping["date"], rows, count))
    copies = frame.index.isin(live.index[identical])
    _warn(problems, "duplicate_row", copies, df.index)
    drop |= copies
    kept = frame[~drop].sort_values("date").reset_index(drop=True)
    if kept.empty:
        problems.append(Problem("no_usable_rows"))
        return Cleaned(None, problems, int(drop.sum()), forms)
    return Cleaned(kept, problems, int(drop.sum()), forms)
