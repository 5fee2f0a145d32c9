"""Item-level price response, first-time discount form (MODEL.md §5.1; validation value T12)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator import Scenario, load_preset, set_param, simulate
from simulator.pricing import (
    price_multiplier,
    price_response,
    reference_log_price,
    shipping_fee_response,
)
from simulator.promotions import stream_days
from tests.simulator.strategies import without_feedback

M_20_OFF = 1.794338  # 0.8^−2.62


def _first_time(sc: Scenario) -> Scenario:
    """The first-time form of MODEL.md §5.1: no reference-price effects, no pull-forward, and no
    feedback of the deal orders through the description score on later days (§7.3, §7.7)."""
    for path in ("price.reference_share", "price.latitude", "price.pull_forward"):
        sc = set_param(sc, path, 0.0)
    return without_feedback(sc)


def _with_discount(sc: Scenario, *promos: dict) -> Scenario:
    return set_param(sc, "promotions", list(promos))


def _discount(start: int, end: int, pct: float, coverage: float = 1.0) -> dict:
    return {
        "kind": "item_discount",
        "start_day": start,
        "end_day": end,
        "pct": pct,
        "coverage": coverage,
    }


def test_t12_twenty_percent_off_multiplies_orders_by_the_elasticity() -> None:
    assert float(price_multiplier(np.array(0.8), -2.62, 0.5)) == pytest.approx(M_20_OFF, abs=1e-6)


def test_price_floor_caps_the_response() -> None:
    deep = price_multiplier(np.array([0.3, 0.5, 0.6]), -2.62, 0.5)
    assert deep[0] == deep[1] == pytest.approx(0.5**-2.62)
    assert deep[2] == pytest.approx(0.6**-2.62)


def test_t12_engine_applies_m_phi_to_orders_and_m_one_minus_phi_to_units() -> None:
    base = _first_time(Scenario())
    promo = _with_discount(base, _discount(10, 13, 0.2))
    phi = base.price.conversion_share
    d0, d1 = simulate(base).daily, simulate(promo).daily
    on = d0["day"].between(10, 13)
    np.testing.assert_allclose(
        d1.loc[on, "orders_new"] / d0.loc[on, "orders_new"], M_20_OFF**phi, rtol=1e-6
    )
    np.testing.assert_allclose(
        d1.loc[on, "units_per_order"] / d0.loc[on, "units_per_order"],
        M_20_OFF ** (1 - phi),
        rtol=1e-6,
    )
    # Paid order value: more units, each 20 % cheaper.
    np.testing.assert_allclose(
        d1.loc[on, "aov"] / d0.loc[on, "aov"], 0.8 * M_20_OFF ** (1 - phi), rtol=1e-6
    )
    np.testing.assert_allclose(d1.loc[on, "price_index"], 0.8, rtol=1e-12)
    # New-customer orders do not depend on history: identical outside the window.
    assert (d1.loc[~on, "orders_new"] == d0.loc[~on, "orders_new"]).all()
    assert (d1.loc[~on, "discount_cost"] == 0).all()
    assert (d1.loc[on, "discount_cost"] > 0).all()


def test_old_customers_respond_with_their_own_share() -> None:
    base = _first_time(Scenario())
    promo = _with_discount(base, _discount(10, 13, 0.2))
    d0, d1 = simulate(base).daily, simulate(promo).daily
    # Day 10 has no new buyers from the promotion yet (they repeat from day 11 on).
    ratio = d1.loc[10, "orders_repeat"] / d0.loc[10, "orders_repeat"]
    assert ratio == pytest.approx((0.8**-2.62) ** base.price.repeat_share, rel=1e-9)


def test_partial_coverage_is_net_of_cannibalisation() -> None:
    sc = _with_discount(
        set_param(Scenario(), "horizon_days", 20), _discount(2, 4, 0.4, coverage=0.5)
    )
    sc = set_param(set_param(sc, "price.reference_share", 0.0), "price.latitude", 0.0)
    days = stream_days(sc, "new", sc.store.aov)
    x = 1 - 0.4 * 0.5
    m = x**-2.62
    assert days.total_multiplier[3] == pytest.approx(1 + (1 - 0.22) * (m - 1), rel=1e-12)
    assert days.total_multiplier[0] == days.total_multiplier[5] == 1.0


def test_concurrent_item_discounts_are_refused() -> None:
    """Seed 003: never two layers of one kind at once."""
    with pytest.raises(ValueError, match="two item_discount promotions overlap on day 7"):
        _with_discount(Scenario(), _discount(5, 9, 0.1), _discount(7, 12, 0.3))


# ---------------------------------------------------------------------------- T12 reference prices
def _reference_scenario(rho: float, persistence: float = 0.95) -> Scenario:
    sc = set_param(Scenario(), "price.reference_share", rho)
    sc = set_param(sc, "price.latitude", 0.0)
    return set_param(sc, "price.reference_persistence", persistence)


#: List price, four days at 20 % off, list price again.
PATH_20_OFF = np.array([1.0, 0.8, 0.8, 0.8, 0.8, 1.0])


@pytest.mark.parametrize(("rho", "back_to_list"), [(0.3, 0.929414), (0.5, 0.885146)])
def test_t12_reference_price_adapts_and_a_return_to_list_is_a_loss(
    rho: float, back_to_list: float
) -> None:
    """ε = −2.62, λ_lat = 0: the first 20 % cut gives x^ε whatever ρ_ref; after four days at 20 %
    off (θ_ref = 0.95) ln(R*/p0) = −0.041392 and the return to list is a loss."""
    sc = _reference_scenario(rho)
    m = price_response(sc, PATH_20_OFF)
    assert m[0] == pytest.approx(1.0, abs=1e-12)
    assert m[1] == pytest.approx(M_20_OFF, abs=1e-4)
    assert m[5] == pytest.approx(back_to_list, abs=1e-4)
    ref = reference_log_price(np.log(PATH_20_OFF), 0.95)
    assert ref[5] == pytest.approx(-0.041392, abs=1e-6)
    assert ref[5] == pytest.approx((1 - 0.95**4) * np.log(0.8), rel=1e-12)
    # Gains shrink while the reference adapts to the lower price.
    assert m[1] > m[2] > m[3] > m[4] > 1
    # Without reference effects the same path gives x^ε on every day, 1 back at list.
    plain = price_response(sc, PATH_20_OFF, reference=False)
    np.testing.assert_allclose(plain, PATH_20_OFF**-2.62, rtol=1e-12)


def test_t12_latitude_absorbs_small_gaps() -> None:
    """λ_lat = 0.02 (default): the first-day gain is ln(1/0.8) − 0.02, a little less than x^ε."""
    sc = set_param(_reference_scenario(0.3), "price.latitude", 0.02)
    m = price_response(sc, PATH_20_OFF)
    gain = -np.log(0.8) - 0.02
    expected = np.exp(0.7 * -2.62 * np.log(0.8) + 0.3 * 2.62 * gain)
    assert m[1] == pytest.approx(expected, rel=1e-12)
    assert m[1] < M_20_OFF


@pytest.mark.parametrize("persistence", [0.5, 0.8, 0.95])
def test_discounts_below_the_floor_saturate_reference_included(persistence: float) -> None:
    """Regression: the reference followed the unfloored price, so a 90 %-off week (x = 0.1 below
    x_floor = 0.5) soon looked like a *loss* against the fallen reference — with θ_ref = 0.5 the
    multiplier fell to 0.28 on day 4 of the sale, below the list-price demand. Below the floor the
    whole response now equals the response at the floor."""
    sc = _reference_scenario(0.3, persistence)
    days = np.array([1.0] * 2 + [0.1] * 5 + [1.0] * 3)
    at_floor = np.where(days < 1, 0.5, 1.0)
    deep, floor = price_response(sc, days), price_response(sc, at_floor)
    np.testing.assert_allclose(deep, floor, rtol=1e-12)
    assert (deep[2:7] > 1).all()


# ---------------------------------------------------------------------------- V5
def test_v5_doubling_sales_is_a_23_pct_cut() -> None:
    """Zhang et al. 2020: a store-wide cart discount roughly doubles promoted-item sales on the day.
    With ε = −2.62, x^ε = 2 at x = 0.767, and 23 % off gives ×1.98 (first-time form)."""
    x = 2.0 ** (1 / -2.62)
    assert x == pytest.approx(0.767, abs=1e-3)
    assert float(price_multiplier(np.array(x), -2.62, 0.5)) == pytest.approx(2.0, rel=1e-12)
    m = price_response(_reference_scenario(0.3), np.array([1.0, 0.77]))
    assert m[1] == pytest.approx(2.0, abs=0.05)


def test_v5_engine_units_double_on_the_first_day() -> None:
    """Units sold (orders × units per order) on the first day of 23 % off, both streams: ×x^ε with
    λ_lat = 0 (1.983) and ×1.952 with the default latitude 0.02."""
    for latitude, expected in ((0.0, 0.77**-2.62), (0.02, 1.952)):
        base = set_param(set_param(Scenario(), "price.latitude", latitude), "horizon_days", 20)
        plan = _with_discount(base, _discount(10, 13, 0.23))
        d0, d1 = simulate(base).daily, simulate(plan).daily
        ratio = (
            d1["orders_paid"] * d1["units_per_order"] / (d0["orders_paid"] * d0["units_per_order"])
        )[10]
        assert ratio == pytest.approx(expected, abs=1e-3)
        assert ratio == pytest.approx(2.0, abs=0.05)


# ------------------------------------------------------------- past the evidence (issue 15)
@pytest.mark.parametrize(("pct", "warned"), [(0.3, False), (0.5, False), (0.6, True), (0.9, True)])
def test_a_discount_deeper_than_the_floor_is_flagged(pct: float, warned: bool) -> None:
    """x_floor = 0.5: deeper discounts all give the floor's demand, and the result says so."""
    sc = set_param(Scenario(), "horizon_days", 60)
    plan = set_param(sc, "promotions", [{"kind": "item_discount", "start_day": 5, "end_day": 8,
                                         "pct": pct}])  # fmt: skip
    res = simulate(plan, reference=sc)
    assert ("discount_past_evidence" in res.warnings) is warned
    assert "discount_past_evidence" not in simulate(sc).warnings


def test_a_reward_worth_more_than_the_floor_is_flagged() -> None:
    sc = set_param(Scenario(), "horizon_days", 60)
    # a gift the buyers value far above the basket (threshold 0: every order gets one)
    plan = set_param(sc, "promotions", [{"kind": "gift", "start_day": 5, "end_day": 8,
                                         "value": 2000.0, "cost": 10.0, "threshold": 0.0}])  # fmt: skip
    assert "discount_past_evidence" in simulate(plan, reference=sc).warnings


def test_a_dearer_shipping_fee_sells_fewer_orders() -> None:
    """Issue 15: the shipping fee charged once had no demand response (50 yuan on a 115-yuan
    basket sold as many orders as 包邮). Against a fixed reference, orders never rise with the
    fee, fall at 50 yuan, and the reference's own fee changes nothing."""
    ref = set_param(load_preset("mid_store"), "horizon_days", 60)
    orders = [
        simulate(set_param(ref, "store.shipping_fee", fee), reference=ref).totals["orders_paid"]
        for fee in (0.0, 5.0, 10.0, 20.0, 50.0)
    ]
    assert (np.diff(orders) <= 0).all()
    assert orders[-1] < 0.95 * orders[2]
    same = set_param(ref, "store.shipping_fee", ref.store.shipping_fee)
    assert shipping_fee_response(same, ref, ref.store.aov) == (1.0, ref.store.paid_shipping_share)
    assert orders[2] == simulate(ref).totals["orders_paid"]


def test_the_buyers_a_dearer_fee_turns_away_are_the_ones_asked_to_pay_it() -> None:
    """Only the share π paying shipping sees the fee, and those who still pay are fewer: the fee
    income follows them, so 10 → 50 yuan no longer prints profit (it did: +24 % with the whole
    order base still paying 50 yuan)."""
    ref = set_param(load_preset("mid_store"), "horizon_days", 365)
    dear = set_param(ref, "store.shipping_fee", 50.0)
    m, paying = shipping_fee_response(dear, ref, ref.store.aov)
    e = (1 - ref.price.reference_share) * ref.price.elasticity
    y = ((ref.store.aov + 50.0) / ref.store.aov) ** e
    y0 = ((ref.store.aov + 10.0) / ref.store.aov) ** e
    pi = ref.store.paid_shipping_share
    assert m == pytest.approx((1 - pi + pi * y) / (1 - pi + pi * y0), rel=1e-12)
    assert paying == pytest.approx(pi * y / (1 - pi + pi * y), rel=1e-12) and paying < pi
    t0, t1 = simulate(ref).totals, simulate(dear, reference=ref).totals
    assert t1["orders_paid"] < 0.92 * t0["orders_paid"]
    assert t1["profit"] < 1.02 * t0["profit"]
    free = simulate(set_param(ref, "store.shipping_fee", 0.0), reference=ref).totals
    assert free["orders_paid"] > t0["orders_paid"] and free["shipping_fee_income"] == 0.0
