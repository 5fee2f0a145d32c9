"""Properties every valid scenario satisfies (hypothesis over the parameter registry's ranges)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from simulator import PARAMS, PRESETS, Result, Scenario, load_preset, set_param, simulate
from tests.simulator.strategies import (
    MAX_DAY,
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
    d = res.daily
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
    values = res.daily.to_numpy(dtype=float)
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
    repay, debt = d["pull_forward_repay"].to_numpy(), d["pull_forward_debt"].to_numpy()
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
    assume(res.totals["backlog_max"] == 0.0)
    ini = sc.dsr.initial
    for col, f0 in zip(DSR_COLUMNS, (ini.description, ini.service, ini.logistics), strict=True):
        assert np.allclose(res.daily[col], f0, rtol=0, atol=1e-9), col
    assert (res.daily["dsr_conversion_factor"] == 1.0).all()
