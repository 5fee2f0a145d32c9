"""Rerun cost (issue 18): charts cached on their data and not re-validated on every draw, a
result cached once and handed out with frames of its own."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from simulator import load_preset, set_param
from ui import charts


def _frame(**changes: object) -> pd.DataFrame:
    data = pd.DataFrame(
        {"day": [0, 1, 2, 0, 1, 2], "scenario": ["A"] * 3 + ["B"] * 3,
         "value": [1.0, 2.0, 3.0, 2.0, 3.0, 5.0]}
    )  # fmt: skip
    for column, values in changes.items():
        data[column] = values
    return data


def _draw(data: pd.DataFrame, **kwargs: object) -> alt.TopLevelMixin:
    return charts.daily_chart(data, x_title="day", y_title="GMV", lang="en", **kwargs)


def test_a_chart_of_the_same_data_is_built_once() -> None:
    first = _draw(_frame())
    assert _draw(_frame()) is first  # equal contents, another frame object: the same chart


@pytest.mark.parametrize(
    "other",
    [
        {"value": [1.0, 2.0, 3.0, 2.0, 3.0, 5.5]},  # one value
        {"value": [1, 2, 3, 2, 3, 5]},  # the same numbers as integers (another axis format)
        {"scenario": ["A"] * 3 + ["C"] * 3},  # a name
    ],
)
def test_a_chart_of_other_data_is_built_anew(other: dict) -> None:
    chart = _draw(_frame(**other))
    assert chart is not _draw(_frame())
    assert chart.to_dict(validate=True) != _draw(_frame()).to_dict(validate=True)


def test_a_chart_with_other_options_is_built_anew() -> None:
    assert _draw(_frame(), y_format=".1%") is not _draw(_frame())
    assert _draw(_frame(), money=True) is not _draw(_frame())
    assert charts.daily_chart(_frame(), x_title="day", y_title="GMV", lang="zh") is not _draw(
        _frame()
    )


def test_a_built_chart_draws_the_same_spec_with_or_without_validation(monkeypatch) -> None:
    """Streamlit calls ``to_dict()``: for a built chart it skips the schema check (unless the
    suite asks for it), and the spec is the checked one."""
    chart = _draw(_frame(value=[9.0, 8.0, 7.0, 6.0, 5.0, 4.0]))
    assert isinstance(chart, alt.Chart)  # still an Altair chart of its kind
    checked = chart.to_dict(validate=True)
    monkeypatch.setattr(charts, "VALIDATE_BUILT", False)
    calls: list[object] = []
    validate = alt.Chart.validate

    def spy(*args: object, **kwargs: object) -> None:
        calls.append(args)
        return validate(*args, **kwargs)

    monkeypatch.setattr(alt.Chart, "validate", spy)
    assert chart.to_dict() == checked
    assert not calls


def test_themed_charts_are_drawn_without_a_schema_check_per_rerun(monkeypatch) -> None:
    monkeypatch.setattr(charts, "VALIDATE_BUILT", False)
    chart = charts.themed(alt.Chart(_frame()).mark_line().encode(x="day:Q", y="value:Q"), 100)
    broken = chart.copy(deep=True)
    object.__setattr__(broken, "_kwds", {**broken._kwds, "height": "tall"})
    broken.to_dict()  # not checked: a chart the app built is trusted when drawn
    with pytest.raises(Exception, match="tall"):
        broken.to_dict(validate=True)  # but checked when asked (the suite asks for every one)


def test_a_cached_result_is_handed_out_with_frames_of_its_own() -> None:
    """Results are cached once for all sessions (st.cache_resource, no copy per hit): a caller
    adding a column to its daily table must not change what the next caller gets."""
    from ui import state

    sc = set_param(load_preset("mid_store"), "horizon_days", 30).model_dump_json()
    state._simulate_json.clear()
    first = state.simulate_json(sc, sc)
    first.daily["gmv"] = -1.0
    first.daily.loc[0, "orders_paid"] = -1.0
    first.totals["gmv"] = -1.0
    second = state.simulate_json(sc, sc)
    assert (second.daily["gmv"] > 0).all() and second.daily.loc[0, "orders_paid"] > 0
    assert second.totals["gmv"] > 0
    assert second.daily is not first.daily


def test_every_test_of_the_slow_set_exists() -> None:
    """``make test-fast`` leaves out tests/conftest.py's SLOW set: a renamed test must not fall
    out of it silently (it would join the fast tier) — each entry names a test of its file."""
    import ast
    from pathlib import Path

    from tests.conftest import _ROOT, SLOW

    for node in SLOW:
        path, name = node.split("::")
        tree = ast.parse(Path(_ROOT, path).read_text(encoding="utf-8"))
        names = {f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
        assert name.split("[", 1)[0] in names, node


def test_the_imports_objects_are_frozen_once_per_batch_of_new_imports(monkeypatch) -> None:
    """Streamlit's collection after every run walks only what was not frozen: the long-lived
    objects are frozen when modules were imported since the last freeze, and not again."""
    import sys

    from ui import layout

    collected: list[int] = []
    monkeypatch.setattr(layout, "_frozen_at_modules", 0)
    monkeypatch.setattr(layout.gc, "collect", lambda *a: collected.append(1) or 0)
    monkeypatch.setattr(layout.gc, "freeze", lambda: collected.append(2))
    layout.freeze_long_lived()
    assert collected == [1, 2]  # collect first, so no garbage is frozen
    layout.freeze_long_lived()
    assert collected == [1, 2]  # nothing imported since: no collection, no freeze
    monkeypatch.setitem(sys.modules, "a_module_imported_later", sys)
    layout.freeze_long_lived()
    assert collected == [1, 2, 1, 2]
