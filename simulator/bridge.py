"""GMV bridge: split the GMV change between two results into traffic, conversion, AOV and repeat.

New-customer GMV over the horizon is an exact product, GMV_new = UV × CR_new × AOV_new (seed 003's
销售额 = 流量 × 转化率 × 客单价, with CR_new = new orders ÷ UV and AOV_new = new GMV ÷ new orders).
Its change is split with the log-mean Divisia index (LMDI-I; Ang 2004), which sums exactly:

    Δ_x = L(V1, V0)·ln(x1/x0),   L(a, b) = (a − b)/(ln a − ln b),  x ∈ {UV, CR_new, AOV_new}

The repeat effect is the change of old-customer GMV. The four effects add up to ΔGMV.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

EFFECTS = ("traffic", "conversion", "aov", "repeat")


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
