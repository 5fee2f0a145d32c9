"""The parameter registry: one record per parameter, read by the Scenario (MODEL.md §0, §10b)."""

from __future__ import annotations

import ast
import dataclasses
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

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
from simulator.sections import _Section, pf

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


# --------------------------------------------------------------------------- registry ↔ Scenario
#: Registry entries no Scenario field is declared with: 满减 tiers are pairs and the free-shipping
#: threshold defaults to the store's AOV + 25 (``None``); the entries describe their numbers.
NO_FIELD = {
    "promotion.threshold_discount.threshold",
    "promotion.threshold_discount.amount_off",
    "promotion.free_shipping.threshold",
}
#: The Scenario fields holding those numbers; an uncertainty override's P10 and P90 are in the
#: unit of the parameter it names (``Scenario.uncertainty``, simulator/uncertainty.py).
NUMBERS_WITHOUT_AN_ENTRY = {
    "ThresholdDiscount.tiers",
    "FreeShipping.threshold",
    "Override.p10",
    "Override.p90",
    "Scenario.correlations",  # ρ between two parameters' draws: a number about two others
}


def _sections() -> list[type[BaseModel]]:
    """Every section a Scenario can hold, found through its fields' annotations."""
    found: list[type[BaseModel]] = []
    todo: list[Any] = [Scenario]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item not in found:
                found.append(item)
                todo.extend(f.annotation for f in item.model_fields.values())
        else:
            todo.extend(typing.get_args(item))
    return found


def _fields() -> set[tuple[str, str, str | None]]:
    """(``Class.field``, annotation as written, registry path or ``None``) of each field a Scenario
    holds, named by the class that declares it (every promotion kind's ``start_day`` is
    ``PromotionKind.start_day``)."""
    out = set()
    for section in _sections():
        for name, info in section.model_fields.items():
            owner = next(c for c in section.__mro__ if name in vars(c).get("__annotations__", {}))
            extra = info.json_schema_extra
            path = extra.get("path") if isinstance(extra, dict) else None
            annotation = str(vars(owner)["__annotations__"][name])
            out.add((f"{owner.__name__}.{name}", annotation, path if path in PARAMS else None))
    return out


def test_every_registry_parameter_is_exactly_one_scenario_field() -> None:
    owners: dict[str, list[str]] = {}
    for where, _, path in _fields():
        if path is not None:
            owners.setdefault(path, []).append(where)
    assert {path: where for path, where in owners.items() if len(where) > 1} == {}
    assert set(PARAMS) - set(owners) == NO_FIELD


def test_every_number_and_choice_a_scenario_holds_has_a_registry_parameter() -> None:
    """No number without a home: a field holding a number (or a choice other than a promotion's or
    campaign's ``kind``) is declared from its registry entry."""
    fields = _fields()
    numbers = {w for w, ann, path in fields if path is None and re.search(r"\b(float|int)\b", ann)}
    choices = {
        w for w, ann, path in fields if path is None and ann.startswith(("Literal", "Audience"))
    }
    assert numbers == NUMBERS_WITHOUT_AN_ENTRY
    # an uncertainty override's family and source describe another parameter's distribution
    assert {w.split(".")[1] for w in choices if not w.startswith("Override.")} == {"kind"}


def test_a_section_field_s_registry_path_is_its_section_prefix_and_name() -> None:
    assert Scenario.model_fields["horizon_days"].json_schema_extra == {
        "unit": "days",
        "provenance": "ASSUMPTION",
        "path": "horizon_days",
    }
    assert Coupon.model_fields["face"].json_schema_extra["path"] == "promotion.coupon.face"
    assert Prize.model_fields["value"].json_schema_extra["path"] == "promotion.lottery.prize_value"
    with pytest.raises(KeyError, match=r"Store2\.margin: no registry entry 'store\.margin'"):

        class Store2(_Section):
            _prefix = "store"
            margin: float = pf()
