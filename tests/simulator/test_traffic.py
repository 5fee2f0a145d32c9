"""Traffic by source and traffic-mix quality (MODEL.md §6.1)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator import Scenario, set_param
from simulator.traffic import campaign_days, organic_quality, traffic_days, weekday_factors


def test_weekday_profile_is_normalised_to_mean_one() -> None:
    f = weekday_factors((1, 1, 1, 1, 1, 2, 3))
    assert f.mean() == pytest.approx(1.0)
    assert f[6] / f[0] == pytest.approx(3.0)


def test_campaign_window_is_inclusive() -> None:
    assert campaign_days(2, 4, 7).tolist() == [0, 0, 1, 1, 1, 0, 0]


def test_sources_per_day() -> None:
    sc = Scenario.model_validate(
        {
            "horizon_days": 61,
            "traffic": {
                "organic_uv": 1000,
                "growth_pct_month": 10,
                "paid_search": {"budget_per_day": 500, "cpc": 1.25},
                "display": {"budget_per_day": 80, "cpc": 0.8},
                "affiliate": {"uv_per_day": 30},
                "campaigns": [
                    {"start_day": 5, "end_day": 6, "platform_uv": 1e6, "store_share": 0.001}
                ],
            },
        }
    )
    tr = traffic_days(sc, sc)
    assert tr.organic[30] == pytest.approx(1100)  # (1 + g)^(t/30)
    assert tr.organic[60] == pytest.approx(1210)
    assert (tr.search == 400).all()  # B / CPC
    assert (tr.display == 100).all()
    assert (tr.affiliate == 30).all()
    assert tr.campaign[5] == tr.campaign[6] == pytest.approx(1000)
    assert tr.campaign[4] == tr.campaign[7] == 0
    np.testing.assert_allclose(tr.total, tr.organic + tr.paid + tr.affiliate + tr.campaign)
    quality = tr.organic + 400 * 1.0 + 100 * 0.5 + 30 * 0.8 + tr.campaign * 0.3
    np.testing.assert_allclose(tr.weighted, quality, rtol=1e-12)


def test_organic_quality_relative_to_the_measured_mix() -> None:
    ref = Scenario()
    assert organic_quality(ref, ref) == 1.0
    plan = set_param(ref, "traffic.precise_share", 1.0)
    assert organic_quality(plan, ref) == pytest.approx(1.0 / (0.6479 + 0.3521 * 0.3), rel=1e-12)
