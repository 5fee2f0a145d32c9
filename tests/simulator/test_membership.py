"""Membership and repurchase streams in the engine (MODEL.md §5.8–5.13, §6.6, V6, T19)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import PARAMS, Scenario, load_preset, set_param, simulate
from simulator.membership import (
    loyal_share,
    member_day_mask,
    priced_uptake,
    repeat_basket,
    viral_factor,
)
from simulator.repurchase import repurchase_rate
from simulator.traffic import event_days

SCHEMES = ("member_price", "member_day", "points", "card", "stored_value", "referral", "outreach")
#: Each scheme switched on with nothing to give: zero uptake, zero depth, zero rate.
ZERO = {
    "member_price": {"discount": 0.0},
    "member_day": {"uplift": 0.0},
    "points": {
        "per_yuan": 0.0,
        "prompt_pay_share": 0.0,
        "review_share": 0.0,
        "signin_rate": 0.0,
        "favourite_share": 0.0,
    },
    "card": {"uptake": 0.0},
    "stored_value": {"uptake": 0.0},
    "referral": {"rate": 0.0},
    "outreach": {"uplift": 0.0, "reach": 0.0},
}
CAMPAIGN = [{"kind": "item_discount", "start_day": 40, "end_day": 43, "pct": 0.2}]


def _on(sc: Scenario, scheme: str, **fields: object) -> Scenario:
    sc = set_param(sc, f"membership.{scheme}.enabled", True)
    for name, value in fields.items():
        sc = set_param(sc, f"membership.{scheme}.{name}", value)
    return sc


def _base(days: int = 200) -> Scenario:
    return set_param(set_param(Scenario(), "horizon_days", days), "promotions", CAMPAIGN)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_scheme_with_zero_uptake_gives_exactly_the_baseline(scheme: str) -> None:
    base = _base()
    plan = _on(base, scheme, **ZERO[scheme])
    d0, d1 = simulate(base).daily, simulate(plan, reference=base).daily
    for col in d0.columns:
        np.testing.assert_array_equal(d1[col].to_numpy(), d0[col].to_numpy(), err_msg=col)


def test_all_schemes_at_zero_together_give_exactly_the_baseline() -> None:
    base = _base()
    plan = base
    for scheme in SCHEMES:
        plan = _on(plan, scheme, **ZERO[scheme])
    d0, d1 = simulate(base).daily, simulate(plan, reference=base).daily
    np.testing.assert_array_equal(d1.to_numpy(), d0.to_numpy())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    u=st.lists(
        st.floats(0.0, float(PARAMS["membership.repeat_uplift"].hi)), min_size=2, max_size=2
    ),
    e=st.floats(0.0, 1.0),
    card=st.booleans(),
)
def test_a_bigger_member_uplift_never_lowers_repeat_orders(
    u: list[float], e: float, card: bool
) -> None:
    base = set_param(_base(120), "membership.enrollment_rate", e)
    if card:
        base = _on(base, "card", uptake=0.3)
    lo, hi = sorted(u)
    d_lo = simulate(set_param(base, "membership.repeat_uplift", lo), reference=base).daily
    d_hi = simulate(set_param(base, "membership.repeat_uplift", hi), reference=base).daily
    assert (d_hi["orders_repeat"] >= d_lo["orders_repeat"] * (1 - 1e-12)).all()


@pytest.mark.parametrize(
    ("scheme", "path"),
    [("card", "membership.card.repeat_uplift"), ("stored_value", "membership.stored_value.repeat_uplift"),
     ("referral", "membership.referral.repeat_multiplier")],
)  # fmt: skip
def test_bigger_scheme_uplifts_never_lower_repeat_orders(scheme: str, path: str) -> None:
    base = _base(365)
    plan = _on(base, scheme, uptake=0.5) if scheme != "referral" else _on(base, scheme, rate=0.002)
    lo, hi = PARAMS[path].lo, PARAMS[path].hi
    d_lo = simulate(set_param(plan, path, lo), reference=base).daily["orders_repeat"]
    d_hi = simulate(set_param(plan, path, hi), reference=base).daily["orders_repeat"]
    assert (d_hi >= d_lo * (1 - 1e-12)).all() and d_hi.sum() > d_lo.sum()


def test_a_plan_equal_to_its_reference_keeps_the_calibrated_old_share_with_schemes_on() -> None:
    """Z normalises the streams: a store that already runs a card and stored value shows its own
    old-customer share on day 0 (MODEL.md §10c)."""
    sc = _on(_on(set_param(Scenario(), "horizon_days", 30), "card", uptake=0.4), "stored_value",
             uptake=0.3)  # fmt: skip
    d = simulate(sc).daily
    assert d["old_customer_share"].iloc[0] == pytest.approx(sc.funnel.old_customer_share, rel=2e-3)


def test_engine_ledgers_balance_every_day() -> None:
    plan = _base(365)
    for scheme, fields in {
        "points": {},
        "card": {"uptake": 0.2},
        "stored_value": {"uptake": 0.1},
    }.items():
        plan = _on(plan, scheme, **fields)
    d = simulate(plan, reference=_base(365)).daily
    sv = d["stored_value_topups"].cumsum() - d["stored_value_spent"].cumsum()
    sv -= d["stored_value_breakage"].cumsum()
    np.testing.assert_allclose(sv, d["stored_value_liability"], rtol=1e-9, atol=1e-6)
    assert (d["points_liability"] >= 0).all() and d["points_liability"].iloc[-1] > 0
    # lifetime of a T1 card is a year: within 365 days holders only grow, and sales = new cards,
    # each holder still there while her account is (e^{−τ/L}, repurchase docstring)
    assert (d["card_holders"].diff().fillna(0) >= -1e-9).all() and d["card_holders"].iloc[-1] > 0
    present = np.exp(-np.arange(365) / plan.repeat.lifetime_days)
    expected = np.convolve(d["card_sales"] / 20, present)[:365]
    np.testing.assert_allclose(expected, d["card_holders"], rtol=1e-9)
    # cash = profit + what arrives before it is earned (stored value, card sales) − points owed
    timing = (d["stored_value_topups"] - d["stored_value_spent"] - d["stored_value_breakage"]) + (
        d["card_sales"] - d["card_revenue"]
    )
    assert ((d["cash"] - d["profit"]) >= timing - 1e-6).all()


def test_t19_referrals_converge_to_k_over_one_minus_k() -> None:
    """With K = e·ρ·L < 1, every organic buyer brings K/(1 − K) referred buyers in steady state."""
    base = set_param(set_param(Scenario(), "horizon_days", 730), "traffic.weekday_profile", [1] * 7)
    plan = _on(base, "referral", rate=0.004, active_days=100)
    k = viral_factor(plan)
    assert k == pytest.approx(0.3 * 0.004 * 100)
    d, d0 = simulate(plan, reference=base).daily, simulate(base).daily
    late = slice(600, 700)
    ratio = d["orders_referred"][late].mean() / d0["orders_new"][late].mean()
    assert ratio == pytest.approx(k / (1 - k), rel=1e-3)
    assert "referral_explosive" not in simulate(plan, reference=base).warnings
    boom = _on(base, "referral", rate=0.01, active_days=400)
    assert viral_factor(boom) >= 1
    assert (
        "referral_explosive"
        in simulate(set_param(boom, "horizon_days", 60), reference=base).warnings
    )


def test_member_day_borrows_from_the_following_days() -> None:
    base = set_param(set_param(Scenario(), "horizon_days", 120), "start_date", "2026-01-01")
    plan = _on(base, "member_day", uplift=1.0, day_of_month=10)
    d, d0 = simulate(plan, reference=base).daily, simulate(base).daily
    days = [9, 40, 68, 99]  # the 10th of Jan, Feb, Mar, Apr 2026 (calendar months, issue 16)
    assert list(d["date"].iloc[days].dt.day) == [10] * 4
    lift = d["orders_repeat"] / d0["orders_repeat"]
    assert (lift.iloc[days] > 1.05).all()
    assert d["pull_forward_repay"].iloc[10:15].gt(0).all()
    assert d["pull_forward_repay"].iloc[:9].eq(0).all()


def test_member_price_and_outreach() -> None:
    base = _base(120)
    mp = simulate(_on(base, "member_price", discount=0.1), reference=base).daily
    d0 = simulate(base).daily
    assert mp["orders_repeat"].sum() > d0["orders_repeat"].sum()
    assert mp["member_price_cost"].sum() > 0
    assert (mp["discount_cost"] >= mp["member_price_cost"] - 1e-9).all()
    out = simulate(_on(base, "outreach", uplift=0.5, reach=1.0), reference=base).daily
    on = slice(40, 44)
    # × (1 + reach·u_out); the event's pull-forward debt grows with it, hence the tolerance
    np.testing.assert_allclose(out["orders_repeat"][on] / d0["orders_repeat"][on], 1.5, rtol=1e-4)
    assert out["outreach_cost"].iloc[40] > 0 and out["outreach_cost"].drop(index=40).eq(0).all()


@pytest.mark.parametrize(
    ("preset", "inquiries", "old_share", "loyal"),
    [("new_store", (0, 50), (0.05, 0.10), None), ("mid_store", (100, 300), None, 0.146),
     ("large_store", (500, np.inf), None, 0.217)],
)  # fmt: skip
def test_v6_store_stage_presets(preset, inquiries, old_share, loyal) -> None:
    """Seed 003's store stages: 新店 < 50 inquiries a day, 老客户占比 5–10 %; 中级 100–300, 忠实客户
    > 5 % (model: 14.6 %); 高级 > 500, > 10 % (21.7 %). The mature stores are 3 and 5 years old
    with a one-year mean customer lifetime (T17); the one- and two-year-old stores without account
    exit gave 10.0 % and 15.4 %."""
    sc = load_preset(preset)
    res = simulate(sc)
    assert inquiries[0] <= res.daily["inquiries"].mean() < inquiries[1]
    if old_share:
        # on day 0 (a new store ages fast: its share rises over the horizon)
        assert old_share[0] <= res.daily["old_customer_share"].iloc[0] <= old_share[1]
    if loyal:
        rp, cal = sc.repeat, res.calibration
        assert loyal_share(
            cal.age_days, rp.r, cal.alpha_days, rp.a, rp.b, rp.lifetime_days
        ) == pytest.approx(loyal, abs=1e-3)


# ---------------------------------------------------------------- Gamma-Gamma repeat spend (§6.6)
def _gg(sc: Scenario, **values: float) -> Scenario:
    sc = set_param(sc, "repeat.spend_model", "gamma_gamma")
    for name, value in values.items():
        sc = set_param(sc, f"repeat.gg_{name}", value)
    return sc


def test_gamma_gamma_repeat_value_is_the_population_mean() -> None:
    base = set_param(Scenario(), "horizon_days", 60)
    # The registry's default v makes p·v/(q − 1) the default AOV: without promotions the plan
    # is the ratio model's plan to the yuan.
    d0, d1 = simulate(base).daily, simulate(_gg(base), reference=base).daily
    np.testing.assert_allclose(d1["aov_repeat"], d0["aov_repeat"], rtol=1e-5)
    np.testing.assert_allclose(d1["gmv"], d0["gmv"], rtol=1e-5)
    # T6's CDNOW values: an old customer's order is worth p·v/(q − 1) = 35.219
    d2 = simulate(_gg(base, p=6.25, q=3.74, v=15.44), reference=base).daily
    np.testing.assert_allclose(d2["aov_repeat"], 35.219, atol=1e-3)
    np.testing.assert_allclose(d2["aov_new"], d0["aov_new"])


def test_gamma_gamma_spread_moves_threshold_offers_for_old_customers() -> None:
    """Same mean, different spread: the old customers' basket σ is matched to the Gamma-Gamma
    CV, so a 满减 above the mean meets their baskets differently; new customers are untouched."""
    offer = [{"kind": "threshold_discount", "start_day": 5, "end_day": 9, "tiers": [[199, 30]]}]
    base = set_param(set_param(Scenario(), "horizon_days", 30), "promotions", offer)
    mean = 115.5
    tight = _gg(base, p=50.0, q=60.0, v=mean * 59.0 / 50.0)
    wide = _gg(base, p=2.0, q=3.0, v=mean * 2.0 / 2.0)
    for sc, p, q in ((tight, 50.0, 60.0), (wide, 2.0, 3.0)):
        m, sigma = repeat_basket(sc)
        assert m == pytest.approx(mean)
        assert sigma == pytest.approx(np.sqrt(np.log1p((p + q - 1) / (p * (q - 2)))))
    dt, dw = simulate(tight, reference=base).daily, simulate(wide, reference=base).daily
    on, off = slice(5, 10), slice(0, 5)
    assert (dw["aov_repeat"][on] != dt["aov_repeat"][on]).all()
    np.testing.assert_allclose(dw["aov_repeat"][off], dt["aov_repeat"][off])
    np.testing.assert_allclose(dw["aov_new"], dt["aov_new"])


def test_gamma_gamma_with_infinite_variance_is_flagged() -> None:
    sc = _gg(set_param(Scenario(), "horizon_days", 30), q=1.8)
    res = simulate(sc)
    assert "gg_heavy_tail" in res.warnings
    assert np.isfinite(res.daily["gmv"]).all()


# ---------------------------------------------------------------- paid membership (sBG renewals)
def test_a_paid_membership_lapses_at_the_sbg_rate_and_earns_its_fee() -> None:
    base = set_param(set_param(Scenario(), "horizon_days", 500), "traffic.weekday_profile", [1] * 7)
    # A membership worth paying for: a 20 % member price valued at 10× its yearly savings.
    base = set_param(_on(base, "member_price", discount=0.2), "membership.wtp_ratio", 10.0)
    paid = set_param(base, "membership.fee", 88.0)
    d1 = simulate(paid, reference=base).daily
    # The fee puts some buyers off (WTP below 88 yuan): the same enrolment, free, is the yardstick.
    e = priced_uptake(paid, base, simulate(base).calibration.alpha_days)[0]
    assert 0.01 < e < 0.5 * paid.membership.enrollment_rate
    d0 = simulate(set_param(base, "membership.enrollment_rate", e), reference=base).daily
    # Members who joined before day 0 keep the reference's (free) terms; the plan's new members pay.
    new_members = e * d1["orders_new"]
    np.testing.assert_allclose(d1["membership_fee_cash"][:365], 88.0 * new_members[:365])
    assert d1["members"][364] == pytest.approx(d0["members"][364], rel=1e-9)
    # a year on, 37.3 % of the first year's members still there let their membership lapse
    # (sBG r_1 = 0.627; an account present after τ days: e^{−τ/L})
    lapsed = d0["members"][400] - d1["members"][400]
    days = np.arange(400 - 365 + 1)
    still_there = np.exp(-(400 - days) / paid.repeat.lifetime_days)
    joined_first_days = (new_members[: 400 - 365 + 1] * still_there).sum()
    assert lapsed == pytest.approx((1 - 0.627) * joined_first_days, rel=2e-3)
    # lapsed members lose the member uplift: fewer repeat orders, fee revenue in profit
    assert (d1["orders_repeat"][366:] < d0["orders_repeat"][366:]).all()
    np.testing.assert_allclose(
        d1["membership_fee_cash"].cumsum() - d1["membership_fee_revenue"].cumsum(),
        (d1["cash"] - d1["profit"]).cumsum(),
        rtol=1e-9,
    )


# ---------------------------------------------------------------- points: seed 003's rules (§5.9)
def test_points_rules_reach_the_ledger() -> None:
    base = _base(120)
    plan = _on(base, "points")
    res = simulate(plan, reference=base)
    assert "points_review_reward" in res.warnings
    off = _on(base, "points", review_reward=False)
    r_off = simulate(off, reference=base)
    assert "points_review_reward" not in r_off.warnings
    # the review rule's points: 10 × s_rev × member orders, valid L days later, expensed at issue
    p = plan.membership.points
    lag = p.valid_lag_days
    extra = 10 * p.review_share * res.daily["orders_members"].to_numpy()[: 120 - lag]
    expected = extra.sum() * p.yuan_per_point * (1 - p.breakage)
    got = res.daily["points_expense"].sum() - r_off.daily["points_expense"].sum()
    assert got == pytest.approx(expected, rel=1e-9)
    # sign-ins: more members signing in never lowers the expense
    more = simulate(set_param(plan, "membership.points.signin_rate", 0.5), reference=base).daily
    assert (more["points_expense"] >= res.daily["points_expense"] - 1e-9).all()
    assert more["points_expense"].sum() > res.daily["points_expense"].sum()


# ---------------------------------------------------------------- warm start of the ledgers
def test_a_store_running_schemes_starts_with_its_liabilities() -> None:
    ref = _base(200)
    ref = _on(_on(_on(ref, "points"), "card", uptake=0.2, tier="T2"), "stored_value", uptake=0.1)
    d = simulate(ref).daily
    assert d["points_liability"].iloc[0] > 0.5 * d["points_liability"].iloc[-1]
    assert d["card_holders"].iloc[0] > 0 and d["stored_value_liability"].iloc[0] > 0
    # a plan that stops the card keeps the holders the store has, as long as their accounts last
    # (e^{−1/L} a day): they still ship free
    stop = set_param(ref, "membership.card.enabled", False)
    d_stop = simulate(stop, reference=ref).daily
    held = d_stop["card_holders"].to_numpy()
    np.testing.assert_allclose(held[1:] / held[:-1], np.exp(-1 / ref.repeat.lifetime_days))
    assert 0 < d_stop["card_holders"].iloc[0] < d["card_holders"].iloc[0]
    assert (d_stop["card_free_orders"] > 0).all()
    assert not d_stop["card_sales"].any()


# ---------------------------------------------------------------- scheme prices and their uptake
FEES = (0.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0)
CARD_PRICES = (5.0, 10.0, 20.0, 50.0, 100.0, 200.0)


def _mid_year(*schemes: str) -> Scenario:
    sc = set_param(load_preset("mid_store"), "horizon_days", 365)
    for scheme in schemes:
        sc = set_param(sc, f"membership.{scheme}.enabled", True)
    return sc


@pytest.mark.parametrize("schemes", [(), ("member_price", "points")])
def test_a_higher_membership_fee_never_adds_members_and_stops_paying(schemes) -> None:
    """Issue 15.1: fee 0 → 2,000 yuan once left members, orders and repeat orders unchanged and
    multiplied profit by 7. Paying members fall with the fee (log-normal WTP around the yuan a
    member saves), and with them their repeat orders; the fee income follows the payers."""
    ref = _mid_year(*schemes)
    runs = [simulate(set_param(ref, "membership.fee", fee), reference=ref) for fee in FEES]
    members = np.array([r.daily["members"].sum() for r in runs])
    repeat = np.array([r.totals["orders_repeat"] for r in runs])
    profit = np.array([r.totals["profit"] for r in runs])
    assert (np.diff(members) <= 1e-9 * members[:-1]).all()
    assert (np.diff(repeat) <= 1e-9 * repeat[:-1]).all()
    assert members[-1] < 0.9 * members[0] and repeat[-1] < repeat[0]
    # Past the members' WTP (a few yuan a year here) a higher fee earns nothing more.
    past = np.array(FEES) >= 50.0
    assert (np.diff(profit[past]) <= 1e-9 * abs(profit[past][:-1])).all()
    assert profit[-1] < 1.02 * profit[0]
    assert runs[-1].totals["membership_fee_revenue"] < 1e-3 * runs[0].totals["profit"]


def test_a_higher_card_price_never_adds_holders() -> None:
    """Issue 15.1: card price 5 → 200 once left the 包邮卡 holders unchanged."""
    ref = _mid_year("card")
    runs = [
        simulate(set_param(ref, "membership.card.price", p), reference=ref) for p in CARD_PRICES
    ]
    holders = np.array([r.daily["card_holders"].sum() for r in runs])
    free = np.array([r.totals["card_free_orders"] for r in runs])
    assert (np.diff(holders) <= 1e-9 * holders[:-1]).all()
    assert (np.diff(free) <= 1e-9 * free[:-1]).all()
    assert holders[-1] < 0.6 * holders[0]
    # The reference's own price keeps its stated uptake exactly (calibration unchanged).
    at_ref = runs[CARD_PRICES.index(ref.membership.card.price)]
    d = simulate(ref).daily
    np.testing.assert_array_equal(at_ref.daily["card_holders"], d["card_holders"])


def test_fee_income_is_paying_members_times_the_fee() -> None:
    """The money follows the holders: with the reference charging the same fee every member in
    force pays it (revenue straight-line over the year); a plan with a new fee is paid by the
    plan's new members at their priced enrolment, and nobody else."""
    ref = set_param(_mid_year("member_price"), "membership.wtp_ratio", 10.0)
    paid = set_param(ref, "membership.fee", 30.0)
    d = simulate(paid).daily  # its own reference: the stated 30 % join at 30 yuan
    np.testing.assert_allclose(d["membership_fee_revenue"], 30.0 * d["members"] / 365, rtol=1e-9)
    alpha = simulate(ref).calibration.alpha_days
    for fee in (10.0, 30.0, 300.0):
        plan = set_param(ref, "membership.fee", fee)
        e = priced_uptake(plan, ref, alpha)[0]
        d1 = simulate(plan, reference=ref).daily
        np.testing.assert_allclose(
            d1["membership_fee_cash"][:365], fee * e * d1["orders_new"][:365], rtol=1e-9
        )
    # The same fee, the same object or a copy: the stated rate holds exactly.
    copy = set_param(paid, "membership.fee", 30.0)
    np.testing.assert_array_equal(simulate(paid, reference=copy).daily.to_numpy(), d.to_numpy())


def test_a_more_valuable_membership_sells_more_at_the_same_fee() -> None:
    """The counterweight of the fee: a deeper member price raises what members save, hence
    their WTP and the share who pay a given fee; free membership does not move."""
    ref = _mid_year("member_price")
    alpha = simulate(ref).calibration.alpha_days
    shares = []
    for discount in (0.02, 0.05, 0.1, 0.2):
        sc = set_param(ref, "membership.member_price.discount", discount)
        shares.append(priced_uptake(set_param(sc, "membership.fee", 20.0), ref, alpha)[0])
        assert priced_uptake(sc, ref, alpha)[0] == ref.membership.enrollment_rate
    assert (np.diff(shares) > 0).all()


def test_member_day_is_one_day_of_each_calendar_month() -> None:
    """The member day is the day_of_month-th of every calendar month from start_date (the one mask
    the engine and the schemes use; loyalty's 30-day-month mask is gone, issue 18)."""
    base = set_param(load_preset("mid_store"), "start_date", "2026-01-01")
    plan = set_param(set_param(base, "membership.member_day.enabled", True),
                     "membership.member_day.day_of_month", 1)  # fmt: skip
    assert np.flatnonzero(member_day_mask(plan, 90)).tolist() == [0, 31, 59]
    assert member_day_mask(plan, 366).sum() == 13  # 2026-01-01 … 2027-01-01
    assert member_day_mask(base, 90).sum() == 0  # switched off: no member day


def test_loyal_share_is_the_survival_weighted_mean_of_the_repurchase_rate() -> None:
    """loyal_share reads RR(τ) from its one home, repurchase.repurchase_rate (issue 18)."""
    r, alpha, a, b = 0.243, 30.898, 0.793, 2.426
    tau = np.arange(1, 366, dtype=float)
    assert loyal_share(365, r, alpha, a, b) == pytest.approx(
        float(repurchase_rate(tau, r, alpha).mean()), rel=1e-12
    )
    w = np.exp(-tau / 200.0)
    assert loyal_share(365, r, alpha, a, b, 200.0) == pytest.approx(
        float((w * repurchase_rate(tau, r, alpha)).sum() / w.sum()), rel=1e-12
    )


def test_event_days_cover_promotions_and_campaign_windows() -> None:
    """One event-day mask for the service desk, the warehouse and campaign outreach (issue 18)."""
    plan = set_param(load_preset("double12_campaign"), "promotions", [
        {"kind": "item_discount", "start_day": 30, "end_day": 31, "pct": 0.1, "coverage": 1.0},
    ])  # fmt: skip
    on = np.flatnonzero(event_days(plan)).tolist()
    assert on == [14, 15, 16, 17, 30, 31]
    assert event_days(plan, 20).tolist() == event_days(plan)[:20].tolist()


def test_survival_by_renewal_count_equals_the_sbg_survival_of_every_age():
    """``card_survival``/``member_survival`` evaluate S(n) once per distinct renewal count: the
    same numbers as ``sbg_survival`` at every age."""
    from simulator.clv import sbg_survival
    from simulator.membership import _by_renewals

    renewals = np.floor(np.maximum(np.arange(1.0, 2000.0) - 1, 0) / 365)
    np.testing.assert_array_equal(_by_renewals(renewals, 0.704, 1.182),
                                  sbg_survival(renewals, 0.704, 1.182))  # fmt: skip
