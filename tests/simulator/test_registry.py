"""The parameter registry: one record per parameter, read by the Scenario (MODEL.md §0, §10b)."""

from __future__ import annotations

import pytest

from simulator import PARAMS, Param, Scenario, get_param
from simulator.registry import param
from simulator.scenario import Campaign, ItemDiscount

PROVENANCE = {"SEED", "LIT", "DERIVED", "ASSUMPTION", "SECONDARY"}
TEMPLATES = {
    "campaign": Campaign,
    "promotion.item_discount": ItemDiscount,
    "promotion": ItemDiscount,
}


@pytest.mark.parametrize("p", PARAMS.values(), ids=lambda p: p.path)
def test_entry_is_complete(p: Param) -> None:
    assert p.zh.strip() and p.en.strip()
    assert p.label("zh") == p.zh and p.label("en") == p.en
    assert p.provenance in PROVENANCE
    assert p.source.strip()
    assert p.kind in {"float", "int", "choice"}
    if p.kind == "choice":
        assert p.default in p.choices
    else:
        assert p.lo <= p.default <= p.hi
        if p.kind == "int":
            assert p.lo == int(p.lo) and p.hi == int(p.hi) and p.default == int(p.default)


@pytest.mark.parametrize("p", PARAMS.values(), ids=lambda p: p.path)
def test_scenario_defaults_come_from_the_registry(p: Param) -> None:
    prefix, _, name = p.path.rpartition(".")
    template = TEMPLATES.get(prefix)
    if template is not None:
        value = getattr(template(), name)
    else:
        value = get_param(Scenario(), p.path)
    if p.path == "traffic.weekday_profile":
        assert value == (p.default,) * 7
    else:
        assert value == p.default


def test_paths_are_unique_and_keyed_by_path() -> None:
    assert all(key == p.path for key, p in PARAMS.items())


def test_unknown_path_suggests_close_matches() -> None:
    with pytest.raises(KeyError, match="conversion_rate"):
        param("funnel.conversion")
    assert param("store.aov").symbol == "AOV0"


def test_range_text_names_both_bounds() -> None:
    assert PARAMS["store.aov"].range_text() == "[1, 100000] yuan"
    assert PARAMS["payment.timing_evidence"].range_text() == "one of seed, evidence"
