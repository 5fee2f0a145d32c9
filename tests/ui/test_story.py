"""The plan's story (issue 16): one sentence on what a plan does to profit, GMV and DSR, and why,
in both languages. The expected sentences are written out by hand from totals whose bridge lines
are chosen here, so every number in them was worked out independently of the code."""

from __future__ import annotations

import pytest

from simulator import load_preset, set_param, simulate
from simulator.bridge import PROFIT_LINES
from ui import story
from ui.i18n import LANGS


def totals(days: int = 180, gmv: float = 1000.0, dsr: float = 4.8, **lines: float) -> dict:
    """Result.totals with only the given money lines (the rest 0) and profit = their sum."""
    t = {k: 0.0 for plus, minus in PROFIT_LINES.values() for k in (*plus, *minus)}
    t.update(lines)
    t["profit"] = sum(
        sum(t[k] for k in plus) - sum(t[k] for k in minus) for plus, minus in PROFIT_LINES.values()
    )
    return {**t, "days": float(days), "gmv": gmv, "dsr_mean_end": dsr}


BASE = totals(gmv_list=1000.0, cogs=400.0)  # profit 600


def test_profit_down_discounts_outweigh_margin() -> None:
    # margin +200 − 80 = +120, discounts −300: profit −180 (−30.0 %)
    plan = totals(gmv=900.0, dsr=4.78, gmv_list=1200.0, cogs=480.0, discount_cost=300.0)
    assert story.plan_story(BASE, plan, "zh") == (
        "该方案 180 天贡献利润 -¥180（-30.0%），成交金额 -¥100（-10.0%），期末平均评分 4.78（-0.02）："
        "减项合计 -¥300（最大是折扣让利 -¥300）超过增项合计 +¥120（最大是毛利 +¥120）。"
    )
    assert story.plan_story(BASE, plan, "en") == (
        "Over 180 days the plan changes contribution profit by -¥180 (-30.0%) and GMV by -¥100 "
        "(-10.0%), and ends with a mean DSR of 4.78 (-0.02): losses of -¥300 (largest: "
        "discounts, -¥300) outweigh gains of +¥120 (largest: gross margin, +¥120)."
    )


def test_profit_up_margin_outweighs_shipping() -> None:
    # margin +500 − 200 = +300, shipping −50, service saved +20: profit +270 (+45.0 %)
    plan = totals(gmv=1500.0, gmv_list=1500.0, cogs=600.0, shipping_cost=50.0,
                  service_cost=-20.0)  # fmt: skip
    assert story.plan_story(BASE, plan, "zh") == (
        "该方案 180 天贡献利润 +¥270（+45.0%），成交金额 +¥500（+50.0%），期末平均评分 4.80（0.00）："
        "增项合计 +¥320（最大是毛利 +¥300）超过减项合计 -¥50.00（最大是快递与平台费 -¥50.00）。"
    )
    assert story.plan_story(BASE, plan, "en") == (
        "Over 180 days the plan changes contribution profit by +¥270 (+45.0%) and GMV by +¥500 "
        "(+50.0%), and ends with a mean DSR of 4.80 (0.00): gains of +¥320 (largest: gross "
        "margin, +¥300) outweigh losses of -¥50.00 (largest: shipping and platform fees, -¥50.00)."
    )


def test_profit_up_with_nothing_lost() -> None:
    plan = totals(gmv=1000.0, gmv_list=1000.0, cogs=400.0, marketing_cost=-100.0)
    assert story.reason(BASE, plan, "zh") == "增项合计 +¥100，最大是营销费用（+¥100）"
    assert story.reason(BASE, plan, "en") == "gains of +¥100, the largest marketing (+¥100)"


def test_about_no_change() -> None:
    # +30 of margin against −29.9 of discounts: +0.1 on 600, below the 0.1 % threshold
    plan = totals(gmv=1030.0, gmv_list=1050.0, cogs=420.0, discount_cost=29.9)
    assert story.reason(BASE, plan, "zh") == (
        "利润基本不变，增项 +¥30.00（最大是毛利）与减项 -¥29.90（最大是折扣让利）大致相抵"
    )
    assert story.reason(BASE, plan, "en") == (
        "profit barely moves, as gains of +¥30.00 (largest: gross margin) and losses of -¥29.90 "
        "(largest: discounts) roughly cancel out"
    )
    assert story.plan_story(BASE, dict(BASE), "zh").endswith("：与基线的结果相同。")
    assert story.plan_story(BASE, dict(BASE), "en").endswith(
        ": it gives the same result as the baseline."
    )


def test_no_dsr_totals_no_dsr_clause() -> None:
    base = {k: v for k, v in BASE.items() if k != "dsr_mean_end"}
    plan = {**base, "profit": base["profit"]}
    assert "评分" not in story.plan_story(base, plan, "zh")
    assert "DSR" not in story.plan_story(base, plan, "en")


@pytest.mark.parametrize("lang", LANGS)
def test_real_plan_story_matches_its_bridge(lang: str) -> None:
    """A 10 % item discount on the mid-size store: profit falls while GMV rises; the story's
    lines add up to the profit change and it names the discounts."""
    base_sc = load_preset("mid_store")
    plan_sc = set_param(base_sc, "promotions",
                        [{"kind": "item_discount", "start_day": 30, "end_day": 40, "pct": 0.1}])  # fmt: skip
    base, plan = simulate(base_sc).totals, simulate(plan_sc).totals
    lines = story.story_lines(base, plan)
    assert sum(lines.values()) == pytest.approx(plan["profit"] - base["profit"], abs=1e-6)
    text = story.plan_story(base, plan, lang)
    assert plan["profit"] < base["profit"] and plan["gmv"] > base["gmv"]
    if lang == "zh":
        assert text.startswith("该方案 180 天贡献利润 -¥") and "成交金额 +¥" in text
        assert "减项合计" in text and "折扣让利" in text and text.endswith("。")
    else:
        assert text.startswith("Over 180 days the plan changes contribution profit by -¥")
        assert "losses of" in text and "discounts" in text and text.endswith(".")
