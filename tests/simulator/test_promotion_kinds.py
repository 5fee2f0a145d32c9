"""Promotion kinds carry their behaviour (issue 18): each kind is one class declaring its parameters,
validation, stage, response and labels, and the engine, the UI and the strategies iterate over the
registry ``KINDS``, so a new kind is one class, its registry entries and its zh/en strings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from simulator import PARAMS, load_preset, simulate
from simulator.basket import Padding, basket_density, threshold_curve, threshold_outcome
from simulator.promotion_kinds import (
    KINDS,
    STAGE_ORDER,
    Coupon,
    OrderResponse,
    Phrase,
    Promotion,
    PromotionKind,
    Yuan,
)
from simulator.promotions import basket_offers, basket_shift, stream_days, tier_picker
from simulator.scenario import Scenario
from tests.simulator.strategies import FIELD_DRAWS, promotion_of

ADAPTER = TypeAdapter(Promotion)
GOALS = {"conversion", "aov", "repurchase"}


def _overrides(cls: type[PromotionKind], method: str) -> bool:
    return getattr(cls, method) is not getattr(PromotionKind, method)


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_declares_its_parameters_stage_response_and_labels(name: str) -> None:
    """What a kind must declare: a ``kind`` equal to its registry name, the registry prefix of its
    number fields (each with a registry entry), a stage, goals, the response of its stage, a
    summary, and its zh/en name and description."""
    cls = KINDS[name]
    assert cls.name() == name and cls._prefix == f"promotion.{name}"
    for field in cls.number_fields():
        p = PARAMS[f"promotion.{name}.{field}"]
        assert p.zh and p.en, (name, field)
    assert cls.STAGE in STAGE_ORDER
    assert cls.GOALS and set(cls.GOALS) <= GOALS
    if cls.STAGE == "item":
        assert _overrides(cls, "item_level")
    else:
        assert _overrides(cls, "order_response")
    assert _overrides(cls, "summary")  # its zh/en strings: tests/ui/test_promotions_ui.py
    if cls.TABLE is not None:
        assert cls.TABLE.field in cls.model_fields
        assert all(path in PARAMS for path in cls.TABLE.columns.values())


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_is_a_scenario_promotion_and_keeps_its_json(name: str) -> None:
    """The scenario's ``Promotion`` union is built from the registry; a default promotion of each
    kind survives the JSON a share link and a workspace file store."""
    promo = ADAPTER.validate_python({"kind": name})
    assert type(promo) is KINDS[name]
    sc = Scenario(promotions=(promo,))
    back = Scenario.model_validate_json(sc.model_dump_json())
    assert back == sc
    assert list(promo.model_dump())[:5] == ["start_day", "end_day", "preheat_days", "audience",
                                            "kind"]  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_strategies_draw_every_kind_valid(data: st.DataObject) -> None:
    """Every registered kind is drawn (with its everyday draw, else over its registry ranges)."""
    assert set(FIELD_DRAWS) <= set(KINDS)
    sc = load_preset("mid_store")
    name = data.draw(st.sampled_from(list(KINDS)))
    promo = ADAPTER.validate_python(data.draw(promotion_of(name, sc)))
    assert promo.kind == name and promo.summary(sc)


class Cashback(PromotionKind):
    """A test-only kind (返现: money back on every order of the share who claim it), declared
    here alone: no engine, UI or strategy code names it."""

    _prefix = "promotion.cashback"
    STAGE = "order"
    GOALS = ("conversion",)
    kind: str = "cashback"
    back: float = 5.0
    claim_rate: float = 1.0

    def order_response(self, plan, aov_item, padding, w, sigma) -> OrderResponse:
        money = np.zeros_like(aov_item) + w * self.claim_rate * self.back
        return OrderResponse.of(aov_item, perceived=money, discount=money)

    def summary(self, plan) -> tuple[Phrase, ...]:
        return (Phrase("sum.coupon_any", f=Yuan(self.back), c=Yuan(self.claim_rate)),)


def test_a_new_kind_is_one_class_the_engine_runs_as_it_declares() -> None:
    """A kind declared only in this test runs through the engine: it does what an equivalent
    coupon without threshold (claimed by everyone) does, to the closed form's rounding."""
    base = load_preset("mid_store")
    window = {"start_day": 10, "end_day": 14}
    # model_copy(update=…) skips validation: the union of registered kinds does not know it
    with_cashback = base.model_copy(update={"promotions": (Cashback(**window, back=5.0),)})
    with_coupon = base.model_copy(
        update={"promotions": (Coupon(**window, face=5.0, threshold=0.0, claim_rate=1.0),)}
    )
    new = stream_days(with_cashback, "new", base.store.aov)
    assert new.order_discount[12] == pytest.approx(5.0)
    assert new.order_discount[20] == 0.0
    a, b = simulate(with_cashback).totals, simulate(with_coupon).totals
    for key in ("gmv", "orders_paid", "profit", "promotion_cost"):
        assert a[key] == pytest.approx(b[key], rel=1e-6), key
    assert Cashback().summary(base)[0].values["f"] == Yuan(5.0)


def test_the_basket_the_page_draws_is_the_closed_forms() -> None:
    """``basket_shift`` and ``tier_picker`` (what the Promotions page draws) are the basket's
    closed forms on the store's basket, and an offer's tiers are what the engine reads."""
    sc = load_preset("mid_store").model_copy(
        update={
            "promotions": (
                ADAPTER.validate_python({"kind": "threshold_discount", "tiers": [[150, 15]]}),
                ADAPTER.validate_python({"kind": "free_shipping", "start_day": 40,
                                         "end_day": 45}),
            )
        }
    )  # fmt: skip
    aov, sigma = sc.store.aov, sc.basket.sigma
    padding = Padding(sc.basket.pad_value_share, sc.basket.pad_max_prob)
    offers = basket_offers(sc)
    assert offers[0] == ([(150.0, 15.0)], 1.0)
    assert offers[1].share == sc.store.paid_shipping_share
    shift = basket_shift(sc, tiers=offers[0].tiers)
    grid = np.linspace(0.0, aov * 4.0, 600)
    before, after = basket_density(aov, sigma, [(150.0, 15.0)], grid, padding)
    np.testing.assert_array_equal(shift.after, after)
    np.testing.assert_array_equal(shift.before, before)
    out = threshold_outcome(aov, sigma, [(150.0, 15.0)], padding)
    assert shift.p_pad == float(out.p_pad) and shift.delta_aov == float(out.delta_aov)
    assert shift.pad_verdict == "in_range"  # the defaults sit inside Hemmati's 12.4–28.4 %
    picker = tier_picker(sc, amount_off=10.0)
    curve = threshold_curve(aov, sigma, np.linspace(aov * 0.6, aov * 2.0, 40), 10.0, padding)
    np.testing.assert_array_equal(picker.curve["aov"], curve["aov"])
    assert picker.current == [150.0]
    assert picker.first is not None and picker.first.threshold == 150.0
