"""The simulator's shape (issue 18): short functions, and an engine that only wires steps."""

from __future__ import annotations

import ast
from pathlib import Path

from simulator import engine, steps

SIMULATOR = Path(__file__).resolve().parents[2] / "simulator"
#: Longest function (lines, signature and docstring included) in simulator/.
MAX_FUNCTION_LINES = 80


def test_no_function_in_the_simulator_is_over_80_lines() -> None:
    long = []
    for path in sorted(SIMULATOR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({n} lines)")
    assert not long, long


def test_every_daily_column_is_read_from_a_step_once() -> None:
    """One declared table: unique names, each read from a step of the chain (or the day/feedback)."""
    names = [name for name, _ in engine.COLUMNS]
    assert len(names) == len(set(names)) == len(engine.DAILY_COLUMNS)
    fields = set(engine.Chain.__dataclass_fields__)
    for name, source in engine.COLUMNS:
        paths = (source.num, source.den) if isinstance(source, engine.Ratio) else (source,)
        for p in paths:
            assert p.split(".")[0].split("[")[0] in fields, (name, p)


def test_the_steps_return_frozen_dataclasses() -> None:
    outputs = [
        steps.Offers, steps.Payment, steps.Kernel, steps.Service, steps.Funnel, steps.Referral,
        steps.Repeat, steps.PullForward, steps.Orders, steps.Vouchers, steps.Visits, steps.Basket,
        steps.Members, steps.Shipping, steps.PromotionCosts, steps.Marketing, steps.Fulfilment,
        steps.Money,
    ]  # fmt: skip
    for cls in outputs:
        assert cls.__dataclass_params__.frozen, cls.__name__


def test_the_daily_arrays_have_no_path_axis() -> None:
    """Mean mode has one path and the arrays carry none (the unused paths = 1 axis is gone)."""
    from simulator import load_preset

    s = engine.setup(load_preset("mid_store"), load_preset("mid_store"))
    chain, passes, converged = engine.feedback_passes(s)
    assert converged and passes >= 1
    horizon = s.plan.horizon_days
    assert chain.visits.orders.shape == (horizon,)
    assert all(a.shape == (horizon,) for a in engine.daily_arrays(chain, horizon).values())
