"""The engine: wires the steps of the daily chain and repeats it under the ratings' feedback.

Daily chain (MODEL.md §3.1, §10b): traffic → price → service queue → conversion (inquiry +
silent paths) → payment (催付) → basket (AOV, units) → repeat engine → totals → fulfilment
backlog → ratings and DSR windows → money. Each mechanism is a typed step of ``simulator.steps``
(keyword inputs, a frozen dataclass of daily arrays out); ``_run`` wires one pass of them. The
ratings act back on conversion, on the campaign gate and on the new buyers' repurchase with a lag
of at least a day (§7.7); the chain runs again under the feedback of the previous pass until that
feedback stops moving (a fixed point, reached in a few passes; ``Result.feedback_passes``). The
daily table is read from the last pass's steps through one declared table, ``COLUMNS``.

Mean mode (the only mode so far) is deterministic, without noise: every daily array has shape
(T,). A Monte Carlo over P paths of parameter draws (``run_paths``) runs the same steps on all
paths at once, (P, T) arrays (``simulator.steps`` docstring, ``simulator.batch``), or path by
path where ``batch_refusal`` says why (``_run_paths_loop``, the reference the batch is tested
against).

Calibration follows MODEL.md §10c: the *reference* scenario (the store as measured today; by
default the plan itself) fixes the silent-path conversion, the pay rate the inquiry figures were
measured under, the old-customer base (warm start) and the BG/NBD scale α. The *plan*'s values act
as levers from day 0. So ``simulate(plan, reference=baseline)`` answers "what changes from today",
and ``simulate(plan)`` describes a store that has always run like the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from . import finance, membership, montecarlo, quality, steps
from .batch import Batch, Ragged, stack
from .calendar import calendar_dates
from .errors import ModelError
from .funnel import new_placed_conversion, payment_rates, safe_ratio, silent_conversion
from .promotions import voucher_specs
from .registry import CR_WARN
from .repurchase import calibrate_alpha, calibrate_alpha_paths, maturity_growth
from .scenario import Scenario
from .traffic import TrafficDays, gated, traffic_days

#: The ratings feed back into sales with a lag; passes of the whole chain repeat until the
#: feedback moves by less than FEEDBACK_TOL (geometric for the default loadings; MODEL.md §7.7).
MAX_FEEDBACK_PASSES = 60
FEEDBACK_TOL = 1e-10
event_days = quality.event_days


@dataclass(frozen=True)
class Chain:
    """One pass of the daily chain: what every step returned (daily arrays of shape (T,))."""

    day: np.ndarray
    feedback: quality.Feedback  # the ratings' feedback this pass ran under
    traffic: TrafficDays
    service: steps.Service
    funnel: steps.Funnel
    referral: steps.Referral
    repeat: steps.Repeat
    pull_forward: steps.PullForward
    orders: steps.Orders
    vouchers: steps.Vouchers
    visits: steps.Visits
    basket: steps.Basket
    members: steps.Members
    shipping: steps.Shipping
    promotions: steps.PromotionCosts
    marketing: steps.Marketing
    fulfilment: steps.Fulfilment
    money: steps.Money
    ratings: quality.QualityDays


@dataclass(frozen=True)
class Ratio:
    """A daily column read as ``num ÷ den`` (0 where ``den`` is 0), both paths into a Chain."""

    num: str
    den: str


#: Result.daily's columns, in order (CONTRACT.md lists the required ones): name → where in a
#: ``Chain`` it is read (an attribute path, ``[key]`` for a dict entry) or a ``Ratio`` of two.
COLUMNS: tuple[tuple[str, str | Ratio], ...] = (
    ("day", "day"),
    ("uv", "visits.uv"),
    ("uv_organic", "traffic.organic"),
    ("uv_paid", "traffic.paid"),
    ("uv_search", "traffic.search"),
    ("uv_display", "traffic.display"),
    ("uv_affiliate", "traffic.affiliate"),
    ("uv_campaign", "traffic.campaign"),
    ("uv_returning", "visits.uv_returning"),
    ("inquiries", "service.inquiries"),
    ("orders_placed", "visits.placed"),
    ("orders_paid", "visits.orders"),
    ("orders_new", "visits.orders_new"),
    ("orders_repeat", "visits.orders_repeat"),
    ("conversion_rate", Ratio("visits.orders", "visits.uv")),
    ("conversion_rate_new", Ratio("visits.orders_new", "visits.uv")),
    ("pay_rate", Ratio("visits.orders", "visits.placed")),
    ("aov", Ratio("basket.gmv", "visits.orders")),
    ("aov_new", "basket.aov_new"),
    ("aov_repeat", "basket.aov_repeat"),
    ("units_per_order", Ratio("basket.units", "visits.orders")),
    ("gmv", "basket.gmv"),
    ("gmv_new", "basket.gmv_new"),
    ("gmv_repeat", "basket.gmv_repeat"),
    ("gmv_list", "basket.gmv_list"),
    ("discount_cost", "basket.discount_cost"),
    ("uv_value", Ratio("basket.gmv", "visits.uv")),
    ("old_customer_share", Ratio("visits.orders_repeat", "visits.orders")),
    ("price_index", Ratio("basket.gmv", "basket.gmv_list")),
    ("traffic_quality", Ratio("traffic.weighted", "visits.uv_sources")),
    ("shipping_fee_income", "money.pnl.shipping_fee_income"),
    ("refunds", "money.pnl.refunds"),
    ("cancellation_refunds", "money.pnl.cancellation_refunds"),
    ("net_sales", "money.pnl.net_sales"),
    ("cogs", "money.pnl.cogs"),
    ("shipping_cost", "money.pnl.shipping_cost"),
    ("late_compensation", "money.pnl.late_compensation"),
    ("platform_fee", "money.pnl.platform_fee"),
    ("service_cost", "money.pnl.service_cost"),
    ("ad_spend", "money.pnl.ad_spend"),
    ("affiliate_commission", "money.pnl.affiliate_commission"),
    ("campaign_cost", "money.pnl.campaign_cost"),
    ("reminder_cost", "money.pnl.reminder_cost"),
    ("marketing_cost", "money.pnl.marketing"),
    ("profit", "money.pnl.profit"),
    ("promotion_cost", "promotions.total"),
    ("promotion_goods_cost", "basket.goods_cost"),
    ("free_shipping_cost", "shipping.free_shipping_cost"),
    ("voucher_cost", "vouchers.cost"),
    ("pull_forward_repay", "pull_forward.repay"),
    ("pull_forward_offset", "pull_forward.offset"),
    ("pull_forward_debt", "pull_forward.debt"),
    ("orders_referred", "referral.orders"),
    ("orders_members", "members.orders"),
    ("members", "members.schemes.members"),
    ("membership_fee_cash", "members.schemes.fee_cash"),
    ("membership_fee_revenue", "members.schemes.fee_revenue"),
    ("membership_fee_deferred", "members.schemes.fee_deferred"),
    ("member_price_cost", "basket.member_price_cost"),
    ("points_expense", "members.schemes.points_expense"),
    ("points_liability", "members.schemes.points_liability"),
    ("card_holders", "members.schemes.card_holders"),
    ("card_sales", "members.schemes.card_cash"),
    ("card_revenue", "members.schemes.card_revenue"),
    ("card_free_orders", "members.schemes.card_free_orders"),
    ("card_deferred_revenue", "members.schemes.card_deferred"),
    ("stored_value_topups", "members.schemes.stored_value_topups"),
    ("stored_value_spent", "members.schemes.stored_value_spent"),
    ("stored_value_breakage", "members.schemes.stored_value_breakage"),
    ("stored_value_liability", "members.schemes.stored_value_liability"),
    ("stored_value_gift_cost", "members.schemes.stored_value_gifts"),
    ("referral_reward_cost", "members.schemes.referral_rewards"),
    ("outreach_cost", "members.schemes.outreach_cost"),
    ("loyalty_cost", "members.schemes.cost"),
    ("cash", "money.cash"),
    ("agents", "service.desk.agents"),
    ("response_time_s", "service.desk.response_time_s"),
    ("service_factor", "service.desk.factor"),
    ("inquiry_conversion_factor", "service.conversion_factor"),
    ("saturated_hours", "service.desk.saturated_hours"),
    ("auto_reply_share", "service.desk.unstaffed_share"),
    ("dispatch_capacity", "fulfilment.days.capacity"),
    ("dispatched", "fulfilment.days.dispatched"),
    ("backlog", "fulfilment.days.backlog"),
    ("dispatch_delay_days", "fulfilment.days.delay_days"),
    ("late_rate", "fulfilment.late_rate"),
    ("orders_late", "fulfilment.orders_late"),
    ("orders_damaged", "fulfilment.orders_damaged"),
    ("orders_cancelled", "fulfilment.days.cancelled"),
    ("ratings", "ratings.windows[service].arrivals"),
    ("incident_description", "ratings.incident[description]"),
    ("incident_service", "ratings.incident[service]"),
    ("incident_logistics", "ratings.incident[logistics]"),
    ("dsr_description", "ratings.windows[description].score"),
    ("dsr_service", "ratings.windows[service].score"),
    ("dsr_logistics", "ratings.windows[logistics].score"),
    ("dsr_mean", "ratings.dsr_mean"),
    ("dsr_description_vs_industry", "ratings.relative[description]"),
    ("dsr_service_vs_industry", "ratings.relative[service]"),
    ("dsr_logistics_vs_industry", "ratings.relative[logistics]"),
    ("negative_share", "ratings.negative_share"),
    ("dsr_conversion_factor", "feedback.conversion"),
    ("campaign_gate", "feedback.gate"),
)
#: Result.daily columns, in order.
DAILY_COLUMNS = tuple(name for name, _ in COLUMNS)

_STEP = re.compile(r"(\w+)(?:\[(\w+)\])?$")


def _reader(path: str) -> Callable[[Any], Any]:
    """A function reading ``path`` (``a.b[key].c``) from a Chain."""
    parts = [_STEP.match(p).groups() for p in path.split(".")]  # type: ignore[union-attr]

    def read(obj: Any) -> Any:
        for attr, key in parts:
            obj = getattr(obj, attr)
            if key is not None:
                obj = obj[key]
        return obj

    return read


def _column(source: str | Ratio) -> Callable[[Chain], Any]:
    if isinstance(source, Ratio):
        num, den = _reader(source.num), _reader(source.den)
        return lambda chain: safe_ratio(num(chain), den(chain))
    return _reader(source)


_READERS = tuple((name, _column(source)) for name, source in COLUMNS)


def daily_arrays(chain: Chain, horizon: int, paths: int | None = None) -> dict[str, np.ndarray]:
    """The daily columns of one pass, each a float array of shape (T,) (of a batch of
    ``paths`` paths: (P, T))."""
    shape = (horizon,) if paths is None else (paths, horizon)
    out = {}
    for name, read in _READERS:
        a = np.asarray(read(chain))
        if a.dtype.kind != "i":  # the day number stays an integer
            a = a.astype(float, copy=False)
        out[name] = a if a.shape == shape else np.broadcast_to(a, shape).copy()
    return out


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
    paths: int = 1  # Monte Carlo paths (1: the deterministic run only)
    seed: int | None = None  # the Monte Carlo's seed (None when paths == 1)
    draws: pd.DataFrame | None = None  # one row per path, columns = the totals keys
    path_daily: Mapping[str, np.ndarray] = field(default_factory=dict)  # BAND_COLUMNS, (P, T)
    redrawn_paths: int = 0  # paths whose first draw a cross-field rule refused (drawn again)

    def bands(self, measures: Sequence[str], q: Sequence[float] = (0.1, 0.5, 0.9)) -> pd.DataFrame:
        """Daily quantiles of ``measures`` over the paths: index ``day``, columns (measure, q).

        With one path (or none kept for a measure), every quantile is the deterministic column.
        """
        qs = tuple(float(x) for x in q)
        if any(not 0.0 <= x <= 1.0 for x in qs):
            raise ModelError("mc_quantile", f"quantiles must lie in [0, 1], got {qs}",
                             q=", ".join(f"{x:g}" for x in qs))  # fmt: skip
        cols: dict[tuple[str, float], np.ndarray] = {}
        for m in measures:
            if m not in self.daily.columns or m in ("day", "date"):
                raise ModelError("mc_measure", f"no daily column {m!r} to give a range for",
                                 units={"measure": "measure"}, measure=m)  # fmt: skip
            arr = self.path_daily.get(m)
            if arr is None or self.paths <= 1:
                for x in qs:
                    cols[(m, x)] = self.daily[m].to_numpy(dtype=float)
                continue
            got = np.quantile(arr, qs, axis=0)
            for x, row in zip(qs, got, strict=True):
                cols[(m, x)] = row
        out = pd.DataFrame(cols, index=self.daily["day"].to_numpy())
        out.index.name = "day"
        out.columns = pd.MultiIndex.from_tuples(cols.keys(), names=["measure", "q"])
        return out


def _odds(s: float) -> float:
    return s / (1.0 - s)


def calibrate(plan: Scenario, reference: Scenario, alpha: float | None = None) -> Calibration:
    """The calibration of ``plan`` on ``reference`` (MODEL.md §10c). ``alpha``: α for the
    reference's old-customer share under the plan's shapes when already solved (a batch of
    paths solves them at once, ``repurchase.calibrate_alpha_paths``); None solves it here."""
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

    alpha = alpha_for(s_ref) if alpha is None else alpha
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


@dataclass(frozen=True)
class Setup:
    """What stays fixed over the feedback passes: calibration, the priced plan, the ungated
    traffic, the event days, the offers, payment, the repeat kernel and the service desks."""

    scenario: Scenario  # as given (offers for members read its stated rates)
    plan: Scenario  # with the membership prices' uptake (membership.priced)
    reference: Scenario
    calibration: Calibration
    traffic: TrafficDays
    events: np.ndarray
    offers: steps.Offers
    payment: steps.Payment
    kernel: steps.Kernel
    desks: steps.Desks
    repeat_prep: membership.RepeatPrep  # the repeat engine's parts no pass changes


def setup(scenario: Scenario, reference: Scenario, alpha: float | None = None) -> Setup:
    """Calibrate on ``reference`` and set up the steps that do not depend on the feedback
    (``alpha``: the calibration's α if already solved, ``calibrate``)."""
    cal = calibrate(scenario, reference, alpha)
    # The scheme prices set the plan's enrolment and card uptake (membership.priced).
    plan = membership.priced(scenario, reference, cal.alpha_days)
    traffic = traffic_days(plan, reference)
    events = event_days(plan)
    payment = steps.payment_step(plan=plan)
    inquiry_share = safe_ratio(
        plan.funnel.inquiry_rate * plan.funnel.inquiry_conversion, cal.new_placed_conversion
    )
    prep = membership.repeat_prep(plan, reference, plan.horizon_days, cal.age_days, cal.alpha_days)
    return Setup(
        scenario=scenario, plan=plan, reference=reference, calibration=cal, traffic=traffic,
        events=events, offers=steps.offers_step(scenario=scenario, plan=plan, reference=reference),
        payment=payment,
        kernel=steps.kernel_step(
            plan=plan, alpha_days=cal.alpha_days, repeat_multiplier=cal.repeat_multiplier,
            pay_rate=payment.pay_rate, pay_rate_reference=cal.pay_rate_reference,
            daily=prep.delta if prep.repeat_buying else None,
        ),
        desks=steps.desks_step(
            plan=plan, reference=reference, open_traffic=traffic, events=events,
            inquiry_share=inquiry_share,
        ),
        repeat_prep=prep,
    )  # fmt: skip


def _call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def _run(s: Setup, fb: quality.Feedback, step: Callable[..., Any] = _call) -> Chain:
    """One pass of the daily chain under the feedback ``fb`` of the ratings; ``step(fn, **kw)``
    calls each step (a batch of paths runs some of them path by path, ``_run_paths_batched``)."""
    plan, ref, cal, offers, kernel = s.plan, s.reference, s.calibration, s.offers, s.kernel
    pay_rate = s.payment.pay_rate
    history = {"history_buyers": cal.history_buyers_per_day, "age_days": cal.age_days}
    tr = step(gated, s.traffic, plan, fb.gate)
    service = step(steps.service_step, plan=plan, traffic=tr, gate=fb.gate, desks=s.desks)
    funnel = step(
        steps.funnel_step, traffic=tr, new_placed_conversion=cal.new_placed_conversion,
        offers=offers, pay_rate=pay_rate, service_factor=service.conversion_factor,
        dsr_conversion=fb.conversion,
    )  # fmt: skip
    referral = step(steps.referral_step, plan=plan, reference=ref, new_buyers=funnel.new_gross,
                    **history)  # fmt: skip
    repeat = step(
        steps.repeat_step, plan=plan, reference=ref, new_gross=funnel.new_gross,
        referred=referral.added, cohort_weight=fb.cohort_weight, alpha_days=cal.alpha_days,
        offers=offers, kernel=kernel, prep=s.repeat_prep, **history,
    )  # fmt: skip
    pull = step(
        steps.pull_forward_step, plan=plan, new_gross=funnel.new_gross, repeat_gross=repeat.gross,
        offers=offers, member_day=repeat.levers.member_day,
    )  # fmt: skip
    orders = step(steps.orders_step, funnel=funnel, repeat=repeat, referred=referral.added,
                  repay=pull.repay, kernel=kernel)  # fmt: skip
    vouchers = step(steps.voucher_step, plan=plan, orders_new=orders.new, kernel=kernel,
                    offers=offers)  # fmt: skip
    visits = step(steps.visits_step, plan=plan, traffic=tr, orders=orders, vouchers=vouchers,
                  pay_rate=pay_rate)  # fmt: skip
    basket = step(steps.basket_step, plan=plan, offers=offers, levers=repeat.levers,
                  visits=visits, voucher_cost=vouchers.cost)  # fmt: skip
    members = step(
        steps.members_step, plan=plan, reference=ref, visits=visits, orders=orders,
        referral=referral, member_share=repeat.member_share, basket=basket, **history,
    )  # fmt: skip
    shipping = step(steps.shipping_step, plan=plan, offers=offers, visits=visits,
                    card_free_orders=members.schemes.card_free_orders)  # fmt: skip
    marketing = step(steps.marketing_step, plan=plan, traffic=tr, gmv_new=basket.gmv_new,
                     placed=visits.placed, payment=s.payment)  # fmt: skip
    fulfilment = step(steps.fulfilment_step, plan=plan, orders=visits.orders, gmv=basket.gmv,
                      events=s.events)  # fmt: skip
    promotions = step(steps.promotion_cost_step, plan=plan, offers=offers, visits=visits,
                      vouchers=vouchers)  # fmt: skip
    money = step(
        steps.money_step, plan=plan, basket=basket, visits=visits, shipping=shipping,
        marketing=marketing, members=members, desk=service.desk, fulfilment=fulfilment,
    )  # fmt: skip
    ratings = step(
        steps.ratings_step, plan=plan, reference=ref, visits=visits, basket=basket,
        desks=s.desks, desk=service.desk, fulfilment=fulfilment,
    )  # fmt: skip
    return Chain(
        day=np.arange(plan.horizon_days), feedback=fb, traffic=tr, service=service,
        funnel=funnel, referral=referral, repeat=repeat, pull_forward=pull, orders=orders,
        vouchers=vouchers, visits=visits, basket=basket, members=members, shipping=shipping,
        promotions=promotions, marketing=marketing, fulfilment=fulfilment, money=money,
        ratings=ratings,
    )  # fmt: skip


def feedback_passes(s: Setup) -> tuple[Chain, int, bool]:
    """Run the chain until the ratings' feedback settles: (last pass, passes, converged)."""
    fb = quality.Feedback.neutral(s.plan.horizon_days)
    passes = 0
    while True:
        passes += 1
        chain = _run(s, fb)
        nxt = chain.ratings.feedback
        if nxt.distance(fb) <= FEEDBACK_TOL:
            return chain, passes, True
        if passes >= MAX_FEEDBACK_PASSES:
            return chain, passes, False
        fb = nxt


def simulate(
    scenario: Scenario,
    *,
    reference: Scenario | None = None,
    paths: int = 1,
    seed: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> Result:
    """Simulate ``scenario`` day by day: the deterministic run, and a Monte Carlo over paths.

    Parameters
    ----------
    scenario : the plan to simulate.
    reference : the store as measured today, whose numbers calibrate the funnel and the
        old-customer base (MODEL.md §10c). Defaults to ``scenario`` itself.
    paths : 1 (default): the deterministic run only, exactly as before. N > 1: also N paths of
        parameter draws (``simulator.montecarlo``, MODEL.md §9.2): ``Result.draws`` (one row of
        totals per path), ``Result.bands`` (daily quantiles). ``Result.daily`` and
        ``Result.totals`` stay the deterministic run.
    seed : the draws' seed (default 0). The same seed and path count give the same draws, and a
        plan and its baseline simulated with the same seed share them (common random numbers).
    progress : called with the share of paths done (0…1), for a progress bar.
    """
    ref = reference if reference is not None else scenario
    montecarlo.check_paths(paths, seed)
    central = _simulate_one(scenario, ref)
    if paths == 1:
        return central
    seed = 0 if seed is None else int(seed)
    u = montecarlo.uniforms(paths, seed)
    runs = run_paths(scenario, ref, u, seed, progress=progress)
    return replace(central, paths=paths, seed=seed, draws=runs.totals, path_daily=runs.daily,
                   redrawn_paths=runs.redrawn)  # fmt: skip


@dataclass(frozen=True)
class PathRuns:
    """The runs of one scenario over paths of parameter draws."""

    totals: pd.DataFrame  # one row per path (index "path"), columns = the totals keys
    daily: Mapping[str, np.ndarray]  # montecarlo.BAND_COLUMNS → (paths, days)
    redrawn: int  # paths whose first draw a cross-field rule refused (drawn again)
    #: (paths,) bool: the row's first draw (of the plan or of its reference) was refused by a
    #: cross-field rule and drawn again (sensitivity reads which rows moved off their design)
    refused: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def run_paths(
    scenario: Scenario,
    reference: Scenario,
    u: np.ndarray,
    seed: int,
    *,
    only: Collection[str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> PathRuns:
    """Run ``scenario`` calibrated on ``reference`` under the draws at uniforms ``u``.

    ``u``: (paths, len(montecarlo.DIMENSIONS)) uniforms in (0, 1), column j for the j-th
    registry path. ``only``: draw just these registry paths; every other parameter keeps its
    scenario value (sensitivity analysis: one parameter at a time, or a few in a Sobol design).
    The reference is drawn with the same uniforms (common random numbers); when it is the
    scenario itself, each path calibrates on its own draw.
    """
    dp = montecarlo.draw(scenario, u, seed, only=only)
    dr = dp if reference is scenario else montecarlo.draw(reference, u, seed, only=only)
    if not dp.slots and not dr.slots:  # nothing uncertain: every path is the central run
        first = slice(0, 1)
        one = _run_paths_loop(scenario, reference, dp.take(first), dr.take(first), progress=None)
        rows = np.zeros(dp.paths, dtype=int)
        if progress is not None:
            progress(1.0)
        return replace(one, totals=one.totals.iloc[rows].reset_index(drop=True).rename_axis("path"),
                       daily={c: a[rows] for c, a in one.daily.items()},
                       refused=np.zeros(dp.paths, dtype=bool))  # fmt: skip
    if batch_refusal(dp, dr) is not None:
        return _run_paths_loop(scenario, reference, dp, dr, progress=progress)
    parts = []
    for start in range(0, dp.paths, BATCH_PATHS):  # in batches that stay in the cache
        rows = slice(start, start + BATCH_PATHS)
        p, r = dp.take(rows), dr.take(rows)

        def part(f: float, done: int = start, n: int = p.paths) -> None:
            if progress is not None:
                progress((done + f * n) / dp.paths)

        try:
            parts.append(_run_paths_batched(scenario, reference, p, r, progress=part))
        except Ragged:  # the paths' setups branch apart (batch.Ragged says where): one by one
            parts.append(_run_paths_loop(scenario, reference, p, r, progress=part))
    return _joined(parts, max(dp.redrawn, dr.redrawn))


#: Paths one batch runs at once: larger batches run slower per path on this machine (their
#: (P, days, stars) arrays no longer fit the cache; 1,000 paths at once took 25 % longer).
BATCH_PATHS = 128


def _joined(parts: Sequence[PathRuns], redrawn: int) -> PathRuns:
    """Consecutive batches' runs as one (paths renumbered from 0)."""
    if len(parts) == 1:
        return parts[0]
    totals = pd.concat([p.totals for p in parts], ignore_index=True).rename_axis("path")
    daily = {c: np.concatenate([p.daily[c] for p in parts]) for c in parts[0].daily}
    return PathRuns(totals=totals, daily=daily, redrawn=redrawn,
                    refused=np.concatenate([p.refused for p in parts]))  # fmt: skip


#: Whole-number parameters a batch may draw (the chain reads them as real numbers).
BATCH_INTS = frozenset({"repeat.lifetime_days"})


def batch_refusal(dp: montecarlo.Draws, dr: montecarlo.Draws) -> str | None:
    """Why these paths cannot run as one batch (``_run_paths_loop`` then runs them one by one),
    or None. A batch may draw whole numbers only where the chain reads them as real numbers
    (``BATCH_INTS``), not as counts or days that shape arrays (agents, hours, lags, event
    days); and a horizon of at least two days (``simulator.batch``)."""
    horizon = dp.base.horizon_days
    if horizon < 2:  # a path's number (P, 1) and its days (P, T) would look alike
        return f"{horizon} day: a batch tells a number from a day's values by the day axis"
    for d in (dp, dr):
        counts = sorted({sl.param for sl in d.slots
                         if montecarlo.PARAMS[sl.param].kind == "int"} - BATCH_INTS)  # fmt: skip
        if counts:
            return f"draws whole numbers the chain counts with: {', '.join(counts)}"
        mixtures = sorted(sl.param for sl in d.slots if sl.param.startswith("dsr.initial."))
        if mixtures:  # each initial score picks its star mixture by a branch (dsr.mixture_for)
            return f"draws initial scores that pick the star mixtures: {', '.join(mixtures)}"
    return None


#: Steps that run on the whole batch at once ((P, T) arrays); every other step of ``_run`` runs
#: path by path inside the batch (``Batch.per_path``).
VECTORISED: frozenset[Callable[..., Any]] = frozenset({
    gated, steps.service_step, steps.funnel_step, steps.repeat_step, steps.ratings_step, steps.pull_forward_step, steps.orders_step,
    steps.visits_step, steps.basket_step, steps.shipping_step, steps.promotion_cost_step,
    steps.marketing_step, steps.money_step,
})  # fmt: skip


class _BatchDesks(steps.Desks):
    """The service desks of a batch: each path's own ``Desks`` (one Erlang C desk per gate
    pattern and staffing), stacked for the gates the batch asks for. (``service_days`` on all
    paths at once computed the same numbers but slower: the Poisson terms of 24 hours × T days
    × P paths cost the same per element either way, and one large batch runs out of cache.)"""

    def __init__(self, per_path: Sequence[steps.Desks], plan: Scenario, batch: Batch) -> None:
        super().__init__(plan, stack([d.events for d in per_path]),
                         stack([d.inquiry_share for d in per_path]),
                         stack([d.reference_factor for d in per_path]))  # fmt: skip
        object.__setattr__(self, "path_rows", tuple(per_path))
        object.__setattr__(self, "batch", batch)

    def desk(self, gate: np.ndarray, inquiries: np.ndarray) -> steps.ServiceDays:
        key = gate.tobytes()
        if key not in self.by_gate:
            self.by_gate[key] = stack([d.desk(g, i) for d, g, i in zip(
                self.path_rows, gate, inquiries, strict=True)], self.batch)  # fmt: skip
        return self.by_gate[key]

    def take_paths(self, sub: Batch) -> _BatchDesks:
        """These desks for the paths of ``sub`` (a part of this batch: ``Batch.take``)."""
        return _BatchDesks([self.path_rows[i] for i in sub.idx], sub.subset(self.plan), sub)


def _plain_membership(*scenarios: Scenario) -> bool:
    """A free membership and no other scheme on every side: the membership ledgers are the
    members in force alone, which a batch computes on all paths at once (paid terms, points,
    cards, stored value, referral and outreach run path by path)."""
    ms = [s.membership for s in scenarios]
    return all(m.fee == 0 and not (m.points.enabled or m.card.enabled or m.stored_value.enabled
                                   or m.referral.enabled or m.outreach.enabled) for m in ms)  # fmt: skip


def _batched_plan(draws: montecarlo.Draws, plans: Sequence[Scenario]) -> Scenario:
    """The batch's priced plan: the drawn values (P, 1), and the membership uptake each path's
    prices set (``membership.priced``)."""
    b = draws.batched()
    e = np.array([p.membership.enrollment_rate for p in plans], dtype=float)[:, None]
    c = np.array([p.membership.card.uptake for p in plans], dtype=float)[:, None]
    ms = b.membership
    card = ms.card.model_copy(update={"uptake": c})
    return b.model_copy(update={"membership": ms.model_copy(update={"enrollment_rate": e,
                                                                     "card": card})})  # fmt: skip


def _batch_alphas(plans: Sequence[Scenario], refs: Sequence[Scenario]) -> np.ndarray:
    """The calibration's α of every path at once (``calibrate``'s first root: the reference's
    old-customer share under the plan's BG/NBD shapes, ``repurchase.calibrate_alpha_paths``),
    each distinct problem once; NaN where ``calibrate`` solves it alone (also every path when
    the draws leave it to a few problems, ``ALPHA_ALONE``)."""
    rows = np.array([(r.funnel.old_customer_share, r.store.age_days, p.repeat.r, p.repeat.a,
                      p.repeat.b, p.repeat.lifetime_days) for p, r in zip(plans, refs, strict=True)],
                    dtype=float)  # fmt: skip
    distinct, at = np.unique(rows, axis=0, return_inverse=True)
    if len(distinct) <= ALPHA_ALONE:  # draws that leave α alone (sensitivity): the cached root
        return np.full(len(rows), np.nan)
    return calibrate_alpha_paths(*distinct.T)[at.reshape(-1)]


#: At most this many distinct α problems in a batch are solved one by one (``calibrate_alpha``,
#: whose cache already holds the deterministic run's): fewer than a vector of them costs.
ALPHA_ALONE = 4


def _batch_setup(
    scenario: Scenario, reference: Scenario, dp: montecarlo.Draws, dr: montecarlo.Draws,
    progress: Callable[[float], None] | None,
) -> tuple[Setup, Batch]:  # fmt: skip
    """Each path set up on its own (``setup``), its calibration's α solved for all paths at once
    (``_batch_alphas``), stacked into one Setup whose scenarios hold (P, 1) draws."""
    same = reference is scenario
    plans = dp.scenarios
    refs = plans if same else dr.scenarios
    alphas = _batch_alphas(plans, refs)
    setups = []
    for k, (p, r) in enumerate(zip(plans, refs, strict=True)):
        setups.append(setup(p, p if same else r, None if np.isnan(alphas[k]) else alphas[k]))
        if progress is not None:
            progress(0.5 * (k + 1) / dp.paths)
    given = dp.batched()
    ref_b = given if same else dr.batched()
    plan_b = given if same else _batched_plan(dp, [s.plan for s in setups])
    batch = Batch(dp.paths, {id(given): plans, id(ref_b): refs,
                             id(plan_b): [s.plan for s in setups]})  # fmt: skip
    sb = Setup(
        scenario=given, plan=plan_b, reference=ref_b,
        calibration=stack([s.calibration for s in setups]),
        traffic=stack([s.traffic for s in setups]), events=stack([s.events for s in setups]),
        offers=stack([s.offers for s in setups]), payment=stack([s.payment for s in setups]),
        kernel=stack([s.kernel for s in setups]),
        desks=_BatchDesks([s.desks for s in setups], plan_b, batch),
        repeat_prep=stack([s.repeat_prep for s in setups]),
    )  # fmt: skip
    return sb, batch


def _run_paths_batched(
    scenario: Scenario, reference: Scenario, dp: montecarlo.Draws, dr: montecarlo.Draws, *,
    progress: Callable[[float], None] | None = None,
) -> PathRuns:  # fmt: skip
    """``run_paths`` with the daily chain run on all paths at once: the setups stacked
    (``_batch_setup``), each pass of the chain on (P, T) arrays (the steps of ``VECTORISED``;
    the others path by path), passes repeated until every path's feedback has settled; a path
    keeps the pass it settled in, as when run alone (``feedback_passes``)."""
    paths, horizon = dp.paths, scenario.horizon_days
    sb, batch = _batch_setup(scenario, reference, dp, dr, progress)

    vectorised = VECTORISED | (  # post-purchase vouchers price each path's basket on its own
        set() if voucher_specs(scenario, horizon) else {steps.voucher_step}
    ) | (  # no referral scheme on either side: no referred buyers, on every path alike
        set() if scenario.membership.referral.enabled or reference.membership.referral.enabled
        else {steps.referral_step}
    ) | ({steps.members_step} if _plain_membership(scenario, reference) else set())  # fmt: skip
    kept: dict[str, np.ndarray] = {}
    active = np.arange(paths)  # the paths whose feedback has not settled yet
    fb = quality.Feedback(*(np.ones((paths, horizon)) for _ in range(3)))
    passes = 0
    while True:
        passes += 1

        def step(fn: Callable[..., Any], *args: Any, b: Batch = batch, **kwargs: Any) -> Any:
            return (fn if fn in vectorised else b.per_path(fn))(*args, **kwargs)

        chain = _run(sb, fb, step)
        nxt = chain.ratings.feedback
        moved = np.concatenate([nxt.conversion - fb.conversion, nxt.gate - fb.gate,
                                nxt.cohort_weight - fb.cohort_weight], axis=-1)  # fmt: skip
        settle = (np.max(np.abs(moved), axis=-1) <= FEEDBACK_TOL) | (passes >= MAX_FEEDBACK_PASSES)
        if settle.any():
            for c, a in daily_arrays(chain, horizon, len(active)).items():
                kept.setdefault(c, np.empty((paths, horizon), dtype=a.dtype))[active[settle]] = a[
                    settle
                ]
        if settle.all():
            break
        # the paths still moving run the next pass on their own
        batch = batch.take(np.flatnonzero(~settle))
        sb, fb, active = batch.subset(sb), batch.subset(nxt), active[~settle]
    if progress is not None:
        progress(1.0)
    totals = [_totals({c: a[k] for c, a in kept.items()}) for k in range(paths)]
    draws = pd.DataFrame.from_records(totals)
    draws.index.name = "path"
    return PathRuns(totals=draws, daily={c: kept[c] for c in montecarlo.BAND_COLUMNS},
                    redrawn=max(dp.redrawn, dr.redrawn), refused=dp.refused | dr.refused)  # fmt: skip


def _run_paths_loop(
    scenario: Scenario, reference: Scenario, dp: montecarlo.Draws, dr: montecarlo.Draws, *,
    progress: Callable[[float], None] | None = None,
) -> PathRuns:  # fmt: skip
    """The reference implementation of ``run_paths``: each path's scenario through the whole
    daily chain (setup, feedback passes, daily arrays), one path after the other."""
    paths = dp.paths
    totals: list[Mapping[str, float]] = []
    kept = {c: np.empty((paths, scenario.horizon_days)) for c in montecarlo.BAND_COLUMNS}
    for k, (plan_k, ref_k) in enumerate(zip(dp.scenarios, dr.scenarios, strict=True)):
        arrays = _arrays(setup(plan_k, plan_k if reference is scenario else ref_k))
        totals.append(_totals(arrays))
        for c, a in kept.items():
            a[k] = arrays[c]
        if progress is not None:
            progress((k + 1) / paths)
    draws = pd.DataFrame.from_records(totals)
    draws.index.name = "path"
    return PathRuns(totals=draws, daily=kept, redrawn=max(dp.redrawn, dr.redrawn),
                    refused=dp.refused | dr.refused)  # fmt: skip


def _arrays(s: Setup) -> dict[str, np.ndarray]:
    chain, _, _ = feedback_passes(s)
    return daily_arrays(chain, s.plan.horizon_days)


def _simulate_one(scenario: Scenario, reference: Scenario) -> Result:
    """The deterministic run (mean mode, no noise)."""
    s = setup(scenario, reference)
    plan, horizon, offers = s.plan, s.plan.horizon_days, s.offers
    chain, passes, converged = feedback_passes(s)
    # Totals and channels read the arrays, not the DataFrame (pandas per-column overhead would
    # dominate the run time). ``date`` (start_date + day) second, beside ``day``.
    arrays = daily_arrays(chain, horizon)
    dated = {"day": arrays["day"], "date": calendar_dates(plan.start_date, horizon), **arrays}
    fx_new = offers.new
    contrib = finance.order_contribution(plan, fx_new.paid_value, fx_new.list_value,
                                         fx_new.goods_cost)  # fmt: skip
    totals = _totals(arrays)
    return Result(
        scenario=scenario,
        daily=pd.DataFrame(dated, copy=False),
        totals=totals,
        channels=_channels(plan, arrays, chain, contrib, s.payment.recovered_by_reminders),
        calibration=s.calibration,
        warnings=tuple(
            _warnings(plan, s.calibration)
            + (["discount_past_evidence"] if _past_floor(offers.new, offers.repeat) else [])
            + _quality_warnings(plan, arrays, converged)
        ),
        promotion_costs={i: float(c.sum()) for i, c in chain.promotions.by_promo.items()},
        quality=chain.ratings,
        feedback_passes=passes,
        draws=pd.DataFrame([totals], index=pd.RangeIndex(1, name="path")),
    )


def _past_floor(*streams) -> bool:
    """Some day's discount (or reward worth as much) goes deeper than x_floor (price.floor): the
    demand there is held at the floor's, a response the evidence does not reach (§5.1)."""
    return any(fx.past_floor is not None and bool(fx.past_floor.any()) for fx in streams)


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


def _channels(
    plan: Scenario, daily: Mapping[str, np.ndarray], chain: Chain, contrib: np.ndarray,
    recovered_by_reminders: float,
) -> pd.DataFrame:  # fmt: skip
    """ROI of every yuan spent: first-order contribution of the new orders each channel brings."""
    tr, share, camp_share = chain.traffic, chain.marketing.share, chain.marketing.campaign_share
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
