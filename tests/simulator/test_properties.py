"""Properties every valid scenario satisfies (hypothesis over the parameter registry's ranges)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from simulator import (
    PARAMS,
    PRESETS,
    Result,
    Scenario,
    get_param,
    load_preset,
    set_param,
    simulate,
)
from simulator.bridge import PROFIT_LINES
from tests.simulator.strategies import (
    MAX_DAY,
    campaigns,
    floats_in,
    promotion_of,
    repeat_calibration_feasible,
    scenarios,
    without_feedback,
    without_queue,
)
from tests.simulator.test_promotions import _gross_delta_q, finite_horizon_gap

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REL = 1e-9
#: A rounding allowance for sums of monotone terms; no real effect is this small.
MONOTONE_SLACK = 1e-12

#: Daily columns that may be negative: contribution profit (costs can exceed margin) and the DSR
#: against the industry (below the industry mean, seed 000's 低于行业). Every other
#: column (visitors, orders, rates, value, and every money line: net sales, refunds, COGS, fees,
#: costs, discount cost) is a non-negative quantity by construction.
MAY_BE_NEGATIVE_DAILY = frozenset(
    {"profit", "cash", "dsr_description_vs_industry", "dsr_service_vs_industry",
     "dsr_logistics_vs_industry"}
)  # fmt: skip
#: Totals that may be negative: profit and the two ratios built on it.
MAY_BE_NEGATIVE_TOTALS = frozenset({"profit", "profit_margin", "profit_per_marketing_yuan", "cash"})

#: Totals that are profit ÷ another total, and that total.
PROFIT_RATIOS = {"profit_margin": "gmv", "profit_per_marketing_yuan": "marketing_cost"}
#: Below this denominator (yuan over the horizon) a profit ratio may overflow to ±inf.
TINY = 1e-290

organic_uvs = floats_in(PARAMS["traffic.organic_uv"])


@st.composite
def plan_and_reference(draw: st.DrawFn) -> tuple[Scenario, Scenario | None]:
    """A plan alone (self-reference) or a plan with an independently drawn reference."""
    plan = draw(scenarios())
    if not draw(st.booleans()):
        return plan, None
    reference = draw(scenarios(feasible=False))
    return plan, (reference if repeat_calibration_feasible(plan, reference) else None)


def _gmv(sc: Scenario, reference: Scenario | None = None) -> float:
    return simulate(sc, reference=reference).totals["gmv"]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL, abs_tol=1e-9)


# ---------------------------------------------------------------------------- monotonicity
def _steady(sc: Scenario) -> Scenario:
    """``sc`` without chats and without the ratings' feedback. With them, more visitors may sell
    less: on a desk near saturation every chat waits longer (Erlang C has no abandonment, so the
    wait grows without bound until RT_max, and each inquirer converts worse, MODEL.md §6.2), and
    orders beyond the warehouse back up and sink the scores that convert the next visitors
    (§6.8, §7.7). Both are tested on their own in test_service and test_dsr."""
    return without_feedback(without_queue(sc))


@PROPERTY
@given(sc=scenarios(), uvs=st.tuples(organic_uvs, organic_uvs))
def test_more_organic_uv_never_lowers_gmv(sc: Scenario, uvs: tuple[float, float]) -> None:
    """More visitors never sell less — with the service queue and the ratings' feedback set
    aside (``_steady``): both can make more visitors sell less, and do in a real shop."""
    sc = _steady(sc)
    lo, hi = sorted(uvs)
    low, high = set_param(sc, "traffic.organic_uv", lo), set_param(sc, "traffic.organic_uv", hi)
    assert _gmv(high) >= _gmv(low) * (1 - MONOTONE_SLACK)


@PROPERTY
@given(pair=plan_and_reference(), uvs=st.tuples(organic_uvs, organic_uvs))
def test_more_organic_uv_never_lowers_gmv_against_a_fixed_reference(
    pair: tuple[Scenario, Scenario | None], uvs: tuple[float, float]
) -> None:
    plan, reference = pair
    plan = _steady(plan)
    reference = reference if reference is not None else plan
    lo, hi = sorted(uvs)
    low, high = set_param(plan, "traffic.organic_uv", lo), set_param(plan, "traffic.organic_uv", hi)
    assert _gmv(high, reference) >= _gmv(low, reference) * (1 - MONOTONE_SLACK)


# ---------------------------------------------------------------------------- outputs
def _check_outputs(res: Result) -> None:
    dates = res.daily["date"]  # consecutive calendar days from the start date (issue 16)
    assert dates.iloc[0] == pd.Timestamp(res.scenario.start_date)
    assert (dates.diff().iloc[1:] == pd.Timedelta(days=1)).all()
    d = res.daily.drop(columns="date")
    assert len(d) == res.scenario.horizon_days
    values = d.to_numpy(dtype=float)
    bad = [c for c in d.columns if not np.isfinite(d[c].to_numpy(dtype=float)).all()]
    assert np.isfinite(values).all(), f"non-finite columns: {bad}"
    negative = [c for c in d.columns if c not in MAY_BE_NEGATIVE_DAILY and (d[c] < 0).any()]
    assert not negative, f"negative columns: {negative}"
    t = res.totals
    for key, value in t.items():
        if key in PROFIT_RATIOS:
            _check_profit_ratio(value, t["profit"], t[PROFIT_RATIOS[key]], key)
            continue
        assert math.isfinite(value), key
        if key not in MAY_BE_NEGATIVE_TOTALS:
            assert value >= 0, key


def _check_profit_ratio(value: float, profit: float, denominator: float, key: str) -> None:
    """profit ÷ GMV (0 without sales) and profit ÷ marketing (NaN without marketing: undefined)."""
    if denominator == 0:
        assert (value == 0) if key == "profit_margin" else math.isnan(value), key
    elif denominator < TINY:
        # A valid but absurd store (organic_uv or sms_cost ≈ 1e-308) has a denominator ≈ 1e-310
        # yuan and still pays its agents: the true ratio overflows. It must still be the ratio.
        assert value == profit / denominator, key
    else:
        assert math.isfinite(value), key


@PROPERTY
@given(pair=plan_and_reference())
def test_outputs_finite_and_non_negative(pair: tuple[Scenario, Scenario | None]) -> None:
    plan, reference = pair
    _check_outputs(simulate(plan, reference=reference))


@PROPERTY
@given(pair=plan_and_reference())
def test_contract_identities(pair: tuple[Scenario, Scenario | None]) -> None:
    plan, reference = pair
    res = simulate(plan, reference=reference)
    d, t = res.daily, res.totals
    for uv, cr, aov, gmv in zip(d["uv"], d["conversion_rate"], d["aov"], d["gmv"]):
        assert _close(gmv, uv * cr * aov)
    assert (d["orders_paid"] == d["orders_new"] + d["orders_repeat"]).all()
    assert _close(t["gmv"], t["uv"] * t["conversion_rate"] * t["aov"])
    assert _close(t["orders_paid"], t["orders_new"] + t["orders_repeat"])
    # The named ratios are the ratios of the named columns.
    for i in range(len(d)):
        row = d.iloc[i]
        if row["uv"] > 0:
            assert _close(row["conversion_rate"], row["orders_paid"] / row["uv"])
        if row["orders_paid"] > 0:
            assert _close(row["aov"], row["gmv"] / row["orders_paid"])
    assert (d["uv"] >= d["orders_paid"] * (1 - REL)).all()  # every order needs a visit


# ---------------------------------------------------------------------------- round trip
@PROPERTY
@given(sc=scenarios(feasible=False))
def test_json_round_trip_is_exact(sc: Scenario) -> None:
    back = Scenario.model_validate_json(sc.model_dump_json())
    assert back == sc
    assert back.model_dump_json() == sc.model_dump_json()


def test_strategy_explores_the_registry() -> None:
    """Guard against a strategy that silently returns (nearly) the same scenario every time."""
    seen: list[Scenario] = []

    @settings(max_examples=40, deadline=None, database=None)
    @given(sc=scenarios(feasible=False))
    def collect(sc: Scenario) -> None:
        seen.append(sc)

    collect()
    assert len({sc.model_dump_json() for sc in seen}) > 30
    assert len({sc.horizon_days for sc in seen}) > 10
    assert any(sc.promotions for sc in seen) and any(sc.traffic.campaigns for sc in seen)
    assert len({sc.funnel.conversion_rate for sc in seen}) > 2
    assert len({p.kind for sc in seen for p in sc.promotions}) >= 5  # promotions of many kinds


# ---------------------------------------------------------------------------- promotions
@st.composite
def zero_depth_promotions(draw: st.DrawFn, sc: Scenario) -> list[dict]:
    """1–3 promotions of distinct kinds that give nothing away: 0 % off, a 满减 tier of 0 yuan, a
    0-yuan coupon (a voucher with no repeat uplift), a gift worth and costing 0, an add-on worth 0
    (attach rate 0), 第2件 0 % off with no upgrades, a lottery whose prizes are never won. No
    pre-heat: an announced event makes buyers wait whatever it offers."""
    kinds = draw(st.lists(st.sampled_from(sorted(ZERO_DEPTH)), min_size=1, max_size=3, unique=True))
    out = []
    for kind in kinds:
        promo = draw(promotion_of(kind, sc))
        out.append({**promo, "preheat_days": 0, **ZERO_DEPTH[kind](promo)})
    return out


ZERO_DEPTH = {
    "item_discount": lambda p: {"pct": 0.0},
    "threshold_discount": lambda p: {"tiers": [[p["tiers"][0][0], 0.0]]},
    "coupon": lambda p: {"face": 0.0, "repeat_uplift": 0.0},
    "gift": lambda p: {"value": 0.0, "cost": 0.0},
    "addon": lambda p: {"value": 0.0},
    "second_item": lambda p: {"pct": 0.0, "upgrade_rate": 0.0},
    "lottery": lambda p: {"prizes": [{**z, "probability": 0.0} for z in p["prizes"]]},
}


@PROPERTY
@given(sc=scenarios(), data=st.data())
def test_zero_depth_promotions_give_exactly_the_baseline(sc: Scenario, data: st.DataObject) -> None:
    # Outreach notifies old customers of every event, of zero depth too: off here. So are the
    # extra agents and dispatch capacity booked for event days (they cost money on any event).
    sc = set_param(sc, "membership.outreach.enabled", False)
    sc = set_param(sc, "service.campaign_extra_agents", 0)
    sc = set_param(sc, "fulfilment.campaign_extra_capacity", 0)
    base = set_param(sc, "promotions", [])
    plan = set_param(sc, "promotions", data.draw(zero_depth_promotions(sc)))
    d0, d1 = simulate(base).daily, simulate(plan).daily
    for col in d0.columns:
        np.testing.assert_array_equal(d1[col].to_numpy(), d0[col].to_numpy(), err_msg=col)


@st.composite
def event_window(draw: st.DrawFn, horizon: int) -> tuple[int, int]:
    start = draw(st.integers(0, horizon - 1))
    return start, draw(st.integers(start, min(start + 40, MAX_DAY)))


@PROPERTY
@given(sc=scenarios(), data=st.data())
def test_deeper_item_discount_never_lowers_orders_on_its_days(
    sc: Scenario, data: st.DataObject
) -> None:
    """A deeper cut sells at least as many orders on every event day and over the event. Days
    after it may sell fewer (the reference price fell), which is allowed.

    Pull-forward is off here: the engine repays the debt during the event too (MODEL.md §5.11 says
    "from non-promo demand"), so with a small φ and a large π a deeper cut lowers paid orders on
    later event days (see the report; e.g. φ = ρ_rep = 0, π = 0.5, τ = 2, 7 days at 40 % vs 20 % off:
    501 vs 574 orders).

    The ratings' feedback is off too: a deeper cut makes more deal orders (and may back up the
    warehouse), which lowers the scores and, a week later, conversion on the event's later days
    (MODEL.md §7.3, §7.7) — a real effect, tested in test_dsr, not this property."""
    sc = without_feedback(set_param(sc, "price.pull_forward", 0.0))
    start, end = data.draw(event_window(sc.horizon_days))
    promo = data.draw(promotion_of("item_discount", sc))
    # Mostly store-wide and public (the reference-price path), sometimes a subset or an audience.
    promo["coverage"] = data.draw(st.one_of(st.just(1.0), st.floats(0.0, 1.0)))
    promo["audience"] = data.draw(
        st.sampled_from(["all", "all", "all", "old_customers", "members"])
    )
    pcts = sorted(data.draw(st.tuples(*[floats_in(PARAMS["promotion.item_discount.pct"])] * 2)))
    orders = []
    for pct in pcts:
        plan = set_param(
            sc, "promotions", [{**promo, "start_day": start, "end_day": end, "pct": pct}]
        )
        orders.append(simulate(plan).daily["orders_paid"].to_numpy()[start : end + 1])
    shallow, deep = orders
    assert (deep >= shallow * (1 - MONOTONE_SLACK)).all()
    assert deep.sum() >= shallow.sum() * (1 - MONOTONE_SLACK)


@PROPERTY
@given(pair=plan_and_reference())
def test_promotion_costs_are_never_negative(pair: tuple[Scenario, Scenario | None]) -> None:
    plan, reference = pair
    res = simulate(plan, reference=reference)
    d = res.daily
    for col in ("discount_cost", "promotion_cost", "free_shipping_cost", "voucher_cost"):
        assert (d[col] >= 0).all(), col
    assert all(cost >= 0 for cost in res.promotion_costs.values())
    np.testing.assert_allclose(d["discount_cost"], d["gmv_list"] - d["gmv"], rtol=0, atol=0)


@PROPERTY
@given(sc=scenarios(full_range=True))
def test_outputs_finite_for_any_in_range_promotion(sc: Scenario) -> None:
    """Every promotion field over its whole registry range (rewards far above the basket, prizes
    of a million yuan): outputs stay finite. Signs are not checked here — see the known gaps in
    test_promotions.py."""
    res = simulate(sc)
    values = res.daily.drop(columns="date").to_numpy(dtype=float)
    assert np.isfinite(values).all()
    t = res.totals
    for key, value in t.items():
        if key in PROFIT_RATIOS:
            _check_profit_ratio(value, t["profit"], t[PROFIT_RATIOS[key]], key)
        else:
            assert math.isfinite(value), key


@PROPERTY
@given(sc=scenarios(), share=st.floats(0.01, float(PARAMS["price.pull_forward"].hi)))
def test_pull_forward_debt_is_conserved(sc: Scenario, share: float) -> None:
    """T14's finite-horizon identity for any scenario: Σ repay + Dbt_{T−1}·(1 − 1/τ) =
    π·Σ_{t<T−1} ΔQ_t, with ΔQ from the same plan without pull-forward (then paid orders are the
    gross orders). Post-purchase vouchers' repeat uplift and referred buyers add orders that are
    not gross orders, and member days borrow too: all three are off here (member-day borrowing is
    tested in test_membership)."""
    for scheme in ("member_day", "referral"):
        sc = set_param(sc, f"membership.{scheme}.enabled", False)
    sc = without_feedback(sc)  # the ratings' feedback would move ΔQ between the two runs
    promos = [
        p.model_copy(update={"repeat_uplift": 0.0}) if p.kind == "coupon" else p
        for p in sc.promotions
    ]
    plan = set_param(
        sc.model_copy(update={"promotions": tuple(promos)}), "price.pull_forward", share
    )
    d = simulate(plan).daily
    repay = (d["pull_forward_repay"] + d["pull_forward_offset"]).to_numpy()
    debt = d["pull_forward_debt"].to_numpy()
    assert (d["pull_forward_repay"] >= 0).all() and (d["pull_forward_offset"] >= -1e-12).all()
    delta = _gross_delta_q(plan)
    days = plan.price.pull_forward_days
    gap = finite_horizon_gap(repay, debt, delta, share, days)
    assert abs(gap) <= 1e-9 * max(share * delta.sum(), 1e-300) + 1e-300
    np.testing.assert_allclose(repay, debt / days, rtol=1e-12)
    assert (debt >= 0).all()


# ---------------------------------------------------------------------------- DSR (MODEL.md §7)
DSR_COLUMNS = ("dsr_description", "dsr_service", "dsr_logistics")
capacities = floats_in(PARAMS["fulfilment.capacity_per_day"])


@PROPERTY
@given(pair=plan_and_reference())
def test_scores_stay_within_one_and_five(pair: tuple[Scenario, Scenario | None]) -> None:
    plan, reference = pair
    d = simulate(plan, reference=reference).daily
    for col in (*DSR_COLUMNS, "dsr_mean"):
        assert ((d[col] >= 1.0) & (d[col] <= 5.0)).all(), col


#: Everyday capacities around the presets' orders (tens to a few hundred a day): the registry's
#: range up to a million would almost never back up.
queue_capacities = st.floats(1.0, 2_000.0)
CAPACITY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CAPACITY
@given(sc=scenarios(max_horizon=90), caps=st.tuples(queue_capacities, queue_capacities))
def test_more_capacity_never_lowers_the_logistics_score(
    sc: Scenario, caps: tuple[float, float]
) -> None:
    """Day by day, whatever the scenario. Sound because, with the scores' feedback on sales off
    (``without_feedback``: a better score would sell more, and the extra orders fill the larger
    warehouse), the orders are the same in both runs; the FIFO queue of the larger warehouse
    leaves less of every day's orders waiting at every moment, so fewer are cancelled and each
    shipped order leaves no later; every paid order's logistics outcome is booked at the same
    lag in both runs (quality.py), so each day's window holds the same orders with no more
    incidents."""
    lo, hi = sorted(caps)
    sc = without_feedback(sc)
    small = simulate(set_param(sc, "fulfilment.capacity_per_day", lo))
    large = simulate(set_param(sc, "fulfilment.capacity_per_day", hi))
    s, g = small.daily["dsr_logistics"].to_numpy(), large.daily["dsr_logistics"].to_numpy()
    assert (g >= s - 1e-12).all()
    assert large.totals["orders_cancelled"] <= small.totals["orders_cancelled"] + 1e-9


@CAPACITY
@given(
    name=st.sampled_from(sorted(PRESETS)),
    horizon=st.integers(1, 120),
    caps=st.tuples(queue_capacities, queue_capacities),
    ship_by=st.integers(1, 7),
    hazard=floats_in(PARAMS["fulfilment.cancel_hazard"]),
    rate=floats_in(PARAMS["fulfilment.late_compensation_rate"]),
    floor=floats_in(PARAMS["fulfilment.late_compensation_min"]),
)
def test_more_capacity_never_lowers_profit(
    name: str,
    horizon: int,
    caps: tuple[float, float],
    ship_by: int,
    hazard: float,
    rate: float,
    floor: float,
) -> None:
    """A preset's everyday trade (promotions removed: a 5折 order may lose money, and then
    cancelling it saves some; test_fulfilment covers the campaign) under any deadline, hazard
    and compensation: every order earns a positive contribution, so an order cancelled, or
    shipped late and compensated, never pays. Same orders in both runs (``without_feedback``)."""
    lo, hi = sorted(caps)
    sc = without_feedback(set_param(load_preset(name), "promotions", []))
    for path, value in (("horizon_days", horizon), ("fulfilment.ship_by_days", ship_by),
                        ("fulfilment.cancel_hazard", hazard),
                        ("fulfilment.late_compensation_rate", rate),
                        ("fulfilment.late_compensation_min", floor)):  # fmt: skip
        sc = set_param(sc, path, value)
    small = simulate(set_param(sc, "fulfilment.capacity_per_day", lo)).totals
    large = simulate(set_param(sc, "fulfilment.capacity_per_day", hi)).totals
    assert large["profit"] >= small["profit"] - 1e-9 * max(1.0, abs(small["gmv"]))


@PROPERTY
@given(sc=scenarios())
def test_scores_stay_at_their_initial_values_when_nothing_changes(sc: Scenario) -> None:
    """A plan without promotions, run as its own reference, under its capacity, keeps the scores
    (campaign traffic, growth and any staffing leave the stars alone: every driver is a change
    from the reference)."""
    sc = set_param(sc, "promotions", [])
    sc = set_param(sc, "fulfilment.capacity_per_day", PARAMS["fulfilment.capacity_per_day"].hi)
    res = simulate(sc)
    # A million parcels a day is above any plan's orders: nothing backs up, so no example is
    # thrown away (an ``assume`` here once rejected most of them and timed out under load).
    assert res.totals["backlog_max"] == 0.0
    ini = sc.dsr.initial
    for col, f0 in zip(DSR_COLUMNS, (ini.description, ini.service, ini.logistics), strict=True):
        assert np.allclose(res.daily[col], f0, rtol=0, atol=1e-9), col
    assert (res.daily["dsr_conversion_factor"] == 1.0).all()


# ---------------------------------------------------------------------------- prices and costs
#: Prices the shop charges its customers (issue 15), and the quantity each is charged on, read
#: from the raised run's totals as money line ÷ new price. That quotient is at least the number
#: of units charged the *new* price: members who joined before day 0 keep the reference's (lower)
#: fee or card price, so they add less than one unit each.
CUSTOMER_PRICES: dict[str, str] = {
    "membership.fee": "membership_fee_revenue",  # paid membership (yuan a year)
    "membership.card.price": "card_revenue",  # 包邮卡 (yuan a card)
    "store.shipping_fee": "shipping_fee_income",  # shipping charged on orders not shipped free
}
#: Costs the shop pays. Raising one changes no quantity: profit never rises at all.
PURE_SHOP_COSTS: tuple[str, ...] = (
    "finance.shipping_cost",  # per parcel
    "finance.platform_fee_rate",  # platform and payment fees on paid value
    "finance.agent_wage_per_day",  # customer-service wage
    "payment.sms_cost",  # 催付 and outreach by SMS
    "payment.call_cost",  # 催付 and outreach by phone
    "traffic.affiliate.commission_rate",  # 淘客 commission on the sales they bring
    "campaign.fee_per_day",  # platform campaign slot fee (list item)
    "campaign.commission_rate",  # platform campaign commission (list item)
    "promotion.gift.cost",  # 买赠 gift cost (list item)
    "promotion.addon.cost",  # 加价换购 item cost (list item)
    "promotion.lottery.prize_cost",  # 抽奖 prize cost (list item)
    "store.gross_margin",  # lowered: goods cost per yuan of list price (1 − margin) rises
)
#: Costs the shop pays that also buy a quantity: a higher cost per click buys fewer visitors from
#: the same budget. Profit may rise only by the costs no longer paid on the sales lost (orders
#: that lost money: a low margin, a dear parcel).
VOLUME_SHOP_COSTS: tuple[str, ...] = ("traffic.paid_search.cpc", "traffic.display.cpc")
#: Registry prices and costs left out of this property, and why (not xfail: each is a choice).
NOT_A_PRICE_OR_COST: dict[str, str] = {
    "store.aov": "the measured basket at list price, not a price the shop sets (price changes "
    "go through promotions and the price index)",
    "promotion.addon.price": "its revenue sits inside gmv_list with the goods, so the quantity "
    "charged is not a total; its attach rate falls with the price by construction "
    "(basket.addon_attach_rate, test_basket)",
    "traffic.paid_search.budget_per_day": "a budget buys visitors: an investment, not a price",
    "traffic.display.budget_per_day": "a budget buys visitors: an investment, not a price",
    "membership.points.yuan_per_point": "a perk as much as a cost: a richer perk sells more paid "
    "memberships (its counterweight is the fee)",
    "membership.member_price.discount": "a perk as much as a cost, as points",
}
#: Money lines the customers pay besides the goods (totals keys): a price raised on one may move
#: buyers to another (a lapsed card holder pays shipping again).
FEE_LINES = ("membership_fee_revenue", "card_revenue", "shipping_fee_income")
#: Cost lines of the profit bridge (totals keys, simulator.bridge.PROFIT_LINES).
COST_LINES = tuple(k for _, costs in PROFIT_LINES.values() for k in costs)
PRICE_REL = 1e-6
#: List-item templates: (scenario list, kind or None, field).
TEMPLATES = {
    "campaign.fee_per_day": ("campaigns", None, "fee_per_day"),
    "campaign.commission_rate": ("campaigns", None, "commission_rate"),
    "promotion.gift.cost": ("promotions", "gift", "cost"),
    "promotion.addon.cost": ("promotions", "addon", "cost"),
    "promotion.lottery.prize_cost": ("promotions", "lottery", "cost"),
}


def _with_item(sc: Scenario, path: str, draw: st.DrawFn) -> Scenario:
    """``sc`` holding the list item ``path`` is a field of (a campaign, a promotion of its
    kind), drawn when missing; a fourth promotion layer replaces the last one."""
    where, kind, _ = TEMPLATES[path]
    if where == "campaigns":
        if sc.traffic.campaigns:
            return sc
        return set_param(sc, "traffic.campaigns", [draw(campaigns(sc.horizon_days))])
    promos = [p.model_dump(mode="python") for p in sc.promotions]
    if any(p["kind"] == kind for p in promos):
        return sc
    promos = [*promos[:2], draw(promotion_of(kind, sc))]
    return set_param(sc, "promotions", promos)


def _raised(sc: Scenario, path: str, u: float) -> Scenario:
    """``sc`` with the price or cost at ``path`` moved a share ``u`` of the way to its dearest
    end of the range (up; down for the gross margin), on every list item it is a field of."""
    p = PARAMS[path]
    if path not in TEMPLATES:
        cur = float(get_param(sc, path))
        end = float(p.lo if path == "store.gross_margin" else p.hi)
        return set_param(sc, path, cur + u * (end - cur))
    where, kind, field = TEMPLATES[path]
    data = sc.model_dump(mode="python")
    items = data["traffic"]["campaigns"] if where == "campaigns" else data["promotions"]
    for item in items:
        if kind is None or item["kind"] == kind:
            rows = item["prizes"] if kind == "lottery" else [item]
            for row in rows:
                row[field] = row[field] + u * (float(p.hi) - row[field])
    return Scenario.model_validate(data)


def _step(base: Scenario, raised: Scenario, path: str) -> float:
    """Δ of a customer price between the two scenarios."""
    return float(get_param(raised, path)) - float(get_param(base, path))


@st.composite
def priced_pairs(draw: st.DrawFn, path: str) -> tuple[Scenario, Scenario]:
    """A random store (its own reference) and the same store with ``path`` dearer by a step of
    1 ‰ … 100 % of the way to the dearest end of its range."""
    sc = draw(scenarios())
    if path == "membership.card.price":
        sc = set_param(sc, "membership.card.enabled", True)
    if path in TEMPLATES:
        sc = _with_item(sc, path, draw)
    scale = draw(st.sampled_from((1e-3, 1e-2, 0.1, 1.0)))
    return sc, _raised(sc, path, scale * draw(st.floats(0.1, 1.0)))


def _money_bound(base: dict, raised: dict, path: str, step: float) -> float:
    """The most profit a dearer price or cost may add (see the test's docstring)."""
    extra = 0.0
    if path in CUSTOMER_PRICES:
        line = CUSTOMER_PRICES[path]
        new_price = float(raised["_price"])
        extra = step * raised[line] / new_price if new_price > 0 else 0.0
    others = sum(max(0.0, raised[k] - base[k]) for k in FEE_LINES if k != CUSTOMER_PRICES.get(path))
    avoided = sum(max(0.0, base[k] - raised[k]) for k in COST_LINES)
    return extra + others + avoided


#: Ten random stores per price or cost (17 of them: about 40 s). No shrinking: shrinking through
#: the scenario strategy's rejections took minutes and ended in FlakyStrategyDefinition, and the
#: failing store is as readable unshrunk (the message lists the money lines).
PRICE_PROPERTY = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@pytest.mark.parametrize("path", [*CUSTOMER_PRICES, *PURE_SHOP_COSTS, *VOLUME_SHOP_COSTS])
@PRICE_PROPERTY
@given(data=st.data())
def test_a_dearer_price_or_cost_never_adds_more_profit_than_it_brings_in(
    path: str, data: st.DataObject
) -> None:
    """Issue 15: raising a price the shop charges, or a cost it pays, by Δ never raises profit by
    more than the extra money it brings in from the customers who still buy.

    The bound, from profit = Σ income lines − Σ cost lines (simulator.bridge.PROFIT_LINES):

        ΔProfit ≤ Δ·Q(p+Δ) + Σ_{other fee lines} max(0, Δline) + Σ_{cost lines} max(0, −Δline)

    - Δ·Q(p+Δ): the priced line. Its income p·Q(p) rises by Δ·Q(p+Δ) − p·(Q(p) − Q(p+Δ)) ≤
      Δ·Q(p+Δ) exactly when the quantity Q never rises with the price (fewer members, holders or
      shipping-paying orders), and Q(p+Δ) is read as (line ÷ new price): at least the units
      charged the new price (``CUSTOMER_PRICES``). 0 for a shop cost.
    - other fee lines: money the same customers now pay elsewhere (a lapsed 包邮卡 holder pays
      shipping again); it is theirs to pay, not a gift of the model.
    - cost lines that fall: what the shop no longer spends on the customers who left (their
      goods, parcels, member prices, points). A scheme whose perks cost more than they earn
      rightly makes more money when dearer; without this term the property would call that a
      bug.
    Nothing else may rise: sales at list price (gmv_list) and unspent stored value enter with
    their signed change, so a dearer price that sold more goods fails. For the pure shop costs
    (``PURE_SHOP_COSTS``: no quantity moves) the bound is 0 and profit never rises at all. All
    within 1e-6 of the store's turnover (rounding of sums over the horizon).
    """
    base, raised = data.draw(priced_pairs(path))
    t0 = dict(simulate(base).totals)
    t1 = dict(simulate(raised, reference=base).totals)
    step = _step(base, raised, path) if path in CUSTOMER_PRICES else 0.0
    t1["_price"] = float(get_param(raised, path)) if path in CUSTOMER_PRICES else 0.0
    tol = PRICE_REL * (abs(t0["profit"]) + t0["gmv_list"] + t0["marketing_cost"] + 1.0)
    gain = t1["profit"] - t0["profit"]
    bound = _money_bound(t0, t1, path, step)
    lines = {k: (t0[k], t1[k]) for k in (*FEE_LINES, *COST_LINES, "gmv_list", "orders_paid")}
    assert gain <= bound + tol, (path, gain, bound, step, lines)
    if path in PURE_SHOP_COSTS:
        assert gain <= tol, (path, gain)


def test_the_price_property_lists_every_price_and_cost_once() -> None:
    """Every registry field named a price, a fee, a cost, a wage or a commission is in one list
    of the property above, or left out with a reason."""
    words = ("price", "fee", "cost", "wage", "commission", "cpc", "budget")
    named = {
        p for p in PARAMS if any(w in p.rsplit(".", 1)[-1] for w in words) and not
        p.endswith(("threshold_salience", "pull_forward"))
    }  # fmt: skip
    listed = [*CUSTOMER_PRICES, *PURE_SHOP_COSTS, *VOLUME_SHOP_COSTS, *NOT_A_PRICE_OR_COST]
    assert len(listed) == len(set(listed))
    assert named - {"store.gross_margin"} <= set(listed), named - set(listed)
