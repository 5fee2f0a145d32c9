"""Sensitivity (issue 19 items 4 and 6): the tornado over each uncertain parameter's P10…P90,
Sobol indices through scipy.stats.sobol_indices (the Ishigami function's published indices come
out of the same code path), and the plain-words reading."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest

from simulator import calibration, montecarlo, sensitivity
from simulator.engine import run_paths, simulate
from simulator.errors import ModelError
from simulator.registry import PARAMS
from simulator.scenario import Scenario, set_param
from simulator.sensitivity import indices, reading, sobol, tornado
from simulator.uncertainty import Override

H = 30  # days: the properties below hold at any horizon; short keeps them quick


@pytest.fixture(scope="module")
def base() -> Scenario:
    return Scenario(horizon_days=H)


@pytest.fixture(scope="module")
def plan(base) -> Scenario:
    return set_param(base, "traffic.paid_search.budget_per_day", 2000.0)


@pytest.fixture(scope="module")
def torn(plan, base) -> pd.DataFrame:
    return tornado(plan, reference=base, measure="profit")


# --------------------------------------------------------------------------- tornado
def test_tornado_is_sorted_by_swing_and_swings_are_the_bars_widths(torn, plan, base):
    assert list(torn.columns) == ["parameter", "low", "high", "swing"]
    assert (torn["swing"] >= 0).all()
    assert torn["swing"].is_monotonic_decreasing
    np.testing.assert_allclose(torn["swing"], (torn["high"] - torn["low"]).abs())
    union = set(montecarlo.uncertain_paths(plan)) | set(montecarlo.uncertain_paths(base))
    assert set(torn["parameter"]) == union and torn["parameter"].is_unique
    assert torn["swing"].iloc[0] > 0
    assert torn.attrs["quantity"] == "change" and torn.attrs["measure"] == "profit"


def test_central_is_the_deterministic_change(torn, plan, base):
    want = simulate(plan, reference=base).totals["profit"] - simulate(base).totals["profit"]
    assert torn.attrs["central"] == pytest.approx(want, rel=1e-12)


def test_a_bar_is_that_parameter_alone_at_its_p10_and_p90(torn, plan, base):
    """The one-call design (every other column at u = 0.5, their medians) gives what one
    parameter drawn alone gives (``only={p}``), the plan's change at the same uniforms."""
    for p in ("funnel.conversion_rate", torn["parameter"].iloc[0]):
        u = np.full((2, len(montecarlo.DIMENSIONS)), 0.5)
        u[:, montecarlo.DIMENSIONS.index(p)] = (0.1, 0.9)
        a = run_paths(plan, base, u, 0, only={p}).totals["profit"].to_numpy()
        b = run_paths(base, base, u, 0, only={p}).totals["profit"].to_numpy()
        row = torn.set_index("parameter").loc[p]
        np.testing.assert_allclose([row["low"], row["high"]], a - b, rtol=1e-6, atol=1e-6)


def test_a_parameter_without_uncertainty_is_absent(base):
    fixed = base.model_copy(update={"uncertainty": {"price.elasticity": Override(family="fixed")}})
    frame = tornado(fixed, reference=fixed, measure="gmv")
    assert "price.elasticity" not in set(frame["parameter"])
    assert "traffic.paid_search.budget_per_day" not in set(frame["parameter"])  # a decision
    assert "price.elasticity" in set(tornado(base, reference=base, measure="gmv")["parameter"])


SEEN: list[float] = []


@pytest.fixture(scope="module")
def level(base) -> pd.DataFrame:
    """The baseline against an equal copy of itself: levels of GMV (progress kept in SEEN)."""
    return tornado(base, reference=base.model_copy(), measure="gmv", progress=SEEN.append)


def test_plan_equal_to_the_baseline_gives_levels(base, level):
    frame = level
    assert frame.attrs["quantity"] == "level"
    level = simulate(base).totals["gmv"]
    assert frame.attrs["central"] == pytest.approx(level, rel=1e-12)
    assert (frame["low"] > 0).all() and (frame["high"] > 0).all()  # levels, not changes of 0
    assert frame["swing"].iloc[0] > 0


def test_a_user_range_off_centre_runs_on_its_own(base):
    """A user's P10–P90 need not be centred on the value: that parameter is drawn alone, and
    its bar spans the user's P10 and P90."""
    sc = base.model_copy(
        update={"uncertainty": {"price.elasticity": Override(family="normal", p10=-4.0, p90=-3.5)}}
    )
    assert sensitivity._off_centre(sc) == {"price.elasticity"}
    frame = tornado(sc, reference=sc, measure="gmv").set_index("parameter")
    lo, hi = (simulate(set_param(sc, "price.elasticity", x)).totals["gmv"] for x in (-4.0, -3.5))
    assert frame.loc["price.elasticity", "low"] == pytest.approx(lo, rel=1e-9)
    assert frame.loc["price.elasticity", "high"] == pytest.approx(hi, rel=1e-9)


def test_an_end_the_rules_refuse_stops_at_the_rule_s_limit(base, level):
    """The default shop's inquiry rate at its P90 converts more visitors through the inquiry
    path than all new orders (a cross-field rule): its bar ends where the rule allows, not at a
    random redraw."""
    sc, frame = base, level
    lo_u, hi_u = frame.attrs["clipped"]["funnel.inquiry_rate"]
    assert lo_u == sensitivity.LOW_U and 0.5 < hi_u < sensitivity.HIGH_U
    assert frame.attrs["redrawn"] == 0
    dump = sc.model_dump(mode="python")
    assert sensitivity._accepts(sc, dump, "funnel.inquiry_rate", hi_u)
    assert not sensitivity._accepts(sc, dump, "funnel.inquiry_rate", hi_u + 1e-4)


def test_unknown_measure_is_a_typed_error(plan, base):
    with pytest.raises(ModelError) as err:
        tornado(plan, reference=base, measure="happiness")
    assert err.value.code == "sens_measure" and err.value.params["measure"] == "happiness"


def test_progress_reaches_one(level):
    seen = SEEN
    assert seen and seen[-1] == pytest.approx(1.0) and all(0 <= f <= 1 for f in seen)
    assert seen == sorted(seen)


# --------------------------------------------------------------------------- Sobol
def ishigami(u: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    """Ishigami & Homma (1990) on x_i ~ U(−π, π), from uniforms in (0, 1)."""
    x = -np.pi + 2.0 * np.pi * u
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_ishigami_published_indices_through_the_same_code_path():
    """a = 7, b = 0.1: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) [Saltelli et al.
    2008, Global Sensitivity Analysis: The Primer, §4.6; SciPy's sobol_indices example]."""
    res = indices(ishigami, 3, 2**13, seed=7)
    np.testing.assert_allclose(res.first_order, [0.3139, 0.4424, 0.0], atol=0.02)
    np.testing.assert_allclose(res.total, [0.5576, 0.4424, 0.2437], atol=0.02)
    assert res.evaluations == 2**13 * (3 + 2)
    # the code path `sobol` uses: indices(func, d, n, seed) with the model inside func
    assert "indices(func" in inspect.getsource(sobol)


def test_ishigami_confidence_intervals_cover_the_published_values():
    res = indices(ishigami, 3, 2**10, seed=3, confidence=0.99)
    for ci, want in (
        (res.first_ci, (0.3139, 0.4424, 0.0)),
        (res.total_ci, (0.5576, 0.4424, 0.2437)),
    ):
        assert (ci[:, 0] <= ci[:, 1]).all()
        assert ((ci[:, 0] - 0.03 <= want) & (np.asarray(want) <= ci[:, 1] + 0.03)).all()


def test_design_is_scipy_s_sample_a_b():
    from scipy.stats import uniform
    from scipy.stats._sensitivity_analysis import sample_A_B

    d, n = 3, 16
    ours = sensitivity.design(d, n, seed=5)
    ab = sample_A_B(n=n, dists=[uniform()] * d, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(ours[:n], ab[0].T)
    np.testing.assert_array_equal(ours[n : 2 * n], ab[1].T)
    np.testing.assert_array_equal(ours[2 * n : 3 * n, 0], ab[1][0])  # AB_1: column 1 from B
    np.testing.assert_array_equal(ours[2 * n : 3 * n, 1:], ab[0].T[:, 1:])


def test_a_constant_function_has_zero_indices():
    res = indices(lambda u: np.ones(u.shape[0]), 2, 8, seed=1, confidence=0.9)
    assert (res.first_order == 0).all() and (res.total == 0).all()


@pytest.fixture(scope="module")
def sob(plan, base, torn):
    return sobol(plan, reference=base, measure="profit", params=list(torn["parameter"][:3]),
                 n=8, seed=7)  # fmt: skip


def test_sobol_frame_and_reproducible(sob, plan, base, torn):
    assert list(sob.columns) == ["parameter", "first_order", "total"]
    assert list(sob["parameter"]) == list(torn["parameter"][:3])
    assert sob.attrs["runs"] == 2 * 8 * (3 + 2) and sob.attrs["quantity"] == "change"
    again = sobol(plan, reference=base, measure="profit", params=list(sob["parameter"]), n=8,
                  seed=7)  # fmt: skip
    pd.testing.assert_frame_equal(sob, again, check_exact=True)
    other = sobol(plan, reference=base, measure="profit", params=list(sob["parameter"]), n=8,
                  seed=8)  # fmt: skip
    assert not np.array_equal(sob["total"].to_numpy(), other["total"].to_numpy())


def test_sobol_leader_matches_the_tornado(sob, torn):
    """The parameter with the widest bar also has the largest total index (it moves the change
    by far the most in the default shop: the paid-search click price)."""
    assert sob["total"].idxmax() == 0
    assert torn["swing"].iloc[0] > 2 * torn["swing"].iloc[2]


@pytest.mark.parametrize("n", [0, 3, 6, 2**14, 2.0, True])
def test_sobol_n_must_be_a_power_of_two(plan, base, n):
    with pytest.raises(ModelError) as err:
        sobol(plan, reference=base, params=["store.aov"], n=n)
    assert err.value.code == "sens_n"


@pytest.mark.parametrize("params", [[], ["traffic.paid_search.budget_per_day"], ["store.aov"] * 1
                                    + [f"x{i}" for i in range(30)]])  # fmt: skip
def test_sobol_params_must_be_uncertain(plan, base, params):
    with pytest.raises(ModelError) as err:
        sobol(plan, reference=base, params=params, n=8)
    assert err.value.code == "sens_params"


# --------------------------------------------------------------------------- reading
def test_reading_of_a_tornado_names_the_leaders_and_where_to_check():
    frame = pd.DataFrame(
        {"parameter": ["price.elasticity", "funnel.conversion_rate", "store.aov"],
         "low": [0.0, 0.0, 0.0], "high": [10.0, 8.0, 1.0], "swing": [10.0, 8.0, 1.0]}
    )  # fmt: skip
    r = reading(frame)
    assert r.leaders == ("price.elasticity", "funnel.conversion_rate")
    assert r.where == ("assumptions", "calibrate")
    assert r.share == pytest.approx((100 + 64) / (100 + 64 + 1))
    one = reading(frame.assign(swing=[10.0, 1.0, 1.0]))
    assert one.leaders == ("price.elasticity",) and one.source == "tornado"
    assert reading(frame.assign(swing=0.0)).leaders == ()


def test_reading_of_sobol_uses_total_indices():
    frame = pd.DataFrame({"parameter": ["a.b", "store.aov"], "first_order": [0.1, 0.5],
                          "total": [0.2, 0.7]})  # fmt: skip
    r = reading(frame)
    assert r.leaders == ("store.aov",) and r.share == pytest.approx(0.7) and r.source == "sobol"


def test_calibrated_parameters_are_what_the_calibration_fits():
    """Every path the calibration sets (simulator/calibration.py's apply_* functions) is in
    CALIBRATED, and every CALIBRATED path is a registry parameter the calibration names."""
    src = inspect.getsource(calibration.apply_daily_fit) + inspect.getsource(
        calibration.apply_repeat_fit
    )
    named = set()
    for p in PARAMS:
        if f'"{p}"' in src:
            named.add(p)
    named |= {f"repeat.{k}" for k in ("r", "a", "b")}  # f"repeat.{key}"
    named |= {f"repeat.gg_{k}" for k in calibration.GG_KEYS}  # f"repeat.gg_{k}"
    assert named == set(sensitivity.CALIBRATED)
    assert all(p in PARAMS for p in sensitivity.CALIBRATED)
