"""The parameter registry: one record per parameter, read by the Scenario (MODEL.md §0, §10b)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from simulator import PARAMS, Param, Scenario, get_param, registry
from simulator.registry import param
from simulator.scenario import (
    Addon,
    Campaign,
    Coupon,
    Gift,
    ItemDiscount,
    Lottery,
    Prize,
    SecondItem,
    ThresholdDiscount,
)

PROVENANCE = {"SEED", "LIT", "DERIVED", "ASSUMPTION", "SECONDARY"}
TEMPLATES = {
    "campaign": Campaign,
    "promotion.item_discount": ItemDiscount,
    "promotion": ItemDiscount,
    "promotion.coupon": Coupon,
    "promotion.gift": Gift,
    "promotion.addon": Addon,
    "promotion.second_item": SecondItem,
    "promotion.lottery": Lottery,
}
#: Registry entries that describe a value the model holds in another form: 满减 tiers are pairs,
#: a prize is a list item, and the free-shipping threshold defaults to the store's AOV + 25.
DESCRIBED_ELSEWHERE = {
    "promotion.threshold_discount.threshold": lambda: ThresholdDiscount().tiers[0][0],
    "promotion.threshold_discount.amount_off": lambda: ThresholdDiscount().tiers[0][1],
    "promotion.lottery.prize_value": lambda: Prize().value,
    "promotion.lottery.prize_cost": lambda: Prize().cost,
    "promotion.lottery.probability": lambda: Prize().probability,
    "promotion.free_shipping.threshold": lambda: Scenario().store.aov + 25,
}


@pytest.mark.parametrize("p", PARAMS.values(), ids=lambda p: p.path)
def test_entry_is_complete(p: Param) -> None:
    assert p.zh.strip() and p.en.strip()
    assert p.label("zh") == p.zh and p.label("en") == p.en
    assert p.provenance in PROVENANCE
    assert p.source.strip()
    assert p.kind in {"float", "int", "choice", "bool"}
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
    if p.path in DESCRIBED_ELSEWHERE:
        value = DESCRIBED_ELSEWHERE[p.path]()
    elif template is not None:
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


def _records() -> list[ast.expr]:
    """The elements of ``registry._ALL`` as written in the source."""
    tree = ast.parse(Path(registry.__file__).read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "_ALL"
    )
    assert isinstance(table, ast.List)
    return table.elts


def test_registry_records_name_every_field_they_set_in_the_table_s_column_order() -> None:
    """Each record reads like a table row: ``Param(path=…, unit=…, lo=…, hi=…, default=…, …)``
    with no positional value to count, its fields in the order ``Param`` declares them, and a
    field left out rather than restated at its default."""
    columns = [f.name for f in dataclasses.fields(Param)]
    defaults = {f.name: f.default for f in dataclasses.fields(Param)}
    defaults |= {
        f.name: f.default_factory()
        for f in dataclasses.fields(Param)
        if callable(f.default_factory)
    }
    records = _records()
    assert len(records) == len(PARAMS)
    for record in records:
        assert isinstance(record, ast.Call) and isinstance(record.func, ast.Name)
        where = f"registry.py:{record.lineno}"
        assert record.func.id == "Param", f"{where}: a record is a Param(...) call"
        assert not record.args, f"{where}: a positional value; name it"
        names = [kw.arg for kw in record.keywords]
        assert None not in names, f"{where}: ** unpacking hides the fields"
        assert names == sorted(names, key=columns.index), f"{where}: fields out of column order"
        for kw in record.keywords:
            restated = kw.arg in defaults and _literal(kw.value) == defaults[kw.arg]
            assert not restated, f"{where}: {kw.arg} restates its default; leave it out"


def _literal(node: ast.expr) -> object:
    """The value of a literal (a number, string, tuple), else a marker equal to nothing."""
    try:
        return ast.literal_eval(node)
    except ValueError:  # an f-string or a name: not a literal default
        return object()


def test_param_refuses_positional_values() -> None:
    with pytest.raises(TypeError):
        Param("store.aov", "yuan", 1, 100_000, 115.5, "DERIVED", "s", "zh", "en")
