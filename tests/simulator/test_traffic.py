"""Traffic by source and traffic-mix quality (MODEL.md §6.1)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator import Scenario, set_param
from simulator.registry import PARAMS
from simulator.traffic import (
    campaign_days,
    organic_growth,
    organic_quality,
    traffic_days,
    weekday_factors,
)


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
    # logistic towards K = 3·UV0: ρ = ln 1.1/30/(1 − 1/3), G_t = 3/(1 + 2·e^{−ρt})
    rho = np.log(1.1) / 30 / (2 / 3)
    assert tr.organic[30] == pytest.approx(3000 / (1 + 2 * np.exp(-30 * rho)), rel=1e-12)
    assert (
        1060 < tr.organic[30] < 1100 and 1120 < tr.organic[60] < 1210
    )  # slower than (1 + g)^(t/30)
    assert np.log(tr.organic[1] / tr.organic[0]) == pytest.approx(np.log(1.1) / 30, rel=1e-2)
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


# ---------------------------------------------------------------- growth saturates (issue 15)
def test_growth_never_passes_the_market_ceiling() -> None:
    """Main before the ceiling: 100 %/month over 730 days gave 8.3e10 visitors a day."""
    sc = set_param(set_param(Scenario(), "traffic.growth_pct_month", 100), "horizon_days", 730)
    organic = traffic_days(sc, sc).organic
    assert organic.max() <= 3 * sc.traffic.organic_uv * (1 + 1e-12)
    assert organic[-1] == pytest.approx(3 * sc.traffic.organic_uv, rel=1e-6)
    assert (np.diff(organic) >= 0).all()


@pytest.mark.parametrize("uv", [1000.0, 400_000.0, 1_000_000.0])
@pytest.mark.parametrize("profile", [(1.0,) * 7, (1, 1, 1, 1, 1, 2, 3)])
def test_no_day_passes_the_registry_s_largest_organic_uv(uv, profile) -> None:
    sc = Scenario.model_validate(
        {"horizon_days": 730, "traffic": {"organic_uv": uv, "growth_pct_month": 100,
                                          "market_ceiling": 50, "weekday_profile": profile}}
    )  # fmt: skip
    assert traffic_days(sc, sc).organic.max() <= PARAMS["traffic.organic_uv"].hi


def test_growth_shape() -> None:
    t = np.arange(0, 3651, dtype=float)
    assert (organic_growth(1000, 10, 1, t) == 1).all()  # no room to grow
    np.testing.assert_allclose(organic_growth(1000, -10, 3, t[:61:30]), [1, 0.9, 0.81])
    assert (organic_growth(1000, 0, 3, t) == 1).all()
    g = organic_growth(1000, 5, 2, t)
    assert (np.diff(g) >= 0).all() and (np.diff(g[:365]) > 0).all()
    assert g[-1] == pytest.approx(2, rel=1e-4) and g.max() <= 2
