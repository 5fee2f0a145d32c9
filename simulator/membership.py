"""Membership and repurchase streams: who comes back, and how much more (MODEL.md §5.8–5.13, §6.6).

Repeat buying follows the BG/NBD kernel ΔE(k) (``repurchase.py``) scaled per cohort stream
(member × card holder × stored-value holder × referred × bad experience):

    Mult_s(k) = (1 + u_mem)^member · (1 + u_ship·S_card(k))^card · (1 + u_sv·B_sv(k))^sv
                · m_ref^referred · h_bad^bad                                   [ASSUMPTION §6.6]

With uptake shares independent, a cohort's mean multiplier at age k is

    f(k) = [(1 − e) + e·(1 + u_mem)·(1 + c·u_ship·S_card(k))·(1 + s·u_sv·B_sv(k))]·(1 − b + b·h_bad)

(e = enrolment, c = card uptake, s = top-up uptake, b = bad-experience share; S_card = sBG
survival of a yearly T1 card, 1 for lifetime cards; B_sv(k) = e^{−k/L_sv}, the balance still
unspent). Repeat orders on day t are

    Rep_t = (1/Z)·[N·Σ_{j=t+1}^{t+H} ΔE(j)·f_hist(j) + Σ_{c<t} N_c·ΔE(t−c)·f(t−c)]

The history (the H days before day 0) keeps the reference's stream shares (who already holds a
card) with the plan's uplifts (how much each stream buys); Z = the reference's own mean multiplier
over its history, so a plan equal to its reference reproduces the calibrated old-customer share
exactly, and with constant f this is the warm start of §6.6 (T17).

Referral fission (§5.13): members who joined in the last L_ref days bring ρ new buyers a day each,
R_t = ρ·e·Σ_{j=1..L} (N_{t−j} + R_{t−j}) — a renewal equation solved as an IIR filter. The
viral factor K = e·ρ·L; for K < 1 one seeded buyer brings 1/(1 − K) in all (T19), K ≥ 1 grows
without bound and is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from scipy.signal import lfilter

from . import clv as loyalty_clv
from . import finance, loyalty
from .clv import sbg_survival
from .repurchase import expected_repeats
from .scenario import Scenario

FloatArray = NDArray[np.float64]
#: Days of a yearly (T1) free-shipping card [SEED 003: 有效期1年].
CARD_YEAR_DAYS = 365
#: Length of the month behind 会员日 and the T1 card's use cap [ASSUMPTION: 30-day months].
MONTH_DAYS = 30


@lru_cache(maxsize=32)
def _delta_e(n: int, r: float, alpha: float, a: float, b: float) -> FloatArray:
    """ΔE(k) for k = 1…n: a buyer's expected repeat orders on day k after the first order."""
    if not np.isfinite(alpha) or n == 0:
        out = np.zeros(n)
    else:
        e = expected_repeats(np.arange(n + 1, dtype=float), r, alpha, a, b)
        e[0] = 0.0
        out = np.diff(e)
    out.flags.writeable = False
    return out


def card_survival(plan: Scenario, ages: FloatArray) -> FloatArray:
    """Share of a cohort's card holders still holding a card at each age (days since joining).

    T1 cards last a year and renew at the sBG rate r_n = (β + n − 1)/(α + β + n − 1) at every
    anniversary [LIT Fader & Hardie 2007; DERIVED fit (0.704, 1.182)]; T2 and T3 are lifetime cards.
    """
    card = plan.membership.card
    if card.tier != "T1":
        return np.ones_like(ages)
    renewals = np.floor(np.maximum(ages - 1, 0) / CARD_YEAR_DAYS)
    return sbg_survival(renewals, card.renewal_alpha, card.renewal_beta)


def balance_share(plan: Scenario, ages: FloatArray) -> FloatArray:
    """B_sv(k) = e^{−k/L_sv}: the share of a top-up still unspent k days later [ASSUMPTION]."""
    return np.exp(-ages / plan.membership.stored_value.spend_lag_days)


@dataclass(frozen=True)
class Profile:
    """A cohort's repeat-rate multiplier by age, and the parts that belong to scheme holders."""

    total: FloatArray  # f(k)
    members: FloatArray  # the members' part of f(k) (for member price, member day, points)
    card: FloatArray  # the card holders' part (they ship free)


def profile(plan: Scenario, ages: FloatArray, shares_from: Scenario | None = None) -> Profile:
    """f(k) of the module docstring at ``ages``: the plan's uplifts, the stream shares of
    ``shares_from`` (the reference, for cohorts that joined before day 0; default the plan)."""
    ms, who = plan.membership, (shares_from or plan).membership
    e = who.enrollment_rate
    c = who.card.uptake if who.card.enabled else 0.0
    s = who.stored_value.uptake if who.stored_value.enabled else 0.0
    rp, rw = plan.repeat, (shares_from or plan).repeat
    bad = 1.0 - rw.bad_experience_share + rw.bad_experience_share * rp.bad_experience_factor
    card = 1.0 + c * ms.card.repeat_uplift * card_survival(plan, ages) if c else 1.0
    sv = 1.0 + s * ms.stored_value.repeat_uplift * balance_share(plan, ages) if s else 1.0
    member_part = e * (1.0 + ms.repeat_uplift) * card * sv * bad
    card_part = (
        e * (1.0 + ms.repeat_uplift) * c * (1.0 + ms.card.repeat_uplift)
        * card_survival(plan, ages) * sv * bad
    )  # fmt: skip
    total = (1.0 - e) * bad + member_part
    as_array = np.broadcast_to
    return Profile(
        as_array(total, ages.shape).astype(float),
        as_array(member_part, ages.shape).astype(float),
        as_array(card_part, ages.shape).astype(float),
    )


@dataclass(frozen=True)
class RepeatBase:
    """Repeat orders per day before day-level multipliers (price, member day, outreach)."""

    total: FloatArray
    members: FloatArray  # members' repeat orders
    card: FloatArray  # card holders' repeat orders


def repeat_orders(
    plan: Scenario,
    reference: Scenario,
    new_buyers: FloatArray,
    referred: FloatArray,
    history_buyers: float,
    age_days: int,
    alpha: float,
) -> RepeatBase:
    """Rep_t of the module docstring for the plan's ``new_buyers`` (organic) and ``referred``
    buyers (shape (T,)), on top of ``history_buyers`` a day for ``age_days`` days before day 0."""
    horizon = new_buyers.shape[-1]
    rp = plan.repeat
    zero = np.zeros(horizon)
    if horizon == 0 or not np.isfinite(alpha):
        return RepeatBase(zero, zero, zero)
    h = int(age_days)
    delta = _delta_e(horizon + h, rp.r, alpha, rp.a, rp.b)
    ages = np.arange(1, horizon + h + 1, dtype=float)
    hist = profile(plan, ages, shares_from=reference)
    own = profile(reference, ages)
    # Z: the reference's mean multiplier over its own history at day 0 (its calibrated state).
    e_h = delta[:h].sum()
    z = float((delta[:h] * own.total[:h]).sum() / e_h) if e_h > 0 else float(own.total[0])
    z = z if z > 0 else 1.0
    new = profile(plan, ages[:horizon])
    m_ref = plan.membership.referral.repeat_multiplier
    out = []
    for hist_part, new_part in (
        (hist.total, new.total), (hist.members, new.members), (hist.card, new.card)
    ):  # fmt: skip
        g = np.concatenate(([0.0], np.cumsum(delta * hist_part)))
        t = np.arange(horizon)
        history = history_buyers * (g[t + h] - g[t])  # Σ_{j=t+1}^{t+H} ΔE(j)·f(j)
        kernel = delta[:horizon] * new_part
        cohorts = np.convolve(new_buyers + m_ref * referred, kernel)[: horizon - 1]
        out.append((history + np.concatenate(([0.0], cohorts))) / z)
    return RepeatBase(*out)


def viral_factor(plan: Scenario) -> float:
    """K = e·ρ·L_ref: new buyers one referred buyer brings over the referring period (§5.13)."""
    ms = plan.membership
    if not ms.referral.enabled:
        return 0.0
    return ms.enrollment_rate * ms.referral.rate * ms.referral.active_days


def referred_buyers(
    plan: Scenario, new_buyers: FloatArray, history_buyers: float, age: int
) -> FloatArray:
    """R_t = ρ·e·Σ_{j=1..L}(N_{t−j} + R_{t−j}) + ρ·e·(history members still referring on day t)."""
    ms = plan.membership
    horizon = new_buyers.shape[-1]
    if not ms.referral.enabled or horizon == 0:
        return np.zeros(horizon)
    k = ms.enrollment_rate * ms.referral.rate
    span = max(1, int(round(ms.referral.active_days)))
    t = np.arange(horizon)
    history = history_buyers * np.clip(np.minimum(age, span - t), 0, None)
    window = np.concatenate(([0.0], np.ones(span)))  # lags 1…L
    seeded = k * (np.convolve(new_buyers, window)[:horizon] + history)
    return lfilter([1.0], np.concatenate(([1.0], -k * np.ones(span))), seeded)


def member_day_mask(plan: Scenario, horizon: int) -> FloatArray:
    """1 on member day (day ``day_of_month`` of every 30-day month from day 0), else 0."""
    md = plan.membership.member_day
    if not md.enabled:
        return np.zeros(horizon)
    return (np.arange(horizon) % MONTH_DAYS == md.day_of_month - 1).astype(float)


def campaign_days(plan: Scenario, horizon: int) -> FloatArray:
    """1 on days with a promotion event or a platform campaign running, else 0."""
    t = np.arange(horizon)
    on = np.zeros(horizon, dtype=bool)
    for w in (*plan.promotions, *plan.traffic.campaigns):
        on |= (t >= w.start_day) & (t <= w.end_day)
    return on.astype(float)


def member_price_response(plan: Scenario) -> float:
    """Steady-state response of members to a permanent member price δ_m (§5.8 with §5.1): the
    reference price has adapted, so only the non-reference part acts, M = (1 − δ)^{(1−ρ)·ε·φ_rep}."""
    mp, pr = plan.membership.member_price, plan.price
    if not mp.enabled or mp.discount == 0:
        return 1.0
    return float(
        (1.0 - mp.discount) ** ((1.0 - pr.reference_share) * pr.elasticity * pr.repeat_share)
    )


@dataclass(frozen=True)
class DayLevers:
    """Day-level multipliers on old customers' orders, and what members pay less."""

    member_price: FloatArray  # × repeat orders (members' share responds to the member price)
    member_day: FloatArray  # × repeat orders on member days (borrowed from later days)
    outreach: FloatArray  # × repeat orders on notified campaign days
    member_price_share: FloatArray  # share of repeat orders paying the member price
    discount: float  # δ_m


def day_levers(plan: Scenario, reference: Scenario, member_share: FloatArray) -> DayLevers:
    """Multipliers of the member price, member day and campaign outreach for ``member_share`` (the
    members' share of each day's repeat orders). The member price acts relative to the
    reference's (a store that already has one has its effect in its dashboard numbers)."""
    horizon = member_share.shape[-1]
    ms = plan.membership
    rel = member_price_response(plan) / member_price_response(reference)
    price = 1.0 + member_share * (rel - 1.0)
    paying = member_share * rel / price if ms.member_price.enabled else np.zeros(horizon)
    day = 1.0 + ms.member_day.uplift * member_day_mask(plan, horizon) * member_share
    out = np.ones(horizon)
    if ms.outreach.enabled:
        out = out + ms.outreach.reach * ms.outreach.uplift * campaign_days(plan, horizon)
    discount = ms.member_price.discount if ms.member_price.enabled else 0.0
    return DayLevers(price, day, out, paying, discount)


@dataclass(frozen=True)
class Schemes:
    """Daily money and stocks of the membership schemes (yuan unless stated)."""

    members: FloatArray  # members to date (people)
    points_expense: FloatArray
    points_redeemed: FloatArray
    points_liability: FloatArray
    card_holders: FloatArray  # cards in force
    card_cash: FloatArray
    card_revenue: FloatArray  # recognised
    card_free_orders: FloatArray  # orders shipped free on a card
    stored_value_topups: FloatArray
    stored_value_spent: FloatArray
    stored_value_breakage: FloatArray  # recognised as income
    stored_value_liability: FloatArray
    stored_value_gifts: FloatArray
    referral_rewards: FloatArray
    outreach_cost: FloatArray

    @property
    def cost(self) -> FloatArray:
        """Loyalty costs in profit: points expense, top-up gifts, referral rewards, outreach."""
        return (
            self.points_expense
            + self.stored_value_gifts
            + self.referral_rewards
            + self.outreach_cost
        )

    @property
    def income(self) -> FloatArray:
        """Loyalty income in profit: card revenue recognised, stored value never spent."""
        return self.card_revenue + self.stored_value_breakage

    @property
    def cash_timing(self) -> FloatArray:
        """Cash minus profit: cash received before it is earned, and costs paid after."""
        return (
            (self.stored_value_topups - self.stored_value_spent - self.stored_value_breakage)
            + (self.card_cash - self.card_revenue)
            + (self.points_expense - self.points_redeemed)
        )


def schemes(
    plan: Scenario,
    reference: Scenario,
    *,
    new_buyers: FloatArray,
    referred: FloatArray,
    member_orders: FloatArray,
    card_orders: FloatArray,
    paid_value: FloatArray,
    history_buyers: float,
    age_days: int,
    unit_contact_cost: float,
) -> Schemes:
    """Points, 包邮卡, stored value, referral rewards and outreach for one plan, day by day.

    ``new_buyers`` (all first orders, referred included), ``referred``, ``member_orders`` (orders
    earning points), ``card_orders`` (card holders' orders) per day; ``paid_value`` yuan per order.
    Ledgers start empty on day 0: the scheme is launched with the plan [ASSUMPTION].
    """
    ms, horizon = plan.membership, new_buyers.shape[-1]
    zero = np.zeros(horizon)
    new_members = ms.enrollment_rate * new_buyers
    members = reference.membership.enrollment_rate * history_buyers * age_days + np.cumsum(
        new_members
    )
    pts = (zero, zero, zero)
    if ms.points.enabled:
        per_order = loyalty.expected_order_points(paid_value, ms.points.per_yuan) + (
            ms.points.bonus_per_order
        )
        led = loyalty.points_ledger(
            member_orders * per_order,
            valid_lag_days=ms.points.valid_lag_days,
            yuan_per_point=ms.points.yuan_per_point,
            breakage=ms.points.breakage,
            mean_redemption_lag_days=ms.points.redemption_lag_days,
        )
        pts = (led.expense, led.redeemed, led.outstanding)
    card = (zero, zero, zero, zero)
    if ms.card.enabled:
        kw = {
            "uptake": ms.card.uptake, "price": ms.card.price, "tier": ms.card.tier,
            "shipping_fee": plan.store.shipping_fee, "shipping_cost": plan.finance.shipping_cost,
            "renewal_alpha": ms.card.renewal_alpha, "renewal_beta": ms.card.renewal_beta,
        }  # fmt: skip
        first = loyalty.card_ledger(new_members, orders_per_holder_per_day=0.0, **kw)
        per_holder = np.divide(
            card_orders, first.holders, out=np.zeros(horizon), where=first.holders > 0
        )
        led = loyalty.card_ledger(new_members, orders_per_holder_per_day=per_holder, **kw)
        card = (led.holders, led.cash, led.revenue_recognised, led.free_shipped_orders)
    sv = (zero, zero, zero, zero, zero)
    if ms.stored_value.enabled:
        amount = float(ms.stored_value.amount)
        topups = new_members * ms.stored_value.uptake * amount
        led = loyalty.stored_value_ledger(
            topups,
            breakage=ms.stored_value.breakage,
            mean_spend_lag_days=ms.stored_value.spend_lag_days,
            bonus_gift_cost_per_day=topups / amount * loyalty.topup_gift_cost(amount),
        )
        sv = (led.topups, led.spent, led.breakage, led.balance, led.bonus_gift_cost)
    rewards = zero
    if ms.referral.enabled:
        per_referrer = ms.referral.rate * ms.referral.active_days
        rewards = np.maximum(referred, 0.0) * loyalty.reward_cost_per_referral(per_referrer)
    outreach = zero
    if ms.outreach.enabled:
        on = campaign_days(plan, horizon)
        first_day = np.diff(np.concatenate(([0.0], on))) > 0  # one message per campaign run
        customers = history_buyers * age_days + np.concatenate(([0.0], np.cumsum(new_buyers)[:-1]))
        outreach = first_day * ms.outreach.reach * customers * unit_contact_cost
    return Schemes(members, *pts, *card, *sv, rewards, outreach)


def loyal_share(age_days: int, r: float, alpha: float, a: float, b: float) -> float:
    """Share of the customers a store won over its ``age_days`` (one cohort a day) who have
    ordered at least twice: mean of RR(τ) = 1 − (α/(α+τ))^r over τ = 1…H (V6: 忠实客户占比,
    "loyal" read as ≥ 2 orders [ASSUMPTION])."""
    if age_days <= 0 or not np.isfinite(alpha):
        return 0.0
    tau = np.arange(1, int(age_days) + 1, dtype=float)
    return float(np.mean(1.0 - (alpha / (alpha + tau)) ** r))


def clv(
    plan: Scenario, reference: Scenario, alpha: float, lever: float = 1.0
) -> loyalty_clv.CLVResult:
    """CLV of one new customer of ``plan`` (MODEL.md §6.6): first-order contribution plus the
    discounted contribution of the repeat orders its cohort profile f(k) brings, with the plan's
    annual discount rate and horizon. ``alpha``: the calibrated BG/NBD scale; ``lever``: the
    plan's old-customer lever (Calibration.repeat_multiplier)."""
    rp, st = plan.repeat, plan.store
    h = int(rp.clv_horizon_days)
    delta = _delta_e(max(h, int(reference.store.age_days)), rp.r, alpha, rp.a, rp.b)
    ages = np.arange(1, delta.size + 1, dtype=float)
    own = profile(reference, ages)
    hist = int(reference.store.age_days)
    e_h = delta[:hist].sum()
    z = float((delta[:hist] * own.total[:hist]).sum() / e_h) if e_h > 0 else 1.0
    f = profile(plan, ages[:h]).total
    weight = delta[:h].sum()
    mult = float((delta[:h] * f).sum() / weight) / z if weight > 0 else 1.0
    contribution = finance.order_contribution(plan, np.array(st.aov), np.array(st.aov))
    margin = float(np.clip(contribution / st.aov, 0.0, 1.0)) if st.aov > 0 else 0.0
    return loyalty_clv.clv_per_new_customer(
        horizon_days=h,
        annual_discount_rate=rp.clv_discount_rate,
        r=rp.r,
        alpha=alpha,
        a=rp.a,
        b=rp.b,
        first_order_value=st.aov,
        repeat_order_value=st.aov * rp.aov_ratio,
        margin_per_yuan=margin,
        repeat_multiplier=mult * lever,
    )


def repurchase_curve(
    plan: Scenario, reference: Scenario, alpha: float, lever: float, days: FloatArray
) -> FloatArray:
    """Cohort repurchase rate RR(τ) of the plan's new customers: BG/NBD with the rate scaled by
    their mean stream multiplier m (α → α/m) [DERIVED: a scaled Poisson rate]."""
    rp = plan.repeat
    if not np.isfinite(alpha):
        return np.zeros_like(days, dtype=float)
    ages = np.arange(1, int(days.max()) + 1, dtype=float)
    own = profile(reference, ages).total.mean()
    m = profile(plan, ages).total.mean() / own * lever
    return 1.0 - (alpha / m / (alpha / m + days)) ** rp.r if m > 0 else np.zeros_like(days)
