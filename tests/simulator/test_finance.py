"""Money lines, the profit identity and the channel ROI table (MODEL.md §6.9)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from simulator import Scenario, set_param, simulate
from simulator.finance import channel_row

PR0 = 0.9097


def test_profit_is_net_sales_minus_every_cost_line() -> None:
    sc = Scenario.model_validate(
        {
            "horizon_days": 60,
            "traffic": {
                "paid_search": {"budget_per_day": 400},
                "affiliate": {"uv_per_day": 200},
                "campaigns": [
                    {"start_day": 10, "end_day": 12, "fee_per_day": 800, "commission_rate": 0.05}
                ],
            },
            "promotions": [{"kind": "item_discount", "start_day": 10, "end_day": 14, "pct": 0.25}],
        }
    )
    res = simulate(sc)
    d = res.daily
    costs = (
        d["cogs"] + d["shipping_cost"] + d["platform_fee"] + d["service_cost"] + d["marketing_cost"]
    )
    np.testing.assert_allclose(d["profit"], d["net_sales"] - costs, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(
        d["marketing_cost"],
        d["ad_spend"] + d["affiliate_commission"] + d["campaign_cost"] + d["reminder_cost"],
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        d["net_sales"], d["gmv"] - d["refunds"] + d["shipping_fee_income"], rtol=1e-12
    )
    t = res.totals
    assert t["profit"] == pytest.approx(
        t["net_sales"]
        - t["cogs"]
        - t["shipping_cost"]
        - t["platform_fee"]
        - t["service_cost"]
        - t["marketing_cost"],
        rel=1e-9,
    )
    assert t["profit_margin"] == pytest.approx(t["profit"] / t["gmv"])


def test_day_zero_money_lines_of_the_default_store() -> None:
    """Worked by hand: 4,000 UV × 2.4 % = 96 orders at 115.5 yuan, defaults of MODEL.md §4.7."""
    day = simulate(Scenario()).daily.iloc[0]
    orders, gmv = 96.0, 96.0 * 115.5  # 11,088
    assert day["orders_paid"] == pytest.approx(orders, rel=1e-12)
    assert day["gmv"] == pytest.approx(gmv, rel=1e-12)
    assert day["refunds"] == pytest.approx(0.1 * gmv)
    assert day["shipping_fee_income"] == pytest.approx(10 * 0.3 * orders)  # 288
    assert day["net_sales"] == pytest.approx(0.9 * gmv + 288)  # 10,267.2
    assert day["cogs"] == pytest.approx(0.5 * gmv * 0.9)  # 4,989.6
    assert day["shipping_cost"] == pytest.approx(8 * orders)
    assert day["platform_fee"] == pytest.approx(0.02 * gmv)
    assert day["service_cost"] == pytest.approx(4 * 250)
    # One SMS (AOV 115.5 < 300) per remindable unpaid order: placed = orders / PR0.
    reminder = orders / PR0 * 0.7 * 0.15 * 0.05
    assert day["reminder_cost"] == pytest.approx(reminder, rel=1e-9)
    assert day["ad_spend"] == 0 and day["affiliate_commission"] == 0 and day["campaign_cost"] == 0
    expected = 0.9 * gmv + 288 - 0.45 * gmv - 8 * orders - 0.02 * gmv - 1000 - reminder
    assert day["profit"] == pytest.approx(expected, rel=1e-9)


def test_reminders_by_phone_above_the_aov_threshold() -> None:
    sms = simulate(Scenario()).daily.iloc[0]
    phone = simulate(set_param(Scenario(), "payment.phone_aov_threshold", 100)).daily.iloc[0]
    assert phone["reminder_cost"] / sms["reminder_cost"] == pytest.approx(1.0 / 0.05, rel=1e-9)


def test_discounts_reach_profit_once() -> None:
    """GMV is paid value; discount_cost is reported beside it, never subtracted twice."""
    base = Scenario()
    promo = set_param(
        base, "promotions", [{"kind": "item_discount", "start_day": 0, "end_day": 0, "pct": 0.2}]
    )
    day = simulate(promo).daily.iloc[0]
    assert day["discount_cost"] == pytest.approx(day["gmv_list"] * 0.2, rel=1e-12)
    assert day["net_sales"] == pytest.approx(0.9 * day["gmv"] + 3 * day["orders_paid"], rel=1e-12)
    assert day["cogs"] == pytest.approx(0.5 * day["gmv_list"] * 0.9, rel=1e-12)


# ---------------------------------------------------------------------------- channels
def test_paid_search_channel_row() -> None:
    budget, cpc, days = 600.0, 1.5, 90
    sc = set_param(
        set_param(
            set_param(Scenario(), "horizon_days", days),
            "traffic.paid_search.budget_per_day",
            budget,
        ),
        "traffic.paid_search.cpc",
        cpc,
    )
    res = simulate(sc)
    assert (res.daily["uv_search"] == budget / cpc).all()  # 400 UV/day
    row = res.channels.set_index("channel").loc["paid_search"]
    assert row["spend"] == pytest.approx(budget * days)
    assert row["uv"] == pytest.approx(budget / cpc * days)
    # Paid visitors of quality 1 convert like organic new visitors: (1 − s_old)·CR0 per UV.
    assert row["orders"] == pytest.approx(budget / cpc * days * 0.8 * 0.024, rel=1e-9)
    assert row["gmv"] == pytest.approx(row["orders"] * 115.5, rel=1e-9)
    assert row["roas"] == pytest.approx(row["gmv"] / row["spend"], rel=1e-12)
    assert row["roi"] == pytest.approx(
        (row["contribution"] - row["spend"]) / row["spend"], rel=1e-12
    )
    assert row["cost_per_order"] == pytest.approx(row["spend"] / row["orders"], rel=1e-12)


def test_channel_table_lists_only_active_channels() -> None:
    assert set(simulate(Scenario()).channels["channel"]) == {"reminders"}
    no_reminders = set_param(Scenario(), "payment.reminders", 0)
    assert simulate(no_reminders).channels.empty


def test_channel_row_without_spend_has_no_ratios() -> None:
    row = channel_row("x", 0.0, 10.0, 0.0, 0.0, 0.0)
    assert math.isnan(row["roas"]) and math.isnan(row["roi"]) and math.isnan(row["cost_per_order"])
    assert row["profit"] == 0.0
