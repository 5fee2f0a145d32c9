"""The undo history (ui/history.py) as a pure class: undo/redo walk the states exactly, the
stacks are bounded, a new change clears redo, and a burst of edits of one parameter is one step
while anything else between (another parameter, a pause, an undo) starts a new one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.history import COALESCE_S, LIMIT, History


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def label(n: object) -> dict[str, str]:
    return {"zh": f"改 {n}", "en": f"edit {n}"}


def test_undo_and_redo_walk_every_state_back_and_forth() -> None:
    h: History[int] = History()
    assert not h.can_undo and not h.can_redo and h.undo(0) is None and h.redo(0) is None
    for n in range(1, 6):  # state n-1 → n
        h.push(n - 1, label(n))
    assert h.undo_label("en") == "edit 5" and h.undo_label("zh") == "改 5"
    state = 5
    for expected in (4, 3, 2, 1, 0):
        state = h.undo(state)
        assert state == expected
    assert not h.can_undo and h.redo_label("en") == "edit 1"
    for expected in (1, 2, 3, 4, 5):
        state = h.redo(state)
        assert state == expected
    assert not h.can_redo and len(h) == 5


def test_at_least_twenty_steps_are_kept_and_no_more_than_the_limit() -> None:
    assert LIMIT >= 20
    h: History[int] = History()
    for n in range(1, LIMIT + 11):
        h.push(n - 1, label(n))
    assert len(h) == LIMIT
    state = LIMIT + 10
    while h.can_undo:
        state = h.undo(state)
    assert state == 10  # the oldest ten were dropped


def test_a_new_change_clears_redo() -> None:
    h: History[int] = History()
    h.push(0, label(1))
    h.push(1, label(2))
    assert h.undo(2) == 1 and h.can_redo
    h.push(1, label(3))
    assert not h.can_redo and h.undo(3) == 1


def test_a_burst_of_one_parameter_is_one_step_and_anything_between_splits_it() -> None:
    clock = Clock()
    h: History[int] = History(clock=clock)
    for n in range(1, 4):  # 0 → 1 → 2 → 3, clicks 0.5 s apart
        clock.now += 0.5
        h.push(n - 1, label(n), key=("plan", "store.aov"))
    assert len(h) == 1 and h.undo_label("en") == "edit 3"
    clock.now += COALESCE_S + 0.1  # after a pause: a step of its own
    h.push(3, label(4), key=("plan", "store.aov"))
    h.push(4, label(5), key=("plan", "traffic.organic_uv"))  # another parameter
    h.push(5, label(6), key=("plan", "store.aov"))  # the first again: not merged across
    h.push(6, label(7), key=None)  # a list edit never merges
    h.push(7, label(8), key=None)
    assert len(h) == 6
    assert h.undo(8) == 7 and h.undo(7) == 6 and h.undo(6) == 5
    h.push(5, label(9), key=("plan", "traffic.organic_uv"))  # after an undo: a new step
    assert len(h) == 4
    assert [h.undo(s) for s in (9, 5, 4, 3)] == [5, 4, 3, 0]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["push", "undo", "redo"]), max_size=80))
def test_any_sequence_matches_a_plain_model_of_the_stacks(ops: list[str]) -> None:
    """Against a model: pushes without keys, undo/redo as list moves, both bounded."""
    h: History[int] = History(limit=7)
    past: list[int] = []
    future: list[int] = []
    state, fresh = 0, 1
    for op in ops:
        if op == "push":
            h.push(state, label(fresh))
            past = [*past, state][-7:]
            future = []
            state, fresh = fresh, fresh + 1
        elif op == "undo":
            got, expected = h.undo(state), None
            if past:
                future = [*future, state][-7:]
                state = expected = past.pop()
            assert got == expected
        else:
            got, expected = h.redo(state), None
            if future:
                past = [*past, state][-7:]
                state = expected = future.pop()
            assert got == expected
        assert h.can_undo == bool(past) and h.can_redo == bool(future)


def test_a_burst_that_ends_where_it_began_leaves_no_step() -> None:
    h: History[int] = History(clock=Clock())
    h.push(0, label("a"))
    h.push(1, label(2), key="aov", after=2)
    h.push(2, label(1), key="aov", after=1)  # + then −: back where the burst began
    assert len(h) == 1 and h.undo(1) == 0


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        History(limit=0)
