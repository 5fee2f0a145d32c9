"""Bridges between two results: the GMV change split into traffic, conversion, AOV and repeat,
and the profit change split into its money lines.

New-customer GMV over the horizon is an exact product, GMV_new = UV × CR_new × AOV_new (seed 003's
销售额 = 流量 × 转化率 × 客单价, with CR_new = new orders ÷ UV and AOV_new = new GMV ÷ new orders).
Its change is split with the log-mean Divisia index (LMDI-I; Ang 2004), which sums exactly:

    Δ_x = L(V1, V0)·ln(x1/x0),   L(a, b) = (a − b)/(ln a − ln b),  x ∈ {UV, CR_new, AOV_new}

The repeat effect is the change of old-customer GMV. The four effects add up to ΔGMV.

Profit is a sum of money lines (``simulator.finance``), so its change splits exactly, line by line::

    ΔProfit = ΔGMV_list − ΔDiscounts − ΔRefunds + ΔShipFee − ΔCOGS − ΔShip − ΔPlatform − ΔComp
              − ΔCS − ΔMarketing − ΔLoyalty

grouped as the operator reads them: sales at list price, discounts, returns net of shipping fees
charged (orders cancelled past the ship-by deadline refunded in full among them), goods cost
(gifts and add-ons included), shipping, platform fees and 延迟发货 compensation, customer service,
marketing (ads, affiliates, campaign fees, 催付) and the loyalty schemes (their costs net of
the fees, card revenue and unspent stored value they bring in).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

EFFECTS = ("traffic", "conversion", "aov", "repeat")
#: Profit-bridge steps → (totals keys that add, totals keys that subtract).
PROFIT_LINES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "list_sales": (("gmv_list",), ()),
    "discounts": ((), ("discount_cost",)),
    "returns": (("shipping_fee_income",), ("refunds",)),
    "goods_cost": ((), ("cogs",)),
    "fulfilment": ((), ("shipping_cost", "platform_fee", "late_compensation")),
    "service": ((), ("service_cost",)),
    "marketing": ((), ("marketing_cost",)),
    "loyalty": (
        ("membership_fee_revenue", "card_revenue", "stored_value_breakage"),
        ("loyalty_cost",),
    ),
}
PROFIT_EFFECTS = tuple(PROFIT_LINES)


def _log_mean(a: float, b: float) -> float:
    if a == b:
        return a
    d = math.log(a) - math.log(b)
    # Near-equal values: the difference of logs cancels (even to 0); log1p does not.
    if abs(d) < 0.5:
        d = math.log1p((a - b) / b)
    return (a - b) / d


def gmv_bridge(base: Mapping[str, float], plan: Mapping[str, float]) -> dict[str, float]:
    """Effects (yuan) that take ``base`` totals to ``plan`` totals; they sum to the GMV change.

    Both arguments are ``Result.totals`` mappings. When either side has no new-customer GMV the
    product cannot be split by logarithms, and the whole new-customer change is put on traffic.
    """

    def factors(t: Mapping[str, float]) -> tuple[float, float, float]:
        uv, orders = t["uv"], t["orders_new"]
        return uv, (orders / uv if uv else 0.0), (t["gmv_new"] / orders if orders else 0.0)

    out = dict.fromkeys(EFFECTS, 0.0)
    out["repeat"] = plan["gmv_repeat"] - base["gmv_repeat"]
    v0, v1 = base["gmv_new"], plan["gmv_new"]
    f0, f1 = factors(base), factors(plan)
    if v0 > 0 and v1 > 0 and all(x > 0 for x in f0 + f1):
        w = _log_mean(v1, v0)
        for name, x0, x1 in zip(EFFECTS[:3], f0, f1, strict=True):
            out[name] = w * (math.log(x1) - math.log(x0))  # x1/x0 may overflow
    else:
        out["traffic"] = v1 - v0
    return out


def profit_bridge(base: Mapping[str, float], plan: Mapping[str, float]) -> dict[str, float]:
    """Effects (yuan) that take ``base`` totals' profit to ``plan``'s, one per money line group
    (``PROFIT_LINES``); they sum to the profit change. Both are ``Result.totals`` mappings."""

    def line(t: Mapping[str, float], plus: tuple[str, ...], minus: tuple[str, ...]) -> float:
        return sum(t[k] for k in plus) - sum(t[k] for k in minus)

    return {
        name: line(plan, plus, minus) - line(base, plus, minus)
        for name, (plus, minus) in PROFIT_LINES.items()
    }
