"""Decisions: break-even, goal-seek and the optimizer's levers, objectives and constraints.

Prefixes: ``dec.*``.
Used by ui/errors.py (a constraint's name in a refusal)."""

from __future__ import annotations

PREFIXES = ("dec",)

KEYS: dict[str, tuple[str, str]] = {
    "dec.c.dsr_min": ("各项店铺动态评分的最低分不低于", "each DSR score's lowest day at least"),
    "dec.c.spend_max": ("总投入(推广+优惠)不超过", "total spend (marketing + promotions) at most"),
    "dec.c.profit_min": ("方案利润不低于", "the plan's profit at least"),
    "dec.c.backlog_max": ("仓库积压最多", "the warehouse backlog at most"),
    "dec.c.loss_chance_max": ("亏损概率不超过", "the chance of a loss at most"),
}
