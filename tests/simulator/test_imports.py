"""The project's import graph (issue 18): no cycles, and the layers point one way.

The graph is read from the source (``ast``), not from ``sys.modules``: an edge for every import
of one of the project's own modules (``simulator/``, ``ui/``, ``pages/``, ``app.py``) wherever
it stands, at the top of a module *or inside a function* (a lazy import that dodges a cycle is
still the cycle, waiting for the first call). Imports under ``if TYPE_CHECKING:`` never run and
are the way to name a type without depending on its module: they are left out of the cycles, and
kept in the layer rules (a type from ``ui/`` in ``simulator/`` would still point the wrong way).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The packages and scripts whose imports form the graph.
PACKAGES = ("simulator", "ui", "pages")
SCRIPTS = ("app.py",)
#: Function-level imports kept (all in ``ui/``), each for start-up time or for a private Streamlit API
#: that may be absent: (module, imported module) → why. Never a module of the project.
_EXCEL = "the Excel writer (0.25 s to import) loads when a workbook is built"
_PRIVATE = "Streamlit's private API, reached inside a try"
LAZY_OK = {
    ("ui.exports", "openpyxl"): _EXCEL,
    ("ui.exports", "openpyxl.styles"): _EXCEL,
    ("ui.exports", "openpyxl.utils"): _EXCEL,
    ("ui.exports", "vl_convert"): "the chart renderer (0.2 s, 88 MB native) loads on a download",
    ("ui.share", "segno"): "the QR encoder (40 ms) is not needed to decode links or by the CLI",
    ("ui.router", "streamlit.runtime.scriptrunner"): _PRIVATE,
    ("ui.state", "streamlit.runtime.scriptrunner"): _PRIVATE,
    ("ui.workspace", "ui.store"): "SQLAlchemy (0.15 s) loads on a publish or a short link, not on "
    "every cold open",
    (
        "ui.room",
        "ui.store",
    ): "SQLAlchemy (0.15 s) loads when a room is used, not on every cold open",
    ("ui.room", "openpyxl"): _EXCEL,
}


@dataclass(frozen=True)
class Edge:
    source: str  # importing module
    target: str  # imported module (dotted name)
    line: int
    where: str  # "top", "function" or "type-checking"

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({_file(self.source)}:{self.line}, {self.where})"


def _modules() -> dict[str, Path]:
    """Dotted name → file of every module of the project."""
    found = {Path(s).stem: ROOT / s for s in SCRIPTS}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _file(module: str) -> str:
    return str(MODULES[module].relative_to(ROOT)) if module in MODULES else module


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    tree: ast.AST, where: str = "top"
) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Every import statement with where it stands: "top" (module level, in any if/try),
    "function" (in a function or method body) or "type-checking" (under ``if TYPE_CHECKING:``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, where
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from _imports(node, "function" if where == "top" else where)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), "type-checking")
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), where)
        else:
            yield from _imports(node, where)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The dotted names ``node`` imports, relative imports resolved against ``module``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        is_pkg = MODULES.get(module, Path()).name == "__init__.py"
        parts = module.split(".")[: len(module.split(".")) - node.level + (1 if is_pkg else 0)]
        base = ".".join([*parts, base] if base else parts)
    # ``from pkg import sub``: an import of the submodule when ``sub`` is one
    subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
    return subs if len(subs) == len(node.names) else [base, *subs]


def _edges() -> list[Edge]:
    edges = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, where in _imports(tree):
            for target in _targets(module, node):
                edges.append(Edge(module, target, node.lineno, where))
    return edges


EDGES = _edges()


def _own(target: str) -> str | None:
    """The project module ``target`` names (its longest known prefix), else None."""
    parts = target.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in MODULES:
            return ".".join(parts[:n])
    return None


def graph(edges: list[Edge], *, types: bool = False) -> dict[str, dict[str, Edge]]:
    """module → {imported project module: the first edge}; ``TYPE_CHECKING`` imports left out
    unless ``types``."""
    out: dict[str, dict[str, Edge]] = {m: {} for m in MODULES}
    for e in edges:
        target = _own(e.target)
        if (types or e.where != "type-checking") and target is not None and target != e.source:
            out[e.source].setdefault(target, e)
    return out


def cycles(g: dict[str, dict[str, Edge]]) -> list[list[Edge]]:
    """One cycle through every strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in g[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(comp)

    for v in sorted(g):
        if v not in index:
            connect(v)
    return [_path_back(g, comp, min(comp)) for comp in components]


def _path_back(g: dict[str, dict[str, Edge]], comp: set[str], start: str) -> list[Edge]:
    """The shortest cycle from ``start`` back to itself inside ``comp`` (breadth first)."""
    return _path(g, comp, start, start)


def _path(g: dict[str, dict[str, Edge]], allowed: set[str], start: str, end: str) -> list[Edge]:
    """The shortest chain of imports from ``start`` to ``end`` through ``allowed`` modules."""
    came: dict[str, Edge] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w, e in sorted(g[v].items()):
                if w not in allowed or w in came:
                    continue
                came[w] = e
                if w == end:
                    path, at = [], end
                    while True:
                        path.append(came[at])
                        at = came[at].source
                        if at == start:
                            return path[::-1]
                nxt.append(w)
        frontier = nxt
    return []


def _shown(cycle: list[Edge]) -> str:
    names = " → ".join([cycle[0].source, *(e.target for e in cycle)])
    return names + "\n    " + "\n    ".join(str(e) for e in cycle)


def test_the_graph_sees_every_module_and_its_lazy_imports() -> None:
    """The reader itself: every package's modules are found, relative imports resolve, and an
    import inside a function is an edge (else the test below could pass on a lazy cycle)."""
    assert {"app", "simulator", "simulator.scenario", "ui.state", "pages.overview"} <= set(MODULES)

    def targets(module: str, line: str) -> list[str]:
        return _targets(module, ast.parse(line).body[0])

    assert targets("simulator.engine", "from .scenario import Scenario") == ["simulator.scenario"]
    assert targets("simulator.engine", "from . import finance") == ["simulator.finance"]
    assert targets("simulator", "from .engine import simulate") == ["simulator.engine"]
    assert targets("ui.sidebar", "from simulator import PARAMS") == ["simulator"]
    assert targets("app", "from ui import layout, state") == ["ui.layout", "ui.state"]
    assert _own("ui.state") == "ui.state" and _own("streamlit.runtime") is None
    tree = ast.parse("def f():\n    from . import b\nif TYPE_CHECKING:\n    from . import c\n")
    assert [w for _, w in _imports(tree)] == ["function", "type-checking"]
    toy = {"a": {"b": Edge("a", "b", 1, "top")}, "b": {"a": Edge("b", "a", 2, "function")},
           "c": {"a": Edge("c", "a", 3, "top")}}  # fmt: skip
    assert [[(e.source, e.target) for e in c] for c in cycles(toy)] == [[("a", "b"), ("b", "a")]]


def test_the_project_has_no_import_cycle() -> None:
    found = cycles(graph(EDGES))
    assert not found, "import cycles (each named with its imports):\n" + "\n".join(
        _shown(c) for c in found
    )


def _layer(module: str) -> str:
    return module.split(".")[0]


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [("simulator", {"ui", "pages", "app", "streamlit"}), ("ui", {"pages", "app"})],
)
def test_the_layers_point_one_way(layer: str, forbidden: set[str]) -> None:
    """pages → ui → simulator: the model never imports the UI or Streamlit, the UI never a page
    (type-checking imports included)."""
    wrong = [str(e) for e in EDGES if _layer(e.source) == layer and _layer(e.target) in forbidden]
    assert not wrong, wrong


def _dodged(e: Edge) -> str:
    """``e`` and, when the module it imports depends back on the importer (type-checking imports
    counted: the dependency a lazy import hides), the cycle it dodges."""
    target = _own(e.target)
    back = _path(graph(EDGES, types=True), set(MODULES), target, e.source) if target else []
    return str(e) + (f"\n    dodges the cycle {_shown([e, *back])}" if back else "")


def test_every_import_in_the_simulator_is_at_the_top() -> None:
    """A model module's imports are its dependencies, all stated where a reader looks for them;
    an import inside a function is named with the cycle it dodges, if it dodges one."""
    lazy = [_dodged(e) for e in EDGES if _layer(e.source) == "simulator" and e.where == "function"]
    assert not lazy, "imports inside functions:\n" + "\n".join(lazy)


def test_lazy_imports_are_of_heavy_or_private_libraries_only() -> None:
    """No module of the project is imported inside a function (that hides a dependency, or a
    cycle); the lazy imports kept are listed in ``LAZY_OK`` with their reason."""
    lazy = {(e.source, e.target): e for e in EDGES if e.where == "function"}
    unexplained = [_dodged(e) for key, e in lazy.items() if key not in LAZY_OK]
    assert not unexplained, "imports inside functions:\n" + "\n".join(unexplained)
    stale = [key for key in LAZY_OK if key not in lazy]
    assert not stale, f"LAZY_OK lists imports that are no longer lazy: {stale}"
