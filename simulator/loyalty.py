"""Loyalty ledgers: points (积分), 包邮卡, stored value (储值卡), deposits (押金), referral (裂变),
member day (会员日) (MODEL.md §5.8–§5.13, §6.9).

Pure functions of plain floats and arrays, one day per step. Every daily input may carry leading
axes (``shape (..., T)``, time on the last axis, e.g. ``(n_sims, T)``); scalars broadcast. Each
ledger returns a frozen dataclass of daily float arrays and balances on every day, up to float
rounding::

    Σ_{s≤t} inflow_s = Σ_{s≤t} used_s + Σ_{s≤t} broken_s + balance_t

Redemption and spend-down timing is discrete-time geometric (the daily analogue of an exponential
lag): a yuan in the balance at the end of day t−1 leaves on day t with hazard h = 1/lag, so it stays
k ≥ 1 days with probability h·(1−h)^(k−1), mean 1/h = lag days. Nothing leaves on the day it
arrives. Breakage (value never used) is by default recognised in proportion to use — the same
hazard, a share ``breakage`` of every exit is breakage — which is the proportional method of
[LIT IFRS 15 ¶B46 / ASC 606-10-55-48]; optionally it lapses at a fixed validity instead.
Months are 30 days from day 0 [ASSUMPTION; day 0 is a Monday, the simulation has no calendar date].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import lfilter
from scipy.stats import poisson

from .clv import sbg_retention, sbg_survival  # noqa: F401  (re-exported: the card ledger uses them)

FloatArray = NDArray[np.float64]

#: Days per month for monthly caps, refunds and the member day [ASSUMPTION: 30-day months from day 0].
DAYS_PER_MONTH = 30


# ============================================================================ helpers


def _days(x: ArrayLike, name: str) -> FloatArray:
    """A daily input as a float array of shape (..., T); finite and non-negative."""
    a = np.asarray(x, dtype=float)
    if a.ndim == 0:
        raise ValueError(f"{name} must be an array of daily values (shape (..., T)), got a scalar")
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be finite")
    if np.any(a < 0.0):
        raise ValueError(f"{name} must be non-negative, got min {a.min()!r}")
    return a


def _broadcast(x: ArrayLike, shape: tuple[int, ...], name: str) -> FloatArray:
    """A scalar or daily array broadcast to ``shape``; finite and non-negative."""
    a = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(a)) or np.any(a < 0.0):
        raise ValueError(f"{name} must be finite and non-negative")
    return np.broadcast_to(a, shape).astype(float)


def _share(x: float, name: str) -> float:
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {x!r}")
    return float(x)


def _lag(x: float, name: str) -> float:
    if not (math.isfinite(x) and x >= 1.0):
        raise ValueError(
            f"{name} must be a finite number of days ≥ 1 (hazard 1/lag ≤ 1), got {x!r}"
        )
    return float(x)


def _shift(x: FloatArray, days: int) -> FloatArray:
    """x delayed by ``days`` along the last axis (zeros shifted in; what falls off is dropped)."""
    if days <= 0:
        return x.copy()
    out = np.zeros_like(x)
    if days < x.shape[-1]:
        out[..., days:] = x[..., :-days]
    return out


def _convolve(x: FloatArray, kernel: FloatArray) -> FloatArray:
    """y_t = Σ_k kernel_k·x_{t−k} along the last axis, truncated to T (a causal FIR filter)."""
    if np.ndim(kernel) == 1:
        return lfilter(kernel, [1.0], x, axis=-1)
    x, kernel = np.broadcast_arrays(x, kernel)  # a batch: each path with its own kernel
    return np.stack([lfilter(k, [1.0], row) for row, k in zip(x, kernel, strict=True)])


@dataclass(frozen=True)
class _Pool:
    used: FloatArray
    broken: FloatArray
    balance: FloatArray
    provision: FloatArray  # balance expected to be used (excludes the breakage still in balance)


def _run_pool(
    inflow: FloatArray, *, mean_lag_days: float, breakage: float, validity_days: int | None
) -> _Pool:
    """Shared liability pool: inflow → used (hazard 1/lag) + broken (proportional or at validity).

    Proportional (validity_days None):  P_t = (1−h)·P_{t−1} + I_t,  out_t = h·P_{t−1},
        used_t = (1−b)·out_t,  broken_t = b·out_t,  provision_t = (1−b)·P_t.
    Fixed validity V:  R_t = (1−h)·R_{t−1} + (1−b)·I_t,  used_t = h·R_{t−1},
        broken_t = b·I_{t−V},  balance_t = R_t + Σ_{s≤t} (b·I_s − broken_s),  provision_t = R_t.
    """
    h = 1.0 / mean_lag_days
    if validity_days is None:
        pool = lfilter([1.0], [1.0, -(1.0 - h)], inflow, axis=-1)
        out = h * _shift(pool, 1)
        return _Pool(
            used=(1.0 - breakage) * out,
            broken=breakage * out,
            balance=pool,
            provision=(1.0 - breakage) * pool,
        )
    if validity_days < 1:
        raise ValueError(f"validity_days must be ≥ 1 or None, got {validity_days!r}")
    redeemable = lfilter([1.0], [1.0, -(1.0 - h)], (1.0 - breakage) * inflow, axis=-1)
    used = h * _shift(redeemable, 1)
    broken = breakage * _shift(inflow, int(validity_days))
    pending_breakage = np.cumsum(breakage * inflow - broken, axis=-1)
    return _Pool(
        used=used, broken=broken, balance=redeemable + pending_breakage, provision=redeemable
    )


@dataclass(frozen=True)
class Gift:
    """A gift handed out by a scheme: its cost to the store (yuan) and where the figure comes from."""

    name_zh: str
    name_en: str
    cost: float  # yuan per gift
    source: str  # provenance label


# ============================================================================ 1. points (积分)

#: e_pt: points per yuan paid, "每消费1元可获得1分" [SEED 003].
POINTS_PER_YUAN = 1.0
#: Points become valid this many days after confirmed receipt, "确认收货后次日生效" [SEED 003].
POINTS_VALID_DAYS_AFTER_RECEIPT = 1
#: Sign-in: 1 point per daily sign-in, "每天签到1次获得1个积分" [SEED 003].
SIGNIN_POINTS_PER_DAY = 1.0
#: Length of a sign-in streak that earns the bonus, "连续签到10天" [SEED 003].
SIGNIN_STREAK_DAYS = 10
#: Bonus per completed streak, "奖励20个积分" [SEED 003].
SIGNIN_STREAK_BONUS = 20.0
#: Favouriting the store, "收藏店铺奖励5个积分" [SEED 003].
FAVOURITE_POINTS = 5.0
#: Paying within ``PROMPT_PAYMENT_HOURS`` of ordering, "拍下后2个小时内付款奖励10个积分" [SEED 003].
PROMPT_PAYMENT_POINTS = 10.0
PROMPT_PAYMENT_HOURS = 2
#: Confirming receipt with a good review within ``REVIEW_WINDOW_DAYS``, "5天内收货好评奖励10个积分"
#: [SEED 003]. Rewarding 好评 may conflict with platform review rules (UI warning, MODEL §5.9).
REVIEW_POINTS = 10.0
REVIEW_WINDOW_DAYS = 5
#: v_pt: yuan per point when redeemed [ASSUMPTION, MODEL §4.5].
YUAN_PER_POINT = 0.01
#: brk_pts: share of points never redeemed [SECONDARY Bond Brand Loyalty: ~30%, "25–35% healthy"].
POINTS_BREAKAGE = 0.30
#: lag_pts: mean days from a point becoming valid to its redemption [ASSUMPTION, MODEL §4.5].
POINTS_REDEMPTION_LAG_DAYS = 60.0


def points_for_order(
    paid_value: ArrayLike, points_per_yuan: float = POINTS_PER_YUAN
) -> float | FloatArray:
    """Points earned by an order: floor(paid value)·e_pt [SEED 003: 每消费1元可获得1分].

    ``paid_value`` in yuan (scalar or array of orders); ``points_per_yuan`` e_pt in points/yuan.
    Only whole yuan earn points (MODEL §10 T18: paid 115.5 → 115 points). Returns points, a float
    for a scalar input.
    """
    v = np.asarray(paid_value, dtype=float)
    if np.any(v < 0.0):
        raise ValueError("paid_value must be non-negative")
    pts = np.floor(v) * points_per_yuan
    return float(pts) if pts.ndim == 0 else pts


def expected_order_points(
    mean_paid_value: ArrayLike, points_per_yuan: float = POINTS_PER_YUAN
) -> FloatArray:
    """Mean points per order in mean mode: E[floor(B)]·e_pt ≈ max(E[B] − 0.5, 0)·e_pt.

    [DERIVED: the fractional part of a basket B spread over many yuan (lognormal, σ_B ≫ 1/AOV) is
    close to uniform on [0, 1), so flooring loses 0.5 yuan on average.] ``mean_paid_value`` =
    AOV in yuan/order (scalar or daily array); ``points_per_yuan`` in points/yuan. Points/order.
    """
    v = np.asarray(mean_paid_value, dtype=float)
    return np.maximum(v - 0.5, 0.0) * points_per_yuan


def signin_points(days: ArrayLike) -> float | FloatArray:
    """Points of an unbroken sign-in streak of ``days`` days (count, scalar or array) [SEED 003].

    points(d) = 1·d + 20·⌊d/10⌋ (MODEL §10 T18: 10 days → 30). Each further completed 10-day streak
    earns the bonus again [ASSUMPTION: the seed's "连续签到10天奖励20个积分" does not say whether the
    bonus repeats; we read it as once per 10 consecutive days].
    """
    d = np.asarray(days)
    if np.any(d < 0) or np.any(np.floor(d) != d):
        raise ValueError("days must be non-negative whole numbers")
    pts = SIGNIN_POINTS_PER_DAY * d + SIGNIN_STREAK_BONUS * (d // SIGNIN_STREAK_DAYS)
    pts = np.asarray(pts, dtype=float)
    return float(pts) if pts.ndim == 0 else pts


def expected_signin_points_per_day(signin_probability: ArrayLike) -> FloatArray:
    """Mean sign-in points per member-day when a member signs in each day with probability q.

    E = q + 20·(1−q)·q^10/(1−q^10), and E = 1 + 20/10 = 3 at q = 1.
    [DERIVED from SEED 003 rules, ASSUMPTION: independent daily sign-ins, stationary streaks — the
    streak length L is geometric, P(L = ℓ) = (1−q)·q^ℓ, and the bonus falls on days with
    L ∈ {10, 20, …}.] ``signin_probability`` q in [0, 1]; returns points/member/day.
    """
    q = np.asarray(signin_probability, dtype=float)
    if np.any((q < 0.0) | (q > 1.0)):
        raise ValueError("signin_probability must lie in [0, 1]")
    n = SIGNIN_STREAK_DAYS
    qn = q**n
    with np.errstate(invalid="ignore", divide="ignore"):
        bonus_rate = np.where(q < 1.0, (1.0 - q) * qn / (1.0 - qn), 1.0 / n)
    return SIGNIN_POINTS_PER_DAY * q + SIGNIN_STREAK_BONUS * bonus_rate


def earned_points_per_day(
    order_points: ArrayLike,
    *,
    signins: ArrayLike = 0.0,
    streak_completions: ArrayLike = 0.0,
    new_favourites: ArrayLike = 0.0,
    prompt_payments: ArrayLike = 0.0,
    prompt_good_reviews: ArrayLike = 0.0,
) -> FloatArray:
    """Points earned per day, MODEL §5.9 [SEED 003 rules]:

    earned_t = Σ_orders floor(paid)·e_pt + 1·signins_t + 20·streak completions_t + 5·new favourites_t
               + 10·(paid within 2 h)_t + 10·(confirmed + good review within 5 d)_t

    ``order_points``: points from orders that day (points/day, e.g. orders × ``expected_order_points``);
    the others are counts/day (member sign-ins, completed 10-day streaks, new store favourites,
    orders paid within 2 h, orders confirmed with a good review within 5 days). Returns points/day.
    """
    out = np.asarray(order_points, dtype=float)
    for value, weight in (
        (signins, SIGNIN_POINTS_PER_DAY),
        (streak_completions, SIGNIN_STREAK_BONUS),
        (new_favourites, FAVOURITE_POINTS),
        (prompt_payments, PROMPT_PAYMENT_POINTS),
        (prompt_good_reviews, REVIEW_POINTS),
    ):
        out = out + weight * np.asarray(value, dtype=float)
    return out


@dataclass(frozen=True)
class PointsLedger:
    """Daily points ledger (MODEL §5.9, state L^pts), every field yuan/day or yuan, shape (..., T).

    Identities, every day:  Σ issued = Σ redeemed + Σ expired + outstanding;
    Σ earned = Σ issued + pending;  Σ expense = Σ redeemed + provision.
    """

    earned: FloatArray  # points earned that day at face value (earned points × v_pt), yuan/day
    issued: FloatArray  # points becoming valid that day (earned L days before), yuan/day
    redeemed: FloatArray  # points redeemed that day, yuan/day (cost of redemptions)
    expired: FloatArray  # breakage recognised that day (points never to be redeemed), yuan/day
    outstanding: FloatArray  # valid points not yet redeemed or expired (liability L^pts), yuan
    pending: FloatArray  # earned points not yet valid (off-ledger until valid), yuan
    expense: FloatArray  # points expense recognised at issue = issued·(1 − breakage), yuan/day
    provision: FloatArray  # outstanding expected to be redeemed (liability net of breakage), yuan


def points_ledger(
    earned_points_per_day: ArrayLike,
    *,
    valid_lag_days: int = POINTS_VALID_DAYS_AFTER_RECEIPT,
    yuan_per_point: float = YUAN_PER_POINT,
    breakage: float = POINTS_BREAKAGE,
    mean_redemption_lag_days: float = POINTS_REDEMPTION_LAG_DAYS,
    validity_days: int | None = None,
) -> PointsLedger:
    """Points liability L^pts per day (MODEL §5.9).

    issued_t   = earned_{t−L}·v_pt                                   (L = ``valid_lag_days``)
    P_t        = (1−h)·P_{t−1} + issued_t,   h = 1/lag_pts          (outstanding)
    redeemed_t = (1−brk)·h·P_{t−1},   expired_t = brk·h·P_{t−1}
    expense_t  = issued_t·(1 − brk)                                  (recognised at issue, §5.9)

    Arguments: ``earned_points_per_day`` points/day, shape (..., T), indexed by the day the points
    are earned; ``valid_lag_days`` L in days — points become valid the day after confirmed receipt
    [SEED 003], so pass the order-to-confirmation lag + 1 when the input is indexed by order day;
    ``yuan_per_point`` v_pt yuan/point [ASSUMPTION 0.01]; ``breakage`` brk_pts ∈ [0, 1], share of
    valid points never redeemed [SECONDARY 0.30]; ``mean_redemption_lag_days`` lag_pts ≥ 1 days
    [ASSUMPTION 60]; ``validity_days`` days or None.

    Breakage timing [ASSUMPTION]: by default the never-redeemed share leaves with the same geometric
    timing as redemptions (recognised in proportion to redemptions, [LIT IFRS 15 ¶B46]); with
    ``validity_days`` = V it instead expires exactly V days after issue, the redeemed share keeping
    its geometric lag (redemptions are not cut off at V — a simplification). Earned points valid
    after the horizon stay in ``pending``. Opening balance is 0: to warm-start, prepend history days
    and slice.
    """
    if not (math.isfinite(yuan_per_point) and yuan_per_point >= 0.0):
        raise ValueError(f"yuan_per_point must be finite and non-negative, got {yuan_per_point!r}")
    earned = _days(earned_points_per_day, "earned_points_per_day") * float(yuan_per_point)
    brk = _share(breakage, "breakage")
    lag = _lag(mean_redemption_lag_days, "mean_redemption_lag_days")
    if valid_lag_days < 0:
        raise ValueError("valid_lag_days must be ≥ 0")
    issued = _shift(earned, int(valid_lag_days))
    pool = _run_pool(issued, mean_lag_days=lag, breakage=brk, validity_days=validity_days)
    return PointsLedger(
        earned=earned,
        issued=issued,
        redeemed=pool.used,
        expired=pool.broken,
        outstanding=pool.balance,
        pending=np.cumsum(earned - issued, axis=-1),
        expense=issued * (1.0 - brk),
        provision=pool.provision,
    )


# ============================================================================ 2. paid terms (sBG)


@dataclass(frozen=True)
class SubscriptionLedger:
    """Paid terms with yearly sBG renewals (包邮卡 T1, paid membership), arrays of shape (..., T).

    Identities, every day:  Σ cash = Σ revenue_recognised + deferred_revenue;
    in_force = Σ new − Σ lapses;  cash = price·(new + renewals).
    """

    new: FloatArray  # new subscribers that day
    renewals: FloatArray  # terms renewed at expiry that day (0 for lifetime terms)
    lapses: FloatArray  # terms expiring unrenewed that day
    in_force: FloatArray  # subscriptions in force at the end of the day
    cash: FloatArray  # yuan/day received
    revenue_recognised: FloatArray  # yuan/day
    deferred_revenue: FloatArray  # cash not yet recognised (liability), yuan


def subscription_ledger(
    new_per_day: ArrayLike,
    *,
    price: float,
    validity_days: int | None,
    renewal_alpha: float,
    renewal_beta: float,
    recognise_lifetime_at_sale: bool = True,
    lifetime_days: float = math.inf,
) -> SubscriptionLedger:
    """Subscribers, renewals, cash and revenue of a paid term (MODEL §5.10, §6.6 contractual part).

    Term of V = ``validity_days`` days: a subscription bought on day c is in force on days
    c…c+V−1 and renews at c + nV with the sBG retention r_n = (β+n−1)/(α+β+n−1) [LIT Fader &
    Hardie 2007], so in_force_t = Σ_c new_c·S(⌊(t−c)/V⌋), renewals_t = Σ_{n≥1} new_{t−nV}·S(n),
    lapses_t = Σ_{n≥1} new_{t−nV}·(S(n−1) − S(n)). ``validity_days`` None = lifetime: never lapses.
    cash_t = price·(new_t + renewals_t). Revenue: a term straight line over its days,
    price·in_force_t/V [ASSUMPTION]; a lifetime term at sale (``recognise_lifetime_at_sale``).

    Arguments: ``new_per_day`` subscribers/day, shape (..., T); ``price`` yuan per term ≥ 0
    (renewals pay the same price [ASSUMPTION]); ``renewal_alpha``, ``renewal_beta`` sBG (α, β) > 0;
    ``lifetime_days`` L: the customer's account leaves the store at rate 1/L whatever the term
    (``repurchase`` docstring), so S(n) becomes S(n)·e^{−τ/L} for in-force, renewals and revenue
    (an account that left neither renews nor counts as a member; ∞: no exits). A lifetime term is
    then Σ_c new_c·e^{−(t−c)/L}, not a count that grows for ever.
    Nothing is in force before day 0: prepend history days to warm-start.
    """
    new = _days(new_per_day, "new_per_day")
    if not (math.isfinite(price) and price >= 0.0):
        raise ValueError(f"price must be finite and non-negative, got {price!r}")
    horizon = new.shape[-1]
    tau = np.arange(horizon)
    # L may be a batch of paths' (P, 1): each path's own exits
    present = np.exp(-tau / lifetime_days) if np.all(np.isfinite(lifetime_days)) else None
    if validity_days is None:
        zero = np.zeros_like(new)
        in_force = np.cumsum(new, axis=-1) if present is None else _convolve(new, present)
        cash = price * new
        recognised = cash.copy() if recognise_lifetime_at_sale else zero
        return SubscriptionLedger(
            new, zero, zero.copy(), in_force, cash, recognised, np.cumsum(cash - recognised, -1)
        )
    v = int(validity_days)
    if v < 1:
        raise ValueError(f"validity_days must be ≥ 1 or None, got {validity_days!r}")
    n = tau // v
    survival = sbg_survival(n, renewal_alpha, renewal_beta)
    at_expiry = (tau >= v) & (tau % v == 0)
    before = sbg_survival(np.maximum(n - 1, 0), renewal_alpha, renewal_beta)
    if present is not None:  # accounts that left neither renew nor lapse at the anniversary
        survival, before = survival * present, before * present
    renew_kernel = np.where(at_expiry, survival, 0.0)
    lapse_kernel = np.where(at_expiry, before - survival, 0.0)
    in_force = _convolve(new, survival)
    renewals = _convolve(new, renew_kernel)
    cash = price * (new + renewals)
    recognised = price * in_force / v
    return SubscriptionLedger(
        new=new,
        renewals=renewals,
        lapses=_convolve(new, lapse_kernel),
        in_force=in_force,
        cash=cash,
        revenue_recognised=recognised,
        deferred_revenue=np.cumsum(cash - recognised, axis=-1),
    )


# ============================================================================ 3. 包邮卡


@dataclass(frozen=True)
class CardTier:
    """One 包邮卡 (free-shipping card) tier [SEED 003 slide 85]."""

    key: str
    name_zh: str
    name_en: str
    addresses: int  # delivery addresses allowed (not modelled: no behavioural effect [ASSUMPTION])
    uses_per_month: int | None  # free-shipped orders per 30-day month; None = unlimited
    validity_days: int | None  # paid period in days; None = lifetime (终身有效)
    priority_shipping: bool  # 优先发货
    dispatch_delay_factor: float  # × holders' dispatch delay (T3 0.5 [ASSUMPTION, §5.10])


#: 包邮卡 tiers: "限1个快递地址,每月使用3次,一年有效 / 限3个快递地址,不限使用次数,终身有效 /
#: 限5个快递地址,不限使用次数,优先发货,终身有效" [SEED 003]; "one year" = 365 days [ASSUMPTION].
TIERS: dict[str, CardTier] = {
    "T1": CardTier("T1", "年卡", "annual card", 1, 3, 365, False, 1.0),
    "T2": CardTier("T2", "终身卡", "lifetime card", 3, None, None, False, 1.0),
    "T3": CardTier("T3", "终身优先卡", "lifetime priority card", 5, None, None, True, 0.5),
}
#: (α, β)_card: annual renewal sBG of paid cards [LIT Fader & Hardie 2007 "regular" data, DERIVED
#: fit: α = 0.704, β = 1.182]; year-1 renewal β/(α+β) = 0.627, year-2 0.756.
CARD_RENEWAL_ALPHA = 0.704
CARD_RENEWAL_BETA = 1.182


def capped_uses_per_day(orders_per_holder_per_day: ArrayLike, uses_per_month: int) -> FloatArray:
    """Expected free-shipped orders per holder-day under a monthly cap c.

    E[min(N, c)]/30 with N ~ Poisson(30·o) = Σ_{k=0}^{c−1} P(N > k)/30.
    [ASSUMPTION: a holder's orders in a 30-day month are Poisson at the day's rate o; orders beyond
    the cap pay the normal shipping fee.] ``orders_per_holder_per_day`` o in orders/holder/day;
    ``uses_per_month`` c in orders/month. Returns orders/holder/day.
    """
    o = np.asarray(orders_per_holder_per_day, dtype=float)
    lam = DAYS_PER_MONTH * o
    k = np.arange(int(uses_per_month)).reshape((-1,) + (1,) * lam.ndim)
    return poisson.sf(k, lam).sum(axis=0) / DAYS_PER_MONTH


@dataclass(frozen=True)
class CardLedger:
    """Daily 包邮卡 ledger for one tier (MODEL §5.10, state C^card), arrays of shape (..., T).

    Identities, every day:  Σ cash = Σ revenue_recognised + deferred_revenue;
    holders = Σ new_cards − Σ lapses;  cards_sold = new_cards + renewals.
    """

    new_cards: FloatArray  # cards bought by new members that day (cards/day)
    renewals: FloatArray  # T1 cards renewed at expiry that day (cards/day; 0 for lifetime tiers)
    cards_sold: FloatArray  # new_cards + renewals (cards/day)
    lapses: FloatArray  # T1 cards expiring unrenewed that day (cards/day)
    holders: FloatArray  # cards in force at the end of the day (cards)
    cash: FloatArray  # card sales, cash at sale = price × cards_sold (yuan/day)
    revenue_recognised: FloatArray  # card revenue recognised that day (yuan/day)
    deferred_revenue: FloatArray  # card cash not yet recognised (liability, yuan)
    holder_orders: FloatArray  # holders' orders = holders × orders_per_holder_per_day (orders/day)
    free_shipped_orders: FloatArray  # holders' orders shipped free (T1: within the cap; orders/day)
    shipping_fee_lost: FloatArray  # free_shipped_orders × shipping_fee (fee revenue given away)
    shipping_cost_free_orders: FloatArray  # free_shipped_orders × shipping_cost (yuan/day)
    unused_uses: FloatArray  # T1 capacity unused, holders·3/30 − free (uses/day); 0 unlimited


def card_ledger(
    new_members_per_day: ArrayLike,
    *,
    uptake: float,
    price: float,
    tier: str,
    orders_per_holder_per_day: ArrayLike,
    shipping_fee: float,
    shipping_cost: float,
    renewal_alpha: float = CARD_RENEWAL_ALPHA,
    renewal_beta: float = CARD_RENEWAL_BETA,
    lifetime_days: float = math.inf,
) -> CardLedger:
    """包邮卡 sales, holders, revenue recognition and free shipping per day (MODEL §5.10).

    new_cards_t = new members_t·u_card
    T1 (valid V = 365 d):  a card bought on day c is in force on days c…c+V−1, renews at c + nV with
        sBG retention r_n = (β+n−1)/(α+β+n−1), so holders_t = Σ_c new_c·S(⌊(t−c)/V⌋),
        renewals_t = Σ_{n≥1} new_{t−nV}·S(n), lapses_t = Σ_{n≥1} new_{t−nV}·(S(n−1) − S(n)).
    T2/T3 (lifetime): holders_t = Σ_{c≤t} new_c, never lapse.
    cash_t = P_card·cards_sold_t.  Revenue: T1 straight line over the paid period,
        recognised_t = P_card·holders_t/V [ASSUMPTION]; lifetime cards recognised on sale,
        recognised_t = cash_t [ASSUMPTION — a stricter reading spreads it over the expected use].
    free_t = holders_t·o_t (unlimited) or holders_t·E[min(N, 3)]/30, N ~ Poisson(30·o_t) (T1 cap,
        see ``capped_uses_per_day``); shipping_fee_lost_t = free_t·s_fee.

    Arguments: ``new_members_per_day`` members/day, shape (..., T); ``uptake`` u_card ∈ [0, 1], share
    of new members buying the card (user input); ``price`` P_card yuan/card (user input, not in the
    seed; renewals pay the same price [ASSUMPTION]); ``tier`` one of ``TIERS`` ("T1", "T2", "T3");
    ``orders_per_holder_per_day`` o, orders/holder/day, scalar or (..., T) — the engine's repeat rate
    for holders, already including the u_ship uplift; ``shipping_fee`` s_fee yuan/order the buyer
    would otherwise pay; ``shipping_cost`` c_ship yuan/parcel — ``shipping_cost_free_orders`` is
    already inside Ship_t = c_ship·Orders_t of §6.9, reported only for the card's own P&L view;
    ``renewal_alpha``, ``renewal_beta`` sBG (α, β) > 0, dimensionless (used by T1 only).
    Cards in force at day 0 are 0 (prepend history days to warm-start).
    """
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {sorted(TIERS)}, got {tier!r}")
    spec = TIERS[tier]
    members = _days(new_members_per_day, "new_members_per_day")
    u = _share(uptake, "uptake")
    money = {"price": price, "shipping_fee": shipping_fee, "shipping_cost": shipping_cost}
    for name, value in money.items():
        if not (math.isfinite(value) and value >= 0.0):
            raise ValueError(f"{name} must be finite and non-negative, got {value!r}")
    orders = _broadcast(orders_per_holder_per_day, members.shape, "orders_per_holder_per_day")
    sub = subscription_ledger(
        u * members,
        price=price,
        validity_days=spec.validity_days,
        renewal_alpha=renewal_alpha,
        renewal_beta=renewal_beta,
        recognise_lifetime_at_sale=True,
        lifetime_days=lifetime_days,
    )
    new_cards, renewals, lapses, holders = sub.new, sub.renewals, sub.lapses, sub.in_force
    cash, recognised = sub.cash, sub.revenue_recognised

    holder_orders = holders * orders
    if spec.uses_per_month is None:
        free = holder_orders
        unused = np.zeros_like(free)
    else:
        free = holders * capped_uses_per_day(orders, spec.uses_per_month)
        unused = np.maximum(holders * spec.uses_per_month / DAYS_PER_MONTH - free, 0.0)
    return CardLedger(
        new_cards=new_cards,
        renewals=renewals,
        cards_sold=new_cards + renewals,
        lapses=lapses,
        holders=holders,
        cash=cash,
        revenue_recognised=recognised,
        deferred_revenue=sub.deferred_revenue,
        holder_orders=holder_orders,
        free_shipped_orders=free,
        shipping_fee_lost=free * shipping_fee,
        shipping_cost_free_orders=free * shipping_cost,
        unused_uses=unused,
    )


# ============================================================================ 4. stored value, deposits

#: Gifts named in seed 004. Costs are the seed's stated values where it gives one ("价值199元");
#: the seed says real purchase costs can be kept below the stated values, so these are upper bounds.
OIL = Gift(
    "5L龙鱼调和油一桶", "5 L bottle of blended cooking oil", 70.0, "[ASSUMPTION retail price]"
)
RICE = Gift("龙鱼米一袋", "bag of rice", 40.0, "[ASSUMPTION retail price]")
COOKER = Gift("品牌电饭煲", "brand rice cooker", 199.0, "[SEED 004]")
BEDDING = Gift("高档四件套", "premium four-piece bedding set", 498.0, "[SEED 004]")
EBIKE_1980 = Gift("电动车(价值1980元)", "e-bike (stated worth 1980)", 1980.0, "[SEED 004]")
EBIKE_3280 = Gift("电动车(价值3280元)", "e-bike (stated worth 3280)", 3280.0, "[SEED 004]")


@dataclass(frozen=True)
class TopupTier:
    """A stored-value top-up amount and its bonus gifts [SEED 004]."""

    amount: float  # yuan topped up
    gifts: tuple[Gift, ...]

    @property
    def gift_cost(self) -> float:
        """Cost of the bonus gifts per top-up, yuan."""
        return float(sum(g.cost for g in self.gifts))


#: "充值500元的储值卡,就送一桶5l龙鱼调和油,充值1000元的储值卡,就送一个价值199元的电饭煲和一袋龙鱼米"
#: [SEED 004].
TOPUP_TIERS: tuple[TopupTier, ...] = (
    TopupTier(500.0, (OIL,)),
    TopupTier(1000.0, (COOKER, RICE)),
)
#: brk_sv: share of stored value never spent [SECONDARY gift-card breakage ~6%].
STORED_VALUE_BREAKAGE = 0.06
#: Mean days from top-up to spending a yuan of balance [ASSUMPTION; the seed gives no spend rate].
STORED_VALUE_SPEND_LAG_DAYS = 90.0


def topup_gift_cost(amount: float, tiers: tuple[TopupTier, ...] = TOPUP_TIERS) -> float:
    """Bonus-gift cost of one top-up of ``amount`` yuan: the gifts of the highest tier reached.

    [SEED 004 tiers; ASSUMPTION: one gift set per top-up, amounts between tiers get the lower tier's
    gifts, below the lowest tier none.] Returns yuan.
    """
    reached = [t for t in tiers if amount >= t.amount]
    return max(reached, key=lambda t: t.amount).gift_cost if reached else 0.0


@dataclass(frozen=True)
class StoredValueLedger:
    """Daily stored-value (储值卡) ledger (MODEL §5.12, state L^sv), yuan/day or yuan, (..., T).

    Identity, every day: Σ topups = Σ spent + Σ breakage + balance. Revenue recognised = spent +
    breakage; cash comes in as ``topups``. Orders paid from the balance are part of GMV already:
    ``spent`` says how much of GMV brought no new cash, it is not extra sales.
    """

    topups: FloatArray  # cash topped up that day (yuan/day)
    spent: FloatArray  # balance spent on orders that day, revenue recognised (yuan/day)
    breakage: FloatArray  # breakage recognised that day (never-spent value; yuan/day)
    balance: FloatArray  # stored value outstanding at the end of the day (liability, yuan)
    provision: FloatArray  # balance expected to be spent (liability net of breakage, yuan)
    bonus_gift_cost: FloatArray  # cost of top-up gifts that day (yuan/day)


def stored_value_ledger(
    topups_per_day_yuan: ArrayLike,
    *,
    breakage: float = STORED_VALUE_BREAKAGE,
    mean_spend_lag_days: float = STORED_VALUE_SPEND_LAG_DAYS,
    bonus_gift_cost_per_day: ArrayLike = 0.0,
    validity_days: int | None = None,
) -> StoredValueLedger:
    """Stored-value balance L^sv per day (MODEL §5.12).

    L_t = (1−h)·L_{t−1} + V_t,   h = 1/lag                (equivalently L_t = L_{t−1} + V_t − out_t)
    spent_t = (1−brk)·h·L_{t−1},   breakage_t = brk·h·L_{t−1}

    Arguments: ``topups_per_day_yuan`` V_t yuan/day, shape (..., T); ``breakage`` brk_sv ∈ [0, 1]
    [SECONDARY 0.06]; ``mean_spend_lag_days`` ≥ 1 days, mean time a yuan stays in the balance (a
    daily spend share of 1/lag) [ASSUMPTION 90]; ``bonus_gift_cost_per_day`` yuan/day, scalar or
    (..., T), e.g. Σ_tiers top-ups × ``TopupTier.gift_cost`` (passed through to the ledger);
    ``validity_days`` days or None.

    Breakage timing [ASSUMPTION]: in proportion to spending (same geometric timing, [LIT IFRS 15
    ¶B46]); with ``validity_days`` = V the never-spent share lapses V days after the top-up instead.
    Opening balance 0 (prepend history days to warm-start).
    """
    topups = _days(topups_per_day_yuan, "topups_per_day_yuan")
    pool = _run_pool(
        topups,
        mean_lag_days=_lag(mean_spend_lag_days, "mean_spend_lag_days"),
        breakage=_share(breakage, "breakage"),
        validity_days=validity_days,
    )
    return StoredValueLedger(
        topups=topups,
        spent=pool.used,
        breakage=pool.broken,
        balance=pool.balance,
        provision=pool.provision,
        bonus_gift_cost=_broadcast(
            bonus_gift_cost_per_day, topups.shape, "bonus_gift_cost_per_day"
        ),
    )


@dataclass(frozen=True)
class DepositTier:
    """A deposit (押金) offer: deposit, gifts handed over at once, slots available [SEED 004]."""

    deposit: float  # yuan, refunded in monthly instalments
    gifts: tuple[Gift, ...]
    slots: int  # 名额

    @property
    def gift_cost(self) -> float:
        """Cost of the gifts per deposit, yuan (stated values: an upper bound, see ``Gift``)."""
        return float(sum(g.cost for g in self.gifts))


#: "交1880元押金,送一辆价值1980元的电动车,再送一个价值199元的品牌电饭煲 … 只有30个名额";
#: "交押金2980元,送电动车价值3280元,送品牌电饭煲价值199元,送一套高档四件套价值498元 … 只给20个名额"
#: [SEED 004].
DEPOSIT_TIERS: tuple[DepositTier, ...] = (
    DepositTier(1880.0, (EBIKE_1980, COOKER), 30),
    DepositTier(2980.0, (EBIKE_3280, COOKER, BEDDING), 20),
)
#: Refund plans, "1880元的押金12个月或者24个月就可以退" [SEED 004].
DEPOSIT_REFUND_MONTHS: tuple[int, ...] = (12, 24)
#: Share of refund instalments never collected ("有一些顾客只是忘记收") [ASSUMPTION; no figure in
#: the seed — the stored-value breakage 0.06 is reused].
DEPOSIT_FORGOTTEN_SHARE = 0.06


def deposit_refund_schedule(deposit: float, months: int) -> FloatArray:
    """Monthly refunds of a deposit paid back in equal instalments: deposit/months each month.

    [SEED 004 scheme, DERIVED] MODEL §10 T20: 1880 over 24 months → 78.33/month, over 12 → 156.67.
    ``deposit`` yuan; ``months`` ≥ 1. Returns an array of ``months`` refunds, yuan each, paid at
    the end of months 1…months ("每个月底才能收到").
    """
    if months < 1 or int(months) != months:
        raise ValueError(f"months must be a whole number ≥ 1, got {months!r}")
    if not (math.isfinite(deposit) and deposit >= 0.0):
        raise ValueError("deposit must be finite and non-negative")
    return np.full(int(months), deposit / months)


@dataclass(frozen=True)
class DepositLedger:
    """Daily deposit ledger (MODEL §5.12 deposit-refund variant), yuan/day or yuan, (..., T).

    Identity, every day: Σ deposits = Σ refunds_paid + Σ refunds_forgotten + liability.
    """

    deposits: FloatArray  # deposits taken that day, cash in (yuan/day)
    refunds_paid: FloatArray  # instalments collected that day, cash out (yuan/day)
    refunds_forgotten: FloatArray  # instalments due but never collected, income (yuan/day)
    liability: FloatArray  # deposits not yet refunded or forgotten (yuan)
    gift_cost: FloatArray  # cost of gifts handed over with deposits that day (yuan/day)


def deposit_ledger(
    deposits_per_day_yuan: ArrayLike,
    *,
    months: int,
    forgotten_share: float = DEPOSIT_FORGOTTEN_SHARE,
    gift_cost_per_day: ArrayLike = 0.0,
) -> DepositLedger:
    """Deposits refunded in equal monthly instalments, some never collected (MODEL §5.12).

    due_t = Σ_{m=1..months} D_{t−30m}/months       (instalment m due at the end of month m)
    refunds_paid_t = (1−f)·due_t,   refunds_forgotten_t = f·due_t

    Arguments: ``deposits_per_day_yuan`` D_t yuan/day, shape (..., T); ``months`` refund plan in
    months (12 or 24 in [SEED 004]); ``forgotten_share`` f ∈ [0, 1], share of instalments never
    collected, recognised as income on the due day [ASSUMPTION]; ``gift_cost_per_day`` yuan/day,
    e.g. deposits/day × ``DepositTier.gift_cost`` (passed through). Months are 30 days [ASSUMPTION].
    """
    deposits = _days(deposits_per_day_yuan, "deposits_per_day_yuan")
    f = _share(forgotten_share, "forgotten_share")
    per_month = deposit_refund_schedule(1.0, months)
    horizon = deposits.shape[-1]
    kernel = np.zeros(horizon)
    due_days = DAYS_PER_MONTH * np.arange(1, len(per_month) + 1)
    keep = due_days < horizon
    kernel[due_days[keep]] = per_month[keep]
    due = _convolve(deposits, kernel)
    paid, forgotten = (1.0 - f) * due, f * due
    return DepositLedger(
        deposits=deposits,
        refunds_paid=paid,
        refunds_forgotten=forgotten,
        liability=np.cumsum(deposits - paid - forgotten, axis=-1),
        gift_cost=_broadcast(gift_cost_per_day, deposits.shape, "gift_cost_per_day"),
    )


# ============================================================================ 5. referral (裂变)

#: ρ_ref_rate: successful referrals per member per day [ASSUMPTION, MODEL §4.5].
REFERRAL_RATE = 0.0005
#: m_ref: repeat multiplier of referred customers [LIT Schmitt, Skiera & Van den Bulte 2011].
REFERRED_REPEAT_MULTIPLIER = 1.16


@dataclass(frozen=True)
class ReferralTier:
    """A referral reward: gifts for reaching ``referrals`` successful referrals [SEED 004]."""

    referrals: int  # new top-up members referred
    gifts: tuple[Gift, ...]

    @property
    def gift_cost(self) -> float:
        """Cost of the reward, yuan."""
        return float(sum(g.cost for g in self.gifts))


#: "推荐2个新充值会员,送1桶龙鱼调和油,推荐5个人,送一套高档棉四件套" [SEED 004]; the bedding set's cost
#: is the 498 stated for the 四件套 in the same seed's deposit scheme [DERIVED].
REFERRAL_TIERS: tuple[ReferralTier, ...] = (
    ReferralTier(2, (OIL,)),
    ReferralTier(5, (BEDDING,)),
)


def referral_is_explosive(k: float) -> bool:
    """True when the viral factor K ≥ 1: referrals grow without bound and the model is invalid.

    ``k`` = K, referrals per referred customer over their lifetime (dimensionless). The UI shows a
    warning when this is True (MODEL §5.13, §10 T19).
    """
    if math.isnan(k) or k < 0.0:
        raise ValueError(f"viral factor K must be a number ≥ 0, got {k!r}")
    return k >= 1.0


def referral_multiplier(k: float) -> float:
    """Long-run multiplier on seeded referrals: 1 + K + K² + … = 1/(1 − K) for 0 ≤ K < 1.

    [DERIVED, MODEL §5.13; T19: K = 0.4 → 1.6667.] ``k`` = K, referrals per referred customer over
    their lifetime (dimensionless). Returns ``math.inf`` for K ≥ 1 (check ``referral_is_explosive``
    to show the warning); raises ValueError for K < 0 or NaN.
    """
    if referral_is_explosive(k):
        return math.inf
    return 1.0 / (1.0 - k)


def referrals_per_day(members: ArrayLike, rate: float = REFERRAL_RATE) -> FloatArray:
    """New referred buyers per day = M_t·ρ_ref_rate (MODEL §5.13).

    ``members`` M_t active members (count, scalar or (..., T)); ``rate`` ρ_ref_rate successful
    referrals per member per day [ASSUMPTION 0.0005]. Returns referred buyers/day.
    """
    if not (math.isfinite(rate) and rate >= 0.0):
        raise ValueError("rate must be finite and non-negative")
    return np.asarray(members, dtype=float) * rate


def reward_cost_per_referral(
    referrals_per_referrer: float, tiers: tuple[ReferralTier, ...] = REFERRAL_TIERS
) -> float:
    """Expected reward cost per successful referral: Σ_k P(N ≥ n_k)·c_k / E[N], N ~ Poisson(m).

    ``referrals_per_referrer`` m = mean successful referrals a member makes over their lifetime
    (count); ``tiers`` reward thresholds n_k with costs c_k (yuan). [ASSUMPTIONS: referral counts
    across members are Poisson with mean m; tiers are cumulative (a member reaching 5 also got the
    oil at 2) and each is paid once.] Returns yuan/referral; 0 when m = 0.
    """
    m = float(referrals_per_referrer)
    if not (math.isfinite(m) and m >= 0.0):
        raise ValueError("referrals_per_referrer must be finite and non-negative")
    if m == 0.0:
        return 0.0
    cost = sum(float(poisson.sf(t.referrals - 1, m)) * t.gift_cost for t in tiers)
    return cost / m


def referral_reward_cost(
    referrals: ArrayLike,
    *,
    referrals_per_referrer: float,
    tiers: tuple[ReferralTier, ...] = REFERRAL_TIERS,
) -> FloatArray:
    """Expected referral reward cost per day = referrals_t × ``reward_cost_per_referral(m)``.

    [ASSUMPTION, steady-state approximation: a reward is really paid on the day a member crosses a
    threshold; here its expected cost is spread over all referrals in proportion, which is exact in
    the long run for a constant flow but smooths the timing.] ``referrals`` successful
    referrals/day (scalar or (..., T)); ``referrals_per_referrer`` count; returns yuan/day.
    """
    r = np.asarray(referrals, dtype=float)
    if np.any(r < 0.0):
        raise ValueError("referrals per day must be non-negative")
    return r * reward_cost_per_referral(referrals_per_referrer, tiers)


# ============================================================================ 6. member day (会员日)

#: u_day: members' repeat hazard on the member day is × (1 + u_day) [ASSUMPTION, MODEL §5.8].
MEMBER_DAY_UPLIFT = 1.0


def member_day_multiplier(mask: ArrayLike, uplift: float = MEMBER_DAY_UPLIFT) -> FloatArray:
    """Members' repeat-hazard multiplier per day: 1 + u_day·mask_t (MODEL §5.8).

    ``mask`` 0/1 per day (``membership.member_day_mask``: the member day of each calendar
    month); ``uplift`` u_day ≥ 0 [ASSUMPTION 1.0]. The
    pull-forward debt of §5.11 applies to the extra orders (the engine's job).
    """
    return 1.0 + uplift * np.asarray(mask, dtype=float)
