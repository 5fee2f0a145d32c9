"""Promotion kinds: each kind is one class that declares its parameters, its validation and its
response (MODEL.md §5), and ``KINDS`` is the registry the engine, the UI and the tests iterate over.

The pattern is PyMC-Marketing's components (an adstock or saturation class declares its
``lookup_name``, its ``default_priors`` and its ``function``; a dictionary of them is looked up by
name): here a kind declares

* its **parameters**: pydantic fields whose defaults and ranges come from the registry entries
  ``promotion.<kind>.<field>`` (number fields), yes/no fields (``bool``) and at most one table
  field (``TABLE``: columns → registry paths);
* its **validation**: the common window/audience rules of ``PromotionKind`` plus its own
  validators; ``OPEN_AUDIENCE`` says whether it may target members or old customers only;
* its **response**: ``STAGE`` places it in the stacking order of §5.0 — (1) ``item`` level, (2)
  ``order`` level on the lognormal basket, (3) ``addon`` — and it answers for that stage:
  ``item_level`` (multipliers on a stream) or ``order_response`` (an ``OrderResponse`` per order on
  the active days); ``basket_offer`` the threshold it sets on the basket (for the basket chart);
* its **labels**: ``GOALS`` (seed 003's toolbox tags) and ``summary`` (the offer in a few words, as
  catalogue phrases with typed values); the zh/en strings are ``kind.<kind>``, ``desc.<kind>`` and
  the ``sum.*`` phrases in ``ui/i18n/promotions.py``.

A new kind is therefore one class here (added to ``KINDS``), its registry entries and its zh/en
strings; ``tests/simulator/test_promotion_kinds.py`` lists what each kind must declare.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, model_validator

from .basket import Padding, addon_attach_rate, second_item_outcome, threshold_outcome, tiers_for
from .errors import ModelError
from .pricing import price_response
from .registry import PARAMS
from .sections import _check, _Section, pf, shown

if TYPE_CHECKING:
    from .promotions import _Stream
    from .scenario import Scenario

FloatArray = NDArray[np.float64]
Audience = Literal["all", "old_customers", "members"]
Stage = Literal["item", "order", "addon"]
#: The stacking order of MODEL.md §5.0: item level, then order level, then add-ons.
STAGE_ORDER: tuple[Stage, ...] = ("item", "order", "addon")
Goal = Literal["conversion", "aov", "repurchase"]
#: At most this many promotion layers at once, never two of one kind [SEED 003 多层次促销].
MAX_LAYERS = 3
#: Free-shipping threshold when none is given: the store's AOV + 25 yuan [SEED 003: "比客单价多
#: 消费20–30元的满包邮", middle of the range].
FREE_SHIPPING_MARGIN = 25.0


# --------------------------------------------------------------------------- what a kind answers
@dataclass(frozen=True)
class OrderResponse:
    """Per-order effects of one order-level offer on the baskets of its active days (arrays, one
    value per active day), already weighted by the share of the stream it reaches."""

    perceived: FloatArray  # the reward as buyers perceive it (yuan): enters §5.1 as a price cut
    delta_aov: FloatArray  # extra list value from topping up to the threshold (yuan)
    discount: FloatArray  # order-level money off (满减, coupons; yuan)
    addon_revenue: FloatArray  # 加价换购 revenue (yuan)
    goods: FloatArray  # gifts, prizes, add-on items at cost (yuan)
    free_shipping: FloatArray  # share of orders shipped free
    units: FloatArray  # extra units per order, as a share of units per order
    shipping_value: FloatArray  # shipping fees forgone (yuan)

    @classmethod
    def of(cls, like: FloatArray, **values: FloatArray) -> OrderResponse:
        """A response with ``values`` and zeros (shaped like ``like``) for every other field."""
        zero = np.zeros_like(like)
        return cls(**{name: values.get(name, zero) for name in cls.__dataclass_fields__})


class BasketOffer(NamedTuple):
    """The (threshold, reward) tiers an offer sets on the basket and the share of buyers who hold
    it (§5.2–5.4, §5.7)."""

    tiers: list[tuple[float, float]]
    share: float


@dataclass(frozen=True)
class Yuan:
    """An amount in yuan, shown without the currency sign (the phrase places ¥ or 元)."""

    value: float


@dataclass(frozen=True)
class Money:
    """An amount in yuan, shown with its currency sign."""

    value: float


@dataclass(frozen=True)
class Share:
    """A share, shown as a whole percentage."""

    value: float


@dataclass(frozen=True)
class Phrase:
    """One catalogue phrase (a ``ui/i18n/promotions.py`` key) and its typed values; a kind's
    summary is a few of them, shown one after the other."""

    key: str
    values: Mapping[str, Yuan | Money | Share | int]

    def __init__(self, key: str, **values: Yuan | Money | Share | int) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "values", values)


@dataclass(frozen=True)
class Table:
    """A kind's table field: the model field, its columns → registry paths, and whether a row is
    stored as a ``[column, …]`` list (满减 tiers) rather than a mapping (lottery prizes)."""

    field: str
    columns: Mapping[str, str]
    as_lists: bool = False

    def value(self, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        """The field's value from table rows (column → value)."""
        if self.as_lists:
            return [[row.get(col) for col in self.columns] for row in rows]
        return list(rows)


# --------------------------------------------------------------------------- the base
class PromotionKind(_Section):
    """Common fields: the event window [start_day, end_day] (inclusive), pre-heat days before it
    (预热: buyers wait, MODEL.md §5.11) and who the offer is for (MODEL.md §5.0)."""

    if TYPE_CHECKING:  # each kind declares ``kind: Literal["<name>"]`` after the common fields
        kind: str
    #: The kind's stage in the stacking order of §5.0.
    STAGE: ClassVar[Stage]
    #: Seed 003's toolbox tags: the first is the kind's main goal.
    GOALS: ClassVar[tuple[Goal, ...]]
    #: May target members or old customers only (MODEL.md §5.0: member price, coupons, member-only
    #: 满减/赠品, 第2件半价); else a store-wide mechanic for all buyers.
    OPEN_AUDIENCE: ClassVar[bool] = False
    #: The kind's table field, if any.
    TABLE: ClassVar[Table | None] = None

    start_day: int = pf("promotion.start_day")
    end_day: int = pf("promotion.end_day")
    preheat_days: int = pf("promotion.preheat_days")
    audience: Audience = pf("promotion.audience")

    @model_validator(mode="after")
    def _ordered(self) -> PromotionKind:
        if self.end_day < self.start_day:
            raise ModelError(
                "promotion_order",
                f"promotion end_day ({self.end_day}) must not be before start_day ({self.start_day})",
                units={"kind": "kind"},
                kind=self.kind,
                start=self.start_day,
                end=self.end_day,
            )
        if self.audience != "all" and not self.OPEN_AUDIENCE:
            raise ModelError(
                "audience_kind",
                f"promotion {self.kind}: this kind is offered to all buyers only",
                units={"kind": "kind"},
                kind=self.kind,
            )
        if self.audience != "all" and getattr(self, "post_purchase", False):
            raise ModelError(
                "voucher_audience",
                "post-purchase voucher: given to new buyers, audience must be all",
            )
        return self

    # ----------------------------------------------------------------- parameters
    @classmethod
    def name(cls) -> str:
        """The kind's name: its ``kind`` (what a share link and a workspace file store)."""
        return str(cls.model_fields["kind"].default)

    @classmethod
    def number_fields(cls) -> tuple[str, ...]:
        """The kind's own number fields, in declaration order: those with a registry entry
        ``promotion.<kind>.<field>``."""
        return tuple(name for name in cls.model_fields if f"{cls._prefix}.{name}" in PARAMS)

    @classmethod
    def flag_fields(cls) -> tuple[str, ...]:
        """The kind's yes/no fields."""
        return tuple(n for n, f in cls.model_fields.items() if f.annotation in (bool, "bool"))

    # ----------------------------------------------------------------- response
    def active(self, horizon: int) -> FloatArray:
        """1 on the event's days [start_day, end_day], else 0."""
        t = np.arange(horizon)
        return ((t >= self.start_day) & (t <= self.end_day)).astype(float)

    def preheat(self, horizon: int) -> FloatArray:
        """1 on the announced days before the event, else 0."""
        t = np.arange(horizon)
        return ((t >= self.start_day - self.preheat_days) & (t < self.start_day)).astype(float)

    @classmethod
    def item_level(cls, st: _Stream) -> None:
        """(1) Item level: apply the stream's promotions of this kind to its multipliers and
        per-order values. Kinds of ``STAGE == "item"`` define it."""
        raise NotImplementedError(f"{cls.__name__} is not an item-level kind")

    def order_response(
        self, plan: Scenario, aov_item: FloatArray, padding: Padding, w: float, sigma: float
    ) -> OrderResponse:
        """(2, 3) Per-order effects on baskets of mean ``aov_item`` (list yuan after item
        discounts, one per active day) and lognormal spread ``sigma``, for a share ``w`` of the
        stream. Kinds of the ``order`` and ``addon`` stages define it."""
        raise NotImplementedError(f"{type(self).__name__} is not an order-level kind")

    def _offer(self, plan: Scenario) -> BasketOffer:
        return BasketOffer([], 1.0)

    def basket_offer(self, plan: Scenario) -> BasketOffer | None:
        """The tiers this offer sets on the basket, as the engine reads them; ``None`` for an
        offer without a threshold."""
        tiers, share = self._offer(plan)
        tiers = [(th, r) for th, r in tiers if th > 0 and r > 0]
        return BasketOffer(tiers, share) if tiers else None

    # ----------------------------------------------------------------- labels
    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        """The offer in a few words (catalogue phrases): 满140减10, 降价 20% …"""
        raise NotImplementedError(type(self).__name__)


# --------------------------------------------------------------------------- item level
class ItemDiscount(PromotionKind):
    """限时折扣 / 特价清仓: ``pct`` off list price on a share ``coverage`` of sales (§5.1)."""

    _prefix = "promotion.item_discount"
    STAGE = "item"
    GOALS = ("conversion",)
    OPEN_AUDIENCE = True
    kind: Literal["item_discount"] = "item_discount"
    pct: float = pf()
    coverage: float = pf()

    @classmethod
    def item_level(cls, st: _Stream) -> None:
        """One public price path (offers for everyone move the reference price), and first-time
        responses for offers to a closed audience."""
        plan, horizon, pr = st.plan, st.plan.horizon_days, st.plan.price
        mine = [(i, p) for i, p in enumerate(plan.promotions) if p.kind == cls.name()]
        public = [(i, p) for i, p in mine if p.audience == "all"]
        closed = [(i, p) for i, p in mine if p.audience != "all" and st.weight(p) > 0]
        groups = ([public] if public else []) + [[item] for item in closed]
        for group in groups:
            w = st.weight(group[0][1])
            windows = [p.active(horizon) for _, p in group]
            cut = sum(on * p.pct * p.coverage for on, (_, p) in zip(windows, group, strict=True))
            coverage = 1.0 - sum(
                on * (1.0 - p.coverage) for on, (_, p) in zip(windows, group, strict=True)
            )
            index = 1.0 - cut
            st.past_floor |= (index < pr.floor) & (w > 0)
            m = price_response(plan, index, reference=group[0][1].audience == "all")
            m = np.where(coverage < 1.0, 1.0 + (1.0 - pr.cannibalisation) * (m - 1.0), m)
            m_conv, m_units = m**st.phi, m ** (1.0 - st.phi)
            mix_conv = 1.0 + w * (m_conv - 1.0)
            share = w * m_conv / mix_conv  # share of the stream's orders that get the offer
            disc = share * st.list_value * m_units * (1.0 - index)
            factor = 1.0 + share * (m_units - 1.0)
            st.conv, st.units, st.list_value = (
                st.conv * mix_conv,
                st.units * factor,
                st.list_value * factor,
            )
            st.demand, st.orders = st.demand * mix_conv * factor, st.orders * mix_conv
            st.item_disc = st.item_disc + disc
            for on, (i, _) in zip(windows, group, strict=True):
                st.costs[i] = disc * on

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        return (Phrase("sum.item_discount", pct=Share(self.pct), cov=Share(self.coverage)),)


class SecondItem(PromotionKind):
    """第2件N折: every second unit ``pct`` off; single-unit buyers may take a second (§5.6)."""

    _prefix = "promotion.second_item"
    STAGE = "item"
    GOALS = ("aov",)
    OPEN_AUDIENCE = True
    kind: Literal["second_item"] = "second_item"
    pct: float = pf()
    upgrade_rate: float = pf()

    @classmethod
    def item_level(cls, st: _Stream) -> None:
        """The discount on the second units and the upgrades to two units."""
        plan, pr = st.plan, st.plan.price
        for i, promo in enumerate(plan.promotions):
            w = st.weight(promo)
            if promo.kind != cls.name() or w == 0:
                continue
            on = promo.active(plan.horizon_days)
            k_bar = plan.store.units_per_order
            out = second_item_outcome(k_bar, promo.upgrade_rate)
            unit_price = st.list_value / (k_bar * st.units)
            extra_units = out.units_after - out.units_before
            disc = w * on * unit_price * promo.pct * out.discount_units
            d_eff = np.where(on > 0, disc / np.maximum(st.list_value, 1e-9), 0.0)
            m2 = (1.0 - pr.threshold_salience * d_eff) ** (st.phi * pr.elasticity)
            upgrade = 1.0 + w * on * extra_units / out.units_before
            st.conv, st.units = st.conv * m2, st.units * upgrade
            st.demand = st.demand * m2 * upgrade
            st.orders = st.orders * m2
            st.list_value = st.list_value + w * on * unit_price * extra_units
            st.item_disc = st.item_disc + disc
            st.costs[i] = disc

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        return (Phrase("sum.second_item", pct=Share(self.pct)),)


# --------------------------------------------------------------------------- order level
def _check_tiers(tiers: Any) -> tuple[tuple[float, float], ...]:
    t_param = PARAMS["promotion.threshold_discount.threshold"]
    r_param = PARAMS["promotion.threshold_discount.amount_off"]
    out = []
    money = {"threshold": "yuan", "amount_off": "yuan", "low": "yuan", "high": "yuan",
             "low_off": "yuan", "high_off": "yuan"}  # fmt: skip
    if not isinstance(tiers, list | tuple):  # a number or a text in a link: not a list of tiers
        raise ModelError(
            "tiers_list", f"threshold_discount tiers must be a list of pairs (got {shown(tiers)})"
        )
    for n, tier in enumerate(tiers, start=1):
        if not isinstance(tier, list | tuple) or len(tier) != 2:
            raise ModelError(
                "tier_pair",
                f"threshold_discount tier {n} must be a [threshold, amount_off] pair",
                tier=n,
            )
        t, r = _check(t_param, tier[0]), _check(r_param, tier[1])
        if r >= t:
            raise ModelError(
                "tier_below",
                f"threshold_discount tier {n}: amount_off ({r:g}) must be below its threshold "
                f"({t:g})",
                units=money,
                tier=n,
                threshold=t,
                amount_off=r,
            )
        out.append((t, r))
    out.sort()
    if not out:
        raise ModelError(
            "tiers_empty", "threshold_discount needs at least one [threshold, amount_off] tier"
        )
    for (t0, r0), (t1, r1) in zip(out, out[1:], strict=False):
        if t1 == t0:
            raise ModelError(
                "tiers_same_threshold",
                f"threshold_discount: two tiers share the threshold {t0:g}",
                units=money,
                threshold=t0,
            )
        if r1 <= r0:
            raise ModelError(
                "tiers_rising",
                f"threshold_discount tiers need rising amounts off: {r1:g} off at {t1:g} is not "
                f"more than {r0:g} off at {t0:g}",
                units=money,
                low=t0,
                low_off=r0,
                high=t1,
                high_off=r1,
            )
    return tuple(out)


class ThresholdDiscount(PromotionKind):
    """满减: tiers of (threshold, amount off); ``repeat`` = 每满减 (every multiple of the first)."""

    _prefix = "promotion.threshold_discount"
    STAGE = "order"
    GOALS = ("aov",)
    OPEN_AUDIENCE = True
    TABLE = Table(
        "tiers",
        {
            "threshold": "promotion.threshold_discount.threshold",
            "amount_off": "promotion.threshold_discount.amount_off",
        },
        as_lists=True,
    )
    kind: Literal["threshold_discount"] = "threshold_discount"
    tiers: tuple[tuple[float, float], ...] = ((140.0, 10.0),)
    repeat: bool = False

    @model_validator(mode="before")
    @classmethod
    def _tiers(cls, data: Any) -> Any:
        if isinstance(data, dict) and "tiers" in data:
            data = {**data, "tiers": _check_tiers(data["tiers"])}
        return data

    def order_response(
        self, plan: Scenario, aov_item: FloatArray, padding: Padding, w: float, sigma: float
    ) -> OrderResponse:
        res = threshold_outcome(
            aov_item, sigma, tiers_for(self.tiers, self.repeat, aov_item, sigma), padding
        )
        return OrderResponse.of(
            aov_item, perceived=w * res.reward, delta_aov=w * res.delta_aov, discount=w * res.reward
        )

    def _offer(self, plan: Scenario) -> BasketOffer:
        return BasketOffer(
            tiers_for(self.tiers, self.repeat, plan.store.aov, plan.basket.sigma), 1.0
        )

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        key = "sum.every" if self.repeat else "sum.tier"
        out: list[Phrase] = []
        for n, (th, r) in enumerate(self.tiers):
            out += [Phrase("sum.sep")] if n else []
            out.append(Phrase(key, t=Yuan(th), r=Yuan(r)))
        return tuple(out)


class Coupon(PromotionKind):
    """优惠券: ``face`` off at ``threshold`` for the share who claim it; with ``post_purchase`` it
    is a 抵价券 given after purchase that raises the holder's repeat rate until it expires."""

    _prefix = "promotion.coupon"
    STAGE = "order"
    #: 发抵价券 (a voucher after purchase) brings them back [SEED 003].
    GOALS = ("conversion", "repurchase")
    OPEN_AUDIENCE = True
    kind: Literal["coupon"] = "coupon"
    face: float = pf()
    threshold: float = pf()
    claim_rate: float = pf()
    post_purchase: bool = False
    valid_days: int = pf()
    repeat_uplift: float = pf()

    def order_response(
        self, plan: Scenario, aov_item: FloatArray, padding: Padding, w: float, sigma: float
    ) -> OrderResponse:
        share = w * self.claim_rate
        if self.post_purchase:
            return OrderResponse.of(aov_item)  # a voucher for the next order: voucher_specs
        res = threshold_outcome(aov_item, sigma, [(self.threshold, self.face)], padding)
        return OrderResponse.of(
            aov_item,
            perceived=share * res.reward,
            delta_aov=share * res.delta_aov,
            discount=share * res.reward,
        )

    def _offer(self, plan: Scenario) -> BasketOffer:
        if self.post_purchase or self.threshold <= 0:
            return BasketOffer([], 1.0)
        return BasketOffer([(self.threshold, self.face)], self.claim_rate)

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        common = {"f": Yuan(self.face), "t": Yuan(self.threshold), "c": Share(self.claim_rate)}
        if self.post_purchase:
            return (Phrase("sum.voucher", d=self.valid_days, **common),)
        return (Phrase("sum.coupon" if self.threshold > 0 else "sum.coupon_any", **common),)


class FreeShipping(PromotionKind):
    """满包邮: orders from ``threshold`` ship free; ``None`` = the store's AOV + 25 [SEED 003]."""

    _prefix = "promotion.free_shipping"
    STAGE = "order"
    GOALS = ("aov",)
    kind: Literal["free_shipping"] = "free_shipping"
    threshold: float | None = None

    def threshold_for(self, plan: Scenario) -> float:
        """The threshold in force: the one given, else the store's AOV + ``FREE_SHIPPING_MARGIN``."""
        return (
            self.threshold if self.threshold is not None else plan.store.aov + FREE_SHIPPING_MARGIN
        )

    def order_response(
        self, plan: Scenario, aov_item: FloatArray, padding: Padding, w: float, sigma: float
    ) -> OrderResponse:
        fee = plan.store.shipping_fee
        share = w * plan.store.paid_shipping_share
        threshold = self.threshold_for(plan)
        res = threshold_outcome(aov_item, sigma, [(threshold, fee)], padding)
        elig = res.p_elig if threshold > 0 else np.zeros_like(aov_item) + 1.0
        return OrderResponse.of(aov_item, perceived=share * fee * elig,
                                delta_aov=share * res.delta_aov, free_shipping=w * elig,
                                shipping_value=share * fee * elig)  # fmt: skip

    def _offer(self, plan: Scenario) -> BasketOffer:
        threshold = self.threshold_for(plan)
        if threshold <= 0:
            return BasketOffer([], 1.0)
        return BasketOffer([(threshold, plan.store.shipping_fee)], plan.store.paid_shipping_share)

    @classmethod
    def hint(cls, plan: Scenario) -> Phrase:
        """What an empty threshold means: the store's AOV + 25 [SEED 003]."""
        return Phrase("pr.fs_placeholder", margin=Yuan(FREE_SHIPPING_MARGIN),
                      value=Money(plan.store.aov + FREE_SHIPPING_MARGIN))  # fmt: skip

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        threshold = self.threshold_for(plan)
        if threshold <= 0:
            return (Phrase("sum.free_shipping_all"),)
        if self.threshold is None:
            return (
                Phrase(
                    "sum.free_shipping_default", t=Yuan(threshold), m=Yuan(FREE_SHIPPING_MARGIN)
                ),
            )
        return (Phrase("sum.free_shipping", t=Yuan(threshold)),)


class Gift(PromotionKind):
    """满就送 / 买赠: a gift from ``threshold`` (0 = with every order); ``uncapped`` = 上不封顶."""

    _prefix = "promotion.gift"
    STAGE = "order"
    #: 买赠活动 (a gift with every order) makes them buy [SEED 003].
    GOALS = ("aov", "conversion")
    OPEN_AUDIENCE = True
    kind: Literal["gift"] = "gift"
    threshold: float = pf()
    value: float = pf()
    cost: float = pf()
    uncapped: bool = False

    def order_response(
        self, plan: Scenario, aov_item: FloatArray, padding: Padding, w: float, sigma: float
    ) -> OrderResponse:
        zero = np.zeros_like(aov_item)
        perceived = plan.basket.gift_salience * self.value
        if self.threshold <= 0:
            return OrderResponse.of(
                aov_item, perceived=zero + w * perceived, goods=zero + w * self.cost
            )
        tiers = tiers_for([(self.threshold, perceived)], self.uncapped, aov_item, sigma)
        res = threshold_outcome(aov_item, sigma, tiers, padding)
        gifts = res.reward / perceived if perceived > 0 else res.p_elig
        return OrderResponse.of(
            aov_item, perceived=w * res.reward, delta_aov=w * res.delta_aov,
            goods=w * self.cost * gifts,
        )  # fmt: skip

    def _offer(self, plan: Scenario) -> BasketOffer:
        if self.threshold <= 0:
            return BasketOffer([], 1.0)
        perceived = plan.basket.gift_salience * self.value
        tiers = tiers_for([(self.threshold, perceived)], self.uncapped, plan.store.aov,
                          plan.basket.sigma)  # fmt: skip
        return BasketOffer(tiers, 1.0)

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        v = Yuan(self.value)
        if self.threshold <= 0:
            return (Phrase("sum.gift_any", v=v),)
        main = Phrase("sum.gift", t=Yuan(self.threshold), v=v)
        return (main, Phrase("sum.uncapped")) if self.uncapped else (main,)


class Prize(_Section):
    _prefix = "promotion.lottery"
    value: float = pf("promotion.lottery.prize_value")
    cost: float = pf("promotion.lottery.prize_cost")
    probability: float = pf()


class Lottery(PromotionKind):
    """抽奖: orders from ``threshold`` draw for ``prizes`` (values 1980/199/68 in seed 004)."""

    _prefix = "promotion.lottery"
    STAGE = "order"
    GOALS = ("aov",)
    TABLE = Table(
        "prizes",
        {
            "value": "promotion.lottery.prize_value",
            "cost": "promotion.lottery.prize_cost",
            "probability": "promotion.lottery.probability",
        },
    )
    kind: Literal["lottery"] = "lottery"
    threshold: float = pf()
    prizes: tuple[Prize, ...] = (Prize(),)

    @model_validator(mode="after")
    def _probabilities(self) -> Lottery:
        if (total := sum(p.probability for p in self.prizes)) > 1.0:
            raise ModelError(
                "prize_sum",
                f"lottery: prize probabilities add up to {total:g}, more than 1",
                units={"total": "fraction"},
                total=total,
            )
        return self

    def expected_value(self) -> float:
        """E[prize value] per draw: Σ p_k·V_k."""
        return sum(p.probability * p.value for p in self.prizes)

    def expected_cost(self) -> float:
        """E[prize cost] per draw: Σ p_k·C_k."""
        return sum(p.probability * p.cost for p in self.prizes)

    def order_response(
        self, plan: Scenario, aov_item: FloatArray, padding: Padding, w: float, sigma: float
    ) -> OrderResponse:
        perceived = plan.basket.gift_salience * self.expected_value()
        res = threshold_outcome(aov_item, sigma, [(self.threshold, perceived)], padding)
        elig = res.p_elig if self.threshold > 0 else np.zeros_like(aov_item) + 1.0
        return OrderResponse.of(
            aov_item, perceived=w * perceived * elig, delta_aov=w * res.delta_aov,
            goods=w * self.expected_cost() * elig,
        )  # fmt: skip

    def _offer(self, plan: Scenario) -> BasketOffer:
        if self.threshold <= 0:
            return BasketOffer([], 1.0)
        return BasketOffer(
            [(self.threshold, plan.basket.gift_salience * self.expected_value())], 1.0
        )

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        return (Phrase("sum.lottery", t=Yuan(self.threshold), n=len(self.prizes),
                       c=Yuan(round(self.expected_cost(), 2))),)  # fmt: skip


# --------------------------------------------------------------------------- add-ons
class Addon(PromotionKind):
    """加价换购: add ``price`` yuan to get an item worth ``value`` (cost ``cost``) [SEED 003]."""

    _prefix = "promotion.addon"
    STAGE = "addon"
    GOALS = ("aov",)
    kind: Literal["addon"] = "addon"
    price: float = pf()
    value: float = pf()
    cost: float = pf()
    threshold: float = pf()

    def attach_rate(self, plan: Scenario) -> float:
        """a = clip(a0 + a1·(1 − X/V), 0, a_max) (MODEL.md §5.5)."""
        bk = plan.basket
        return addon_attach_rate(self.price, self.value, bk.addon_base_rate, bk.addon_slope,
                                 bk.addon_cap)  # fmt: skip

    def order_response(
        self, plan: Scenario, aov_item: FloatArray, padding: Padding, w: float, sigma: float
    ) -> OrderResponse:
        rate = self.attach_rate(plan)
        elig = threshold_outcome(
            aov_item, sigma, [(self.threshold, 1e-9)], Padding(0.0, 0.0)
        ).p_elig
        elig = elig if self.threshold > 0 else np.zeros_like(aov_item) + 1.0
        attach = w * rate * elig
        return OrderResponse.of(aov_item, addon_revenue=attach * self.price, goods=attach * self.cost,
                                units=attach / plan.store.units_per_order)  # fmt: skip

    def summary(self, plan: Scenario) -> tuple[Phrase, ...]:
        main = Phrase("sum.addon", x=Yuan(self.price), v=Yuan(self.value))
        if self.threshold > 0:
            return (main, Phrase("sum.addon_from", t=Yuan(self.threshold)))
        return (main,)


# --------------------------------------------------------------------------- the registry
#: Every promotion kind by its name (the ``kind`` a share link stores), in the order the kinds
#: were added (the order hypothesis strategies draw from; the UI lists them by ``STAGE``).
KINDS: dict[str, type[PromotionKind]] = {
    cls.name(): cls
    for cls in (
        ItemDiscount,
        ThresholdDiscount,
        Coupon,
        FreeShipping,
        Gift,
        Addon,
        SecondItem,
        Lottery,
    )  # fmt: skip
}
PROMOTION_KINDS = tuple(KINDS)
#: Kinds that may target members or old customers only.
OPEN_AUDIENCE = frozenset(k for k, cls in KINDS.items() if cls.OPEN_AUDIENCE)
#: Kinds in the stacking order of §5.0 (stage, then the order they were added).
STACKING_ORDER = tuple(sorted(KINDS, key=lambda k: STAGE_ORDER.index(KINDS[k].STAGE)))
#: A scenario's promotion: any registered kind, told apart by its ``kind``.
Promotion = Annotated[reduce(operator.or_, KINDS.values()), Field(discriminator="kind")]


# --------------------------------------------------------------------------- layering
class StackingError(ValueError):
    """Seed 003's layering rule broken on ``day``: too many layers, or two of one kind."""

    def __init__(
        self, day: int, kinds: list[str], reason: str, start: dt.date | None = None
    ) -> None:
        self.day, self.kinds, self.reason = day, kinds, reason
        #: The calendar date of day 0 when known: the UI names the day by its date.
        self.start = start
        if reason == "same_kind":
            msg = f"promotions: two {kinds[0]} promotions overlap on day {day} (never two of one kind)"
        else:
            msg = (
                f"promotions: {len(kinds)} layers on day {day} ({', '.join(kinds)}); at most "
                f"{MAX_LAYERS} may run at once"
            )
        super().__init__(msg)


def check_stacking(promotions: tuple[Any, ...], start: dt.date | None = None) -> None:
    """Raise ``StackingError`` at the first day that breaks the layering rule [SEED 003];
    ``start``: the date of day 0, carried for the message."""
    if len(promotions) < 2:
        return
    edges = sorted({p.start_day for p in promotions})
    for day in edges:
        active = [p for p in promotions if p.start_day <= day <= p.end_day]
        kinds = [p.kind for p in active]
        for k in kinds:
            if kinds.count(k) > 1:
                raise StackingError(day, [k], "same_kind", start)
        if len(active) > MAX_LAYERS:
            raise StackingError(day, kinds, "layers", start)
