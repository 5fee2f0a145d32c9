"""The plan's story: one sentence that says what a plan does to profit, GMV and DSR, and why.

Pure Python (no streamlit), so the sentence is unit-tested in both languages. The reason clause
comes from the profit bridge (``simulator.bridge.profit_bridge``), whose lines sum exactly to the
profit change; list-price sales and goods cost are read together as the gross margin (毛利), as an
operator reads them ("满减成本大于增量毛利"), every other line by its own name.
"""

from __future__ import annotations

from collections.abc import Mapping

from simulator.bridge import profit_bridge
from ui.fmt import fmt_delta_pct, fmt_score, fmt_signed_money, fmt_signed_score
from ui.i18n import t

#: Story lines → the profit-bridge lines they add up (the others keep their bridge name).
GROUPS: Mapping[str, tuple[str, ...]] = {"margin": ("list_sales", "goods_cost")}
#: A line smaller than this (yuan) is not a reason: the plan does not move it.
MIN_LINE = 0.5
#: |Δprofit| below this share of |baseline profit| (0.1 %) — or below ``MIN_LINE`` — is "no
#: change": a rounding, not an effect an operator would act on.
FLAT_SHARE = 0.001


def story_lines(base: Mapping[str, float], plan: Mapping[str, float]) -> dict[str, float]:
    """The profit change split into the story's lines (``GROUPS`` merged): they sum exactly to
    ``plan["profit"] - base["profit"]``."""
    effects = profit_bridge(base, plan)
    grouped = {name: sum(effects[k] for k in keys) for name, keys in GROUPS.items()}
    merged = {k for keys in GROUPS.values() for k in keys}
    return {**grouped, **{k: v for k, v in effects.items() if k not in merged}}


def _label(line: str, lang: str) -> str:
    """A line's name inside a sentence (English: "Discounts" → "discounts")."""
    text = t(f"story.line.{line}" if line in GROUPS else f"peff.{line}", lang)
    if lang == "en" and len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def reason(base: Mapping[str, float], plan: Mapping[str, float], lang: str) -> str:
    """Why profit moved, from :func:`story_lines`: the lines that fell (losses) and those that rose
    (gains), each side's sum and its largest line.

    Profit down: the losses outweigh the gains (or, with no gain, the losses alone); up: the
    mirror; no change (``FLAT_SHARE``): the two cancel out, or the plan gives the baseline's
    result. Sums, not the largest lines alone, are compared, so the clause is always true."""
    lines = {k: v for k, v in story_lines(base, plan).items() if abs(v) >= MIN_LINE}
    gain = max(lines, key=lambda k: lines[k], default=None)
    loss = min(lines, key=lambda k: lines[k], default=None)
    gain = gain if gain is not None and lines[gain] > 0 else None
    loss = loss if loss is not None and lines[loss] < 0 else None
    kw: dict[str, str] = {}
    if gain:
        kw |= {
            "gain": _label(gain, lang),
            "gain_v": fmt_signed_money(lines[gain], lang),
            "gain_sum": fmt_signed_money(sum(v for v in lines.values() if v > 0), lang),
        }
    if loss:
        kw |= {
            "loss": _label(loss, lang),
            "loss_v": fmt_signed_money(lines[loss], lang),
            "loss_sum": fmt_signed_money(sum(v for v in lines.values() if v < 0), lang),
        }
    change = plan["profit"] - base["profit"]
    if abs(change) < max(MIN_LINE, FLAT_SHARE * abs(base["profit"])):
        return t("story.flat_offset", lang, **kw) if gain and loss else t("story.flat_same", lang)
    if change < 0:
        return (
            t("story.down_offset" if gain else "story.down_only", lang, **kw)
            if loss
            else (t("story.flat_same", lang))
        )
    return (
        t("story.up_offset" if loss else "story.up_only", lang, **kw)
        if gain
        else (t("story.flat_same", lang))
    )


def _pct(new: float, old: float, lang: str) -> str:
    pct = fmt_delta_pct(new, old, lang)
    return t("story.pct", lang, pct=pct) if pct is not None else ""


def plan_story(base: Mapping[str, float], plan: Mapping[str, float], lang: str) -> str:
    """One sentence: over the plan's days, its change of contribution profit and GMV (signed yuan
    and percent), its mean DSR at the end with the change in points, and :func:`reason`.

    ``base`` and ``plan`` are ``Result.totals``; the plan's ``days`` is the horizon. Without DSR
    totals (``dsr_mean_end``) the DSR clause is left out.

    Examples
    --------
    A 10 % item discount on days 30–40 of the mid-size store:
    "该方案 180 天贡献利润 -¥1,578（-0.3%），成交金额 +¥1.39万（+0.7%），期末平均评分 4.80（0.00）：
    减项合计 -¥1.77万（最大是折扣让利 -¥1.55万）超过增项合计 +¥1.61万（最大是毛利 +¥1.61万）。"
    """
    kw = {
        "days": int(round(plan["days"])),
        "profit": fmt_signed_money(plan["profit"] - base["profit"], lang),
        "profit_pct": _pct(plan["profit"], base["profit"], lang),
        "gmv": fmt_signed_money(plan["gmv"] - base["gmv"], lang),
        "gmv_pct": _pct(plan["gmv"], base["gmv"], lang),
        "reason": reason(base, plan, lang),
    }
    if "dsr_mean_end" in plan and "dsr_mean_end" in base:
        return t("story.sentence", lang, **kw, dsr=fmt_score(plan["dsr_mean_end"], lang),
                 dsr_delta=fmt_signed_score(plan["dsr_mean_end"] - base["dsr_mean_end"], lang))  # fmt: skip
    return t("story.sentence_no_dsr", lang, **kw)
