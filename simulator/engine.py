"""The engine: orchestrates one day after another, vectorised over days and simulation paths.

Daily chain (MODEL.md §3.1, §10b): traffic → price → service queue → conversion (inquiry +
silent paths) → payment (催付) → basket (AOV, units) → repeat engine → totals → fulfilment
backlog → ratings and DSR windows → money. The ratings act back on conversion, on the campaign
gate and on the new buyers' repurchase with a lag of at least a day (§7.7); the chain runs again
under the feedback of the previous pass until that feedback stops moving (a fixed point, reached
in a few passes; ``Result.feedback_passes``).

Mean mode (the only mode so far) is the one-path, no-noise case: every array has shape
(paths, T) with paths = 1, so Monte Carlo can add paths without a second engine.

Calibration follows MODEL.md §10c: the *reference* scenario (the store as measured today; by
default the plan itself) fixes the silent-path conversion, the pay rate the inquiry figures were
measured under, the old-customer base (warm start) and the BG/NBD scale α. The *plan*'s values act
as levers from day 0. So ``simulate(plan, reference=baseline)`` answers "what changes from today",
and ``simulate(plan)`` describes a store that has always run like the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import finance, membership, quality
from .basket import Padding, threshold_outcome
from .calendar import calendar_dates
from .dsr import DEEP_DISCOUNT
from .fulfilment import compensation_per_order, fulfilment_days
from .funnel import new_placed_conversion, payment_rates, safe_ratio, silent_conversion
from .pricing import shipping_fee_response
from .promotions import (
    incremental_orders,
    lost_orders,
    pull_forward_debt,
    pull_forward_repay,
    stream_days,
    voucher_specs,
)
from .registry import CR_WARN
from .repurchase import calibrate_alpha, maturity_growth, repeat_kernel
from .scenario import Scenario
from .service import ServiceDays, service_days
from .traffic import gated, traffic_days

#: The ratings feed back into sales with a lag; passes of the whole chain repeat until the
#: feedback moves by less than FEEDBACK_TOL (geometric for the default loadings; MODEL.md §7.7).
MAX_FEEDBACK_PASSES = 60
FEEDBACK_TOL = 1e-10
event_days = quality.event_days

#: Result.daily columns, in order (CONTRACT.md lists the required ones).
DAILY_COLUMNS = (
    "day",
    "uv",
    "uv_organic",
    "uv_paid",
    "uv_search",
    "uv_display",
    "uv_affiliate",
    "uv_campaign",
    "uv_returning",
    "inquiries",
    "orders_placed",
    "orders_paid",
    "orders_new",
    "orders_repeat",
    "conversion_rate",
    "conversion_rate_new",
    "pay_rate",
    "aov",
    "aov_new",
    "aov_repeat",
    "units_per_order",
    "gmv",
    "gmv_new",
    "gmv_repeat",
    "gmv_list",
    "discount_cost",
    "uv_value",
    "old_customer_share",
    "price_index",
    "traffic_quality",
    "shipping_fee_income",
    "refunds",
    "cancellation_refunds",
    "net_sales",
    "cogs",
    "shipping_cost",
    "late_compensation",
    "platform_fee",
    "service_cost",
    "ad_spend",
    "affiliate_commission",
    "campaign_cost",
    "reminder_cost",
    "marketing_cost",
    "profit",
    "promotion_cost",
    "promotion_goods_cost",
    "free_shipping_cost",
    "voucher_cost",
    "pull_forward_repay",
    "pull_forward_offset",
    "pull_forward_debt",
    "orders_referred",
    "orders_members",
    "members",
    "membership_fee_cash",
    "membership_fee_revenue",
    "membership_fee_deferred",
    "member_price_cost",
    "points_expense",
    "points_liability",
    "card_holders",
    "card_sales",
    "card_revenue",
    "card_free_orders",
    "card_deferred_revenue",
    "stored_value_topups",
    "stored_value_spent",
    "stored_value_breakage",
    "stored_value_liability",
    "stored_value_gift_cost",
    "referral_reward_cost",
    "outreach_cost",
    "loyalty_cost",
    "cash",
    "agents",
    "response_time_s",
    "service_factor",
    "inquiry_conversion_factor",
    "saturated_hours",
    "auto_reply_share",
    "dispatch_capacity",
    "dispatched",
    "backlog",
    "dispatch_delay_days",
    "late_rate",
    "orders_late",
    "orders_damaged",
    "orders_cancelled",
    "ratings",
    "incident_description",
    "incident_service",
    "incident_logistics",
    "dsr_description",
    "dsr_service",
    "dsr_logistics",
    "dsr_mean",
    "dsr_description_vs_industry",
    "dsr_service_vs_industry",
    "dsr_logistics_vs_industry",
    "negative_share",
    "dsr_conversion_factor",
    "campaign_gate",
)

#: Daily ratios and prices: recomputed from the sums in Result.totals, never summed.
NOT_SUMMED = frozenset(
    {"day", "conversion_rate", "conversion_rate_new", "pay_rate", "aov", "aov_new", "aov_repeat",
     "units_per_order", "uv_value", "old_customer_share", "price_index", "traffic_quality",
     "pull_forward_debt", "members", "agents", "points_liability", "card_holders",
     "stored_value_liability", "membership_fee_deferred", "card_deferred_revenue",
     "response_time_s", "service_factor", "inquiry_conversion_factor", "auto_reply_share",
     "dispatch_capacity", "backlog", "dispatch_delay_days", "late_rate", "incident_description",
     "incident_service", "incident_logistics", "dsr_description", "dsr_service", "dsr_logistics",
     "dsr_mean", "dsr_description_vs_industry", "dsr_service_vs_industry",
     "dsr_logistics_vs_industry", "negative_share", "dsr_conversion_factor", "campaign_gate"}
)  # fmt: skip
#: Columns summed over the horizon in Result.totals.
SUMMED = tuple(c for c in DAILY_COLUMNS if c not in NOT_SUMMED)


@dataclass(frozen=True)
class Calibration:
    """Constants fixed by the reference scenario (shown beside the formulas in the UI)."""

    pay_rate_reference: float  # PR0
    silent_conversion: float  # c_sil, placed orders per silent visitor
    new_placed_conversion: float  # per visitor of reference quality, before multipliers
    history_buyers_per_day: float  # N: new buyers per day before day 0 (warm start)
    alpha_days: float  # BG/NBD scale α (days)
    age_days: int  # H
    repeat_multiplier: float  # plan's old-customer lever relative to the reference


@dataclass(frozen=True)
class Result:
    """What ``simulate`` returns: a daily table, horizon totals and the ROI of each channel."""

    scenario: Scenario
    daily: pd.DataFrame
    totals: Mapping[str, float]
    channels: pd.DataFrame
    calibration: Calibration
    warnings: tuple[str, ...] = field(default_factory=tuple)
    promotion_costs: Mapping[int, float] = field(default_factory=dict)  # direct cost per promotion
    quality: quality.QualityDays | None = None  # service desk, warehouse, ratings and windows
    feedback_passes: int = 1  # passes of the daily chain until the ratings' feedback settled


def _odds(s: float) -> float:
    return s / (1.0 - s)


def calibrate(plan: Scenario, reference: Scenario) -> Calibration:
    ref = reference.funnel
    pr0 = payment_rates(reference.payment)[0]
    # History: the reference store's everyday new buyers per (mean) day, constant for H days.
    n_hist = (1.0 - ref.old_customer_share) * ref.conversion_rate * reference.traffic.organic_uv
    s_ref, s_plan = ref.old_customer_share, plan.funnel.old_customer_share
    age = float(reference.store.age_days)
    rp, rr = plan.repeat, reference.repeat

    def alpha_for(share: float) -> float:
        try:
            return calibrate_alpha(share, age, rp.r, rp.a, rp.b, float(rp.lifetime_days))
        except ValueError:  # the plan's BG/NBD shapes cannot reach it: the reference's can
            return calibrate_alpha(share, age, rr.r, rr.a, rr.b, float(rr.lifetime_days))

    alpha = alpha_for(s_ref)
    if np.isfinite(alpha):
        mult = _odds(s_plan) / _odds(s_ref)  # the plan's old-customer lever
    else:  # the reference has no repeat buying to speak of: the plan's share sets the scale
        alpha, mult = alpha_for(s_plan), 1.0
    return Calibration(
        pay_rate_reference=pr0,
        silent_conversion=silent_conversion(plan, reference),
        new_placed_conversion=new_placed_conversion(plan, reference),
        history_buyers_per_day=n_hist,
        alpha_days=alpha,
        age_days=reference.store.age_days,
        repeat_multiplier=mult,
    )


def simulate(scenario: Scenario, *, reference: Scenario | None = None) -> Result:
    """Simulate ``scenario`` day by day in mean mode (deterministic, no noise).

    Parameters
    ----------
    scenario : the plan to simulate.
    reference : the store as measured today, whose numbers calibrate the funnel and the
        old-customer base (MODEL.md §10c). Defaults to ``scenario`` itself.
    """
    plan = scenario
    ref = reference if reference is not None else scenario
    cal = calibrate(plan, ref)
    # The scheme prices set the plan's enrolment and card uptake (membership.priced).
    plan = membership.priced(scenario, ref, cal.alpha_days)
    horizon = plan.horizon_days
    paths = 1

    def per_path(x: np.ndarray) -> np.ndarray:
        return np.broadcast_to(x, (paths, horizon)).astype(float)

    # -- traffic (§6.1) and promotions (§5): fixed over the feedback passes
    tr_plan = traffic_days(plan, ref)
    events = event_days(plan)
    memo: dict = {}
    # Offers for members reach the members among old customers: the stated rate, not the priced
    # rate of those who join from day 0 (existing members keep their terms).
    fx_new = stream_days(scenario, "new", plan.store.aov, memo)
    rep_list_value, rep_sigma = membership.repeat_basket(plan)
    fx_rep = stream_days(scenario, "repeat", rep_list_value, memo, sigma=rep_sigma)
    # The shipping charged moves both streams' orders (pricing.shipping_fee_response).
    ship_new, paying_new = shipping_fee_response(plan, ref, plan.store.aov)
    ship_rep, paying_rep = shipping_fee_response(plan, ref, rep_list_value)
    same_shipping = paying_new == paying_rep == plan.store.paid_shipping_share
    inquiry_share = safe_ratio(
        plan.funnel.inquiry_rate * plan.funnel.inquiry_conversion, cal.new_placed_conversion
    )
    # -- payment (§6.4) and the repeat kernel (§6.6): the same in every pass
    pay_rate, recovered_by_reminders, reminders_per_order = payment_rates(plan.payment)
    rp = plan.repeat
    kernel = repeat_kernel(horizon, rp.r, cal.alpha_days, rp.a, rp.b, float(rp.lifetime_days))
    rep_scale = cal.repeat_multiplier * (pay_rate / cal.pay_rate_reference)
    n_hist, age = cal.history_buyers_per_day, cal.age_days
    # The desk of each gate pattern (usually just "open"), and the reference's desk on its own
    # traffic (the plan's open desk when the plan is its own reference).
    open_desk = service_days(plan, tr_plan.total * plan.funnel.inquiry_rate, events)
    desks: dict[bytes, ServiceDays] = {np.ones(horizon).tobytes(): open_desk}
    service_ref = open_desk.factor if ref is plan else quality.reference_service(ref, horizon)

    def run(fb: quality.Feedback) -> dict:
        """One pass of the daily chain under the feedback ``fb`` of the ratings."""
        tr = gated(tr_plan, plan, fb.gate)
        uv_sources = per_path(tr.total)
        weighted = per_path(tr.weighted)
        # -- service queue (§6.2): the inquiry path converts as the desk answers
        inquiries = uv_sources * plan.funnel.inquiry_rate
        gate_key = fb.gate.tobytes()
        if gate_key not in desks:
            desks[gate_key] = service_days(plan, inquiries[0], events)
        desk = desks[gate_key]
        desk_factor = 1.0 + inquiry_share * (safe_ratio(desk.factor, service_ref) - 1.0)
        # -- conversion (§6.3)
        new_gross = (
            weighted * cal.new_placed_conversion * fx_new.conversion * pay_rate * ship_new
            * desk_factor * fb.conversion
        )  # fmt: skip
        # -- repeat engine (§6.6): the plan's new buyers join the reference's warm-started base
        # Referral fission (§5.13): the funnel's new buyers already hold the reference's referred
        # share (they are in its dashboard numbers), so only the plan's difference is added.
        referred_all = per_path(membership.referred_buyers(plan, new_gross[0], n_hist, age))
        referred = referred_all - per_path(
            membership.referred_buyers(ref, new_gross[0], n_hist, age)
        )

        def repeat_base(organic_new: np.ndarray) -> membership.RepeatBase:
            return membership.repeat_orders(
                plan,
                ref,
                organic_new[0] * fb.cohort_weight,
                referred[0],
                n_hist,
                age,
                cal.alpha_days,
            )

        first = repeat_base(new_gross)
        # A share lies in [0, 1]; the clip keeps it there when the repeat base is ~0 and its parts
        # carry rounding of opposite signs (a hypothesis find: −7,895 member orders on such a day).
        member_share = np.clip(safe_ratio(first.members, first.total), 0.0, 1.0)
        levers = membership.day_levers(plan, ref, member_share)
        day_mult = fx_rep.conversion * levers.member_price * levers.member_day * levers.outreach
        day_mult = day_mult * ship_rep
        rep_gross = per_path(first.total) * rep_scale * day_mult
        # -- pull-forward (§5.11): promotion days (and member days) borrow orders that later days repay
        # (orders, not units: the deal baskets' extra units are not borrowed; the reference-price
        # loss after an event pays the debt first, so the two never add up to a double dip)
        m_rep = fx_rep.order_multiplier * levers.member_day
        delta_q = incremental_orders(new_gross, fx_new.order_multiplier) + incremental_orders(
            rep_gross, m_rep
        )
        lost = lost_orders(new_gross, fx_new.order_multiplier) + lost_orders(rep_gross, m_rep)
        debt = pull_forward_debt(delta_q[0], plan.price.pull_forward, plan.price.pull_forward_days)
        repay = per_path(pull_forward_repay(debt, plan.price.pull_forward_days, lost[0]))
        gross = new_gross + rep_gross
        new_part = safe_ratio(new_gross, gross)
        organic_new = np.maximum(0.0, new_gross - repay * new_part)
        orders_new = np.maximum(0.0, organic_new + referred)
        rep_base = repeat_base(organic_new)
        orders_repeat = np.maximum(
            0.0, rep_base.total * rep_scale * day_mult - repay * (1.0 - new_part)
        )
        # -- post-purchase vouchers (抵价券): holders buy again more often while the voucher lasts
        voucher_cost = np.zeros((paths, horizon))
        promo_cost_extra: dict[int, np.ndarray] = {}
        for i, share, face, valid, uplift, threshold in voucher_specs(plan, horizon):
            holders = orders_new * share
            window = np.zeros(horizon)
            window[: min(valid, horizon)] = kernel[: min(valid, horizon)]
            base = (
                np.concatenate(([0.0], np.convolve(holders[0], window)[: horizon - 1])) * rep_scale
            )
            orders_repeat = orders_repeat + uplift * base
            # E[min(face, B)·1{B ≥ threshold}] on the repeat basket: a voucher never pays more than
            # the order it is used on.
            per_order = threshold_outcome(
                rep_list_value, rep_sigma, [(threshold, face)], Padding(0.0, 0.0)
            ).reward
            cost = (1.0 + uplift) * base * float(per_order)
            voucher_cost = voucher_cost + cost
            promo_cost_extra[i] = cost
        orders = orders_new + orders_repeat
        placed = orders / pay_rate
        # Every order needs visits (MODEL.md §10c): the sources' visitors hold the new buyers' one
        # visit each and the returning buyers' v_ret visits per order; on days they cannot
        # (almost no new traffic), the returning buyers' own visits are added, so conversion
        # never reads 100 % [ASSUMPTION: v_ret, funnel.returning_visits_per_order].
        visits_needed = orders_new + plan.funnel.returning_visits_per_order * orders_repeat
        uv_returning = np.maximum(0.0, visits_needed - uv_sources)
        uv = uv_sources + uv_returning
        # -- basket and totals (§6.5, §6.7)
        aov_new, aov_rep = fx_new.paid_value, fx_rep.paid_value
        gmv_new = orders_new * aov_new
        member_price_cost = orders_repeat * levers.member_price_share * levers.discount * aov_rep
        # ≥ 0 by construction (vouchers and member prices never pay more than the order); the clip
        # only removes rounding (−1e-17 on a day without repeat orders made refunds negative).
        gmv_repeat = np.maximum(0.0, orders_repeat * aov_rep - voucher_cost - member_price_cost)
        gmv = gmv_new + gmv_repeat
        gmv_list = orders_new * (fx_new.list_value + fx_new.addon_revenue) + orders_repeat * (
            fx_rep.list_value + fx_rep.addon_revenue
        )
        merchandise_list = orders_new * fx_new.list_value + orders_repeat * fx_rep.list_value
        units_total = plan.store.units_per_order * (
            orders_new * fx_new.units_factor + orders_repeat * fx_rep.units_factor
        )
        goods_cost = orders_new * fx_new.goods_cost + orders_repeat * fx_rep.goods_cost
        bubble_value = orders_new * fx_new.padded_value + orders_repeat * fx_rep.padded_value
        phone = plan.store.aov >= plan.payment.phone_aov_threshold
        unit_reminder_cost = plan.payment.call_cost if phone else plan.payment.sms_cost
        outreach_unit = (
            plan.payment.call_cost
            if plan.membership.outreach.channel == "phone"
            else plan.payment.sms_cost
        )
        orders_members = plan.membership.enrollment_rate * orders_new + member_share * orders_repeat
        sch = membership.schemes(
            plan,
            ref,
            new_buyers=orders_new[0],
            referred=referred_all[0],
            member_orders=orders_members[0],
            card_orders=(orders_repeat * np.clip(safe_ratio(rep_base.card, rep_base.total), 0, 1))[
                0
            ],
            paid_value=safe_ratio(gmv, orders)[0],
            history_buyers=n_hist,
            age_days=age,
            unit_contact_cost=outreach_unit,
        )
        free_shipped = np.minimum(
            orders,
            orders_new * fx_new.free_shipping + orders_repeat * fx_rep.free_shipping
            + sch.card_free_orders,
        )  # fmt: skip
        if same_shipping:
            paying_shipping = plan.store.paid_shipping_share * (orders - free_shipped)
        else:  # those who still pay: fewer, where the fee turned payers away
            paying_shipping = (paying_new * orders_new + paying_rep * orders_repeat) * safe_ratio(
                orders - free_shipped, orders
            )
        free_shipping_cost = plan.store.shipping_fee * plan.store.paid_shipping_share * free_shipped
        promo_costs = {
            i: orders_new[0] * fx_new.cost_by_promo.get(i, 0.0) + orders_repeat[0] * fx_rep.cost_by_promo.get(i, 0.0)
            + promo_cost_extra.get(i, 0.0)
            for i in range(len(plan.promotions))
        }  # fmt: skip
        # -- attribution of new orders by quality-weighted visitors
        share = {
            "search": safe_ratio(tr.search * plan.traffic.paid_search.quality, tr.weighted),
            "display": safe_ratio(tr.display * plan.traffic.display.quality, tr.weighted),
            "affiliate": safe_ratio(tr.affiliate * plan.traffic.affiliate.quality, tr.weighted),
        }
        camp_share = [
            safe_ratio(w * c.quality, tr.weighted)
            for w, c in zip(tr.campaign_by_window, plan.traffic.campaigns, strict=True)
        ]
        affiliate_commission = plan.traffic.affiliate.commission_rate * gmv_new * share["affiliate"]
        campaign_cost = np.zeros((paths, horizon))
        for w_share, window, c in zip(
            camp_share, tr.campaign_by_window, plan.traffic.campaigns, strict=True
        ):
            on = window > 0
            campaign_cost = (
                campaign_cost + c.fee_per_day * on + c.commission_rate * gmv_new * w_share
            )
        reminder_cost = placed * reminders_per_order * unit_reminder_cost
        ad_spend = per_path(
            np.full(
                horizon,
                plan.traffic.paid_search.budget_per_day + plan.traffic.display.budget_per_day,
            )
        )
        # -- the warehouse (§6.8): orders past the ship-by deadline are cancelled and compensated
        ful = fulfilment_days(plan, orders[0], events)
        ff = plan.fulfilment
        late_comp = (ful.cancelled + ful.shipped_late) * compensation_per_order(
            safe_ratio(gmv, orders)[0],
            ff.late_compensation_rate,
            ff.late_compensation_min,
            ff.late_compensation_max,
        )
        m = finance.money(
            plan,
            gmv=gmv,
            merchandise_list=merchandise_list,
            orders=orders,
            orders_paying_shipping=paying_shipping,
            goods_cost=goods_cost,
            bubble_value=bubble_value,
            ad_spend=ad_spend,
            affiliate_commission=affiliate_commission,
            campaign_cost=campaign_cost,
            reminder_cost=reminder_cost,
            loyalty_cost=per_path(sch.cost),
            loyalty_income=per_path(sch.income),
            agent_days=per_path(desk.agents),
            cancelled_share=per_path(ful.cancelled_share),
            compensation=per_path(late_comp),
        )
        cols = {
            "day": np.arange(horizon),
            "uv": uv,
            "uv_organic": per_path(tr.organic),
            "uv_paid": per_path(tr.paid),
            "uv_search": per_path(tr.search),
            "uv_display": per_path(tr.display),
            "uv_affiliate": per_path(tr.affiliate),
            "uv_campaign": per_path(tr.campaign),
            "uv_returning": uv_returning,
            "inquiries": inquiries,
            "orders_placed": placed,
            "orders_paid": orders,
            "orders_new": orders_new,
            "orders_repeat": orders_repeat,
            "conversion_rate": safe_ratio(orders, uv),
            "conversion_rate_new": safe_ratio(orders_new, uv),
            "pay_rate": safe_ratio(orders, placed),
            "aov": safe_ratio(gmv, orders),
            "aov_new": per_path(aov_new),
            "aov_repeat": per_path(aov_rep),
            "units_per_order": safe_ratio(units_total, orders),
            "gmv": gmv,
            "gmv_new": gmv_new,
            "gmv_repeat": gmv_repeat,
            "gmv_list": gmv_list,
            "discount_cost": gmv_list - gmv,
            "uv_value": safe_ratio(gmv, uv),
            "old_customer_share": safe_ratio(orders_repeat, orders),
            "price_index": safe_ratio(gmv, gmv_list),
            "traffic_quality": safe_ratio(weighted, uv_sources),
            "shipping_fee_income": m.shipping_fee_income,
            "refunds": m.refunds,
            "cancellation_refunds": m.cancellation_refunds,
            "late_compensation": m.late_compensation,
            "net_sales": m.net_sales,
            "cogs": m.cogs,
            "shipping_cost": m.shipping_cost,
            "platform_fee": m.platform_fee,
            "service_cost": m.service_cost,
            "ad_spend": m.ad_spend,
            "affiliate_commission": m.affiliate_commission,
            "campaign_cost": m.campaign_cost,
            "reminder_cost": m.reminder_cost,
            "marketing_cost": m.marketing,
            "profit": m.profit,
            "promotion_cost": per_path(sum(promo_costs.values(), np.zeros(horizon))),
            "promotion_goods_cost": goods_cost,
            "free_shipping_cost": free_shipping_cost,
            "voucher_cost": voucher_cost,
            "pull_forward_repay": repay,
            # the part of what fell due that the reference-price loss already kept away
            "pull_forward_offset": per_path(debt / plan.price.pull_forward_days) - repay,
            "pull_forward_debt": per_path(debt),
            "orders_referred": referred_all,
            "orders_members": orders_members,
            "members": per_path(sch.members),
            "membership_fee_cash": per_path(sch.fee_cash),
            "membership_fee_revenue": per_path(sch.fee_revenue),
            "membership_fee_deferred": per_path(sch.fee_deferred),
            "member_price_cost": member_price_cost,
            "points_expense": per_path(sch.points_expense),
            "points_liability": per_path(sch.points_liability),
            "card_holders": per_path(sch.card_holders),
            "card_sales": per_path(sch.card_cash),
            "card_revenue": per_path(sch.card_revenue),
            "card_free_orders": per_path(sch.card_free_orders),
            "card_deferred_revenue": per_path(sch.card_deferred),
            "stored_value_topups": per_path(sch.stored_value_topups),
            "stored_value_spent": per_path(sch.stored_value_spent),
            "stored_value_breakage": per_path(sch.stored_value_breakage),
            "stored_value_liability": per_path(sch.stored_value_liability),
            "stored_value_gift_cost": per_path(sch.stored_value_gifts),
            "referral_reward_cost": per_path(sch.referral_rewards),
            "outreach_cost": per_path(sch.outreach_cost),
            "loyalty_cost": per_path(sch.cost),
            "cash": m.profit + per_path(sch.cash_timing),
        }
        # -- fulfilment, ratings and DSR (§6.8, §7) of this pass's orders
        discounts = orders_new * (fx_new.item_discount + fx_new.order_discount) + orders_repeat * (
            fx_rep.item_discount + fx_rep.order_discount
        )
        qd = quality.assess(
            plan,
            ref,
            orders=orders[0],
            units_per_order=safe_ratio(units_total, orders)[0],
            service=desk,
            service_ref=service_ref,
            deal_share=np.clip(safe_ratio(discounts, merchandise_list)[0] / DEEP_DISCOUNT, 0, 1),
            pad_share=np.clip(safe_ratio(bubble_value, merchandise_list)[0], 0.0, 1.0),
            events=events,
            fulfilment=ful,
        )
        cols.update(_quality_columns(qd, orders[0], fb, desk_factor))
        return {
            "cols": cols, "tr": tr, "share": share, "camp_share": camp_share,
            "promo_costs": promo_costs, "recovered": recovered_by_reminders, "aov_new": aov_new,
            "quality": qd,
        }  # fmt: skip

    fb = quality.Feedback.neutral(horizon)
    converged, passes = False, 0
    while passes < MAX_FEEDBACK_PASSES:
        passes += 1
        out = run(fb)
        nxt = out["quality"].feedback
        if nxt.distance(fb) <= FEEDBACK_TOL:
            converged = True
            break
        fb = nxt
    cols, tr, share, camp_share = out["cols"], out["tr"], out["share"], out["camp_share"]
    promo_costs, aov_new, qd = out["promo_costs"], out["aov_new"], out["quality"]
    recovered_by_reminders = out["recovered"]
    # Mean mode: the one path's rows. Totals and channels read the arrays, not the DataFrame
    # (pandas per-column overhead would dominate the run time).
    arrays = {k: np.asarray(cols[k], dtype=float).reshape(-1, horizon)[0] for k in DAILY_COLUMNS}
    arrays["day"] = np.arange(horizon)
    # ``date`` (start_date + day) second, beside ``day``; the arrays keep the numbers only
    dated = {"day": arrays["day"], "date": calendar_dates(plan.start_date, horizon), **arrays}
    daily = pd.DataFrame(dated, copy=False)
    contrib = finance.order_contribution(plan, aov_new, fx_new.list_value, fx_new.goods_cost)
    channels = _channels(plan, arrays, tr, share, camp_share, contrib, recovered_by_reminders)
    return Result(
        scenario=scenario,
        daily=daily,
        totals=_totals(arrays),
        channels=channels,
        calibration=cal,
        warnings=tuple(
            _warnings(plan, cal)
            + (["discount_past_evidence"] if _past_floor(fx_new, fx_rep) else [])
            + _quality_warnings(plan, arrays, converged)
        ),
        promotion_costs={i: float(c.sum()) for i, c in promo_costs.items()},
        quality=qd,
        feedback_passes=passes,
    )


def _past_floor(*streams) -> bool:
    """Some day's discount (or reward worth as much) goes deeper than x_floor (price.floor): the
    demand there is held at the floor's, a response the evidence does not reach (§5.1)."""
    return any(fx.past_floor is not None and bool(fx.past_floor.any()) for fx in streams)


def _quality_columns(qd: quality.QualityDays, orders: np.ndarray, fb, desk_factor) -> dict:
    """Daily columns of the service desk, the warehouse and the three scores."""
    sv, ff, w = qd.service, qd.fulfilment, qd.windows
    rel = qd.relative
    return {
        "agents": sv.agents,
        "response_time_s": sv.response_time_s,
        "service_factor": sv.factor,
        "inquiry_conversion_factor": desk_factor,
        "saturated_hours": sv.saturated_hours,
        "auto_reply_share": sv.unstaffed_share,
        "dispatch_capacity": ff.capacity,
        "dispatched": ff.dispatched,
        "backlog": ff.backlog,
        "dispatch_delay_days": ff.delay_days,
        # Of the day's paid orders, the share not delivered on time: shipped late or cancelled.
        "late_rate": np.where(
            ff.cancelled > 0,
            safe_ratio(ff.shipped * ff.late_rate + ff.cancelled, orders),
            ff.late_rate,
        ),
        "orders_late": ff.shipped * ff.late_rate,
        "orders_damaged": ff.shipped * ff.damage_rate,
        "orders_cancelled": ff.cancelled,
        "ratings": w["service"].arrivals,
        "incident_description": qd.incident["description"],
        "incident_service": qd.incident["service"],
        "incident_logistics": qd.incident["logistics"],
        "dsr_description": w["description"].score,
        "dsr_service": w["service"].score,
        "dsr_logistics": w["logistics"].score,
        "dsr_mean": qd.dsr_mean,
        "dsr_description_vs_industry": rel["description"],
        "dsr_service_vs_industry": rel["service"],
        "dsr_logistics_vs_industry": rel["logistics"],
        "negative_share": qd.negative_share,
        "dsr_conversion_factor": fb.conversion,
        "campaign_gate": fb.gate,
    }


def _quality_warnings(plan: Scenario, daily: Mapping[str, np.ndarray], converged: bool) -> list:
    out = []
    if np.any(daily["saturated_hours"] > 0):
        out.append("service_saturated")  # more chats than the agents can take (§6.2)
    if np.any(daily["backlog"] > 0.5 * daily["dispatch_capacity"]):
        out.append("dispatch_backlog")  # over half a day of orders waiting to ship (§6.8)
    if daily["orders_cancelled"].sum() >= 0.5:
        out.append("orders_cancelled")  # buyers cancelled orders unshipped at the deadline (§6.8)
    if np.any(daily["campaign_gate"] < 1) and any(
        c.kind in quality.GATED_KINDS for c in plan.traffic.campaigns
    ):
        out.append("campaign_gate_closed")  # the DSR fell below the activity gate (§7.7)
    if not converged:
        out.append("dsr_feedback_not_converged")
    return out


def _totals(daily: Mapping[str, np.ndarray]) -> dict[str, float]:
    tot = {k: float(daily[k].sum()) for k in SUMMED}
    uv, orders = tot["uv"], tot["orders_paid"]
    tot["conversion_rate"] = orders / uv if uv else 0.0
    tot["conversion_rate_new"] = tot["orders_new"] / uv if uv else 0.0
    tot["aov"] = tot["gmv"] / orders if orders else 0.0
    tot["uv_value"] = tot["gmv"] / uv if uv else 0.0
    tot["old_customer_share"] = tot["orders_repeat"] / orders if orders else 0.0
    tot["pay_rate"] = orders / tot["orders_placed"] if tot["orders_placed"] else 0.0
    tot["units_per_order"] = (
        float((daily["units_per_order"] * daily["orders_paid"]).sum()) / orders if orders else 0.0
    )
    tot["profit_margin"] = tot["profit"] / tot["gmv"] if tot["gmv"] else 0.0
    mkt = tot["marketing_cost"]
    tot["profit_per_marketing_yuan"] = tot["profit"] / mkt if mkt else float("nan")
    tot["days"] = float(len(daily["day"]))
    for stock in (
        "members", "points_liability", "stored_value_liability", "card_holders",
        "membership_fee_deferred", "card_deferred_revenue",
    ):  # fmt: skip
        tot[f"{stock}_end"] = float(daily[stock][-1]) if len(daily["day"]) else 0.0
    n = len(daily["day"])
    for dim in ("description", "service", "logistics", "mean"):
        col = daily[f"dsr_{dim}"]
        tot[f"dsr_{dim}_end"] = float(col[-1]) if n else 0.0
        tot[f"dsr_{dim}_min"] = float(col.min()) if n else 0.0
    tot["agent_days"] = float(daily["agents"].sum())
    tot["backlog_max"] = float(daily["backlog"].max()) if n else 0.0
    late = tot["orders_late"] + tot["orders_cancelled"]  # not delivered on time
    tot["late_rate"] = late / orders if orders else 0.0
    inq = tot["inquiries"]
    tot["response_time_s"] = (
        float((daily["response_time_s"] * daily["inquiries"]).sum()) / inq if inq else 0.0
    )
    tot["pull_forward_debt_end"] = (
        float(daily["pull_forward_debt"][-1]) if len(daily["day"]) else 0.0
    )
    return tot


def _channels(plan, daily, tr, share, camp_share, contrib, recovered_by_reminders) -> pd.DataFrame:
    """ROI of every yuan spent: first-order contribution of the new orders each channel brings."""
    orders_new = daily["orders_new"]
    aov_new = daily["aov_new"]
    days = len(orders_new)
    rows = []
    spec = [
        (
            "paid_search",
            tr.search,
            share["search"],
            np.full(days, plan.traffic.paid_search.budget_per_day),
        ),
        (
            "display",
            tr.display,
            share["display"],
            np.full(days, plan.traffic.display.budget_per_day),
        ),
        ("affiliate", tr.affiliate, share["affiliate"], daily["affiliate_commission"]),
    ]
    for i, (c, w, s) in enumerate(
        zip(plan.traffic.campaigns, tr.campaign_by_window, camp_share, strict=True)
    ):
        on = w > 0
        spend = c.fee_per_day * on + c.commission_rate * orders_new * aov_new * s
        spec.append((f"campaign_{i + 1}", w, s, spend))
    for name, uv, s, spend in spec:
        o = orders_new * s
        rows.append(
            finance.channel_row(
                name,
                float(spend.sum()),
                float(uv.sum()),
                float(o.sum()),
                float((o * aov_new).sum()),
                float((o * contrib).sum()),
            )
        )
    if plan.payment.reminders > 0:
        placed = daily["orders_placed"]
        o = placed * recovered_by_reminders
        rows.append(
            finance.channel_row(
                "reminders",
                float(daily["reminder_cost"].sum()),
                0.0,
                float(o.sum()),
                float((o * daily["aov"]).sum()),
                float((o * contrib).sum()),
            )
        )
    table = pd.DataFrame(rows)
    return table[(table["spend"] > 0) | (table["uv"] > 0)].reset_index(drop=True)


#: Repeat-stream growth over the horizon, with nothing changed, past which the store is called
#: young (still building its old-customer base): the 3 % of CONTRACT.md's stationarity rule.
MATURITY_GROWTH = 0.03


def _warnings(plan: Scenario, cal: Calibration) -> list[str]:
    out = []
    rp = plan.repeat
    growth = maturity_growth(
        cal.age_days, plan.horizon_days, rp.r, cal.alpha_days, rp.a, rp.b, float(rp.lifetime_days)
    )
    if growth > MATURITY_GROWTH:
        out.append("store_still_maturing")  # a young store's old base still grows (§10 T17)
    if plan.funnel.conversion_rate < CR_WARN:
        out.append("conversion_below_1pct")
    if cal.silent_conversion < 0:
        out.append("silent_conversion_negative")
    if any(c.start_day >= plan.horizon_days for c in plan.traffic.campaigns) or any(
        p.start_day >= plan.horizon_days for p in plan.promotions
    ):
        out.append("event_beyond_horizon")
    if plan.repeat.spend_model == "gamma_gamma" and plan.repeat.gg_q <= 2.0:
        out.append("gg_heavy_tail")  # q ≤ 2: no finite spread to match, σ capped (§6.6)
    pts = plan.membership.points
    if pts.enabled and pts.review_reward:
        out.append("points_review_reward")  # rewarding 好评 may break platform rules (§5.9)
    if membership.viral_factor(plan) >= 1.0:
        out.append("referral_explosive")  # K ≥ 1: unbounded growth, the model does not hold (§5.13)
    return out


def promotion_report(plan: Scenario, *, reference: Scenario | None = None) -> pd.DataFrame:
    """Per promotion: its direct cost and what it adds, by removing it and simulating again.

    Columns: index, kind, start_day, end_day, audience, cost (direct: discounts, fees forgone,
    gifts, prizes, add-on items, vouchers), incremental_gmv, incremental_orders, incremental_profit
    (over the whole horizon, post-promotion dip included) and roi = incremental_profit ÷ cost.
    """
    ref = reference if reference is not None else plan
    full = simulate(plan, reference=ref)
    rows = []
    for i, promo in enumerate(plan.promotions):
        rest = plan.model_copy(
            update={"promotions": plan.promotions[:i] + plan.promotions[i + 1 :]}
        )
        without = simulate(rest, reference=ref).totals
        cost = full.promotion_costs.get(i, 0.0)
        gain = full.totals["profit"] - without["profit"]
        rows.append(
            {
                "index": i,
                "kind": promo.kind,
                "start_day": promo.start_day,
                "end_day": promo.end_day,
                "audience": promo.audience,
                "cost": cost,
                "incremental_gmv": full.totals["gmv"] - without["gmv"],
                "incremental_orders": full.totals["orders_paid"] - without["orders_paid"],
                "incremental_profit": gain,
                "roi": gain / cost if cost > 0 else float("nan"),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["index", "kind", "start_day", "end_day", "audience", "cost", "incremental_gmv",
                 "incremental_orders", "incremental_profit", "roi"],
    )  # fmt: skip
