"""Number formatting for the UI, in Chinese (``"zh"``) and English (``"en"``).

This is the single place where the UI turns numbers into text. It is pure
Python on top of :mod:`babel.numbers` (no Streamlit import), so it can be
unit-tested and reused by exporters.

Conventions
-----------
* Languages are ``"zh"`` (babel locale ``zh_Hans_CN``) and ``"en"``
  (``en_US``); any other value raises :class:`ValueError`.
* ``None``, NaN and ±inf format as an em dash ``"—"`` instead of raising.
* Negative numbers use the ASCII hyphen-minus ``"-"`` (copy-paste friendly).
  A value that rounds to zero is printed without a sign (never ``"-0"``).
* Rounding is half-up on the shortest decimal representation of the float,
  so ``1.005`` with two decimals is ``"1.01"`` (not banker's rounding).
* Compact notation starts at ``|x| >= 1e4`` in both languages, so the two read
  alike: Chinese uses 万 (1e4) and 亿 (1e8), English K (1e3), M (1e6) and
  B (1e9). Compact values always show 3 significant figures with at most
  2 decimals (``"1.00万"``, ``"12.3万"``, ``"123万"``, ``"1,234亿"``; en
  ``"12.3K"``, ``"624K"``, ``"2.08M"``); a value that rounds up to the next
  unit is promoted (``99,999,999`` -> ``"1.00亿"``, ``999,999`` -> ``"1.00M"``).
  Never one number in units and its neighbour in full: ``"¥2.08M"`` beside
  ``"¥624K"``, not beside ``"¥623,933"``.
* Money is CNY and always uses the ``"¥"`` prefix, in both languages.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Final, SupportsFloat

from babel import Locale
from babel.numbers import NumberPattern, format_decimal, format_percent, parse_pattern

from simulator.measures import MONEY_MEASURES as _MONEY_MEASURES

__all__ = [
    "COMPACT_FROM",
    "CURRENCY_SYMBOL",
    "DATE_AXIS_FORMATS",
    "DATE_TOOLTIP_FORMATS",
    "KINDS",
    "LOWER_IS_BETTER",
    "MONEY_MEASURES",
    "SCORE_DIGITS",
    "TIME_LOCALES",
    "fmt_date",
    "fmt_kind",
    "fmt_score",
    "fmt_signed_score",
    "kpi_delta",
    "vega_label_expr",
    "DASH",
    "LANGS",
    "UNIT_LABELS",
    "fmt_delta_pct",
    "fmt_duration_s",
    "fmt_money",
    "fmt_number",
    "fmt_param",
    "fmt_pct",
    "fmt_signed_money",
    "fmt_signed_number",
    "fmt_value",
    "unit_label",
]

#: Supported language codes, in the order used by :data:`UNIT_LABELS` tuples.
LANGS: Final[tuple[str, str]] = ("zh", "en")

#: Placeholder for missing or non-finite values.
DASH: Final[str] = "—"

#: Currency prefix (the simulated shops trade in CNY).
CURRENCY_SYMBOL: Final[str] = "¥"

#: Display labels of the parameter-registry units, as ``(zh, en)``.
UNIT_LABELS: Final[Mapping[str, tuple[str, str]]] = {
    "UV/day": ("访客/天", "UV/day"),
    "yuan": ("元", "yuan"),
    "yuan/day": ("元/天", "yuan/day"),
    "yuan/year": ("元/年", "yuan/year"),
    "days": ("天", "days"),
    "orders/day": ("单/天", "orders/day"),
    "fraction": ("", ""),
    "%/month": ("%/月", "%/month"),
    "s": ("秒", "s"),
    "agents": ("人", "agents"),
    "units/order": ("件/单", "units/order"),
    "ratio": ("倍", "×"),
    "min": ("分钟", "min"),
    "count": ("次", "times"),
    "choice": ("", ""),
    "yuan/click": ("元/点击", "yuan/click"),
    "points": ("分", "points"),
    "points/yuan": ("分/元", "points/yuan"),
    "yuan/point": ("元/分", "yuan/point"),
    "referrals/member/day": ("人/会员/天", "per member per day"),
    "hours": ("点", "h"),
    "stars": ("分", "stars"),
    "chats": ("个", "chats"),
    "1/star": ("/分", "per star"),
}

_BABEL_LOCALES: Final[Mapping[str, Locale]] = {
    "zh": Locale.parse("zh_Hans_CN"),
    "en": Locale.parse("en_US"),
}

# (divisor, suffix) in ascending order.
_COMPACT_UNITS: Final[Mapping[str, tuple[tuple[Decimal, str], ...]]] = {
    "zh": ((Decimal(10) ** 4, "万"), (Decimal(10) ** 8, "亿")),
    "en": ((Decimal(10) ** 3, "K"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 9, "B")),
}
#: Where compact notation starts, in both languages (a 5-digit number reads better in units).
COMPACT_FROM: Final[Decimal] = Decimal(10) ** 4

# Enough precision for any float (up to ~1.8e308, down to ~5e-324) and for
# ratios of floats, so quantize never raises InvalidOperation.
_CTX: Final[decimal.Context] = decimal.Context(
    prec=1000,
    rounding=ROUND_HALF_UP,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
)

_SIG_FIGS: Final[int] = 3
_MAX_COMPACT_DECIMALS: Final[int] = 2
_SMALL_ABS: Final[Decimal] = Decimal(100)
_NONZERO_DIGITS: Final[frozenset[str]] = frozenset("123456789")


# ---------------------------------------------------------------------------
# internal helpers
# ---------------------------------------------------------------------------


def _lang_index(lang: str) -> int:
    """Return the index of ``lang`` in :data:`LANGS`.

    Raises
    ------
    ValueError
        If ``lang`` is not one of :data:`LANGS`.
    """
    if lang == "zh":
        return 0
    if lang == "en":
        return 1
    raise ValueError(f"unknown lang {lang!r}; expected one of {', '.join(map(repr, LANGS))}")


def _check_digits(digits: int, name: str = "digits") -> None:
    """Reject negative decimal counts."""
    if digits < 0:
        raise ValueError(f"{name} must be >= 0, got {digits!r}")


def _to_decimal(x: SupportsFloat | None) -> Decimal | None:
    """Convert ``x`` to a finite :class:`~decimal.Decimal`, or ``None``.

    Floats go through their shortest ``repr`` so that ``0.1`` is ``0.1`` and
    half-up rounding matches what a user reading the number expects.

    Raises
    ------
    TypeError
        If ``x`` is a string/bytes or does not support ``float()``.
    """
    if x is None:
        return None
    if isinstance(x, (str, bytes)):
        raise TypeError(f"expected a number, got {type(x).__name__}")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, int):
        d = Decimal(x)
    else:
        f = float(x)
        if not math.isfinite(f):
            return None
        d = Decimal(repr(f))
    if not d.is_finite() or d.adjusted() > 308:
        return None
    return d


def _round(d: Decimal, decimals: int) -> Decimal:
    """Round half-up to ``decimals`` places."""
    return d.quantize(Decimal(1).scaleb(-decimals), context=_CTX)


@lru_cache(maxsize=64)
def _pattern(decimals: int, strip: bool) -> NumberPattern:
    """Babel pattern with grouping and ``decimals`` fixed (or optional) places."""
    frac = ("#" if strip else "0") * decimals
    return parse_pattern("#,##0" + (f".{frac}" if frac else ""))


def _plain(a: Decimal, lang: str, decimals: int, *, strip: bool = False) -> str:
    """Format a non-negative decimal with grouping and ``decimals`` places.

    With ``strip=True`` trailing fractional zeros are dropped.
    """
    rounded = _round(a, decimals)
    with decimal.localcontext(_CTX):
        return format_decimal(
            rounded, format=_pattern(decimals, strip), locale=_BABEL_LOCALES[lang]
        )


def _sig_round(v: Decimal) -> tuple[Decimal, int]:
    """Round ``v`` (>= ~1) to 3 significant figures, at most 2 decimals.

    Returns the rounded value and the number of decimals to display.
    """
    decimals = min(_MAX_COMPACT_DECIMALS, max(0, _SIG_FIGS - 1 - v.adjusted()))
    r = _round(v, decimals)
    # 9.996 -> 10.00 gained a digit: re-round to 10.0 (exact, no double rounding).
    new_decimals = min(_MAX_COMPACT_DECIMALS, max(0, _SIG_FIGS - 1 - r.adjusted()))
    if new_decimals < decimals:
        r = _round(r, new_decimals)
        decimals = new_decimals
    return r, decimals


def _compact(a: Decimal, lang: str) -> str:
    """Compact form of non-negative ``a`` already known to need compacting."""
    units = _COMPACT_UNITS[lang]
    i = 0
    while i + 1 < len(units) and a >= units[i + 1][0]:
        i += 1
    while True:
        base, suffix = units[i]
        r, decimals = _sig_round(a / base)
        if i + 1 < len(units) and r * base >= units[i + 1][0]:
            i += 1  # e.g. 9,999.99万 rounds to 10,000万 -> 1.00亿
            continue
        return _plain(r, lang, decimals) + suffix


def _number_abs(a: Decimal, lang: str, decimals: int, compact: bool, *, strip: bool = False) -> str:
    """Format non-negative ``a``, compacting when enabled and large enough.

    Whether to compact is decided on the value rounded to ``decimals`` so that
    e.g. 9,999.6 (which would print as 10,000) becomes ``"1.00万"``.
    """
    if compact and _round(a, decimals) >= COMPACT_FROM:
        return _compact(a, lang)
    return _plain(a, lang, decimals, strip=strip)


def _has_nonzero_digit(text: str) -> bool:
    return any(ch in _NONZERO_DIGITS for ch in text)


def _signed(body: str, negative: bool, *, plus: bool) -> str:
    """Prefix ``body`` (an absolute value) with ``-`` or, if ``plus``, ``+``.

    A body that shows zero gets no sign at all.
    """
    if not _has_nonzero_digit(body):
        return body
    if negative:
        return "-" + body
    return "+" + body if plus else body


def _auto_decimals(a: Decimal, small: Decimal) -> int:
    """2 decimals below ``small`` (after rounding), else 0."""
    return 2 if _round(a, 2) < small else 0


def _join_unit(body: str, label: str) -> str:
    """Append a unit label; a space only before labels starting with a Latin letter."""
    if not label:
        return body
    if label[0].isascii() and label[0].isalpha():
        return f"{body} {label}"
    return body + label


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def unit_label(unit: str, lang: str) -> str:
    """Display label of a parameter-registry unit.

    Parameters
    ----------
    unit : str
        Unit key, e.g. ``"UV/day"`` or ``"yuan"`` (see :data:`UNIT_LABELS`).
    lang : {"zh", "en"}
        UI language.

    Returns
    -------
    str
        The localized label; unknown units are returned unchanged.

    Raises
    ------
    ValueError
        If ``lang`` is not supported.

    Examples
    --------
    >>> unit_label("UV/day", "zh")
    '访客/天'
    >>> unit_label("widgets", "en")
    'widgets'
    """
    idx = _lang_index(lang)
    labels = UNIT_LABELS.get(unit)
    return unit if labels is None else labels[idx]


def fmt_number(x: SupportsFloat | None, lang: str, *, digits: int = 0, compact: bool = True) -> str:
    """Format a plain number.

    Parameters
    ----------
    x : float, int, Decimal or None
        Value to format.
    lang : {"zh", "en"}
        UI language.
    digits : int, default 0
        Decimal places of the non-compact form.
    compact : bool, default True
        Use 万/亿 (zh) or K/M/B (en) from ``|x| >= 1e4``, with
        3 significant figures.

    Returns
    -------
    str
        Formatted number, ``"—"`` for None/NaN/inf.

    Raises
    ------
    ValueError
        If ``lang`` is not supported or ``digits`` is negative.

    Examples
    --------
    >>> fmt_number(12345, "zh"), fmt_number(9999, "zh"), fmt_number(123456789, "zh")
    ('1.23万', '9,999', '1.23亿')
    >>> fmt_number(123456.7, "en"), fmt_number(1234567, "en")
    ('123K', '1.23M')
    """
    _lang_index(lang)
    _check_digits(digits)
    d = _to_decimal(x)
    if d is None:
        return DASH
    return _signed(_number_abs(abs(d), lang, digits, compact), d < 0, plus=False)


def fmt_signed_number(
    x: SupportsFloat | None, lang: str, *, digits: int = 0, compact: bool = True
) -> str:
    """Like :func:`fmt_number` but with an explicit ``+`` for positive deltas.

    Examples
    --------
    >>> fmt_signed_number(12345, "zh"), fmt_signed_number(-3, "en"), fmt_signed_number(0, "en")
    ('+1.23万', '-3', '0')
    """
    _lang_index(lang)
    _check_digits(digits)
    d = _to_decimal(x)
    if d is None:
        return DASH
    return _signed(_number_abs(abs(d), lang, digits, compact), d < 0, plus=True)


def _money_body(d: Decimal, lang: str, compact: bool, digits: int | None) -> str:
    a = abs(d)
    decimals = _auto_decimals(a, _SMALL_ABS) if digits is None else digits
    return CURRENCY_SYMBOL + _number_abs(a, lang, decimals, compact)


def fmt_money(
    x: SupportsFloat | None, lang: str, *, compact: bool = True, digits: int | None = None
) -> str:
    """Format an amount of CNY with a ``"¥"`` prefix.

    Parameters
    ----------
    x : float, int, Decimal or None
        Amount in yuan.
    lang : {"zh", "en"}
        UI language.
    compact : bool, default True
        Compact large amounts like :func:`fmt_number`.
    digits : int or None, default None
        Decimal places of the non-compact form; ``None`` means 2 when
        ``|x| < 100`` and 0 otherwise.

    Returns
    -------
    str
        E.g. ``"¥1.09"``, ``"¥12,345"``, ``"¥1.23万"``; negatives as ``"-¥500"``.

    Raises
    ------
    ValueError
        If ``lang`` is not supported or ``digits`` is negative.

    Examples
    --------
    >>> fmt_money(12345, "zh"), fmt_money(12345, "en"), fmt_money(1.09, "en")
    ('¥1.23万', '¥12.3K', '¥1.09')
    """
    _lang_index(lang)
    if digits is not None:
        _check_digits(digits)
    d = _to_decimal(x)
    if d is None:
        return DASH
    return _signed(_money_body(d, lang, compact, digits), d < 0, plus=False)


def fmt_signed_money(
    x: SupportsFloat | None, lang: str, *, compact: bool = True, digits: int | None = None
) -> str:
    """Like :func:`fmt_money` but with an explicit ``+`` for positive deltas.

    Examples
    --------
    >>> fmt_signed_money(12345, "zh"), fmt_signed_money(-500, "en")
    ('+¥1.23万', '-¥500')
    """
    _lang_index(lang)
    if digits is not None:
        _check_digits(digits)
    d = _to_decimal(x)
    if d is None:
        return DASH
    return _signed(_money_body(d, lang, compact, digits), d < 0, plus=True)


@lru_cache(maxsize=32)
def _pct_pattern(digits: int) -> NumberPattern:
    return parse_pattern("#,##0" + (f".{'0' * digits}" if digits else "") + "%")


def _pct_text(d: Decimal, lang: str, digits: int, *, plus: bool) -> str:
    """Percent text of fraction ``d`` (rounded half-up) with an optional sign."""
    fraction = _round(_CTX.multiply(abs(d), Decimal(100)), digits).scaleb(-2, context=_CTX)
    with decimal.localcontext(_CTX):
        body = format_percent(fraction, format=_pct_pattern(digits), locale=_BABEL_LOCALES[lang])
    return _signed(body, d < 0, plus=plus)


def fmt_pct(x: SupportsFloat | None, lang: str, *, digits: int = 2) -> str:
    """Format a fraction as a percentage.

    Parameters
    ----------
    x : float, int, Decimal or None
        Fraction (``0.024`` means 2.4 %).
    lang : {"zh", "en"}
        UI language.
    digits : int, default 2
        Decimal places of the percentage.

    Returns
    -------
    str
        E.g. ``"2.40%"``; ``"—"`` for None/NaN/inf.

    Raises
    ------
    ValueError
        If ``lang`` is not supported or ``digits`` is negative.

    Examples
    --------
    >>> fmt_pct(0.024, "zh"), fmt_pct(-0.5, "en", digits=0)
    ('2.40%', '-50%')
    """
    _lang_index(lang)
    _check_digits(digits)
    d = _to_decimal(x)
    if d is None:
        return DASH
    return _pct_text(d, lang, digits, plus=False)


def fmt_delta_pct(
    new: SupportsFloat | None, old: SupportsFloat | None, lang: str, *, digits: int = 1
) -> str | None:
    """Relative change from ``old`` to ``new`` as a signed percentage.

    The change is ``(new - old) / |old|``, so a move towards larger values is
    positive even when ``old`` is negative.

    Parameters
    ----------
    new, old : float, int, Decimal or None
        New and reference values.
    lang : {"zh", "en"}
        UI language.
    digits : int, default 1
        Decimal places of the percentage.

    Returns
    -------
    str or None
        E.g. ``"+12.3%"`` / ``"-4.0%"`` (``"0.0%"`` for no change); ``None`` if
        ``old`` is zero or either value is None/NaN/inf.

    Raises
    ------
    ValueError
        If ``lang`` is not supported or ``digits`` is negative.

    Examples
    --------
    >>> fmt_delta_pct(112.3, 100, "en"), fmt_delta_pct(96, 100, "zh"), fmt_delta_pct(5, 0, "en")
    ('+12.3%', '-4.0%', None)
    """
    _lang_index(lang)
    _check_digits(digits)
    n = _to_decimal(new)
    o = _to_decimal(old)
    if n is None or o is None or o == 0:
        return None
    rel = _CTX.divide(_CTX.subtract(n, o), abs(o))
    return _pct_text(rel, lang, digits, plus=True)


def fmt_duration_s(x: SupportsFloat | None, lang: str) -> str:
    """Format a duration given in seconds.

    Below 10 s one decimal is kept when needed (``"2.5 s"``), below 60 s whole
    seconds; longer durations are split into h/min/s, omitting zero parts.

    Parameters
    ----------
    x : float, int, Decimal or None
        Duration in seconds.
    lang : {"zh", "en"}
        UI language.

    Returns
    -------
    str
        E.g. zh ``"12秒"``, ``"4分4秒"``, ``"1小时2分"``; en ``"12 s"``,
        ``"4 min 4 s"``, ``"1 h 2 min"``.

    Raises
    ------
    ValueError
        If ``lang`` is not supported.

    Examples
    --------
    >>> fmt_duration_s(12, "zh"), fmt_duration_s(244, "en")
    ('12秒', '4 min 4 s')
    """
    zh = _lang_index(lang) == 0
    d = _to_decimal(x)
    if d is None:
        return DASH
    a = abs(d)
    seconds = _round(a, 0)
    if seconds < 60:
        if _round(a, 1) < 10:
            number = _plain(a, lang, 1, strip=True)
        else:
            number = _plain(a, lang, 0)
        body = number + "秒" if zh else number + " s"
    else:
        hours, rest = divmod(int(seconds), 3600)
        minutes, secs = divmod(rest, 60)
        names = ("小时", "分", "秒") if zh else (" h", " min", " s")
        parts = [
            _plain(Decimal(value), lang, 0) + name
            for value, name in zip((hours, minutes, secs), names, strict=True)
            if value
        ]
        body = ("" if zh else " ").join(parts)
    return _signed(body, d < 0, plus=False)


def fmt_value(
    x: SupportsFloat | None,
    unit: str,
    lang: str,
    *,
    compact: bool = True,
    digits: int | None = None,
) -> str:
    """Format a parameter value according to its registry unit.

    ``"yuan"`` goes to :func:`fmt_money`, ``"fraction"`` to :func:`fmt_pct`;
    everything else (``"UV/day"``, ``"orders/day"``, ``"days"``,
    ``"yuan/day"``, ``"s"``, ``"%/month"``, ``"ratio"``, ``""``, unknown
    units ...) is a number followed by :func:`unit_label`.

    Parameters
    ----------
    x : float, int, Decimal or None
        Value to format.
    unit : str
        Unit key of the parameter registry.
    lang : {"zh", "en"}
        UI language.
    compact : bool, default True
        Compact large values (see :func:`fmt_number`).
    digits : int or None, default None
        Decimal places. ``None`` means: for numbers, up to 2 decimals without
        trailing zeros when ``|x| < 100`` and none otherwise; for
        ``"fraction"`` 2; for ``"yuan"`` the :func:`fmt_money` default.

    Returns
    -------
    str
        E.g. zh ``"1.23万访客/天"``, ``"1.5倍"``, ``"7天"``; en
        ``"12,345 UV/day"``, ``"1.5×"``, ``"7 days"``. ``"—"`` (without a unit)
        for None/NaN/inf.

    Raises
    ------
    ValueError
        If ``lang`` is not supported or ``digits`` is negative.

    Examples
    --------
    >>> fmt_value(12345, "UV/day", "zh"), fmt_value(1.5, "ratio", "en")
    ('1.23万访客/天', '1.5×')
    >>> fmt_value(0.024, "fraction", "en"), fmt_value(99, "yuan", "zh")
    ('2.40%', '¥99.00')
    """
    _lang_index(lang)
    if digits is not None:
        _check_digits(digits)
    if unit == "yuan":
        return fmt_money(x, lang, compact=compact, digits=digits)
    if unit == "fraction":
        return fmt_pct(x, lang, digits=2 if digits is None else digits)
    d = _to_decimal(x)
    if d is None:
        return DASH
    a = abs(d)
    if digits is None:
        body = _number_abs(a, lang, _auto_decimals(a, _SMALL_ABS), compact, strip=True)
    else:
        body = _number_abs(a, lang, digits, compact)
    return _join_unit(_signed(body, d < 0, plus=False), unit_label(unit, lang))


def fmt_param(x: SupportsFloat | None, unit: str, lang: str) -> str:
    """A parameter value in full (no 万/M compaction), keeping the fen of non-whole yuan amounts."""
    d = _to_decimal(x)
    digits = 2 if unit.startswith("yuan") and d is not None and d != d.to_integral_value() else None
    return fmt_value(x, unit, lang, compact=False, digits=digits)


# ---------------------------------------------------------------------------
# scores, kinds of KPI and the colour of a change
# ---------------------------------------------------------------------------

#: Decimals of a DSR score (店铺评分, 1–5): the platform shows 4.8, and a change of 0.01 is the
#: smallest a seller watches; four decimals ("4.7999") read as noise.
SCORE_DIGITS: Final[int] = 2

#: Measures (``Result.totals`` / ``Result.daily`` keys) where a fall is good news: costs, refunds,
#: waiting, backlog, late or cancelled orders, the pull-forward debt. Their changes are coloured
#: the other way round (Streamlit's ``delta_color="inverse"``).
LOWER_IS_BETTER: Final[frozenset[str]] = frozenset(
    {
        "ad_spend", "affiliate_commission", "backlog", "backlog_max", "campaign_cost",
        "cancellation_refunds", "cogs", "discount_cost", "dispatch_delay_days",
        "free_shipping_cost", "late_compensation", "late_rate", "loyalty_cost", "marketing_cost",
        "member_price_cost", "negative_share", "orders_cancelled", "orders_damaged", "orders_late",
        "outreach_cost", "platform_fee", "points_expense", "points_liability_end",
        "promotion_cost", "promotion_goods_cost", "pull_forward_debt", "pull_forward_debt_end",
        "referral_reward_cost", "refunds", "reminder_cost", "response_time_s", "saturated_hours",
        "service_cost", "shipping_cost", "stored_value_gift_cost", "voucher_cost",
    }
)  # fmt: skip

#: Measures counted in yuan (``¥`` on their chart axes): the model's table.
MONEY_MEASURES: Final[frozenset[str]] = _MONEY_MEASURES

#: The kinds of number a KPI card shows (see :func:`fmt_kind`).
KINDS: Final[tuple[str, ...]] = ("money", "price", "pct", "stars", "seconds", "count")


def fmt_score(x: SupportsFloat | None, lang: str) -> str:
    """A DSR score with :data:`SCORE_DIGITS` decimals.

    Examples
    --------
    >>> fmt_score(4.79994, "zh"), fmt_score(4.8, "en")
    ('4.80', '4.80')
    """
    return fmt_number(x, lang, digits=SCORE_DIGITS, compact=False)


def fmt_signed_score(x: SupportsFloat | None, lang: str) -> str:
    """A change of DSR score in points (absolute, never a percentage).

    Examples
    --------
    >>> fmt_signed_score(-0.0213, "zh"), fmt_signed_score(0.004, "en")
    ('-0.02', '0.00')
    """
    return fmt_signed_number(x, lang, digits=SCORE_DIGITS, compact=False)


def fmt_kind(x: SupportsFloat | None, kind: str, lang: str) -> str:
    """A value the way a KPI card of ``kind`` (:data:`KINDS`) shows it.

    ``money``: compact yuan; ``price``: a per-order or per-visitor amount, to the fen;
    ``pct``: a fraction as a percentage; ``stars``: a DSR score (:func:`fmt_score`);
    ``seconds``: a duration; ``count``: a number (compact).

    Examples
    --------
    >>> fmt_kind(623_933, "money", "zh"), fmt_kind(623_933, "money", "en")
    ('¥62.4万', '¥624K')
    >>> fmt_kind(4.79994, "stars", "en"), fmt_kind(0.0241, "pct", "en")
    ('4.80', '2.41%')
    """
    if kind == "money":
        return fmt_money(x, lang)
    if kind == "price":
        return fmt_money(x, lang, compact=False, digits=2)
    if kind == "pct":
        return fmt_pct(x, lang)
    if kind == "stars":
        return fmt_score(x, lang)
    if kind == "seconds":
        return fmt_duration_s(x, lang)
    if kind == "count":
        return fmt_number(x, lang)
    raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(map(repr, KINDS))}")


def kpi_delta(
    key: str, kind: str, new: float, old: float, lang: str
) -> tuple[str | None, str, str]:
    """The change a KPI card shows: ``(text, delta_color, delta_arrow)`` for ``st.metric``.

    A score (``kind == "stars"``) changes by absolute points (``"-0.02"``), everything else by a
    relative percentage (``"+1.2%"``). The colour follows the measure's direction: ``"inverse"``
    for :data:`LOWER_IS_BETTER` (a fall is green), ``"normal"`` otherwise; a change that shows as
    zero (``"0.00"``, ``"0.0%"``) is ``"off"`` (grey) with no arrow, never a green ↑ for a fall.
    From a zero baseline a money or count change is given as such (``"+545"``); ``text`` is
    ``None`` when nothing changed or the change is otherwise undefined.

    Examples
    --------
    >>> kpi_delta("dsr_mean_end", "stars", 4.79994, 4.8, "en")
    ('0.00', 'off', 'off')
    >>> kpi_delta("dsr_mean_end", "stars", 4.78, 4.8, "zh")
    ('-0.02', 'normal', 'auto')
    >>> kpi_delta("service_cost", "money", 90, 100, "en")
    ('-10.0%', 'inverse', 'auto')
    >>> kpi_delta("backlog_max", "count", 545, 0, "en")
    ('+545', 'inverse', 'auto')
    """
    n, o = _to_decimal(new), _to_decimal(old)
    if n is None or o is None or abs(n - o) <= Decimal("1e-9") * max(Decimal(1), abs(o)):
        return None, "off", "off"
    if kind == "stars":
        text = fmt_signed_score(new - old, lang)
    else:
        text = fmt_delta_pct(new, old, lang)
        if text is None and kind in ("money", "count"):  # from zero: the change itself
            diff = n - o
            text = (
                fmt_signed_money(diff, lang) if kind == "money" else fmt_signed_number(diff, lang)
            )
    if text is None:
        return None, "off", "off"
    if not _has_nonzero_digit(text):
        return text, "off", "off"
    return text, ("inverse" if key in LOWER_IS_BETTER else "normal"), "auto"


# ---------------------------------------------------------------------------
# the same conventions in charts (Vega-Lite)
# ---------------------------------------------------------------------------


def _axis_unit(max_abs: float, lang: str) -> tuple[float, str]:
    """(divisor, suffix) of a whole axis whose largest |value| is ``max_abs``: one unit for every
    tick, so "1万" never stands beside "5,000"."""
    a = Decimal(repr(float(max_abs))) if math.isfinite(max_abs) else Decimal(0)
    if a < COMPACT_FROM:
        return 1.0, ""
    units = _COMPACT_UNITS[lang]
    i = 0
    while i + 1 < len(units) and a >= units[i + 1][0]:
        i += 1
    base, suffix = units[i]
    return float(base), suffix


def vega_label_expr(max_abs: float, lang: str, *, money: bool = False, signed: bool = False) -> str:
    """A Vega expression for an axis's ``labelExpr`` that writes ticks like this module does.

    The unit (万/亿 in zh, K/M/B in en, none below 1e4) is chosen once for the whole axis from
    its largest absolute value ``max_abs``; ``money`` adds ``¥``; ``signed`` a ``+`` on positive
    ticks (an axis of changes). Ticks are round numbers, so up to 2 decimals are kept and trailing
    zeros dropped (d3 ``~f``).

    Examples
    --------
    >>> vega_label_expr(623_933, "zh", money=True)
    "(datum.value < 0 ? '-' : '') + '¥' + format(abs(datum.value) / 10000, ',.2~f') + (datum.value == 0 ? '' : '万')"
    """  # noqa: E501
    _lang_index(lang)
    base, suffix = _axis_unit(max_abs, lang)
    sign = (
        "(datum.value < 0 ? '-' : datum.value > 0 ? '+' : '')"
        if signed
        else ("(datum.value < 0 ? '-' : '')")
    )
    prefix = f" + '{CURRENCY_SYMBOL}'" if money else ""
    scaled = "abs(datum.value)" if base == 1 else f"abs(datum.value) / {base:.0f}"
    tail = f" + (datum.value == 0 ? '' : '{suffix}')" if suffix else ""
    return f"{sign}{prefix} + format({scaled}, ',.2~f'){tail}"


#: d3 time-format locales (``config.locale.time`` of Vega-Lite) so month and day names on a date
#: axis and in tooltips are in the user's language. The zh months are 1月…12月 as Taobao's
#: calendars write them (d3's zh-CN ships 一月…十二月).
TIME_LOCALES: Final[Mapping[str, Mapping[str, object]]] = {
    "zh": {
        "dateTime": "%Y年%-m月%-d日 %A %X",
        "date": "%Y/%-m/%-d",
        "time": "%H:%M:%S",
        "periods": ["上午", "下午"],
        "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
        "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        "months": [f"{m}月" for m in range(1, 13)],
        "shortMonths": [f"{m}月" for m in range(1, 13)],
    },
    "en": {
        "dateTime": "%a %b %e %X %Y",
        "date": "%m/%d/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                        "Nov", "Dec"],
    },
}  # fmt: skip

#: d3 time formats of a date axis tick and of a date in a tooltip.
DATE_AXIS_FORMATS: Final[Mapping[str, str]] = {"zh": "%-m月%-d日", "en": "%b %-d"}
DATE_TOOLTIP_FORMATS: Final[Mapping[str, str]] = {"zh": "%Y年%-m月%-d日", "en": "%b %-d, %Y"}


def fmt_date(x: object, lang: str) -> str:
    """A calendar date as a user reads it: zh ``"11月11日"``, en ``"Nov 11"``.

    Examples
    --------
    >>> import datetime
    >>> fmt_date(datetime.date(2026, 11, 11), "zh"), fmt_date(datetime.date(2026, 11, 11), "en")
    ('11月11日', 'Nov 11')
    """
    _lang_index(lang)
    month, day = int(x.month), int(x.day)  # type: ignore[attr-defined]
    if lang == "zh":
        return f"{month}月{day}日"
    return f"{TIME_LOCALES['en']['shortMonths'][month - 1]} {day}"  # type: ignore[index]
