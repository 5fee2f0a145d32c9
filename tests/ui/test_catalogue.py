"""The zh/en catalogue (``ui/i18n/``) against the code that reads it.

- every key has a non-empty text in both languages with the same ``{placeholders}``;
- every key the code uses exists: the string literals given to ``t()``, to ``Phrase()`` and to
  the helpers that hand a parameter to ``t()`` (found by the scan, e.g. ``layout.working``'s
  callers are f-strings, ``layout.yuan_lines(title_key, ...)``), and any literal shaped like a
  key of a known prefix (``"kpi.gmv"`` in a tuple of labels);
- every key built at run time (an f-string) belongs to a family declared in
  ``ui/i18n/families.py``, and every member of every family has its key;
- no key is unused: each is a literal somewhere in the code or a member of a family.

The code scanned is app.py, pages/ and ui/ (and simulator/ for literals: the summary phrases).
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest

from ui.i18n import AREAS, CATALOGUE, LANGS, merge, t
from ui.i18n.families import CODE, FAMILIES, ROOT, family_keys

#: Literals in the code that look like keys of a known prefix and are not (a file name).
NOT_KEYS = frozenset({"app.py", "room.py"})  # file names shaped like keys of a prefix
#: Calls whose argument at this position is a catalogue key (besides the helpers found).
KEY_CALLS = {"t": 0, "Phrase": 0}
KEY_SHAPE = re.compile(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+")
PREFIXES = frozenset(k.split(".", 1)[0] for k in CATALOGUE)


def _files(roots: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for r in roots:
        p = ROOT / r
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return [f for f in out if "i18n" not in f.relative_to(ROOT).parts]


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)


def _template(node: ast.JoinedStr) -> str:
    """``f"cal.sample.{kind}_help"`` → ``"cal.sample.{}_help"``."""
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _branches(node: ast.expr) -> Iterator[ast.expr]:
    """The values an argument can take: both arms of ``a if c else b``, each operand of ``or``."""
    if isinstance(node, ast.IfExp):
        yield from _branches(node.body)
        yield from _branches(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for v in node.values:
            yield from _branches(v)
    else:
        yield node


@cache
def key_calls() -> dict[str, tuple[int, str]]:
    """``KEY_CALLS`` and every function of the code that passes one of its parameters straight
    to ``t()``: name → (position, parameter name)."""
    out = {name: (pos, "") for name, pos in KEY_CALLS.items()}
    for path in _files(CODE):
        for fn in ast.walk(_tree(path)):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and _name(node) == "t" and node.args:
                    for arg in _branches(node.args[0]):
                        if isinstance(arg, ast.Name) and arg.id in params:
                            out.setdefault(fn.name, (params.index(arg.id), arg.id))
    return out


@cache
def scan() -> SimpleNamespace:
    """What the code says about keys: ``literals`` (every string constant, file:line),
    ``keys`` (literals in a key position), ``fstrings`` (template → file:line of the f-strings
    that build keys)."""
    calls = key_calls()
    literals: dict[str, list[str]] = {}
    keys: dict[str, list[str]] = {}
    fstrings: dict[str, list[str]] = {}
    for path in _files((*CODE, "simulator")):
        tree = _tree(path)
        where = str(path.relative_to(ROOT))
        in_fstring = {
            id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values
        }
        for node in ast.walk(tree):
            at = f"{where}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in in_fstring:
                    literals.setdefault(node.value, []).append(at)
            elif isinstance(node, ast.JoinedStr) and where.split("/")[0] != "simulator":
                tmpl = _template(node)
                head = re.match(r"([a-z][a-z0-9_]*)\.", tmpl)
                if head and head.group(1) in PREFIXES:
                    fstrings.setdefault(tmpl, []).append(at)
            if not isinstance(node, ast.Call) or _name(node) not in calls:
                continue
            pos, param = calls[_name(node) or ""]
            args = [a for a in node.args[pos : pos + 1]]
            args += [k.value for k in node.keywords if param and k.arg == param]
            for arg in (b for a in args for b in _branches(a)):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    keys.setdefault(arg.value, []).append(at)
                elif isinstance(arg, ast.JoinedStr):
                    fstrings.setdefault(_template(arg), []).append(at)
    return SimpleNamespace(literals=literals, keys=keys, fstrings=fstrings)


@cache
def families() -> dict[str, set[str]]:
    return family_keys()


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


# --------------------------------------------------------------------------- the texts
def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    bad = {}
    for key, (zh, en) in CATALOGUE.items():
        if not zh.strip() or not en.strip():
            bad[key] = "empty"
        elif _fields(zh) != _fields(en):
            bad[key] = f"zh {sorted(_fields(zh))} ≠ en {sorted(_fields(en))}"
    assert not bad, bad


def test_a_key_is_written_once_in_its_area() -> None:
    """A dict literal keeps the last of two equal keys silently: none is written twice."""
    for area in AREAS:
        tree = _tree(Path(area.__file__))
        written = [
            k.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Dict)
            for k in n.keys
            if isinstance(k, ast.Constant)
        ]
        twice = {k for k in written if written.count(k) > 1}
        assert not twice, f"{area.__name__}: {sorted(twice)}"
        assert set(written) == set(area.KEYS)


def test_a_key_defined_in_two_areas_or_outside_its_area_fails() -> None:
    a = SimpleNamespace(__name__="a", PREFIXES=("x",), KEYS={"x.one": ("一", "one")})
    b = SimpleNamespace(__name__="b", PREFIXES=("x",), KEYS={"x.one": ("一", "one")})
    with pytest.raises(ValueError, match="claimed by"):
        merge((a, b))  # type: ignore[arg-type]
    c = SimpleNamespace(__name__="c", PREFIXES=("y",), KEYS={"x.two": ("二", "two")})
    with pytest.raises(ValueError, match="not its prefix's area"):
        merge((a, c))  # type: ignore[arg-type]
    assert merge(AREAS) == CATALOGUE


def test_t_formats_in_the_chosen_language() -> None:
    assert t("kpi.baseline_value", "zh", value="¥1") == "基线:¥1"
    assert t("kpi.baseline_value", "en", value="¥1") == "Baseline: ¥1"
    assert LANGS == ("zh", "en")
    with pytest.raises(KeyError):
        t("nope.key", "en")


# --------------------------------------------------------------------------- used keys exist
def test_the_scan_finds_the_helpers_that_take_a_key() -> None:
    calls = key_calls()
    assert calls["yuan_lines"] == (0, "title_key") and calls["uptake_caption"][1] == "key"
    assert {"t", "Phrase"} <= set(calls)


def test_every_literal_key_the_code_uses_exists() -> None:
    s = scan()
    missing = {k: w for k, w in s.keys.items() if k not in CATALOGUE}
    assert not missing, missing


def test_every_literal_shaped_like_a_key_of_a_known_prefix_exists() -> None:
    s = scan()
    missing = {
        k: w
        for k, w in s.literals.items()
        if KEY_SHAPE.fullmatch(k)
        and k.split(".", 1)[0] in PREFIXES
        and k not in CATALOGUE
        and k not in NOT_KEYS
    }
    assert not missing, missing


def test_every_key_built_at_run_time_is_a_declared_family() -> None:
    undeclared = {tmpl: w for tmpl, w in scan().fstrings.items() if tmpl not in families()}
    assert not undeclared, f"declare these in ui/i18n/families.py: {undeclared}"


def test_every_declared_family_is_built_somewhere() -> None:
    stale = set(families()) - set(scan().fstrings)
    assert not stale, f"no f-string builds these families any more: {stale}"


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.template)
def test_every_member_of_a_family_has_its_key(family) -> None:
    keys = family.keys()
    assert keys, f"{family.template}: empty domain ({family.where})"
    missing = sorted(k for k in keys if k not in CATALOGUE)
    assert not missing, f"{family.template} ({family.where}): {missing}"


# --------------------------------------------------------------------------- no key unused
def test_no_key_is_unused() -> None:
    built = set().union(*families().values())
    unused = sorted(k for k in CATALOGUE if k not in scan().literals and k not in built)
    assert not unused, f"not in the code nor in a family of ui/i18n/families.py: {unused}"
