"""A verdict for a plan against its baseline: what it does to profit and GMV, how sure that is,
what drives it and what could go wrong (issue 20 item 1).

``verdict(plan, base)`` reads two ``Result``s of ``simulate`` (the plan against the baseline as
reference, and the baseline on itself). With Monte Carlo results drawn with the same seed and
path count (common random numbers), it also gives the P10–P90 range of each change and the
chance the plan beats the baseline; with one path, the deterministic changes alone.

The call [derived, ASSUMPTION thresholds]:

- ``same``: |Δprofit| < 0.1 % of the baseline's |profit| (the Overview's "no change");
- without ranges (one path): ``pays`` when the deterministic profit change is positive,
  ``loses`` when negative;
- with ranges: ``pays`` when the chance the plan beats the baseline on profit is at least
  ``SURE`` (80 %), ``loses`` when it is at most 1 − ``SURE`` (20 %), ``unsure`` between — the
  draws, not the one central run, say how sure the call is.

Drivers are the profit bridge's lines (``simulator.bridge.profit_bridge``, which sum exactly to
the profit change), the ``DRIVERS`` largest by size. Risks, each a code and its numbers:

- ``dsr_below_industry``: a DSR score's lowest day below the industry mean
  (``dsr.industry_mean``, the line under which Taobao shows 低于同行 in green) and lower than
  the baseline's (the plan pushes it there, or further down);
- ``campaign_gate``: the plan's scores fell below a campaign's entry gate (``dsr.gate``) and
  the campaign lost its traffic (the engine's ``campaign_gate_closed`` warning);
- ``backlog``: orders waited past the ship-by deadline (``dispatch_backlog``), with the
  largest backlog;
- ``loss_tail``: in the worst decile of the draws the plan's own profit is negative;
- ``worse_tail``: the plan beats the baseline on the median, but its worst decile does worse
  than the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from simulator.bridge import profit_bridge
from simulator.engine import Result

Call = Literal["pays", "unsure", "loses", "same"]

#: The chance of beating the baseline a plan needs to be called "pays" with ranges [ASSUMPTION:
#: four times in five, the confidence an operator asks before spending].
SURE = 0.8
#: |Δprofit| below this share of |baseline profit| is no change (ui/story.py's FLAT_SHARE).
FLAT_SHARE = 0.001
#: Drivers named.
DRIVERS = 3
DSR_DIMS = ("description", "service", "logistics")
#: Every risk code ``verdict`` gives (the UI has words for each).
RISK_CODES = ("dsr_below_industry", "campaign_gate", "backlog", "loss_tail", "worse_tail")


@dataclass(frozen=True)
class Risk:
    code: str  # see the module docstring
    params: dict[str, float | str]


@dataclass(frozen=True)
class Verdict:
    call: Call
    profit: float  # Δprofit, deterministic run
    gmv: float  # ΔGMV, deterministic run
    profit_range: tuple[float, float] | None  # P10, P90 of Δprofit over the paths
    gmv_range: tuple[float, float] | None
    chance_profit: float | None  # P(Δprofit > 0)
    chance_gmv: float | None  # P(ΔGMV > 0)
    chance_loss: float | None  # P(the plan's own profit < 0)
    drivers: tuple[tuple[str, float], ...]  # profit-bridge lines, largest first
    risks: tuple[Risk, ...]
    paths: int


def verdict(plan: Result, base: Result) -> Verdict:
    """The verdict of ``plan`` (simulated against the baseline) over ``base``."""
    d_profit = plan.totals["profit"] - base.totals["profit"]
    d_gmv = plan.totals["gmv"] - base.totals["gmv"]
    mc = _draws(plan, base)
    lines = profit_bridge(base.totals, plan.totals)
    drivers = sorted(
        ((k, v) for k, v in lines.items() if abs(v) >= 0.5), key=lambda kv: -abs(kv[1])
    )
    flat = abs(d_profit) < max(FLAT_SHARE * abs(base.totals["profit"]), 0.5)
    call: Call
    if flat:
        call = "same"
    elif mc is None:
        call = "pays" if d_profit > 0 else "loses"
    elif mc["chance_profit"] >= SURE:
        call = "pays"
    elif mc["chance_profit"] <= 1 - SURE:
        call = "loses"
    else:
        call = "unsure"
    return Verdict(
        call=call, profit=d_profit, gmv=d_gmv,
        profit_range=None if mc is None else mc["profit_range"],
        gmv_range=None if mc is None else mc["gmv_range"],
        chance_profit=None if mc is None else mc["chance_profit"],
        chance_gmv=None if mc is None else mc["chance_gmv"],
        chance_loss=None if mc is None else mc["chance_loss"],
        drivers=tuple(drivers[:DRIVERS]), risks=tuple(_risks(plan, base, mc)),
        paths=plan.paths if mc is not None else 1,
    )  # fmt: skip


def _draws(plan: Result, base: Result) -> dict | None:
    """Ranges and chances from two Monte Carlo results drawn alike (else None)."""
    if (
        plan.paths <= 1
        or plan.draws is None
        or base.draws is None
        or (len(plan.draws) != len(base.draws))
    ):  # one path: the deterministic run's own row, no range
        return None
    dp = plan.draws["profit"].to_numpy(float) - base.draws["profit"].to_numpy(float)
    dg = plan.draws["gmv"].to_numpy(float) - base.draws["gmv"].to_numpy(float)
    own = plan.draws["profit"].to_numpy(float)
    q = (0.1, 0.9)
    return {
        "profit_range": tuple(float(x) for x in np.quantile(dp, q)),
        "gmv_range": tuple(float(x) for x in np.quantile(dg, q)),
        "chance_profit": float((dp > 0).mean()),
        "chance_gmv": float((dg > 0).mean()),
        "chance_loss": float((own < 0).mean()),
        "own_p10": float(np.quantile(own, 0.1)),
        "change_p10": float(np.quantile(dp, 0.1)),
        "change_p50": float(np.quantile(dp, 0.5)),
    }


def _risks(plan: Result, base: Result, mc: dict | None) -> list[Risk]:
    out: list[Risk] = []
    industry = float(plan.scenario.dsr.industry_mean)
    for dim in DSR_DIMS:
        low, was = plan.totals[f"dsr_{dim}_min"], base.totals[f"dsr_{dim}_min"]
        if low < industry and low < was - 1e-3:
            out.append(Risk("dsr_below_industry", {"dim": dim, "score": low, "industry": industry}))
    if "campaign_gate_closed" in plan.warnings:
        out.append(Risk("campaign_gate", {"gate": float(plan.scenario.dsr.gate)}))
    if "dispatch_backlog" in plan.warnings:
        out.append(Risk("backlog", {"orders": float(plan.totals["backlog_max"])}))
    if mc is not None and mc["own_p10"] < 0:
        out.append(Risk("loss_tail", {"p10": mc["own_p10"], "chance": mc["chance_loss"]}))
    if mc is not None and mc["change_p50"] > 0 > mc["change_p10"]:
        out.append(Risk("worse_tail", {"p10": mc["change_p10"]}))
    return out
