"""Golden results: ``simulate`` gives today's numbers for ~75 recorded cases (issue 18).

The engine is being restructured (typed steps, one column table); this pins what it computed
before, so a refactoring that moves a number fails here. Every case (every preset against itself
and against ``mid_store``, hand-built sweeps of each promotion kind, membership scheme, a small
warehouse, the ratings' feedback and gate, and 30 seeded hypothesis draws; see
``tests/simulator/golden/record.py``) is simulated again and compared with what was recorded:

- the daily table's columns (names and order) and dates, the warnings, the feedback passes and
  the promotions whose cost is reported: exactly;
- every daily number, total, channel figure and promotion cost: to 1e-9 relative (with an
  absolute floor of 1e-12 of the column's largest magnitude, so a rounding residue next to a zero
  does not count).

A change of the model's numbers on purpose re-records them (and says so in its commit):

    /work/main/.venv/bin/python -m tests.simulator.golden.record
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest

from simulator import Scenario
from tests.simulator.golden.record import CASES_JSON, DAILY_NPZ, snapshot

RTOL = 1e-9
FLOOR = 1e-12


@cache
def _recorded() -> tuple[list[dict], dict[str, np.ndarray]]:
    cases = json.loads(CASES_JSON.read_text())
    with np.load(DAILY_NPZ) as npz:
        daily = {k: npz[k] for k in npz.files}
    return cases, daily


def _names() -> list[str]:
    return [c["name"] for c in _recorded()[0]]


def _close(got: np.ndarray, want: np.ndarray, what: str) -> None:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, what
    scale = float(np.max(np.abs(np.where(np.isfinite(want), want, 0.0)), initial=0.0))
    np.testing.assert_allclose(
        got, want, rtol=RTOL, atol=FLOOR * (1.0 + scale), equal_nan=True, err_msg=what
    )


def test_the_golden_file_holds_every_kind_of_case() -> None:
    names = _names()
    assert len(names) >= 70
    assert sum(n.startswith("drawn_") for n in names) == 30
    kinds = {p["kind"] for c in _recorded()[0] for p in c["plan"]["promotions"]}
    assert kinds >= {"item_discount", "threshold_discount", "coupon", "free_shipping", "gift",
                     "addon", "second_item", "lottery"}  # fmt: skip


@pytest.mark.parametrize("name", _names())
def test_simulate_gives_the_recorded_numbers(name: str) -> None:
    cases, daily = _recorded()
    case = next(c for c in cases if c["name"] == name)
    plan = Scenario.model_validate(case["plan"])
    ref = Scenario.model_validate(case["reference"])
    meta, got_daily = snapshot(plan, ref)
    assert meta["columns"] == case["columns"]
    assert meta["dates"] == case["dates"]
    assert meta["warnings"] == case["warnings"]
    assert meta["feedback_passes"] == case["feedback_passes"]
    want_daily = daily[name]
    for j, col in enumerate(case["numeric"]):
        _close(got_daily[:, j], want_daily[:, j], f"{name}: daily {col}")
    assert meta["totals"].keys() == case["totals"].keys()
    for k, v in case["totals"].items():
        _close(meta["totals"][k], v, f"{name}: total {k}")
    assert meta["promotion_costs"].keys() == case["promotion_costs"].keys()
    for k, v in case["promotion_costs"].items():
        _close(meta["promotion_costs"][k], v, f"{name}: promotion cost {k}")
    got_ch = pd.DataFrame(**{k: meta["channels"][k] for k in ("columns", "index", "data")})
    want_ch = pd.DataFrame(**{k: case["channels"][k] for k in ("columns", "index", "data")})
    assert list(got_ch.columns) == list(want_ch.columns)
    assert list(got_ch["channel"]) == list(want_ch["channel"]), name
    for col in want_ch.columns:
        if col != "channel":
            _close(got_ch[col].to_numpy(float), want_ch[col].to_numpy(float), f"{name}: {col}")


def test_a_moved_number_fails_the_comparison() -> None:
    """The comparison is not vacuous: a relative move of 1e-8 in one day's GMV is caught."""
    cases, daily = _recorded()
    want = daily["preset_mid_store_self"][:, cases[0]["numeric"].index("gmv")]
    moved = want.copy()
    moved[3] *= 1 + 1e-8
    with pytest.raises(AssertionError):
        _close(moved, want, "moved")
