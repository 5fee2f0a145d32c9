"""The user's uncertainty overrides travel with the scenario (issue 19 item 1)."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from simulator import Scenario, load_preset, set_param
from simulator.uncertainty import Override
from ui.errors import describe_error
from ui.i18n import t
from ui.share import (
    Entry,
    Workspace,
    decode_link,
    encode_link,
    workspace_from_json,
    workspace_to_json,
)

OVERRIDES = {
    "price.elasticity": Override(family="normal", p10=-3.5, p90=-1.5, note="my category"),
    "funnel.conversion_rate": Override(family="fixed"),
    "store.aov": Override(family="lognormal", p10=100.0, p90=130.0),
}


def _ws(sc: Scenario) -> Workspace:
    return Workspace(
        scenarios=(
            Entry(name="现状", baseline=True, scenario=load_preset("mid_store")),
            Entry(name="plan", scenario=sc),
        )
    )


def test_no_overrides_no_trace_in_files_or_links() -> None:
    """With no overrides the dumps are what they were before the field existed."""
    sc = set_param(load_preset("mid_store"), "traffic.paid_search.budget_per_day", 500)
    assert "uncertainty" not in sc.model_dump()
    assert "uncertainty" not in sc.model_dump_json()
    ws = _ws(sc)
    assert "uncertainty" not in workspace_to_json(ws)
    assert "uncertainty" not in json.dumps(
        decode_link(encode_link(ws)).workspace.model_dump(mode="json")
    )


def test_overrides_round_trip_through_link_and_file() -> None:
    sc = Scenario.model_validate(
        {**load_preset("mid_store").model_dump(), "uncertainty": OVERRIDES}
    )
    ws = _ws(sc)
    back = workspace_from_json(workspace_to_json(ws))
    assert back == ws and back.scenarios[1].scenario.uncertainty == OVERRIDES
    link = decode_link(encode_link(ws, lang="zh"))
    assert link.workspace == ws
    assert link.workspace.model_dump_json() == ws.model_dump_json()
    # a scenario changed with set_param keeps its overrides
    assert set_param(sc, "store.aov", 120).uncertainty == OVERRIDES


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_override_in_a_file_is_refused_in_words(lang: str) -> None:
    data = json.loads(workspace_to_json(_ws(load_preset("mid_store"))))
    data["scenarios"][1]["scenario"]["uncertainty"] = {"price.elasticity": {"p10": -1, "p90": -3}}
    with pytest.raises(ValidationError) as exc:
        Scenario.model_validate(data["scenarios"][1]["scenario"])
    text = describe_error(exc.value, lang)
    label = "价格弹性" if lang == "zh" else "Price elasticity"
    assert label in text and "P90" in text
    assert not text.startswith(t("err.generic", lang, msg=""))


def test_a_scenario_with_overrides_is_hashable_and_equal_by_value() -> None:
    a = Scenario.model_validate({"uncertainty": OVERRIDES})
    b = Scenario.model_validate({"uncertainty": dict(reversed(OVERRIDES.items()))})
    assert a == b and hash(a) == hash(b)
    assert len({a, b, Scenario()}) == 2


def test_correlations_travel_in_links_and_files() -> None:
    """A fit's correlations reopen from a share link and a workspace file unchanged."""
    sc = Scenario(correlations={"repeat.a|repeat.b": -0.42, "repeat.a|repeat.r": 0.3})
    ws = Workspace(scenarios=(Entry(name="a", baseline=True, scenario=sc),))
    assert decode_link(encode_link(ws)).workspace == ws
    assert workspace_from_json(workspace_to_json(ws)) == ws
