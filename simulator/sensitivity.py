"""Which assumption matters most: a tornado over each uncertain parameter, and Sobol indices.

Issue 19 item 4, CONTRACT.md "Monte Carlo and sensitivity"::

    tornado(plan, reference=base, measure="profit")   # parameter, low, high, swing (sorted)
    sobol(plan, reference=base, measure="profit", params=[...], n=512, seed=7)

Both work in the Monte Carlo's u-space (``simulator.montecarlo``): column j of a uniforms matrix
belongs to the registry path ``DIMENSIONS[j]``, and ``engine.run_paths`` turns each row into the
parameter values ``uncertainty.ppf(spec, u)`` of each scenario's own specs (around its own
values, or the user's or the calibration's override).

What is measured. With a plan against its baseline, the plan's *change* on ``measure`` (a
``Result.totals`` key): run_paths(plan, base, u)[m] − run_paths(base, base, u)[m] at the same
uniforms (common random numbers: a parameter the two share takes the same value in both, so
the change carries the plan's effect, not two samples' noise). With the plan being the baseline
(the same scenario, or an equal one), the measure's *level* (a change would be 0 everywhere).
``DataFrame.attrs["quantity"]`` says which ("change" or "level").

Tornado (one-at-a-time, the classic "tornado diagram" of decision analysis [LIT Howard 1988,
"Decision analysis: practice and promise", Management Science 34(6)]): for each parameter
uncertain in the plan or the baseline (``montecarlo.uncertain_paths``), the quantity with that
parameter at its P10 (u = 0.1) and at its P90 (u = 0.9), every other parameter at its value;
``swing`` = |high − low|, sorted largest first. ``attrs["central"]``: the quantity of the
deterministic runs (every parameter at its value). A parameter whose P10…P90 the scenario
refuses (a cross-field rule) is drawn again from its own spec (``montecarlo.draw``);
``attrs["redrawn"]`` counts such runs.

Every spec's median is the value it is built around (``simulator.uncertainty``), so u = 0.5
in every other column reproduces "every other parameter at its value" (to float round-off,
checked per parameter: a user's override need not be centred, and such parameters run in
calls of their own with only their own column drawn). All the other parameters' rows go
through ONE ``run_paths`` call per scenario (a vectorised engine runs them at once).

Sobol indices [LIT Saltelli et al. 2010, "Variance based sensitivity analysis of model output.
Design and estimator for the total sensitivity index", Comput. Phys. Commun. 181(2) 259–270;
SciPy's ``scipy.stats.sobol_indices``, method ``saltelli_2010``]: the chosen parameters
uniform on (0, 1) in u-space (so each takes its own spec's distribution through ppf), the rest
at their values. First-order S_i = the share of the quantity's variance explained by parameter
i alone; total S_Ti = the share it takes part in, interactions included. The design (A, B and
the d matrices AB_i, n·(d + 2) rows) is SciPy's own (``sample_A_B``: the 2d-column scrambled
Sobol points split in two) and is evaluated in one call of the function (``indices``): one
``run_paths`` call per scenario, in chunks of ``CHUNK`` rows (memory: a call keeps 17 daily
columns per row), and the values go to ``scipy.stats.sobol_indices`` as its dict form.
The Ishigami function's published indices come out of the same ``indices`` (tests).
Both analyses draw each parameter from its own column (``run_paths(..., only=…)``): a
scenario's correlations (``Scenario.correlations``, a fit's BG/NBD estimates) are not applied —
Sobol's decomposition assumes independent inputs, and a tornado bar is one parameter's own
quantiles.

The plain-words reading (``reading``): the leading parameter(s), their share and where the user
can pin them down — the Calibrate page for what a calibration fits (``CALIBRATED``), otherwise
the Assumptions page's range editor. The UI says it in zh/en.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats import qmc

from . import engine, montecarlo
from .errors import ModelError
from .registry import PARAMS
from .scenario import Scenario
from .uncertainty import ppf

#: u of the low and high end of a tornado bar: P10 and P90.
LOW_U, HIGH_U = 0.1, 0.9
#: Rows per ``run_paths`` call (a call keeps len(BAND_COLUMNS) × rows × days floats: 512 rows of
#: a 365-day horizon ≈ 25 MB).
CHUNK = 512
#: Sobol base sample sizes accepted: powers of two (the Sobol sequence's balance) in this range.
SOBOL_N = (4, 8192)
#: Parameters in a Sobol analysis: at most this many (cost n·(d + 2) runs per scenario).
MAX_SOBOL_PARAMS = 20
#: Relative tolerance within which a spec's median counts as its value (u = 0.5 reproduces it).
MEDIAN_RTOL = 1e-9
#: The registry paths a calibration from the shop's own data fits (simulator.calibration:
#: ``apply_repeat_fit`` — BG/NBD shapes, Gamma-Gamma, the implied old-customer share;
#: ``apply_daily_fit`` — visitors, weekday profile, growth, conversion, order value, old share).
#: The reading sends these to the Calibrate page; every other parameter to the Assumptions page.
CALIBRATED: frozenset[str] = frozenset(
    {
        "repeat.r", "repeat.a", "repeat.b", "repeat.gg_p", "repeat.gg_q", "repeat.gg_v",
        "funnel.old_customer_share", "traffic.organic_uv", "traffic.weekday_profile",
        "traffic.growth_pct_month", "funnel.conversion_rate", "store.aov",
    }
)  # fmt: skip

Progress = Callable[[float], None]


def _same(plan: Scenario, reference: Scenario) -> bool:
    return plan is reference or plan == reference


def _check_measure(measure: str, totals: Collection[str]) -> None:
    if measure not in totals:
        raise ModelError(
            "sens_measure", f"{measure!r} is not a totals key of a simulation",
            units={"measure": "measure"}, measure=str(measure),
        )  # fmt: skip


def _central(plan: Scenario, reference: Scenario, measure: str) -> tuple[float, bool]:
    """The deterministic quantity (change, or level when the plan is the baseline)."""
    same = _same(plan, reference)
    b = engine.simulate(reference, reference=reference).totals
    _check_measure(measure, b)
    if same:
        return float(b[measure]), True
    p = engine.simulate(plan, reference=reference).totals
    return float(p[measure]) - float(b[measure]), False


class _Runner:
    """The quantity at many rows of uniforms, each scenario's rows in one ``run_paths`` call
    (chunked), the progress reported over all of them."""

    def __init__(self, plan: Scenario, reference: Scenario, measure: str, seed: int,
                 progress: Progress | None, total_rows: int) -> None:  # fmt: skip
        self.plan, self.reference, self.measure, self.seed = plan, reference, measure, seed
        self.same = _same(plan, reference)
        self.progress = progress
        self.runs = total_rows * (1 if self.same else 2)
        self.done = 0
        self.redrawn = 0

    def _totals(self, scenario: Scenario, u: np.ndarray, only: Collection[str]) -> np.ndarray:
        out = np.empty(u.shape[0])
        for start in range(0, u.shape[0], CHUNK):
            rows = u[start : start + CHUNK]
            done, k = self.done, rows.shape[0]

            def tick(f: float, done: int = done, k: int = k) -> None:
                if self.progress is not None:
                    self.progress(min(1.0, (done + f * k) / self.runs))

            r = engine.run_paths(scenario, self.reference, rows, self.seed, only=only,
                                 progress=tick)  # fmt: skip
            out[start : start + k] = r.totals[self.measure].to_numpy(float)
            self.redrawn += r.redrawn
            self.done += k
        return out

    def __call__(self, u: np.ndarray, only: Collection[str]) -> np.ndarray:
        plan = self._totals(self.plan, u, only)
        if self.same:
            return plan
        return plan - self._totals(self.reference, u, only)


def _off_centre(scenario: Scenario) -> set[str]:
    """Registry paths with a value in ``scenario`` that is not its spec's median (u = 0.5 does
    not reproduce it: a user's range need not be centred)."""
    data = scenario.model_dump(mode="python")
    out = set()
    for s in montecarlo._slots(scenario):
        v = float(montecarlo._value(data, s.keys))
        if abs(float(ppf(s.spec, 0.5)) - v) > MEDIAN_RTOL * max(1.0, abs(v)):
            out.add(s.param)
    return out


def tornado(
    plan: Scenario,
    *,
    reference: Scenario,
    measure: str = "profit",
    seed: int = 0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """The quantity with each uncertain parameter at its P10 and P90, the others at their values.

    Columns ``parameter`` (registry path), ``low`` (the quantity at the parameter's P10), ``high``
    (at its P90), ``swing`` = |high − low| (≥ 0), sorted by swing, largest first. ``attrs``:
    ``quantity`` ("change": plan − baseline; "level": the plan is the baseline), ``central``
    (every parameter at its value), ``measure``, ``redrawn``. A parameter fixed in both
    scenarios is absent. ``seed`` only seeds the redraw of a refused P10/P90 (montecarlo.draw).
    Unknown ``measure`` → ``ModelError("sens_measure")``.
    """
    central, same = _central(plan, reference, measure)
    params = list(dict.fromkeys(montecarlo.uncertain_paths(plan)
                                + montecarlo.uncertain_paths(reference)))  # fmt: skip
    scenarios = (plan,) if same else (plan, reference)
    off = set().union(*(_off_centre(sc) for sc in scenarios))
    joint = [p for p in params if p not in off]
    alone = [p for p in params if p not in joint]
    ends = _ends(scenarios, params)
    run = _Runner(plan, reference, measure, seed, progress, 2 * len(params))
    width = len(montecarlo.DIMENSIONS)
    low: dict[str, float] = {}
    high: dict[str, float] = {}
    if joint:  # 2 rows per parameter, the rest at u = 0.5 = their values: one call
        u = np.full((2 * len(joint), width), 0.5)
        for i, p in enumerate(joint):
            u[2 * i : 2 * i + 2, _COL[p]] = ends[p]
        q = run(u, set(joint))
        for i, p in enumerate(joint):
            low[p], high[p] = float(q[2 * i]), float(q[2 * i + 1])
    for p in alone:  # a spec not centred on its value (a user's range): its own call
        u = np.full((2, width), 0.5)
        u[:, _COL[p]] = ends[p]
        q = run(u, {p})
        low[p], high[p] = float(q[0]), float(q[1])
    frame = pd.DataFrame(
        {"parameter": params, "low": [low[p] for p in params], "high": [high[p] for p in params]}
    )
    frame["swing"] = (frame["high"] - frame["low"]).abs()
    frame = frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    clipped = {p: e for p, e in ends.items() if e != (LOW_U, HIGH_U)}
    frame.attrs.update(quantity="level" if same else "change", central=central, measure=measure,
                       redrawn=run.redrawn, clipped=clipped)  # fmt: skip
    return frame


_COL = {p: j for j, p in enumerate(montecarlo.DIMENSIONS)}
#: Bisection steps towards the median for a P10/P90 a scenario refuses (2^-20 of u).
BISECT_STEPS = 20


def _accepts(scenario: Scenario, dump: dict, path: str, u: float) -> bool:
    """Whether ``scenario`` accepts every value of ``path`` at its spec's quantile ``u`` (the
    values ``montecarlo.draw`` would set; a refusal is a cross-field rule's ValueError)."""
    slots = montecarlo._slots(scenario, {path})
    if not slots:
        return True
    data = montecarlo._copy(dump)  # the scenario's model_dump
    whole = PARAMS[path].kind == "int"
    for s in slots:
        v = float(ppf(s.spec, u))
        montecarlo._set(data, s.keys, int(round(v)) if whole else v)
    try:
        Scenario.model_validate(data)
    except ValueError:
        return False
    return True


def _ends(scenarios: tuple[Scenario, ...], params: list[str]) -> dict[str, tuple[float, float]]:
    """Each parameter's (u_low, u_high): P10 and P90, or, where a scenario's cross-field rule
    refuses that end (the inquiry path converting more than all new orders …), the furthest u
    towards it both scenarios accept (bisection from the median, which they accept): the bar
    ends at the rule's limit instead of at a redrawn random value [ASSUMPTION]."""
    dumps = [(sc, sc.model_dump(mode="python")) for sc in scenarios]

    def ok(p: str, x: float) -> bool:
        return all(_accepts(sc, dump, p, x) for sc, dump in dumps)

    def end(p: str, x: float) -> float:
        if ok(p, x):
            return x
        good, bad = 0.5, x
        for _ in range(BISECT_STEPS):
            mid = 0.5 * (good + bad)
            good, bad = (mid, bad) if ok(p, mid) else (good, mid)
        return good

    return {p: (end(p, LOW_U), end(p, HIGH_U)) for p in params}


# --------------------------------------------------------------------------- Sobol indices
@dataclass(frozen=True)
class Indices:
    """First-order and total Sobol indices of a function of d uniforms, and their bootstrap
    confidence intervals (NaN when not asked for)."""

    first_order: np.ndarray  # (d,)
    total: np.ndarray  # (d,)
    first_ci: np.ndarray  # (d, 2) low, high
    total_ci: np.ndarray  # (d, 2)
    evaluations: int  # rows evaluated: n·(d + 2)


def check_n(n: int) -> None:
    """Refuse a base sample size that is not a power of two in ``SOBOL_N``."""
    ok = isinstance(n, int | np.integer) and not isinstance(n, bool)
    if not ok or not SOBOL_N[0] <= n <= SOBOL_N[1] or n & (n - 1):
        raise ModelError("sens_n", f"n must be a power of two in {SOBOL_N[0]}…{SOBOL_N[1]}, "
                         f"got {n!r}", n=str(n), lo=SOBOL_N[0], hi=SOBOL_N[1])  # fmt: skip


def design(d: int, n: int, seed: int) -> np.ndarray:
    """The Saltelli design in u-space: rows A (n), B (n), then AB_1 … AB_d (n each; AB_i = A
    with column i from B), shape (n·(d + 2), d). A and B are SciPy's ``sample_A_B``: the first n
    points of a scrambled 2d-dimensional Sobol sequence (``bits=64``), columns split in two."""
    rng = np.random.default_rng(seed)
    ab = qmc.Sobol(d=2 * d, seed=rng, bits=64).random(n)
    a, b = ab[:, :d], ab[:, d:]
    pages = [a, b]
    for i in range(d):
        page = a.copy()
        page[:, i] = b[:, i]
        pages.append(page)
    return np.vstack(pages)


def indices(
    func: Callable[[np.ndarray], np.ndarray],
    d: int,
    n: int,
    seed: int,
    *,
    confidence: float | None = None,
) -> Indices:
    """Sobol indices of ``func`` (rows of d uniforms in (0, 1) → one value per row, vectorised)
    by ``scipy.stats.sobol_indices`` (saltelli_2010) on :func:`design`, ``func`` called ONCE on
    all n·(d + 2) rows. ``confidence`` (e.g. 0.9): BCa bootstrap intervals (SciPy's
    ``SobolResult.bootstrap``, 999 resamples). A constant ``func`` gives indices 0."""
    check_n(n)
    u = np.clip(design(d, n, seed), 1e-12, 1.0 - 1e-12)
    y = np.asarray(func(u), dtype=float).reshape(-1)
    if y.shape[0] != u.shape[0]:
        raise ValueError(f"func gave {y.shape[0]} values for {u.shape[0]} rows")
    f_a, f_b, f_ab = y[:n], y[n : 2 * n], y[2 * n :].reshape(d, n)
    res = stats.sobol_indices(
        func={"f_A": f_a[None, :], "f_B": f_b[None, :], "f_AB": f_ab[:, None, :]}, n=n
    )
    first, total = np.atleast_1d(res.first_order), np.atleast_1d(res.total_order)
    nan = np.full((d, 2), np.nan)
    first_ci, total_ci = nan, nan.copy()
    if confidence is not None and np.ptp(y) > 0:
        boot = res.bootstrap(confidence_level=confidence, n_resamples=999)
        ci_f, ci_t = boot.first_order.confidence_interval, boot.total_order.confidence_interval
        first_ci = np.column_stack([np.atleast_1d(ci_f.low), np.atleast_1d(ci_f.high)])
        total_ci = np.column_stack([np.atleast_1d(ci_t.low), np.atleast_1d(ci_t.high)])
    return Indices(first_order=np.asarray(first, float), total=np.asarray(total, float),
                   first_ci=first_ci, total_ci=total_ci, evaluations=int(u.shape[0]))  # fmt: skip


def sobol_runs(d: int, n: int) -> int:
    """Model runs per scenario of a Sobol analysis of d parameters with base sample n."""
    return n * (d + 2)


def sobol(
    plan: Scenario,
    *,
    reference: Scenario,
    measure: str = "profit",
    params: Sequence[str],
    n: int = 512,
    seed: int = 0,
    confidence: float | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Sobol first-order and total indices of the quantity over ``params`` (registry paths, each
    uncertain in the plan or the baseline), the rest at their values.

    Columns ``parameter``, ``first_order``, ``total`` (and ``first_lo``, ``first_hi``,
    ``total_lo``, ``total_hi`` with ``confidence``), in the order of ``params``. ``attrs``:
    ``quantity``, ``measure``, ``n``, ``runs`` (model runs in all), ``redrawn``. ``n``: a power
    of two (``ModelError("sens_n")``); ``params``: 1…MAX_SOBOL_PARAMS uncertain ones
    (``ModelError("sens_params")``). Cost: n·(d + 2) runs per scenario.
    """
    check_n(n)
    _, same = _central(plan, reference, measure)
    uncertain = set(montecarlo.uncertain_paths(plan)) | set(montecarlo.uncertain_paths(reference))
    chosen = list(dict.fromkeys(params))
    bad = [p for p in chosen if p not in uncertain]
    if not chosen or len(chosen) > MAX_SOBOL_PARAMS or bad:
        raise ModelError(
            "sens_params",
            f"Sobol needs 1…{MAX_SOBOL_PARAMS} uncertain parameters; {len(chosen)} given, "
            f"not uncertain: {bad}",
            n=len(chosen), max=MAX_SOBOL_PARAMS, fixed=len(bad),
        )  # fmt: skip
    d = len(chosen)
    cols = [montecarlo.DIMENSIONS.index(p) for p in chosen]
    run = _Runner(plan, reference, measure, seed, progress, sobol_runs(d, n))

    def func(x: np.ndarray) -> np.ndarray:
        u = np.full((x.shape[0], len(montecarlo.DIMENSIONS)), 0.5)
        u[:, cols] = x
        return run(u, set(chosen))

    res = indices(func, d, n, seed, confidence=confidence)
    frame = pd.DataFrame({"parameter": chosen, "first_order": res.first_order,
                          "total": res.total})  # fmt: skip
    if confidence is not None:
        frame["first_lo"], frame["first_hi"] = res.first_ci[:, 0], res.first_ci[:, 1]
        frame["total_lo"], frame["total_hi"] = res.total_ci[:, 0], res.total_ci[:, 1]
    frame.attrs.update(quantity="level" if same else "change", measure=measure, n=n,
                       runs=run.runs, redrawn=run.redrawn)  # fmt: skip
    return frame


# --------------------------------------------------------------------------- plain words
@dataclass(frozen=True)
class Reading:
    """What a sensitivity analysis says in plain words: the parameters that lead, the share of
    the spread they account for, and where the user can pin each down."""

    leaders: tuple[str, ...]  # registry paths, most influential first (empty: nothing moves it)
    share: float  # of the leaders together: Σ swing² share (tornado) or Σ total indices capped 1
    where: tuple[str, ...]  # per leader: "calibrate" (a fit gives it) or "assumptions" (the editor)
    source: str  # "tornado" or "sobol"


#: A parameter leads when it accounts for at least this share of what the leader does …
LEAD_RATIO = 0.5
#: … and the reading names at most this many.
MAX_LEADERS = 2


def where_to_check(path: str) -> str:
    """'calibrate' for a parameter a calibration from the shop's data fits, else 'assumptions'."""
    return "calibrate" if path in CALIBRATED else "assumptions"


def reading(frame: pd.DataFrame) -> Reading:
    """The leading parameter(s) of a tornado (by swing; share = Σ swing² of the leaders ÷ Σ swing²
    of all, the variance share a linear, additive response would give [ASSUMPTION]) or of a Sobol
    frame (by total index; share = the leaders' total indices, summed, at most 1). A parameter
    leads when its weight is at least LEAD_RATIO of the first's (at most MAX_LEADERS)."""
    if "swing" in frame.columns:
        weight, source = frame["swing"].to_numpy(float) ** 2, "tornado"
    else:
        weight, source = np.clip(frame["total"].to_numpy(float), 0.0, None), "sobol"
    order = np.argsort(-weight, kind="stable")
    total = float(np.nansum(weight))
    if not len(order) or not total > 0 or not math.isfinite(total):
        return Reading(leaders=(), share=0.0, where=(), source=source)
    top = float(weight[order[0]])
    lead = [int(i) for i in order[:MAX_LEADERS] if weight[i] >= LEAD_RATIO * top]
    leaders = tuple(str(frame["parameter"].iloc[i]) for i in lead)
    w = float(sum(weight[i] for i in lead))
    share = w / total if source == "tornado" else min(1.0, w)
    return Reading(leaders=leaders, share=share, where=tuple(where_to_check(p) for p in leaders),
                   source=source)  # fmt: skip
