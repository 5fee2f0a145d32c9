"""The Scenario API of CONTRACT.md: validation at the boundary, set_param, exact JSON round trip."""

from __future__ import annotations

import pydantic
import pytest

from simulator import PRESETS, Scenario, get_param, load_preset, set_param
from simulator.registry import PARAMS
from simulator.sections import ParamRangeError, _Section

EVENTFUL = {
    "horizon_days": 60,
    "traffic": {
        "paid_search": {"budget_per_day": 300, "cpc": 1.2},
        "campaigns": [
            {
                "kind": "juhuasuan",
                "start_day": 20,
                "end_day": 23,
                "platform_uv": 1_500_000,
                "store_share": 0.001,
                "quality": 0.3,
                "fee_per_day": 2000,
                "commission_rate": 0.05,
            },
        ],
    },
    "promotions": [
        {"kind": "item_discount", "start_day": 20, "end_day": 23, "pct": 0.5, "coverage": 1}
    ],
}


# ---------------------------------------------------------------------------- round trip
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_json_round_trip_of_every_preset(name: str) -> None:
    sc = load_preset(name)
    assert Scenario.model_validate_json(sc.model_dump_json()) == sc


def test_json_round_trip_with_campaigns_and_promotions() -> None:
    sc = Scenario.model_validate(EVENTFUL)
    back = Scenario.model_validate_json(sc.model_dump_json())
    assert back == sc
    assert back.traffic.campaigns[0].kind == "juhuasuan"
    assert back.promotions[0].pct == 0.5


def test_python_dump_round_trip() -> None:
    sc = Scenario.model_validate(EVENTFUL)
    assert Scenario.model_validate(sc.model_dump()) == sc


# ---------------------------------------------------------------------------- unknown keys
@pytest.mark.parametrize(
    "data",
    [
        {"nope": 1},
        {"store": {"nope": 1}},
        {"traffic": {"paid_search": {"nope": 1}}},
        {"promotions": [{"kind": "item_discount", "start_day": 1, "end_day": 2, "nope": 1}]},
    ],
)
def test_unknown_keys_are_rejected(data: dict) -> None:
    with pytest.raises(pydantic.ValidationError, match="nope"):
        Scenario.model_validate(data)


def test_unknown_promotion_kind_is_rejected() -> None:
    with pytest.raises(pydantic.ValidationError):
        Scenario.model_validate({"promotions": [{"kind": "nope", "start_day": 1, "end_day": 2}]})


# ---------------------------------------------------------------------------- set_param
def test_set_param_returns_a_validated_copy() -> None:
    sc = Scenario()
    sc2 = set_param(sc, "funnel.conversion_rate", 0.03)
    assert sc2.funnel.conversion_rate == 0.03
    assert sc.funnel.conversion_rate == 0.024
    assert get_param(sc2, "funnel.conversion_rate") == 0.03
    assert sc2 != sc


def test_scenario_is_frozen() -> None:
    with pytest.raises(pydantic.ValidationError):
        Scenario().store.aov = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    "path", ["nope", "store.nope", "store.aov.nope", "traffic.paid_search.nope"]
)
def test_set_param_unknown_path_raises(path: str) -> None:
    with pytest.raises(ValueError, match="unknown scenario path"):
        set_param(Scenario(), path, 1.0)


def test_set_param_on_a_section_still_validates() -> None:
    with pytest.raises(pydantic.ValidationError):
        set_param(Scenario(), "funnel", 1.0)


@pytest.mark.parametrize(
    ("path", "value", "lo", "hi"),
    [
        ("store.aov", -5, "1", "100000"),
        ("store.aov", 100_001, "1", "100000"),
        ("funnel.conversion_rate", 0.5, "0.001", "0.3"),
        ("traffic.paid_search.cpc", 0.0, "0.1", "20"),
        ("horizon_days", 0, "1", "730"),
        ("payment.reminders", 3, "0", "2"),
    ],
)
def test_out_of_range_message_names_path_and_bounds(
    path: str, value: float, lo: str, hi: str
) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        set_param(Scenario(), path, value)
    message = str(info.value)
    assert path in message
    assert f"[{lo}, {hi}]" in message


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "abc", True, None])
def test_non_numbers_are_rejected(value: object) -> None:
    with pytest.raises(pydantic.ValidationError, match="store.aov"):
        set_param(Scenario(), "store.aov", value)


def test_whole_numbers_required_for_integer_fields() -> None:
    with pytest.raises(pydantic.ValidationError, match="horizon_days"):
        set_param(Scenario(), "horizon_days", 10.5)
    assert set_param(Scenario(), "horizon_days", 10.0).horizon_days == 10


def test_choice_field_lists_its_choices() -> None:
    with pytest.raises(pydantic.ValidationError, match="seed, evidence"):
        set_param(Scenario(), "payment.timing_evidence", "maybe")


def test_nested_list_item_ranges_are_checked() -> None:
    bad = {"promotions": [{"kind": "item_discount", "start_day": 1, "end_day": 2, "pct": 0.95}]}
    with pytest.raises(
        pydantic.ValidationError, match=r"promotion.item_discount.pct must be within \[0, 0.9\]"
    ):
        Scenario.model_validate(bad)
    bad = {"traffic": {"campaigns": [{"start_day": 1, "end_day": 2, "store_share": 0.2}]}}
    with pytest.raises(
        pydantic.ValidationError, match=r"campaign.store_share must be within \[0, 0.05\]"
    ):
        Scenario.model_validate(bad)


@pytest.mark.parametrize("section", ["traffic", "promotions"])
def test_windows_must_be_ordered(section: str) -> None:
    item = {"start_day": 10, "end_day": 9}
    data = (
        {"traffic": {"campaigns": [item]}}
        if section == "traffic"
        else {"promotions": [{"kind": "item_discount", **item}]}
    )
    with pytest.raises(pydantic.ValidationError, match="end_day"):
        Scenario.model_validate(data)


def test_weekday_profile_needs_seven_days_and_one_positive() -> None:
    with pytest.raises(pydantic.ValidationError, match="7"):
        set_param(Scenario(), "traffic.weekday_profile", [1.0] * 6)
    with pytest.raises(pydantic.ValidationError, match="above 0"):
        set_param(Scenario(), "traffic.weekday_profile", [0.0] * 7)


# ---------------------------------------------------------------------------- consistency
def test_inconsistent_inquiry_figures_name_the_funnel_fields() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        set_param(Scenario(), "funnel.inquiry_rate", 0.5)
    message = str(info.value)
    for field in ("inquiry_rate", "inquiry_conversion", "conversion_rate", "old_customer_share"):
        assert field in message


def test_inquiry_figures_at_the_limit_are_accepted() -> None:
    # (1 − 0.2)·0.024 / 0.9097 placed new orders per visitor; all of them may come from inquiries.
    limit = 0.8 * 0.024 / 0.9097 / 0.05
    assert set_param(Scenario(), "funnel.inquiry_conversion", limit * (1 - 1e-12))
    with pytest.raises(pydantic.ValidationError):
        set_param(Scenario(), "funnel.inquiry_conversion", limit * (1 + 1e-9))


def test_negative_zero_is_stored_as_zero() -> None:
    """−0.0 == 0.0 but prints "-0.0": a share link keeps only changed values and would give back
    0.0, so the workspace JSON would not round-trip (a hypothesis find)."""
    sc = set_param(Scenario(), "traffic.growth_pct_month", -0.0)
    assert '"growth_pct_month":-0.0' not in sc.model_dump_json()
    assert sc.model_dump_json() == Scenario().model_dump_json()


def _sections(cls: type = _Section) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_sections(sub))]


def _registered_numbers() -> list[tuple[type, str, str]]:
    out = []
    for cls in dict.fromkeys(_sections()):
        for name, field in cls.model_fields.items():
            extra = field.json_schema_extra
            path = extra.get("path") if isinstance(extra, dict) else None
            if (
                path in PARAMS
                and PARAMS[path].kind != "choice"
                and path != "traffic.weekday_profile"
            ):
                out.append((cls, name, path))
    return out


@pytest.mark.parametrize(("cls", "name", "path"), _registered_numbers(), ids=lambda x: str(x))
def test_every_registered_field_is_range_checked_under_its_own_path(
    cls: type, name: str, path: str
) -> None:
    """A value below its registry range is refused as a ``ParamRangeError`` naming the field's own
    registry entry, also for fields registered under another path (a lottery prize's value and
    cost are ``promotion.lottery.prize_value``/``prize_cost``), so the user reads a translated
    sentence with the bounds, not pydantic's English."""
    p = PARAMS[path]
    with pytest.raises(pydantic.ValidationError) as info:
        cls.model_validate({name: p.lo - 1})
    errors = [(e.get("ctx") or {}).get("error") for e in info.value.errors()]
    assert any(isinstance(e, ParamRangeError) and e.param.path == path for e in errors), errors
