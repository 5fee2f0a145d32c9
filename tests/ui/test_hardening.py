"""Hostile input (issue 17): integers too long for Python, files far too large for a link, a
workspace of a thousand bad scenarios, Excel's UTF-16 "Unicode text", orders dated 2099 — each
refused or read in words, never by a traceback."""

from __future__ import annotations

import base64
import codecs
import io
import json
import zlib

import pandas as pd
import pytest
from pydantic import ValidationError

from simulator import PARAMS, Scenario, datafile
from simulator.scenario import SHOWN_CHARS, ParamRangeError, shown
from tests.ui.test_share import typical
from ui.errors import describe_error
from ui.i18n import LANGS, t
from ui.share import (
    MAX_JSON_BYTES,
    MAX_SCENARIOS,
    Entry,
    ShareError,
    Workspace,
    clean_name,
    decode_link,
    encode_link,
    main,
    workspace_from_json,
    workspace_to_json,
)

#: More digits than Python converts (its limit is 4,300).
HUGE = "9" * 5000


def _huge(text: str) -> str:
    """``text`` with its placeholder number 12345 replaced by a 5,000-digit integer."""
    return text.replace("12345", HUGE)


# --------------------------------------------------------------------------- huge integers
@pytest.mark.parametrize(
    "where",
    ['{"s":[{"n":"a","b":1,"d":{"horizon_days":12345}}]}',
     '{"s":[{"n":"a","b":12345,"d":{}}]}',
     '{"s":[{"n":12345,"b":1,"d":{}}]}',
     '{"s":[{"n":"a","b":1,"d":{"promotions":[{"kind":"threshold_discount",'
     '"tiers":[[12345,10]]}]}}]}'],
)  # fmt: skip
def test_a_link_with_a_5000_digit_integer_is_refused_as_a_bad_link(where: str) -> None:
    raw = _huge(where).encode()
    query = "?ws=1." + base64.urlsafe_b64encode(zlib.compress(raw)).rstrip(b"=").decode()
    with pytest.raises(ShareError) as err:
        decode_link(query)
    assert err.value.code in ("invalid", "format")
    assert HUGE[:100] not in str(err.value)  # quoted short, never the 5,000 digits


@pytest.mark.parametrize(
    "version", [HUGE, "²", "١"], ids=["huge", "super2", "arabic1"]
)  # ascii-less digits: isdigit() holds
def test_a_link_version_that_is_no_small_number_is_damage(version: str) -> None:
    with pytest.raises(ShareError) as err:
        decode_link(f"?ws={version}.eJw")
    assert err.value.code == "encoding"


def test_the_command_line_refuses_a_huge_integer_in_one_line(capsys) -> None:
    query = "?ws=1." + base64.urlsafe_b64encode(
        zlib.compress(_huge('{"s":[{"n":"a","b":1,"d":{"horizon_days":12345}}]}').encode())
    ).decode().rstrip("=")  # fmt: skip
    assert main(["read", query]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    assert err.count("\n") == 1 and len(err) < 600


@pytest.mark.parametrize("field", ["version", "horizon_days", "tier"])
def test_a_workspace_file_with_a_huge_integer_is_refused_in_words(field: str) -> None:
    data = json.loads(workspace_to_json(typical()))
    if field == "version":
        data["version"] = 12345
    elif field == "horizon_days":
        data["scenarios"][0]["scenario"]["horizon_days"] = 12345
    else:
        data["scenarios"][0]["scenario"]["promotions"] = [
            {"kind": "threshold_discount", "tiers": [[12345, 10]]}]  # fmt: skip
    text = _huge(json.dumps(data))
    assert len(text) < 20_000
    with pytest.raises(ShareError) as err:
        workspace_from_json(text.encode())
    assert err.value.code in ("version", "invalid")
    assert HUGE[:100] not in str(err.value)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", [10**5000, float("inf"), "9" * 5000, 1e300],
                         ids=["int5001", "inf", "str5000", "1e300"])  # fmt: skip
def test_a_range_error_quotes_a_huge_value_short(value: object, lang: str) -> None:
    with pytest.raises(ValueError) as err:
        Scenario(horizon_days=value)
    text = describe_error(err.value, lang)
    assert len(text) < 200 and "9" * 50 not in text
    if value == 10**5000:
        assert t("err.long_number", lang, n="5,001") in text
    if value == float("inf"):
        assert "∞" in text


def test_shown_cuts_long_values_and_counts_the_digits_of_huge_integers() -> None:
    assert shown(10**5000) == "<a number of 5001 digits>"
    assert len(shown("x" * 10_000)) == SHOWN_CHARS
    assert shown(3) == "3"
    err = ParamRangeError(PARAMS["horizon_days"], 10**5000)
    assert "5001 digits" in str(err)


# --------------------------------------------------------------------------- sizes and counts
def test_the_command_line_says_too_large_for_a_huge_file(tmp_path, capsys) -> None:
    path = tmp_path / "big.json"
    path.write_text("中" * (MAX_JSON_BYTES // 2), encoding="utf-8")  # cut mid-character at 512 KB
    assert main(["link", str(path)]) == 1
    assert "larger than 512 KB" in capsys.readouterr().err


def test_a_workspace_of_a_thousand_bad_scenarios_is_named_in_twenty_lines() -> None:
    from ui.workspace import MAX_PROBLEMS, _problems

    bad = {"name": "x", "baseline": False, "scenario": {"horizon_days": 0}}
    data = {"format": "shop-whatif/workspace", "version": 1,
            "scenarios": [{**bad, "name": f"s{i}", "baseline": i == 0} for i in range(1000)]}  # fmt: skip
    raw = json.dumps(data).encode()
    with pytest.raises(ShareError) as err:
        workspace_from_json(raw)
    for lang in LANGS:
        lines = _problems(err.value, raw, lang)
        assert len(lines) <= 2 * MAX_PROBLEMS + 2
        more = t("files.more_scenarios", lang, n=1000 - MAX_PROBLEMS)
        assert more in lines
        assert any(str(MAX_SCENARIOS) in line for line in lines)  # at most 6, in words


def test_a_long_enough_link_keeps_working_and_a_longer_one_is_refused() -> None:
    query = encode_link(typical())
    assert decode_link(query).workspace == typical()
    with pytest.raises(ShareError) as err:
        decode_link("?ws=1." + "A" * 600_000)
    assert err.value.code == "too_long"


# --------------------------------------------------------------------------- files
CSV = "日期,访客数,支付买家数,支付金额\n2026-06-01,3623,97,11371.37\n2026-06-02,3736,65,7650.75\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_csv_with_a_byte_order_mark_are_read(codec: str) -> None:
    text = CSV.replace(",", "\t")  # Excel's "Unicode text" is tab-separated UTF-16 LE
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    raw = bom + text.encode(codec)
    table = datafile.read_table(raw, "unicode.txt")
    assert table.encoding.startswith("UTF-")
    assert table.columns == ["日期", "访客数", "支付买家数", "支付金额"]
    assert table.frame.iloc[1, 1] == "3736"


def test_a_damaged_utf16_file_is_an_encoding_problem() -> None:
    raw = codecs.BOM_UTF16_LE + CSV.encode("utf-16-le")[:-1]  # an odd byte count
    with pytest.raises(datafile.FileProblem) as err:
        datafile.read_table(raw, "cut.txt")
    assert err.value.problem.code == "encoding"


@pytest.mark.parametrize("year", [2031, 2099])
def test_orders_dated_in_the_future_are_named_with_their_rows(year: int) -> None:
    text = ("buyer,date,amount\n"
            "a,2024-01-05,10\nb,2024-01-06,12\n"
            f"c,{year}-03-01,15\nd,2024-02-01,9\n")  # fmt: skip
    table = datafile.read_table(text.encode(), "orders.csv")
    cleaned = datafile.clean_orders(table, datafile.guess_mapping(table.columns, "orders"))
    (future,) = [p for p in cleaned.problems if p.code == "future_date"]
    assert future.rows == (4,) and future.column == "date" and future.severity == "warning"
    assert len(cleaned.frame) == 3 and cleaned.frame["date"].max() < pd.Timestamp("2025-01-01")


def test_daily_metrics_dated_in_the_future_are_named_and_left_out() -> None:
    text = CSV + "2099-01-01,10,1,5\n"
    table = datafile.read_table(text.encode(), "daily.csv")
    cleaned = datafile.clean_daily(table, datafile.guess_mapping(table.columns, "daily"))
    (future,) = [p for p in cleaned.problems if p.code == "future_date"]
    assert future.rows == (4,)
    assert len(cleaned.frame) == 2


def test_today_and_tomorrow_are_not_the_future() -> None:
    today = pd.Timestamp("2026-12-03")
    dates = pd.Series(pd.to_datetime(["2026-12-03 23:00", "2026-12-04 10:00", "2026-12-06 00:00"]))
    assert datafile.future_dates(dates, today).tolist() == [False, False, True]


# --------------------------------------------------------------------------- names
@pytest.mark.parametrize("name", ["a\x01b", "x\x00y", "年\x1f货节"])
def test_a_name_with_a_control_character_never_breaks_the_excel_export(name: str) -> None:
    """A link's name with a control character made openpyxl raise IllegalCharacterError:
    the recipient could not export. Names are cleaned on the way in, and the writer drops
    such characters from any text it writes."""
    from openpyxl import load_workbook

    from simulator import simulate
    from ui.exports import results_workbook

    res = simulate(Scenario())
    book = load_workbook(io.BytesIO(results_workbook({name: res, "base": res}, baseline="base",
                                                     lang="en")))  # fmt: skip
    assert len(book.sheetnames) == 3
    query = encode_link(Workspace(scenarios=(Entry(name="base", baseline=True,
                                                   scenario=Scenario()),)))  # fmt: skip
    data = {"s": [{"n": name, "b": 1, "d": {}}]}
    body = base64.urlsafe_b64encode(zlib.compress(json.dumps(data).encode())).decode()
    (entry,) = decode_link(f"?ws=1.{body.rstrip('=')}").workspace.scenarios
    assert entry.name == name.translate({0: None, 1: None, 0x1F: None})
    assert decode_link(query).workspace.scenarios[0].name == "base"


def test_names_lose_line_breaks_and_direction_overrides() -> None:
    assert clean_name(" 大促\n方案 ") == "大促 方案"
    assert clean_name("abc\u202egpj.exe") == "abcgpj.exe"  # reads as it is
    assert clean_name("a\r\n\tb") == "a b"
    with pytest.raises(ValidationError):
        Entry(name="\u202e\n", baseline=True, scenario=Scenario())  # nothing left: no name
