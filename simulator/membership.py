"""Membership and repurchase streams: who comes back, and how much more (MODEL.md §5.8–5.13, §6.6).

Repeat buying follows the BG/NBD kernel ΔE(k) (``repurchase.py``) scaled per cohort stream
(member × card holder × stored-value holder × referred × bad experience):

    Mult_s(k) = (1 + u_mem)^member · (1 + u_ship·S_card(k))^card · (1 + u_sv·B_sv(k))^sv
                · m_ref^referred · h_bad^bad                                   [ASSUMPTION §6.6]

With uptake shares independent, a cohort's mean multiplier at age k is

    f(k) = [(1 − e) + e·(1 + S_mem(k)·u_mem)·(1 + c·u_ship·S_card(k))·(1 + s·u_sv·B_sv(k))]
           ·(1 − b + b·h_bad)

(e = enrolment, c = card uptake, s = top-up uptake, b = bad-experience share; S_mem = sBG
survival of a paid (yearly) membership, 1 for a free one — lapsed members keep their card and
balance but lose u_mem; S_card = sBG survival of a yearly T1 card, 1 for lifetime cards;
B_sv(k) = e^{−k/L_sv}, the balance still unspent). Repeat orders on day t are

    Rep_t = (1/Z)·[N·Σ_{j=t+1}^{t+H} ΔE(j)·f_hist(j) + Σ_{c<t} N_c·ΔE(t−c)·f(t−c)]

The history (the H days before day 0) keeps the reference's stream shares (who already holds a
card) with the plan's uplifts (how much each stream buys); Z = the reference's own mean multiplier
over its history, so a plan equal to its reference reproduces the calibrated old-customer share
exactly, and with constant f this is the warm start of §6.6 (T17).

Prices of the schemes (paid membership fee P_mem, 包邮卡 price P_card) move their uptake along a
log-normal willingness to pay (WTP) whose median is what the scheme is expected to return to the
buyer [functional form: the probit-in-log-bid model of closed-ended contingent valuation, Cameron &
James 1987; Carson & Hanemann 2005 §6.1; the numbers are ASSUMPTION]:

    S(P) = P(WTP ≥ P) = 1 − Φ((ln P − ln m)/σ)   (S(0) = 1),   m = max(κ·B, m_min)
    B_mem  = n_1·(1 + u_mem)·V_rep·(δ_m + e_pt·v_pt·(1 − breakage))      yuan a member saves a year
    B_card = s_fee·π_paid·min(n_T·(1 + u_mem)·(1 + u_ship), 36·[T1])      shipping saved over a term
    e' = min(1, e·S_plan(P_plan)/S_ref(P_ref)),   c' = min(1, c·S_plan(P_card)/S_ref(P_card,ref))

(both medians raised together when the reference's stated rate is above S_ref(P_ref): see
``_log_ratio``).
n_1, n_T = a new buyer's expected repeat orders (BG/NBD) in a year / over the card's term (a year
for T1, the CLV horizon for lifetime cards); V_rep = the repeat basket at list price; δ_m and the
points rebate count only when the scheme is on; π_paid = the share of orders that would pay
shipping. The stated rates e, c are measured at the reference's (today's) prices, so a plan that
keeps them keeps today's calibration exactly; only buyers who pay become members or holders, so
fewer of them means fewer member repeat orders, not just less fee income. Renewals keep the sBG
rates: those who paid once have already shown a WTP above the price [ASSUMPTION]. Stored value
is a top-up, not a price: the money comes back as balance (breakage aside), so its uptake stays
the rate entered.

Referral fission (§5.13): members who joined in the last L_ref days bring ρ new buyers a day each,
R_t = ρ·e·Σ_{j=1..L} (N_{t−j} + R_{t−j}) — a renewal equation solved as an IIR filter. The
viral factor K = e·ρ·L; for K < 1 one seeded buyer brings 1/(1 − K) in all (T19), K ≥ 1 grows
without bound and is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import lfilter
from scipy.special import log_ndtr, ndtri

from . import clv as loyalty_clv
from . import finance, loyalty
from .calendar import day_of_month
from .clv import sbg_survival
from .repurchase import (
    account_survival,
    daily_repeats,
    expected_repeats_with_lifetime,
    repurchase_rate,
)
from .scenario import Membership, Points, Scenario
from .traffic import event_days
from .vec import is_batch, num

FloatArray = NDArray[np.float64]
#: Days of a yearly (T1) free-shipping card [SEED 003: 有效期1年].
CARD_YEAR_DAYS = 365
#: Days of a paid membership term [ASSUMPTION: yearly, like the T1 card].
MEMBER_YEAR_DAYS = 365
#: Largest lognormal σ of the repeat basket (the registry's top of ``basket.sigma``): a
#: Gamma-Gamma q ≤ 2 has no finite variance to match [ASSUMPTION].
GG_SIGMA_CAP = 1.5
#: Length of the month behind the T1 card's use cap [ASSUMPTION: 30-day months]; 会员日 follows
#: the calendar (``member_day_mask``).
MONTH_DAYS = 30
#: Free shipments a T1 card gives in a year: 3 a month [SEED 003: 每月3次] × 12.
T1_USES_PER_YEAR = 36
#: Lowest median willingness to pay (yuan): a scheme that returns no money is worth at most a
#: token to a buyer, and ln m stays finite [ASSUMPTION].
WTP_FLOOR_YUAN = 1.0


def _delta_e(n: int, plan: Scenario, alpha: float) -> FloatArray:
    """ΔE_L(k) for k = 1…n: a buyer's expected repeat orders on day k after the first order, her
    account still present (``repurchase.daily_repeats``; L = ``repeat.lifetime_days``)."""
    rp = plan.repeat
    return daily_repeats(n, rp.r, alpha, rp.a, rp.b, float(rp.lifetime_days))


def card_survival(plan: Scenario, ages: FloatArray) -> FloatArray:
    """Share of a cohort's card holders still holding a card at each age (days since joining).

    T1 cards last a year and renew at the sBG rate r_n = (β + n − 1)/(α + β + n − 1) at every
    anniversary [LIT Fader & Hardie 2007; DERIVED fit (0.704, 1.182)]; T2 and T3 are lifetime cards.
    """
    card = plan.membership.card
    if card.tier != "T1":
        return np.ones_like(ages)
    renewals = np.floor(np.maximum(ages - 1, 0) / CARD_YEAR_DAYS)
    return _by_renewals(renewals, card.renewal_alpha, card.renewal_beta)


def member_survival(plan: Scenario, ages: FloatArray) -> FloatArray:
    """Share of a cohort's members still members at each age (days since joining): 1 for a free
    membership; a paid one (fee > 0) lasts a year and renews at the sBG rate of
    (``renewal_alpha``, ``renewal_beta``) at every anniversary (MODEL.md §6.6 contractual part)."""
    ms = plan.membership
    if ms.fee <= 0:
        return np.ones_like(ages)
    renewals = np.floor(np.maximum(ages - 1, 0) / MEMBER_YEAR_DAYS)
    return _by_renewals(renewals, ms.renewal_alpha, ms.renewal_beta)


def _by_renewals(renewals: FloatArray, alpha: float, beta: float) -> FloatArray:
    """S(n) = B(α, β + n)/B(α, β) (``clv.sbg_survival``) at each age's renewal count n: computed
    once per distinct count (a few over years of days), the same numbers."""
    counts, at = np.unique(renewals, return_inverse=True)
    return sbg_survival(counts, alpha, beta)[at].reshape(renewals.shape)


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
    """f(k) of the module docstring at ``ages``: the plan's uplifts, the stream shares and scheme
    terms of ``shares_from`` (the reference, for cohorts that joined before day 0; default the
    plan). A paid membership's lapsed members keep their card and balance but lose u_mem."""
    terms = shares_from or plan
    ms, who = plan.membership, terms.membership
    e = who.enrollment_rate
    c = who.card.uptake if who.card.enabled else 0.0
    s = who.stored_value.uptake if who.stored_value.enabled else 0.0
    rp, rw = plan.repeat, terms.repeat
    bad = 1.0 - rw.bad_experience_share + rw.bad_experience_share * rp.bad_experience_factor
    alive = member_survival(terms, ages)
    member_factor = alive * (1.0 + ms.repeat_uplift) + (1.0 - alive)  # in force, or lapsed
    card_alive = card_survival(terms, ages)
    card = 1.0 + c * ms.card.repeat_uplift * card_alive if c else 1.0
    sv = 1.0 + s * ms.stored_value.repeat_uplift * balance_share(plan, ages) if s else 1.0
    member_part = e * alive * (1.0 + ms.repeat_uplift) * card * sv * bad
    card_part = (
        e * member_factor * c * (1.0 + ms.card.repeat_uplift) * card_alive * sv * bad
    )  # fmt: skip
    total = (1.0 - e) * bad + e * member_factor * card * sv * bad
    as_array = np.broadcast_to
    return Profile(
        as_array(total, ages.shape).astype(float),
        as_array(member_part, ages.shape).astype(float),
        as_array(card_part, ages.shape).astype(float),
    )


def repeat_basket(plan: Scenario) -> tuple[float, float]:
    """Mean list value (yuan) and lognormal σ of old customers' baskets (MODEL.md §6.6).

    ``ratio``: AOV0·(AOV_rep/AOV0) with the store's basket σ. ``gamma_gamma`` [LIT Fader & Hardie
    2013]: a customer's orders are Gamma(p, ν), ν ~ Gamma(q, v) across customers, so an order's
    value has mean p·v/(q − 1) and squared coefficient of variation
    CV² = (p + q − 1)/(p·(q − 2)) (q > 2) [DERIVED]; the basket keeps its lognormal form with that
    mean and CV, σ = √ln(1 + CV²) [ASSUMPTION: moment matching], capped at ``GG_SIGMA_CAP``.
    """
    rp = plan.repeat
    if rp.spend_model != "gamma_gamma":
        return plan.store.aov * rp.aov_ratio, plan.basket.sigma
    mean = loyalty_clv.gg_population_mean(rp.gg_p, rp.gg_q, rp.gg_v)
    cv2 = loyalty_clv.gg_order_cv2(rp.gg_p, rp.gg_q)
    sigma = float(np.sqrt(np.log1p(cv2))) if np.isfinite(cv2) else GG_SIGMA_CAP
    return mean, min(sigma, GG_SIGMA_CAP)


def _log_willing(price: float, median: float, sigma: float) -> float:
    """ln S(P): log share of buyers whose log-normal WTP (median ``median``, log-spread
    ``sigma``) is at least ``price``; 0 for a free scheme."""
    if price <= 0:
        return 0.0
    return float(log_ndtr((np.log(median) - np.log(price)) / sigma))  # ln(1 − Φ(z)) = ln Φ(−z)


def _first_repeats(plan: Scenario, alpha: float, days: float) -> float:
    """A new buyer's expected repeat orders in its first ``days`` days: E_L of the BG/NBD with
    the account lifetime (``repurchase.expected_repeats_with_lifetime``)."""
    rp = plan.repeat
    if not np.isfinite(alpha) or days <= 0:
        return 0.0
    return expected_repeats_with_lifetime(
        float(days), rp.r, float(alpha), rp.a, rp.b, float(rp.lifetime_days)
    )


def member_benefit(plan: Scenario, alpha: float) -> float:
    """B_mem of the module docstring: yuan a member expects to save in a year through the member
    price (on repeat orders) and points (on every order, the joining one included)."""
    ms = plan.membership
    repeats = _first_repeats(plan, alpha, MEMBER_YEAR_DAYS) * (1.0 + ms.repeat_uplift)
    value = repeat_basket(plan)[0]
    saved = repeats * value * (ms.member_price.discount if ms.member_price.enabled else 0.0)
    if ms.points.enabled:
        pts = ms.points
        rebate = pts.per_yuan * pts.yuan_per_point * (1.0 - pts.breakage)
        saved += (1.0 + repeats) * value * rebate
    return float(saved)


def card_benefit(plan: Scenario, alpha: float) -> float:
    """B_card of the module docstring: shipping fees a holder expects to save over one term (a
    year for T1, capped at its 36 uses; the CLV horizon for lifetime cards)."""
    ms, st = plan.membership, plan.store
    t1 = ms.card.tier == "T1"
    days = CARD_YEAR_DAYS if t1 else plan.repeat.clv_horizon_days
    uplift = (1.0 + ms.repeat_uplift) * (1.0 + ms.card.repeat_uplift)
    orders = _first_repeats(plan, alpha, days) * uplift
    if t1:
        orders = min(orders, float(T1_USES_PER_YEAR))
    return float(st.shipping_fee * st.paid_shipping_share * orders)


def wtp_medians(plan: Scenario, alpha: float) -> tuple[float, float]:
    """Median WTP (yuan) of the paid membership and of the card: m = max(κ·B, m_min)."""
    ms = plan.membership
    return (
        max(ms.wtp_ratio * member_benefit(plan, alpha), WTP_FLOOR_YUAN),
        max(ms.card.wtp_ratio * card_benefit(plan, alpha), WTP_FLOOR_YUAN),
    )


def willing_shares(plan: Scenario, alpha: float) -> tuple[float, float]:
    """S(P_mem) and S(P_card): the shares of buyers whose WTP reaches the plan's prices."""
    ms = plan.membership
    m_mem, m_card = wtp_medians(plan, alpha)
    return (
        float(np.exp(_log_willing(ms.fee, m_mem, ms.wtp_sigma))),
        float(np.exp(_log_willing(ms.card.price, m_card, ms.card.wtp_sigma))),
    )


def priced_uptake(plan: Scenario, reference: Scenario, alpha: float) -> tuple[float, float]:
    """(e', c'): the plan's enrolment and card uptake at its own prices (module docstring),
    from the stated rates measured at the reference's prices."""
    ms, rs = plan.membership, reference.membership
    if plan is reference:
        return ms.enrollment_rate, ms.card.uptake
    p_mem, p_card = wtp_medians(plan, alpha)
    r_mem, r_card = wtp_medians(reference, alpha)
    log_e = _log_ratio(
        (ms.fee, p_mem, ms.wtp_sigma), (rs.fee, r_mem, rs.wtp_sigma), rs.enrollment_rate
    )
    log_c = _log_ratio(
        (ms.card.price, p_card, ms.card.wtp_sigma),
        (rs.card.price, r_card, rs.card.wtp_sigma),
        rs.card.uptake,
    )
    return _scaled(ms.enrollment_rate, log_e), _scaled(ms.card.uptake, log_c)


def _log_ratio(
    plan: tuple[float, float, float], ref: tuple[float, float, float], ref_rate: float
) -> float:
    """ln S_plan(P_plan) − ln S_ref(P_ref) for (price, median, σ) of the plan and the reference.

    The reference's stated rate u_ref = u_0·S_ref(P_ref) must leave an interested share u_0 ≤ 1:
    when S_ref(P_ref) < u_ref, buyers value the scheme above its money return, and both medians
    are raised by the factor e^λ that makes S_ref(P_ref) = u_ref, ln m* = ln P_ref + σ·Φ⁻¹(u_ref)
    [ASSUMPTION: the stated uptake is evidence of value the benefit B does not count]."""
    (price, median, sigma), (r_price, r_median, r_sigma) = plan, ref
    shift = 0.0
    rate = min(ref_rate, 1.0 - 1e-9)
    if r_price > 0 and rate > 0 and _log_willing(r_price, r_median, r_sigma) < np.log(rate):
        shift = float(np.log(r_price) + r_sigma * ndtri(rate) - np.log(r_median))
    return _log_willing(price, median * np.exp(shift), sigma) - _log_willing(
        r_price, r_median * np.exp(shift), r_sigma
    )


def _scaled(rate: float, log_ratio: float) -> float:
    """min(1, rate·e^log_ratio), in logs (a tiny reference share may give e^log_ratio = ∞);
    exactly ``rate`` when the ratio is 1."""
    if log_ratio == 0.0 or rate <= 0.0:
        return rate
    return float(np.exp(min(np.log(rate) + log_ratio, 0.0)))


def priced(plan: Scenario, reference: Scenario, alpha: float) -> Scenario:
    """``plan`` with its enrolment and card uptake at its own prices (``priced_uptake``): the
    scenario every membership stream of a run reads. The plan itself when nothing moves."""
    e, c = priced_uptake(plan, reference, alpha)
    ms = plan.membership
    if e == ms.enrollment_rate and c == ms.card.uptake:
        return plan
    card = ms.card.model_copy(update={"uptake": c})
    return plan.model_copy(
        update={"membership": ms.model_copy(update={"enrollment_rate": e, "card": card})}
    )


@dataclass(frozen=True)
class RepeatBase:
    """Repeat orders per day before day-level multipliers (price, member day, outreach)."""

    total: FloatArray
    members: FloatArray  # members' repeat orders
    card: FloatArray  # card holders' repeat orders


@dataclass(frozen=True)
class RepeatPrep:
    """What ``repeat_orders`` reads that no pass of the chain changes: ΔE_L over the history
    and the horizon, the cohort profiles (history cohorts on the reference's terms, new ones on
    the plan's), the reference's calibrated multiplier Z and the referred buyers' multiplier."""

    horizon: int
    age_days: int
    delta: FloatArray  # ΔE_L(k), k = 1…T+H
    history_parts: tuple[FloatArray, FloatArray, FloatArray]  # total, members, card
    new_parts: tuple[FloatArray, FloatArray, FloatArray]
    z: float
    referred_multiplier: float
    repeat_buying: bool  # False: α = ∞ or no days, no repeat orders


def repeat_prep(
    plan: Scenario, reference: Scenario, horizon: int, age_days: int, alpha: float
) -> RepeatPrep:
    """The parts of ``repeat_orders`` fixed for a run (computed once, not on every pass)."""
    if horizon == 0 or not np.isfinite(alpha):
        zero = np.zeros(0)
        return RepeatPrep(horizon, int(age_days), zero, (zero,) * 3, (zero,) * 3, 1.0, 0.0, False)
    h = int(age_days)
    delta = _delta_e(horizon + h, plan, alpha)
    ages = np.arange(1, horizon + h + 1, dtype=float)
    hist = profile(plan, ages, shares_from=reference)
    own = profile(reference, ages)
    # Z: the reference's mean multiplier over its own history at day 0 (its calibrated state).
    e_h = delta[:h].sum()
    z = float((delta[:h] * own.total[:h]).sum() / e_h) if e_h > 0 else float(own.total[0])
    z = z if z > 0 else 1.0
    new = profile(plan, ages[:horizon])
    return RepeatPrep(horizon, h, delta, (hist.total, hist.members, hist.card),
                      (new.total, new.members, new.card), z,
                      plan.membership.referral.repeat_multiplier, True)  # fmt: skip


def repeat_orders(
    plan: Scenario,
    reference: Scenario,
    new_buyers: FloatArray,
    referred: FloatArray,
    history_buyers: float,
    age_days: int,
    alpha: float,
    prep: RepeatPrep | None = None,
) -> RepeatBase:
    """Rep_t of the module docstring for the plan's ``new_buyers`` (organic) and ``referred``
    buyers (shape (T,)), on top of ``history_buyers`` a day for ``age_days`` days before day 0.
    ``prep``: ``repeat_prep`` of the same arguments, when the caller keeps it (a batch of paths
    passes each path's, stacked: every array then carries the path axis first)."""
    horizon = new_buyers.shape[-1]
    if prep is None:
        prep = repeat_prep(plan, reference, horizon, age_days, alpha)
    if not prep.repeat_buying:
        zero = np.zeros(horizon)
        return RepeatBase(zero, zero, zero)
    h, delta = prep.age_days, prep.delta
    t = np.arange(horizon)
    buyers = new_buyers + prep.referred_multiplier * referred
    out = []
    for hist_part, new_part in zip(prep.history_parts, prep.new_parts, strict=True):
        weighted = delta * hist_part
        g = np.concatenate((np.zeros(weighted.shape[:-1] + (1,)), np.cumsum(weighted, axis=-1)),
                           axis=-1)  # fmt: skip
        history = history_buyers * (g[..., t + h] - g[..., t])  # Σ_{j=t+1}^{t+H} ΔE(j)·f(j)
        kernel = delta[..., :horizon] * new_part
        out.append((history + _lagged(buyers, kernel)) / prep.z)
    return RepeatBase(*out)


def _lagged(x: FloatArray, kernel: FloatArray) -> FloatArray:
    """y_t = Σ_{c<t} x_c·kernel_{t−1−c} along the last axis (each path with its own kernel)."""
    if x.ndim == 1 and kernel.ndim == 1:
        return np.concatenate(([0.0], np.convolve(x, kernel)[: x.shape[-1] - 1]))
    x, kernel = np.broadcast_arrays(x, kernel)
    return np.stack([_lagged(a, k) for a, k in zip(x, kernel, strict=True)])


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
    """1 on member day (the ``day_of_month``-th of every calendar month, dated from
    ``start_date``; 1…28, so every month has one), else 0."""
    md = plan.membership.member_day
    if not md.enabled:
        return np.zeros(horizon)
    return (day_of_month(plan.start_date, horizon) == md.day_of_month).astype(float)


def member_price_response(plan: Scenario) -> float:
    """Steady-state response of members to a permanent member price δ_m (§5.8 with §5.1): the
    reference price has adapted, so only the non-reference part acts, M = (1 − δ)^{(1−ρ)·ε·φ_rep}."""
    mp, pr = plan.membership.member_price, plan.price
    if not mp.enabled or mp.discount == 0:
        return 1.0
    return num(
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
        out = out + ms.outreach.reach * ms.outreach.uplift * event_days(plan, horizon)
    discount = ms.member_price.discount if ms.member_price.enabled else 0.0
    return DayLevers(price, day, out, paying, discount)


@dataclass(frozen=True)
class Schemes:
    """Daily money and stocks of the membership schemes (yuan unless stated)."""

    members: FloatArray  # members in force (people)
    fee_cash: FloatArray  # paid-membership fees received
    fee_revenue: FloatArray  # paid-membership fees recognised
    fee_deferred: FloatArray  # fees received, not yet recognised (liability)
    points_expense: FloatArray
    points_redeemed: FloatArray
    points_liability: FloatArray
    card_holders: FloatArray  # cards in force
    card_cash: FloatArray
    card_revenue: FloatArray  # recognised
    card_free_orders: FloatArray  # orders shipped free on a card
    card_deferred: FloatArray  # card sales not yet recognised (liability)
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
        """Loyalty income in profit: fees and card revenue recognised, stored value never spent."""
        return self.fee_revenue + self.card_revenue + self.stored_value_breakage

    @property
    def cash_timing(self) -> FloatArray:
        """Cash minus profit: cash received before it is earned, and costs paid after."""
        return (
            (self.stored_value_topups - self.stored_value_spent - self.stored_value_breakage)
            + (self.fee_cash - self.fee_revenue)
            + (self.card_cash - self.card_revenue)
            + (self.points_expense - self.points_redeemed)
        )


def _history(per_day: float, age: int, horizon: int) -> FloatArray:
    """A flow of ``per_day`` over the ``age`` days before day 0, then nothing: the reference's
    schemes warm-start the ledgers (a store that runs a scheme starts with its liabilities)."""
    if not is_batch(per_day):
        return np.concatenate((np.full(int(age), float(per_day)), np.zeros(horizon)))
    flow = np.asarray(per_day, dtype=float)  # a batch: (P, 1) → (P, age + T)
    return np.concatenate((np.broadcast_to(flow, flow.shape[:-1] + (int(age),)),
                           np.zeros(flow.shape[:-1] + (horizon,))), axis=-1)  # fmt: skip


def _order_points(pts: Points, paid_value: FloatArray) -> FloatArray:
    """Points a member order earns, seed 003's order rules (MODEL.md §5.9): floor(paid)·e_pt,
    +10 if paid within 2 h, +10 if confirmed with a good review within 5 days (when rewarded)."""
    review = pts.review_share * loyalty.REVIEW_POINTS if pts.review_reward else 0.0
    return (
        loyalty.expected_order_points(paid_value, pts.per_yuan)
        + pts.prompt_pay_share * loyalty.PROMPT_PAYMENT_POINTS
        + review
    )


def _points(
    pts: Points, order_points: FloatArray, other_points: FloatArray
) -> loyalty.PointsLedger:
    """Two ledgers summed field by field (the ledger is linear): order points become valid after
    confirmed receipt, sign-in and favourite points the same day."""
    kw = {
        "yuan_per_point": pts.yuan_per_point,
        "breakage": pts.breakage,
        "mean_redemption_lag_days": pts.redemption_lag_days,
    }
    a = loyalty.points_ledger(order_points, valid_lag_days=pts.valid_lag_days, **kw)
    b = loyalty.points_ledger(other_points, valid_lag_days=0, **kw)
    return loyalty.PointsLedger(*(getattr(a, f.name) + getattr(b, f.name) for f in fields(a)))


@dataclass(frozen=True)
class _Joiners:
    """Who joins the schemes: the reference's members before day 0 (``history``, age + T days,
    on the reference's terms) and the plan's from day 0 (``new``, T days, on the plan's)."""

    plan: Scenario
    reference: Scenario
    age: int
    horizon: int
    new: FloatArray  # members joining from day 0
    history: FloatArray  # members joining before day 0 (and the reference's flow after)
    life_plan: float  # mean account lifetime L (days): members leave with their accounts
    life_ref: float

    @property
    def zero(self) -> FloatArray:
        return np.zeros(self.horizon)


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
    """Paid membership, points, 包邮卡, stored value, referral rewards and outreach, day by day.

    ``new_buyers`` (all first orders, referred included), ``referred``, ``member_orders`` (orders
    earning points), ``card_orders`` (card holders' orders) per day; ``paid_value`` yuan per order.
    Warm start: customers who joined before day 0 (``history_buyers`` a day for ``age_days`` days)
    hold the reference's schemes on the reference's terms, so a store already running a scheme
    starts with its members, cards and liabilities; the plan's terms apply to those who join from
    day 0 [ASSUMPTION]. A scheme the plan switches off keeps its existing holders.
    """
    ms, rs, horizon = plan.membership, reference.membership, new_buyers.shape[-1]
    age = int(age_days)
    # Members and card holders leave with their accounts (mean lifetime L, ``repurchase``), so a
    # mature store's member count levels off instead of counting everyone who ever joined.
    j = _Joiners(
        plan, reference, age, horizon, ms.enrollment_rate * new_buyers,
        _history(rs.enrollment_rate * history_buyers, age, horizon),
        num(plan.repeat.lifetime_days), num(reference.repeat.lifetime_days),
    )  # fmt: skip
    members, fee_cash, fee_revenue, fee_deferred = _subscriptions(j)
    pts = _points_scheme(j, members, member_orders, paid_value, history_buyers)
    card = _card_scheme(j, card_orders)
    sv = _stored_value_scheme(j)
    rewards = j.zero
    if ms.referral.enabled:
        per_referrer = ms.referral.rate * ms.referral.active_days
        rewards = np.maximum(referred, 0.0) * loyalty.reward_cost_per_referral(per_referrer)
    outreach = j.zero
    if ms.outreach.enabled:
        on = event_days(plan, horizon)
        first_day = np.diff(np.concatenate(([0.0], on))) > 0  # one message per campaign run
        customers = history_buyers * age + np.concatenate(([0.0], np.cumsum(new_buyers)[:-1]))
        outreach = first_day * ms.outreach.reach * customers * unit_contact_cost
    return Schemes(
        members, fee_cash, fee_revenue, fee_deferred, *pts, *card, *sv, rewards, outreach
    )


def _subscriptions(j: _Joiners) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Members in force, fees received, recognised and deferred (paid membership, §5.8)."""

    def term(m: Membership, life: float) -> dict:
        return {
            "price": m.fee,
            "validity_days": MEMBER_YEAR_DAYS if m.fee > 0 else None,
            "renewal_alpha": m.renewal_alpha,
            "renewal_beta": m.renewal_beta,
            "recognise_lifetime_at_sale": True,
            "lifetime_days": life,
        }

    age = j.age
    old = loyalty.subscription_ledger(j.history, **term(j.reference.membership, j.life_ref))
    joined = loyalty.subscription_ledger(j.new, **term(j.plan.membership, j.life_plan))
    return (
        old.in_force[..., age:] + joined.in_force,
        old.cash[..., age:] + joined.cash,
        old.revenue_recognised[..., age:] + joined.revenue_recognised,
        old.deferred_revenue[..., age:] + joined.deferred_revenue,
    )


def _points_scheme(
    j: _Joiners, members: FloatArray, member_orders: FloatArray, paid_value: FloatArray,
    history_buyers: float,
) -> tuple[FloatArray, ...]:  # fmt: skip
    """Points expense, redeemed and outstanding (§5.9); the reference's members earned points
    before day 0 at day 0's level (a stationary history)."""
    ms, rs, age, zero = j.plan.membership, j.reference.membership, j.age, j.zero
    if not (ms.points.enabled or rs.points.enabled):
        return (zero, zero, zero)
    p = ms.points if ms.points.enabled else rs.points
    order_pts = member_orders * _order_points(p, paid_value) if ms.points.enabled else zero
    signin = loyalty.expected_signin_points_per_day(p.signin_rate)
    other = members * signin + loyalty.FAVOURITE_POINTS * p.favourite_share * j.new
    if not ms.points.enabled:
        other = zero
    if rs.points.enabled:  # the reference's members earned points before day 0
        q = rs.points
        first = slice(0, 1)  # stationary history at day 0's level
        order_hist = member_orders[first] * _order_points(q, paid_value[first])
        other_hist = members[first] * loyalty.expected_signin_points_per_day(q.signin_rate) + (
            loyalty.FAVOURITE_POINTS * q.favourite_share * rs.enrollment_rate * history_buyers
        )
        order_pts = np.concatenate((np.resize(order_hist, age), order_pts))
        other = np.concatenate((np.resize(other_hist, age), other))
    else:
        order_pts = np.concatenate((np.zeros(age), order_pts))
        other = np.concatenate((np.zeros(age), other))
    led = _points(p, order_pts, other)
    return (led.expense[age:], led.redeemed[age:], led.outstanding[age:])


def _card_scheme(j: _Joiners, card_orders: FloatArray) -> tuple[FloatArray, ...]:
    """包邮卡 holders, cash, revenue recognised, free-shipped orders, deferred revenue (§5.10)."""
    plan, ms, rs = j.plan, j.plan.membership, j.reference.membership
    age, horizon, zero = j.age, j.horizon, j.zero
    if not (ms.card.enabled or rs.card.enabled):
        return (zero, zero, zero, zero, zero)

    def cards(
        m: Membership, flow: FloatArray, per_holder: ArrayLike, life: float
    ) -> loyalty.CardLedger:
        return loyalty.card_ledger(
            flow, uptake=m.card.uptake, price=m.card.price, tier=m.card.tier,
            orders_per_holder_per_day=per_holder, shipping_fee=plan.store.shipping_fee,
            shipping_cost=plan.finance.shipping_cost, renewal_alpha=m.card.renewal_alpha,
            renewal_beta=m.card.renewal_beta, lifetime_days=life,
        )  # fmt: skip

    hist_flow = j.history if rs.card.enabled else np.zeros(age + horizon)
    plan_flow = j.new if ms.card.enabled else zero
    holders = (
        cards(rs, hist_flow, 0.0, j.life_ref).holders[age:]
        + cards(ms, plan_flow, 0.0, j.life_plan).holders
    )
    # Orders per holder (≥ 0: cumulative sums may leave −1e-17 where a stream is empty).
    per_holder = np.maximum(
        np.divide(card_orders, holders, out=np.zeros(horizon), where=holders > 1e-12), 0.0
    )
    warm = np.concatenate((np.full(age, per_holder[0] if horizon else 0.0), per_holder))
    a, b = cards(rs, hist_flow, warm, j.life_ref), cards(ms, plan_flow, per_holder, j.life_plan)
    return tuple(
        x[age:] + y
        for x, y in (
            (a.holders, b.holders), (a.cash, b.cash),
            (a.revenue_recognised, b.revenue_recognised),
            (a.free_shipped_orders, b.free_shipped_orders),
            (a.deferred_revenue, b.deferred_revenue),
        )
    )  # fmt: skip


def _stored_value_scheme(j: _Joiners) -> tuple[FloatArray, ...]:
    """储值卡 top-ups, spent, breakage, balance and top-up gifts (§5.12)."""
    ms, rs, age, horizon, zero = j.plan.membership, j.reference.membership, j.age, j.horizon, j.zero
    if not (ms.stored_value.enabled or rs.stored_value.enabled):
        return (zero, zero, zero, zero, zero)

    def balance(m: Membership, flow: FloatArray) -> loyalty.StoredValueLedger:
        amount = float(m.stored_value.amount)
        topups = flow * m.stored_value.uptake * amount
        return loyalty.stored_value_ledger(
            topups,
            breakage=m.stored_value.breakage,
            mean_spend_lag_days=m.stored_value.spend_lag_days,
            bonus_gift_cost_per_day=topups / amount * loyalty.topup_gift_cost(amount),
        )

    a = balance(rs, j.history if rs.stored_value.enabled else np.zeros(age + horizon))
    b = balance(ms, j.new if ms.stored_value.enabled else zero)
    return tuple(
        x[age:] + y
        for x, y in (
            (a.topups, b.topups), (a.spent, b.spent), (a.breakage, b.breakage),
            (a.balance, b.balance), (a.bonus_gift_cost, b.bonus_gift_cost),
        )
    )  # fmt: skip


def loyal_share(
    age_days: int, r: float, alpha: float, a: float, b: float, lifetime_days: float = float("inf")
) -> float:
    """Share of the customers a store won over its ``age_days`` (one cohort a day), and still has,
    who have ordered at least twice (V6: 忠实客户占比, "loyal" read as ≥ 2 orders [ASSUMPTION]):

        Σ_τ e^{−τ/L}·RR(τ) / Σ_τ e^{−τ/L},   RR(τ) = 1 − (α/(α+τ))^r,   τ = 1…H

    An account's exit is independent of its purchases, so a cohort's accounts still present at
    age τ have repurchased at the BG/NBD rate RR(τ); cohorts weigh by the accounts left (L = ∞:
    the plain mean of RR)."""
    if age_days <= 0 or not np.isfinite(alpha):
        return 0.0
    tau = np.arange(1, int(age_days) + 1, dtype=float)
    weight = account_survival(tau, lifetime_days)
    return float(np.sum(weight * repurchase_rate(tau, r, alpha)) / np.sum(weight))


def clv(
    plan: Scenario, reference: Scenario, alpha: float, lever: float = 1.0
) -> loyalty_clv.CLVResult:
    """CLV of one new customer of ``plan`` (MODEL.md §6.6): first-order contribution plus the
    discounted contribution of the repeat orders its cohort profile f(k) brings, with the plan's
    annual discount rate and horizon. ``alpha``: the calibrated BG/NBD scale; ``lever``: the
    plan's old-customer lever (Calibration.repeat_multiplier). The plan's scheme prices set its
    uptake (``priced``)."""
    plan = priced(plan, reference, alpha)
    rp, st = plan.repeat, plan.store
    h = int(rp.clv_horizon_days)
    delta = _delta_e(max(h, int(reference.store.age_days)), plan, alpha)
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
        repeat_order_value=repeat_basket(plan)[0],
        margin_per_yuan=margin,
        repeat_multiplier=mult * lever,
        lifetime_days=float(rp.lifetime_days),
    )


def repurchase_curve(
    plan: Scenario, reference: Scenario, alpha: float, lever: float, days: FloatArray
) -> FloatArray:
    """Cohort repurchase rate RR(τ) of the plan's new customers: BG/NBD with the rate scaled by
    their mean stream multiplier m (α → α/m) [DERIVED: a scaled Poisson rate], among the cohort's
    accounts still present at τ (an account's exit is independent of its purchases, so the share
    is the BG/NBD's; ``repurchase`` docstring); the plan's scheme prices set its uptake
    (``priced``)."""
    plan = priced(plan, reference, alpha)
    rp = plan.repeat
    if not np.isfinite(alpha):
        return np.zeros_like(days, dtype=float)
    ages = np.arange(1, int(days.max()) + 1, dtype=float)
    own = profile(reference, ages).total.mean()
    m = profile(plan, ages).total.mean() / own * lever
    return repurchase_rate(days, rp.r, alpha / m) if m > 0 else np.zeros_like(days)
