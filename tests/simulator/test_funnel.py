"""Funnel, payment and 催付 (MODEL.md §6.3, §6.4, §10c; validation values T9, T11)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator import Scenario, load_preset, set_param
from simulator.funnel import (
    beta_from_counts,
    implied_conversion,
    new_placed_conversion,
    payment_rates,
    safe_ratio,
    silent_conversion,
    timing_factor,
)

PR0_DEFAULT = 0.9097  # 0.85 + 0.15·(0.7·0.44 + 0.3·0.3), MODEL.md §6.3 [DERIVED]


# ---------------------------------------------------------------------------- T9, T11
def test_t9_beta_prior_from_12_of_215_counts() -> None:
    a, b = beta_from_counts(12, 215)
    assert (a, b) == (13.0, 204.0)
    assert a / (a + b) == pytest.approx(0.059908, abs=1e-6)
    assert pytest.approx(0.055814, abs=1e-6) == 12 / 215


@pytest.mark.parametrize(("k", "n"), [(-1, 10), (11, 10)])
def test_beta_from_counts_rejects_impossible_counts(k: int, n: int) -> None:
    with pytest.raises(ValueError, match="k ≤ n"):
        beta_from_counts(k, n)


def test_t11_conversion_implied_by_uv_value_and_aov() -> None:
    assert implied_conversion(1.09, 103) == pytest.approx(0.010583, abs=1e-6)
    # Context only: 1.06% sits where "only half of the days are above 1%" is plausible [SEED 002].
    assert 0.01 < implied_conversion(1.09, 103) < 0.011


def test_implied_conversion_rejects_zero_aov() -> None:
    with pytest.raises(ValueError, match="aov"):
        implied_conversion(1.09, 0)


# ---------------------------------------------------------------------------- payment (§6.4)
def _payment(**changes: object):
    sc = Scenario()
    for key, value in changes.items():
        sc = set_param(sc, f"payment.{key}", value)
    return sc.payment


def test_default_pay_rate_is_the_derived_pr0() -> None:
    pay_rate, by_reminders, reminders = payment_rates(Scenario().payment)
    assert pay_rate == pytest.approx(PR0_DEFAULT, abs=1e-12)
    # One reminder to each remindable unpaid order: (1 − 0.3)·0.15; it recovers 0.105·0.7·0.2.
    assert reminders == pytest.approx(0.105, abs=1e-12)
    assert by_reminders == pytest.approx(0.105 * 0.7 * 0.2, abs=1e-12)


def test_no_reminder_leaves_only_late_payers() -> None:
    pay_rate, by_reminders, reminders = payment_rates(_payment(reminders=0))
    assert pay_rate == pytest.approx(0.85 + 0.15 * 0.3, abs=1e-12)  # 0.895
    assert pay_rate < PR0_DEFAULT
    assert by_reminders == 0.0
    assert reminders == 0.0


def test_second_reminder_adds_half_the_lift_on_the_residue() -> None:
    pay_rate, _, reminders = payment_rates(_payment(reminders=2))
    residue = 1 - 0.44
    assert pay_rate == pytest.approx(
        PR0_DEFAULT + 0.105 * 0.5 * 0.2 * residue, abs=1e-12
    )  # 0.91558
    assert pay_rate > PR0_DEFAULT
    assert reminders == pytest.approx(0.105 * (1 + residue), abs=1e-12)


def test_seed_timing_mode_ignores_the_delay() -> None:
    for delay in (0, 10, 60, 2880):
        assert payment_rates(_payment(reminder_delay_min=delay))[0] == pytest.approx(PR0_DEFAULT)


@pytest.mark.parametrize(
    ("delay", "g"),
    [(0, -0.5), (10, -0.5), (59.9, -0.5), (60, 0.0), (750, 0.5), (1440, 1.0), (2880, 1.0)],
)
def test_evidence_timing_factor(delay: float, g: float) -> None:
    """g(τ<60 min) = −0.5, g(≥1 d) = 1 [LIT Li et al. 2021], linear in between (implementation)."""
    payment = _payment(timing_evidence="evidence", reminder_delay_min=delay)
    assert timing_factor(payment) == pytest.approx(g, abs=1e-12)


def test_evidence_mode_early_reminder_backfires() -> None:
    """§6.4: within an hour g = −0.5 reduces ρ_late, so the pay rate falls below no reminder."""
    early = payment_rates(_payment(timing_evidence="evidence", reminder_delay_min=10))
    none = payment_rates(_payment(reminders=0))
    recovered = 0.105 * (0.3 + 0.7 * 0.2 * -0.5) + 0.045 * 0.3
    assert early[0] == pytest.approx(0.85 + recovered, abs=1e-12)  # 0.88765
    assert early[0] < none[0]
    assert early[1] < 0  # reminders lose orders
    late = payment_rates(_payment(timing_evidence="evidence", reminder_delay_min=1440))
    assert late[0] == pytest.approx(PR0_DEFAULT, abs=1e-12)


def test_backfire_never_makes_recovery_negative() -> None:
    """A full-strength backfire cannot push remindable orders below zero recovery (max(−ρ_late, …))."""
    payment = _payment(timing_evidence="evidence", reminder_delay_min=0, reminder_lift=1.0)
    pay_rate, _, _ = payment_rates(payment)
    unpaid = 0.15
    assert pay_rate == pytest.approx(0.85 + 0.3 * unpaid * 0.3, abs=1e-12)
    assert pay_rate >= payment.pay_now_share


# ---------------------------------------------------------------------------- conversion (§6.3, §10c)
def test_silent_conversion_default_calibration() -> None:
    sc = Scenario()
    placed_new = (1 - 0.2) * 0.024 / PR0_DEFAULT
    expected = (placed_new - 0.05 * 0.25) / (1 - 0.05)
    assert silent_conversion(sc, sc) == pytest.approx(expected, rel=1e-12)  # ≈ 0.90556 %
    assert new_placed_conversion(sc, sc) == pytest.approx(placed_new, rel=1e-12)


@pytest.mark.parametrize("name", ["new_store", "mid_store", "large_store", "clothing_store_2011"])
def test_new_customer_funnel_pays_the_new_share_of_cr0(name: str) -> None:
    sc = load_preset(name)
    pr0 = payment_rates(sc.payment)[0]
    paid_new = new_placed_conversion(sc, sc) * pr0
    assert paid_new == pytest.approx(
        (1 - sc.funnel.old_customer_share) * sc.funnel.conversion_rate, rel=1e-12
    )


def test_inquiry_levers_act_from_the_reference_calibration() -> None:
    base = Scenario()
    plan = set_param(base, "funnel.inquiry_conversion", 0.35)
    gain = new_placed_conversion(plan, base) - new_placed_conversion(base, base)
    assert gain == pytest.approx(0.05 * 0.10, rel=1e-10)
    # Self-reference re-calibrates the silent path, so the same change does nothing to the total.
    assert new_placed_conversion(plan, plan) == pytest.approx(
        new_placed_conversion(base, base), rel=1e-12
    )


def test_safe_ratio_is_zero_on_empty_days() -> None:
    out = safe_ratio(np.array([1.0, 0.0, 3.0]), np.array([2.0, 0.0, 0.0]))
    assert out.tolist() == [0.5, 0.0, 0.0]
