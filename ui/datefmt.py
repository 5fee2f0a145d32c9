"""Dates in words, in the user's language (pure: no streamlit import, so ``ui.errors`` may use
it): "11月11日–11月14日(第30–33天)" / "Nov 11–14 (days 30–33)". Month names are fixed here,
never the server's locale."""

from __future__ import annotations

import datetime as dt

from simulator.calendar import date_of
from ui.i18n import t

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(d: dt.date, lang: str, *, year: bool = False) -> str:
    """``11月11日`` / ``Nov 11``; with ``year``: ``2027年11月11日`` / ``Nov 11, 2027``."""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日" if year else f"{d.month}月{d.day}日"
    text = f"{MONTHS_EN[d.month - 1]} {d.day}"
    return f"{text}, {d.year}" if year else text


def fmt_dates(first: dt.date, last: dt.date, lang: str, *, year: bool = False) -> str:
    """``11月11日–11月14日`` / ``Nov 11–14`` (``Nov 28 – Dec 2`` across months); one date if
    ``first == last``; the year once, on the first (zh) or at the end (en), with ``year``."""
    if first == last:
        return fmt_date(first, lang, year=year)
    if lang == "zh":
        same_year = first.year == last.year
        tail = fmt_date(last, lang, year=year and not same_year)
        return f"{fmt_date(first, lang, year=year)}–{tail}"
    suffix = f", {last.year}" if year else ""
    if first.year != last.year and year:
        return f"{fmt_date(first, lang, year=True)} – {fmt_date(last, lang, year=True)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTHS_EN[first.month - 1]} {first.day}–{last.day}{suffix}"
    return f"{fmt_date(first, lang)} – {fmt_date(last, lang)}{suffix}"


def days_label(a: int, b: int, lang: str) -> str:
    """``第30–33天`` / ``days 30–33`` (``第30天`` / ``day 30``)."""
    return t("pr.day_text", lang, a=a) if a == b else t("pr.days_text", lang, a=a, b=b)


def window_text(start: dt.date, a: int, b: int, lang: str) -> str:
    """Days ``a``…``b`` of a scenario starting ``start`` as dates, the day numbers second:
    ``11月11日–11月14日(第30–33天)`` / ``Nov 11–14 (days 30–33)``. The year is shown when the
    window is not in the start date's year."""
    first, last = date_of(start, a), date_of(start, b)
    year = first.year != start.year or last.year != start.year
    return t("dt.window", lang, dates=fmt_dates(first, last, lang, year=year),
             days=days_label(a, b, lang))  # fmt: skip


def preheat_text(start: dt.date, a: int, preheat: int, lang: str) -> str:
    """``(预热3天,11月8日起)`` / `` (pre-heat 3 d from Nov 8)``; "" without pre-heat."""
    if not preheat:
        return ""
    return t("dt.preheat", lang, p=preheat, date=fmt_date(date_of(start, a - preheat), lang))
