"""Calendar dates (issue 16): ``Scenario.start_date`` dates day 0, ``Result.daily["date"]``, the
weekday profile and the member day on the real calendar, and the e-commerce calendar templates
(next occurrence, refusal outside the horizon, what applying one sets)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from simulator import Scenario, load_preset, set_param, simulate
from simulator.calendar import (
    EVENTS,
    SEED_003_CAMPAIGN_MULTIPLE,
    SPRING_FESTIVAL,
    OutsideHorizon,
    apply_template,
    next_occurrence,
)
from simulator.presets import DOUBLE12_AFFILIATE_UV, DOUBLE12_SEARCH_UV
from simulator.registry import PARAMS
from simulator.scenario import today


def dated(start: str, horizon: int = 180, base: Scenario | None = None) -> Scenario:
    sc = set_param(base or Scenario(), "horizon_days", horizon)
    return set_param(sc, "start_date", start)


# ---------------------------------------------------------------------------- start_date
def test_start_date_defaults_to_today_and_round_trips() -> None:
    assert Scenario().start_date == today()  # China Standard Time, the platform's day
    beijing = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    assert today() == beijing
    assert Scenario() == load_preset("mid_store")
    sc = set_param(Scenario(), "start_date", "2026-11-01")
    assert sc.start_date == dt.date(2026, 11, 1)
    assert Scenario.model_validate_json(sc.model_dump_json()) == sc
    assert '"start_date":"2026-11-01"' in sc.model_dump_json()


@pytest.mark.parametrize(
    "value", ["1999-12-31", "2101-01-01", "2026-02-30", "11/11/2026", "", 20261111, None, 1.5]
)
def test_a_bad_start_date_is_refused_naming_the_field(value: object) -> None:
    with pytest.raises(ValidationError, match="start_date"):
        set_param(Scenario(), "start_date", value)


def test_a_date_time_with_a_time_of_day_is_not_a_start_date() -> None:
    with pytest.raises(ValidationError, match="start_date"):
        set_param(Scenario(), "start_date", dt.datetime(2026, 11, 1, 9, 30))
    assert set_param(Scenario(), "start_date", dt.datetime(2026, 11, 1)).start_date == dt.date(
        2026, 11, 1
    )


def test_daily_has_a_date_column_from_the_start_date() -> None:
    res = simulate(dated("2026-11-01", 70))
    d = res.daily
    assert d["date"].dtype == "datetime64[ns]"
    assert list(d.columns[:2]) == ["day", "date"]
    assert d["date"].iloc[0] == pd.Timestamp("2026-11-01")
    assert d["date"].iloc[10] == pd.Timestamp("2026-11-11")  # 双11 is day 10
    assert d["date"].iloc[-1] == pd.Timestamp("2027-01-09")
    assert (d["date"] - d["date"].iloc[0]).dt.days.tolist() == d["day"].tolist()


def test_the_start_date_moves_dates_not_numbers_on_a_flat_calendar() -> None:
    """Without a weekday profile or a member day the date only names the days."""
    a, b = simulate(dated("2026-11-01", 60)), simulate(dated("2027-03-17", 60))
    pd.testing.assert_frame_equal(a.daily.drop(columns="date"), b.daily.drop(columns="date"))


# ---------------------------------------------------------------------------- weekdays
def test_the_weekday_profile_falls_on_the_real_weekdays() -> None:
    """A weekend-heavy profile: day 0 of a scenario starting on Saturday 2026-11-07 is a
    Saturday (it used to be taken for a Monday whatever the date)."""
    profile = [1, 1, 1, 1, 1, 2, 2]
    sat = dated("2026-11-07", 14, set_param(Scenario(), "traffic.weekday_profile", profile))
    d = simulate(sat).daily
    weekend = d["date"].dt.day_of_week >= 5
    assert d.loc[weekend, "uv_organic"].min() > d.loc[~weekend, "uv_organic"].max()
    assert weekend.iloc[0] and weekend.iloc[1]  # Saturday, Sunday
    mon = simulate(set_param(sat, "start_date", "2026-11-09")).daily  # a Monday
    assert mon["uv_organic"].iloc[0] == pytest.approx(d["uv_organic"].iloc[2], rel=1e-12)


# ---------------------------------------------------------------------------- member day
def test_member_day_is_a_calendar_day_of_every_month() -> None:
    """会员日 on the 18th is on the 18th of every month (not every 30 days from day 0)."""
    base = dated("2026-01-01", 365)
    plan = set_param(set_param(base, "membership.member_day.enabled", True),
                     "membership.member_day.day_of_month", 18)  # fmt: skip
    d, d0 = simulate(plan, reference=base).daily, simulate(base).daily
    lift = d["orders_repeat"] / d0["orders_repeat"]
    on = d["date"].dt.day == 18
    assert on.sum() == 12
    assert (lift[on] > 1.05).all()
    assert set(d.loc[lift > 1.05, "date"].dt.day) == {18}


# ---------------------------------------------------------------------------- templates
def test_every_event_has_days_preheat_traffic_and_provenance() -> None:
    assert set(EVENTS) == {"nianhuo", "women38", "mid618", "sep99", "double11", "double12"}
    for e in EVENTS.values():
        assert e.days >= 1 and e.traffic_multiple > 0 and e.source
        assert e.provenance in ("SEED", "DERIVED", "ASSUMPTION")
        assert 0 <= e.preheat_days <= PARAMS["promotion.preheat_days"].hi


def test_double12_traffic_is_derived_from_seed_003s_campaign() -> None:
    organic = load_preset("double12_campaign").traffic.organic_uv
    m = (DOUBLE12_SEARCH_UV + DOUBLE12_AFFILIATE_UV) / organic
    assert pytest.approx(m, abs=0.005) == SEED_003_CAMPAIGN_MULTIPLE
    assert EVENTS["double12"].provenance == "DERIVED"


@pytest.mark.parametrize(
    ("key", "start", "first", "last"),
    [
        ("double11", "2026-10-01", "2026-11-11", "2026-11-11"),
        ("double11", "2026-11-11", "2026-11-11", "2026-11-11"),  # on the day: day 0
        ("double11", "2026-11-12", "2027-11-11", "2027-11-11"),  # just missed: next year
        ("mid618", "2027-01-01", "2027-06-16", "2027-06-18"),
        ("women38", "2026-12-03", "2027-03-06", "2027-03-08"),
        ("sep99", "2027-08-01", "2027-09-07", "2027-09-09"),
        ("double12", "2026-11-20", "2026-12-09", "2026-12-12"),
        # Spring Festival 2027 is Feb 6: 年货节 Jan 16–25 (ends 12 days before it)
        ("nianhuo", "2026-12-03", "2027-01-16", "2027-01-25"),
        ("nianhuo", "2027-02-01", "2028-01-05", "2028-01-14"),  # 2028: Jan 26
    ],
)
def test_next_occurrence_on_or_after_the_start_date(key, start, first, last) -> None:
    occ = next_occurrence(key, dt.date.fromisoformat(start), 730)
    assert (occ.first_date, occ.last_date) == (dt.date.fromisoformat(first),
                                               dt.date.fromisoformat(last))  # fmt: skip
    s = dt.date.fromisoformat(start)
    assert occ.first_day == (occ.first_date - s).days
    assert occ.last_day - occ.first_day == EVENTS[key].days - 1


def test_preheat_never_reaches_before_day_0() -> None:
    occ = next_occurrence("double11", dt.date(2026, 11, 5), 30)
    assert occ.first_day == 6 and occ.preheat_days == 6  # 10 days wanted, 6 exist
    assert next_occurrence("double11", dt.date(2026, 10, 1), 60).preheat_days == 10


def test_an_occurrence_beyond_the_horizon_is_refused_not_cut() -> None:
    with pytest.raises(OutsideHorizon) as info:
        next_occurrence("double11", dt.date(2026, 12, 3), 180)
    assert info.value.first_date == dt.date(2027, 11, 11)
    assert info.value.horizon_end == dt.date(2027, 5, 31)
    with pytest.raises(OutsideHorizon):  # ends one day after the last simulated day
        next_occurrence("double12", dt.date(2026, 12, 1), 11)
    assert next_occurrence("double12", dt.date(2026, 12, 1), 12).last_day == 11
    sc = dated("2026-12-03", 180)
    with pytest.raises(OutsideHorizon):
        apply_template(sc, "double11")


def test_a_year_beyond_the_spring_festival_table_is_refused() -> None:
    last = max(SPRING_FESTIVAL)
    with pytest.raises(OutsideHorizon) as info:
        next_occurrence("nianhuo", dt.date(last, 3, 1), 730)
    assert info.value.first_date is None
    with pytest.raises(KeyError, match="double11"):
        next_occurrence("black_friday", dt.date(2026, 1, 1), 30)


def test_applying_a_template_sets_window_preheat_and_platform_traffic() -> None:
    sc = dated("2026-10-01", 90)
    plan = apply_template(sc, "double11")
    (promo,) = plan.promotions
    assert promo.kind == "threshold_discount"  # no promotion yet: the default 满减
    assert (promo.start_day, promo.end_day, promo.preheat_days) == (41, 41, 10)
    (camp,) = plan.traffic.campaigns
    assert (camp.kind, camp.start_day, camp.end_day) == ("other", 41, 41)
    extra = camp.platform_uv * camp.store_share
    assert extra == pytest.approx(EVENTS["double11"].traffic_multiple * sc.traffic.organic_uv)
    d, d0 = simulate(plan, reference=sc).daily, simulate(sc).daily
    assert d["date"].iloc[41] == pd.Timestamp("2026-11-11")
    assert d["uv_campaign"].iloc[41] == pytest.approx(extra)
    assert d["uv_campaign"].drop(index=41).eq(0).all()
    assert d["gmv"].iloc[41] > 1.8 * d0["gmv"].iloc[41]  # ×2.2 visitors (organic-equivalent)
    # pre-heat: buyers wait in the 10 days before (MODEL.md §5.11)
    assert (d["orders_paid"].iloc[31:41] < d0["orders_paid"].iloc[31:41]).all()


def test_a_template_moves_the_plans_promotions_and_booked_windows_and_is_idempotent() -> None:
    sc = load_preset("double12_campaign")  # 5折 + 包邮 on days 14–17, two "other" windows
    sc = dated("2027-05-01", 90, sc)
    sc = set_param(sc, "traffic.campaigns",
                   [*(c.model_dump() for c in sc.traffic.campaigns),
                    {"kind": "juhuasuan", "start_day": 3, "end_day": 5}])  # fmt: skip
    plan = apply_template(sc, "mid618")  # Jun 16–18 = days 46–48
    assert [(p.kind, p.start_day, p.end_day, p.preheat_days) for p in plan.promotions] == [
        ("item_discount", 46, 48, 10),
        ("free_shipping", 46, 48, 10),
    ]
    assert plan.promotions[0].pct == sc.promotions[0].pct  # the offer is kept
    kinds = [(c.kind, c.start_day, c.end_day) for c in plan.traffic.campaigns]
    assert kinds == [("juhuasuan", 46, 48), ("other", 46, 48)]  # the seed's windows replaced
    assert apply_template(plan, "mid618") == plan


def test_a_template_that_would_stack_two_of_a_kind_is_refused() -> None:
    sc = dated("2026-10-01", 90)
    sc = set_param(sc, "promotions", [
        {"kind": "item_discount", "start_day": 5, "end_day": 6},
        {"kind": "item_discount", "start_day": 20, "end_day": 21},
    ])  # fmt: skip
    with pytest.raises(ValueError, match="two item_discount"):
        apply_template(sc, "double11")


def test_dates_are_vectorised_for_a_long_horizon() -> None:
    d = simulate(dated("2026-01-01", 730)).daily
    assert d["date"].is_monotonic_increasing and d["date"].is_unique
    assert np.all(np.diff(d["date"].to_numpy()).astype("timedelta64[D]").astype(int) == 1)
