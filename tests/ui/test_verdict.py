"""The verdict card's words (ui/verdict.py) in both languages: the call, the figures with their
ranges and chances, the drivers by their bridge names, every risk with its numbers."""

from __future__ import annotations

import html
import re
from typing import get_args

import pytest

from simulator import Scenario, load_preset, set_param, simulate
from simulator.verdict import RISK_CODES, Call, Risk, verdict
from ui.exports import html_report
from ui.fmt import fmt_pct, fmt_signed_money
from ui.i18n import LANGS, t
from ui.verdict import CALLS, RISKS, card, risk_text

BASE = Scenario(horizon_days=60)
ADS = set_param(set_param(BASE, "traffic.paid_search.budget_per_day", 300.0),
                "traffic.paid_search.cpc", 0.6)  # fmt: skip


def _clean(text: str) -> None:
    assert "{" not in text and "}" not in text and "nan" not in text.lower()


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_with_ranges_says_its_call_range_chances_and_drivers(lang: str) -> None:
    v = verdict(simulate(ADS, reference=BASE, paths=8, seed=1), simulate(BASE, paths=8, seed=1))
    c = card(v, lang)
    assert c.headline == t(CALLS[v.call][0], lang, profit=fmt_signed_money(v.profit, lang))
    assert fmt_signed_money(v.profit_range[0], lang) in c.figures
    assert fmt_pct(v.chance_profit, lang, digits=0) in c.figures and "8" in c.figures
    for line, value in v.drivers:
        assert t(f"peff.{line}", lang) in c.drivers and fmt_signed_money(value, lang) in c.drivers
    for text in (c.headline, c.figures, c.drivers, *c.risks):
        _clean(text)


@pytest.mark.parametrize("lang", LANGS)
def test_a_small_warehouse_reads_as_a_loss_with_its_risks(lang: str) -> None:
    shop = load_preset("double12_campaign")
    small = set_param(shop, "fulfilment.capacity_per_day", 60.0)
    c = card(verdict(simulate(small, reference=shop), simulate(shop)), lang)
    assert c.tone == "warning" and len(c.risks) >= 2
    assert t("vd.chances", lang, profit="", gmv="", paths="")[:4] not in c.figures  # one path
    if lang == "zh":
        assert all(not re.search(r"[A-Za-z]{3,}", r) for r in c.risks), c.risks


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "risk",
    [Risk("dsr_below_industry", {"dim": "logistics", "score": 4.61, "industry": 4.75}),
     Risk("campaign_gate", {"gate": 4.6}), Risk("backlog", {"orders": 1234.0}),
     Risk("loss_tail", {"p10": -5000.0, "chance": 0.15}), Risk("worse_tail", {"p10": -800.0})],
)  # fmt: skip
def test_every_risk_is_said_with_its_numbers(lang: str, risk: Risk) -> None:
    text = risk_text(risk, lang)
    _clean(text)
    assert text != t(RISKS[risk.code], lang, **dict.fromkeys(["dim", "score", "industry", "gate",
                                                               "orders", "p10", "chance"], ""))  # fmt: skip
    assert re.search(r"\d", text)


def test_every_call_and_risk_has_words() -> None:
    assert set(RISKS) == set(RISK_CODES)
    assert set(CALLS) == set(get_args(Call))


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_carries_each_plan_s_verdict(lang: str) -> None:
    base = simulate(BASE, paths=8, seed=1)
    plan = simulate(ADS, reference=BASE, paths=8, seed=1)
    same = simulate(BASE, reference=BASE, paths=8, seed=1)
    page = html_report({"Store": base, "Ads": plan, "Copy": same}, baseline="Store", lang=lang)
    c = card(verdict(plan, base), lang)
    assert f"<h2>{html.escape(t('vd.title', lang))}</h2>" in page
    assert html.escape(c.headline) in page and html.escape(c.figures) in page
    assert page.count("<h3>Ads</h3>") == 2 and "<h3>Copy</h3>" in page  # verdict + assumptions
    assert page.count("<h3>Copy</h3>") == 1  # equal to the baseline: no verdict
    alone = html_report({"Store": base}, baseline="Store", lang=lang)
    assert html.escape(t("vd.title", lang)) not in alone
