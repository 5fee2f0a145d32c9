"""The engine: stationarity (T17), the sales identity (V1), warnings (V2) and the calibration
identity with reference semantics (MODEL.md §10c)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulator import PRESETS, Scenario, load_preset, set_param, simulate
from simulator.engine import DAILY_COLUMNS
from simulator.registry import PARAMS
from simulator.repurchase import calibrate_alpha, daily_repeats
from tests.simulator.strategies import without_queue

REL = 1e-9
CONTRACT_DAILY = (
    "day",
    "uv",
    "uv_organic",
    "uv_paid",
    "uv_campaign",
    "inquiries",
    "orders_placed",
    "orders_paid",
    "orders_new",
    "orders_repeat",
    "conversion_rate",
    "aov",
    "units_per_order",
    "gmv",
    "gmv_list",
    "discount_cost",
    "uv_value",
    "profit",
)
CONTRACT_TOTALS = (
    "uv",
    "orders_paid",
    "orders_new",
    "orders_repeat",
    "gmv",
    "aov",
    "conversion_rate",
    "uv_value",
    "profit",
    "discount_cost",
    "old_customer_share",
)

#: Every traffic source, a campaign window and an item discount inside it (V1).
EVERYTHING = Scenario.model_validate(
    {
        "horizon_days": 120,
        "traffic": {
            "growth_pct_month": 5,
            "weekday_profile": [1, 1, 1, 1, 1.2, 1.5, 1.4],
            "paid_search": {"budget_per_day": 800, "cpc": 1.6, "quality": 1.1},
            "display": {"budget_per_day": 300, "cpc": 0.6},
            "affiliate": {"uv_per_day": 250},
            "campaigns": [
                {
                    "start_day": 40,
                    "end_day": 43,
                    "platform_uv": 1_000_000,
                    "store_share": 0.002,
                    "fee_per_day": 500,
                    "commission_rate": 0.05,
                },
            ],
        },
        "promotions": [
            {"kind": "item_discount", "start_day": 40, "end_day": 46, "pct": 0.3, "coverage": 0.6}
        ],
    }
)


def _constant(x: pd.Series) -> bool:
    x = x.to_numpy()
    return bool(np.all(np.abs(x - x[0]) <= REL * abs(x[0])))


def assert_sales_identity(daily: pd.DataFrame, totals) -> None:
    np.testing.assert_allclose(
        daily["gmv"], daily["uv"] * daily["conversion_rate"] * daily["aov"], rtol=REL
    )
    assert (daily["orders_paid"] == daily["orders_new"] + daily["orders_repeat"]).all()
    assert totals["gmv"] == pytest.approx(
        totals["uv"] * totals["conversion_rate"] * totals["aov"], rel=REL
    )
    assert totals["orders_paid"] == pytest.approx(
        totals["orders_new"] + totals["orders_repeat"], rel=REL
    )


# ---------------------------------------------------------------------------- result shape
def test_result_has_the_contract_columns_and_totals() -> None:
    res = simulate(Scenario())
    assert set(CONTRACT_DAILY) <= set(res.daily.columns)
    # ``date`` (start_date + day, issue 16) sits beside ``day``; the rest are the model's numbers
    assert tuple(res.daily.columns) == ("day", "date", *DAILY_COLUMNS[1:])
    assert len(res.daily) == 180
    assert res.daily["day"].tolist() == list(range(180))
    assert set(CONTRACT_TOTALS) <= set(res.totals)
    assert res.scenario == Scenario()


def test_mean_mode_is_deterministic() -> None:
    a, b = simulate(EVERYTHING), simulate(EVERYTHING)
    pd.testing.assert_frame_equal(a.daily, b.daily, check_exact=True)


def test_totals_are_horizon_ratios_not_means_of_daily_ratios() -> None:
    res = simulate(EVERYTHING)
    d, t = res.daily, res.totals
    assert t["aov"] == pytest.approx(d["gmv"].sum() / d["orders_paid"].sum(), rel=1e-12)
    assert t["conversion_rate"] == pytest.approx(d["orders_paid"].sum() / d["uv"].sum(), rel=1e-12)
    assert t["old_customer_share"] == pytest.approx(
        d["orders_repeat"].sum() / d["orders_paid"].sum(), rel=1e-12
    )
    assert t["aov"] != pytest.approx(d["aov"].mean(), rel=1e-6)


# ---------------------------------------------------------------------------- T17
def _constant_inputs(name: str, horizon: int) -> Scenario:
    sc = load_preset(name)
    for path, value in [
        ("horizon_days", horizon),
        ("traffic.growth_pct_month", 0),
        ("traffic.weekday_profile", [1.0] * 7),
        ("promotions", []),
    ]:
        sc = set_param(sc, path, value)
    return sc


@pytest.mark.parametrize("name", ["new_store", "mid_store", "large_store"])
def test_t17_no_promotion_baseline_follows_the_warm_started_stream(name: str) -> None:
    """Rep_t = N·E_L(H + t) exactly: the history and the new cohorts on one kernel ΔE_L."""
    sc = _constant_inputs(name, 365)
    res = simulate(sc)
    d, cal = res.daily, res.calibration
    for column in ("uv", "orders_new", "aov", "conversion_rate_new"):
        assert _constant(d[column]), column
    rp = sc.repeat
    e_l = np.cumsum(
        daily_repeats(sc.store.age_days + 365, rp.r, cal.alpha_days, rp.a, rp.b, rp.lifetime_days)
    )
    expected = cal.history_buyers_per_day * e_l[sc.store.age_days - 1 + np.arange(365)]
    np.testing.assert_allclose(d["orders_repeat"], expected, rtol=REL)
    share = d["old_customer_share"].to_numpy()
    assert share[0] == pytest.approx(sc.funnel.old_customer_share, rel=REL)
    assert (np.diff(share) >= -1e-12).all()  # an old base never shrinks under a constant flow


@pytest.mark.parametrize("name", ["mid_store", "large_store"])
def test_t17_a_mature_store_stands_still(name: str) -> None:
    """CONTRACT.md: a mature store with nothing changed holds GMV within 2 % and repeat orders
    within 3 % over 180 days (main before the finite lifetime: repeat +41 %, GMV +8.2 %)."""
    res = simulate(_constant_inputs(name, 180))
    d = res.daily
    for column, tol in (("gmv", 0.02), ("orders_repeat", 0.03)):
        x = d[column].to_numpy()
        assert x.max() / x.min() - 1.0 <= tol, column
    assert "store_still_maturing" not in res.warnings
    # the preset exactly as it ships (its weekday profile and growth), week against week
    d = simulate(load_preset(name)).daily
    if load_preset(name).traffic.growth_pct_month == 0:
        weeks = d["gmv"].to_numpy()[: 25 * 7].reshape(25, 7).sum(axis=1)
        assert weeks.max() / weeks.min() - 1.0 <= 0.02


def test_t17_a_young_store_grows_and_says_why() -> None:
    res = simulate(_constant_inputs("new_store", 180))
    rep = res.daily["orders_repeat"].to_numpy()
    assert rep[-1] > 1.5 * rep[0]  # its old-customer base is still building up
    assert "store_still_maturing" in res.warnings


def test_t17_without_account_exit_the_old_drift_comes_back() -> None:
    """The retracted behaviour, for the record: L → ∞ brings back the N·E[X(H+t)] drift."""
    sc = set_param(_constant_inputs("mid_store", 180), "store.age_days", 365)
    sc = set_param(sc, "repeat.lifetime_days", PARAMS["repeat.lifetime_days"].hi)
    rep = simulate(sc).daily["orders_repeat"].to_numpy()
    assert rep[-1] / rep[0] - 1.0 > 0.2


# ---------------------------------------------------------------------------- V1
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_v1_sales_identity_for_every_preset(name: str) -> None:
    res = simulate(load_preset(name))
    assert_sales_identity(res.daily, res.totals)


def test_v1_sales_identity_with_every_source_and_promotion() -> None:
    res = simulate(EVERYTHING)
    d = res.daily
    assert (d["uv_paid"] > 0).all() and (d["uv_affiliate"] > 0).all()
    assert d.loc[40:43, "uv_campaign"].gt(0).all() and d.loc[40:46, "discount_cost"].gt(0).all()
    assert_sales_identity(d, res.totals)
    np.testing.assert_allclose(
        d["uv"],
        d["uv_organic"] + d["uv_paid"] + d["uv_affiliate"] + d["uv_campaign"] + d["uv_returning"],
        rtol=1e-12,
    )
    np.testing.assert_allclose(d["gmv"], d["gmv_new"] + d["gmv_repeat"], rtol=1e-12)
    np.testing.assert_allclose(d["discount_cost"], d["gmv_list"] - d["gmv"], rtol=1e-12)
    np.testing.assert_allclose(d["uv_value"], d["gmv"] / d["uv"], rtol=1e-12)


def test_v1_sales_identity_in_reference_mode() -> None:
    res = simulate(EVERYTHING, reference=Scenario())
    assert_sales_identity(res.daily, res.totals)


# ---------------------------------------------------------------------------- V2
def _with_conversion(cr: float) -> Scenario:
    return Scenario.model_validate({"funnel": {"conversion_rate": cr, "inquiry_rate": 0.02}})


def test_v2_low_conversion_warns() -> None:
    assert "conversion_below_1pct" in simulate(_with_conversion(0.009)).warnings
    assert "conversion_below_1pct" not in simulate(_with_conversion(0.024)).warnings
    assert simulate(Scenario()).warnings == ()


def test_event_beyond_horizon_warns() -> None:
    sc = set_param(set_param(EVERYTHING, "horizon_days", 30), "promotions", [])
    assert "event_beyond_horizon" in simulate(sc).warnings


# ---------------------------------------------------------------------------- §10c calibration
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_day_zero_reproduces_the_dashboard_numbers(name: str) -> None:
    sc = load_preset(name)
    day0 = simulate(sc).daily.iloc[0]
    assert day0["orders_paid"] / day0["uv"] == pytest.approx(sc.funnel.conversion_rate, rel=REL)
    assert day0["conversion_rate"] == pytest.approx(sc.funnel.conversion_rate, rel=REL)
    assert day0["old_customer_share"] == pytest.approx(sc.funnel.old_customer_share, rel=REL)
    assert day0["aov"] == pytest.approx(sc.store.aov, rel=REL)


@pytest.mark.parametrize("sc", [Scenario(), EVERYTHING], ids=["default", "everything"])
def test_plan_equal_to_reference_is_self_reference(sc: Scenario) -> None:
    a = simulate(sc, reference=sc.model_copy(deep=True))
    b = simulate(sc)
    pd.testing.assert_frame_equal(a.daily, b.daily, check_exact=True)
    pd.testing.assert_frame_equal(a.channels, b.channels, check_exact=True)
    assert dict(a.totals) == pytest.approx(dict(b.totals), rel=0, abs=0, nan_ok=True)
    assert a.calibration == b.calibration


def test_inquiry_conversion_lever_raises_new_orders() -> None:
    base = Scenario()
    plan = set_param(base, "funnel.inquiry_conversion", 0.35)
    d0, d1 = simulate(base).daily, simulate(plan, reference=base).daily
    gain = d1["orders_new"] - d0["orders_new"]
    # Δ new orders = UV·q_inq·Δc_inq·PR0 (the silent path stays calibrated to the reference).
    np.testing.assert_allclose(gain, 4000 * 0.05 * 0.10 * 0.9097, rtol=1e-9)
    # Self-reference re-calibrates the silent path: a store that always converted inquiries that way.
    assert simulate(plan).daily["orders_new"].to_numpy() == pytest.approx(
        d0["orders_new"].to_numpy(), rel=1e-12
    )


def test_pay_now_lever_raises_paid_orders() -> None:
    base = Scenario()
    plan = set_param(base, "payment.pay_now_share", 0.95)
    d0, d1 = simulate(base).daily, simulate(plan, reference=base).daily
    assert (d1["orders_paid"] > d0["orders_paid"]).all()
    pr1 = 0.95 + 0.05 * (0.7 * 0.44 + 0.3 * 0.3)
    np.testing.assert_allclose(d1["orders_new"] / d0["orders_new"], pr1 / 0.9097, rtol=1e-9)
    assert d1.loc[0, "orders_repeat"] / d0.loc[0, "orders_repeat"] == pytest.approx(
        pr1 / 0.9097, rel=1e-9
    )


def test_organic_uv_lever_keeps_the_reference_history() -> None:
    # Without chats: 50 % more visitors on the same 4 agents would wait longer (MODEL.md §6.2).
    base = without_queue(Scenario())
    plan = set_param(base, "traffic.organic_uv", 6000)
    d0 = simulate(base).daily
    ref_mode = simulate(plan, reference=base).daily
    self_mode = simulate(plan).daily
    assert ref_mode.loc[0, "orders_repeat"] == d0.loc[0, "orders_repeat"]
    assert self_mode.loc[0, "orders_repeat"] == pytest.approx(
        1.5 * d0.loc[0, "orders_repeat"], rel=1e-12
    )
    np.testing.assert_allclose(ref_mode["orders_new"], 1.5 * d0["orders_new"], rtol=1e-12)
    # New buyers from the extra traffic repeat from day 1 on.
    assert (ref_mode.loc[1:, "orders_repeat"] > d0.loc[1:, "orders_repeat"]).all()


def test_old_customer_share_lever_scales_the_repeat_odds() -> None:
    base = Scenario()
    plan = set_param(base, "funnel.old_customer_share", 0.3)
    d0, d1 = simulate(base).daily, simulate(plan, reference=base).daily
    odds = (0.3 / 0.7) / (0.2 / 0.8)
    assert d1.loc[0, "orders_repeat"] / d0.loc[0, "orders_repeat"] == pytest.approx(odds, rel=1e-9)


def test_unreachable_old_share_is_refused_with_a_reason() -> None:
    """An old-customer share the BG/NBD shapes cannot reach (a > 1 caps E[X] at (a+b−1)/(a−1),
    here ≈ 1, so the share at ≈ 50 %) is refused by the Scenario validator, naming the fields."""
    with pytest.raises(ValueError, match="funnel.old_customer_share.*cannot be reached"):
        Scenario.model_validate(
            {
                "funnel": {"conversion_rate": 0.3, "old_customer_share": 0.9},
                "repeat": {"a": 50, "b": 0.01},
            }
        )


def test_plan_shapes_that_cannot_reach_the_reference_share_fall_back() -> None:
    """In reference mode the plan's shapes may not reach the reference's share; the history is
    the reference's, so its own shapes calibrate it and the day-0 old share is the reference's."""
    funnel = {"conversion_rate": 0.1}
    reference = Scenario.model_validate({"funnel": {**funnel, "old_customer_share": 0.6}})
    plan = Scenario.model_validate(
        {"funnel": {**funnel, "old_customer_share": 0.4}, "repeat": {"a": 50, "b": 0.01}}
    )
    with pytest.raises(ValueError, match="cannot be reached"):
        calibrate_alpha(0.6, 365.0, plan.repeat.r, plan.repeat.a, plan.repeat.b)
    daily = simulate(plan, reference=reference).daily
    assert np.isfinite(daily.drop(columns="date").to_numpy(dtype=float)).all()
    assert (daily["orders_repeat"] > 0).all()


def test_a_equal_one_simulates() -> None:
    """repeat.a = 1 is inside the registry range [0.01, 50] (regression: ZeroDivisionError)."""
    sc = set_param(Scenario(), "repeat.a", 1.0)
    res = simulate(sc)
    assert np.isfinite(res.daily.drop(columns="date").to_numpy(dtype=float)).all()
    assert res.daily.loc[0, "old_customer_share"] == pytest.approx(0.2, rel=1e-9)


def test_tiny_positive_reference_old_share() -> None:
    """A reference share too small to tell from zero (α would exceed 10¹² days) counts as no
    repeat buying: the plan's share then sets the scale, and nothing overflows."""
    reference = set_param(Scenario(), "funnel.old_customer_share", 1e-313)
    res = simulate(Scenario(), reference=reference)
    assert np.isfinite(res.daily["gmv"]).all()
    # The plan's 20 % old share on the reference's history: finite and close to a 20 % store.
    assert res.daily.loc[0, "old_customer_share"] == pytest.approx(0.2, rel=1e-3)


# ------------------------------------------------------------- returning buyers' visits (issue 15)
@pytest.mark.parametrize("organic_uv", [0.0, 1.0, 50.0])
def test_returning_buyers_visit_more_often_than_they_buy(organic_uv: float) -> None:
    """Main before v_ret: with almost no new traffic every repeat order was one visit that
    converted, and conversion read 100 %. Each returning buyer's order now takes v_ret visits."""
    base = Scenario()
    res = simulate(set_param(base, "traffic.organic_uv", organic_uv), reference=base)
    d, v = res.daily, base.funnel.returning_visits_per_order
    assert d["orders_repeat"].gt(0).all()
    assert (d["conversion_rate"] <= 0.5).all()
    assert (d["uv"] >= d["orders_new"] + v * d["orders_repeat"] - 1e-9).all()
    assert_sales_identity(d, res.totals)


def test_returning_visits_only_fill_what_the_sources_cannot_hold() -> None:
    """A store with everyday traffic is unchanged: its visitors already hold its buyers' visits."""
    res = simulate(Scenario())
    assert res.daily["uv_returning"].eq(0).all()
    low = set_param(Scenario(), "funnel.returning_visits_per_order", 1.0)
    d = simulate(set_param(low, "traffic.organic_uv", 0.0), reference=low).daily
    np.testing.assert_allclose(d["uv"], d["orders_paid"], rtol=1e-12)  # v_ret = 1: one visit each


def test_t17_a_mature_store_running_schemes_stands_still_too() -> None:
    """Members and card holders leave with their accounts: a mature store's member count levels
    off (main before the lifetime: it counted everyone who ever joined, +41 % repeat orders)."""
    sc = _constant_inputs("mid_store", 180)
    for path, value in (
        ("membership.points.enabled", True),
        ("membership.card.enabled", True),
        ("membership.stored_value.enabled", True),
    ):
        sc = set_param(sc, path, value)
    d = simulate(sc).daily
    for column, tol in (("gmv", 0.02), ("profit", 0.02), ("members", 0.03), ("card_holders", 0.03)):
        x = d[column].to_numpy()
        assert x.max() / x.min() - 1.0 <= tol, column


def test_a_store_starting_below_the_campaign_gate_keeps_its_scores_as_its_own_reference() -> None:
    """A store whose DSR starts below the 聚划算/天天特价 gate never had that traffic to serve: as
    its own reference, its desk is measured under the same closed gate, so nothing moves its
    service score (it rose to 4.80035 when the reference desk served the gated traffic)."""
    from simulator import PARAMS, load_preset, set_param
    from simulator.quality import initial_gate

    sc = set_param(load_preset("mid_store"), "promotions", [])
    sc = set_param(sc, "traffic.campaigns", [{"kind": "juhuasuan", "start_day": 3, "end_day": 9,
                                              "platform_uv": 10_000_000}])  # fmt: skip
    sc = set_param(sc, "dsr.initial.logistics", 1.0)
    sc = set_param(sc, "dsr.gate", 4.17)
    sc = set_param(sc, "fulfilment.capacity_per_day", PARAMS["fulfilment.capacity_per_day"].hi)
    assert (initial_gate(sc, 5) == 0).all()  # mean DSR (4.8 + 4.8 + 1) / 3 < the gate
    assert (initial_gate(set_param(sc, "dsr.gate", 0.0), 5) == 1).all()  # no gate: open
    res = simulate(sc)
    ini = sc.dsr.initial
    for col, f0 in (("dsr_description", ini.description), ("dsr_service", ini.service),
                    ("dsr_logistics", ini.logistics)):  # fmt: skip
        np.testing.assert_allclose(res.daily[col], f0, rtol=0, atol=1e-9, err_msg=col)
    assert (res.daily["uv_campaign"] == 0).all()  # the gate keeps the campaign out
