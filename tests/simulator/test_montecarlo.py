"""Monte Carlo over parameter draws: simulate(plan, reference=base, paths=N, seed=S) (issue 19)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulator import montecarlo, uncertainty
from simulator.calibration import with_fitted_uncertainty
from simulator.engine import DAILY_COLUMNS, simulate
from simulator.errors import ModelError
from simulator.presets import PRESETS, load_preset
from simulator.registry import PARAMS
from simulator.scenario import Scenario, set_param
from simulator.uncertainty import Override

P = 24  # paths: enough for the properties below, quick under load


@pytest.fixture(scope="module")
def base() -> Scenario:
    return load_preset("mid_store").model_copy(update={"horizon_days": 90})


@pytest.fixture(scope="module")
def base_run(base):
    return simulate(base, reference=base, paths=P, seed=11)


def test_one_path_is_the_deterministic_run_exactly(base):
    one = simulate(base, reference=base)
    again = simulate(base, reference=base, paths=1, seed=5)
    pd.testing.assert_frame_equal(one.daily, again.daily, check_exact=True)
    assert one.totals == again.totals
    assert one.paths == 1 and one.seed is None
    assert one.draws is not None and len(one.draws) == 1
    assert one.draws.iloc[0].to_dict() == pytest.approx(dict(one.totals), rel=0, abs=0)


def test_monte_carlo_keeps_the_deterministic_run_as_its_daily_table(base, base_run):
    one = simulate(base, reference=base)
    pd.testing.assert_frame_equal(one.daily, base_run.daily, check_exact=True)
    assert base_run.totals == one.totals
    assert base_run.paths == P and base_run.seed == 11
    assert list(base_run.draws.columns) == list(one.totals)
    assert len(base_run.draws) == P


def test_the_draws_vary_and_the_same_seed_reproduces_every_draw(base, base_run):
    again = simulate(base, reference=base, paths=P, seed=11)
    pd.testing.assert_frame_equal(base_run.draws, again.draws, check_exact=True)
    for c, a in base_run.path_daily.items():
        np.testing.assert_array_equal(a, again.path_daily[c])
    assert base_run.draws["profit"].std() > 0.01 * abs(base_run.totals["profit"])
    other = simulate(base, reference=base, paths=P, seed=12)
    assert not np.array_equal(other.draws["profit"], base_run.draws["profit"])


def test_a_plan_equal_to_the_baseline_differs_by_zero_on_every_path(base, base_run):
    same = Scenario.model_validate(base.model_dump())  # an equal plan, not the same object
    plan = simulate(same, reference=base, paths=P, seed=11)
    diff = plan.draws["profit"] - base_run.draws["profit"]
    assert (diff == 0).all()
    assert (plan.draws["gmv"] == base_run.draws["gmv"]).all()


def test_common_random_numbers_share_the_draws_of_a_plan_and_its_baseline(base):
    """A lever the uncertainty does not touch (a paid budget) leaves every drawn value equal."""
    plan = set_param(base, "traffic.paid_search.budget_per_day", 800.0)
    u = montecarlo.uniforms(8, 3)
    dp, db = montecarlo.draw(plan, u, 3), montecarlo.draw(base, u, 3)
    shared = set(dp.values) & set(db.values)
    assert "price.elasticity" in shared and "funnel.conversion_rate" in shared
    for path in shared:
        if path.startswith("traffic.paid_search"):
            continue  # the plan's own channel spec sits around its own value
        np.testing.assert_array_equal(dp.values[path], db.values[path])


def test_a_dominating_plan_beats_the_baseline_with_high_probability(base, base_run):
    """More free traffic on a desk and warehouse with room to spare: profit higher on (nearly)
    every path. (Doubling the agents as well would not dominate: their wages cost more than an
    idle desk earns, on every path.)"""
    plan = set_param(base, "traffic.organic_uv", base.traffic.organic_uv * 1.3)
    res = simulate(plan, reference=base, paths=P, seed=11)
    assert res.totals["backlog_max"] == 0 and not res.daily["saturated_hours"].any()
    better = (res.draws["profit"] > base_run.draws["profit"]).mean()
    assert better >= 0.95
    assert montecarlo.chance(res.draws["profit"] - base_run.draws["profit"] > 0) >= 0.95


def test_zero_uncertainty_collapses_every_path_onto_the_deterministic_run(base):
    fixed = {p: Override(family="fixed") for p in montecarlo.uncertain_paths(base)}
    certain = Scenario.model_validate({**base.model_dump(), "uncertainty": fixed})
    assert montecarlo.uncertain_paths(certain) == ()
    res = simulate(certain, reference=certain, paths=8, seed=2)
    one = simulate(certain, reference=certain)
    for c in res.draws.columns:
        assert (res.draws[c] == one.totals[c]).all() or np.isnan(one.totals[c]), c
    bands = res.bands(["gmv", "profit", "dsr_mean"], q=(0.1, 0.5, 0.9))
    for m in ("gmv", "profit", "dsr_mean"):
        for q in (0.1, 0.5, 0.9):
            np.testing.assert_array_equal(bands[(m, q)].to_numpy(), one.daily[m].to_numpy())


def test_doubling_the_calibration_standard_errors_widens_the_bands(base):
    est = {"repeat.r": (0.243, 0.0125), "repeat.a": (0.793, 0.185), "repeat.b": (2.426, 0.705),
           "price.elasticity": (-2.0, 0.2)}  # fmt: skip
    wide = {k: (v, 2 * se) for k, (v, se) in est.items()}
    narrow_s = with_fitted_uncertainty(base, est, "fit")
    wide_s = with_fitted_uncertainty(base, wide, "fit")
    keep = {p: Override(family="fixed") for p in montecarlo.uncertain_paths(base) if p not in est}
    runs = []
    for s in (narrow_s, wide_s):
        s = Scenario.model_validate({**s.model_dump(), "uncertainty": {**s.uncertainty, **keep}})
        runs.append(simulate(s, paths=32, seed=4))
    spread = [np.subtract(*r.draws["profit"].quantile([0.9, 0.1])) for r in runs]
    assert spread[1] > 1.5 * spread[0]


def test_bands_are_ordered_and_named(base_run):
    b = base_run.bands(["gmv", "profit", "conversion_rate"], q=(0.1, 0.25, 0.5, 0.75, 0.9))
    assert b.index.name == "day" and len(b) == 90
    assert b.columns.names == ["measure", "q"]
    for m in ("gmv", "profit", "conversion_rate"):
        qs = b[m].to_numpy()
        assert (np.diff(qs, axis=1) >= 0).all()


def test_every_path_is_a_valid_scenario_inside_its_ranges():
    """A large store's inquiry path drawn past its new-customer conversion is drawn again."""
    s = load_preset("large_store")
    u = montecarlo.uniforms(64, 7)
    d = montecarlo.draw(s, u, 7)
    assert d.redrawn > 0 and d.central == 0  # the rule bites, and redraws satisfy it
    for path, v in d.values.items():
        p = PARAMS[path]
        assert ((v >= p.lo) & (v <= p.hi)).all(), path
    for k, sk in enumerate(d.scenarios):
        assert sk.funnel.inquiry_rate == pytest.approx(d.values["funnel.inquiry_rate"][k])


def test_list_items_draw_around_their_own_values():
    s = load_preset("double12_campaign")
    u = montecarlo.uniforms(16, 1)
    d = montecarlo.draw(s, u, 1)
    uv = [sk.traffic.campaigns[0].platform_uv for sk in d.scenarios]
    central = s.traffic.campaigns[0].platform_uv
    assert min(uv) < central < max(uv)
    assert "campaign.platform_uv" in montecarlo.uncertain_paths(s)


@pytest.mark.parametrize(
    ("paths", "seed", "code"),
    [(0, 1, "mc_paths"), (montecarlo.MAX_PATHS + 1, 1, "mc_paths"), (2.5, 1, "mc_paths"),
     (True, 1, "mc_paths"), (4, -1, "mc_seed")],
)  # fmt: skip
def test_bad_path_counts_and_seeds_are_refused_in_words(base, paths, seed, code):
    with pytest.raises(ModelError) as info:
        simulate(base, paths=paths, seed=seed)
    assert info.value.code == code


def test_bands_refuse_an_unknown_measure_or_quantile(base_run):
    with pytest.raises(ModelError) as info:
        base_run.bands(["nope"])
    assert info.value.code == "mc_measure"
    with pytest.raises(ModelError) as info:
        base_run.bands(["gmv"], q=(0.1, 1.5))
    assert info.value.code == "mc_quantile"


def test_progress_reports_every_path_and_ends_at_one(base):
    seen: list[float] = []
    simulate(base, paths=4, seed=1, progress=seen.append)
    assert len(seen) >= 4 and seen[-1] == 1.0  # a call per path set up, and the batch's end
    assert all(0.0 < a < b <= 1.0 for a, b in zip(seen, seen[1:], strict=False))


def test_band_columns_are_daily_columns():
    assert set(montecarlo.BAND_COLUMNS) <= set(DAILY_COLUMNS)


def test_only_draws_the_named_parameters():
    """``only`` draws just the named paths; every other parameter keeps the scenario's value."""
    s = Scenario()
    name = montecarlo.uncertain_paths(s)[0]
    d = montecarlo.draw(s, montecarlo.uniforms(8, 3), 3, only={name})
    assert set(d.values) == {name}
    assert np.ptp(d.values[name]) > 0
    for sc in d.scenarios:
        dumped, base = sc.model_dump(), s.model_dump()
        diff = {k for k in base if dumped[k] != base[k]}
        assert diff <= {name.split(".")[0]}


def test_correlated_parameters_are_drawn_together():
    """A pair in Scenario.correlations draws with the rank correlation its ρ implies
    (Spearman = 6/π·asin(ρ/2) for a Gaussian copula); each keeps its own marginal."""
    from scipy import stats

    base = Scenario()
    sc = base.model_copy(update={"correlations": {"funnel.inquiry_rate|repeat.r": 0.8}})
    u = montecarlo.uniforms(512, 4)
    d0, d1 = montecarlo.draw(base, u, 4), montecarlo.draw(sc, u, 4)
    x, y = d1.values["funnel.inquiry_rate"], d1.values["repeat.r"]
    expected = 6 / np.pi * np.arcsin(0.8 / 2)
    assert stats.spearmanr(x, y).statistic == pytest.approx(expected, abs=0.08)
    assert (
        abs(stats.spearmanr(d0.values["funnel.inquiry_rate"], d0.values["repeat.r"]).statistic)
        < 0.15
    )
    assert stats.ks_2samp(d0.values["repeat.r"], y).pvalue > 0.01  # same marginal


def _rule_cases() -> list[Scenario]:
    gg = Scenario().model_copy(
        update={"repeat": Scenario().repeat.model_copy(update={"spend_model": "gamma_gamma"})}
    )
    return [Scenario(), gg, *(load_preset(n) for n in PRESETS)]


@pytest.mark.parametrize("s", _rule_cases(), ids=["default", "gamma_gamma", *PRESETS])
def test_the_batch_check_refuses_exactly_the_rows_validation_refuses(s):
    """``montecarlo.accepted`` (the rules elementwise over all rows) against a Scenario
    validated per row, on uniforms pushed to the tails so that the rules bite; and each path's
    scenario, built without validation, equals the validated one."""
    slots = montecarlo._slots(s)
    assert montecarlo.batch_refusal(slots) is None
    rng = np.random.default_rng(5)
    u = rng.random((96, len(montecarlo.DIMENSIONS)))
    u = np.clip(np.where(rng.random(u.shape) < 0.5, u**6, 1 - u**6), 1e-12, 1 - 1e-12)
    cols = [montecarlo.DIMENSIONS.index(x.param) for x in slots]
    vals = [uncertainty.ppf(x.spec, u[:, j]) for x, j in zip(slots, cols, strict=True)]
    vals = [
        np.rint(v) if PARAMS[x.param].kind == "int" else v for x, v in zip(slots, vals, strict=True)
    ]
    batch = montecarlo.accepted(s, slots, vals)
    dump = s.model_dump(mode="python")
    one_by_one = []
    for k in range(len(u)):
        data = montecarlo._copy(dump)
        row = [
            int(v[k]) if PARAMS[x.param].kind == "int" else float(v[k])
            for x, v in zip(slots, vals, strict=True)
        ]
        for x, v in zip(slots, row, strict=True):
            montecarlo._set(data, x.keys, v)
        try:
            valid = Scenario.model_validate(data)
        except ValueError:
            one_by_one.append(False)
            continue
        one_by_one.append(True)
        assert montecarlo.assign(s, slots, row) == valid
    assert batch.tolist() == one_by_one
    assert not all(one_by_one)  # the tails make the rules bite


def test_a_draw_moving_promotion_days_is_validated_path_by_path():
    """Stacking is a rule on structure: drawn promotion days fall back to per-path validation,
    and the function says why."""
    s = load_preset("double12_campaign")
    slots = [montecarlo.Slot("promotion.start_day", ("promotions", 0, "start_day"),
                             montecarlo._slots(s)[0].spec)]  # fmt: skip
    assert "promotion.start_day" in montecarlo.batch_refusal(slots)
    first = s.promotions[0]
    ok = montecarlo.accepted(s, slots, [np.array([first.start_day, first.end_day + 1.0])])
    assert ok.tolist() == [True, False]  # the second row puts the start after the end


def test_the_direct_model_copy_equals_pydantic_model_copy():
    """``_copy_model`` builds what ``model_copy(update=...)`` builds: equal fields, the same set
    fields, the original untouched, nested sections shared."""
    s = load_preset("mid_store")
    for obj, update in ((s.service, {"agents": 7}), (s, {"horizon_days": 30})):
        fast = montecarlo._copy_model(obj, update)
        slow = obj.model_copy(update=update)
        assert fast == slow and type(fast) is type(slow)
        assert fast.__pydantic_fields_set__ == slow.__pydantic_fields_set__
        assert fast.__dict__ == slow.__dict__
        assert fast.__dict__ is not obj.__dict__
    assert s == load_preset("mid_store")  # the original untouched


def test_the_scenarios_of_all_paths_equal_each_path_built_alone():
    """``Draws.scenarios`` (one tree, rows read at once) builds path by path what
    ``Draws.scenario(k)`` builds, ints as ints."""
    s = load_preset("mid_store")
    d = montecarlo.draw(s, montecarlo.uniforms(12, 3), 3)
    assert len(d.slots) > 0
    for k, built in enumerate(d.scenarios):
        alone = d.scenario(k)
        assert built == alone
        assert built.model_dump() == alone.model_dump()
        assert [type(v) for v in built.__dict__.values()] == [
            type(v) for v in alone.__dict__.values()
        ]
