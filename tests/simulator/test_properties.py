"""Properties every valid scenario satisfies (hypothesis over the parameter registry's ranges)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import PARAMS, Result, Scenario, set_param, simulate
from tests.simulator.strategies import floats_in, repeat_calibration_feasible, scenarios

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REL = 1e-9
#: A rounding allowance for sums of monotone terms; no real effect is this small.
MONOTONE_SLACK = 1e-12

#: Daily columns that may be negative: contribution profit (costs can exceed margin). Every other
#: column (visitors, orders, rates, value, and every money line: net sales, refunds, COGS, fees,
#: costs, discount cost) is a non-negative quantity by construction.
MAY_BE_NEGATIVE_DAILY = frozenset({"profit"})
#: Totals that may be negative: profit and the two ratios built on it.
MAY_BE_NEGATIVE_TOTALS = frozenset({"profit", "profit_margin", "profit_per_marketing_yuan"})

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
@PROPERTY
@given(sc=scenarios(), uvs=st.tuples(organic_uvs, organic_uvs))
def test_more_organic_uv_never_lowers_gmv(sc: Scenario, uvs: tuple[float, float]) -> None:
    lo, hi = sorted(uvs)
    low, high = set_param(sc, "traffic.organic_uv", lo), set_param(sc, "traffic.organic_uv", hi)
    assert _gmv(high) >= _gmv(low) * (1 - MONOTONE_SLACK)


@PROPERTY
@given(pair=plan_and_reference(), uvs=st.tuples(organic_uvs, organic_uvs))
def test_more_organic_uv_never_lowers_gmv_against_a_fixed_reference(
    pair: tuple[Scenario, Scenario | None], uvs: tuple[float, float]
) -> None:
    plan, reference = pair
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
