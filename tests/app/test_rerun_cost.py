"""Rerun cost in the app (issue 18): the sidebar's files panel simulates on click, not on every
rerun."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simulator import set_param
from tests.app.test_pages import open_panel
from ui.workspace import FILES_PANEL

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = REPO_ROOT / "app.py"


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def test_a_rerun_does_not_simulate_saved_scenarios_no_page_shows(monkeypatch) -> None:
    """Two saved scenarios, the Overview open (it shows the baseline and the plan): a rerun
    simulates neither saved one. The files panel simulated every scenario of the workspace on
    every rerun, for exports nobody had asked for yet."""
    from ui import state

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    base = at.session_state[state.BASELINE].scenario
    kept = [
        state.Saved(name, set_param(base, "traffic.paid_search.budget_per_day", budget))
        for name, budget in (("Ads 1", 1234.5), ("Ads 2", 2345.5))
    ]
    at.session_state[state.SAVED] = kept
    state._simulate_json.clear()
    simulated: list[str] = []
    simulate = state.simulate

    def spy(plan, **kwargs):
        simulated.append(plan.model_dump_json())
        return simulate(plan, **kwargs)

    monkeypatch.setattr(state, "simulate", spy)
    at.run()
    assert not at.exception
    assert simulated  # the page's own two (the cache was cleared)
    assert not {k.scenario.model_dump_json() for k in kept} & set(simulated)
    # the export buttons are still there, built on click
    open_panel(at, FILES_PANEL)
    assert len(at.sidebar.get("download_button")) >= 5
