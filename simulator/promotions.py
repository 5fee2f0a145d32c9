"""Promotions: what every active offer does to each day's orders, basket and costs (MODEL.md §5).

Stacking order per order (§5.0): (1) item level — 限时折扣 with reference prices, 第2件N折 —
then (2) order level on the lognormal basket — 满减, 优惠券, 满包邮, 满就送, 抽奖 — then (3) add-ons
(加价换购). Effects are computed for two streams: new customers and old customers (repeat orders,
of whom a share ``membership.enrollment_rate`` are members). An offer whose audience covers only
part of a stream acts on that part: its multiplier is mixed as 1 + w·(M − 1), its per-order
amounts weighted by the orders it moves [ASSUMPTION: offers act independently].

Pull-forward (§5.11): incremental orders ΔQ_t = Orders_t·(1 − 1/M^o_t) are borrowed from the future,
Dbt_{t+1} = Dbt_t·(1 − 1/τ) + π·ΔQ_t, and fall due as d_t = Dbt_t/τ (the post-promotion dip).
Two choices keep the dip within the 4–25 % of the bump that van Heerde, Leeflang & Wittink (2000)
measured (before them a 20 %-off week dipped by 32 % of its orders lift, 50 % off by 32–38 %):

* M^o is the promotion's multiplier on the number of orders (purchase timing: buyers who bought
  early skip a later order); the extra units in the deal baskets (M^(1−φ)) are not borrowed but
  count as consumption and category expansion [ASSUMPTION; van Heerde, Leeflang & Wittink 2004
  split the bump into cross-period, cross-brand and category expansion, about a third each].
  Charging the units lift as borrowed orders had doubled the dip in orders.
* The reference-price loss after the event (``pricing.py``: returning to list price feels like a
  rise) and the repayment are two accounts of one dip, the one the literature measures, so they
  do not add: the orders the loss already keeps away, ℓ_t = Orders_t·(1/M^o_t − 1)⁺, pay the debt
  first and only the rest is charged, repay_t = (d_t − ℓ_t)⁺ [ASSUMPTION]. Conservation (T14)
  reads Σ (repay_t + min(ℓ_t, d_t)) = π·Σ ΔQ_t.

Pre-heat (预热): conversion × (1 − w_pre) on the announced days before an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.signal import lfilter

from .basket import (
    HEMMATI_PAD_SHARE,
    Padding,
    basket_density,
    threshold_curve,
    threshold_outcome,
)
from .promotion_kinds import (
    FREE_SHIPPING_MARGIN,
    KINDS,
    BasketOffer,
    FreeShipping,
    OrderResponse,
)
from .scenario import Scenario

FloatArray = NDArray[np.float64]
#: Each kind's main goal among seed 003's promotion toolbox tags (conversion, order value,
#: repurchase), as the kinds declare them.
GOALS = {name: kind.GOALS[0] for name, kind in KINDS.items()}


@dataclass
class StreamDays:
    """Per-order effects of all active promotions on one stream, arrays of length T."""

    conversion: FloatArray  # multiplier on the stream's orders
    units_factor: FloatArray  # multiplier on units per order (M_units, upgrades, add-ons)
    list_value: FloatArray  # list value of the merchandise per order (yuan)
    item_discount: FloatArray  # item-level discount per order (yuan)
    order_discount: FloatArray  # order-level rewards per order (满减, coupons; yuan)
    addon_revenue: FloatArray  # 加价换购 revenue per order (yuan)
    goods_cost: FloatArray  # gifts, add-on items, prizes per order (yuan, at cost)
    free_shipping: FloatArray  # share of orders shipped free by a promotion
    padded_value: FloatArray  # extra list value from topping up (bubble returns apply)
    total_multiplier: FloatArray  # M_total: price-driven demand (orders × units)
    order_multiplier: FloatArray  # M^o: price-driven orders, the part pull-forward borrows
    cost_by_promo: dict[int, FloatArray] = field(default_factory=dict)  # direct cost per order
    #: days whose (item or reward-equivalent) price index fell below x_floor: the demand response
    #: is held at the floor's there, past the evidence (``pricing`` docstring)
    past_floor: NDArray[np.bool_] | None = None

    @property
    def paid_value(self) -> FloatArray:
        return self.list_value - self.item_discount - self.order_discount + self.addon_revenue


def _window(promo, horizon: int) -> FloatArray:
    return promo.active(horizon)


def audience_weight(promo, stream: str, member_share: float) -> float:
    """Share of a stream's buyers an offer reaches: new buyers are not old customers or members."""
    if promo.audience == "all":
        return 1.0
    if stream == "new":
        return 0.0
    return 1.0 if promo.audience == "old_customers" else member_share


@dataclass
class _Stream:
    """A stream's day multipliers and per-order values while the promotions are applied in turn
    (item level, second items, order level, pre-heat); ``days`` gives the frozen result."""

    plan: Scenario
    stream: str
    phi: float  # share of the price response on conversion (the rest on units)
    member_share: float
    conv: FloatArray
    units: FloatArray
    demand: FloatArray
    orders: FloatArray
    list_value: FloatArray
    item_disc: FloatArray
    past_floor: NDArray[np.bool_]
    costs: dict[int, FloatArray] = field(default_factory=dict)

    @classmethod
    def start(cls, plan: Scenario, stream: str, base_list_value: float) -> _Stream:
        horizon, pr = plan.horizon_days, plan.price
        ones = np.ones(horizon)
        return cls(
            plan=plan,
            stream=stream,
            phi=pr.conversion_share if stream == "new" else pr.repeat_share,
            member_share=plan.membership.enrollment_rate,
            conv=ones.copy(),
            units=ones.copy(),
            demand=ones.copy(),
            orders=ones.copy(),
            list_value=base_list_value * ones,
            item_disc=np.zeros(horizon),
            past_floor=np.zeros(horizon, dtype=bool),
        )

    def weight(self, promo) -> float:
        return audience_weight(promo, self.stream, self.member_share)


def stream_days(
    plan: Scenario,
    stream: str,
    base_list_value: float,
    memo: dict | None = None,
    *,
    sigma: float | None = None,
) -> StreamDays:
    """Effects of every promotion of ``plan`` on the ``stream`` ("new" or "repeat").

    ``memo``: share one dict between the calls for both streams of one plan, so that an offer
    that meets the same baskets in both streams is worked out once. ``sigma``: the stream's
    basket spread (lognormal σ), default the store's ``basket.sigma``.
    """
    memo = {} if memo is None else memo
    spread = plan.basket.sigma if sigma is None else float(sigma)
    st = _Stream.start(plan, stream, base_list_value)
    for kind in KINDS.values():  # (1) item level, kind by kind
        if kind.STAGE == "item":
            kind.item_level(st)
    order = _order_rewards(st, memo, spread)
    _preheat_waiting(st)
    return StreamDays(st.conv, st.units, st.list_value, st.item_disc, order.discount,
                      order.addon_revenue, order.goods, order.free_shipping, order.padded,
                      st.demand, st.orders, st.costs, st.past_floor)  # fmt: skip


@dataclass(frozen=True)
class _OrderLevel:
    """Per-order values of the order-level offers of a stream (yuan, or a share of orders)."""

    discount: FloatArray
    addon_revenue: FloatArray
    goods: FloatArray
    free_shipping: FloatArray
    padded: FloatArray


def _order_rewards(st: _Stream, memo: dict, spread: float) -> _OrderLevel:
    """(2, 3) Order level and add-ons, on the basket after item discounts: each offer's
    ``order_response``, memoised on its baskets."""
    plan, horizon, pr = st.plan, st.plan.horizon_days, st.plan.price
    padding = padding_of(plan)
    order_disc, addon_rev, goods = np.zeros(horizon), np.zeros(horizon), np.zeros(horizon)
    free_ship, padded = np.zeros(horizon), np.zeros(horizon)
    aov_item = st.list_value - st.item_disc
    discount_by_promo: dict[int, FloatArray] = {}
    for i, promo in enumerate(plan.promotions):
        w = st.weight(promo)
        if promo.STAGE == "item" or w == 0:
            continue
        days = np.flatnonzero(_window(promo, horizon))
        if days.size == 0:
            continue
        key = (i, w, spread, aov_item[days].tobytes())
        if key not in memo:
            memo[key] = promo.order_response(plan, aov_item[days], padding, w, spread)
        eff: OrderResponse = memo[key]
        # The reward enters §5.1 as an extra price cut, so it saturates at x_floor as prices do
        # (a gift worth more than the basket would otherwise raise a negative base to a power).
        depth = (
            pr.threshold_salience
            * eff.perceived
            / (aov_item[days] + np.maximum(eff.delta_aov, 0.0))
        )
        st.past_floor[days] |= 1.0 - depth < pr.floor
        thr = np.maximum(1.0 - depth, pr.floor) ** (st.phi * pr.elasticity)
        st.conv[days] *= thr
        st.demand[days] *= thr  # the reward acts like a price cut: it borrows from the future too
        st.orders[days] *= thr
        # Padding only adds (≥ 0); the clip removes the rounding of the closed form's differences
        # (−2e-7 yuan made refunds negative in a hypothesis find).
        pad = np.maximum(eff.delta_aov, 0.0)
        st.list_value[days] += pad
        padded[days] += pad
        order_disc[days] += eff.discount
        addon_rev[days] += eff.addon_revenue
        goods[days] += eff.goods
        free_ship[days] = np.minimum(1.0, free_ship[days] + eff.free_shipping)
        st.units[days] *= 1.0 + eff.units
        cost = np.zeros(horizon)
        cost[days] = eff.goods + eff.shipping_value
        st.costs[i] = cost
        discount_by_promo[i] = np.zeros(horizon)
        discount_by_promo[i][days] = eff.discount
    # Stacked order-level rewards never take more than the basket they apply to (each one is
    # already capped alone, in basket.threshold_outcome): where their sum would, every reward is
    # scaled down in proportion [ASSUMPTION: the platform charges at least the basket's value − ε].
    basket = st.list_value - st.item_disc
    scale = np.divide(basket, order_disc, out=np.ones(horizon), where=order_disc > basket)
    for i, disc in discount_by_promo.items():
        st.costs[i] = st.costs[i] + disc * scale
    return _OrderLevel(order_disc * scale, addon_rev, goods, free_ship, padded)


def _preheat_waiting(st: _Stream) -> None:
    """(3) Pre-heat: buyers who wait for the event convert less on the days before it."""
    pr = st.plan.price
    for promo in st.plan.promotions:
        w = st.weight(promo)
        if promo.preheat_days > 0 and w > 0:
            st.conv = st.conv * (1.0 - w * pr.preheat_dip * promo.preheat(st.plan.horizon_days))


def free_shipping_threshold(plan: Scenario, promo: FreeShipping) -> float:
    """The threshold of a 满包邮 in force (``FreeShipping.threshold_for``)."""
    return promo.threshold_for(plan)


def pull_forward_debt(delta: FloatArray, share: float, days: float) -> FloatArray:
    """Dbt_t with Dbt_0 = 0 and Dbt_{t+1} = Dbt_t·(1 − 1/τ) + π·ΔQ_t (MODEL.md §5.11).

    The amount falling due on day t is Dbt_t/τ; over an infinite horizon Σ Dbt_t/τ = π·Σ ΔQ (T14).
    """
    delta = np.asarray(delta, dtype=float)
    inflow = np.concatenate((np.zeros(delta.shape[:-1] + (1,)), (share * delta)[..., :-1]), axis=-1)
    if np.ndim(days) == 0:
        return lfilter([1.0], [1.0, -(1.0 - 1.0 / days)], inflow)
    keep = 1.0 - 1.0 / np.asarray(days, dtype=float)[..., 0]  # a batch: each path's own decay
    out = np.empty_like(inflow)
    prev = np.zeros(inflow.shape[:-1])
    for t in range(inflow.shape[-1]):
        prev = keep * prev + inflow[..., t]
        out[..., t] = prev
    return out


def pull_forward_repay(debt: FloatArray, days: float, lost: FloatArray) -> FloatArray:
    """repay_t = (Dbt_t/τ − ℓ_t)⁺: what falls due, less the orders the reference-price loss
    already keeps away on that day (module docstring)."""
    return np.maximum(0.0, np.asarray(debt, dtype=float) / days - lost)


def incremental_orders(gross: FloatArray, multiplier: FloatArray) -> FloatArray:
    """ΔQ_t = gross_t·(1 − 1/M_t)⁺: the orders a promotion adds on day t."""
    return gross * np.maximum(0.0, 1.0 - 1.0 / np.maximum(multiplier, 1e-12))


def lost_orders(gross: FloatArray, multiplier: FloatArray) -> FloatArray:
    """ℓ_t = gross_t·(1/M_t − 1)⁺: the orders a multiplier below 1 keeps away on day t."""
    return gross * np.maximum(0.0, 1.0 / np.maximum(multiplier, 1e-12) - 1.0)


def voucher_specs(
    plan: Scenario, horizon: int
) -> list[tuple[int, FloatArray, float, int, float, float]]:
    """Post-purchase vouchers (抵价券) given to new buyers: for each such coupon, (index, share of
    each day's new buyers who receive one, face, validity days, repeat uplift, minimum spend)."""
    return [
        (i, _window(p, horizon) * p.claim_rate, p.face, p.valid_days, p.repeat_uplift, p.threshold)
        for i, p in enumerate(plan.promotions)
        if p.kind == "coupon" and p.post_purchase and p.audience == "all"
    ]


# --------------------------------------------------------------------------- the basket, drawn
#: Basket chart grid: 0 … AOV × 4 [the lognormal's mass beyond is negligible at σ_B ≤ 0.8].
BASKET_SPAN, BASKET_POINTS = 4.0, 600
#: Candidate 满减 thresholds for the tier picker: AOV × 0.6 … AOV × 2, 40 points.
CURVE_FROM, CURVE_TO, CURVE_POINTS = 0.6, 2.0, 40


def padding_of(plan: Scenario) -> Padding:
    """The store's topping-up behaviour (``basket.pad_value_share``, ``basket.pad_max_prob``)."""
    return Padding(plan.basket.pad_value_share, plan.basket.pad_max_prob)


def basket_offers(plan: Scenario) -> dict[int, BasketOffer]:
    """The plan's offers that set a threshold on the basket, by their index in the plan."""
    return {
        i: offer
        for i, p in enumerate(plan.promotions)
        if (offer := p.basket_offer(plan)) is not None
    }


def custom_threshold(plan: Scenario) -> tuple[float, float]:
    """A threshold to try on the basket chart (the default 满包邮's, AOV + 25 [SEED 003]) and the
    highest the chart shows (AOV × ``BASKET_SPAN``)."""
    return plan.store.aov + FREE_SHIPPING_MARGIN, plan.store.aov * BASKET_SPAN


@dataclass(frozen=True)
class BasketShift:
    """The store's basket (new buyers' lognormal) before and after a threshold offer (§5.2)."""

    grid: FloatArray  # order values (yuan)
    before: FloatArray  # density before the offer
    after: FloatArray  # density after it: padded buyers bunch just above each threshold
    thresholds: list[float]  # the offer's thresholds within the grid
    p_pad: float  # share of all orders that top up
    pad_share: float  # share of below-threshold orders that top up
    #: where ``pad_share`` lies against the observed 12.4–28.4 % [LIT Hemmati et al. 2021]
    pad_verdict: Literal["below_range", "in_range", "above_range"]
    delta_aov: float  # extra list value per order from topping up (yuan)
    share: float  # share of buyers who hold the offer


def basket_shift(
    plan: Scenario,
    *,
    tiers: Sequence[tuple[float, float]],
    share: float = 1.0,
    span: float = BASKET_SPAN,
    points: int = BASKET_POINTS,
) -> BasketShift:
    """The basket of ``plan``'s store under the (threshold, reward) ``tiers`` held by a ``share``
    of buyers, on a grid 0 … AOV × ``span`` (``basket.basket_density``, ``threshold_outcome``)."""
    aov, sigma, padding = plan.store.aov, plan.basket.sigma, padding_of(plan)
    grid = np.linspace(0.0, aov * span, points)
    before, after = basket_density(aov, sigma, tiers, grid, padding)
    outcome = threshold_outcome(aov, sigma, tiers, padding)
    pad_share = float(outcome.pad_share_of_below)
    lo, hi = HEMMATI_PAD_SHARE
    verdict: Literal["below_range", "in_range", "above_range"] = (
        "in_range" if lo <= pad_share <= hi else "below_range" if pad_share < lo else "above_range"
    )
    return BasketShift(
        grid=grid,
        before=before,
        after=after,
        thresholds=[th for th, _ in tiers if th <= grid[-1]],
        p_pad=float(outcome.p_pad),
        pad_share=pad_share,
        pad_verdict=verdict,
        delta_aov=float(outcome.delta_aov),
        share=share,
    )


@dataclass(frozen=True)
class TierAt:
    """One 满减 tier on the store's basket: paid value and cost per order, eligible share."""

    threshold: float
    amount_off: float
    aov: float  # paid value per order after the reward (yuan)
    cost: float  # discount per order (yuan)
    p_elig: float  # share of orders that reach the threshold


@dataclass(frozen=True)
class TierPicker:
    """AOV and discount cost per order across candidate thresholds of one 满减 tier (§5.2), and
    where the plan's own 满减 tiers sit."""

    candidates: FloatArray  # thresholds (yuan)
    curve: dict[str, FloatArray]  # ``basket.threshold_curve`` over ``candidates``
    current: list[float]  # the plan's 满减 thresholds within the candidates' range
    first: TierAt | None  # the plan's first 满减 tier on the basket


def tier_picker(
    plan: Scenario,
    *,
    amount_off: float,
    lo: float = CURVE_FROM,
    hi: float = CURVE_TO,
    points: int = CURVE_POINTS,
) -> TierPicker:
    """Candidate thresholds AOV × ``lo`` … AOV × ``hi`` for a tier of ``amount_off`` yuan."""
    aov, sigma, padding = plan.store.aov, plan.basket.sigma, padding_of(plan)
    candidates = np.linspace(aov * lo, aov * hi, points)
    tiers = [tier for p in plan.promotions if p.kind == "threshold_discount" for tier in p.tiers]
    first = None
    if tiers:
        th, r = tiers[0]
        at = threshold_curve(aov, sigma, [th], r, padding)
        first = TierAt(th, r, float(at["aov"][0]), float(at["discount_per_order"][0]),
                       float(at["p_elig"][0]))  # fmt: skip
    return TierPicker(
        candidates=candidates,
        curve=threshold_curve(aov, sigma, candidates, amount_off, padding),
        current=[th for th, _ in tiers if candidates[0] <= th <= candidates[-1]],
        first=first,
    )
