"""Tests for :mod:`ui.fmt`, the UI number-formatting helper."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui import fmt
from ui.fmt import (
    DASH,
    UNIT_LABELS,
    fmt_delta_pct,
    fmt_duration_s,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_signed_money,
    fmt_signed_number,
    fmt_value,
    unit_label,
)

NAN = float("nan")
INF = float("inf")

finite_floats = st.floats(allow_nan=False, allow_infinity=False)
langs = st.sampled_from(["zh", "en"])
units = st.sampled_from([*UNIT_LABELS, "", "widgets"])


# ---------------------------------------------------------------------------
# tiny parser for zh compact output
# ---------------------------------------------------------------------------

_ZH_RE = re.compile(r"^([+-]?)¥?([0-9,]+(?:\.[0-9]+)?)(万|亿)?$")
_ZH_SCALE = {None: 1, "万": 10**4, "亿": 10**8}


def parse_zh(text: str) -> float:
    """Parse ``"-1.23万"``, ``"¥12.3亿"``, ``"9,999"`` back to a float."""
    m = _ZH_RE.match(text)
    assert m is not None, f"unparseable zh output {text!r}"
    sign, digits, suffix = m.groups()
    value = float(Decimal(digits.replace(",", "")) * _ZH_SCALE[suffix])
    return -value if sign == "-" else value


def test_parse_zh_helper() -> None:
    assert parse_zh("1.23万") == 12300
    assert parse_zh("-¥1.00亿") == -1e8
    assert parse_zh("+9,999") == 9999


# ---------------------------------------------------------------------------
# fmt_number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [
        (0, "0", "0"),
        (0.0, "0", "0"),
        (-0.0, "0", "0"),
        (-0.4, "0", "0"),  # rounds to zero: no "-0"
        (7, "7", "7"),
        (2.5, "3", "3"),  # half-up, not banker's rounding
        (999, "999", "999"),
        (9_999, "9,999", "9,999"),
        (9_999.4, "9,999", "9,999"),
        (9_999.6, "1.00万", "10.0K"),  # would print 10,000 -> compacted
        (10_000, "1.00万", "10.0K"),
        (12_345, "1.23万", "12.3K"),
        (-12_345, "-1.23万", "-12.3K"),
        (99_999, "10.0万", "100K"),
        (123_456, "12.3万", "123K"),
        (123_456.7, "12.3万", "123K"),
        (999_999, "100万", "1.00M"),  # 1,000K is promoted
        (1_000_000, "100万", "1.00M"),
        (1_234_567, "123万", "1.23M"),
        (12_345_678, "1,235万", "12.3M"),
        (99_999_999, "1.00亿", "100M"),
        (100_000_000, "1.00亿", "100M"),
        (123_456_789, "1.23亿", "123M"),
        (-123_456_789, "-1.23亿", "-123M"),
        (999_999_999, "10.0亿", "1.00B"),
        (1_234_567_890, "12.3亿", "1.23B"),
        (1e12, "10,000亿", "1,000B"),
    ],
)
def test_fmt_number_examples(x: float, zh: str, en: str) -> None:
    assert fmt_number(x, "zh") == zh
    assert fmt_number(x, "en") == en


def test_fmt_number_not_compact() -> None:
    assert fmt_number(123_456_789, "zh", compact=False) == "123,456,789"
    assert fmt_number(123_456_789, "en", compact=False) == "123,456,789"
    assert fmt_number(-1_234.5, "en", compact=False, digits=2) == "-1,234.50"


def test_fmt_number_digits() -> None:
    assert fmt_number(1.005, "en", digits=2) == "1.01"
    assert fmt_number(1234.5, "zh", digits=1) == "1,234.5"
    assert fmt_number(3, "en", digits=2) == "3.00"
    # compact values keep 3 significant figures regardless of digits
    assert fmt_number(12_345, "zh", digits=2) == "1.23万"
    with pytest.raises(ValueError, match="digits"):
        fmt_number(1, "en", digits=-1)


def test_fmt_number_accepts_other_numeric_types() -> None:
    np = pytest.importorskip("numpy")
    assert fmt_number(np.float64(12_345), "zh") == "1.23万"
    assert fmt_number(np.int64(-12_345), "en") == "-12.3K"
    assert fmt_number(Decimal("12345.678"), "en", digits=2, compact=False) == "12,345.68"
    assert fmt_number(10**20, "en") == "100,000,000,000B"
    with pytest.raises(TypeError):
        fmt_number("12", "en")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# money
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [
        (0, "¥0.00", "¥0.00"),
        (1.09, "¥1.09", "¥1.09"),
        (-1.09, "-¥1.09", "-¥1.09"),
        (-0.004, "¥0.00", "¥0.00"),
        (99.99, "¥99.99", "¥99.99"),
        (99.999, "¥100", "¥100"),  # rounds to 100 -> no decimals
        (100, "¥100", "¥100"),
        (1_234.5, "¥1,235", "¥1,235"),
        (9_999, "¥9,999", "¥9,999"),
        (10_000, "¥1.00万", "¥10.0K"),
        (12_345, "¥1.23万", "¥12.3K"),
        (-500, "-¥500", "-¥500"),
        (1_234_567, "¥123万", "¥1.23M"),
        (99_999_999, "¥1.00亿", "¥100M"),
        (100_000_000, "¥1.00亿", "¥100M"),
        (2_500_000_000, "¥25.0亿", "¥2.50B"),
    ],
)
def test_fmt_money_examples(x: float, zh: str, en: str) -> None:
    assert fmt_money(x, "zh") == zh
    assert fmt_money(x, "en") == en


def test_fmt_money_options() -> None:
    assert fmt_money(12_345, "zh", compact=False) == "¥12,345"
    assert fmt_money(12_345.678, "en", digits=2) == "¥12.3K"  # compact keeps 3 figures
    assert fmt_money(12_345.678, "en", digits=2, compact=False) == "¥12,345.68"
    assert fmt_money(1.5, "en", digits=0) == "¥2"
    assert fmt_money(NAN, "zh") == DASH


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [
        (12_345, "+¥1.23万", "+¥12.3K"),
        (-12_345, "-¥1.23万", "-¥12.3K"),
        (0, "¥0.00", "¥0.00"),
        (0.001, "¥0.00", "¥0.00"),
        (3.5, "+¥3.50", "+¥3.50"),
        (-2_000_000, "-¥200万", "-¥2.00M"),
    ],
)
def test_fmt_signed_money_examples(x: float, zh: str, en: str) -> None:
    assert fmt_signed_money(x, "zh") == zh
    assert fmt_signed_money(x, "en") == en


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [
        (12_345, "+1.23万", "+12.3K"),
        (-12_345, "-1.23万", "-12.3K"),
        (0, "0", "0"),
        (-0.2, "0", "0"),
        (5, "+5", "+5"),
        (1_500_000, "+150万", "+1.50M"),
    ],
)
def test_fmt_signed_number_examples(x: float, zh: str, en: str) -> None:
    assert fmt_signed_number(x, "zh") == zh
    assert fmt_signed_number(x, "en") == en
    assert fmt_signed_number(1.25, "en", digits=1) == "+1.3"


# ---------------------------------------------------------------------------
# percentages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (0.024, 2, "2.40%"),
        (0, 2, "0.00%"),
        (1, 2, "100.00%"),
        (-0.05, 2, "-5.00%"),
        (-0.00001, 2, "0.00%"),
        (0.12345, 1, "12.3%"),
        (0.5, 0, "50%"),
        (12.5, 2, "1,250.00%"),
        (0.000125, 3, "0.013%"),  # half-up
    ],
)
def test_fmt_pct_examples(x: float, digits: int, expected: str) -> None:
    assert fmt_pct(x, "zh", digits=digits) == expected
    assert fmt_pct(x, "en", digits=digits) == expected


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        (112.3, 100, "+12.3%"),
        (96, 100, "-4.0%"),
        (100, 100, "0.0%"),
        (0, 50, "-100.0%"),
        (200, 100, "+100.0%"),
        (0, -5, "+100.0%"),  # relative to |old|
        (-10, -5, "-100.0%"),
        (1_000, 1, "+99,900.0%"),
    ],
)
def test_fmt_delta_pct_examples(new: float, old: float, expected: str) -> None:
    assert fmt_delta_pct(new, old, "zh") == expected
    assert fmt_delta_pct(new, old, "en") == expected


@pytest.mark.parametrize(
    ("new", "old"),
    [(5, 0), (0, 0), (5, 0.0), (NAN, 1), (1, NAN), (INF, 1), (1, -INF), (None, 1), (1, None)],
)
def test_fmt_delta_pct_undefined(new: float | None, old: float | None) -> None:
    assert fmt_delta_pct(new, old, "zh") is None
    assert fmt_delta_pct(new, old, "en") is None


def test_fmt_delta_pct_digits() -> None:
    assert fmt_delta_pct(1.02345, 1, "en", digits=2) == "+2.35%"


# ---------------------------------------------------------------------------
# durations
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [
        (0, "0秒", "0 s"),
        (0.5, "0.5秒", "0.5 s"),
        (2.0, "2秒", "2 s"),
        (9.94, "9.9秒", "9.9 s"),
        (12, "12秒", "12 s"),
        (12.4, "12秒", "12 s"),
        (59.4, "59秒", "59 s"),
        (59.6, "1分", "1 min"),
        (60, "1分", "1 min"),
        (244, "4分4秒", "4 min 4 s"),
        (3_600, "1小时", "1 h"),
        (3_725, "1小时2分5秒", "1 h 2 min 5 s"),
        (3_605, "1小时5秒", "1 h 5 s"),
        (-244, "-4分4秒", "-4 min 4 s"),
        (360_000, "100小时", "100 h"),
    ],
)
def test_fmt_duration_examples(x: float, zh: str, en: str) -> None:
    assert fmt_duration_s(x, "zh") == zh
    assert fmt_duration_s(x, "en") == en


# ---------------------------------------------------------------------------
# units / fmt_value
# ---------------------------------------------------------------------------


def test_unit_label() -> None:
    assert unit_label("UV/day", "zh") == "访客/天"
    assert unit_label("UV/day", "en") == "UV/day"
    assert unit_label("ratio", "en") == "×"
    assert unit_label("fraction", "zh") == ""
    assert unit_label("widgets", "zh") == "widgets"
    assert unit_label("", "en") == ""
    for zh, en in UNIT_LABELS.values():
        assert isinstance(zh, str) and isinstance(en, str)


@pytest.mark.parametrize(
    ("x", "unit", "zh", "en"),
    [
        (12_345, "UV/day", "1.23万访客/天", "12.3K UV/day"),
        (1_500_000, "UV/day", "150万访客/天", "1.50M UV/day"),
        (320, "orders/day", "320单/天", "320 orders/day"),
        (7, "days", "7天", "7 days"),
        (1.5, "days", "1.5天", "1.5 days"),
        (800, "yuan/day", "800元/天", "800 yuan/day"),
        (0.85, "yuan/click", "0.85元/点击", "0.85 yuan/click"),
        (30, "s", "30秒", "30 s"),
        (2.5, "%/month", "2.5%/月", "2.5%/month"),
        (1.5, "ratio", "1.5倍", "1.5×"),
        (3, "agents", "3人", "3 agents"),
        (1.8, "units/order", "1.8件/单", "1.8 units/order"),
        (1.25, "", "1.25", "1.25"),
        (123.4, "", "123", "123"),
        (-7, "days", "-7天", "-7 days"),
        (5, "widgets", "5 widgets", "5 widgets"),
        (99, "yuan", "¥99.00", "¥99.00"),
        (12_345, "yuan", "¥1.23万", "¥12.3K"),
        (0.024, "fraction", "2.40%", "2.40%"),
        (NAN, "UV/day", DASH, DASH),
        (None, "yuan", DASH, DASH),
        (INF, "fraction", DASH, DASH),
    ],
)
def test_fmt_value_examples(x: float | None, unit: str, zh: str, en: str) -> None:
    assert fmt_value(x, unit, "zh") == zh
    assert fmt_value(x, unit, "en") == en


def test_fmt_value_options() -> None:
    assert fmt_value(12_345, "UV/day", "en", compact=False) == "12,345 UV/day"
    assert fmt_value(12_345, "UV/day", "zh", compact=False) == "12,345访客/天"
    assert fmt_value(1.5, "ratio", "zh", digits=2) == "1.50倍"
    assert fmt_value(0.024, "fraction", "en", digits=1) == "2.4%"
    assert fmt_value(12.345, "yuan", "en", digits=1) == "¥12.3"


# ---------------------------------------------------------------------------
# missing values and languages
# ---------------------------------------------------------------------------

FORMATTERS: list[Callable[[float | None, str], str | None]] = [
    fmt_number,
    fmt_money,
    fmt_pct,
    fmt_signed_money,
    fmt_signed_number,
    fmt_duration_s,
    lambda x, lang: fmt_value(x, "UV/day", lang),
]


@pytest.mark.parametrize("func", FORMATTERS)
@pytest.mark.parametrize("x", [NAN, INF, -INF, None, Decimal("NaN"), Decimal("Infinity")])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_missing_values_give_dash(
    func: Callable[[float | None, str], str | None], x: float | None, lang: str
) -> None:
    assert func(x, lang) == DASH


@pytest.mark.parametrize("func", [*FORMATTERS, lambda x, lang: fmt_delta_pct(x, 1, lang)])
@pytest.mark.parametrize("lang", ["fr", "ZH", "zh_CN", ""])
def test_unknown_lang_raises(func: Callable[[float | None, str], str | None], lang: str) -> None:
    with pytest.raises(ValueError, match=r"'zh', 'en'"):
        func(1.0, lang)
    with pytest.raises(ValueError, match=r"'zh', 'en'"):
        func(NAN, lang)  # language is checked before the value


def test_unknown_lang_raises_unit_label() -> None:
    with pytest.raises(ValueError, match="unknown lang"):
        unit_label("days", "de")


def test_ascii_minus_only() -> None:
    for lang in ("zh", "en"):
        for text in (
            fmt_number(-12_345_678, lang),
            fmt_money(-3.5, lang),
            fmt_pct(-0.5, lang),
            fmt_delta_pct(1, 2, lang),
        ):
            assert text is not None
            assert text.startswith("-")
            assert "\u2212" not in text


def test_module_does_not_import_streamlit() -> None:
    assert "streamlit" not in fmt.__dict__
    source = Path(fmt.__file__).read_text(encoding="utf-8")
    assert "import streamlit" not in source


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------


@given(x=finite_floats, lang=langs)
def test_never_raises_on_finite_floats(x: float, lang: str) -> None:
    for func in FORMATTERS:
        out = func(x, lang)
        assert isinstance(out, str) and out
        assert out != DASH


@given(x=finite_floats, unit=units, lang=langs)
def test_fmt_value_never_raises(x: float, unit: str, lang: str) -> None:
    out = fmt_value(x, unit, lang)
    assert isinstance(out, str) and out and out != DASH


@given(new=finite_floats, old=finite_floats, lang=langs)
def test_fmt_delta_pct_total(new: float, old: float, lang: str) -> None:
    out = fmt_delta_pct(new, old, lang)
    if old == 0:
        assert out is None
    else:
        assert isinstance(out, str) and out.endswith("%")
        if new != old:
            assert out[0] in "+-0"


@given(x=st.floats(min_value=1e4, max_value=1e15) | st.floats(min_value=-1e15, max_value=-1e4))
def test_zh_compact_round_trips(x: float) -> None:
    for text in (fmt_number(x, "zh"), fmt_signed_number(x, "zh"), fmt_money(x, "zh")):
        assert text[-1] in "万亿", text
        parsed = parse_zh(text)
        assert math.copysign(1, parsed) == math.copysign(1, x)
        assert abs(parsed - x) <= 0.005 * abs(x) * (1 + 1e-12), (x, text)


@given(x=st.floats(min_value=-1e15, max_value=1e15))
def test_zh_compact_shows_three_significant_figures(x: float) -> None:
    text = fmt_number(x, "zh")
    m = _ZH_RE.match(text)
    assert m is not None
    _, digits, suffix = m.groups()
    if suffix is not None:
        significant = digits.replace(",", "").replace(".", "").lstrip("0")
        assert len(significant) >= 3
        if "." in digits:
            assert len(significant) == 3
            assert len(digits.split(".")[1]) <= 2


@given(x=finite_floats, lang=langs)
def test_signed_variants_agree_with_unsigned(x: float, lang: str) -> None:
    plain = fmt_number(x, lang)
    signed = fmt_signed_number(x, lang)
    assert signed in (plain, "+" + plain)
    money = fmt_money(x, lang)
    signed_money = fmt_signed_money(x, lang)
    assert signed_money in (money, "+" + money)


# ---------------------------------------------------------------------------
# issue 16: one formatter everywhere
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [
        (623_933, "¥62.4万", "¥624K"),  # not "¥623,933" beside "¥2.08M"
        (2_080_000, "¥208万", "¥2.08M"),
        (9_999, "¥9,999", "¥9,999"),  # both languages start units at 10,000
        (-1_013, "-¥1,013", "-¥1,013"),
    ],
)
def test_money_compacts_alike_in_both_languages(x: float, zh: str, en: str) -> None:
    assert fmt_money(x, "zh") == zh
    assert fmt_money(x, "en") == en


def test_dsr_scores_have_two_decimals_and_change_by_points() -> None:
    assert fmt.fmt_score(4.79994, "zh") == "4.80"
    assert fmt.fmt_score(4.8905, "en") == "4.89"
    assert fmt.fmt_signed_score(-0.0213, "en") == "-0.02"
    assert fmt.fmt_signed_score(0.004, "zh") == "0.00"
    assert fmt.fmt_kind(4.79994, "stars", "en") == "4.80"


@pytest.mark.parametrize(
    ("key", "kind", "new", "old", "expected"),
    [
        # a score falls by points: red ↓, never a green ↑0.0%
        ("dsr_mean_end", "stars", 4.78, 4.80, ("-0.02", "normal", "auto")),
        ("dsr_mean_end", "stars", 4.7999, 4.80, ("0.00", "off", "off")),
        ("dsr_mean_end", "stars", 4.80, 4.80, (None, "off", "off")),
        # lower is better: a fall is green (inverse), a rise red
        ("service_cost", "money", 90.0, 100.0, ("-10.0%", "inverse", "auto")),
        ("response_time_s", "seconds", 30.0, 20.0, ("+50.0%", "inverse", "auto")),
        ("backlog_max", "count", 545.0, 0.0, ("+545", "inverse", "auto")),
        ("late_rate", "pct", 0.1, 0.05, ("+100.0%", "inverse", "auto")),
        ("refunds", "money", 100.0001, 100.0, ("0.0%", "off", "off")),
        # higher is better
        ("profit", "money", 95.0, 100.0, ("-5.0%", "normal", "auto")),
        ("gmv", "money", 1.0, 0.0, ("+¥1.00", "normal", "auto")),
        ("conversion_rate", "pct", 0.02, 0.0, (None, "off", "off")),
    ],
)
def test_kpi_delta_colour_follows_the_measure(
    key: str, kind: str, new: float, old: float, expected: tuple
) -> None:
    assert fmt.kpi_delta(key, kind, new, old, "en") == expected


def test_lower_is_better_covers_costs_waiting_and_backlog() -> None:
    for key in ("service_cost", "refunds", "response_time_s", "backlog_max", "late_rate",
                "discount_cost", "promotion_cost", "loyalty_cost"):  # fmt: skip
        assert key in fmt.LOWER_IS_BETTER
    for key in ("gmv", "profit", "orders_paid", "dsr_mean_end", "conversion_rate", "cash"):
        assert key not in fmt.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("top", "lang", "money", "signed", "unit"),
    [
        (5_000, "zh", False, False, None),
        (623_933, "zh", True, False, "万"),
        (3e8, "zh", False, True, "亿"),
        (623_933, "en", True, False, "K"),
        (2_080_000, "en", False, False, "M"),
        (5e9, "en", False, True, "B"),
    ],
)
def test_vega_label_expr_uses_one_unit(
    top: float, lang: str, money: bool, signed: bool, unit: str | None
) -> None:
    expr = fmt.vega_label_expr(top, lang, money=money, signed=signed)
    suffixes = set(re.findall(r"'(万|亿|K|M|B)'", expr))
    assert suffixes == ({unit} if unit else set()), expr
    assert ("'¥'" in expr) == money
    assert ("'+'" in expr) == signed


def test_time_locales_name_the_months_in_the_language() -> None:
    assert fmt.TIME_LOCALES["zh"]["shortMonths"][10] == "11月"
    assert fmt.TIME_LOCALES["en"]["shortMonths"][10] == "Nov"
    for loc in fmt.TIME_LOCALES.values():
        assert len(loc["months"]) == len(loc["shortMonths"]) == 12
        assert len(loc["days"]) == len(loc["shortDays"]) == 7
    import datetime

    assert fmt.fmt_date(datetime.date(2026, 11, 11), "zh") == "11月11日"
    assert fmt.fmt_date(datetime.date(2026, 11, 11), "en") == "Nov 11"
