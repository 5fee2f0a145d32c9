"""Revenue, cost and contribution profit per day, and the return on every yuan spent (MODEL.md §6.9).

    NetSales = GMV·(1 − r_ret) − r_b·P·(GMV/GMV_list) + ShipFee   ShipFee = s_fee × orders paying shipping
    COGS     = (1 − g_m)·(GMV_list·(1 − r_ret) − r_b·P)              list value of the units kept
    (P = padded 凑单 value, r_b = min(r_bubble, 1 − r_ret): bubble purchases return on top of r_ret)
    Ship     = c_ship·Orders;  PlatformFee = f_plat·GMV;  CS = wage·agents
    Mkt      = ad spend (直通车 + 钻展) + affiliate commission + campaign fees + 催付 cost
    Loyalty  = points expense + top-up gifts + referral rewards + outreach − card revenue
               − stored value never spent (membership.py; the card's free shipping is in ShipFee)
    Profit   = NetSales − COGS − Ship − PlatformFee − CS − Mkt − Loyalty − Comp

Orders cancelled past the ship-by deadline (a share c of the day's paid orders, fulfilment.py)
stay in GMV (paid merchandise value, CONTRACT.md) and are refunded in full, shipping fee
included: Refunds = (1 − c)·(returns above) + c·(GMV + ShipFee). They never leave the warehouse:
COGS, gifts, shipping and the platform's commission (charged on completed trades) fall on the
(1 − c) shipped. Comp = 延迟发货 compensation paid on every order past the deadline (fulfilment
.compensation_per_order). Loyalty and promotion costs of cancelled orders are left as booked
[ASSUMPTION: second order; points and vouchers of a cancelled trade are mostly returned].

Discounts are already netted in GMV (paid value); ``discount_cost = GMV_list − GMV`` is reported
beside it for transparency, never subtracted twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .scenario import Scenario

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Money:
    """Daily money lines, each an array of shape (paths, T), in yuan."""

    shipping_fee_income: FloatArray
    refunds: FloatArray
    net_sales: FloatArray
    cogs: FloatArray
    shipping_cost: FloatArray
    platform_fee: FloatArray
    service_cost: FloatArray
    ad_spend: FloatArray
    affiliate_commission: FloatArray
    campaign_cost: FloatArray
    reminder_cost: FloatArray
    profit: FloatArray
    cancellation_refunds: FloatArray  # part of refunds: orders cancelled past the deadline
    late_compensation: FloatArray  # 延迟发货 compensation, part of the profit

    @property
    def marketing(self) -> FloatArray:
        return self.ad_spend + self.affiliate_commission + self.campaign_cost + self.reminder_cost


def money(
    plan: Scenario,
    *,
    gmv: FloatArray,
    merchandise_list: FloatArray,
    orders: FloatArray,
    orders_paying_shipping: FloatArray,
    goods_cost: FloatArray,
    bubble_value: FloatArray,
    ad_spend: FloatArray,
    affiliate_commission: FloatArray,
    campaign_cost: FloatArray,
    reminder_cost: FloatArray,
    loyalty_cost: FloatArray | float = 0.0,
    loyalty_income: FloatArray | float = 0.0,
    agent_days: FloatArray | float | None = None,
    cancelled_share: FloatArray | float = 0.0,
    compensation: FloatArray | float = 0.0,
) -> Money:
    """Daily money lines. ``merchandise_list``: list value of the goods sold (add-ons excluded);
    ``goods_cost``: gifts, add-on items and prizes at cost; ``bubble_value``: padded (凑单) value,
    returned at r_bubble on top of the usual returns [LIT Hemmati et al. 2021]. ``agent_days``:
    agents paid each day (default: ``service.agents`` every day). ``cancelled_share``: c, the share
    of each day's paid orders cancelled past the ship-by deadline; ``compensation``: 延迟发货
    compensation paid for each day's orders (yuan)."""
    st, fi = plan.store, plan.finance
    ship_income = st.shipping_fee * orders_paying_shipping
    # Padded value comes back at r_bubble on top of r_ret (never more than all of it), refunded
    # at what was paid for it (its share of list value paid), its goods back in stock.
    extra = np.minimum(fi.bubble_return_rate, 1.0 - fi.return_rate)
    paid_share = np.divide(gmv, merchandise_list, out=np.ones_like(gmv), where=merchandise_list > 0)
    bubble_back = extra * bubble_value
    kept = 1.0 - np.asarray(cancelled_share, dtype=float)
    refunds = kept * (fi.return_rate * gmv + bubble_back * np.clip(paid_share, 0.0, 1.0)) + (
        1.0 - kept
    ) * (gmv + ship_income)
    net_sales = gmv - refunds + ship_income
    cogs = kept * (
        (1.0 - st.gross_margin) * (merchandise_list * (1.0 - fi.return_rate) - bubble_back)
        + goods_cost
    )
    ship_cost = fi.shipping_cost * orders * kept
    platform = fi.platform_fee_rate * gmv * kept
    agents = plan.service.agents if agent_days is None else agent_days
    service = np.broadcast_to(np.asarray(agents, dtype=float) * fi.agent_wage_per_day, gmv.shape)
    profit = (
        net_sales - cogs - ship_cost - platform - service
        - ad_spend - affiliate_commission - campaign_cost - reminder_cost
        - loyalty_cost + loyalty_income - compensation
    )  # fmt: skip
    comp = np.broadcast_to(np.asarray(compensation, dtype=float), gmv.shape)
    return Money(ship_income, refunds, net_sales, cogs, ship_cost, platform, service, ad_spend,
                 affiliate_commission, campaign_cost, reminder_cost, profit,
                 cancellation_refunds=(1.0 - kept) * (gmv + ship_income) + 0.0 * gmv,
                 late_compensation=comp)  # fmt: skip


def order_contribution(
    plan: Scenario, aov_paid: FloatArray, aov_list: FloatArray, goods: FloatArray | float = 0.0
) -> FloatArray:
    """Contribution of one order before marketing and staff: what an extra order adds to profit."""
    st, fi = plan.store, plan.finance
    return (
        -goods
        + aov_paid * (1.0 - fi.return_rate)
        + st.shipping_fee * st.paid_shipping_share
        - (1.0 - st.gross_margin) * aov_list * (1.0 - fi.return_rate)
        - fi.shipping_cost
        - fi.platform_fee_rate * aov_paid
    )


def channel_row(
    channel: str, spend: float, uv: float, orders: float, gmv: float, contribution: float
) -> dict:
    """One row of the ROI table: ROAS = GMV ÷ spend; ROI = (contribution − spend) ÷ spend."""
    return {
        "channel": channel,
        "spend": spend,
        "uv": uv,
        "orders": orders,
        "gmv": gmv,
        "contribution": contribution,
        "profit": contribution - spend,
        "roas": gmv / spend if spend > 0 else float("nan"),
        "roi": (contribution - spend) / spend if spend > 0 else float("nan"),
        "cost_per_order": spend / orders if orders > 0 else float("nan"),
    }
