"""Item-level price response (MODEL.md §5.1, first-time discount form).

A store-level price index x_t = 1 − δ_t·θ_cov moves quantity by

    M_price,t = max(x_t, x_floor)^ε                      (ε = −2.62 [LIT Bijmolt et al. 2005])

split into conversion and units per order: M_conv = M^φ, M_units = M^(1−φ). When only part of the
range is promoted (θ_cov < 1), the gain is net of cannibalisation of the other items:
M_net = 1 + (1 − c_can)·(M − 1) [LIT Leeflang et al. 2008]. Old customers respond with
M_rep = M^φ_rep. Reference-price dynamics and pull-forward come with the full promotion engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .scenario import Scenario

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class PriceDays:
    index: FloatArray  # x_t: paid price ÷ list price
    total: FloatArray  # M_price,t after cannibalisation
    conversion: FloatArray  # M_conv,t
    units: FloatArray  # M_units,t
    repeat: FloatArray  # M_rep,t


def price_multiplier(index: FloatArray, elasticity: float, floor: float) -> FloatArray:
    """M = max(x, x_floor)^ε. At x = 0.8, ε = −2.62: 1.794338 (T12)."""
    return np.maximum(index, floor) ** elasticity


def price_days(plan: Scenario) -> PriceDays:
    horizon = plan.horizon_days
    pr = plan.price
    t = np.arange(horizon)
    cut = np.zeros(horizon)
    covered = np.ones(horizon)
    for promo in plan.promotions:
        if promo.kind != "item_discount":
            continue
        on = (t >= promo.start_day) & (t <= promo.end_day)
        # Concurrent item discounts do not stack (seed 003: never two layers of one kind); the
        # deeper one applies.
        deeper = on & (promo.pct * promo.coverage > cut)
        cut = np.where(deeper, promo.pct * promo.coverage, cut)
        covered = np.where(deeper, promo.coverage, covered)
    index = 1.0 - cut
    m = price_multiplier(index, pr.elasticity, pr.floor)
    m = np.where(covered < 1.0, 1.0 + (1.0 - pr.cannibalisation) * (m - 1.0), m)
    return PriceDays(
        index=index,
        total=m,
        conversion=m**pr.conversion_share,
        units=m ** (1.0 - pr.conversion_share),
        repeat=m**pr.repeat_share,
    )
