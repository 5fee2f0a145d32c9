"""What unit each measure of ``Result.daily`` and ``Result.totals`` is counted in, where it is
not a plain count: one home for the model (a refusal's numbers) and the UI (axes, cards)."""

from __future__ import annotations

from typing import Final

#: Measures counted in yuan.
MONEY_MEASURES: Final[frozenset[str]] = frozenset(
    {
        "gmv", "gmv_list", "gmv_new", "gmv_repeat", "net_sales", "profit", "cash", "aov",
        "aov_new", "aov_repeat", "uv_value", "discount_cost", "promotion_cost", "refunds",
        "cancellation_refunds", "cogs", "shipping_cost", "shipping_fee_income", "platform_fee",
        "late_compensation", "service_cost", "marketing_cost", "ad_spend", "loyalty_cost",
    }
)  # fmt: skip


def unit_of(measure: str) -> str:
    """The registry unit a measure's number is shown in: ``"yuan"`` or ``""`` (a plain number)."""
    return "yuan" if measure in MONEY_MEASURES or measure == "spend" else ""
