"""Presets from the seeds (MODEL.md §1.6, §4; validation values T10, T11, V6)."""

from __future__ import annotations

import pytest

from simulator import PARAMS, PRESETS, Scenario, load_preset
from simulator.funnel import implied_conversion
from simulator.presets import (
    CLOTHING_AOV,
    CLOTHING_UV_VALUE,
    PRESET_SOURCES,
    TIANTIAN_TEJIA_2012_06,
)

STORE_STAGES = ("new_store", "mid_store", "large_store")


# ---------------------------------------------------------------------------- T10
def test_t10_tiantian_tejia_totals() -> None:
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
