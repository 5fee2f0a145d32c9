"""Every registry parameter that changes a result can be edited on some page (issue 15 item 9).

Two halves, both read from the registry so a parameter added later is checked without a test edit:

1. The levers: in each of a few scenario states, every scalar registry path whose change (moved
   within its range) moves a total of ``simulate(...)`` — the scenario simulated on its own, or as
   a plan against itself as the store measured today — must have an input in that state. The
   inputs are collected with ``AppTest``: the plan is set to the state's scenario and every page
   is run; a registry input's key is ``w:<which>:<version>:<path>`` (``ui.widgets.widget_key``),
   the sidebar's ``horizon`` control is ``horizon_days``. The states: the default store
   (``mid_store``: what a new user sees), and the same store with every yes/no switch on (every
   membership scheme and rule), a membership fee, paid channels, growth, a platform campaign, a
   promotion of every kind, a warehouse near its capacity and 电话催付 above a low order value —
   once with each repeat-spend model. Parameters that gate others (a scheme's switch, a fee of 0,
   the spend model) are what the states differ in: a parameter that changes nothing in a state
   needs no input there (the page may hide it).
2. The template paths of list items (``campaign.*``, ``promotion.*``) are not scenario paths:
   nothing to perturb. Their editors draw them from declared field lists
   (``ui.widgets._CAMPAIGN_FIELDS``, ``ui.promotions`` ``NUMBERS``/``TABLES``, the builder's days,
   pre-heat and audience), so every template path of the registry must be in those lists.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from pydantic import ValidationError

from simulator import PARAMS, Param, Scenario, get_param, load_preset, set_param, simulate
from simulator.sources import source_text
from tests.app.test_pages import PAGES, assert_clean, goto, open_app
from ui import promotions, widgets
from ui.i18n import t
from ui.state import PLAN, Slot

#: A registry input's key: ``w:<which>:<version>:<path>`` (``:<n>`` after it for an item).
KEY = re.compile(r"^w:(?:plan|baseline):\d+:([^:@]+)")  # choices end in @<lang>
#: Inputs not keyed by their path: the sidebar's horizon control.
OTHER_KEYS = {"horizon": "horizon_days"}
#: Template groups: fields of list items (campaign windows, promotions).
TEMPLATES = ("campaign", "promotion")
#: Moves tried for a number, as fractions of its range, then its bounds and ×1.5, ÷1.5.
STEPS = (0.25, -0.25, 0.05, -0.05)


def _switched_on(node: Any) -> Any:
    """``node`` (a scenario dump) with every yes/no field true."""
    if isinstance(node, dict):
        return {k: True if isinstance(v, bool) else _switched_on(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_switched_on(v) for v in node]
    return node


def everything_on(spend_model: str) -> Scenario:
    """``mid_store`` with every switch on and every lever that gates others engaged."""
    data = _switched_on(load_preset("mid_store").model_dump(mode="python"))
    data["membership"]["fee"] = 88.0
    data["repeat"]["spend_model"] = spend_model
    data["traffic"]["growth_pct_month"] = 5.0
    data["traffic"]["paid_search"]["budget_per_day"] = 500.0
    data["traffic"]["display"]["budget_per_day"] = 300.0
    data["traffic"]["affiliate"]["uv_per_day"] = 200.0
    data["traffic"]["campaigns"] = [{"kind": "juhuasuan", "start_day": 40, "end_day": 42}]
    data["payment"]["phone_aov_threshold"] = 50.0  # 电话催付 for most orders
    data["fulfilment"]["capacity_per_day"] = 110.0  # about the orders of a day
    data["promotions"] = [  # at most three layers a day, one of a kind (seed 003)
        {"kind": "item_discount", "start_day": 10, "end_day": 13, "preheat_days": 3},
        {"kind": "threshold_discount", "start_day": 10, "end_day": 13},
        {"kind": "gift", "start_day": 10, "end_day": 13},
        {"kind": "coupon", "start_day": 20, "end_day": 23},
        {"kind": "addon", "start_day": 20, "end_day": 23},
        {"kind": "lottery", "start_day": 20, "end_day": 23},
        {"kind": "second_item", "start_day": 30, "end_day": 33},
        {"kind": "free_shipping", "start_day": 30, "end_day": 33},
    ]
    return Scenario.model_validate(data)


STATES = {
    "mid_store": lambda: load_preset("mid_store"),
    "everything_on": lambda: everything_on("ratio"),
    "everything_on_gamma_gamma": lambda: everything_on("gamma_gamma"),
}


def candidates(p: Param, value: Any) -> list[Any]:
    """Values of ``p`` within its range other than ``value``."""
    if p.kind == "choice":
        return [c for c in p.choices if c != value]
    if isinstance(value, list | tuple):  # a profile: scale it up, then down
        return [[min(x * 1.2, p.hi) for x in value], [max(x / 1.2, p.lo) for x in value]]
    span = p.hi - p.lo
    tries = [value + f * span for f in STEPS] + [p.lo, p.hi, value * 1.5, value / 1.5]
    out = []
    for x in tries:
        x = int(round(x)) if p.kind == "int" else x
        if p.lo <= x <= p.hi and x != value and x not in out:
            out.append(x)
    return out


def _moved(t0: dict[str, float], t1: dict[str, float]) -> bool:
    def same(a: float, b: float) -> bool:
        return (a != a and b != b) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)

    return any(not same(t0[k], t1[k]) for k in t0)


def levers(sc: Scenario) -> set[str]:
    """Scalar registry paths of ``sc`` whose change within their range moves a total."""
    t0 = simulate(sc).totals
    out = set()
    for path, p in PARAMS.items():
        try:
            value = get_param(sc, path)
        except ValueError:  # a template path
            continue
        for x in candidates(p, value):
            try:
                other = set_param(sc, path, x)
            except (ValidationError, ValueError):  # refused beside the other fields
                continue
            if _moved(t0, simulate(other).totals) or _moved(
                t0, simulate(other, reference=sc).totals
            ):
                out.add(path)
                break
    return out


def _keys(node: Any) -> set[str]:
    key = getattr(node, "key", None)
    out = {key} if isinstance(key, str) else set()
    for child in getattr(node, "children", {}).values():
        out |= _keys(child)
    return out


def inputs(at: Any) -> set[str]:
    """Registry paths with an input on the page ``at`` shows (or in a block of it)."""
    out = set()
    for key in _keys(getattr(at, "_tree", at)):
        if (m := KEY.match(key)) and m.group(1) in PARAMS:
            out.add(m.group(1))
        elif key in OTHER_KEYS:
            out.add(OTHER_KEYS[key])
    return out


def inputs_on_every_page(sc: Scenario, version: int) -> set[str]:
    """Registry paths with an input somewhere in the app while the plan is ``sc``."""
    at = open_app("en")
    at.session_state[PLAN] = Slot("mid_store", sc, version=version)
    out: set[str] = set()
    for page in PAGES:
        goto(at, page)
        assert_clean(at)
        assert at.session_state[PLAN].scenario == sc, page  # drawing changed nothing
        out |= inputs(at)
    return out


@pytest.mark.parametrize("state", list(STATES))
def test_every_lever_has_an_input(state: str) -> None:
    sc = STATES[state]()
    wanted = levers(sc)
    assert "store.aov" in wanted  # the perturbation does move things
    missing = wanted - inputs_on_every_page(sc, version=100 + list(STATES).index(state))
    assert not missing, (
        f"registry parameters that change a result but have no input: {sorted(missing)}"
    )


def test_every_template_field_is_drawn_by_its_editor() -> None:
    """``campaign.*`` and ``promotion.*`` registry entries are fields of list items: each must be
    a column of the campaign editor or a field of the promotion builder."""
    drawn = {f"campaign.{f}" for f in widgets._CAMPAIGN_FIELDS}
    drawn |= {"promotion.start_day", "promotion.end_day", "promotion.preheat_days",
              "promotion.audience"}  # fmt: skip  # the builder's days slider, pre-heat, audience
    drawn |= {f"promotion.{k}.{f}" for k, fields in promotions.NUMBERS.items() for f in fields}
    drawn |= {path for _, paths in promotions.TABLES.values() for path in paths.values()}
    templates = {path for path, p in PARAMS.items() if p.group in TEMPLATES}
    assert templates, "no template paths: TEMPLATES is out of date"
    assert not templates - drawn, sorted(templates - drawn)


def test_the_advanced_section_draws_what_the_page_does_not() -> None:
    """The four levers of issue 15 sit in the traffic page's advanced section, collapsed, with
    the registry's label and unit; a scheme switched off keeps its parameters out of it."""
    from streamlit.testing.v1.element_tree import Expander

    at = open_app("zh", "traffic_funnel")
    (adv,) = [
        e for e in at.get("expander") if isinstance(e, Expander) and e.label == t("adv.title", "zh")
    ]
    assert not adv.proto.expanded
    keys = inputs(adv)
    for path in ("finance.platform_fee_rate", "payment.sms_cost", "payment.call_cost",
                 "payment.phone_aov_threshold"):  # fmt: skip
        assert path in keys
    box = next(w for w in at.number_input if w.key.endswith(":finance.platform_fee_rate"))
    assert box.label == f"{PARAMS['finance.platform_fee_rate'].zh} (%)"
    # the source in words (issue 16: no spec section or file name, simulator/sources.py)
    assert (
        "[" in box.help
        and source_text(PARAMS["finance.platform_fee_rate"].source, "zh") in box.help
    )
    assert "traffic.organic_uv" not in keys  # the page's own inputs stay where they are
    goto(at, "membership")
    assert not any(p.startswith("membership.points.") for p in inputs(at))  # points are off
