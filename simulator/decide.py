"""Decisions: break-even and goal-seek for one lever, and an optimizer for promotion plans.

Issue 20, CONTRACT.md "Decisions"::

    be = break_even(plan, reference=base, path="promotions.0.amount_off", measure="profit")
    be.value; be.curve             # DataFrame: value, change
    opt = optimize(plan, reference=base, levers=[Lever("promotions.0.pct", lo=0.05, hi=0.5)],
                   objective="profit", constraints={"dsr_min": 4.7, "spend_max": 50_000}, seed=7)
    opt.best; opt.value; opt.front; opt.evaluations

A *lever* is a numeric value of the plan at a concrete scenario path: a plain registry path
(``traffic.paid_search.budget_per_day``, ``service.campaign_extra_agents``,
``fulfilment.capacity_per_day``), a promotion's field (``promotions.<i>.<field>``, registered as
``promotion.<kind>.<field>`` or ``promotion.<field>``) or a campaign window's field
(``traffic.campaigns.<i>.<field>``, registered as ``campaign.<field>``). Its registry entry gives
its kind (a whole number or not) and its valid range; a value the scenario's rules refuse (a
discount deeper than allowed, stacking seed 003 forbids, a window past the horizon) is a plan
the operator cannot run: break-even skips it, the optimizer counts it infeasible.

*Measures* are ``Result.totals`` keys; a change is plan − reference (the reference simulated on
itself), a level is the plan's own total. With ``paths`` > 1 every value is the mean over the
Monte Carlo's paths (the plan and the reference drawn with the same seed: common random
numbers), so "expected profit" is what the optimizer maximises; ``paths`` = 1 (default) is the
deterministic run.

Break-even and goal-seek [derived]: the measure on a grid over the lever's range, the grid
interval where it crosses the target nearest the plan's current value, refined by Brent's method
(``scipy.optimize.brentq``) for a continuous lever, by bisection on whole numbers for an integer
one (the first whole value past the crossing, going up the range). A response that jumps across
the target (a threshold, a whole number of agents) is flagged ``exact=False``: re-simulated at the
answer it is not within 0.1 % of the target, and the UI says so.

The optimizer [LIT Storn & Price 1997, "Differential evolution", J. Global Optimization 11:
341–359; SciPy's ``differential_evolution`` with ``integrality`` for whole-number levers]: the
population starts from a Latin hypercube plus the plan as given, constraints enter as a penalty
that ranks every infeasible plan below every feasible one (Deb 2000's feasibility rule), and the
best plan is polished by Powell's bounded local search over its continuous levers. Every plan
evaluated is kept: the Pareto front of GMV change against profit change is read from the
feasible ones. Reproducible: the same seed gives the same plans.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import optimize as sopt

from simulator.engine import Result, simulate
from simulator.errors import ModelError
from simulator.measures import unit_of
from simulator.registry import PARAMS, Param
from simulator.scenario import Scenario
from simulator.uncertainty import default_spec

Quantity = Literal["change", "level"]
Progress = Callable[[float], None]

#: Relative tolerance of a break-even re-simulated at its answer (issue 20: within 0.1 %).
EXACT_RTOL = 1e-3
#: Grid points of a break-even curve (a whole-number lever: at most one per whole value).
CURVE_POINTS = 25
#: The constraints an optimisation accepts: key → (what it bounds, "min" or "max").
CONSTRAINTS: dict[str, tuple[tuple[str, ...], str]] = {
    "dsr_min": (("dsr_description_min", "dsr_service_min", "dsr_logistics_min"), "min"),
    "spend_max": (("spend",), "max"),
    "profit_min": (("profit",), "min"),
    "backlog_max": (("backlog_max",), "max"),
    "loss_chance_max": (("loss_chance",), "max"),
}
#: Penalty floor of an infeasible plan (objective values are scaled to about ±1… ±100).
_PENALTY = 1e6


# ---------------------------------------------------------------------------------------------
# Levers: where a value lives and how it may move


@dataclass(frozen=True)
class Lever:
    """A lever the optimizer may move over [lo, hi] (a concrete scenario path)."""

    path: str
    lo: float
    hi: float


@dataclass(frozen=True)
class Target:
    """A lever resolved on a scenario: its keys into the scenario's dump and its registry entry."""

    path: str
    keys: tuple[str | int, ...]
    param: Param

    @property
    def integer(self) -> bool:
        return self.param.kind == "int"


def _template(scenario: Scenario, parts: list[str]) -> str | None:
    """The registry path of a concrete path (list items map to their templates)."""
    try:
        if parts[0] == "promotions" and len(parts) == 5 and parts[2] == "tiers":
            promo = scenario.promotions[int(parts[1])]  # 满减 tier j: [threshold, amount off]
            promo.tiers[int(parts[3])]
            return f"promotion.{promo.kind}." + ("threshold", "amount_off")[int(parts[4])]
        if parts[0] == "promotions" and len(parts) == 3:
            promo = scenario.promotions[int(parts[1])]
            by_kind = f"promotion.{promo.kind}.{parts[2]}"
            return by_kind if by_kind in PARAMS else f"promotion.{parts[2]}"
        if parts[:2] == ["traffic", "campaigns"] and len(parts) == 4:
            scenario.traffic.campaigns[int(parts[2])]
            return f"campaign.{parts[3]}"
    except (IndexError, ValueError, AttributeError, TypeError):
        return None
    return ".".join(parts)


def lever(scenario: Scenario, path: str) -> Target:
    """Resolve ``path`` as a numeric lever of ``scenario``; a path that is not one is refused."""
    parts = str(path).split(".")
    template = _template(scenario, parts)
    p = PARAMS.get(template) if template else None
    keys = tuple(int(x) if x.isdigit() else x for x in parts)
    if p is None or p.kind not in ("float", "int") or _read(scenario, keys) is None:
        raise ModelError("decide_path", f"{path!r} is not a numeric lever of this plan",
                         units={"path": "param"}, path=str(template or path))  # fmt: skip
    return Target(path=str(path), keys=keys, param=p)


def _read(scenario: Scenario, keys: tuple[str | int, ...]) -> Any:
    node: Any = scenario
    for k in keys:
        try:
            node = node[k] if isinstance(k, int) else getattr(node, k)
        except (IndexError, AttributeError, TypeError):
            return None
    return node if isinstance(node, int | float) and not isinstance(node, bool) else None


#: Levers beside the operator's decisions (``uncertainty``'s basis "decision"): the warehouse's
#: daily capacity is the shop's own number, and a number it can change (issue 20 item 3).
EXTRA_LEVERS = ("fulfilment.capacity_per_day",)


def levers_of(scenario: Scenario, *, decisions_only: bool = True) -> list[str]:
    """The concrete paths of ``scenario``'s numeric levers: the operator's decisions (budgets,
    discount depths, thresholds, prices, staffing, windows) and ``EXTRA_LEVERS``, each promotion's
    and campaign window's fields, each 满减 tier's threshold and amount. ``decisions_only`` False:
    every numeric parameter (what break-even may also ask about: "the CPC at which it pays")."""
    from_list = ("campaign.", "promotion.")
    out: list[str] = []
    for path, p in PARAMS.items():
        if p.kind not in ("float", "int") or path.startswith(from_list) or path == "horizon_days":
            continue
        if (not decisions_only or path in EXTRA_LEVERS or _decision(p)) and _item_lever(
            scenario, path, decisions_only=False
        ):  # a scalar (a weekday profile is a list)
            out.append(path)
    for i, c in enumerate(scenario.traffic.campaigns):
        out += [f"traffic.campaigns.{i}.{f}" for f in type(c).model_fields
                if _item_lever(scenario, f"traffic.campaigns.{i}.{f}", decisions_only)]  # fmt: skip
    for i, promo in enumerate(scenario.promotions):
        out += [f"promotions.{i}.{f}" for f in type(promo).model_fields
                if _item_lever(scenario, f"promotions.{i}.{f}", decisions_only)]  # fmt: skip
        for j, _ in enumerate(getattr(promo, "tiers", None) or ()):
            out += [f"promotions.{i}.tiers.{j}.0", f"promotions.{i}.tiers.{j}.1"]
    return out


def _decision(p: Param) -> bool:
    return default_spec(p).basis == "decision"


def _item_lever(scenario: Scenario, path: str, decisions_only: bool) -> bool:
    try:
        t = lever(scenario, path)
    except ModelError:
        return False
    return not decisions_only or _decision(t.param)


def current(scenario: Scenario, target: Target) -> float:
    """The lever's value in ``scenario``."""
    return float(_read(scenario, target.keys))


def with_values(scenario: Scenario, targets: Sequence[Target], values: Sequence[float]) -> Scenario:
    """A validated copy of ``scenario`` with each lever set (whole numbers rounded); a value the
    scenario's rules refuse raises ``ValueError`` (pydantic's, or a ``ModelError``)."""
    data = scenario.model_dump(mode="json")  # lists all the way down (a tier is a pair)
    for t, v in zip(targets, values, strict=True):
        node = data
        for k in t.keys[:-1]:
            node = node[k]
        node[t.keys[-1]] = int(round(float(v))) if t.integer else float(v)
    return Scenario.model_validate(data)


def _units(p: Param) -> dict[str, str]:
    """How a lever's error shows its numbers: the lever by its label, ends in its unit."""
    return {"lever": "param", "lo": p.unit, "hi": p.unit, "min": p.unit, "max": p.unit,
            "measure": "measure"}  # fmt: skip


def _bounds(target: Target, lo: float | None, hi: float | None) -> tuple[float, float]:
    """The range to search: the given ends, else the registry's, refused if outside it."""
    p = target.param
    units = _units(p)
    a = float(p.lo if lo is None else lo)
    b = float(p.hi if hi is None else hi)
    if not (math.isfinite(a) and math.isfinite(b)) or not p.lo <= a < b <= p.hi:
        raise ModelError("decide_range", f"{target.path}: range [{a:g}, {b:g}] must be inside "
                         f"[{p.lo:g}, {p.hi:g}] with low < high", units=units, lever=p.path,
                         lo=a, hi=b, min=p.lo, max=p.hi)  # fmt: skip
    if target.integer and math.floor(b) - math.ceil(a) < 1:
        raise ModelError("decide_range", f"{target.path}: range [{a:g}, {b:g}] holds fewer than "
                         "two whole values", units=units, lever=p.path, lo=a, hi=b, min=p.lo,
                         max=p.hi)  # fmt: skip
    return a, b


# ---------------------------------------------------------------------------------------------
# Measures: one simulate call per plan, the reference once


class Evaluator:
    """Runs plans against one reference (simulated once) and reads measures off them."""

    def __init__(self, plan: Scenario, reference: Scenario, *, paths: int = 1,
                 seed: int = 0) -> None:  # fmt: skip
        self.reference, self.paths, self.seed = reference, int(paths), int(seed)
        self.check_horizon(plan)
        self.base = self._simulate(reference)
        self.runs = 0  # plans simulated (the reference not counted)

    def check_horizon(self, plan: Scenario) -> None:
        """A change is read over one horizon: the plan's must be the reference's."""
        if plan.horizon_days != self.reference.horizon_days:
            raise ModelError("decide_horizon", f"the plan runs {plan.horizon_days} days and the "
                             f"reference {self.reference.horizon_days}: compare them over one "
                             "horizon", units={"plan": "days", "reference": "days"},
                             plan=plan.horizon_days, reference=self.reference.horizon_days)  # fmt: skip

    def _simulate(self, scenario: Scenario) -> Result:
        if self.paths > 1:
            return simulate(scenario, reference=self.reference, paths=self.paths, seed=self.seed)
        return simulate(scenario, reference=self.reference)

    def run(self, scenario: Scenario) -> Result:
        self.runs += 1
        return self._simulate(scenario)

    def level(self, res: Result, measure: str) -> float:
        """The mean over the paths (the deterministic total with one path)."""
        if measure == "spend":
            return self.level(res, "marketing_cost") + self.level(res, "promotion_cost")
        if measure == "loss_chance":
            return float((res.draws["profit"] < 0).mean()) if res.draws is not None else (
                float(res.totals["profit"] < 0))  # fmt: skip
        if res.draws is not None:
            return float(res.draws[measure].mean())
        return float(res.totals[measure])

    def value(self, res: Result, measure: str, quantity: Quantity) -> float:
        v = self.level(res, measure)
        return v - self.level(self.base, measure) if quantity == "change" else v

    def check(self, measure: str, quantity: str = "change") -> None:
        """Refuse a measure that is not a totals key (or ``spend``), or a quantity other than
        change / level."""
        if measure not in self.base.totals and measure != "spend":
            raise ModelError("decide_measure", f"no total named {measure!r}",
                             units={"measure": "measure"}, measure=str(measure))  # fmt: skip
        if quantity not in ("change", "level"):
            raise ModelError("decide_quantity", f"quantity must be 'change' or 'level', not "
                             f"{quantity!r}", quantity=str(quantity))  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Break-even and goal-seek


@dataclass(frozen=True)
class BreakEven:
    """Where a measure crosses a target as one lever moves."""

    path: str
    measure: str
    quantity: Quantity  # "change" (plan − reference) or "level" (the plan's own total)
    target: float
    value: float  # the lever's value where the measure reaches the target
    reached: float  # the measure re-simulated at ``value``
    exact: bool  # |reached − target| ≤ EXACT_RTOL × the measure's scale
    current: float  # the lever's value in the plan
    crossings: tuple[float, ...]  # every grid interval's crossing, refined (value first)
    curve: pd.DataFrame  # columns: value, <quantity>; NaN where the rules refuse the value
    runs: int  # plans simulated
    integer: bool  # a whole-number lever


def _grid(a: float, b: float, points: int, integer: bool) -> np.ndarray:
    if integer:
        lo, hi = math.ceil(a), math.floor(b)
        return np.unique(np.rint(np.linspace(lo, hi, min(points, hi - lo + 1))))
    return np.linspace(a, b, points)


class _Curve:
    """The measure of the plan with one lever at x (cached; NaN where the rules refuse x)."""

    def __init__(self, plan: Scenario, target: Target, ev: Evaluator, measure: str,
                 quantity: Quantity) -> None:  # fmt: skip
        self.plan, self.target, self.ev = plan, target, ev
        self.measure, self.quantity = measure, quantity
        self.seen: dict[float, float] = {}

    def __call__(self, x: float) -> float:
        x = float(round(x)) if self.target.integer else float(x)
        if x not in self.seen:
            try:
                sc = with_values(self.plan, [self.target], [x])
            except ValueError:
                self.seen[x] = math.nan
            else:
                self.seen[x] = self.ev.value(self.ev.run(sc), self.measure, self.quantity)
        return self.seen[x]


def _refine(f: _Curve, a: float, b: float, fa: float, fb: float, target: float) -> float:
    """The crossing inside [a, b] (f(a) − target and f(b) − target of opposite signs or zero)."""
    if fa == target:
        return a
    if fb == target:
        return b
    if f.target.integer:  # the first whole value at or past the crossing, going up
        lo, hi = int(a), int(b)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            fm = f(mid)
            if math.isnan(fm) or (fm - target > 0) == (fb - target > 0):
                hi = mid
            else:
                lo = mid
        return float(hi)
    g = lambda x: f(x) - target  # noqa: E731
    try:
        return float(sopt.brentq(g, a, b, xtol=1e-9 * max(abs(a), abs(b), 1.0), rtol=1e-12))
    except ValueError:  # a refused value inside: the grid's side that reached the target
        return b


def break_even(
    plan: Scenario,
    *,
    reference: Scenario,
    path: str,
    measure: str = "profit",
    target: float = 0.0,
    quantity: Quantity = "change",
    lo: float | None = None,
    hi: float | None = None,
    points: int = CURVE_POINTS,
    paths: int = 1,
    seed: int = 0,
    progress: Progress | None = None,
) -> BreakEven:
    """The value of the lever at ``path`` at which ``measure``'s change (or level) reaches
    ``target``, searched over [lo, hi] (default: the lever's registry range).

    Several crossings: the one nearest the plan's current value (all in ``crossings``). None in
    the range: ``ModelError`` ``decide_unreachable`` with the range the measure covers there.
    """
    t = lever(plan, path)
    a, b = _bounds(t, lo, hi)
    if not 3 <= int(points) <= 201:
        raise ModelError("decide_points", f"points must be 3…201, not {points}", points=points)
    ev = Evaluator(plan, reference, paths=paths, seed=seed)
    ev.check(measure, quantity)
    f = _Curve(plan, t, ev, measure, quantity)
    xs = _grid(a, b, int(points), t.integer)
    ys = np.empty(len(xs))
    for i, x in enumerate(xs):
        ys[i] = f(x)
        if progress is not None:
            progress(0.9 * (i + 1) / len(xs))
    tgt = float(target)
    crossings = _crossings(f, xs, ys, tgt)
    if not crossings:
        _unreachable(t, measure, quantity, tgt, a, b, ys)
    now = current(plan, t)
    crossings.sort(key=lambda x: (abs(x - now), x))
    value = crossings[0]
    reached = f(value)
    scale = max(abs(tgt), abs(ev.level(ev.base, measure)), 1.0)
    if progress is not None:
        progress(1.0)
    curve = pd.DataFrame({"value": xs, quantity: ys})
    return BreakEven(path=t.path, measure=measure, quantity=quantity, target=tgt, value=value,
                     reached=reached, exact=abs(reached - tgt) <= EXACT_RTOL * scale, current=now,
                     crossings=tuple(crossings), curve=curve, runs=ev.runs,
                     integer=t.integer)  # fmt: skip


def _crossings(f: _Curve, xs: np.ndarray, ys: np.ndarray, target: float) -> list[float]:
    d = ys - target
    out = [float(x) for x, v in zip(xs, d, strict=True) if v == 0]
    ok = np.isfinite(d[:-1]) & np.isfinite(d[1:]) & (np.sign(d[:-1]) * np.sign(d[1:]) < 0)
    for i in np.flatnonzero(ok):
        out.append(_refine(f, float(xs[i]), float(xs[i + 1]), float(ys[i]), float(ys[i + 1]),
                           target))  # fmt: skip
    return sorted(set(out))


def _unreachable(t: Target, measure: str, quantity: str, target: float, a: float, b: float,
                 ys: np.ndarray) -> None:  # fmt: skip
    units = {k: v for k, v in _units(t.param).items() if k not in ("min", "max")}
    units |= dict.fromkeys(("target", "low", "high"), unit_of(measure))
    if not np.isfinite(ys).any():
        raise ModelError("decide_refused", f"the plan's rules refuse every value of {t.path} in "
                         f"[{a:g}, {b:g}]", units=units, lever=t.param.path, lo=a,
                         hi=b)  # fmt: skip
    low, high = float(np.nanmin(ys)), float(np.nanmax(ys))
    raise ModelError("decide_unreachable", f"{measure} ({quantity}) stays within [{low:g}, "
                     f"{high:g}] for {t.path} in [{a:g}, {b:g}] and never reaches {target:g}",
                     units=units, lever=t.param.path, measure=measure, target=target, lo=a,
                     hi=b, low=low, high=high)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The optimizer


@dataclass(frozen=True)
class Optimum:
    """The best plan an optimisation found, and every plan it tried."""

    best: Scenario
    value: float  # the objective's change (plan − reference) at ``best``
    feasible: bool  # ``best`` meets every constraint (else: the least infeasible plan tried)
    current: float  # the objective's change of the plan as given
    current_feasible: bool
    current_gmv: float  # the plan as given: its GMV change
    current_profit: float  # and its profit change
    gap_to_front: float  # profit change the front adds at the current plan's GMV change or more
    levers: pd.DataFrame  # path, lo, hi, integer, current, best
    front: pd.DataFrame  # Pareto front of the feasible plans: lever values, gmv, profit (changes)
    history: pd.DataFrame  # every plan tried: lever values, objective, gmv, profit, feasible
    evaluations: int  # plans simulated
    stopped: bool  # cancelled before the search ended
    objective: str
    constraints: Mapping[str, float] = field(default_factory=dict)


@dataclass
class _Search:
    """The penalised objective the optimizer minimises, and the record of every plan tried."""

    plan: Scenario
    targets: list[Target]
    ev: Evaluator
    objective: str
    constraints: dict[str, float]
    scale: float
    rows: list[dict[str, float]] = field(default_factory=list)
    seen: dict[tuple[float, ...], float] = field(default_factory=dict)
    generation: int = 0

    def key(self, x: np.ndarray) -> tuple[float, ...]:
        return tuple(float(round(v)) if t.integer else float(v)
                     for t, v in zip(self.targets, x, strict=True))  # fmt: skip

    def __call__(self, x: np.ndarray) -> float:
        k = self.key(np.asarray(x, dtype=float))
        if k not in self.seen:
            self.seen[k] = self._evaluate(k)
        return self.seen[k]

    def _evaluate(self, k: tuple[float, ...]) -> float:
        row: dict[str, float] = {t.path: v for t, v in zip(self.targets, k, strict=True)}
        try:
            sc = with_values(self.plan, self.targets, k)
        except ValueError:  # a plan the rules refuse: below every plan that runs
            self.rows.append(row | {"objective": math.nan, "gmv": math.nan, "profit": math.nan,
                                    "violation": math.inf, "feasible": False})  # fmt: skip
            return 4 * _PENALTY
        res = self.ev.run(sc)
        obj = self.ev.value(res, self.objective, "change")
        violation = self.violation(res)
        self.rows.append(row | {"objective": obj, "gmv": self.ev.value(res, "gmv", "change"),
                                "profit": self.ev.value(res, "profit", "change"),
                                "violation": violation, "feasible": violation == 0})  # fmt: skip
        if violation > 0:
            return _PENALTY * (1 + min(violation, 1e3))
        return -obj / self.scale

    def violation(self, res: Result) -> float:
        """Σ of each constraint's shortfall relative to its bound (0: every constraint met)."""
        total = 0.0
        for name, bound in self.constraints.items():
            measures, sense = CONSTRAINTS[name]
            denom = max(abs(bound), 1.0) if name != "loss_chance_max" else 1.0
            for m in measures:
                v = self.ev.level(res, m)
                gap = (bound - v) if sense == "min" else (v - bound)
                total += max(gap, 0.0) / denom
        return total


def _check_constraints(constraints: Mapping[str, float] | None, paths: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, bound in dict(constraints or {}).items():
        if name not in CONSTRAINTS:
            raise ModelError("decide_constraint", f"unknown constraint {name!r}; known: "
                             f"{', '.join(CONSTRAINTS)}", name=str(name))  # fmt: skip
        b = float(bound)
        if not math.isfinite(b):
            raise ModelError("decide_bound", f"{name}: the bound must be a number",
                             units={"name": "constraint"}, name=str(name))  # fmt: skip
        if name == "loss_chance_max" and (paths <= 1 or not 0 <= b <= 1):
            raise ModelError("decide_loss_chance", "a chance of a loss needs the Monte Carlo "
                             "(paths > 1) and a bound in [0, 1]", bound=b)  # fmt: skip
        out[name] = b
    return out


def _levers(plan: Scenario, levers: Sequence[Lever]) -> tuple[list[Target], list[tuple]]:
    if not 1 <= len(levers) <= 8:
        raise ModelError("decide_levers", f"choose 1 to 8 levers, not {len(levers)}",
                         n=len(levers))  # fmt: skip
    targets = [lever(plan, lv.path) for lv in levers]
    if len({t.path for t in targets}) < len(targets):
        twice = next(t.path for i, t in enumerate(targets) if t.path in
                     {u.path for u in targets[:i]})  # fmt: skip
        raise ModelError("decide_lever_twice", f"{twice} is listed twice",
                         units={"lever": "param"}, lever=lever(plan, twice).param.path)  # fmt: skip
    return targets, [_bounds(t, lv.lo, lv.hi) for t, lv in zip(targets, levers, strict=True)]


def optimize(
    plan: Scenario,
    *,
    reference: Scenario,
    levers: Sequence[Lever],
    objective: str = "profit",
    constraints: Mapping[str, float] | None = None,
    seed: int = 0,
    paths: int = 1,
    popsize: int = 8,
    maxiter: int = 40,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Optimum:
    """The plan that maximises ``objective``'s change (its mean over ``paths``) over ``levers``,
    subject to ``constraints`` (``CONSTRAINTS``: ``dsr_min``: each DSR score's lowest day ≥;
    ``spend_max``: marketing + promotion cost ≤, yuan over the horizon; ``profit_min``: the plan's
    own profit ≥; ``backlog_max``: the largest warehouse backlog ≤, orders; ``loss_chance_max``:
    P(the plan's profit < 0) ≤, with ``paths`` > 1).

    Differential evolution (``popsize`` × levers plans per generation, at most ``maxiter``
    generations, whole-number levers through ``integrality``), then Powell over the continuous
    levers from the best plan. ``progress(share)`` after each generation; ``should_stop()`` True
    ends the search with the best plan so far (``stopped``).
    """
    targets, bounds = _levers(plan, levers)
    cons = _check_constraints(constraints, paths)
    ev = Evaluator(plan, reference, paths=paths, seed=seed)
    ev.check(objective)
    scale = max(abs(ev.level(ev.base, objective)), 1.0) / 100.0
    search = _Search(plan, targets, ev, objective, cons, scale)
    now = [current(plan, t) for t in targets]
    x0 = [min(max(v, a), b) for v, (a, b) in zip(now, bounds, strict=True)]
    stopped = False

    def callback(intermediate_result: Any) -> bool:
        nonlocal stopped
        search.generation += 1
        if progress is not None:
            progress(min(0.9 * search.generation / maxiter, 0.9))
        stopped = bool(should_stop is not None and should_stop())
        return stopped

    res = sopt.differential_evolution(
        search, bounds, seed=seed, popsize=popsize, maxiter=maxiter, tol=1e-3, polish=False,
        init="latinhypercube", x0=x0, integrality=[t.integer for t in targets],
        callback=callback, updating="immediate",
    )  # fmt: skip
    best_x = np.asarray(res.x, dtype=float)
    if not stopped:
        best_x = _polish(search, best_x, bounds)
    if progress is not None:
        progress(1.0)
    return _optimum(search, best_x, now, bounds, stopped)


def _polish(search: _Search, x: np.ndarray, bounds: list[tuple]) -> np.ndarray:
    """Powell's bounded local search over the continuous levers, the whole ones held."""
    free = [i for i, t in enumerate(search.targets) if not t.integer]
    if not free or search(x) >= _PENALTY:
        return x

    def sub(z: np.ndarray) -> float:
        full = x.copy()
        full[free] = z
        return search(full)

    got = sopt.minimize(sub, x[free], method="Powell", bounds=[bounds[i] for i in free],
                        options={"maxfev": 30 * len(free), "xtol": 1e-4, "ftol": 1e-6})  # fmt: skip
    if got.fun < search(x):
        x = x.copy()
        x[free] = got.x
    return _to_bounds(search, x, bounds, free)


def _to_bounds(search: _Search, x: np.ndarray, bounds: list[tuple], free: list[int]) -> np.ndarray:
    """Try each continuous lever within 1 % of the range from an end at that end: an optimum on
    the boundary (the whole budget, the smallest discount) is common, and a search from inside
    only approaches it."""
    for i in free:
        a, b = bounds[i]
        end = a if x[i] - a <= b - x[i] else b
        if x[i] != end and abs(x[i] - end) <= 0.01 * (b - a):
            trial = x.copy()
            trial[i] = end
            if search(trial) < search(x):
                x = trial
    return x


def pareto_front(points: pd.DataFrame, x: str = "gmv", y: str = "profit") -> pd.DataFrame:
    """The rows no other row beats on both ``x`` and ``y`` (higher is better), sorted by ``x``."""
    pts = points.dropna(subset=[x, y]).sort_values([x, y], ascending=[False, False])
    keep, best_y = [], -math.inf
    for idx, yv in zip(pts.index, pts[y], strict=True):
        if yv > best_y:
            keep.append(idx)
            best_y = yv
    return pts.loc[keep].sort_values(x).reset_index(drop=True)


def _optimum(search: _Search, best_x: np.ndarray, now: list[float], bounds: list[tuple],
             stopped: bool) -> Optimum:  # fmt: skip
    targets = search.targets
    key = search.key(best_x)
    search(best_x)
    hist = pd.DataFrame(search.rows)
    row = hist[(hist[[t.path for t in targets]] == pd.Series(key, index=[t.path for t in targets]))
               .all(axis=1)].iloc[-1]  # fmt: skip
    ref = _current(search)
    front = pareto_front(hist[hist["feasible"]])
    gap = _gap(front, ref["gmv"], ref["profit"])
    table = pd.DataFrame({"path": [t.path for t in targets], "lo": [b[0] for b in bounds],
                          "hi": [b[1] for b in bounds], "integer": [t.integer for t in targets],
                          "current": now, "best": list(key)})  # fmt: skip
    return Optimum(best=with_values(search.plan, targets, key), value=float(row["objective"]),
                   feasible=bool(row["feasible"]), current=float(ref["objective"]),
                   current_feasible=bool(ref["feasible"]), current_gmv=float(ref["gmv"]),
                   current_profit=float(ref["profit"]), gap_to_front=gap, levers=table,
                   front=front, history=hist, evaluations=search.ev.runs, stopped=stopped,
                   objective=search.objective, constraints=dict(search.constraints))  # fmt: skip


def _current(search: _Search) -> dict[str, float]:
    """The plan as given, evaluated (its levers may lie outside the ranges searched)."""
    res = search.ev.run(search.plan)
    violation = search.violation(res)
    return {
        "objective": search.ev.value(res, search.objective, "change"),
        "gmv": search.ev.value(res, "gmv", "change"),
        "profit": search.ev.value(res, "profit", "change"),
        "feasible": violation == 0,
    }


def _gap(front: pd.DataFrame, gmv: float, profit: float) -> float:
    """How much more profit change the front reaches at the current GMV change or more."""
    better = front[front["gmv"] >= gmv - 1e-9]
    return max(float(better["profit"].max()) - profit, 0.0) if len(better) else 0.0
