"""Checks of an Excel ``.xlsx`` file before anything parses it: a workbook is a zip archive of XML
parts, and a small archive can unpack to gigabytes (a "zip bomb") or hold a sheet of millions of
rows or one string of hundreds of megabytes that openpyxl and pandas would build in memory. Every
limit here is checked on the bytes as they really unpack, streamed with a cap, never on the sizes
the archive's directory declares (they can lie), and the first limit crossed stops the work.

Limits and their sources:

- Excel's own ("Excel specifications and limits", Microsoft Support): a sheet holds at most
  1,048,576 rows and 16,384 columns, a cell at most 32,767 characters. A sheet beyond them was
  never written by Excel nor can Excel open it; a Taobao/Tmall export is within them.
- Apache POI's defaults for the same danger (``ZipSecureFile``, the library most Java tools
  read xlsx with): a part may unpack to at most 100 times its packed size (``MIN_INFLATE_RATIO``
  0.01), checked only once it has unpacked past 100 KB (its grace size: a tiny part may pack
  very well), and an archive holds at most 1,000 parts (``MAX_FILE_COUNT``).
- The Open Packaging Conventions (ECMA-376 Part 2) forbid DTD declarations in a package's XML:
  a part with ``<!DOCTYPE`` or ``<!ENTITY`` is no workbook (and could expand entities).
- Our own budget, sized from ``simulator.datafile``'s limits for a CSV so that an Excel file may carry
  as much data as the largest CSV we take and no more: ``MAX_FILE_BYTES`` (150 MB) of CSV holds
  about ``MAX_FILE_BYTES / 12`` ≈ 13 million cells (an order export's cells average 12 bytes or
  more with their separator: a date is 10-19, an ID 10-20, an amount 4-8), and pandas builds the
  sheet as a dense grid (its last row × its last column), so that grid may hold ``MAX_CELLS``
  cells at most. The same cells written as sheet XML take about 4 times the bytes (measured:
  47 bytes a cell in a pandas-written order sheet against 12 in CSV), so all parts together may
  unpack to ``4 × MAX_FILE_BYTES`` (600 MB) at most.

A CSV cannot bomb by packing, but one field of 100 MB (pandas then holds 1.5 GB) or a header of
100,000 columns (19 s to read, and a page of 100,000 options) is no export either: ``check_csv``
refuses a field longer than an Excel cell or more columns than a sheet has, before parsing.

Refusals are ``FileProblem(Problem(code, detail=...))`` with codes ``xlsx_parts``, ``xlsx_ratio``,
``xlsx_unpacked``, ``xlsx_damaged``, ``xlsx_dtd``, ``xlsx_rows``, ``xlsx_columns``,
``xlsx_cells``, ``xlsx_text``, ``csv_field`` and ``csv_columns``, translated as ``up.<code>``.
Nothing here imports streamlit.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

#: Lines at the top of a file looked at for its header row (``simulator.datafile`` finds it there).
HEADER_SCAN = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: ``code`` (translated as ``up.<code>``), the file's ``column``
    at fault, the first ``rows`` (line numbers) and how many rows in all (``count``)."""

    code: str
    severity: Literal["error", "warning", "note"] = "error"
    column: str = ""
    rows: tuple[int, ...] = ()
    count: int = 0
    detail: str = ""


class FileProblem(ValueError):
    """A file that cannot be read at all; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.code)


#: Excel's limits (Microsoft, "Excel specifications and limits").
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
EXCEL_CELL_CHARS = 32_767
#: Apache POI's zip-bomb defaults (ZipSecureFile): unpacked ≤ 100 × packed past 100 KB; 1,000 parts.
MAX_RATIO = 100
RATIO_GRACE = 100 * 1024
MAX_PARTS = 1_000
#: Bytes a cell's text may take in XML at most: every character escaped as the longest entity
#: (``&quot;``, 6 bytes) plus room for the markup of a rich-text string's runs.
TEXT_BYTES = EXCEL_CELL_CHARS * 6 + 64 * 1024
#: Bytes one character of a CSV cell stands for (with its separator), and XML bytes a CSV byte.
CSV_BYTES_PER_CELL = 12
XML_PER_CSV = 4
#: Decompressed bytes taken from the archive at a time (and packed bytes fed at a time).
CHUNK = 1 << 20


def max_cells(max_bytes: int) -> int:
    """The most cells a sheet's grid may hold: as many as the largest CSV we read (``max_bytes``,
    ``simulator.datafile.MAX_FILE_BYTES`` in the app) carries."""
    return max_bytes // CSV_BYTES_PER_CELL


def max_unpacked(max_bytes: int) -> int:
    """The most bytes all parts of a workbook may unpack to, for a CSV limit of ``max_bytes``."""
    return XML_PER_CSV * max_bytes


@dataclass(frozen=True)
class SheetStats:
    """What the checks saw: the parts, bytes unpacked, the first sheet's rows, cells, last row
    and last column, and the largest shared string (bytes of XML)."""

    parts: int = 0
    unpacked: int = 0
    sheet: str = ""
    rows: int = 0
    cells: int = 0
    last_row: int = 0
    last_column: int = 0
    longest_text: int = 0


def _refuse(code: str, detail: object = "", count: int = 0) -> FileProblem:
    return FileProblem(Problem(code, detail=str(detail), count=count))


def _column_number(letters: bytes) -> int:
    """A1-style column letters as a number: A = 1, Z = 26, AA = 27, XFD = 16,384."""
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


# --------------------------------------------------------------------------- the archive
def _entry_count(raw: bytes) -> int:
    """How many parts the archive's end record declares (the zip64 record's count when there is
    one), read before zipfile builds an object for each: 65,535 ("see zip64") when unknown."""
    tail_start = max(0, len(raw) - (22 + 65_535))
    pos = raw.rfind(b"PK\x05\x06", tail_start)
    if pos < 0 or pos + 22 > len(raw):
        raise _refuse("bad_excel", "BadZipFile")
    (count,) = struct.unpack_from("<H", raw, pos + 10)
    loc = pos - 20
    if loc >= 0 and raw[loc : loc + 4] == b"PK\x06\x07":  # zip64 end locator
        (z64,) = struct.unpack_from("<Q", raw, loc + 8)
        if z64 + 56 <= len(raw) and raw[z64 : z64 + 4] == b"PK\x06\x06":
            (count,) = struct.unpack_from("<Q", raw, z64 + 32)
    return count


def _inflate(raw: bytes, info: zipfile.ZipInfo) -> Iterator[tuple[bytes, int]]:
    """A part's bytes as they unpack, a chunk at a time, each with the packed bytes used so far."""
    off = info.header_offset
    if raw[off : off + 4] != b"PK\x03\x04" or info.flag_bits & 0x1:  # no local header; encrypted
        raise _refuse("xlsx_damaged", info.filename)
    name_len, extra_len = struct.unpack_from("<HH", raw, off + 26)
    start = off + 30 + name_len + extra_len
    data = memoryview(raw)[start : start + info.compress_size]
    if len(data) < info.compress_size:
        raise _refuse("xlsx_damaged", info.filename)
    if info.compress_type == zipfile.ZIP_STORED:
        for i in range(0, len(data), CHUNK):
            yield bytes(data[i : i + CHUNK]), min(i + CHUNK, len(data))
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:  # Excel writes nothing else
        raise _refuse("xlsx_damaged", info.filename)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for i in range(0, len(data), CHUNK):
            piece = data[i : i + CHUNK]
            while piece:
                out = inflater.decompress(piece, CHUNK)
                piece = inflater.unconsumed_tail
                if out:
                    yield out, min(i + CHUNK, len(data)) - len(piece)
                if inflater.eof:
                    return
    except zlib.error:
        raise _refuse("xlsx_damaged", info.filename) from None


# --------------------------------------------------------------------------- the XML parts
_PREFIX = re.compile(rb"<(\w+:)?(?:worksheet|sst)\b")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"[A-Z]*\d*:?([A-Z]+)(\d+)\"")
_ROW_R = re.compile(rb"\br=\"(\d+)\"")


class _Scanner:
    """Feeds a part's XML through in pieces cut just before a ``<`` (no tag is ever split), and
    checks what it holds: no DTD, no run of text longer than a cell may be; for the first sheet
    the rows, cells, last row and last column; for the shared strings the longest string."""

    def __init__(self, name: str, kind: str, max_cells: int) -> None:
        self.name, self.kind = name, kind  # kind: "sheet", "strings" or "other"
        self.max_cells = max_cells  # the sheet's grid at most
        self.carry = b""
        self.prefix: bytes | None = None
        self.rows = self.cells = self.last_row = self.last_column = self.longest = 0
        self.open_si = 0  # bytes of the shared string not closed yet
        self.long_text = re.compile(rb"<[^<]{%d}" % TEXT_BYTES)  # a run of text too long
        self.wide: re.Pattern[bytes] | None = None

    def feed(self, chunk: bytes, final: bool = False) -> None:
        buf = self.carry + chunk
        cut = len(buf) if final else buf.rfind(b"<")
        if cut <= 0:  # no "<" yet: the whole piece is one run of text (or a tag's attributes)
            self.carry = buf
            if len(buf) > TEXT_BYTES:
                raise _refuse("xlsx_text", f"{EXCEL_CELL_CHARS}")
            return
        self._scan(buf[:cut])
        self.carry = buf[cut:]

    def _scan(self, buf: bytes) -> None:
        if b"<!DOCTYPE" in buf or b"<!ENTITY" in buf:
            raise _refuse("xlsx_dtd", self.name)
        if self.kind == "other":
            return
        if self.long_text.search(b"<" + buf):
            raise _refuse("xlsx_text", f"{EXCEL_CELL_CHARS}")
        if self.prefix is None:
            m = _PREFIX.search(buf)
            self.prefix = (m.group(1) or b"") if m else b""
            # cells of column AA or beyond, as Excel and openpyxl write them (r first)
            self.wide = re.compile(re.escape(b"<" + self.prefix + b'c r="') + rb"([A-Z]{2,3})\d")
            if self.kind == "sheet":
                self._dimension(buf)
        p = b"<" + self.prefix
        if self.kind == "strings":  # the longest <si>…</si>, its markup included
            pieces = buf.split(b"</" + self.prefix + b"si>")
            if len(pieces) == 1:
                self.open_si += len(buf)
            else:
                inner = max(map(len, pieces[1:-1]), default=0)
                self.longest = max(self.longest, self.open_si + len(pieces[0]), inner)
                self.open_si = len(pieces[-1])
            if max(self.longest, self.open_si) > TEXT_BYTES:
                raise _refuse("xlsx_text", f"{EXCEL_CELL_CHARS}")
            return
        self.rows += buf.count(p + b"row")  # (and the one <rowBreaks> a sheet may have)
        self.cells += sum(buf.count(p + b"c" + end) for end in (b" ", b">", b"/"))
        last = buf.rfind(p + b"row ")
        if last >= 0:
            m = _ROW_R.search(buf, last, buf.find(b">", last) + 1 or len(buf))
            if m:
                self.last_row = max(self.last_row, int(m.group(1)))
        self.last_row = max(self.last_row, self.rows)
        wide = set(self.wide.findall(buf)) if self.wide else set()
        if wide:
            self.last_column = max(self.last_column, *map(_column_number, wide))
        self._limits()

    def _dimension(self, buf: bytes) -> None:
        """The sheet's declared used range: beyond Excel's limits is refused at once (Excel
        writes it; a file declaring more rows than Excel has is no Excel file)."""
        m = _DIMENSION.search(buf)
        if m:
            col, row = _column_number(m.group(1)), int(m.group(2))
            if row > EXCEL_ROWS:
                raise _refuse("xlsx_rows", EXCEL_ROWS, row)
            if col > EXCEL_COLUMNS:
                raise _refuse("xlsx_columns", EXCEL_COLUMNS, col)

    def _limits(self) -> None:
        if self.last_row > EXCEL_ROWS:
            raise _refuse("xlsx_rows", EXCEL_ROWS, self.last_row)
        if self.last_column > EXCEL_COLUMNS:
            raise _refuse("xlsx_columns", EXCEL_COLUMNS, self.last_column)
        # the grid pandas builds: last row × last column (at least one cell a row)
        grid = max(self.cells, self.last_row * max(self.last_column, 1))
        if grid > self.max_cells:
            raise _refuse("xlsx_cells", self.max_cells, grid)


def _first_sheet(zf: zipfile.ZipFile, names: set[str]) -> str:
    """The part of the workbook's first sheet (the one pandas reads): the first ``<sheet>`` of
    xl/workbook.xml through its relationship; else the lowest-numbered xl/worksheets/sheetN.xml."""
    try:
        book = _small(zf, "xl/workbook.xml")
        rels = _small(zf, "xl/_rels/workbook.xml.rels")
        sheet = re.search(rb"<(?:\w+:)?sheet\b[^>]*>", book)
        rid = re.search(rb"\b\w*:?id=\"([^\"]+)\"", sheet.group(0)) if sheet else None
        for rel in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
            if rid and re.search(rb"\bId=\"" + re.escape(rid.group(1)) + rb"\"", rel):
                target = re.search(rb"\bTarget=\"([^\"]+)\"", rel)
                if target:
                    path = target.group(1).decode("utf-8", "replace")
                    path = path.lstrip("/") if path.startswith("/") else f"xl/{path}"
                    if path in names:
                        return path
    except Exception:  # no workbook part, a damaged or oversized one: found by file name below
        pass
    sheets = sorted((n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
                    key=lambda n: int(re.sub(r"\D", "", n)))  # fmt: skip
    return sheets[0] if sheets else ""


#: workbook.xml and its relationships are read whole to find the first sheet: at most this big.
SMALL_PART = 4 * 1024 * 1024


def _small(zf: zipfile.ZipFile, name: str) -> bytes:
    with zf.open(name) as f:
        data = f.read(SMALL_PART + 1)
    if len(data) > SMALL_PART:
        raise ValueError(name)
    return data


def check_xlsx(raw: bytes, *, max_bytes: int) -> SheetStats:
    """Check an ``.xlsx`` file's archive and its first sheet before any parser sees it, its
    budgets sized for the largest CSV read (``max_bytes``); the stats when it passes,
    ``FileProblem`` naming the first limit crossed when it does not."""
    parts = _entry_count(raw)
    if parts > MAX_PARTS:
        raise _refuse("xlsx_parts", MAX_PARTS, parts)
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _refuse("bad_excel", type(exc).__name__) from None
    if len(infos) > MAX_PARTS:
        raise _refuse("xlsx_parts", MAX_PARTS, len(infos))
    budget = max_unpacked(max_bytes)
    declared = sum(i.file_size for i in infos)
    if declared > budget:
        raise _refuse("xlsx_unpacked", budget, declared)
    for i in infos:  # the directory's own word first (cheap); the real bytes below
        if i.file_size > RATIO_GRACE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise _refuse("xlsx_ratio", MAX_RATIO, i.file_size // max(i.compress_size, 1))
    names = {i.filename for i in infos}
    sheet = _first_sheet(zf, names)
    total = 0
    scanners: dict[str, _Scanner] = {}
    for info in infos:
        name = info.filename
        kind = ("sheet" if name == sheet else "strings" if name == "xl/sharedStrings.xml"
                else "other" if name.endswith((".xml", ".rels", ".vml")) else "")  # fmt: skip
        scanner = _Scanner(name, kind, max_cells(max_bytes)) if kind else None
        size = 0
        for out, packed in _inflate(raw, info):
            size += len(out)
            total += len(out)
            if total > budget:
                raise _refuse("xlsx_unpacked", budget, total)
            if size > RATIO_GRACE and size > MAX_RATIO * max(packed, 1):
                raise _refuse("xlsx_ratio", MAX_RATIO, size // max(packed, 1))
            if size > info.file_size:  # more than the directory said: it lies
                raise _refuse("xlsx_damaged", name)
            if scanner:
                scanner.feed(out)
        if size != info.file_size:
            raise _refuse("xlsx_damaged", name)
        if scanner:
            scanner.feed(b"", final=True)
            scanners[kind] = scanner
    s, strings = scanners.get("sheet"), scanners.get("strings")
    return SheetStats(
        parts=len(infos), unpacked=total, sheet=sheet,
        rows=s.rows if s else 0, cells=s.cells if s else 0,
        last_row=s.last_row if s else 0, last_column=s.last_column if s else 0,
        longest_text=strings.longest if strings else 0,
    )  # fmt: skip


# --------------------------------------------------------------------------- CSV text
#: The separators a CSV may use (``simulator.datafile`` sniffs among them) and the line breaks.
_CSV_BREAKS = ",;\t|\r\n"
_LONG_LINE = re.compile(rf"\n[^\n]{{{EXCEL_CELL_CHARS + 1}}}")
_LONG_FIELD = re.compile(rf"(?:^|(?<=[{_CSV_BREAKS}]))[^{_CSV_BREAKS}]{{{EXCEL_CELL_CHARS + 1}}}")


def check_csv(text: str) -> None:
    """Refuse a CSV with a field longer than an Excel cell holds (a run of more than 32,767
    characters without any separator or line break: some field is that long whichever separator
    the file uses) or a header line of more columns than a sheet has (16,384). Only lines longer
    than a cell are searched field by field, so an honest file costs one pass for its newlines."""
    first = text.find("\n")
    starts = [0] if (first if first >= 0 else len(text)) > EXCEL_CELL_CHARS else []
    starts += [m.start() + 1 for m in _LONG_LINE.finditer(text)]
    for start in starts:
        end = text.find("\n", start)
        if _LONG_FIELD.search(text, start, end if end >= 0 else len(text)):
            raise _refuse("csv_field", EXCEL_CELL_CHARS)
    for line in text[: 64 * 1024 * 1024].splitlines()[:HEADER_SCAN]:
        widest = max(line.count(sep) for sep in ",;\t|") + 1
        if widest > EXCEL_COLUMNS:
            raise _refuse("csv_columns", EXCEL_COLUMNS, widest)
