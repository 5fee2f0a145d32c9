"""Ranges in the UI (issue 19 items 3 and 5): the Monte Carlo's settings, its bands and its odds.

The model draws the uncertain parameters over paths (``simulate(plan, reference=base,
paths=N, seed=S)``, MODEL.md §9.2); the UI shows

* fan charts: the daily P10–P90 and P25–P75 of a measure over the paths, around their median,
  under the deterministic line (:func:`band_data`, drawn by ``ui.charts.fan_chart``);
* a P10–P90 range under each main KPI (:func:`kpi_range`);
* the chance the plan beats the baseline on profit and GMV, and the chance of a loss
  (:func:`odds`, ``simulator.montecarlo.outlook``: the plan and the baseline are drawn with
  the same seed and path count, so their per-path difference carries the plans' difference,
  common random numbers);
* the same in the exports (:func:`band_columns`, :func:`odds_rows`).

The settings (on/off, paths, seed) are a :class:`Ranges`; they travel in share links
(``?ranges=1&paths=32&seed=0``, :func:`to_query` / :func:`from_query`) and workspace files
(:func:`to_file` / :func:`from_file`). A link or file without them opens with the defaults; a
bad value is replaced by its default and named in ``problems`` (the UI says so in words).

Pure: no streamlit (``ui.share``'s command line imports this module).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from simulator import Result
from simulator.montecarlo import BAND_COLUMNS, Outlook, outlook

#: The default path count. [ASSUMPTION, measured] Chosen so a rerun that must recompute stays
#: under a second. With paths run one by one it was 0.37 s for 32 paths of the default 180-day
#: shop; with the batched engine (``engine.run_paths``, 128 paths a batch) an edit of the
#: baseline, which recomputes both the baseline and the plan, took 0.5 s at 32 paths and
#: 0.8 s at 64 on this 2-core machine under other jobs' load (load 2): 32 keeps the margin the
#: Compare page needs, where every scenario is recomputed.
PATHS_DEFAULT = 32
#: The path counts the sidebar offers (a link's ``paths`` must be one of them).
PATH_CHOICES: tuple[int, ...] = (8, 16, 32, 64, 128, 256, 512, 1024)
#: The default seed (the engine's own default, ``simulate(..., seed=None)`` draws with 0).
SEED_DEFAULT = 0
#: The largest seed a user can type: JavaScript's number input holds integers exactly up to
#: 2^53; 2^31 − 1 keeps a seed short in a link (the engine takes up to 2^63 − 1).
SEED_MAX = 2**31 - 1
#: A run that must compute more paths than this (summed over the scenarios not cached) shows a
#: progress bar: [ASSUMPTION] about a second with the batched engine (~6 ms a path of the
#: default shop under load); shorter runs show the page's spinner only.
PROGRESS_FROM = 128
#: The quantiles of a fan chart and of the exports' daily bands.
QUANTILES: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 0.9)
#: Their column names (``p10`` … ``p90``).
Q_NAMES: tuple[str, ...] = tuple(f"p{round(q * 100)}" for q in QUANTILES)
#: The KPIs that get a range under their card (``Result.totals`` keys).
RANGED_KPIS: tuple[str, ...] = ("gmv", "orders_paid", "aov", "profit")
#: The measures whose chance of beating the baseline is shown (higher is better for both).
ODDS_MEASURES: tuple[str, ...] = ("profit", "gmv")
#: Query-string keys of a share link.
ON_KEY, PATHS_KEY, SEED_KEY = "ranges", "paths", "seed"


@dataclass(frozen=True)
class Ranges:
    """The Monte Carlo's settings: shown or not, the path count and the seed."""

    on: bool = True
    paths: int = PATHS_DEFAULT
    seed: int = SEED_DEFAULT

    @property
    def active(self) -> bool:
        """Whether ranges are drawn: on, with more than one path (one path is the deterministic
        run, so nothing changes from the app without ranges)."""
        return self.on and self.paths > 1


DEFAULT = Ranges()


def _int(text: object) -> int | None:
    """A whole number written in ASCII digits (no sign, no spaces, at most 19 digits), else None."""
    s = str(text)
    if not (s.isascii() and s.isdigit()) or len(s) > 19:
        return None
    return int(s)


def parse(on: object = None, paths: object = None, seed: object = None) -> tuple[Ranges, list[str]]:
    """Settings from a link's or a file's values (None: absent, the default). Returns the
    settings and the names (``ranges``, ``paths``, ``seed``) of the values refused, each
    replaced by its default."""
    problems: list[str] = []
    out_on, out_paths, out_seed = DEFAULT.on, DEFAULT.paths, DEFAULT.seed
    if on is not None:
        if isinstance(on, bool):
            out_on = on
        elif str(on) in ("0", "1"):
            out_on = str(on) == "1"
        else:
            problems.append(ON_KEY)
    if paths is not None:
        n = None if isinstance(paths, bool) else _int(paths)
        if n in PATH_CHOICES:
            out_paths = int(n)
        else:
            problems.append(PATHS_KEY)
    if seed is not None:
        n = None if isinstance(seed, bool) else _int(seed)
        if n is not None and 0 <= n <= SEED_MAX:
            out_seed = n
        else:
            problems.append(SEED_KEY)
    return Ranges(out_on, out_paths, out_seed), problems


def from_query(params: Mapping[str, Any]) -> tuple[Ranges, list[str]]:
    """Settings from a link's query parameters (a value list: its last)."""

    def last(key: str) -> object:
        v = params.get(key)
        return v[-1] if isinstance(v, list | tuple) and v else v

    return parse(last(ON_KEY), last(PATHS_KEY), last(SEED_KEY))


def to_query(r: Ranges) -> dict[str, str]:
    """The link's query parameters of ``r`` (always all three: a link reopens the same bands
    even if the defaults change)."""
    return {ON_KEY: "1" if r.on else "0", PATHS_KEY: str(r.paths), SEED_KEY: str(r.seed)}


#: The key of the settings in a workspace file (beside ``scenarios``).
FILE_KEY = "ranges"


def to_file(r: Ranges) -> dict[str, Any]:
    """The settings as a workspace file writes them."""
    return {"on": r.on, "paths": r.paths, "seed": r.seed}


def from_file(data: object) -> tuple[Ranges, list[str]]:
    """Settings from a workspace file's ``ranges`` object (None: absent, the defaults)."""
    if data is None:
        return DEFAULT, []
    if not isinstance(data, Mapping):
        return DEFAULT, [FILE_KEY]
    on = data.get("on")
    if on is not None and not isinstance(on, bool):
        on = "bad"
    return parse(on, data.get("paths"), data.get("seed"))


# --------------------------------------------------------------------------- reading results
def has_paths(result: Result) -> bool:
    """Whether ``result`` carries a Monte Carlo (more than one path)."""
    return result.paths > 1 and result.draws is not None


def band_data(results: Mapping[str, Result], column: str) -> pd.DataFrame:
    """Long frame (day, [date,] scenario, p10, p25, p50, p75, p90) of the daily quantiles of
    ``column`` over each named scenario's paths (a scenario without paths is left out); the
    ``date`` when every frame has one, as ``charts.daily_data``."""
    shown = {n: r for n, r in results.items() if has_paths(r) and column in r.path_daily}
    cols = ["day", "scenario", *Q_NAMES]
    if not shown:
        return pd.DataFrame(columns=cols)
    dated = all("date" in r.daily.columns for r in shown.values())
    frames = []
    for name, r in shown.items():
        b = r.bands([column], q=QUANTILES)[column]
        f = pd.DataFrame({"day": r.daily["day"].to_numpy()})
        if dated:
            f["date"] = r.daily["date"].to_numpy()
        f["scenario"] = name
        for q, qn in zip(QUANTILES, Q_NAMES, strict=True):
            f[qn] = b[q].to_numpy()
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def kpi_range(result: Result, measure: str) -> tuple[float, float] | None:
    """(P10, P90) of ``measure``'s horizon total over the paths; None without paths."""
    if not has_paths(result) or measure not in result.draws.columns:
        return None
    lo, hi = result.draws[measure].quantile([0.1, 0.9]).to_numpy(dtype=float)
    return float(lo), float(hi)


def same_plan(plan: Result, base: Result) -> bool:
    """Whether the plan is the baseline itself (the same scenario): nothing to beat."""
    return plan.scenario == base.scenario


def odds(plan: Result, base: Result, measure: str) -> Outlook | None:
    """The plan against the baseline on ``measure`` over their common paths
    (``montecarlo.outlook``: P(plan − baseline > 0), P(plan's total < 0)); None without paths
    or when the two were drawn differently."""
    if not (has_paths(plan) and has_paths(base)) or plan.draws.shape[0] != base.draws.shape[0]:
        return None
    if plan.seed != base.seed:
        return None
    return outlook(plan, base, measure, higher_is_better=True)


# --------------------------------------------------------------------------- exports
def band_columns(result: Result, columns: Sequence[str] = BAND_COLUMNS) -> pd.DataFrame:
    """The daily P10/P25/P50/P75/P90 of ``columns`` (those kept for bands) over ``result``'s
    paths: one column per (column, quantile), named ``<column>_p10`` …; empty without paths."""
    if not has_paths(result):
        return pd.DataFrame(index=range(len(result.daily)))
    kept = [c for c in columns if c in result.path_daily and c in result.daily.columns]
    b = result.bands(kept, q=QUANTILES)
    out = pd.DataFrame(
        {
            f"{c}_{qn}": b[(c, q)].to_numpy()
            for c in kept
            for q, qn in zip(QUANTILES, Q_NAMES, strict=True)
        }
    )
    return out


def odds_rows(results: Mapping[str, Result], baseline: str) -> list[dict[str, Any]]:
    """Per scenario with paths: the P10/P50/P90 of each ranged KPI's total, and against the
    baseline the chance of beating it on profit and GMV (None for the baseline itself, or a
    scenario equal to it) and the chance of a loss (profit < 0). Keys: ``scenario``,
    ``<kpi>_p10`` …, ``beats_<measure>``, ``loss``, ``paths``, ``seed``."""
    base = results.get(baseline)
    rows = []
    for name, r in results.items():
        if not has_paths(r):
            continue
        row: dict[str, Any] = {"scenario": name, "paths": r.paths, "seed": r.seed}
        for k in RANGED_KPIS:
            q = r.draws[k].quantile([0.1, 0.5, 0.9]).to_numpy(dtype=float)
            row.update({f"{k}_p10": float(q[0]), f"{k}_p50": float(q[1]), f"{k}_p90": float(q[2])})
        equal = base is None or name == baseline or same_plan(r, base)
        for m in ODDS_MEASURES:
            o = None if equal else odds(r, base, m)
            row[f"beats_{m}"] = None if o is None else o.chance_better
        row["loss"] = float((r.draws["profit"] < 0).mean())
        rows.append(row)
    return rows
