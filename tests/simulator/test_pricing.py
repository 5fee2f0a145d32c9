"""Item-level price response, first-time discount form (MODEL.md §5.1; validation value T12)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator import Scenario, set_param, simulate
from simulator.pricing import price_multiplier
from simulator.promotions import stream_days

M_20_OFF = 1.794338  # 0.8^−2.62


def _first_time(sc: Scenario) -> Scenario:
    """The first-time form of MODEL.md §5.1: no reference-price effects, no pull-forward."""
    for path in ("price.reference_share", "price.latitude", "price.pull_forward"):
        sc = set_param(sc, path, 0.0)
    return sc


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


def test_t12_price_multiplier() -> None:
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
