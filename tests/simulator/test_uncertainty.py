"""The uncertainty spec of every parameter (issue 19 item 1; MODEL.md §9.1)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.calibration import (
    apply_daily_fit,
    apply_repeat_fit,
    fit_daily_metrics,
    fit_repeat_model,
)
from simulator.errors import ModelError
from simulator.registry import PARAMS
from simulator.scenario import Scenario, set_param
from simulator.uncertainty import (
    FIXED,
    NAMED,
    Override,
    Spec,
    beta_from_counts,
    check_override,
    correlate,
    fit_correlations,
    override_from_se,
    override_spec,
    pair_key,
    ppf,
    quantiles,
    scenario_spec,
    spec_for,
    support,
)

UNCERTAIN = [p for p in PARAMS.values() if not p.uncertainty.fixed]


def test_every_parameter_has_a_spec_with_a_reason():
    for p in PARAMS.values():
        spec = p.uncertainty
        assert isinstance(spec, Spec), p.path
        assert spec.reason, p.path


def test_named_tables_name_registry_parameters():
    assert set(FIXED) <= set(PARAMS)
    assert set(NAMED) <= set(PARAMS)
    assert not set(FIXED) & set(NAMED)


@pytest.mark.parametrize("p", UNCERTAIN, ids=lambda p: p.path)
def test_median_at_default_and_support_inside_range(p):
    spec = p.uncertainty
    p10, p50, p90 = quantiles(spec)
    assert math.isclose(p50, float(p.default), rel_tol=1e-9, abs_tol=1e-12), p.path
    lo, hi = support(spec)
    assert p.lo <= lo <= p10 < p50 < p90 <= hi <= p.hi, p.path


def test_the_world_is_uncertain_and_decisions_are_not():
    """An operator's levers are fixed; the literature's and the assumptions' numbers are not."""
    for path in ("price.elasticity", "funnel.conversion_rate", "store.aov", "repeat.r",
                 "service.rt_half_life_s", "price.pull_forward", "promotion.coupon.claim_rate"):  # fmt: skip
        assert not PARAMS[path].uncertainty.fixed, path
    for path in ("horizon_days", "promotion.item_discount.pct", "traffic.paid_search.budget_per_day",
                 "service.agents", "finance.agent_wage_per_day", "repeat.gg_v", "promotion.audience"):  # fmt: skip
        assert PARAMS[path].uncertainty.fixed, path


def test_model_md_9_1_named_distributions():
    eps = PARAMS["price.elasticity"].uncertainty
    assert eps.family == "normal" and eps.params == (-2.62, 0.8)
    assert support(eps)[1] <= -0.2 and support(eps)[0] >= -6
    aov = PARAMS["store.aov"].uncertainty
    assert aov.family == "lognormal" and aov.params == (115.5, 0.10)
    h = PARAMS["service.rt_half_life_s"].uncertainty
    assert h.family == "lognormal" and h.params == (120.0, 0.5)
    assert quantiles(h, (0.1,))[0] < 68 < 120  # covers the seed-implied 68 s
    sb = PARAMS["basket.sigma"].uncertainty
    assert sb.family == "uniform" and support(sb) == pytest.approx((0.4, 0.8))
    for path in ("price.conversion_share", "dsr.beta", "membership.referral.repeat_multiplier"):
        assert PARAMS[path].uncertainty.family == "triangular"
    for path in ("funnel.inquiry_rate", "funnel.inquiry_conversion", "payment.pay_now_share",
                 "dsr.rating_rate", "membership.enrollment_rate", "membership.points.breakage"):  # fmt: skip
        assert PARAMS[path].uncertainty.family == "beta", path


def test_provenance_orders_the_width():
    """Seed numbers narrow, literature wider, assumptions widest (relative P10–P90)."""

    def rel(path):
        p10, p50, p90 = quantiles(PARAMS[path].uncertainty)
        return (p90 - p10) / p50

    assert (
        rel("service.rt_ref_s") < rel("repeat.r") < rel("service.handle_min")
    )  # SEED<LIT<ASSUMPTION
    assert (
        rel("funnel.inquiry_conversion")
        < rel("price.cannibalisation")
        < rel("payment.late_pay_share")
    )


def test_beta_from_counts_reproduces_model_md_example():
    spec = beta_from_counts(12, 215)
    assert spec.params == (13.0, 204.0)
    assert spec.dist().mean() == pytest.approx(0.05991, abs=5e-6)
    with pytest.raises(ValueError):
        beta_from_counts(5, 3)


@pytest.mark.parametrize("p", UNCERTAIN[::7], ids=lambda p: p.path)
def test_ppf_is_vectorised_and_monotone(p):
    spec = p.uncertainty
    u = np.linspace(0.0, 1.0, 201)
    x = ppf(spec, u)
    assert x.shape == u.shape
    assert np.all(np.diff(x) >= 0)
    grid = ppf(spec, u.reshape(3, 67))
    assert grid.shape == (3, 67)
    np.testing.assert_array_equal(grid.ravel(), x[:201])


def test_fixed_ppf_is_constant():
    spec = PARAMS["horizon_days"].uncertainty
    np.testing.assert_array_equal(ppf(spec, np.array([0.1, 0.9])), [180.0, 180.0])


def test_integer_parameter_draws_whole_numbers():
    x = ppf(PARAMS["repeat.lifetime_days"].uncertainty, np.linspace(0.01, 0.99, 50))
    np.testing.assert_array_equal(x, np.rint(x))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(UNCERTAIN), st.floats(0.0, 1.0))
def test_spec_around_any_value_keeps_its_median_and_range(p, t):
    """Around a scenario's own value the rule keeps the median there (or fixes it at an edge)."""
    x = p.lo + t * (p.hi - p.lo)
    if p.kind == "int":
        x = round(x)
    spec = spec_for(p, x)  # an edge value is fixed, never refused
    lo, hi = support(spec)
    assert p.lo <= lo <= hi <= p.hi
    p50 = quantiles(spec)[1]
    assert math.isclose(p50, x, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, abs(p.hi - p.lo)))


# ---------------------------------------------------------------------------- overrides
def test_override_spec_hits_its_p10_and_p90():
    p = PARAMS["price.elasticity"]
    spec = override_spec(p, Override(family="normal", p10=-3.0, p90=-2.0), -2.62)
    p10, p50, p90 = quantiles(spec)
    assert p10 == pytest.approx(-3.0, abs=1e-3) and p90 == pytest.approx(-2.0, abs=1e-3)
    assert p50 == pytest.approx(-2.5)
    ln = override_spec(PARAMS["store.aov"], Override(family="lognormal", p10=100, p90=150), 115.5)
    assert quantiles(ln) == pytest.approx((100, math.sqrt(100 * 150), 150), rel=1e-5)
    assert override_spec(p, Override(family="fixed"), -2.0).params == (-2.0,)


@pytest.mark.parametrize(
    ("path", "ov", "code"),
    [
        ("no.such", Override(p10=0.1, p90=0.2), "unc_path"),
        ("promotion.audience", Override(p10=0.1, p90=0.2), "unc_kind"),
        ("funnel.conversion_rate", Override(p10=0.03, p90=0.02), "unc_width"),
        ("funnel.conversion_rate", Override(p10=0.02, p90=0.5), "unc_range"),
        ("funnel.conversion_rate", Override(p10=0.02), "unc_missing"),
        ("traffic.growth_pct_month", Override(family="lognormal", p10=-1, p90=5), "unc_positive"),
    ],
)
def test_bad_override_refused(path, ov, code):
    with pytest.raises(ModelError) as exc:
        check_override(path, ov, PARAMS)
    assert exc.value.code == code


def test_override_from_standard_error():
    p = PARAMS["repeat.r"]
    ov = override_from_se(p, 0.3, 0.03, "calibrated")
    assert ov.family == "lognormal"
    spec = override_spec(p, ov, 0.3)
    p10, p50, p90 = quantiles(spec)
    assert p50 == pytest.approx(0.3, rel=1e-5)
    assert math.log(p90 / p10) / (2 * 1.2815515655446004) == pytest.approx(0.1, rel=1e-5)
    wide = override_spec(p, override_from_se(p, 0.3, 0.06, "calibrated"), 0.3)
    assert quantiles(wide)[2] > p90  # a larger SE widens the spec
    eps = override_from_se(PARAMS["price.elasticity"], -2.0, 0.5, "fit")
    assert eps.family == "normal" and eps.p10 == pytest.approx(
        -2.0 - 1.2815515655446004 * 0.5, rel=1e-5
    )


def test_scenario_spec_follows_the_scenario_and_its_overrides():
    sc = set_param(Scenario(), "funnel.conversion_rate", 0.05)
    assert quantiles(scenario_spec(sc, "funnel.conversion_rate", PARAMS))[1] == pytest.approx(0.05)
    sc2 = sc.model_copy(
        update={"uncertainty": {"funnel.conversion_rate": Override(p10=0.04, p90=0.06)}}
    )
    assert quantiles(scenario_spec(sc2, "funnel.conversion_rate", PARAMS))[0] == pytest.approx(
        0.04, rel=1e-3
    )
    # a list-item template path is drawn around the registry default
    assert quantiles(scenario_spec(sc, "promotion.coupon.claim_rate", PARAMS))[1] == pytest.approx(
        0.3
    )


def test_every_spec_says_why_as_a_code():
    bases = {p.path: p.uncertainty.basis for p in PARAMS.values()}
    assert bases["price.elasticity"] == "named"
    assert bases["funnel.conversion_rate"] == "dashboard"
    assert bases["promotion.item_discount.pct"] == "decision"
    assert bases["finance.agent_wage_per_day"] == "books"
    assert bases["repeat.gg_v"] == "identity"
    assert bases["promotion.audience"] == "choice"
    assert bases["repeat.r"] == "LIT"
    assert bases["service.handle_min"] == "ASSUMPTION"
    for path, b in bases.items():
        assert PARAMS[path].uncertainty.fixed == (
            b
            in (
                "decision",
                "books",
                "identity",
                "shape",
                "question",
                "inside",
                "choice",
                "count",
                "edge",
            )
        ), path


# ---------------------------------------------------------------------------- calibrated values
def _noisy_daily(n: int = 28, noise: float = 0.2, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2025-01-01", periods=n, freq="D")
    uv = 1000.0 * np.exp(rng.normal(0, 0.1, n))
    buyers = uv * 0.03 * np.exp(rng.normal(0, noise, n))
    gmv = buyers * 120.0 * np.exp(rng.normal(0, noise, n))
    return pd.DataFrame({"date": dates, "uv": uv, "buyers": buyers, "gmv": gmv})


def test_a_daily_fit_carries_its_standard_errors_into_the_scenario():
    fit = fit_daily_metrics(_noisy_daily())
    sc = apply_daily_fit(Scenario(), fit, use_growth=False)
    ov = sc.uncertainty["funnel.conversion_rate"]
    assert ov.source == "calibrated" and ov.family == "lognormal"
    spec = scenario_spec(sc, "funnel.conversion_rate", PARAMS)
    assert spec.basis == "calibrated"
    p10, p50, p90 = quantiles(spec)
    assert p50 == pytest.approx(fit.conversion_rate, rel=1e-5)
    s = fit.conversion_se / fit.conversion_rate
    assert math.log(p90 / p10) == pytest.approx(2 * 1.2815515655446004 * s, rel=1e-5)
    assert quantiles(scenario_spec(sc, "store.aov", PARAMS))[1] == pytest.approx(fit.aov, rel=1e-5)
    assert "traffic.growth_pct_month" not in sc.uncertainty  # growth not used: its value is 0
    # noisier data, wider ranges
    noisy = apply_daily_fit(
        Scenario(), fit_daily_metrics(_noisy_daily(noise=0.6)), use_growth=False
    )
    wide = quantiles(scenario_spec(noisy, "funnel.conversion_rate", PARAMS))
    assert math.log(wide[2] / wide[0]) > math.log(p90 / p10)


def test_a_repeat_fit_carries_its_standard_errors():
    rng = np.random.default_rng(1)
    days = pd.date_range("2024-01-01", periods=365, freq="D")
    rows = []
    for i in range(600):  # BG/NBD buyers: rate λ ~ Gamma(0.5, 1/40 per day), dropout p ~ Beta(1, 3)
        first, lam, p = int(rng.integers(0, 150)), rng.gamma(0.5, 1 / 40), rng.beta(1, 3)
        rows.append((f"c{i}", days[first], float(rng.gamma(5, 20))))
        day = float(first)
        while rng.random() > p:
            day += rng.exponential(1 / lam)
            if day >= 365:
                break
            rows.append((f"c{i}", days[int(day)], float(rng.gamma(5, 20))))
    orders = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    fit = fit_repeat_model(orders, calibration_end="2024-10-01")
    sc = apply_repeat_fit(Scenario(), fit, use_alpha=False, gamma_gamma=False)
    # the fit's estimates move together: their correlations reach the scenario (issue 19 item 1)
    sd = np.sqrt(np.diag(fit.cov))
    rho_ab = fit.cov[2, 3] / (sd[2] * sd[3])
    assert sc.correlations[pair_key("repeat.a", "repeat.b")] == pytest.approx(rho_ab, abs=1e-3)
    assert set(sc.correlations) <= {pair_key(x, y) for x, y in
                                    (("repeat.r", "repeat.a"), ("repeat.r", "repeat.b"),
                                     ("repeat.a", "repeat.b"))}  # fmt: skip
    again = Scenario.model_validate_json(sc.model_dump_json())
    assert again.correlations == sc.correlations and hash(again) == hash(sc)
    # a refit replaces the correlations of the paths it fits
    refit = apply_repeat_fit(sc.model_copy(update={}), fit, use_alpha=False, gamma_gamma=False)
    assert refit.correlations == sc.correlations
    for key in ("r", "a", "b"):
        if math.isfinite(fit.stderr[key]) and fit.stderr[key] > 0:
            spec = scenario_spec(sc, f"repeat.{key}", PARAMS)
            assert spec.basis == "calibrated"
            assert quantiles(spec)[1] == pytest.approx(fit.params[key], rel=1e-5)
    assert sc.uncertainty  # at least one fitted SE reached the scenario


def test_correlate_keeps_each_marginal_and_gives_the_correlation():
    """Gaussian copula: every column stays uniform; the normal scores correlate by ρ."""
    from scipy import special, stats

    from simulator.montecarlo import DIMENSIONS, uniforms

    u = uniforms(2048, 5)
    pairs = {pair_key("repeat.a", "repeat.b"): 0.6, pair_key("repeat.a", "repeat.r"): -0.3}
    v = correlate(u, DIMENSIONS, pairs)
    a, b, r = (DIMENSIONS.index(p) for p in ("repeat.a", "repeat.b", "repeat.r"))
    for j in (a, b, r):
        assert stats.kstest(v[:, j], "uniform").pvalue > 0.01
    z = special.ndtri(v[:, [a, b, r]])
    got = np.corrcoef(z.T)
    assert got[0, 1] == pytest.approx(0.6, abs=0.05)
    assert got[0, 2] == pytest.approx(-0.3, abs=0.05)
    untouched = [j for j in range(len(DIMENSIONS)) if j not in (b, r)]
    assert np.array_equal(v[:, untouched], u[:, untouched])  # the first path keeps its own
    assert correlate(u, DIMENSIONS, {}) is u


def test_fit_correlations_shrinks_an_impossible_matrix():
    cov = np.array([[1.0, 0.999, -0.999], [0.999, 1.0, 0.999], [-0.999, 0.999, 1.0]])
    out = fit_correlations(("repeat.r", "repeat.a", "repeat.b"), cov)
    assert out and all(abs(v) < 0.99 for v in out.values())
    Scenario(correlations=out)  # accepted: positive definite
    assert fit_correlations(("repeat.r", None), np.eye(2)) == {}


def test_correlations_are_left_out_of_an_empty_dump():
    assert "correlations" not in Scenario().model_dump()
    sc = Scenario(correlations={"repeat.b|repeat.a": 0.5})
    assert sc.correlations == {"repeat.a|repeat.b": 0.5}  # canonical order
