"""The verdict card's words (issue 20 item 1): the call with the profit and GMV changes and
their ranges, the chance the plan beats the baseline, the three drivers and the risks, in the
user's language, from ``simulator.verdict.Verdict``. Pure Python (no streamlit): the Overview
draws it (``ui.layout``), the report prints it (``ui.exports``), the tests read it."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.verdict import Risk, Verdict
from ui.fmt import fmt_money, fmt_number, fmt_pct, fmt_score, fmt_signed_money
from ui.i18n import t

#: The call's headline key and its tone (the card's colour: success / info / warning).
CALLS = {
    "pays": ("vd.call.pays", "success"),
    "unsure": ("vd.call.unsure", "info"),
    "loses": ("vd.call.loses", "warning"),
    "same": ("vd.call.same", "info"),
}
RISKS = {
    "dsr_below_industry": "vd.risk.dsr_below_industry",
    "campaign_gate": "vd.risk.campaign_gate",
    "backlog": "vd.risk.backlog",
    "loss_tail": "vd.risk.loss_tail",
    "worse_tail": "vd.risk.worse_tail",
}
DIMS = {"description": "vd.dim.description", "service": "vd.dim.service",
        "logistics": "vd.dim.logistics"}  # fmt: skip


@dataclass(frozen=True)
class Card:
    """What the card says: a headline, the figures line, the drivers line and the risks."""

    tone: str
    headline: str
    figures: str
    drivers: str
    risks: tuple[str, ...]


def _range(r: tuple[float, float] | None, lang: str) -> str:
    if r is None:
        return ""
    return t("vd.range", lang, lo=fmt_signed_money(r[0], lang), hi=fmt_signed_money(r[1], lang))


def card(v: Verdict, lang: str) -> Card:
    """The verdict ``v`` in ``lang``."""
    key, tone = CALLS[v.call]
    headline = t(key, lang, profit=fmt_signed_money(v.profit, lang))
    figures = t("vd.figures", lang, profit=fmt_signed_money(v.profit, lang),
                profit_range=_range(v.profit_range, lang), gmv=fmt_signed_money(v.gmv, lang),
                gmv_range=_range(v.gmv_range, lang))  # fmt: skip
    if v.chance_profit is not None and v.chance_gmv is not None:
        figures += " " + t("vd.chances", lang, profit=fmt_pct(v.chance_profit, lang, digits=0),
                           gmv=fmt_pct(v.chance_gmv, lang, digits=0), paths=v.paths)  # fmt: skip
    sep = "、" if lang == "zh" else ", "
    drivers = (
        t("vd.drivers", lang, lines=sep.join(
            f"{t(f'peff.{line}', lang)} {fmt_signed_money(value, lang)}"
            for line, value in v.drivers))
        if v.drivers else ""
    )  # fmt: skip
    return Card(tone=tone, headline=headline, figures=figures, drivers=drivers,
                risks=tuple(risk_text(r, lang) for r in v.risks))  # fmt: skip


def risk_text(r: Risk, lang: str) -> str:
    """One risk in words, with its numbers."""
    p = r.params
    if r.code == "dsr_below_industry":
        return t(RISKS[r.code], lang, dim=t(DIMS[str(p["dim"])], lang),
                 score=fmt_score(float(p["score"]), lang),
                 industry=fmt_score(float(p["industry"]), lang))  # fmt: skip
    if r.code == "campaign_gate":
        return t(RISKS[r.code], lang, gate=fmt_score(float(p["gate"]), lang))
    if r.code == "backlog":
        return t(RISKS[r.code], lang, orders=fmt_number(float(p["orders"]), lang))
    if r.code == "loss_tail":
        return t(RISKS[r.code], lang, p10=fmt_money(float(p["p10"]), lang),
                 chance=fmt_pct(float(p["chance"]), lang, digits=0))  # fmt: skip
    return t(RISKS[r.code], lang, p10=fmt_signed_money(float(p["p10"]), lang))
