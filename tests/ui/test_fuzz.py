"""Fuzzing the three doors hostile input comes through (issue 17): the share-link decoder, the
workspace importer and the file readers of the Calibrate page. Whatever arrives, only the
project's own typed errors come out (``ShareError``, ``FileProblem``), each call within a time
bound (hypothesis' per-example deadline, hundreds of times what a call takes), and the problem
lists the importer and the cleaners build never raise either.

Inputs are mutations of valid links/files (flipped, cut, inserted bytes) and structured
nonsense (any JSON, any text), so the search reaches past the first check of each reader."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import zlib
from datetime import timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import datafile
from tests.ui.test_share import typical
from ui.share import (
    ShareError,
    decode_link,
    decode_payload,
    encode_link,
    workspace_from_json,
    workspace_to_json,
)

#: Per-example time bounds: a link or a workspace file decodes in milliseconds, a small file
#: reads and cleans in well under a second; these leave room for a loaded machine.
FAST = settings(max_examples=120, deadline=timedelta(seconds=5), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
FILES = settings(max_examples=60, deadline=timedelta(seconds=20), database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip

LINK = encode_link(typical(), lang="zh", page="overview")
WORKSPACE = workspace_to_json(typical()).encode()
ORDERS = ("买家,下单时间,实付金额,订单编号\n"
          + "".join(f"c{i % 13},2024-0{1 + i % 9}-1{i % 10} 10:0{i % 10}:00,{19 + i % 7}.5,o{i}\n"
                    for i in range(40))).encode()  # fmt: skip
DAILY = ("日期,访客数,支付转化率,客单价,老买家占比\n"
         + "".join(f"2026-06-{d:02d},{3000 + d},{2 + d % 3}.1%,11{d % 9}.5,1{d % 9}%\n"
                   for d in range(1, 29))).encode()  # fmt: skip


def _xlsx(raw_csv: bytes) -> bytes:
    buf = io.BytesIO()
    pd.read_csv(io.BytesIO(raw_csv)).to_excel(buf, index=False)
    return buf.getvalue()


XLSX = _xlsx(ORDERS)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes flipped, cut, repeated or inserted, or a number made huge."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert", "truncate", "repeat", "digits"]))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "truncate":
            del data[at:]
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 256))] * draw(st.integers(1, 8))
        else:  # a run of digits after a digit: numbers far past any limit (Python's is 4,300)
            digit = [i for i, b in enumerate(data) if 0x30 <= b <= 0x39]
            at = digit[draw(st.integers(0, len(digit) - 1))] if digit else at
            data[at:at] = b"7" * draw(st.sampled_from([30, 400, 5000]))
    return bytes(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner,
                                                                max_size=5),
    max_leaves=30,
)  # fmt: skip


def _packed(raw: bytes) -> str:
    return "1." + base64.urlsafe_b64encode(zlib.compress(raw)).rstrip(b"=").decode()


# --------------------------------------------------------------------------- links
@FAST
@given(st.text(max_size=300))
def test_any_query_string_decodes_or_raises_share_error(query: str) -> None:
    with contextlib.suppress(ShareError):
        decode_link(query)


@FAST
@given(mutated(LINK.encode()))
def test_a_damaged_link_decodes_or_raises_share_error(query: bytes) -> None:
    with contextlib.suppress(ShareError):
        decode_link(query.decode("latin-1"))


@FAST
@given(st.one_of(json_values.map(lambda v: json.dumps(v).encode()),
                 mutated(json.dumps({"s": [{"n": "a", "b": 1, "d": {"horizon_days": 30}}]})
                         .encode()),
                 st.binary(max_size=200)))  # fmt: skip
def test_any_packed_body_decodes_or_raises_share_error(raw: bytes) -> None:
    with contextlib.suppress(ShareError):
        decode_payload(_packed(raw))


# --------------------------------------------------------------------------- workspace files
@FAST
@given(st.one_of(mutated(WORKSPACE), st.binary(max_size=300),
                 json_values.map(lambda v: json.dumps(v).encode())))  # fmt: skip
def test_any_workspace_file_imports_or_is_refused_in_words(raw: bytes) -> None:
    from ui.workspace import _problems

    try:
        workspace_from_json(raw)
    except ShareError as exc:
        for lang in ("zh", "en"):
            lines = _problems(exc, raw, lang)  # what the page lists: never raises
            assert all(isinstance(line, str) for line in lines)


# --------------------------------------------------------------------------- data files
def _read_and_clean(raw: bytes, kind: datafile.Kind) -> None:
    try:
        table = datafile.read_table(raw, "fuzz")
    except datafile.FileProblem as exc:
        assert exc.problem.code
        return
    mapping = datafile.guess_mapping(table.columns, kind)
    clean = datafile.clean_orders if kind == "orders" else datafile.clean_daily
    cleaned = clean(table, mapping)
    assert cleaned.ok or cleaned.problems


@FILES
@given(st.one_of(mutated(ORDERS), st.binary(max_size=400),
                 st.text(alphabet=st.sampled_from(list("ab1.,;\t\"\n\r-:/¥%年月日 ")), max_size=400)
                 .map(lambda s: s.encode("utf-8"))))  # fmt: skip
def test_any_order_file_reads_or_is_refused_in_words(raw: bytes) -> None:
    _read_and_clean(raw, "orders")


@FILES
@given(mutated(DAILY))
def test_any_daily_file_reads_or_is_refused_in_words(raw: bytes) -> None:
    _read_and_clean(raw, "daily")


@FILES
@given(mutated(XLSX))
def test_any_damaged_workbook_reads_or_is_refused_in_words(raw: bytes) -> None:
    _read_and_clean(raw, "orders")


@pytest.mark.parametrize("seed", [ORDERS, DAILY, XLSX], ids=["orders", "daily", "xlsx"])
def test_the_seeds_themselves_read_cleanly(seed: bytes) -> None:
    """The fuzzers start from valid files (else they would test only the first refusal)."""
    table = datafile.read_table(seed, "seed")
    kind = "daily" if seed is DAILY else "orders"
    cleaned = (datafile.clean_daily if kind == "daily" else datafile.clean_orders)(
        table, datafile.guess_mapping(table.columns, kind))  # fmt: skip
    assert cleaned.ok and len(cleaned.frame) > 20
