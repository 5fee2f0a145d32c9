"""Order histories of any size, summarised out of core with DuckDB (issue 23), and per-customer
summaries computed elsewhere (a warehouse), read back for the fit.

``summarise_path(path, mapping, calibration_end)`` reads a CSV or Parquet file of orders with
the same conventions as ``simulator.datafile`` + ``simulator.calibration`` (the pandas path):
the header found below title lines, the same column mapping (``guess_mapping``), the same cell
parsing (money signs, year-first date forms, Excel serial days), the same rows left out and
reported (``Problem`` codes, columns, line numbers, counts, in the same order), the same
same-day merging and RFM conventions (``calibration.summarise``). It returns a ``BigSummary``
whose ``summary`` is the ``calibration.Summary`` the fit takes (``calibration.fit_summary``).
DuckDB parses and aggregates in a database file in a temporary directory, so memory stays
bounded (``MEMORY_LIMIT``) whatever the file's size; a CSV that is not UTF-8 (GBK, UTF-16) is
first re-encoded to UTF-8 beside it, streaming. The file is read once, in parallel, into a
narrow typed table kept in the file's order (a row's line is its ``rowid``, so no window
numbers them; nothing in that query may lose the order: a join once did, see
tests/simulator/test_bigfile.py's large file); duplicates are found by hashing the order key
and only the candidates are read again; the problems, the date forms and the same-day merge are
aggregates over that table (the per-customer summary joins each customer's trial back).

One known difference: DuckDB's CSV reader skips lines that are entirely empty, which the pandas
reader counts; rows below such a line are named one line higher per empty line above them
(their counts, and every result, are the same).

``read_summary(path)`` reads a per-customer summary (``SUMMARY_COLUMNS``, e.g. the output of
``RFM_SQL`` run in Spark SQL / Hive / MaxCompute) and checks it; ``rfm_sql(dialect, end)`` is
that query in a dialect. Refusals are ``ModelError`` (codes ``big_*`` and ``summary_*``,
translated as ``err.<code>``) or the pandas path's ``FileProblem`` for what both refuse (an
empty file, an unknown encoding). Nothing here imports streamlit.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from .calibration import RepeatFit, Summary, check_calibration_end, fit_summary
from .datafile import (
    _BOMS,
    _SHAPE_SAMPLE,
    NOT_BOUGHT,
    SHOWN_ROWS,
    YEARS,
    _unique_headers,
    guess_mapping,
    header_scan,
    mapping_problems,
)
from .errors import ModelError
from .filecheck import FileProblem, Problem, check_csv

#: DuckDB's memory budget and threads [ASSUMPTION: the process holds some 400 MB beside it
#: (Python, the fit's arrays, DuckDB's own untracked memory: measured at 640 MB → 1.06 GiB peak
#: on 20 M rows), so under 1 GiB in all, a third of the worker's 3 GiB; the machine's 2 cores];
#: beyond the budget DuckDB spills to its temporary directory.
MEMORY_LIMIT = "480MB"
THREADS = 2
#: Bytes of a file's head read to find its encoding, separator and header.
HEAD_BYTES = 1 << 20
#: How often the progress callback is called while DuckDB works (seconds).
PROGRESS_S = 0.2
SQL_FILE = Path(__file__).with_name("sql") / "rfm_summary.sql"
#: The summary upload's columns (CONTRACT.md; case-insensitive; ``customer_id`` and a
#: ``first_date`` optional): lifetimes' names, in days.
SUMMARY_COLUMNS = ("customer_id", "frequency", "recency", "T", "monetary_value")
#: How DAYS_BETWEEN(a, b) (b − a in days) is spelled in each dialect.
DIALECTS = {
    "spark": "DATEDIFF({b}, {a})",
    "hive": "DATEDIFF({b}, {a})",
    "maxcompute": "DATEDIFF({b}, {a}, 'dd')",
    "duckdb": "DATE_DIFF('day', {a}, {b})",
}

Progress = Callable[[str, float], None]
#: The stages a progress callback is told of, in order.
STAGES = ("transcode", "parse", "problems", "summary")


def _quiet(stage: str, fraction: float) -> None:
    """No progress shown."""


# --------------------------------------------------------------------------- probing
@dataclass(frozen=True)
class Probe:
    """What the head of a file says: its ``kind`` ("csv" or "parquet"), ``encoding``, separator,
    the lines above the header (``skip``) and the header's columns."""

    kind: str
    encoding: str
    sep: str
    skip: int
    columns: list[str]


def _head_text(raw: bytes) -> tuple[str, str, str]:
    """(text, label, Python codec) of a file's head, as ``datafile._decode`` reads the whole."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="ignore"), label, codec
    if b"\x00" in raw[:4096]:
        raise FileProblem(Problem("not_text"))
    cut = raw[: raw.rfind(b"\n") + 1] if len(raw) == HEAD_BYTES and b"\n" in raw else raw
    for codec, label in (("utf-8-sig", "UTF-8"), ("gb18030", "GBK")):
        try:
            return cut.decode(codec), label, codec
        except UnicodeDecodeError:
            continue
    raise FileProblem(Problem("encoding"))


def probe(path: str | os.PathLike) -> Probe:
    """The file's kind, encoding, separator, header line and columns, from its head."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            raw = f.read(HEAD_BYTES)
    except OSError as exc:
        raise ModelError("big_open", f"cannot open {path.name}: {exc.strerror}",
                         name=path.name) from None  # fmt: skip
    if raw[:4] == b"PAR1":
        con = _connect(None)
        try:
            cols = [d[0] for d in con.sql(f"SELECT * FROM read_parquet({_lit(path)}) LIMIT 0")
                    .description]  # fmt: skip
        except Exception as exc:  # DuckDB raises its own kinds on a damaged file
            raise _refused(exc) from None
        finally:
            con.close()
        return Probe("parquet", "parquet", "", 0, _unique_headers(cols))
    if not raw or not raw.strip():
        raise FileProblem(Problem("empty"))
    if raw[:4] in (b"\xd0\xcf\x11\xe0", b"PK\x03\x04"):
        raise ModelError("big_format", "large files are read as CSV or Parquet, not Excel")
    text, label, _ = _head_text(raw)
    check_csv(text)
    sep, _, head, skip = header_scan(text)
    if skip >= len(head):
        raise FileProblem(Problem("empty"))
    return Probe("csv", label, sep, skip, _unique_headers(head[skip]))


def _transcode(path: Path, codec: str, out: Path, progress: Progress) -> None:
    """``path`` re-encoded from ``codec`` to UTF-8 at ``out``, streaming."""
    total = max(1, path.stat().st_size)
    decoder = codecs.getincrementaldecoder(codec)()
    done = 0
    try:
        with path.open("rb") as src, out.open("w", encoding="utf-8", newline="") as dst:
            while chunk := src.read(8 << 20):
                dst.write(decoder.decode(chunk))
                done += len(chunk)
                progress("transcode", done / total)
            dst.write(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        raise FileProblem(Problem("encoding")) from None


# --------------------------------------------------------------------------- DuckDB
def _connect(db: Path | None):
    con = duckdb.connect(str(db) if db else ":memory:")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET threads = {THREADS}")
    # progress is tracked (query_progress, for the callback) but never printed to stdout
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    if db:
        con.execute(f"SET temp_directory = {_lit(db.parent / 'spill')}")
    return con


def _lit(value: object) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _refused(exc: Exception) -> ModelError:
    first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
    return ModelError("big_refused", f"DuckDB could not read the file: {first}")


def _run(con, sql: str, stage: str, progress: Progress):
    """``sql`` run on ``con`` in a thread while the caller reports DuckDB's progress."""
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["rel"] = con.execute(sql).fetchall()
        except Exception as exc:  # DuckDB's own kinds: sent to the caller
            box["exc"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(PROGRESS_S)
        try:
            done = float(con.query_progress())
        except Exception:  # no query running at this instant
            done = -1.0
        if done >= 0:
            progress(stage, min(1.0, done / 100.0))
    if "exc" in box:
        raise _refused(box["exc"])  # type: ignore[arg-type]
    progress(stage, 1.0)
    return box["rel"]


#: Every character Python's ``str.strip()`` takes for whitespace (the last is U+3000).
_PY_SPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())


#: ``_PY_SPACE`` as an RE2 character class. (DuckDB's trim by a set of characters costs 2 s a
#: million cells, this regex 0.05 s: measured.)
_WS = "[" + "".join(f"\\x{{{ord(ch):04x}}}" for ch in _PY_SPACE) + "]"


def _not_space(code: str) -> str:
    """Whether the code point ``code`` is surely not whitespace: printable ASCII, or above
    U+3000 (the last whitespace character)."""
    return f"({code} BETWEEN 33 AND 126 OR {code} > 12288)"


def _strip(expr: str) -> str:
    """Python's ``str.strip()`` (Unicode whitespace) in SQL. A cell whose first and last
    characters are plainly not whitespace is taken as it is (``ascii`` is a code point and
    costs next to nothing; the regex a third of a second a million cells: measured)."""
    return (
        f"CASE WHEN {_not_space(f'ascii({expr})')} AND {_not_space(f'ascii(right({expr}, 1))')} "
        f"THEN {expr} "
        f"WHEN regexp_matches({expr}, '^{_WS}|{_WS}$') "
        f"THEN regexp_replace({expr}, '^{_WS}+|{_WS}+$', '', 'g') ELSE {expr} END"
    )


def _blank(expr: str) -> str:
    """Whether ``expr`` is empty or whitespace only (Python: ``not expr.strip()``)."""
    return f"regexp_full_match({expr}, '{_WS}*')"


def _number(expr: str) -> str:
    """``expr`` as a DOUBLE as pandas' ``to_numeric`` reads it (NULL when it cannot): DuckDB
    also takes digits grouped by underscores (1_000), which pandas does not."""
    return f"CASE WHEN contains({expr}, '_') THEN NULL ELSE TRY_CAST({expr} AS DOUBLE) END"


def _slow_date(expr: str, fmts: str) -> str:
    """``datafile.parse_dates`` of a cell the usual forms did not read."""
    norm = (f"regexp_replace(replace(regexp_replace({expr}, '[年月/.]', '-', 'g'), '日', ''), "
            f"'\\s+', ' ', 'g')")  # fmt: skip
    serial = _number(norm)
    return (f"coalesce(try_strptime({norm}, [{fmts}]), CASE WHEN {serial} BETWEEN 20000 AND "
            f"80000 THEN TIMESTAMP '1899-12-30' + to_microseconds(CAST(round({serial} * 86400e6) "
            f"AS BIGINT)) END)")  # fmt: skip


#: The bits of ``rows.flags``: the row problems in ``datafile.clean_orders``'s order (flag, code,
#: mapping field; bit i is the i-th), then a row whose every cell is blank (not a row at all).
_FLAGS = (("bad_date", "bad_date", "date"), ("bad_amount", "bad_number", "amount"),
          ("no_cust", "blank", "customer_id"), ("no_date", "blank", "date"),
          ("future", "future_date", "date"), ("no_amount", "blank", "amount"),
          ("negative", "negative", "amount"), ("closed", "not_bought", "status"))  # fmt: skip
_BLANK_ROW = 1 << len(_FLAGS)


def _cell_blank(expr: str) -> str:
    """``_blank`` with the common answers first: an empty cell is blank, one starting with a
    character that is plainly not whitespace is not (``_not_space``)."""
    return (f"CASE WHEN {expr} = '' THEN true WHEN {_not_space(f'ascii({expr})')} THEN false "
            f"ELSE {_blank(expr)} END")  # fmt: skip


#: Common statuses of orders that were bought, answered without the regex (``NOT_BOUGHT``; a
#: third of a second a million cells: measured) [the stores' exports; checked below].
_BOUGHT = ("", "交易成功", "交易完成", "已完成", "已发货", "卖家已发货", "买家已付款", "等待卖家发货",
           "已签收", "completed", "complete", "paid", "shipped", "delivered")  # fmt: skip


def _key_sql(columns: list[str], mapping: Mapping[str, str | None]) -> tuple[str, str]:
    """(what makes two rows the same order, when a row has such a key): the order number (not
    blank) when the file has one, else every cell (``datafile.clean_orders``)."""
    col = {c: f"c{i}" for i, c in enumerate(columns)}
    order_id = col.get(mapping.get("order_id") or "")
    if order_id:
        return order_id, f"{order_id} <> ''"
    return ", ".join(f"c{i}" for i in range(len(columns))), "true"


def _parsed_sql(source: str, columns: list[str], mapping: Mapping[str, str | None],
                today: dt.date) -> str:  # fmt: skip
    """One row per record of ``source`` (text columns ``c0`` …), in the file's order (so a
    table made of it has the record's index as ``rowid``): ``cust``, the day ``d``, the amount
    ``av``, ``flags`` (the ``_FLAGS`` bits of ``datafile.clean_orders``, and ``_BLANK_ROW``) and
    ``h``, a hash of the row's order key (``_key_sql``; NULL when it has none) to find
    duplicates by. One pass, no window: the line numbers are the table's ``rowid``."""
    col = {c: f"c{i}" for i, c in enumerate(columns)}
    cust, date, amount = (col[mapping[k]] for k in ("customer_id", "date", "amount"))  # type: ignore[index]
    status = col.get(mapping.get("status") or "")
    money = r"[¥￥$,，\s\x{0085}\x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{0b}\x{1c}-\x{1f}]|元|rmb|cny"
    fmts = ", ".join(_lit(f) for f in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
                                        "%Y%m%d", "%Y-%m-%dT%H:%M:%S"))  # fmt: skip
    lo, hi = YEARS
    key, keyed = _key_sql(columns, mapping)
    # a CASE, not IN: DuckDB makes a long IN list a join, which loses the file's order
    closed = (f"CASE {status} " + " ".join(f"WHEN {_lit(v)} THEN false" for v in _BOUGHT)
              + f" ELSE regexp_matches({status}, {_lit(NOT_BOUGHT.pattern)}, 'i') END"
              if status else "false")  # fmt: skip
    # a row is blank when every cell is: most rows are told apart by their first cell
    blank_row = (f"CASE WHEN {_not_space('ascii(c0)')} THEN false "
                 + " ".join(f"WHEN NOT ({_cell_blank(f'c{i}')}) THEN false"
                            for i in range(len(columns))) + " ELSE true END")  # fmt: skip
    bits = " | ".join(f"CASE WHEN {flag} THEN {1 << i} ELSE 0 END"
                      for i, (flag, _, _) in enumerate(_FLAGS))  # fmt: skip
    return f"""
    WITH cells AS NOT MATERIALIZED (
      SELECT {blank_row} AS blank_row,
        {_strip(cust)} AS cust,
        {_strip(date)} AS dtext,
        {_number(amount)} AS araw,
        {amount} AS araw_text,
        {closed} AS closed,
        CASE WHEN {keyed} THEN hash({key}) END AS h
      FROM {source}
    ),
    norm AS NOT MATERIALIZED (
      -- a plain number needs no cleaning (it holds no sign, separator or unit to drop)
      SELECT *, CASE WHEN araw IS NOT NULL THEN '0'
                     ELSE rtrim(regexp_replace(araw_text, '{money}', '', 'gi'), '%％')
                END AS atext
      FROM cells
    ),
    dated AS NOT MATERIALIZED (
      SELECT *,
        coalesce(araw, {_number("atext")}) AS av,
        -- the usual forms first, as they are; the others normalised (年月日, /, .) and tried in
        -- datafile.parse_dates' order, then Excel serial days
        CASE WHEN dtext = '' THEN NULL
             ELSE coalesce(try_strptime(dtext, '%Y-%m-%d %H:%M:%S'),
                           try_strptime(dtext, '%Y-%m-%d'),
                           {_slow_date("dtext", fmts)}) END AS ts0
      FROM norm
    ),
    flagged AS NOT MATERIALIZED (
      SELECT blank_row, cust, closed, av, h,
        CASE WHEN year(ts0) BETWEEN {lo} AND {hi} THEN CAST(ts0 AS DATE) END AS d,
        dtext <> '' AND (ts0 IS NULL OR year(ts0) NOT BETWEEN {lo} AND {hi}) AS bad_date,
        atext <> '' AND (av IS NULL OR isnan(av) OR isinf(av)) AS bad_amount,
        cust = '' AS no_cust,
        dtext = '' AS no_date,
        atext = '' AS no_amount,
        coalesce(av < 0, false) AS negative
      FROM dated
    ),
    dued AS NOT MATERIALIZED (
      SELECT *, coalesce(d > DATE {_lit(today.isoformat())} + 1, false) AS future FROM flagged
    )
    SELECT cust, d, av,
      CAST(CASE WHEN blank_row THEN {_BLANK_ROW} ELSE {bits} END AS USMALLINT) AS flags,
      CASE WHEN NOT blank_row THEN h END AS h
    FROM dued
    """


def _source_sql(path: Path, probe_: Probe, numbered: bool = False) -> str:
    """The file as a relation of text columns ``c0`` … in its order (and ``rn``, the records'
    indices from 0, when ``numbered``: a window, so only for the head or a few rows)."""
    n = len(probe_.columns)
    rn = "row_number() OVER () - 1 AS rn, " if numbered else ""
    if probe_.kind == "parquet":
        cols = ", ".join(f"coalesce(CAST({_ident(c)} AS VARCHAR), '') AS c{i}"
                         for i, c in enumerate(_parquet_names(path)))  # fmt: skip
        return f"(SELECT {rn}{cols} FROM read_parquet({_lit(path)}))"
    names = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n)) + "}"
    # ltrim by a set of characters is slow (see _WS): only where a cell starts with a space
    cols = ", ".join(f"CASE WHEN starts_with(c{i}, ' ') THEN ltrim(c{i}, ' ') "
                     f"ELSE coalesce(c{i}, '') END AS c{i}" for i in range(n))  # fmt: skip
    return (
        f"(SELECT {rn}{cols} FROM read_csv("
        f"{_lit(path)}, delim = {_lit(probe_.sep)}, header = false, skip = {probe_.skip + 1}, "
        f"columns = {names}, quote = '\"', escape = '\"', null_padding = true, "
        f"strict_mode = true, encoding = 'utf-8', auto_detect = false))"
    )


def _parquet_names(path: Path) -> list[str]:
    con = _connect(None)
    try:
        return [d[0] for d in con.sql(f"SELECT * FROM read_parquet({_lit(path)}) LIMIT 0")
                .description]  # fmt: skip
    finally:
        con.close()


# --------------------------------------------------------------------------- summarising
@dataclass
class BigSummary:
    """What ``summarise_path`` gives: the RFM ``summary`` (days since ``start``) for the fit,
    the dates, the rows read and left out, the problems met (as ``datafile.Cleaned`` has them)
    and the mapping used."""

    summary: Summary | None
    start: pd.Timestamp | None
    calibration_end: pd.Timestamp | None
    observation_end: pd.Timestamp | None
    rows: int
    dropped: int
    problems: list[Problem] = field(default_factory=list)
    mapping: dict[str, str | None] = field(default_factory=dict)
    date_forms: int = 0

    @property
    def ok(self) -> bool:
        return self.summary is not None and not any(p.severity == "error" for p in self.problems)


def summarise_path(
    path: str | os.PathLike,
    mapping: Mapping[str, str | None] | None = None,
    calibration_end=None,
    observation_end=None,
    *,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> BigSummary:
    """Summarise the orders in the CSV or Parquet file at ``path`` out of core (see the module's
    docstring); ``mapping`` defaults to ``guess_mapping`` of its header. ``progress(stage,
    fraction)`` is called as the work goes (stages "transcode", "parse", "problems",
    "summary"). ``ModelError`` "cal_end" for a calibration end outside the data, as the fit.
    ``prepare`` then ``summarise_prepared`` in a temporary directory removed at the end."""
    with tempfile.TemporaryDirectory(prefix="shop-whatif-duck-") as tmp:
        read = prepare(path, mapping, tmp, progress=progress, today=today)
        if read.start is None:
            return read
        return summarise_prepared(tmp, read, calibration_end, observation_end, progress=progress)


def prepare(
    path: str | os.PathLike,
    mapping: Mapping[str, str | None] | None,
    workdir: str | os.PathLike,
    *,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> BigSummary:
    """The expensive half of ``summarise_path``: the file parsed, its problems counted and its
    orders merged into one transaction per customer and day, kept in ``workdir`` (a DuckDB
    database there) for ``summarise_prepared``, which a new calibration end then costs alone.
    The result has no ``summary`` yet; ``start`` is None when nothing can be fitted."""
    progress = progress or _quiet
    path, work = Path(path), Path(workdir)
    found = probe(path)
    mapping = dict(mapping) if mapping is not None else guess_mapping(found.columns, "orders")
    problems = mapping_problems(mapping, "orders")
    problems += [Problem("missing_column", detail=k) for k, c in mapping.items()
                 if c and c not in found.columns and not problems]  # fmt: skip
    if problems:
        return BigSummary(None, None, None, None, 0, 0, problems, mapping)
    today = today or pd.Timestamp.now().date()
    source_path = path
    if found.kind == "csv" and found.encoding != "UTF-8":
        codec = next((c for _, c, lab in _BOMS if lab == found.encoding), "gb18030")
        source_path = work / "utf8.csv"
        _transcode(path, codec, source_path, progress)
    (work / "work.duckdb").unlink(missing_ok=True)
    con = _connect(work / "work.duckdb")
    try:
        return _prepare(con, source_path, found, mapping, progress, today)
    finally:
        con.close()
        if source_path != path:
            source_path.unlink(missing_ok=True)


def _prepare(con, path: Path, found: Probe, mapping: dict, progress: Progress,
             today: dt.date) -> BigSummary:  # fmt: skip
    """One pass over the file into ``rows`` (``_parsed_sql``: a few typed columns a record, in
    the file's order, so a record's line is its ``rowid`` + ``base``); the rest reads that table
    (duplicates, problems, the date forms) and merges its usable rows into ``tx``."""
    base = found.skip + 2  # the line of the first record (the header's is skip + 1)
    # the file's order kept in the table (DuckDB's default, said here as it is relied on)
    con.execute("SET preserve_insertion_order = true")
    _run(con, "CREATE TEMP TABLE rows AS "
         + _parsed_sql(_source_sql(path, found), found.columns, mapping, today), "parse",
         progress)  # fmt: skip
    con.execute("SET preserve_insertion_order = false")
    col = {f: mapping.get(f) or "" for f in ("customer_id", "date", "amount", "status")}
    order_id = mapping.get("order_id")
    aggs = []
    for i in range(len(_FLAGS)):
        has = f"flags & {1 << i} <> 0"
        aggs += [f"count(*) FILTER (WHERE {has})",
                 f"min(rowid + {base}, {SHOWN_ROWS}) FILTER (WHERE {has})"]  # fmt: skip
    # the usable rows: no problem, not blank (then, below, not an order seen on an earlier line)
    keep = "flags = 0"
    aggs += [f"count(*) FILTER (WHERE flags & {_BLANK_ROW} = 0)", "count(h)", "count(DISTINCT h)"]

    def kept_sql(keep: str) -> str:  # the usable rows' count, first and last day
        return ", ".join(f"{f} FILTER (WHERE {keep})" for f in ("count(*)", "min(d)", "max(d)"))

    row = _run(con, f"SELECT {', '.join(aggs)}, {kept_sql(keep)} FROM rows", "problems",
               progress)[0]  # fmt: skip
    problems: list[Problem] = []
    for i, (_flag, code, fld) in enumerate(_FLAGS):
        if row[2 * i]:
            problems.append(Problem(code, "warning", col[fld], tuple(sorted(row[2 * i + 1])),
                                    int(row[2 * i])))  # fmt: skip
    n_rows, keyed, distinct = (int(v) for v in row[-6:-3])
    kept, first_day, last_day = int(row[-3]), row[-2], row[-1]
    n_dup, dup_rows = _duplicates(con, path, found, mapping) if keyed > distinct else (0, ())
    if n_dup and order_id:
        problems.append(Problem("duplicate_order", "warning", order_id, dup_rows, n_dup))
        keep += " AND rowid NOT IN (SELECT i FROM dups)"
        kept, first_day, last_day = con.execute(f"SELECT {kept_sql(keep)} FROM rows").fetchone()
        kept = int(kept)
    elif n_dup:
        problems.append(Problem("identical_rows", "note", "", dup_rows, n_dup))
    if n_rows == 0:
        raise FileProblem(Problem("no_rows"))
    forms = _date_forms(con, path, found, mapping)
    dropped = n_rows - kept
    if not kept:
        problems.append(Problem("no_usable_rows"))
        return BigSummary(None, None, None, None, n_rows, dropped, problems, mapping, forms)
    start = pd.Timestamp(first_day)
    # written as it is: DuckDB's compression of it cost as much again as the merge (measured),
    # and it is read back once a calibration end
    con.execute("SET force_compression = 'uncompressed'")
    _run(con, f"""
      CREATE TABLE tx AS
      SELECT cust, date_diff('day', DATE {_lit(start.date())}, d) AS day, sum(av) AS amount,
        min(rowid) + {base} AS rn
      FROM rows WHERE {keep} GROUP BY cust, d""", "summary", progress)  # fmt: skip
    con.execute("SET force_compression = 'auto'")
    con.execute("DROP TABLE rows")
    return BigSummary(None, start, None, pd.Timestamp(last_day), n_rows, dropped, problems,
                      mapping, forms)  # fmt: skip


def _duplicates(con, path: Path, found: Probe, mapping: dict) -> tuple[int, tuple[int, ...]]:
    """(how many rows repeat an earlier row's order key, the first ``SHOWN_ROWS`` of their
    lines), the repeats' indices kept in the temporary table ``dups`` (``datafile.clean_orders``:
    all but the first row of each order number, or of each set of identical rows). The keys'
    hashes find the candidates in ``rows``; only those are read again from the file and
    compared exactly, so a file without duplicates costs one aggregate of integers."""
    con.execute("""CREATE TEMP TABLE cand AS SELECT h FROM rows WHERE h IS NOT NULL
                   GROUP BY h HAVING count(*) > 1""")  # fmt: skip
    if not con.execute("SELECT count(*) FROM cand").fetchone()[0]:
        return 0, ()
    key, _ = _key_sql(found.columns, mapping)
    con.execute(f"""
      CREATE TEMP TABLE dups AS
      SELECT rn AS i FROM (
        SELECT rn, row_number() OVER (PARTITION BY {key} ORDER BY rn) AS k
        FROM {_source_sql(path, found, numbered=True)}
        WHERE rn IN (SELECT rowid FROM rows WHERE h IN (SELECT h FROM cand)))
      WHERE k > 1""")  # fmt: skip
    n, first = con.execute(f"SELECT count(*), min(i + {found.skip + 2}, {SHOWN_ROWS}) "
                           "FROM dups").fetchone()  # fmt: skip
    return int(n), tuple(sorted(first or ()))


def _date_forms(con, path: Path, found: Probe, mapping: dict) -> int:
    """``datafile``'s count of date forms: the distinct shapes (digits as 9) of the first
    ``_SHAPE_SAMPLE`` dates read, their text read again from the head of the file."""
    last = con.execute(f"SELECT max(i) FROM (SELECT rowid AS i FROM rows WHERE d IS NOT NULL "
                       f"ORDER BY rowid LIMIT {_SHAPE_SAMPLE})").fetchone()[0]  # fmt: skip
    if last is None:
        return 0
    date = f"c{found.columns.index(mapping['date'])}"
    return int(con.execute(f"""
      SELECT count(DISTINCT regexp_replace(dtext, '\\d+', '9', 'g')) FROM (
        SELECT rn, {_strip(date)} AS dtext
        FROM (SELECT * FROM {_source_sql(path, found, numbered=True)} LIMIT {last + 1}))
      WHERE rn IN (SELECT rowid FROM rows WHERE rowid <= {last} AND d IS NOT NULL)
    """).fetchone()[0])  # fmt: skip


def summarise_prepared(
    workdir: str | os.PathLike,
    read: BigSummary,
    calibration_end=None,
    observation_end=None,
    *,
    progress: Progress | None = None,
) -> BigSummary:
    """``read`` (what ``prepare`` gave for ``workdir``) with its RFM summary for
    ``calibration_end`` and ``observation_end`` (defaults: the last order's day)."""
    progress = progress or _quiet
    start, last = read.start, read.observation_end
    if start is None or last is None:
        raise ValueError("nothing was prepared to summarise")
    obs = pd.Timestamp(observation_end).normalize() if observation_end is not None else last
    cal = pd.Timestamp(calibration_end).normalize() if calibration_end is not None else obs
    check_calibration_end(start, cal, obs)
    c, o = (cal - start).days, (obs - start).days
    con = _connect(Path(workdir) / "work.duckdb")
    try:
        # each customer's trial (and first line, to keep the file's order) joined back to her
        # transactions: hash joins and aggregates, which DuckDB runs in parallel and spills
        _run(con, f"""
          CREATE OR REPLACE TEMP TABLE firsts AS
          SELECT cust, min(day) AS first, min(rn) AS seen FROM tx WHERE day <= {o}
          GROUP BY cust HAVING min(day) <= {c}""", "summary", progress)  # fmt: skip
        per = con.execute(f"""
          SELECT any_value(f.seen) AS seen, any_value(f.first) AS first,
            count(*) FILTER (WHERE t.day > f.first AND t.day <= {c}) AS x,
            coalesce(max(t.day) FILTER (WHERE t.day > f.first AND t.day <= {c}), any_value(f.first))
              - any_value(f.first) AS t_x,
            coalesce(sum(t.amount) FILTER (WHERE t.day > f.first AND t.day <= {c}), 0) AS spent,
            count(*) FILTER (WHERE t.day > {c}) AS hold,
            min(t.day) FILTER (WHERE t.day > f.first) AS nxt
          FROM tx t JOIN firsts f USING (cust) WHERE t.day <= {o}
          GROUP BY f.cust ORDER BY seen""").fetchnumpy()  # fmt: skip
        hist = con.execute(f"""
          SELECT t.day, count(*) FROM tx t JOIN firsts f USING (cust)
          WHERE t.day > f.first AND t.day <= {o} GROUP BY t.day ORDER BY t.day""").fetchall()  # fmt: skip
    finally:
        con.close()
    first = np.asarray(per["first"], dtype=np.int64)
    x = np.asarray(per["x"], dtype=np.int64)
    spent = np.asarray(per["spent"], dtype=float)
    nxt = per["nxt"]
    nxt_f = np.where(np.ma.getmaskarray(nxt), np.inf, np.ma.filled(nxt, 0).astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        mbar = np.where(x > 0, spent / np.maximum(x, 1), np.nan)
    days = np.array([h[0] for h in hist], dtype=np.int64)
    counts = np.array([h[1] for h in hist], dtype=np.int64)
    summary = Summary(
        first=first,
        x=x,
        t_x=np.asarray(per["t_x"], dtype=np.int64),
        T=c - first,
        mbar=mbar,
        x_holdout=np.asarray(per["hold"], dtype=np.int64),
        next_gap=nxt_f - first,
        repeat_days=np.repeat(days, counts),
    )
    return BigSummary(summary, start, cal, obs, read.rows, read.dropped, list(read.problems),
                      dict(read.mapping), read.date_forms)  # fmt: skip


def fit_path(path, mapping=None, calibration_end=None, observation_end=None, *,
             progress: Progress | None = None) -> tuple[RepeatFit | None, BigSummary]:  # fmt: skip
    """``summarise_path`` then ``calibration.fit_summary``: (RepeatFit or None, BigSummary)."""
    big = summarise_path(path, mapping, calibration_end, observation_end, progress=progress)
    if not big.ok:
        return None, big
    return fit_summary(big.summary, big.start, big.calibration_end, big.observation_end), big


def fit_prepared(workdir: str | os.PathLike, read: BigSummary, calibration_end=None, *,
                 progress: Progress | None = None) -> RepeatFit:  # fmt: skip
    """``summarise_prepared`` then ``calibration.fit_summary`` (what the page runs in its
    worker once the file is prepared)."""
    big = summarise_prepared(workdir, read, calibration_end, progress=progress)
    return fit_summary(big.summary, big.start, big.calibration_end, big.observation_end)


class ProgressFile:
    """A progress callback that writes "stage fraction" to a small file (atomically), so a
    process other than the one working can show it (``read_progress``)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)

    def __call__(self, stage: str, fraction: float) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(f"{stage} {fraction:.4f}", encoding="utf-8")
        os.replace(tmp, self.path)


def read_progress(path: str | os.PathLike) -> tuple[str, float] | None:
    """The last (stage, fraction) a ``ProgressFile`` wrote, None before the first."""
    try:
        stage, fraction = Path(path).read_text(encoding="utf-8").split()
        return stage, float(fraction)
    except (OSError, ValueError):
        return None


def is_summary(path: str | os.PathLike) -> bool:
    """Whether the file's header has the summary's columns (``SUMMARY_COLUMNS``)."""
    names = {c.strip().lower() for c in probe(path).columns}
    return {c.lower() for c in SUMMARY_COLUMNS[1:]} <= names


def fit_summary_file(path: str | os.PathLike, calibration_end=None) -> RepeatFit:
    """A per-customer summary file (``read_summary``) fitted."""
    summary, start, end = read_summary(path, calibration_end)
    return fit_summary(summary, start, end, end)


# --------------------------------------------------------------------------- summaries
def rfm_sql(dialect: str = "spark", calibration_end: str = "1997-09-30") -> str:
    """``RFM_SQL`` (simulator/sql/rfm_summary.sql) in ``dialect`` ("spark", "hive",
    "maxcompute", "duckdb") with ``calibration_end`` (an ISO date) filled in."""
    text = SQL_FILE.read_text(encoding="utf-8")
    body = text.replace("{calibration_end}", f"CAST({_lit(calibration_end)} AS DATE)")
    out, pos = [], 0
    spell = DIALECTS[dialect]
    while (i := body.find("DAYS_BETWEEN(", pos)) >= 0:
        if body.rfind("\n", 0, i) > body.rfind("--", 0, i):  # not inside a comment line
            j, depth, k = i + len("DAYS_BETWEEN("), 1, i + len("DAYS_BETWEEN(")
            while depth:
                depth += {"(": 1, ")": -1}.get(body[k], 0)
                k += 1
            a, b = _split_args(body[j : k - 1])
            out += [body[pos:i], spell.format(a=a, b=b)]
        else:
            k = i + len("DAYS_BETWEEN(")
            out.append(body[pos:k])
        pos = k
    out.append(body[pos:])
    return "".join(out)


def _split_args(args: str) -> tuple[str, str]:
    depth = 0
    for i, ch in enumerate(args):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            return args[:i].strip(), args[i + 1 :].strip()
    raise ValueError(f"DAYS_BETWEEN needs two arguments: {args}")


def read_summary(path: str | os.PathLike,
                 calibration_end=None) -> tuple[Summary, pd.Timestamp, pd.Timestamp]:  # fmt: skip
    """A per-customer summary file (CSV or Parquet, ``SUMMARY_COLUMNS``: what ``RFM_SQL``
    outputs, lifetimes' names in days) → (Summary, start, calibration end) for
    ``calibration.fit_summary``. With the optional ``first_date`` column the calibration end is
    first_date + T (one date for every row, and ``calibration_end`` when given); without it
    ``calibration_end`` must be given. The summary has no holdout (``x_holdout`` zero,
    ``next_gap`` unknown, ``tracked`` False). ``ModelError`` "summary_columns" when a column is
    missing, "summary_values" naming the first bad row, "summary_end" when the dates disagree
    or cannot be known."""
    path = Path(path)
    con = _connect(None)
    try:
        found = probe(path)
        if found.kind == "parquet":
            rel = f"read_parquet({_lit(path)})"
        else:
            if found.encoding != "UTF-8":
                raise ModelError("summary_encoding", "a summary file is read as UTF-8")
            rel = (f"read_csv({_lit(path)}, delim = {_lit(found.sep)}, skip = {found.skip}, "
                   f"header = true, all_varchar = true)")  # fmt: skip
        try:
            frame = con.execute(f"SELECT * FROM {rel}").df()
        except Exception as exc:  # DuckDB's own kinds
            raise _refused(exc) from None
    finally:
        con.close()
    lower = {str(c).strip().lower(): c for c in frame.columns}
    missing = [c for c in SUMMARY_COLUMNS[1:] if c.lower() not in lower]
    if missing:
        raise ModelError("summary_columns", f"the summary lacks the columns {missing}",
                         n=len(missing))  # fmt: skip
    if len(frame) == 0:
        raise FileProblem(Problem("no_rows"))

    def number(name: str) -> np.ndarray:
        text = frame[lower[name.lower()]].astype(str).str.strip()
        text = text.where(~text.isin(["", "None", "nan", "NULL", "<NA>"]), None)
        return pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)

    x, t_x, T, mbar = (number(k) for k in SUMMARY_COLUMNS[1:])
    bad = (~np.isfinite(x) | ~np.isfinite(t_x) | ~np.isfinite(T) | (x < 0) | (t_x < 0)
           | (t_x > T) | (np.mod(x, 1) != 0) | (np.mod(t_x, 1) != 0) | (np.mod(T, 1) != 0)
           | ((x == 0) & (t_x != 0)) | ((x > 0) & ~(mbar >= 0)) | ((x > 0) & (t_x == 0)))  # fmt: skip
    first_date = None
    if "first_date" in lower:
        first_date = pd.to_datetime(frame[lower["first_date"]].astype(str).str.strip(),
                                    errors="coerce", format="mixed").dt.normalize()  # fmt: skip
        bad |= first_date.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ModelError("summary_values", f"row {i + 2} of the summary is not a customer's "
                         "summary (frequency, recency ≤ T, monetary_value)", row=i + 2,
                         units={"row": "count"})  # fmt: skip
    given = pd.Timestamp(calibration_end).normalize() if calibration_end is not None else None
    if first_date is not None:
        ends = (first_date + pd.to_timedelta(T, unit="D")).unique()
        if len(ends) != 1 or (given is not None and pd.Timestamp(ends[0]) != given):
            raise ModelError("summary_end", "first_date + T is not the one calibration end")
        end = pd.Timestamp(ends[0])
    elif given is None:
        raise ModelError("summary_end", "a summary without first_date needs the calibration end")
    else:
        end = given
    T_i = T.astype(np.int64)
    first = int(T_i.max()) - T_i  # days since the earliest trial
    start = end - pd.Timedelta(days=int(T_i.max()))
    x_i = x.astype(np.int64)
    summary = Summary(
        first=first,
        x=x_i,
        t_x=t_x.astype(np.int64),
        T=T_i,
        mbar=np.where(x_i > 0, mbar, np.nan),
        x_holdout=np.zeros_like(x_i),
        next_gap=np.full(first.size, np.inf),
        repeat_days=np.repeat(first, 0),
        tracked=False,
    )
    return summary, start, end
