"""Calibration from the shop's own data (simulator/calibration.py).

- CDNOW (the shipped sample, calibrated to 1997-09-30) reproduces the published BG/NBD estimates
  of Fader, Hardie & Lee (2005) — r 0.243, α 4.414 weeks, a 0.793, b 2.426, LL −9582.43 — with
  the standard errors lifetimes publishes for it, and the Gamma-Gamma p 6.25, q 3.74, v 15.44
  with MODEL.md T6's LL −4055.9177; Hardie's RFM summary of customer 1.
- Synthetic histories drawn from known parameters are recovered within three standard errors
  (three sizes × three seeds), and the fitted log-likelihoods are never below the generating
  parameters' on the same data.
- Conventions: same-day orders are one transaction, the trial is left out of the spend, the
  tracking and repurchase curves count what they say; invariances (date shift, amount scale);
  analytic gradients against finite differences (hypothesis).
- Daily metrics: weekday profile, growth, conversion, AOV and old share recovered; applying a
  fit sets the scenario so that the engine reproduces the fitted numbers.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import Scenario, set_param, simulate
from simulator.calibration import (
    BGNBD_KEYS,
    GG_KEYS,
    PaidExceedsVisitors,
    _bgnbd,
    _gg_terms,
    _grouped,
    apply_daily_fit,
    apply_repeat_fit,
    bgnbd_loglik,
    fit_daily_metrics,
    fit_repeat_model,
    other_visitors,
    simulate_orders,
    summarise,
    transactions,
)
from simulator.clv import gg_loglik
from simulator.engine import calibrate

CDNOW = Path(__file__).resolve().parents[2] / "assets" / "samples" / "cdnow_orders.csv"
WEEK = 7.0


@pytest.fixture(scope="module")
def cdnow():
    orders = pd.read_csv(CDNOW, parse_dates=["date"])
    return fit_repeat_model(orders, calibration_end="1997-09-30")


# --------------------------------------------------------------------------- CDNOW
def test_cdnow_reproduces_the_published_bgnbd_fit(cdnow) -> None:
    """Fader, Hardie & Lee (2005) Table 1 (weeks); α in days is 7× (time-unit invariance)."""
    p = cdnow.params
    assert p["r"] == pytest.approx(0.243, abs=5e-4)
    assert p["alpha"] / WEEK == pytest.approx(4.414, abs=5e-4)
    assert p["a"] == pytest.approx(0.793, abs=5e-4)
    assert p["b"] == pytest.approx(2.426, abs=5e-4)
    # The likelihood of times in days differs from the weeks' by Σx·ln 7 (the densities' scale).
    ll_weeks = cdnow.loglik + cdnow.summary.x.sum() * math.log(WEEK)
    assert ll_weeks == pytest.approx(-9582.43, abs=0.01)
    assert cdnow.converged and cdnow.n_customers == 2357


def test_cdnow_standard_errors_match_lifetimes(cdnow) -> None:
    """lifetimes' BetaGeoFitter summary on the same data: se 0.0126, 0.378 (weeks), 0.186, 0.705."""
    se = cdnow.stderr
    assert se["r"] == pytest.approx(0.012557, rel=2e-3)
    assert se["alpha"] / WEEK == pytest.approx(0.378221, rel=2e-3)
    assert se["a"] == pytest.approx(0.185719, rel=2e-3)
    assert se["b"] == pytest.approx(0.705345, rel=2e-3)


def test_cdnow_gamma_gamma_is_t6(cdnow) -> None:
    """MODEL.md T6: p, q, v = 6.25, 3.74, 15.44 and LL −4055.9177 on the 946 returning customers."""
    p = cdnow.params
    assert (p["p"], p["q"], p["v"]) == pytest.approx((6.25, 3.74, 15.44), abs=0.01)
    assert cdnow.gg_loglik == pytest.approx(-4055.9177, abs=1e-3)
    assert cdnow.n_repeaters == 946 and cdnow.gg_converged
    # lifetimes' GammaGammaFitter standard errors: 1.19, 0.290, 4.16
    se = cdnow.stderr
    assert (se["p"], se["q"], se["v"]) == pytest.approx((1.190, 0.290, 4.160), rel=1e-2)


def test_cdnow_rfm_summary_follows_hardies_conventions(cdnow) -> None:
    """Customer 1 (ID 4): trial 1997-01-01, repeats 01-18 and 08-02, end 09-30 → x = 2,
    t_x = 30.43 weeks = 213 days, T = 38.86 weeks = 272 days, mean repeat value 22.35."""
    s = cdnow.summary
    i = 0  # customers keep the order of the file
    assert (s.x[i], s.t_x[i], s.T[i]) == (2, 213, 272)
    assert s.mbar[i] == pytest.approx((29.73 + 14.96) / 2)
    assert s.x_holdout[i] == 1  # 1997-12-12
    assert int(s.x.sum()) == 2457  # repeat customer-days in the calibration period


def test_cdnow_tracking_counts_every_repeat(cdnow) -> None:
    track = cdnow.tracking()
    s = cdnow.summary
    assert track["actual"].iloc[-1] == s.x.sum() + s.x_holdout.sum()
    assert list(track["holdout"]) == list(track["date"] > pd.Timestamp("1997-09-30"))
    assert (np.diff(track["model"]) >= 0).all() and (np.diff(track["actual"]) >= 0).all()
    actual, model = cdnow.holdout_totals()
    assert actual == s.x_holdout.sum()
    # the same two numbers by the other road: the tracking curve at the end less at the split
    daily = cdnow.tracking(step_days=1).set_index("day")
    split = cdnow.calibration_days
    assert actual == daily["actual"].iloc[-1] - daily.loc[split, "actual"]
    assert model == pytest.approx(daily["model"].iloc[-1] - daily.loc[split, "model"], rel=1e-9)
    assert 0.8 < model / actual < 1.0  # BG/NBD under-forecasts CDNOW's holdout a little


def test_repurchase_curve_counts_who_came_back_within_tau() -> None:
    """By brute force on a small history: of customers followed ≥ τ days, who bought again."""
    orders = simulate_orders(400, {"r": 0.8, "alpha": 40.0, "a": 0.8, "b": 2.5, "p": 5.0,
                                   "q": 4.0, "v": 20.0},
                             acquisition_days=60, observation_days=200,
                             rng=np.random.default_rng(3))  # fmt: skip
    fit = fit_repeat_model(orders)
    curve = fit.repurchase_curve(150).set_index("days")
    tx = transactions(orders)
    last = tx.last_day
    for tau in (1, 10, 45, 150):
        followed = came = 0
        for c in np.unique(tx.customer):
            days = np.sort(tx.day[tx.customer == c])
            if last - days[0] >= tau:
                followed += 1
                came += int(days.size > 1 and days[1] - days[0] <= tau)
        assert curve.loc[tau, "customers"] == followed
        assert curve.loc[tau, "actual"] == pytest.approx(came / followed)
    r, alpha = fit.params["r"], fit.params["alpha"]
    assert curve.loc[45, "model"] == pytest.approx(1 - (alpha / (alpha + 45)) ** r)


# --------------------------------------------------------------------------- conventions
def test_same_day_orders_are_one_transaction_and_the_trial_is_not_spend() -> None:
    orders = pd.DataFrame(
        {
            "customer_id": ["a", "a", "a", "a", "b"],
            "date": pd.to_datetime(
                [
                    "2025-01-01 09:00",
                    "2025-01-01 18:00",
                    "2025-01-05",
                    "2025-01-05 12:00",
                    "2025-01-02",
                ],
                format="mixed",
            ),  # fmt: skip
            "amount": [10.0, 5.0, 20.0, 4.0, 7.0],
        }
    )
    tx = transactions(orders)
    assert sorted(tx.amount.tolist()) == [7.0, 15.0, 24.0]
    s = summarise(tx, calibration_end=10, observation_end=10)
    a = int(np.flatnonzero(s.T == 10)[0])
    assert (s.x[a], s.t_x[a]) == (1, 4)
    assert s.mbar[a] == 24.0  # the repeat day's orders, not the trial's 15
    assert math.isnan(s.mbar[1 - a])


def test_nobody_coming_back_is_refused_in_words() -> None:
    orders = pd.DataFrame({"customer_id": [1, 2, 3], "date": ["2025-01-01"] * 3,
                           "amount": [1.0, 2.0, 3.0]})  # fmt: skip
    with pytest.raises(ValueError, match="bought again"):
        fit_repeat_model(orders)
    with pytest.raises(ValueError, match="between"):
        fit_repeat_model(orders, calibration_end="2024-01-01")


def test_few_returning_customers_skip_gamma_gamma() -> None:
    orders = pd.DataFrame({"customer_id": [1, 1, 2, 3], "amount": [5.0, 6.0, 7.0, 8.0],
                           "date": ["2025-01-01", "2025-02-01", "2025-01-03", "2025-01-04"]})  # fmt: skip
    fit = fit_repeat_model(orders)
    assert not fit.has_gamma_gamma
    assert all(math.isnan(fit.params[k]) for k in GG_KEYS)
    assert all(math.isfinite(fit.params[k]) for k in BGNBD_KEYS)


SLOW = {"r": 0.6, "alpha": 240.0, "a": 0.8, "b": 2.5, "p": 6.25, "q": 3.74, "v": 15.44}


def test_shifting_the_dates_or_scaling_the_amounts() -> None:
    """Days since the first order are all that matter; amounts × c scale v by c, not p or q."""
    orders = simulate_orders(3000, SLOW, acquisition_days=120, observation_days=500,
                             rng=np.random.default_rng(11))  # fmt: skip
    end = orders["date"].min() + pd.Timedelta(days=360)
    base = fit_repeat_model(orders, calibration_end=end)
    later = orders.assign(date=orders["date"] + pd.Timedelta(days=4000))
    shifted = fit_repeat_model(later, calibration_end=end + pd.Timedelta(days=4000))
    for k in BGNBD_KEYS + GG_KEYS:
        assert shifted.params[k] == pytest.approx(base.params[k], rel=1e-9)
    scaled = fit_repeat_model(orders.assign(amount=orders["amount"] * 7.0), calibration_end=end)
    assert scaled.params["v"] == pytest.approx(7.0 * base.params["v"], rel=1e-6)
    assert scaled.params["p"] == pytest.approx(base.params["p"], rel=1e-6)
    assert scaled.params["q"] == pytest.approx(base.params["q"], rel=1e-6)


# --------------------------------------------------------------------------- recovery
def _true_logliks(fit) -> tuple[float, float]:
    x, t_x, T, n = _grouped(fit.summary)
    bg = bgnbd_loglik(*(SLOW[k] for k in BGNBD_KEYS), x, t_x, T, n)
    s = fit.summary
    back = (s.x > 0) & (s.mbar > 0)
    gg = gg_loglik(s.x[back], s.mbar[back], *(SLOW[k] for k in GG_KEYS))
    return bg, gg


@pytest.mark.parametrize("n", [3_000, 10_000, 40_000])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_known_parameters_are_recovered_within_their_standard_errors(n: int, seed: int) -> None:
    """Two years of orders (trials over the first half year, calibration 18 months) at a pace
    where the daily clock merges under 0.5% of repeats ((r + 1)/α, see simulate_orders)."""
    orders = simulate_orders(n, SLOW, acquisition_days=180, observation_days=730,
                             rng=np.random.default_rng(seed))  # fmt: skip
    fit = fit_repeat_model(orders, calibration_end=orders["date"].min() + pd.Timedelta(days=545))
    assert fit.converged and fit.gg_converged
    for key, true in SLOW.items():
        z = (fit.params[key] - true) / fit.stderr[key]
        assert abs(z) < 3.0, (key, fit.params[key], fit.stderr[key])
    bg_true, gg_true = _true_logliks(fit)
    assert fit.loglik >= bg_true
    assert fit.gg_loglik >= gg_true


def test_the_fit_beats_the_generating_parameters_at_cdnow_pace() -> None:
    """At CDNOW's daily pace the day clock biases the shapes, but the optimum is still the
    optimum: no parameter set, the true one included, has a higher likelihood on the data."""
    fast = {"r": 0.243, "alpha": 30.9, "a": 0.793, "b": 2.426, "p": 6.25, "q": 3.74, "v": 15.44}
    orders = simulate_orders(5000, fast, acquisition_days=84, observation_days=546,
                             rng=np.random.default_rng(5))  # fmt: skip
    fit = fit_repeat_model(orders, calibration_end=orders["date"].min() + pd.Timedelta(days=272))
    x, t_x, T, n = _grouped(fit.summary)
    assert fit.loglik >= bgnbd_loglik(*(fast[k] for k in BGNBD_KEYS), x, t_x, T, n)


# --------------------------------------------------------------------------- gradients
def _numeric_grad(f, params: np.ndarray) -> np.ndarray:
    out = np.empty_like(params)
    for i in range(params.size):
        h = 1e-6 * params[i]
        up, down = params.copy(), params.copy()
        up[i] += h
        down[i] -= h
        out[i] = (f(up)[0] - f(down)[0]) / (2 * h)
    return out


positive = st.floats(0.05, 20.0)


@settings(max_examples=60, deadline=None)
@given(r=positive, alpha=st.floats(1.0, 500.0), a=positive, b=positive, seed=st.integers(0, 99))
def test_bgnbd_gradient_is_the_derivative_of_the_likelihood(r, alpha, a, b, seed) -> None:
    rng = np.random.default_rng(seed)
    T = rng.integers(1, 400, size=30).astype(float)
    x = rng.integers(0, 6, size=30).astype(float)
    t_x = np.where(x > 0, np.floor(T * rng.random(30)), 0.0)
    w = rng.integers(1, 5, size=30).astype(float)
    params = np.array([r, alpha, a, b])

    def f(p):
        return _bgnbd(p, x, t_x, T, w)

    ll, grad = f(params)
    assert ll == pytest.approx(bgnbd_loglik(r, alpha, a, b, x, t_x, T, w))
    assert grad == pytest.approx(_numeric_grad(f, params), rel=1e-4, abs=1e-4)


@settings(max_examples=60, deadline=None)
@given(p=st.floats(0.2, 30.0), q=st.floats(1.1, 30.0), v=st.floats(0.5, 500.0),
       seed=st.integers(0, 99))  # fmt: skip
def test_gamma_gamma_gradient_is_the_derivative_of_the_likelihood(p, q, v, seed) -> None:
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 8, size=40).astype(float)
    m = rng.gamma(3.0, 20.0, size=40) + 0.01
    f = _gg_terms(x, m)
    params = np.array([p, q, v])
    ll, grad = f(params)
    assert ll == pytest.approx(gg_loglik(x, m, p, q, v), rel=1e-10)
    assert grad == pytest.approx(_numeric_grad(f, params), rel=1e-4, abs=1e-4)


# --------------------------------------------------------------------------- applying
def test_applied_repeat_fit_makes_the_engine_use_the_fitted_alpha(cdnow) -> None:
    base = set_param(Scenario(), "funnel.inquiry_rate", 0.0)  # CDNOW's old share is high
    plan = apply_repeat_fit(base, cdnow)
    assert (plan.repeat.r, plan.repeat.a, plan.repeat.b) == tuple(
        cdnow.params[k] for k in ("r", "a", "b")
    )
    assert calibrate(plan, plan).alpha_days == pytest.approx(cdnow.params["alpha"], rel=1e-6)
    assert plan.repeat.spend_model == "gamma_gamma"
    assert plan.repeat.gg_v == cdnow.params["v"]
    keep = apply_repeat_fit(base, cdnow, use_alpha=False, gamma_gamma=False)
    assert keep.funnel.old_customer_share == base.funnel.old_customer_share
    assert keep.repeat.spend_model == base.repeat.spend_model


def _daily(n: int, seed: int, growth: float = 0.03) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2026-06-01", periods=n)  # a Monday
    w = np.array([1.0, 0.95, 0.9, 0.95, 1.05, 1.2, 1.25])
    w = w / w.mean()
    t = np.arange(n)
    uv = 5000 * w[dates.day_of_week] * (1 + growth) ** (t / 30) * np.exp(rng.normal(0, 0.05, n))
    buyers = rng.binomial(np.rint(uv).astype(int), 0.025)
    gmv = buyers * 120 * np.exp(rng.normal(0, 0.03, n))
    old = rng.binomial(buyers, 0.22)
    frame = pd.DataFrame({"date": dates, "uv": np.rint(uv), "buyers": buyers, "gmv": gmv,
                          "old_buyers": old})  # fmt: skip
    return frame, w


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_daily_metrics_recover_the_baseline(seed: int) -> None:
    frame, w = _daily(150, seed)
    fit = fit_daily_metrics(frame)
    assert abs(fit.growth_pct_month - 3.0) < 3 * fit.growth_se and fit.growth_significant
    assert np.allclose(fit.weekday, w, atol=0.04)
    assert abs(fit.conversion_rate - 0.025) < 3 * fit.conversion_se
    assert abs(fit.aov - 120 * math.exp(0.03**2 / 2)) < 3 * fit.aov_se
    assert abs(fit.old_customer_share - 0.22) < 3 * fit.old_share_se
    assert fit.uv_level == pytest.approx(5000 * 1.03 ** (150 / 30), rel=0.03)


def test_an_exact_weekly_pattern_gives_its_level_and_profile_exactly() -> None:
    """No noise, no trend: the profile is the pattern and the level its mean, to rounding."""
    dates = pd.date_range("2026-06-03", periods=70)  # a Wednesday: weeks need not start Monday
    w = np.array([0.9, 0.8, 0.85, 1.0, 1.1, 1.2, 1.15])
    uv = 3000.0 * w[dates.day_of_week] / w.mean()
    frame = pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "uv": uv, "buyers": uv * 0.03,
                          "gmv": uv * 0.03 * 99.0})  # fmt: skip
    fit = fit_daily_metrics(frame.iloc[::-1])  # order and text dates do not matter
    assert fit.uv_mean == pytest.approx(3000.0, rel=1e-12)
    assert fit.uv_level == pytest.approx(3000.0, rel=1e-9)
    assert np.allclose(fit.weekday, w / w.mean(), rtol=1e-12)
    assert fit.growth_pct_month == pytest.approx(0.0, abs=1e-9)
    assert (fit.conversion_rate, fit.aov) == pytest.approx((0.03, 99.0), rel=1e-12)
    assert fit.start == pd.Timestamp("2026-06-03") and fit.end == pd.Timestamp("2026-08-11")
    assert not fit.has_old_share


def test_visitors_that_explode_are_refused_in_words() -> None:
    frame = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=7),
                          "uv": [10.0 ** (30 * k) for k in range(7)], "buyers": 1.0,
                          "gmv": 10.0})  # fmt: skip
    with pytest.raises(ValueError, match="wildly"):
        fit_daily_metrics(frame)


def test_no_trend_is_not_significant_and_few_days_are_refused() -> None:
    flat, _ = _daily(84, 4, growth=0.0)
    fit = fit_daily_metrics(flat)
    assert not fit.growth_significant
    with pytest.raises(ValueError, match="at least 7"):
        fit_daily_metrics(flat.head(6))
    short = fit_daily_metrics(flat.head(10))  # too few for a weekday profile
    assert short.weekday == (1.0,) * 7 and not short.has_weekday
    kept = set_param(Scenario(), "traffic.weekday_profile", (1, 1, 1, 1, 1, 2, 2))
    applied = apply_daily_fit(kept, short, use_growth=False)
    assert applied.traffic.weekday_profile == kept.traffic.weekday_profile  # not measured


def test_applied_daily_fit_reproduces_the_numbers_in_the_engine() -> None:
    frame, _ = _daily(120, 7)
    fit = fit_daily_metrics(frame)
    base = set_param(Scenario(), "traffic.paid_search.budget_per_day", 500.0)
    sc = apply_daily_fit(base, fit, use_growth=True)
    assert sc.traffic.organic_uv == pytest.approx(fit.uv_level - other_visitors(base))
    assert sc.funnel.conversion_rate == fit.conversion_rate
    assert sc.store.aov == fit.aov
    assert sc.funnel.old_customer_share == fit.old_customer_share
    day = simulate(sc).daily
    # day 0 falls on its start date's real weekday (issue 16), whichever day the test runs
    first = fit.weekday[sc.start_date.weekday()] / np.mean(fit.weekday)
    assert day["uv_organic"].iloc[0] == pytest.approx(sc.traffic.organic_uv * first, rel=1e-9)
    assert day["uv"].iloc[0] == pytest.approx(day["uv_organic"].iloc[0] + other_visitors(base))
    flat = apply_daily_fit(base, fit, use_growth=False)
    assert flat.traffic.growth_pct_month == 0.0
    assert flat.traffic.organic_uv == pytest.approx(fit.uv_mean - other_visitors(base))
    # With a flat week and no trend, day 0 is any day: the store-level identities hold on it.
    flat_frame, _ = _daily(120, 9, growth=0.0)
    flat_fit = fit_daily_metrics(flat_frame.assign(uv=flat_frame["uv"].mean()))
    even = apply_daily_fit(Scenario(), flat_fit, use_growth=False)
    first = simulate(even).daily.iloc[0]
    assert first["conversion_rate"] == pytest.approx(flat_fit.conversion_rate, rel=1e-9)
    assert first["old_customer_share"] == pytest.approx(flat_fit.old_customer_share, rel=1e-9)
    assert first["uv"] == pytest.approx(flat_fit.uv_mean, rel=1e-12)
    rich = set_param(base, "traffic.paid_search.budget_per_day", 1e6)
    with pytest.raises(PaidExceedsVisitors):
        apply_daily_fit(rich, fit, use_growth=True)


def test_the_repeat_fit_runs_with_blas_pinned_to_one_thread(monkeypatch) -> None:
    """BLAS/OpenMP pools hold one thread while the BG/NBD fit runs (threadpoolctl): on a 2-core
    machine the default pools made the CDNOW fit 10-30x slower (issue 18)."""
    from threadpoolctl import threadpool_info

    import simulator.calibration as calibration

    seen: list[int] = []
    maximise = calibration._maximise

    def spy(*args, **kwargs):
        seen.extend(pool["num_threads"] for pool in threadpool_info())
        return maximise(*args, **kwargs)

    monkeypatch.setattr(calibration, "_maximise", spy)
    fit_repeat_model(pd.read_csv(CDNOW, parse_dates=["date"]), calibration_end="1997-09-30")
    assert seen and set(seen) == {1}
