"""Loyalty ledgers: points, 包邮卡, stored value, deposits, referral, member day (MODEL.md §5.8–§5.13;
validation values §10 T7, T18, T19, T20)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from simulator.loyalty import (
    CARD_RENEWAL_ALPHA,
    CARD_RENEWAL_BETA,
    DEPOSIT_REFUND_MONTHS,
    DEPOSIT_TIERS,
    REFERRAL_TIERS,
    TIERS,
    TOPUP_TIERS,
    capped_uses_per_day,
    card_ledger,
    deposit_ledger,
    deposit_refund_schedule,
    earned_points_per_day,
    expected_order_points,
    expected_signin_points_per_day,
    member_day_multiplier,
    points_for_order,
    points_ledger,
    referral_is_explosive,
    referral_multiplier,
    referral_reward_cost,
    referrals_per_day,
    reward_cost_per_referral,
    sbg_retention,
    sbg_survival,
    signin_points,
    stored_value_ledger,
    subscription_ledger,
    topup_gift_cost,
)

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
daily = hnp.arrays(
    np.float64,
    st.integers(1, 400),
    elements=st.one_of(st.just(0.0), st.floats(0.0, 1e6, allow_nan=False, allow_infinity=False)),
)
lags = st.floats(1.0, 400.0)
shares = st.floats(0.0, 1.0)
validities = st.one_of(st.none(), st.integers(1, 200))


def assert_balances(inflow, *outflows_and_balance) -> None:
    """Σ inflow = Σ outflows + balance on every day, relative to the flow's scale."""
    *outflows, balance = outflows_and_balance
    lhs = np.cumsum(inflow, axis=-1)
    rhs = sum(np.cumsum(o, axis=-1) for o in outflows) + balance
    scale = max(1.0, float(np.abs(lhs).max(initial=0.0)))
    np.testing.assert_allclose(lhs, rhs, rtol=0.0, atol=1e-9 * scale)


def assert_non_negative(*arrays) -> None:
    for a in arrays:
        scale = max(1.0, float(np.abs(a).max(initial=0.0)))
        assert a.min(initial=0.0) >= -1e-9 * scale


# ---------------------------------------------------------------------------- T18 points
def test_t18_order_points_floor_paid_value() -> None:
    assert points_for_order(115.5) == 115.0
    np.testing.assert_array_equal(points_for_order([0.99, 1.0, 115.5, 200.0]), [0, 1, 115, 200])


def test_t18_signin_streak() -> None:
    assert signin_points(10) == 30.0
    np.testing.assert_array_equal(signin_points([0, 1, 9, 10, 11, 20]), [0, 1, 9, 30, 31, 60])


def test_t18_points_valid_day_after_confirmed_receipt() -> None:
    earned = np.zeros(5)
    earned[0] = points_for_order(115.5)
    ledger = points_ledger(earned, valid_lag_days=1, yuan_per_point=0.01)
    np.testing.assert_allclose(ledger.issued, [0.0, 1.15, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(ledger.pending, [1.15, 0.0, 0.0, 0.0, 0.0])
    # nothing is redeemed on the day it becomes valid
    assert ledger.redeemed[1] == 0.0 and ledger.redeemed[2] > 0.0


def test_earned_points_combines_the_seed_rules() -> None:
    got = earned_points_per_day(
        [115.0],
        signins=[10],
        streak_completions=[1],
        new_favourites=[2],
        prompt_payments=[3],
        prompt_good_reviews=[4],
    )
    np.testing.assert_allclose(got, [115 + 10 + 20 + 2 * 5 + 3 * 10 + 4 * 10])


def test_expected_order_points_loses_half_a_yuan() -> None:
    np.testing.assert_allclose(expected_order_points([115.5, 0.2]), [115.0, 0.0])
    # mean of floor(B) for a wide lognormal basket is within a cent of E[B] − 0.5
    rng = np.random.default_rng(7)
    b = rng.lognormal(np.log(115.5) - 0.18, 0.6, 400_000)
    assert points_for_order(b).mean() == pytest.approx(b.mean() - 0.5, abs=0.01)


def test_expected_signin_points() -> None:
    np.testing.assert_allclose(expected_signin_points_per_day([0.0, 1.0]), [0.0, 3.0])
    rng = np.random.default_rng(3)
    q, days = 0.9, 200_000
    signed = rng.random(days) < q
    streak, total = 0, 0.0
    for s in signed:
        streak = streak + 1 if s else 0
        total += s + (20 if s and streak % 10 == 0 else 0)
    assert total / days == pytest.approx(float(expected_signin_points_per_day(q)), rel=0.02)


@PROPERTY
@given(daily, st.integers(0, 10), lags, shares, validities, st.floats(0.0, 1.0))
def test_points_ledger_balances_every_day(earned, lag_valid, lag, brk, validity, v_pt) -> None:
    led = points_ledger(
        earned,
        valid_lag_days=lag_valid,
        yuan_per_point=v_pt,
        breakage=brk,
        mean_redemption_lag_days=lag,
        validity_days=validity,
    )
    assert_balances(led.issued, led.redeemed, led.expired, led.outstanding)
    assert_balances(led.earned, led.issued, led.pending)
    assert_balances(led.expense, led.redeemed, led.provision)
    assert_non_negative(led.redeemed, led.expired, led.outstanding, led.pending, led.provision)
    assert all(a.shape == earned.shape for a in vars(led).values())


def test_points_zero_earned_gives_zero_ledger() -> None:
    led = points_ledger(np.zeros(50), validity_days=None)
    for name, arr in vars(led).items():
        assert not arr.any(), name


@pytest.mark.parametrize("validity", [None, 30])
def test_points_no_breakage_means_everything_is_redeemed(validity) -> None:
    earned = np.zeros(3000)
    earned[:100] = 1000.0
    led = points_ledger(earned, breakage=0.0, mean_redemption_lag_days=60, validity_days=validity)
    assert led.expired.sum() == 0.0
    assert led.redeemed.sum() == pytest.approx(led.issued.sum(), rel=1e-9)
    assert led.outstanding[-1] < 1e-9 * led.issued.sum()


def test_points_breakage_share_and_mean_lag() -> None:
    earned = np.zeros(4000)
    earned[0] = 1e4
    led = points_ledger(earned, valid_lag_days=1, breakage=0.3, mean_redemption_lag_days=60)
    total = led.issued.sum()
    assert led.expired.sum() / total == pytest.approx(0.3, rel=1e-9)
    t = np.arange(4000)
    mean_delay = (t * led.redeemed).sum() / led.redeemed.sum() - 1.0  # valid on day 1
    assert mean_delay == pytest.approx(60.0, rel=1e-9)


def test_points_fixed_validity_expires_breakage_on_time() -> None:
    earned = np.zeros(400)
    earned[0] = 1000.0
    led = points_ledger(
        earned, valid_lag_days=1, yuan_per_point=1.0, breakage=0.3, validity_days=365
    )
    assert np.flatnonzero(led.expired).tolist() == [366]
    assert led.expired[366] == pytest.approx(300.0)


def test_points_ledger_vectorised_over_paths() -> None:
    rng = np.random.default_rng(0)
    earned = rng.exponential(100.0, (3, 90))
    led = points_ledger(earned)
    for i in range(3):
        np.testing.assert_allclose(led.outstanding[i], points_ledger(earned[i]).outstanding)


# ---------------------------------------------------------------------------- 包邮卡
def test_card_tiers_match_seed() -> None:
    t1, t2, t3 = TIERS["T1"], TIERS["T2"], TIERS["T3"]
    assert (t1.addresses, t1.uses_per_month, t1.validity_days, t1.priority_shipping) == (
        1,
        3,
        365,
        False,
    )
    assert (t2.addresses, t2.uses_per_month, t2.validity_days, t2.priority_shipping) == (
        3,
        None,
        None,
        False,
    )
    assert (t3.addresses, t3.uses_per_month, t3.validity_days, t3.priority_shipping) == (
        5,
        None,
        None,
        True,
    )


def test_sbg_renewal_rates_and_t7_projection() -> None:
    a, b = CARD_RENEWAL_ALPHA, CARD_RENEWAL_BETA
    assert float(sbg_retention(1, a, b)) == pytest.approx(0.627, abs=5e-4)
    assert float(sbg_retention(2, a, b)) == pytest.approx(0.756, abs=5e-4)
    assert float(sbg_survival(0, a, b)) == 1.0
    assert float(sbg_survival(2, a, b)) == pytest.approx(
        float(sbg_retention(1, a, b) * sbg_retention(2, a, b)), rel=1e-12
    )
    # MODEL §10 T7: projected S(12) per 1000 = 170.1 (regular) and 378.0 (high-end)
    assert 1000 * float(sbg_survival(12, a, b)) == pytest.approx(170.1, abs=0.05)
    assert 1000 * float(sbg_survival(12, 0.668, 3.806)) == pytest.approx(378.0, abs=0.05)


def test_t1_card_renews_at_expiry_with_default_sbg() -> None:
    members = np.zeros(1100)
    members[0] = 1000.0
    led = card_ledger(
        members,
        uptake=0.1,
        price=365.0,
        tier="T1",
        orders_per_holder_per_day=0.0,
        shipping_fee=10.0,
        shipping_cost=8.0,
    )
    assert led.new_cards[0] == pytest.approx(100.0)
    assert np.flatnonzero(led.renewals).tolist() == [365, 730, 1095]
    assert led.renewals[365] / led.new_cards[0] == pytest.approx(0.627, abs=5e-4)
    assert led.renewals[730] / led.renewals[365] == pytest.approx(0.756, abs=5e-4)
    assert led.holders[364] == pytest.approx(100.0)
    assert led.holders[365] == pytest.approx(led.renewals[365])
    assert led.lapses[365] == pytest.approx(100.0 - led.renewals[365])
    # straight-line recognition: 1 yuan per card-day, nothing deferred at the end of the year
    assert led.revenue_recognised[0] == pytest.approx(100.0)
    assert led.deferred_revenue[364] == pytest.approx(0.0, abs=1e-9)
    assert led.deferred_revenue[365] == pytest.approx(led.renewals[365] * 364.0)


@PROPERTY
@given(
    hnp.arrays(np.float64, st.integers(1, 900), elements=st.floats(0.0, 1e4)),
    st.sampled_from([None, 30, 365]),
    st.floats(0.0, 1000.0),
    st.floats(0.05, 5.0),
    st.floats(0.05, 5.0),
)
def test_subscription_ledger_balances_every_day(new, validity, price, alpha, beta) -> None:
    led = subscription_ledger(
        new, price=price, validity_days=validity, renewal_alpha=alpha, renewal_beta=beta
    )
    assert_balances(led.cash, led.revenue_recognised, led.deferred_revenue)
    assert_balances(led.new, led.lapses, led.in_force)
    np.testing.assert_allclose(led.cash, price * (led.new + led.renewals), rtol=1e-12)
    assert_non_negative(led.in_force, led.deferred_revenue, led.lapses, led.renewals)


def test_paid_membership_renews_like_the_sbg_and_a_free_one_never_lapses() -> None:
    new = np.zeros(800)
    new[0] = 1000.0
    kw = {"renewal_alpha": CARD_RENEWAL_ALPHA, "renewal_beta": CARD_RENEWAL_BETA}
    paid = subscription_ledger(new, price=88.0, validity_days=365, **kw)
    assert paid.in_force[364] == pytest.approx(1000.0)
    assert paid.in_force[365] == pytest.approx(1000.0 * 0.627, abs=0.5)
    assert paid.in_force[730] == pytest.approx(1000.0 * 0.627 * 0.756, abs=0.5)
    assert paid.cash[365] == pytest.approx(88.0 * paid.renewals[365])
    free = subscription_ledger(new, price=0.0, validity_days=None, **kw)
    assert (free.in_force == 1000.0).all() and not free.cash.any()


@pytest.mark.parametrize("tier", ["T2", "T3"])
def test_lifetime_cards_never_lapse_and_are_recognised_on_sale(tier) -> None:
    members = np.full(800, 20.0)
    led = card_ledger(
        members,
        uptake=0.05,
        price=50.0,
        tier=tier,
        orders_per_holder_per_day=0.02,
        shipping_fee=10.0,
        shipping_cost=8.0,
    )
    np.testing.assert_allclose(led.holders, np.cumsum(members) * 0.05)
    assert not led.renewals.any() and not led.lapses.any() and not led.unused_uses.any()
    np.testing.assert_allclose(led.revenue_recognised, led.cash)
    np.testing.assert_allclose(led.deferred_revenue, 0.0, atol=1e-9)
    np.testing.assert_allclose(led.free_shipped_orders, led.holders * 0.02)
    np.testing.assert_allclose(led.shipping_fee_lost, led.free_shipped_orders * 10.0)
    np.testing.assert_allclose(led.shipping_cost_free_orders, led.free_shipped_orders * 8.0)


def test_t1_uses_cap_three_per_month() -> None:
    # N ~ Poisson(3): E[min(N, 3)] = 3 − e^−3·(3 + 2·3 + 3²/2)
    exact = (3.0 - math.exp(-3.0) * (3.0 + 6.0 + 4.5)) / 30.0
    assert float(capped_uses_per_day(0.1, 3)) == pytest.approx(exact, rel=1e-12)
    o = np.array([0.0, 1e-4, 0.01, 0.1, 1.0, 10.0])
    got = capped_uses_per_day(o, 3)
    assert np.all(got <= np.minimum(o, 3 / 30) + 1e-15)
    assert got[1] == pytest.approx(1e-4, rel=1e-3)
    assert got[-1] == pytest.approx(3 / 30, rel=1e-12)
    members = np.full(60, 10.0)
    led = card_ledger(
        members,
        uptake=1.0,
        price=99.0,
        tier="T1",
        orders_per_holder_per_day=1.0,
        shipping_fee=10.0,
        shipping_cost=8.0,
    )
    np.testing.assert_allclose(led.free_shipped_orders, led.holders * 0.1, rtol=1e-9)
    np.testing.assert_allclose(led.holder_orders, led.holders)


@PROPERTY
@given(
    hnp.arrays(np.float64, st.integers(1, 900), elements=st.floats(0.0, 1e4)),
    st.sampled_from(sorted(TIERS)),
    shares,
    st.floats(0.0, 1000.0),
    st.floats(0.0, 2.0),
    st.floats(0.05, 5.0),
    st.floats(0.05, 5.0),
)
def test_card_ledger_balances_every_day(members, tier, uptake, price, orders, alpha, beta) -> None:
    led = card_ledger(
        members,
        uptake=uptake,
        price=price,
        tier=tier,
        orders_per_holder_per_day=orders,
        shipping_fee=10.0,
        shipping_cost=8.0,
        renewal_alpha=alpha,
        renewal_beta=beta,
    )
    assert_balances(led.cash, led.revenue_recognised, led.deferred_revenue)
    assert_balances(led.new_cards, led.lapses, led.holders)
    np.testing.assert_allclose(led.cards_sold, led.new_cards + led.renewals)
    assert_non_negative(led.holders, led.deferred_revenue, led.lapses, led.unused_uses)
    assert np.all(led.free_shipped_orders <= led.holder_orders * (1 + 1e-12) + 1e-12)


def test_zero_uptake_gives_zero_card_ledger() -> None:
    for tier in TIERS:
        led = card_ledger(
            np.full(400, 50.0),
            uptake=0.0,
            price=99.0,
            tier=tier,
            orders_per_holder_per_day=0.05,
            shipping_fee=10.0,
            shipping_cost=8.0,
        )
        for name, arr in vars(led).items():
            assert not arr.any(), (tier, name)


def test_unknown_tier_lists_allowed_values() -> None:
    with pytest.raises(ValueError, match="T1"):
        card_ledger(
            np.ones(3),
            uptake=0.1,
            price=1.0,
            tier="gold",
            orders_per_holder_per_day=0.1,
            shipping_fee=1.0,
            shipping_cost=1.0,
        )


# ---------------------------------------------------------------------------- stored value
def test_topup_tiers_match_seed() -> None:
    assert [t.amount for t in TOPUP_TIERS] == [500.0, 1000.0]
    assert "油" in TOPUP_TIERS[0].gifts[0].name_zh
    assert any(g.cost == 199.0 and "电饭煲" in g.name_zh for g in TOPUP_TIERS[1].gifts)
    assert topup_gift_cost(100.0) == 0.0
    assert topup_gift_cost(500.0) == topup_gift_cost(999.0) == TOPUP_TIERS[0].gift_cost
    assert topup_gift_cost(1000.0) == TOPUP_TIERS[1].gift_cost


@PROPERTY
@given(daily, shares, lags, validities)
def test_stored_value_ledger_balances_every_day(topups, brk, lag, validity) -> None:
    led = stored_value_ledger(topups, breakage=brk, mean_spend_lag_days=lag, validity_days=validity)
    assert_balances(led.topups, led.spent, led.breakage, led.balance)
    assert_non_negative(led.spent, led.breakage, led.balance, led.provision)


def test_zero_topups_give_zero_stored_value_ledger() -> None:
    led = stored_value_ledger(np.zeros(30))
    for name, arr in vars(led).items():
        assert not arr.any(), name


def test_stored_value_without_breakage_is_all_spent() -> None:
    topups = np.zeros(3000)
    topups[:7] = 5e6 / 7  # seed 004: > 5 million topped up in the campaign
    led = stored_value_ledger(topups, breakage=0.0, mean_spend_lag_days=90.0)
    assert led.spent.sum() == pytest.approx(5e6, rel=1e-9)
    assert led.breakage.sum() == 0.0


def test_stored_value_passes_gift_cost_through() -> None:
    led = stored_value_ledger(np.full(4, 1000.0), bonus_gift_cost_per_day=topup_gift_cost(1000.0))
    np.testing.assert_allclose(led.bonus_gift_cost, TOPUP_TIERS[1].gift_cost)


# ---------------------------------------------------------------------------- T20 deposits
def test_t20_deposit_refund_schedule() -> None:
    s24, s12 = deposit_refund_schedule(1880, 24), deposit_refund_schedule(1880, 12)
    assert len(s24) == 24 and round(float(s24[0]), 2) == 78.33
    assert len(s12) == 12 and round(float(s12[0]), 2) == 156.67
    assert s24.sum() == pytest.approx(1880.0) and s12.sum() == pytest.approx(1880.0)


def test_deposit_tiers_match_seed() -> None:
    low, high = DEPOSIT_TIERS
    assert (low.deposit, low.slots, sorted(g.cost for g in low.gifts)) == (1880, 30, [199, 1980])
    assert (high.deposit, high.slots, sorted(g.cost for g in high.gifts)) == (
        2980,
        20,
        [199, 498, 3280],
    )
    assert DEPOSIT_REFUND_MONTHS == (12, 24)


def test_deposit_ledger_refunds_at_month_ends() -> None:
    deposits = np.zeros(800)
    deposits[0] = 1880.0
    led = deposit_ledger(deposits, months=24, forgotten_share=0.0)
    assert np.flatnonzero(led.refunds_paid).tolist() == list(range(30, 721, 30))
    assert led.refunds_paid[30] == pytest.approx(78.3333333)
    assert led.liability[-1] == pytest.approx(0.0, abs=1e-9)


@PROPERTY
@given(daily, st.sampled_from(DEPOSIT_REFUND_MONTHS), shares)
def test_deposit_ledger_balances_every_day(deposits, months, f) -> None:
    led = deposit_ledger(deposits, months=months, forgotten_share=f)
    assert_balances(led.deposits, led.refunds_paid, led.refunds_forgotten, led.liability)
    assert_non_negative(led.liability, led.refunds_paid, led.refunds_forgotten)


# ---------------------------------------------------------------------------- T19 referral
def test_t19_referral_multiplier() -> None:
    assert referral_multiplier(0.4) == pytest.approx(1.6667, abs=1e-4)
    assert referral_multiplier(0.0) == 1.0
    assert not referral_is_explosive(0.4)
    assert referral_is_explosive(1.0) and referral_is_explosive(1.5)
    assert referral_multiplier(1.0) == math.inf
    with pytest.raises(ValueError):
        referral_multiplier(-0.1)
    with pytest.raises(ValueError):
        referral_is_explosive(float("nan"))


def test_referrals_per_day() -> None:
    np.testing.assert_allclose(referrals_per_day([1000.0, 2000.0], 0.0005), [0.5, 1.0])


def test_referral_tiers_and_reward_cost() -> None:
    assert [t.referrals for t in REFERRAL_TIERS] == [2, 5]
    oil, bedding = REFERRAL_TIERS[0].gift_cost, REFERRAL_TIERS[1].gift_cost
    assert bedding == 498.0
    m = 1.5
    pmf = [math.exp(-m) * m**k / math.factorial(k) for k in range(5)]
    expected = ((1 - sum(pmf[:2])) * oil + (1 - sum(pmf)) * bedding) / m
    assert reward_cost_per_referral(m) == pytest.approx(expected, rel=1e-12)
    assert reward_cost_per_referral(0.0) == 0.0
    # a member with very many referrals earns each tier once
    assert reward_cost_per_referral(200.0) == pytest.approx((oil + bedding) / 200.0, rel=1e-9)
    np.testing.assert_allclose(
        referral_reward_cost([0.0, 2.0], referrals_per_referrer=m), [0.0, 2.0 * expected]
    )


# ---------------------------------------------------------------------------- member day
def test_member_day_multiplier_lifts_the_member_days_only() -> None:
    """The mask itself is the calendar's (membership.member_day_mask, tested in test_membership)."""
    np.testing.assert_allclose(member_day_multiplier([0.0, 1.0, 0.0]), [1, 2, 1])
    np.testing.assert_allclose(member_day_multiplier([0.0, 1.0], uplift=0.5), [1, 1.5])


def test_subscribers_leave_with_their_accounts() -> None:
    """A lifetime term with accounts of mean life L: in force Σ_c new_c·e^{−(t−c)/L}; a yearly
    term renews only the accounts still there."""
    new = np.zeros(800)
    new[0] = 100.0
    life = subscription_ledger(new, price=0.0, validity_days=None, renewal_alpha=1.0,
                                       renewal_beta=1.0, lifetime_days=200.0)  # fmt: skip
    np.testing.assert_allclose(life.in_force, 100 * np.exp(-np.arange(800) / 200.0), rtol=1e-12)
    yearly = subscription_ledger(new, price=10.0, validity_days=365, renewal_alpha=0.704,
                                         renewal_beta=1.182, lifetime_days=200.0)  # fmt: skip
    r1 = 1.182 / (0.704 + 1.182)
    assert yearly.renewals[365] == pytest.approx(100 * r1 * np.exp(-365 / 200.0), rel=1e-9)
    assert yearly.cash[365] == pytest.approx(10 * yearly.renewals[365], rel=1e-12)
