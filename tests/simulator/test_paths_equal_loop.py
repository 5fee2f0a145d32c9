"""The batched Monte Carlo (``engine.run_paths``: the daily chain on all paths at once) equals
the reference loop (``engine._run_paths_loop``: each path's scenario through the chain alone),
totals and band columns to 1e-9 relative, for the default shop and every preset, a plan as its
own reference and against a different one (issue 19 item 2, issue 18's path dimension)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator import engine, montecarlo
from simulator.presets import PRESETS, load_preset
from simulator.scenario import Scenario

HORIZON = 45  # days: short, past the review lag so the ratings feed back
PATHS = 6
RTOL = 1e-9


def _scenario(name: str | None) -> Scenario:
    s = Scenario() if name is None else load_preset(name)
    return s.model_copy(update={"horizon_days": HORIZON})


def _assert_equal(batched: engine.PathRuns, loop: engine.PathRuns) -> None:
    assert list(batched.totals.columns) == list(loop.totals.columns)
    for c in loop.totals.columns:
        np.testing.assert_allclose(batched.totals[c], loop.totals[c], rtol=RTOL, atol=1e-9,
                                   err_msg=c)  # fmt: skip
    assert batched.daily.keys() == loop.daily.keys()
    for c, a in loop.daily.items():
        np.testing.assert_allclose(batched.daily[c], a, rtol=RTOL, atol=1e-9, err_msg=c)
    assert batched.redrawn == loop.redrawn
    assert (batched.refused == loop.refused).all()


CASES = [(None, None), *((n, None) for n in PRESETS), (None, "mid_store"),
         ("double12_campaign", "mid_store"), ("tiantian_tejia_2012", "clothing_store_2011")]  # fmt: skip


@pytest.mark.parametrize(("plan", "reference"), CASES,
                         ids=[f"{p or 'default'}-vs-{r or 'itself'}" for p, r in CASES])  # fmt: skip
def test_the_batch_equals_the_loop(plan, reference):
    s = _scenario(plan)
    ref = s if reference is None else _scenario(reference)
    u = montecarlo.uniforms(PATHS, 3)
    dp = montecarlo.draw(s, u, 3)
    dr = dp if ref is s else montecarlo.draw(ref, u, 3)
    assert engine.batch_refusal(dp, dr) is None  # the default shop and the presets batch
    _assert_equal(engine.run_paths(s, ref, u, 3), engine._run_paths_loop(s, ref, dp, dr))


def test_a_path_keeps_the_pass_it_settled_in():
    """The backlogged campaign needs several passes; paths that settle early are not moved by
    the passes the others still need (each equals its own run, path by path)."""
    s = _scenario("double12_campaign")
    ref = _scenario("mid_store")
    u = montecarlo.uniforms(PATHS, 9)
    batched = engine.run_paths(s, ref, u, 9)
    dp, dr = montecarlo.draw(s, u, 9), montecarlo.draw(ref, u, 9)
    for k in range(PATHS):
        alone = engine.simulate(dp.scenario(k), reference=dr.scenario(k))
        np.testing.assert_allclose(batched.totals["profit"].iloc[k], alone.totals["profit"],
                                   rtol=RTOL)  # fmt: skip


def test_whole_number_draws_that_shape_arrays_run_path_by_path_and_say_why():
    """A draw of a count (here an override on the agents) is no number the batch can broadcast:
    ``batch_refusal`` names it and ``run_paths`` takes the loop, with the same results."""
    from simulator.uncertainty import Override

    s = _scenario(None)
    s = s.model_copy(update={"uncertainty": {"service.agents": Override(p10=2, p90=6)}})
    u = montecarlo.uniforms(4, 1)
    dp = montecarlo.draw(s, u, 1)
    reason = engine.batch_refusal(dp, dp)
    assert reason is not None and "service.agents" in reason
    _assert_equal(engine.run_paths(s, s, u, 1), engine._run_paths_loop(s, s, dp, dp))


def test_a_one_day_horizon_runs_path_by_path():
    s = Scenario().model_copy(update={"horizon_days": 1})
    u = montecarlo.uniforms(3, 1)
    dp = montecarlo.draw(s, u, 1)
    assert "day" in engine.batch_refusal(dp, dp)
    _assert_equal(engine.run_paths(s, s, u, 1), engine._run_paths_loop(s, s, dp, dp))


def test_paths_in_several_batches_join_in_order(monkeypatch):
    """More paths than one batch holds: the batches' runs join in path order, their redraws and
    refusals counted once, and the progress rises to 1."""
    monkeypatch.setattr(engine, "BATCH_PATHS", 4)
    s = _scenario("large_store")  # its inquiry rule refuses some first draws
    u = montecarlo.uniforms(10, 7)
    dp = montecarlo.draw(s, u, 7)
    seen: list[float] = []
    batched = engine.run_paths(s, s, u, 7, progress=seen.append)
    _assert_equal(batched, engine._run_paths_loop(s, s, dp, dp))
    assert list(batched.totals.index) == list(range(10))
    assert seen[-1] == 1.0 and all(a <= b for a, b in zip(seen, seen[1:], strict=False))


def test_as_many_paths_as_days_keep_the_axes_apart():
    """P = T: a path's row is still told from a day's (every 2-D array carries paths first)."""
    s = _scenario("double12_campaign")
    u = montecarlo.uniforms(HORIZON, 5)
    dp = montecarlo.draw(s, u, 5)
    assert engine.batch_refusal(dp, dp) is None
    _assert_equal(engine.run_paths(s, s, u, 5), engine._run_paths_loop(s, s, dp, dp))


def test_a_batch_solves_each_distinct_alpha_once_and_few_alone():
    """``_batch_alphas``: paths that draw the share or the BG/NBD shapes get their α from one
    vector of roots (equal to ``calibrate_alpha``); draws that leave α alone (a sensitivity run
    of one price parameter) leave it to ``calibrate``, whose cache holds the central run's."""
    s = _scenario(None)
    u = montecarlo.uniforms(8, 2)
    dp = montecarlo.draw(s, u, 2)
    got = engine._batch_alphas(dp.scenarios, dp.scenarios)
    want = [engine.calibrate(p, p).alpha_days for p in dp.scenarios]
    np.testing.assert_allclose(got, want, rtol=1e-10)
    alone = montecarlo.draw(s, u, 2, only=["price.elasticity"])
    assert np.isnan(engine._batch_alphas(alone.scenarios, alone.scenarios)).all()
