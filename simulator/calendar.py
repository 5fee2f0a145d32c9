"""Calendar dates of a scenario and the Chinese e-commerce calendar (电商日历) as campaign templates.

Day ``t`` of a scenario is the date ``start_date + t`` (``Scenario.start_date``, default today).
Windows stay day offsets in the model (``start_day``/``end_day``, 0-based, inclusive); this module
turns them into dates and back, and gives the weekday and the day of the month of every day so
the weekday profile and the member day follow the real calendar:

    date_t = start_date + t,   weekday_t = (weekday(start_date) + t) mod 7   (Monday = 0)

Campaign templates (``EVENTS``): the platform festivals an operator plans around — 年货节,
38女王节, 618, 99划算节, 双11, 双12 — each with its main days, its pre-heat (预热) and the extra
platform visitors it brings. ``apply_template(scenario, key)`` makes the scenario's campaign that
event at its next occurrence on or after ``start_date``:

* every promotion of the scenario moves to the event's days with the event's pre-heat (its offer
  is kept); a scenario without promotions gets the registry's default 满减 there;
* the event's platform visitors replace the scenario's other-platform (``kind="other"``) campaign
  windows, and its booked 聚划算/天天特价 windows move to the event's days;
* an occurrence that ends after the horizon is refused (``OutsideHorizon``), never cut short.

Platform visitors: the event brings ``m × traffic.organic_uv`` extra visitors a day, entered as a
campaign window (MODEL.md §4.1: ``UV_act = A_plat·s_act``) with the campaign's registry quality.
``m`` for 双12 is [DERIVED] from seed 003's 4-day year-end campaign (12.21–12.24): its sources
brought 3,794 visitors a day against the store's 4,000 everyday organic visitors (the
``double12_campaign`` preset), m ≈ 0.95. The others are [ASSUMPTION], scaled by how large each
festival is on the platform (双11 ×4 > 618 ×2.5 > 双12 ≈ 99划算节 ≈ 38女王节 ×0.8–0.95 > 年货节
×0.5 a day, the last a long, thin window); the UI shows each event's provenance beside it. These
visitors convert at the campaign quality (0.3 of organic, seed-003-calibrated, MODEL.md V4), so
双11's ×4 visitors are ×2.2 organic-equivalent visitors before any discount: an event day's GMV
multiple comes mostly from the plan's own offer, as in seed 003 (5折: ×3.5–5, MODEL.md E7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from .registry import PARAMS
from .scenario import Scenario, ThresholdDiscount

Provenance = Literal["SEED", "DERIVED", "ASSUMPTION"]


# --------------------------------------------------------------------------- dates of days
def calendar_dates(start: dt.date, horizon: int) -> NDArray[np.datetime64]:
    """``datetime64[ns]`` dates of days 0 … horizon − 1 (``Result.daily["date"]``)."""
    return (np.datetime64(start, "D") + np.arange(int(horizon))).astype("datetime64[ns]")


def weekday_index(start: dt.date, horizon: int) -> NDArray[np.int64]:
    """Weekday (Monday = 0 … Sunday = 6) of days 0 … horizon − 1."""
    return (start.weekday() + np.arange(int(horizon))) % 7


def day_of_month(start: dt.date, horizon: int) -> NDArray[np.int64]:
    """Day of the month (1 … 31) of days 0 … horizon − 1."""
    return pd.DatetimeIndex(calendar_dates(start, horizon)).day.to_numpy()


def date_of(start: dt.date, day: int) -> dt.date:
    """The calendar date of day ``day``."""
    return start + dt.timedelta(days=int(day))


def day_of(start: dt.date, date: dt.date) -> int:
    """The day offset of ``date`` (negative before ``start``)."""
    return (date - start).days


# --------------------------------------------------------------------------- Spring Festival
#: 春节 (first day of the lunar year) by Gregorian year: the one festival whose date moves.
#: Public calendar (国务院办公厅 holiday notices; Hong Kong Observatory's lunar calendar tables).
SPRING_FESTIVAL: dict[int, dt.date] = {
    y: dt.date(y, m, d)
    for y, m, d in (
        (2003, 2, 1), (2004, 1, 22), (2005, 2, 9), (2006, 1, 29), (2007, 2, 18), (2008, 2, 7),
        (2009, 1, 26), (2010, 2, 14), (2011, 2, 3), (2012, 1, 23), (2013, 2, 10), (2014, 1, 31),
        (2015, 2, 19), (2016, 2, 8), (2017, 1, 28), (2018, 2, 16), (2019, 2, 5), (2020, 1, 25),
        (2021, 2, 12), (2022, 2, 1), (2023, 1, 22), (2024, 2, 10), (2025, 1, 29), (2026, 2, 17),
        (2027, 2, 6), (2028, 1, 26), (2029, 2, 13), (2030, 2, 3), (2031, 1, 23), (2032, 2, 11),
        (2033, 1, 31), (2034, 2, 19), (2035, 2, 8), (2036, 1, 28), (2037, 2, 15), (2038, 2, 4),
        (2039, 1, 24), (2040, 2, 12),
    )
}  # fmt: skip
#: 年货节 ends this many days before Spring Festival: couriers stop taking parcels about a week
#: before it, so the sale closes early enough for goods to arrive [ASSUMPTION].
NIANHUO_END_BEFORE_FESTIVAL = 12
#: 年货节 main days (a long, thin festival) [ASSUMPTION].
NIANHUO_DAYS = 10


def _nianhuo_first(year: int) -> dt.date | None:
    festival = SPRING_FESTIVAL.get(year)
    if festival is None:
        return None
    return festival - dt.timedelta(days=NIANHUO_END_BEFORE_FESTIVAL + NIANHUO_DAYS - 1)


def _fixed(month: int, day: int) -> Callable[[int], dt.date | None]:
    return lambda year: dt.date(year, month, day)


# --------------------------------------------------------------------------- the events
@dataclass(frozen=True)
class CalendarEvent:
    """One festival of the e-commerce calendar. ``first(year)``: its first main day that year
    (None: unknown, e.g. a Spring Festival beyond ``SPRING_FESTIVAL``); ``days``: main days;
    ``preheat_days``: announced pre-heat before them (预热, MODEL.md §5.11); ``traffic_multiple``
    m: extra platform visitors a day as a multiple of the store's everyday organic visitors;
    ``provenance``/``source``: where the days and m come from."""

    key: str
    first: Callable[[int], dt.date | None]
    days: int
    preheat_days: int
    traffic_multiple: float
    provenance: Provenance
    source: str


#: Seed 003's year-end campaign (the ``double12_campaign`` preset): extra visitors a day from its
#: sources over the store's everyday organic visitors, 3,794 / 4,000 [DERIVED, see presets.py].
SEED_003_CAMPAIGN_MULTIPLE = round((2000.0 + 1794.0) / 4000.0, 2)

EVENTS: dict[str, CalendarEvent] = {
    e.key: e
    for e in (
        CalendarEvent("nianhuo", _nianhuo_first, NIANHUO_DAYS, 3, 0.5, "ASSUMPTION",
                      "年货节: the 10 days ending 12 days before Spring Festival (couriers stop "
                      "about a week before it); visitors ×0.5 [ASSUMPTION]"),
        CalendarEvent("women38", _fixed(3, 6), 3, 3, 0.8, "ASSUMPTION",
                      "38女王节: Mar 6–8; visitors ×0.8 [ASSUMPTION]"),
        CalendarEvent("mid618", _fixed(6, 16), 3, 10, 2.5, "ASSUMPTION",
                      "618 (JD anniversary, Tmall mid-year sale): main days Jun 16–18 after a "
                      "pre-sale; visitors ×2.5 [ASSUMPTION]"),
        CalendarEvent("sep99", _fixed(9, 7), 3, 3, 0.8, "ASSUMPTION",
                      "99划算节 (聚划算): Sep 7–9; visitors ×0.8 [ASSUMPTION]"),
        CalendarEvent("double11", _fixed(11, 11), 1, 10, 4.0, "ASSUMPTION",
                      "双11: Nov 11 after a pre-heat from Nov 1; visitors ×4 [ASSUMPTION: the "
                      "largest festival of the year]"),
        CalendarEvent("double12", _fixed(12, 9), 4, 3, SEED_003_CAMPAIGN_MULTIPLE, "DERIVED",
                      "双12: Dec 9–12, 4 days like seed 003's year-end campaign; visitors "
                      f"×{SEED_003_CAMPAIGN_MULTIPLE} [DERIVED from seed 003]"),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Occurrence:
    """An event on a scenario's calendar: its main days as day offsets and dates, and the
    pre-heat that fits before day 0 (``preheat_days`` ≤ ``first_day``)."""

    event: CalendarEvent
    first_date: dt.date
    last_date: dt.date
    first_day: int
    last_day: int
    preheat_days: int


class OutsideHorizon(ValueError):
    """The event's next occurrence ends after the scenario's last day (or its date is unknown:
    ``first_date`` None). The UI says it in words; nothing is applied."""

    def __init__(self, event: CalendarEvent, first_date: dt.date | None, last_date: dt.date | None,
                 horizon_end: dt.date) -> None:  # fmt: skip
        self.event, self.first_date, self.last_date = event, first_date, last_date
        self.horizon_end = horizon_end
        when = f"{first_date}–{last_date}" if first_date else "an unknown date"
        super().__init__(
            f"{event.key}: the next occurrence ({when}) ends after the last simulated day "
            f"({horizon_end}); lengthen the horizon or move the start date"
        )


def next_occurrence(key: str, start: dt.date, horizon: int) -> Occurrence:
    """The first occurrence of event ``key`` whose first main day is on or after ``start``, as day
    offsets; ``OutsideHorizon`` if it ends after day ``horizon − 1``; ``KeyError`` for an
    unknown key (with the valid ones)."""
    if key not in EVENTS:
        raise KeyError(f"unknown calendar event {key!r}; valid: {', '.join(EVENTS)}")
    event = EVENTS[key]
    horizon_end = date_of(start, horizon - 1)
    first: dt.date | None = None
    for year in (start.year, start.year + 1):
        candidate = event.first(year)
        if candidate is None or candidate >= start:
            first = candidate
            break
    if first is None:
        raise OutsideHorizon(event, None, None, horizon_end)
    last = first + dt.timedelta(days=event.days - 1)
    if last > horizon_end:
        raise OutsideHorizon(event, first, last, horizon_end)
    a, b = day_of(start, first), day_of(start, last)
    return Occurrence(event, first, last, a, b, min(event.preheat_days, a))


def occurrence_campaign(occ: Occurrence, organic_uv: float) -> dict[str, Any]:
    """The event's platform visitors as a campaign window (``traffic.campaigns`` item): ``m ×
    organic_uv`` a day through the largest store share the registry allows (as the seed-003
    preset does), at the registry's campaign quality, no fee or commission."""
    share = float(PARAMS["campaign.store_share"].hi)
    extra = occ.event.traffic_multiple * organic_uv
    return {
        "kind": "other",
        "start_day": occ.first_day,
        "end_day": occ.last_day,
        "platform_uv": min(extra / share, float(PARAMS["campaign.platform_uv"].hi)),
        "store_share": share,
        "quality": float(PARAMS["campaign.quality"].default),
        "fee_per_day": 0.0,
        "commission_rate": 0.0,
    }


def apply_template(scenario: Scenario, key: str) -> Scenario:
    """``scenario`` (a ``Scenario``) with its campaign moved to event ``key``'s next occurrence
    (the module docstring says what moves). Raises ``OutsideHorizon``, ``KeyError``, or the
    scenario's own validation errors (e.g. two promotions of one kind now overlapping)."""
    occ = next_occurrence(key, scenario.start_date, scenario.horizon_days)
    window = {"start_day": occ.first_day, "end_day": occ.last_day}
    promos = [p.model_dump() for p in scenario.promotions] or [ThresholdDiscount().model_dump()]
    promos = [{**p, **window, "preheat_days": occ.preheat_days} for p in promos]
    booked = [{**c.model_dump(), **window} for c in scenario.traffic.campaigns if c.kind != "other"]
    campaigns = [*booked, occurrence_campaign(occ, scenario.traffic.organic_uv)]
    data = scenario.model_dump()
    data["promotions"] = promos
    data["traffic"]["campaigns"] = campaigns
    return Scenario.model_validate(data)
