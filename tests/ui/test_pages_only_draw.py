"""Pages only draw (issue 18): no file in ``pages/`` runs the model or picks a colour.

A page reads the workspace (``ui.state``), calls ``ui`` drawing helpers and draws; the results it
shows come from ``Result`` (``state.results``) or from a ``simulator`` function called by keyword.
So no page imports or calls ``simulate`` (nor the engine), and colours live in ``ui.charts``'
palette: no hex colour literal, no ``alt.value(...)`` and no ``color=`` on an Altair mark.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))
HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b")


def offences(source: str) -> list[str]:
    """What in ``source`` (a page's text) breaks the rule, one line each."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
            for m in HEX.finditer(tok.string):
                found.append(f"line {tok.start[0]}: colour literal {m.group()}")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("simulator"):
            if node.module == "simulator.engine":
                found.append(f"line {node.lineno}: imports simulator.engine")
            for alias in node.names:
                if alias.name in ("simulate", "engine"):
                    found.append(f"line {node.lineno}: imports {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "simulator.engine":
                    found.append(f"line {node.lineno}: imports simulator.engine")
        elif isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
            if name == "simulate":
                found.append(f"line {node.lineno}: calls simulate")
            elif name == "value" and isinstance(fn, ast.Attribute) and _is_alt(fn.value):
                found.append(f"line {node.lineno}: alt.value(...)")
            elif name.startswith("mark_") and any(k.arg == "color" for k in node.keywords):
                found.append(f"line {node.lineno}: {name}(color=...)")
    return found


def _is_alt(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id in ("alt", "altair")


def test_there_are_pages_to_check() -> None:
    assert len(PAGES) >= 8, PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_runs_no_model_and_picks_no_colour(page: Path) -> None:
    assert offences(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from simulator import PARAMS, simulate\n", "imports simulate"),
        ("from simulator.engine import calibrate\n", "imports simulator.engine"),
        ("import simulator.engine\n", "imports simulator.engine"),
        ("import simulator\nsimulator.simulate(sc)\n", "calls simulate"),
        ('c.mark_rule(color="#2e7d32")\n', "colour literal #2e7d32"),
        ("c.mark_rule(color=BAND)\n", "mark_rule(color=...)"),
        ('c.mark_text(color=alt.value("#1F2328"))\n', "alt.value(...)"),
        ('x = f"{a}#FFF"\n', "colour literal #FFF"),
    ],
)
def test_the_guard_catches(source: str, expected: str) -> None:
    assert any(expected in o for o in offences(source)), offences(source)


@pytest.mark.parametrize(
    "source",
    [
        'st.markdown(f"[{label}](#{ANCHOR})")\n',  # a link to an anchor
        "# a comment: ratio #1 and #2\n",
        'st.badge("x", color="orange")\n',  # Streamlit's badge palette, not a chart colour
        "from simulator import PARAMS, studies\nstudies.store_stage(scenario=sc)\n",
    ],
)
def test_the_guard_lets_pass(source: str) -> None:
    assert offences(source) == []
