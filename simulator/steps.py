"""The steps of the daily chain: one typed function per mechanism (MODEL.md §3.1, §10b).

Each step takes keyword inputs and returns a frozen dataclass of daily arrays (shape (T,), one
value per day of the horizon; a scalar where a quantity does not move over the days). The engine
(``engine.simulate``) only wires them: the offers, payment and repeat kernel are set up once,
then traffic → service → funnel → referral → repeat → pull-forward → orders → vouchers → visits
→ basket → members → shipping → promotion costs → marketing → fulfilment → money → ratings runs
again under the ratings' feedback until it settles. Every daily column of ``Result.daily`` is
read from these dataclasses through ``engine.COLUMNS``.

Paths: the deterministic run has one path and its arrays carry no path axis. A Monte Carlo
over P paths of parameter draws (``engine.run_paths``) runs the chain on all paths at once: the
batch's scenario holds each drawn value as a (P, 1) array (``montecarlo.Draws.batched``), each
path's setup (calibration, offers, kernel, desks, ``membership.repeat_prep``) is computed on its
own and stacked (``simulator.batch``), and the steps of ``engine.VECTORISED`` run on (P, T)
arrays by broadcasting (branches on numbers are elementwise: ``simulator.vec``). The others —
``members_step`` (the membership ledgers), ``fulfilment_step`` (the FIFO queue, a loop over
days), ``referral_step`` (a recursive filter per path) and ``voucher_step`` when the plan has
post-purchase vouchers — run path by path inside the batch (``Batch.per_path``), as do the
service desks (Erlang C per hour: as fast per element path by path, and kinder to the cache).
``tests/simulator/test_paths_equal_loop.py`` holds the batch to the loop to 1e-9.

The equations are those of the mechanism modules the steps call (traffic, promotions, funnel,
pricing, repurchase, membership, service, fulfilment, quality, finance); the steps add only the
engine's own bookkeeping, each written where it is computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from . import finance, membership, quality
from .basket import Padding, threshold_outcome
from .dsr import DEEP_DISCOUNT
from .fulfilment import FulfilmentDays, compensation_per_order, fulfilment_days
from .funnel import payment_rates, safe_ratio
from .pricing import shipping_fee_response
from .promotions import (
    StreamDays,
    incremental_orders,
    lost_orders,
    pull_forward_debt,
    pull_forward_repay,
    stream_days,
    voucher_specs,
)
from .repurchase import repeat_kernel
from .scenario import Scenario
from .service import ServiceDays, service_days
from .traffic import TrafficDays, gated

FloatArray = np.ndarray


# ----------------------------------------------------------------------- set up once per run
@dataclass(frozen=True)
class Offers:
    """The promotions' day multipliers of both streams (§5) and the shipping they are charged."""

    new: StreamDays  # the new buyers' stream
    repeat: StreamDays  # the old customers' stream (their basket, members' offers)
    repeat_list_value: float  # list value of a repeat basket (yuan)
    repeat_sigma: float  # its log-normal σ
    ship_new: float  # M_ship of the new stream (pricing.shipping_fee_response)
    paying_new: float  # π_eff: share of new orders still paying shipping
    ship_repeat: float
    paying_repeat: float


def offers_step(*, scenario: Scenario, plan: Scenario, reference: Scenario) -> Offers:
    """Both streams' offers. Offers for members reach the members among old customers at the
    stated rate (``scenario``), not the priced rate of those who join from day 0 (``plan``):
    existing members keep their terms."""
    memo: dict = {}
    fx_new = stream_days(scenario, "new", plan.store.aov, memo)
    rep_list_value, rep_sigma = membership.repeat_basket(plan)
    fx_rep = stream_days(scenario, "repeat", rep_list_value, memo, sigma=rep_sigma)
    ship_new, paying_new = shipping_fee_response(plan, reference, plan.store.aov)
    ship_rep, paying_rep = shipping_fee_response(plan, reference, rep_list_value)
    return Offers(fx_new, fx_rep, rep_list_value, rep_sigma, ship_new, paying_new, ship_rep,
                  paying_rep)  # fmt: skip


@dataclass(frozen=True)
class Payment:
    """Pay rate and reminders (催付, §6.4), per placed order."""

    pay_rate: float
    recovered_by_reminders: float  # placed orders paid because of a reminder
    reminders_per_order: float
    unit_reminder_cost: float  # a call above the phone threshold, else an SMS (yuan)


def payment_step(*, plan: Scenario) -> Payment:
    pay_rate, recovered, per_order = payment_rates(plan.payment)
    phone = plan.store.aov >= plan.payment.phone_aov_threshold
    unit = plan.payment.call_cost if phone else plan.payment.sms_cost
    return Payment(pay_rate, recovered, per_order, unit)


@dataclass(frozen=True)
class Kernel:
    """The BG/NBD repeat kernel (§6.6) and the plan's scale on the reference's repeat orders."""

    kernel: FloatArray  # repeat orders per buyer on each day after the first order
    scale: float  # old-customer lever × pay-rate ratio


def kernel_step(
    *, plan: Scenario, alpha_days: float, repeat_multiplier: float, pay_rate: float,
    pay_rate_reference: float, daily: FloatArray | None = None,
) -> Kernel:  # fmt: skip
    """``daily``: ΔE_L(k) for k = 1… at least the horizon when the caller has it
    (``membership.repeat_prep``); the kernel is its first T days, the same numbers."""
    rp = plan.repeat
    horizon = plan.horizon_days
    if daily is not None and daily.shape[-1] >= horizon:
        kernel = daily[..., :horizon]
    else:
        kernel = repeat_kernel(horizon, rp.r, alpha_days, rp.a, rp.b, float(rp.lifetime_days))
    return Kernel(kernel, repeat_multiplier * (pay_rate / pay_rate_reference))


@dataclass(frozen=True)
class Desks:
    """The service desk of each campaign-gate pattern (usually just "open"), computed once each,
    and the reference's desk factor the plan's inquiry conversion is measured against."""

    plan: Scenario
    events: FloatArray
    inquiry_share: float  # share of the new placed orders that go through a chat
    reference_factor: FloatArray
    by_gate: dict[bytes, ServiceDays] = field(default_factory=dict)

    def desk(self, gate: FloatArray, inquiries: FloatArray) -> ServiceDays:
        key = gate.tobytes()
        if key not in self.by_gate:
            self.by_gate[key] = service_days(self.plan, inquiries, self.events)
        return self.by_gate[key]


def desks_step(
    *, plan: Scenario, reference: Scenario, open_traffic: TrafficDays, events: FloatArray,
    inquiry_share: float,
) -> Desks:  # fmt: skip
    """The open desk on the plan's traffic; the reference's own desk (the open desk when the plan
    is its own reference)."""
    horizon = plan.horizon_days
    open_desk = service_days(plan, open_traffic.total * plan.funnel.inquiry_rate, events)
    desks = Desks(plan, events, inquiry_share, open_desk.factor)
    desks.by_gate[np.ones(horizon).tobytes()] = open_desk
    if reference is not plan:
        ref_factor = quality.reference_service(reference, horizon)
    else:  # its own desk under the gate its initial scores set (open unless they start below it)
        gate0 = quality.initial_gate(plan, horizon)
        traffic0 = gated(open_traffic, plan, gate0).total
        ref_factor = desks.desk(gate0, traffic0 * plan.funnel.inquiry_rate).factor
    return replace(desks, reference_factor=ref_factor)


# ----------------------------------------------------------------------- one pass of the chain
@dataclass(frozen=True)
class Service:
    """The service queue (§6.2): chats and how the desk answers them."""

    inquiries: FloatArray
    desk: ServiceDays
    conversion_factor: FloatArray  # on the new buyers' conversion, relative to the reference


def service_step(
    *, plan: Scenario, traffic: TrafficDays, gate: FloatArray, desks: Desks
) -> Service:
    inquiries = traffic.total * plan.funnel.inquiry_rate
    desk = desks.desk(gate, inquiries)
    factor = 1.0 + desks.inquiry_share * (safe_ratio(desk.factor, desks.reference_factor) - 1.0)
    return Service(inquiries, desk, factor)


@dataclass(frozen=True)
class Funnel:
    """New buyers' paid orders before pull-forward (§6.3)."""

    new_gross: FloatArray


def funnel_step(
    *, traffic: TrafficDays, new_placed_conversion: float, offers: Offers, pay_rate: float,
    service_factor: FloatArray, dsr_conversion: FloatArray,
) -> Funnel:  # fmt: skip
    new_gross = (
        traffic.weighted * new_placed_conversion * offers.new.conversion * pay_rate
        * offers.ship_new * service_factor * dsr_conversion
    )  # fmt: skip
    return Funnel(new_gross)


@dataclass(frozen=True)
class Referral:
    """Referral fission (§5.13): referred buyers of the plan, and the part the funnel lacks."""

    orders: FloatArray  # all referred first orders under the plan
    added: FloatArray  # the plan's minus the reference's (already in its dashboard numbers)


def referral_step(
    *, plan: Scenario, reference: Scenario, new_buyers: FloatArray, history_buyers: float,
    age_days: int,
) -> Referral:  # fmt: skip
    plan_ref = membership.referred_buyers(plan, new_buyers, history_buyers, age_days)
    ref_ref = membership.referred_buyers(reference, new_buyers, history_buyers, age_days)
    return Referral(plan_ref, plan_ref - ref_ref)


@dataclass(frozen=True)
class Repeat:
    """The repeat engine's first look (§6.6): the old customers' orders before pull-forward.

    ``base`` maps the new buyers of the horizon to the repeat base (warm-started history, the
    plan's new and referred buyers, the bad-experience cohort weight)."""

    base: Callable[[FloatArray], membership.RepeatBase]
    member_share: FloatArray  # members' share of the repeat orders
    levers: membership.DayLevers
    day_multiplier: FloatArray  # offers × member price × member day × outreach × shipping
    gross: FloatArray  # repeat orders before pull-forward


def repeat_step(
    *, plan: Scenario, reference: Scenario, new_gross: FloatArray, referred: FloatArray,
    cohort_weight: FloatArray, history_buyers: float, age_days: int, alpha_days: float,
    offers: Offers, kernel: Kernel, prep: membership.RepeatPrep | None = None,
) -> Repeat:  # fmt: skip
    """``prep``: the run's ``membership.repeat_prep`` (what no pass changes), kept by the
    engine's setup."""

    def base(new_buyers: FloatArray) -> membership.RepeatBase:
        return membership.repeat_orders(
            plan, reference, new_buyers * cohort_weight, referred, history_buyers, age_days,
            alpha_days, prep,
        )  # fmt: skip

    first = base(new_gross)
    # A share lies in [0, 1]; the clip keeps it there when the repeat base is ~0 and its parts
    # carry rounding of opposite signs (a hypothesis find: −7,895 member orders on such a day).
    member_share = np.clip(safe_ratio(first.members, first.total), 0.0, 1.0)
    levers = membership.day_levers(plan, reference, member_share)
    day_mult = offers.repeat.conversion * levers.member_price * levers.member_day * levers.outreach
    day_mult = day_mult * offers.ship_repeat
    return Repeat(base, member_share, levers, day_mult, first.total * kernel.scale * day_mult)


@dataclass(frozen=True)
class PullForward:
    """Pull-forward (§5.11): promotion days (and member days) borrow orders that later days repay
    (orders, not units: the deal baskets' extra units are not borrowed; the reference-price loss
    after an event pays the debt first, so the two never add up to a double dip)."""

    debt: FloatArray
    repay: FloatArray
    offset: FloatArray  # what fell due that the reference-price loss already kept away


def pull_forward_step(
    *, plan: Scenario, new_gross: FloatArray, repeat_gross: FloatArray, offers: Offers,
    member_day: FloatArray,
) -> PullForward:  # fmt: skip
    m_rep = offers.repeat.order_multiplier * member_day
    m_new = offers.new.order_multiplier
    delta_q = incremental_orders(new_gross, m_new) + incremental_orders(repeat_gross, m_rep)
    lost = lost_orders(new_gross, m_new) + lost_orders(repeat_gross, m_rep)
    days = plan.price.pull_forward_days
    debt = pull_forward_debt(delta_q, plan.price.pull_forward, days)
    repay = pull_forward_repay(debt, days, lost)
    return PullForward(debt, repay, debt / days - repay)


@dataclass(frozen=True)
class Orders:
    """Paid orders of both streams after pull-forward, before post-purchase vouchers."""

    organic_new: FloatArray  # the funnel's new buyers (not referred)
    new: FloatArray  # new buyers' orders (referred ones included)
    repeat: FloatArray
    repeat_base: membership.RepeatBase


def orders_step(
    *, funnel: Funnel, repeat: Repeat, referred: FloatArray, repay: FloatArray, kernel: Kernel
) -> Orders:
    new_gross = funnel.new_gross
    gross = new_gross + repeat.gross
    new_part = safe_ratio(new_gross, gross)
    organic_new = np.maximum(0.0, new_gross - repay * new_part)
    orders_new = np.maximum(0.0, organic_new + referred)
    rep_base = repeat.base(organic_new)
    orders_repeat = np.maximum(
        0.0, rep_base.total * kernel.scale * repeat.day_multiplier - repay * (1.0 - new_part)
    )
    return Orders(organic_new, orders_new, orders_repeat, rep_base)


@dataclass(frozen=True)
class Vouchers:
    """Post-purchase vouchers (抵价券): holders buy again more often while the voucher lasts."""

    orders: FloatArray  # extra repeat orders
    cost: FloatArray  # voucher value redeemed (yuan)
    cost_by_promo: dict[int, FloatArray]


def voucher_step(
    *, plan: Scenario, orders_new: FloatArray, kernel: Kernel, offers: Offers
) -> Vouchers:
    """Extra repeat orders uplift·(holders ∗ kernel over the valid days) × scale, each costing
    E[min(face, B)·1{B ≥ threshold}] on the repeat basket: a voucher never pays more than the
    order it is used on."""
    horizon = plan.horizon_days
    extra, cost_all = np.zeros(horizon), np.zeros(horizon)
    by_promo: dict[int, FloatArray] = {}
    for i, share, face, valid, uplift, threshold in voucher_specs(plan, horizon):
        holders = orders_new * share
        window = np.zeros(np.shape(kernel.kernel))
        window[..., : min(valid, horizon)] = kernel.kernel[..., : min(valid, horizon)]
        base = _lagged_convolution(holders, window) * kernel.scale
        extra = extra + uplift * base
        per_order = threshold_outcome(
            offers.repeat_list_value, offers.repeat_sigma, [(threshold, face)], Padding(0.0, 0.0)
        ).reward
        cost = (1.0 + uplift) * base * float(per_order)
        cost_all = cost_all + cost
        by_promo[i] = cost
    return Vouchers(extra, cost_all, by_promo)


def _lagged_convolution(x: FloatArray, kernel: FloatArray) -> FloatArray:
    """y_t = Σ_{c<t} x_c·kernel_{t−1−c}: each day's cohort acts from the next day on (along the
    last axis; a batch of paths convolves each path with its own kernel)."""
    if x.ndim == 1 and kernel.ndim == 1:
        return np.concatenate(([0.0], np.convolve(x, kernel)[: x.shape[-1] - 1]))
    x, kernel = np.broadcast_arrays(x, kernel)
    return np.stack([_lagged_convolution(a, k) for a, k in zip(x, kernel, strict=True)])


@dataclass(frozen=True)
class Visits:
    """Orders, placed orders and the visits they need (§10c)."""

    orders_new: FloatArray
    orders_repeat: FloatArray  # vouchers' extra orders included
    orders: FloatArray  # paid
    placed: FloatArray
    uv_sources: FloatArray  # visitors the traffic sources bring
    uv_returning: FloatArray  # returning buyers' own visits on days the sources cannot hold them
    uv: FloatArray


def visits_step(
    *, plan: Scenario, traffic: TrafficDays, orders: Orders, vouchers: Vouchers, pay_rate: float
) -> Visits:
    """Every order needs visits: the sources' visitors hold the new buyers' one visit each and the
    returning buyers' v_ret visits per order; on days they cannot (almost no new traffic), the
    returning buyers' own visits are added, so conversion never reads 100 % [ASSUMPTION: v_ret,
    funnel.returning_visits_per_order]."""
    orders_new, orders_repeat = orders.new, orders.repeat + vouchers.orders
    paid = orders_new + orders_repeat
    uv_sources = traffic.total
    visits_needed = orders_new + plan.funnel.returning_visits_per_order * orders_repeat
    uv_returning = np.maximum(0.0, visits_needed - uv_sources)
    return Visits(orders_new, orders_repeat, paid, paid / pay_rate, uv_sources, uv_returning,
                  uv_sources + uv_returning)  # fmt: skip


@dataclass(frozen=True)
class Basket:
    """Basket values and GMV of both streams (§6.5, §6.7)."""

    aov_new: FloatArray
    aov_repeat: FloatArray
    gmv_new: FloatArray
    gmv_repeat: FloatArray
    gmv: FloatArray
    gmv_list: FloatArray  # at list prices, add-ons included
    merchandise_list: FloatArray  # the merchandise at list prices
    member_price_cost: FloatArray
    units: FloatArray
    goods_cost: FloatArray  # gifts, add-on items, prizes at cost
    bubble_value: FloatArray  # list value from topping up (bubble returns apply)
    discounts: FloatArray  # item and order-level discounts (yuan)

    @property
    def discount_cost(self) -> FloatArray:
        return self.gmv_list - self.gmv


def basket_step(
    *, plan: Scenario, offers: Offers, levers: membership.DayLevers, visits: Visits,
    voucher_cost: FloatArray,
) -> Basket:  # fmt: skip
    fx_new, fx_rep = offers.new, offers.repeat
    o_new, o_rep = visits.orders_new, visits.orders_repeat
    aov_new, aov_rep = fx_new.paid_value, fx_rep.paid_value
    gmv_new = o_new * aov_new
    member_price_cost = o_rep * levers.member_price_share * levers.discount * aov_rep
    # ≥ 0 by construction (vouchers and member prices never pay more than the order); the clip
    # only removes rounding (−1e-17 on a day without repeat orders made refunds negative).
    gmv_repeat = np.maximum(0.0, o_rep * aov_rep - voucher_cost - member_price_cost)
    return Basket(
        aov_new=aov_new,
        aov_repeat=aov_rep,
        gmv_new=gmv_new,
        gmv_repeat=gmv_repeat,
        gmv=gmv_new + gmv_repeat,
        gmv_list=o_new * (fx_new.list_value + fx_new.addon_revenue)
        + o_rep * (fx_rep.list_value + fx_rep.addon_revenue),
        merchandise_list=o_new * fx_new.list_value + o_rep * fx_rep.list_value,
        member_price_cost=member_price_cost,
        units=plan.store.units_per_order * (o_new * fx_new.units_factor + o_rep * fx_rep.units_factor),
        goods_cost=o_new * fx_new.goods_cost + o_rep * fx_rep.goods_cost,
        bubble_value=o_new * fx_new.padded_value + o_rep * fx_rep.padded_value,
        discounts=o_new * (fx_new.item_discount + fx_new.order_discount)
        + o_rep * (fx_rep.item_discount + fx_rep.order_discount),
    )  # fmt: skip


@dataclass(frozen=True)
class Members:
    """Members' orders and the membership schemes' money (§5.8–5.13)."""

    orders: FloatArray
    schemes: membership.Schemes

    @property
    def cash(self) -> FloatArray:
        return self.schemes.cash_timing


def members_step(
    *, plan: Scenario, reference: Scenario, visits: Visits, orders: Orders, referral: Referral,
    member_share: FloatArray, basket: Basket, history_buyers: float, age_days: int,
) -> Members:  # fmt: skip
    o_new, o_rep = visits.orders_new, visits.orders_repeat
    outreach_unit = (
        plan.payment.call_cost
        if plan.membership.outreach.channel == "phone"
        else plan.payment.sms_cost
    )
    member_orders = plan.membership.enrollment_rate * o_new + member_share * o_rep
    rep_base = orders.repeat_base
    sch = membership.schemes(
        plan,
        reference,
        new_buyers=o_new,
        referred=referral.orders,
        member_orders=member_orders,
        card_orders=o_rep * np.clip(safe_ratio(rep_base.card, rep_base.total), 0, 1),
        paid_value=safe_ratio(basket.gmv, visits.orders),
        history_buyers=history_buyers,
        age_days=age_days,
        unit_contact_cost=outreach_unit,
    )
    return Members(member_orders, sch)


@dataclass(frozen=True)
class Shipping:
    """Orders shipped free (promotions, cards) and those still paying shipping."""

    free_shipped: FloatArray
    paying: FloatArray
    free_shipping_cost: FloatArray  # the shipping fees forgone


def shipping_step(
    *, plan: Scenario, offers: Offers, visits: Visits, card_free_orders: FloatArray
) -> Shipping:
    o_new, o_rep, orders = visits.orders_new, visits.orders_repeat, visits.orders
    free_shipped = np.minimum(
        orders,
        o_new * offers.new.free_shipping + o_rep * offers.repeat.free_shipping + card_free_orders,
    )
    share = plan.store.paid_shipping_share
    same = np.logical_and(offers.paying_new == offers.paying_repeat, offers.paying_repeat == share)
    if np.all(same):
        paying = share * (orders - free_shipped)
    else:  # those who still pay: fewer, where the fee turned payers away (path by path)
        paying = np.where(same, share * (orders - free_shipped), (
            offers.paying_new * o_new + offers.paying_repeat * o_rep
        ) * safe_ratio(orders - free_shipped, orders))  # fmt: skip
    return Shipping(free_shipped, paying, plan.store.shipping_fee * share * free_shipped)


@dataclass(frozen=True)
class PromotionCosts:
    """Direct cost of each promotion per day: discounts, fees forgone, gifts, prizes, add-on
    items and vouchers."""

    by_promo: dict[int, FloatArray]
    total: FloatArray


def promotion_cost_step(
    *, plan: Scenario, offers: Offers, visits: Visits, vouchers: Vouchers
) -> PromotionCosts:
    o_new, o_rep = visits.orders_new, visits.orders_repeat
    by_promo = {
        i: o_new * offers.new.cost_by_promo.get(i, 0.0) + o_rep * offers.repeat.cost_by_promo.get(i, 0.0)
        + vouchers.cost_by_promo.get(i, 0.0)
        for i in range(len(plan.promotions))
    }  # fmt: skip
    return PromotionCosts(by_promo, sum(by_promo.values(), np.zeros(plan.horizon_days)))


@dataclass(frozen=True)
class Marketing:
    """What the traffic and the reminders cost, and each paid source's share of the new orders
    (attribution by quality-weighted visitors)."""

    share: dict[str, FloatArray]  # search, display, affiliate
    campaign_share: list[FloatArray]  # one per campaign window
    ad_spend: FloatArray
    affiliate_commission: FloatArray
    campaign_cost: FloatArray  # fees on the campaign days + commission on its new GMV
    reminder_cost: FloatArray


def marketing_step(
    *, plan: Scenario, traffic: TrafficDays, gmv_new: FloatArray, placed: FloatArray,
    payment: Payment,
) -> Marketing:  # fmt: skip
    t, tr = plan.traffic, traffic
    share = {
        "search": safe_ratio(tr.search * t.paid_search.quality, tr.weighted),
        "display": safe_ratio(tr.display * t.display.quality, tr.weighted),
        "affiliate": safe_ratio(tr.affiliate * t.affiliate.quality, tr.weighted),
    }
    camp_share = [
        safe_ratio(w * c.quality, tr.weighted)
        for w, c in zip(tr.campaign_by_window, t.campaigns, strict=True)
    ]
    campaign_cost = np.zeros(plan.horizon_days)
    for w_share, window, c in zip(camp_share, tr.campaign_by_window, t.campaigns, strict=True):
        campaign_cost = (
            campaign_cost + c.fee_per_day * (window > 0) + c.commission_rate * gmv_new * w_share
        )
    return Marketing(
        share=share,
        campaign_share=camp_share,
        ad_spend=np.zeros(plan.horizon_days) + (t.paid_search.budget_per_day + t.display.budget_per_day),
        affiliate_commission=t.affiliate.commission_rate * gmv_new * share["affiliate"],
        campaign_cost=campaign_cost,
        reminder_cost=placed * payment.reminders_per_order * payment.unit_reminder_cost,
    )  # fmt: skip


@dataclass(frozen=True)
class Fulfilment:
    """The warehouse (§6.8): orders past the ship-by deadline are cancelled and compensated."""

    days: FulfilmentDays
    compensation: FloatArray  # late and cancelled orders' compensation (yuan)
    late_rate: FloatArray  # of the day's paid orders, the share not delivered on time
    orders_late: FloatArray
    orders_damaged: FloatArray


def fulfilment_step(
    *, plan: Scenario, orders: FloatArray, gmv: FloatArray, events: FloatArray
) -> Fulfilment:
    ful = fulfilment_days(plan, orders, events)
    ff = plan.fulfilment
    comp = (ful.cancelled + ful.shipped_late) * compensation_per_order(
        safe_ratio(gmv, orders),
        ff.late_compensation_rate,
        ff.late_compensation_min,
        ff.late_compensation_max,
    )
    # shipped late or cancelled
    late = np.where(
        ful.cancelled > 0,
        safe_ratio(ful.shipped * ful.late_rate + ful.cancelled, orders),
        ful.late_rate,
    )
    return Fulfilment(ful, comp, late, ful.shipped * ful.late_rate, ful.shipped * ful.damage_rate)


@dataclass(frozen=True)
class Money:
    """Profit and loss of each day (§8, finance.money) and the cash beside it."""

    pnl: finance.Money
    cash: FloatArray  # profit + the loyalty schemes' cash timing


def money_step(
    *, plan: Scenario, basket: Basket, visits: Visits, shipping: Shipping, marketing: Marketing,
    members: Members, desk: ServiceDays, fulfilment: Fulfilment,
) -> Money:  # fmt: skip
    sch = members.schemes
    m = finance.money(
        plan,
        gmv=basket.gmv,
        merchandise_list=basket.merchandise_list,
        orders=visits.orders,
        orders_paying_shipping=shipping.paying,
        goods_cost=basket.goods_cost,
        bubble_value=basket.bubble_value,
        ad_spend=marketing.ad_spend,
        affiliate_commission=marketing.affiliate_commission,
        campaign_cost=marketing.campaign_cost,
        reminder_cost=marketing.reminder_cost,
        loyalty_cost=sch.cost,
        loyalty_income=sch.income,
        agent_days=desk.agents,
        cancelled_share=fulfilment.days.cancelled_share,
        compensation=fulfilment.compensation,
    )
    return Money(m, m.profit + sch.cash_timing)


def ratings_step(
    *, plan: Scenario, reference: Scenario, visits: Visits, basket: Basket, desks: Desks,
    desk: ServiceDays, fulfilment: Fulfilment,
) -> quality.QualityDays:  # fmt: skip
    """Ratings and the three DSR scores of this pass's orders (§7), and the feedback they send
    back to the next pass (``.feedback``)."""
    orders, lst = visits.orders, basket.merchandise_list
    return quality.assess(
        plan,
        reference,
        orders=orders,
        units_per_order=safe_ratio(basket.units, orders),
        service=desk,
        service_ref=desks.reference_factor,
        deal_share=np.clip(safe_ratio(basket.discounts, lst) / DEEP_DISCOUNT, 0, 1),
        pad_share=np.clip(safe_ratio(basket.bubble_value, lst), 0.0, 1.0),
        events=desks.events,
        fulfilment=fulfilment.days,
    )
