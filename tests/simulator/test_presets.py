"""Presets from the seeds (MODEL.md §1.6, §4; validation values T10, T11, V4, V6)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator import PARAMS, PRESETS, Scenario, load_preset, set_param, simulate
from simulator.funnel import implied_conversion
from simulator.presets import (
    CLOTHING_AOV,
    CLOTHING_UV_VALUE,
    DOUBLE12_DAYS,
    DOUBLE12_START,
    PRESET_SOURCES,
    TIANTIAN_TEJIA_2012_06,
)
from simulator.scenario import check_stacking

STORE_STAGES = ("new_store", "mid_store", "large_store")


# ---------------------------------------------------------------------------- T10
def test_t10_tiantian_tejia_table_sums_to_its_printed_orders_and_gmv() -> None:
    orders = sum(row[1] for row in TIANTIAN_TEJIA_2012_06)
    gmv = sum(row[2] for row in TIANTIAN_TEJIA_2012_06)
    assert len(TIANTIAN_TEJIA_2012_06) == 10
    assert orders == 64_981
    assert gmv == 7_505_132
    assert gmv / orders == pytest.approx(115.4973, abs=1e-4)


@pytest.mark.parametrize("row", TIANTIAN_TEJIA_2012_06, ids=lambda r: r[0])
def test_t10_printed_aov_is_the_rounded_ratio(row: tuple[str, int, int, int]) -> None:
    _, orders, gmv, printed = row
    assert round(gmv / orders) == printed


def test_t10_default_aov_is_the_table_average() -> None:
    orders = sum(row[1] for row in TIANTIAN_TEJIA_2012_06)
    gmv = sum(row[2] for row in TIANTIAN_TEJIA_2012_06)
    assert PARAMS["store.aov"].default == 115.5 == round(gmv / orders, 1)
    assert Scenario().store.aov == 115.5


# ---------------------------------------------------------------------------- T11
def test_t11_clothing_preset_conversion_is_implied_by_uv_value() -> None:
    sc = load_preset("clothing_store_2011")
    implied = implied_conversion(CLOTHING_UV_VALUE, CLOTHING_AOV)
    assert implied == pytest.approx(0.010583, abs=1e-6)
    assert sc.funnel.conversion_rate == pytest.approx(implied, abs=1e-6)
    assert sc.store.aov == 103.0
    assert sc.funnel.inquiry_conversion == pytest.approx(12 / 215, abs=1e-6)
    assert sc.traffic.precise_share == 0.6479


# ---------------------------------------------------------------------------- names and stages
def test_default_scenario_is_mid_store() -> None:
    assert Scenario() == load_preset("mid_store")


def test_every_preset_loads_and_is_described_in_both_languages() -> None:
    assert set(STORE_STAGES) | {"clothing_store_2011"} <= set(PRESETS)
    for name, (zh, en) in PRESETS.items():
        assert isinstance(load_preset(name), Scenario)
        assert zh.strip() and en.strip()
        assert PRESET_SOURCES[name].strip()


def test_unknown_preset_lists_the_valid_names() -> None:
    with pytest.raises(KeyError) as info:
        load_preset("nope")
    message = str(info.value)
    assert "nope" in message
    for name in PRESETS:
        assert name in message


@pytest.mark.parametrize(
    ("name", "lo", "hi", "share"),
    [
        ("new_store", 0, 50, 0.075),
        ("mid_store", 100, 300, 0.20),
        ("large_store", 500, float("inf"), 0.30),
    ],
)
def test_v6_store_stages_inquiry_bands(name: str, lo: float, hi: float, share: float) -> None:
    """Seed 003 stages: 新店 < 50 inquiries/day, 中级 100–300, 高级 > 500; old shares of MODEL.md §4."""
    sc = load_preset(name)
    inquiries = sc.traffic.organic_uv * sc.funnel.inquiry_rate
    assert lo < inquiries < hi
    assert sc.funnel.old_customer_share == share


def test_presets_do_not_share_state() -> None:
    a, b = load_preset("new_store"), load_preset("new_store")
    assert a == b
    assert a is not b


# ---------------------------------------------------------------------------- campaign presets
CAMPAIGN_PRESETS = ("tiantian_tejia_2012", "double12_campaign")


@pytest.mark.parametrize("name", CAMPAIGN_PRESETS)
def test_campaign_presets_load_round_trip_and_simulate(name: str) -> None:
    sc = load_preset(name)
    assert sc.promotions and sc.traffic.campaigns
    back = Scenario.model_validate_json(sc.model_dump_json())
    assert back == sc
    assert back.model_dump_json() == sc.model_dump_json()
    check_stacking(sc.promotions)  # seed 003's layer rule
    res = simulate(sc)
    d = res.daily
    assert len(d) == sc.horizon_days
    assert np.isfinite(d.to_numpy(dtype=float)).all()
    promo = sc.promotions[0]
    on = d["day"].between(promo.start_day, promo.end_day)
    assert (d.loc[on, "discount_cost"] > 0).all() and (d.loc[on, "free_shipping_cost"] > 0).all()
    assert (d.loc[on, "uv_campaign"] > 0).all() and (d.loc[~on, "uv_campaign"] == 0).all()
    # Seed 003's campaign backs up its small warehouse (仓库太小), as the seed's review says,
    # and the orders still unshipped 72 h after payment are cancelled by their buyers.
    expected = ("dispatch_backlog", "orders_cancelled") if name == "double12_campaign" else ()
    assert res.warnings == expected


def _without_event(sc: Scenario) -> Scenario:
    """The same store with no promotions and no campaign windows: the everyday baseline."""
    return set_param(set_param(sc, "promotions", []), "traffic.campaigns", [])


def test_v4_double12_half_price_lifts_conversion_and_gmv_as_the_seed_reports() -> None:
    """Seed 003: 4 days of 全场5折包邮 lifted conversion from 2.4 % to 3.68 %; MODEL.md V4 wants the
    GMV multiplier in 3.5–5.0 and at least 70 % new customers among the event's orders."""
    plan = load_preset("double12_campaign")
    base = _without_event(plan)
    d1 = simulate(plan, reference=base).daily
    d0 = simulate(base, reference=base).daily
    on = d1["day"].between(DOUBLE12_START, DOUBLE12_START + DOUBLE12_DAYS - 1)
    assert on.sum() == 4
    conversion = d1.loc[on, "orders_paid"].sum() / d1.loc[on, "uv"].sum()
    assert conversion == pytest.approx(0.0368, abs=0.0005)
    assert d0.loc[on, "orders_paid"].sum() / d0.loc[on, "uv"].sum() == pytest.approx(
        0.024, abs=5e-4
    )
    gmv_ratio = d1.loc[on, "gmv"].sum() / d0.loc[on, "gmv"].sum()
    assert 3.5 <= gmv_ratio <= 5.0
    new_share = d1.loc[on, "orders_new"].sum() / d1.loc[on, "orders_paid"].sum()
    assert new_share >= 0.70
    # Self-referenced (the store as if it always ran like this) the event days are the same but
    # for the service desk: against the everyday store its 4 agents answer the campaign's chats
    # a hair slower than the everyday ones (−2e-6 of the orders); self-referenced, they are the
    # measure.
    np.testing.assert_allclose(simulate(plan).daily.loc[on, "orders_paid"],
                               d1.loc[on, "orders_paid"], rtol=1e-5)  # fmt: skip


def test_v4_half_price_alone_overshoots_the_seed_conversion_by_a_quality_factor() -> None:
    """MODEL.md V4: default φ = 0.5 on 5折 alone predicts 2.4 % × (0.5^−2.62)^0.5 = 5.95 %; the seed's
    3.68 % needs a traffic-quality factor 0.618."""
    m = 0.5**-2.62
    assert m == pytest.approx(6.1475, abs=1e-4)
    assert 0.024 * m**0.5 == pytest.approx(0.0595, abs=1e-4)
    assert 0.0368 / (0.024 * m**0.5) == pytest.approx(0.618, abs=1e-3)
