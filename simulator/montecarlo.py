"""Monte Carlo over what we don't know: parameter draws for ``simulate(..., paths=N, seed=S)``.

MODEL.md §9.2. Every registry parameter has an uncertainty spec (``simulator.uncertainty``);
a Monte Carlo run draws each uncertain one per path and runs the daily chain under the drawn
values. This module makes the draws; the engine runs them (``engine.simulate``).

Draws (MODEL.md §9.2):

* Uniforms u ∈ (0, 1) from scrambled Sobol points, ``scipy.stats.qmc.Sobol(d, scramble=True,
  seed=PCG64(seed))``, n = 2^m points of which the first ``paths`` are used (a power of two
  keeps the sequence's balance [LIT SciPy docs]). Column j belongs to the j-th path of the
  registry (``DIMENSIONS``), uncertain or not, so a parameter's column never depends on which
  others are uncertain in a scenario.
* Each uncertain parameter's value on a path is its scenario spec's quantile at u:
  x = F⁻¹(u) (``uncertainty.ppf``; the spec is built around the scenario's own value, or the
  user's or the calibration's override).
* Common random numbers: a plan and its baseline drawn with the same seed and path count read
  the same u, so a parameter the two share takes the same value on a path, and their difference
  carries the plans' difference, not the noise of two samples. A plan equal to its baseline
  differs by exactly zero on every path.
* List items (``campaign.*``, ``promotion.<kind>.*``): every item of the list takes the quantile
  u of its own value's spec: [ASSUMPTION] the same buyers answer two coupons alike, so their
  claim rates move together.
* Correlated parameters (``Scenario.correlations``, e.g. a fit's BG/NBD estimates): their
  uniforms pass through a Gaussian copula first (``uncertainty.correlate``), so each keeps its
  marginal and the pair its correlation; a plan and a baseline with the same correlations still
  share every draw.
* A draw the scenario refuses (a cross-field rule: the inquiry path converting more visitors
  than all new orders, the industry's best DSR below its mean) is drawn again from its own
  stream: the specs are marginals, and the rules cut impossible combinations out of their joint
  distribution (rejection sampling). ``Draws.redrawn`` counts such paths; the UI reports them.
  The rules are checked on all rows at once (``accepted``: ``scenario.rules_hold`` is the
  validators' conditions written elementwise, so a batch of draws needs no validated Scenario
  per path); only draws that move a rule on structure (promotion and campaign days, whose
  stacking is checked day by day) are validated one scenario at a time (``batch_refusal``).

Process noise (day-to-day demand noise) is not drawn: the bands are parameter uncertainty only.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from scipy.stats import qmc

from .errors import ModelError
from .registry import PARAMS, Param
from .scenario import Scenario, rules_hold
from .uncertainty import Override, Spec, correlate, override_spec, ppf, spec_for

#: Every registry path, in registry order: column j of the uniforms is DIMENSIONS[j].
DIMENSIONS: tuple[str, ...] = tuple(PARAMS)
#: The most paths one run draws (memory: bands keep len(BAND_COLUMNS) × paths × days floats).
MAX_PATHS = 4096
#: Daily columns whose per-path values the engine keeps for bands (fan charts).
BAND_COLUMNS: tuple[str, ...] = (
    "uv", "orders_paid", "conversion_rate", "aov", "gmv", "profit", "cash", "net_sales",
    "marketing_cost", "promotion_cost", "orders_repeat", "response_time_s", "backlog",
    "dsr_description", "dsr_service", "dsr_logistics", "dsr_mean",
)  # fmt: skip


def check_paths(paths: int, seed: int | None) -> None:
    """Refuse a path count outside 1…MAX_PATHS, or a Monte Carlo without a seed."""
    if isinstance(paths, bool) or not isinstance(paths, int | np.integer):
        raise ModelError("mc_paths", f"paths must be a whole number, got {paths!r}",
                         paths=str(paths), max=MAX_PATHS)  # fmt: skip
    if not 1 <= paths <= MAX_PATHS:
        raise ModelError(
            "mc_paths", f"paths must lie in 1…{MAX_PATHS}, got {paths}", paths=str(paths),
            max=MAX_PATHS,
        )  # fmt: skip
    if paths > 1 and seed is not None and not 0 <= int(seed) < 2**63:
        raise ModelError("mc_seed", f"seed must lie in 0…2^63 − 1, got {seed}", seed=str(seed))


def uniforms(paths: int, seed: int) -> np.ndarray:
    """(paths, len(DIMENSIONS)) scrambled Sobol points in (0, 1): the first ``paths`` of 2^m."""
    m = max(0, math.ceil(math.log2(paths)))
    u = qmc.Sobol(len(DIMENSIONS), scramble=True, seed=np.random.default_rng(seed)).random_base2(m)
    return np.clip(u[:paths], 1e-12, 1.0 - 1e-12)


def _spec(scenario: Scenario, p: Param, value: object) -> Spec | None:
    """The spec of ``p`` around ``value`` in ``scenario`` (None: not a number, or fixed)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    spec = _spec_at(p.path, float(value), scenario.uncertainty.get(p.path))
    return None if spec.fixed else spec


@lru_cache(maxsize=8192)
def _spec_at(path: str, value: float, ov: Override | None) -> Spec:
    """The spec of registry path ``path`` around ``value`` (a pure function of its arguments,
    kept: fitting a truncated spec freezes SciPy distributions, ~1 ms each, and every draw of
    a scenario asks for the same ~100)."""
    p = PARAMS[path]
    if ov is not None:
        return override_spec(p, ov, value)
    return spec_for(p, int(value) if p.kind == "int" else value)


@dataclass(frozen=True)
class Slot:
    """Where one uncertain value lives in a scenario's dump: a path of keys and list indices."""

    param: str  # registry path
    keys: tuple[str | int, ...]  # into Scenario.model_dump()
    spec: Spec


def _slots(scenario: Scenario, only: Collection[str] | None = None) -> list[Slot]:
    """Every uncertain value of ``scenario`` (of the registry paths ``only``, when given):
    plain fields, and each list item's fields."""
    out: list[Slot] = []
    for path, p in PARAMS.items():
        if only is not None and path not in only:
            continue
        head, *rest = path.split(".")
        if head == "campaign":  # template of each of traffic.campaigns
            for i, c in enumerate(scenario.traffic.campaigns):
                if (spec := _spec(scenario, p, getattr(c, rest[0], None))) is not None:
                    out.append(Slot(path, ("traffic", "campaigns", i, rest[0]), spec))
            continue
        if head == "promotion":  # promotion.<field> or promotion.<kind>.<field>
            kind, fld = (None, rest[0]) if len(rest) == 1 else (rest[0], rest[1])
            for i, promo in enumerate(scenario.promotions):
                if kind is not None and promo.kind != kind:
                    continue
                if (spec := _spec(scenario, p, getattr(promo, fld, None))) is not None:
                    out.append(Slot(path, ("promotions", i, fld), spec))
            continue
        value: Any = scenario
        for part in path.split("."):
            value = getattr(value, part, None)
        if (spec := _spec(scenario, p, value)) is not None:
            out.append(Slot(path, tuple(path.split(".")), spec))
    return out


def uncertain_paths(scenario: Scenario) -> tuple[str, ...]:
    """The registry paths a Monte Carlo of ``scenario`` draws (each once, registry order)."""
    return tuple(dict.fromkeys(s.param for s in _slots(scenario)))


#: Registry paths whose values take part in a rule on structure (the stacking of promotion and
#: campaign days, MODEL.md §5): draws that move one are validated one by one.
STRUCTURAL = frozenset({"campaign.start_day", "campaign.end_day", "promotion.start_day",
                        "promotion.end_day", "promotion.preheat_days"})  # fmt: skip


def batch_refusal(slots: Sequence[Slot]) -> str | None:
    """Why the draws of ``slots`` cannot be checked against the scenario's rules as one batch
    (``scenario.rules_hold``, elementwise over paths), or None when they can. Then each path is
    validated as a ``Scenario`` of its own, as before the batch check existed."""
    moved = sorted({s.param for s in slots} & STRUCTURAL)
    return f"draws move {', '.join(moved)}, checked by the stacking rule" if moved else None


@dataclass(frozen=True)
class Draws:
    """The values each path of a scenario runs under."""

    values: Mapping[str, np.ndarray]  # registry path → (paths,) drawn values (first list item's)
    base: Scenario  # the scenario drawn around
    slots: tuple[Slot, ...]  # the values drawn
    slot_values: tuple[np.ndarray, ...]  # per slot, (paths,) values (whole numbers for ints)
    refused: np.ndarray  # (paths,) bool: the first draw a cross-field rule refused (drawn again)
    at_central: np.ndarray  # (paths,) bool: no redraw satisfied the rules: the central values
    redrawn: int  # paths whose first draw the scenario refused (drawn again)
    central: int  # of those, paths no redraw satisfied: run at the central values

    @property
    def paths(self) -> int:
        return len(self.refused)

    def take(self, rows: slice) -> Draws:
        """These draws cut to the paths ``rows`` (their counts of redrawn paths too)."""
        refused, central = self.refused[rows], self.at_central[rows]
        return replace(self, values={k: v[rows] for k, v in self.values.items()},
                       slot_values=tuple(v[rows] for v in self.slot_values), refused=refused,
                       at_central=central, redrawn=int(refused.sum()),
                       central=int(central.sum()))  # fmt: skip

    @cached_property
    def scenarios(self) -> tuple[Scenario, ...]:
        """One scenario per path, equal to the validated ``Scenario`` of its values (the rules
        were checked on the batch; a central path is the scenario itself). The slots' tree is
        built once and the values read row by row as Python numbers (one ``tolist``)."""
        tree = _tree(self.slots)
        ints = [PARAMS[s.param].kind == "int" for s in self.slots]
        if not self.slots:
            return tuple(self.base for _ in range(self.paths))
        rows = np.column_stack([np.asarray(v, dtype=float) for v in self.slot_values]).tolist()
        return tuple(
            self.base
            if central
            else _assign(
                self.base, tree, [int(v) if i else v for v, i in zip(row, ints, strict=True)]
            )
            for row, central in zip(rows, self.at_central.tolist(), strict=True)
        )

    def scenario(self, k: int) -> Scenario:
        """Path ``k``'s scenario (built without validation: its values passed the rules)."""
        if self.at_central[k]:
            return self.base
        ints = [PARAMS[s.param].kind == "int" for s in self.slots]
        vals = [
            int(v[k]) if i else float(v[k]) for v, i in zip(self.slot_values, ints, strict=True)
        ]
        return assign(self.base, self.slots, vals)

    def batched(self, shape: tuple[int, ...] = (-1, 1)) -> Scenario:
        """The scenario with each drawn value an array over the paths, reshaped to ``shape``
        ((P, 1) by default, so it broadcasts against the days). Not a validated Scenario: a
        structure the steps read elementwise (``engine.run_paths``)."""
        return assign(self.base, self.slots,
                      [np.asarray(v, dtype=float).reshape(shape) for v in self.slot_values])  # fmt: skip


def assign(scenario: Scenario, slots: Sequence[Slot], values: Sequence[Any]) -> Scenario:
    """A copy of ``scenario`` with each slot's value set, without validation (``model_copy``):
    the values must already satisfy the scenario's rules, or be arrays for a batch of paths."""
    if len(values) != len(slots):
        raise ValueError("one value per slot")
    return _assign(scenario, _tree(slots), values)


def _tree(slots: Sequence[Slot]) -> dict:
    """The slots' paths as a nested dict whose leaves are ``_Leaf(slot index)``."""
    tree: dict = {}
    for j, s in enumerate(slots):
        node = tree
        for k in s.keys[:-1]:
            node = node.setdefault(k, {})
        node[s.keys[-1]] = _Leaf(j)
    return tree


class _Leaf(int):
    """A slot's index at a leaf of ``_tree`` (told apart from a subtree)."""


def _assign(obj: Any, tree: dict, values: Sequence[Any]) -> Any:
    if isinstance(obj, tuple):  # a list of sections (campaigns, promotions)
        items = list(obj)
        for i, sub in tree.items():
            items[i] = values[sub] if type(sub) is _Leaf else _assign(items[i], sub, values)
        return tuple(items)
    update = {k: values[sub] if type(sub) is _Leaf else _assign(getattr(obj, k), sub, values)
              for k, sub in tree.items()}  # fmt: skip
    return _copy_model(obj, update)


def _copy_model(obj: Any, update: dict) -> Any:
    """``obj.model_copy(update=update)`` for the scenario's models (``extra="forbid"``, no
    private attributes): the same new instance — its ``__dict__`` a copy of ``obj``'s with
    ``update`` applied, the set fields widened by ``update``'s keys — built directly, without
    ``BaseModel.__copy__``'s generic copies of the extra and private slots (a third of the
    per-path scenario construction of a Monte Carlo run). Any other model goes through
    ``model_copy``."""
    if obj.__pydantic_extra__ is not None or getattr(obj, "__pydantic_private__", None):
        return obj.model_copy(update=update)
    cls = type(obj)
    new = cls.__new__(cls)
    set_attr = object.__setattr__
    set_attr(new, "__dict__", {**obj.__dict__, **update})
    set_attr(new, "__pydantic_extra__", None)
    set_attr(new, "__pydantic_fields_set__", obj.__pydantic_fields_set__ | update.keys())
    set_attr(new, "__pydantic_private__", None)
    return new


def _set(data: dict, keys: tuple[str | int, ...], value: float) -> None:
    node: Any = data
    for k in keys[:-1]:
        node = node[k]
    node[keys[-1]] = value


#: Fresh draws tried for a path whose combination the scenario refuses, before it falls back
#: to the central values (a fallback counted in ``Draws.central``).
MAX_REDRAWS = 50


def accepted(scenario: Scenario, slots: Sequence[Slot], values: Sequence[np.ndarray]) -> np.ndarray:
    """(rows,) bool: which rows of drawn ``values`` (one array per slot) the scenario's
    cross-field rules accept. One elementwise check over all rows (``scenario.rules_hold`` on
    the batch) unless ``batch_refusal`` says a draw moves a rule on structure; then each row is
    validated as a ``Scenario`` (a refusal is the validation's ValueError)."""
    rows = len(values[0]) if values else 0
    if batch_refusal(slots) is None:
        batch = assign(scenario, slots, [np.asarray(v, dtype=float) for v in values])
        return np.broadcast_to(np.asarray(rules_hold(batch), dtype=bool), (rows,)).copy()
    ints = [PARAMS[s.param].kind == "int" for s in slots]
    base = scenario.model_dump(mode="python")
    ok = np.ones(rows, dtype=bool)
    for k in range(rows):
        data = _copy(base)
        for s, v, i in zip(slots, values, ints, strict=True):
            _set(data, s.keys, int(v[k]) if i else float(v[k]))
        try:
            Scenario.model_validate(data)
        except ValueError:
            ok[k] = False
    return ok


def draw(
    scenario: Scenario, u: np.ndarray, seed: int, *, only: Collection[str] | None = None
) -> Draws:
    """The values of each path under the uniforms ``u`` (rows: paths; columns: DIMENSIONS).

    A path whose values the scenario refuses is drawn again from its own stream
    (``Generator(PCG64([seed, path, attempt]))``): the prior conditioned on the scenario's
    cross-field rules, by rejection. Two scenarios with the same refusals redraw alike.
    ``only``: draw just these registry paths (the rest keep the scenario's values), each at its
    own column's uniform: correlations are not applied (sensitivity designs such as Sobol's
    assume independent inputs, and one-at-a-time swings read each parameter's own quantiles).
    The rules are checked on all rows at once (``accepted``), not by validating a scenario per
    path.
    """
    slots = tuple(_slots(scenario, only))
    col = np.array([DIMENSIONS.index(s.param) for s in slots], dtype=int)
    ints = [PARAMS[s.param].kind == "int" for s in slots]

    def values(rows: np.ndarray) -> list[np.ndarray]:  # slot → values over the rows
        if only is None:  # a sensitivity design sets each column itself (independent inputs)
            rows = correlate(rows, DIMENSIONS, scenario.correlations)
        out = [ppf(s.spec, rows[:, j]) for s, j in zip(slots, col, strict=True)]
        return [np.rint(v) if i else v for v, i in zip(out, ints, strict=True)]

    paths = u.shape[0]
    drawn = [np.array(v, dtype=float) for v in values(u)]
    refused = ~accepted(scenario, slots, drawn) if slots else np.zeros(paths, dtype=bool)
    pending = np.flatnonzero(refused)
    for attempt in range(MAX_REDRAWS):  # each refused path's own stream, all at once
        if not pending.size:
            break
        fresh = np.vstack([np.random.default_rng([seed, int(k), attempt]).random((1, len(DIMENSIONS)))
                           for k in pending])  # fmt: skip
        batch = values(np.clip(fresh, 1e-12, 1 - 1e-12))
        good = accepted(scenario, slots, batch)
        for v, b in zip(drawn, batch, strict=True):
            v[pending[good]] = b[good]
        pending = pending[~good]
    at_central = np.zeros(paths, dtype=bool)
    at_central[pending] = True
    if pending.size:  # no redraw satisfied the rules: the central values
        base = scenario.model_dump(mode="python")
        for v, s in zip(drawn, slots, strict=True):
            v[pending] = float(_value(base, s.keys))
    kept: dict[str, np.ndarray] = {}
    for s, v in zip(slots, drawn, strict=True):
        kept.setdefault(s.param, v)
    return Draws(values=kept, base=scenario, slots=slots, slot_values=tuple(drawn),
                 refused=refused, at_central=at_central, redrawn=int(refused.sum()),
                 central=int(pending.size))  # fmt: skip


def _value(data: Any, keys: tuple[str | int, ...]) -> Any:
    for k in keys:
        data = data[k]
    return data


def _copy(data: Any) -> Any:
    """A deep copy of a model dump (dicts, lists and scalars only; faster than copy.deepcopy)."""
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def chance(event: np.typing.ArrayLike) -> float:
    """The share of paths on which ``event`` (a boolean per path) holds: P(event) estimated
    from the draws (a plan beating its baseline, a loss)."""
    e = np.asarray(event, dtype=bool)
    return float(e.mean()) if e.size else float("nan")


@dataclass(frozen=True)
class Outlook:
    """A plan against its baseline on one measure, over paths drawn with the same seed."""

    measure: str
    change: tuple[float, float, float]  # P10, P50, P90 of (plan − baseline) over the paths
    level: tuple[float, float, float]  # P10, P50, P90 of the plan's own total
    chance_better: float  # P(plan − baseline > 0) (for a cost: < 0)
    chance_negative: float  # P(plan's own total < 0): a loss, for profit


def outlook(plan: Any, base: Any, measure: str, *, higher_is_better: bool = True) -> Outlook:
    """Read ``measure`` off two Monte Carlo results drawn with the same seed and path count."""
    a, b = plan.draws[measure].to_numpy(float), base.draws[measure].to_numpy(float)
    if a.shape != b.shape:
        raise ModelError("mc_mismatch", f"{a.size} paths against {b.size}: draw both alike",
                         plan=a.size, base=b.size)  # fmt: skip
    d = a - b
    q = (0.1, 0.5, 0.9)
    return Outlook(
        measure=measure,
        change=tuple(float(x) for x in np.quantile(d, q)),  # type: ignore[arg-type]
        level=tuple(float(x) for x in np.quantile(a, q)),  # type: ignore[arg-type]
        chance_better=chance(d > 0 if higher_is_better else d < 0),
        chance_negative=chance(a < 0),
    )
