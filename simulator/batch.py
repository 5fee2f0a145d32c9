"""A batch of Monte Carlo paths: per-path values stacked along a leading path axis, and back.

``engine.run_paths`` runs P paths of parameter draws through the daily chain at once. Each
path's setup (calibration, offers, repeat kernel, service desks) is computed on its own and
stacked (``stack``): an array of shape S becomes (P, *S), a number a column (P, 1), so the
steps' arithmetic broadcasts to (P, T). A step whose mechanism is not yet written for a path
axis runs path by path (``Batch.per_path``): its arguments are cut into each path's (``row``),
it runs as in a single run, and its results are stacked again. ``Batch.per_path`` is the visible
fallback; ``VECTORISED`` in ``engine`` lists the steps that run on the whole batch.

Shapes: a stacked number is (P, 1) and a stacked daily array (P, T); ``row`` reads the first
back as a number and the second as (T,), and leaves 1-D arrays (days shared by every path)
whole. That needs T ≥ 2 (``engine.batch_refusal``) and every 2-D array of a batch to carry the
path axis first: the chain's only 2-D arrays per path (hours of a day, a queue's waits) come
from per-path setups and steps, stacked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel

from .scenario import Scenario


def stack(items: Sequence[Any], batch: Batch | None = None) -> Any:
    """Per-path values stacked along a leading path axis: arrays (P, ...), numbers (P, 1)
    (whole numbers equal on every path, text, flags and scenarios stay as they are),
    dataclasses, dicts and tuples field by field, functions as a function of the batch that
    calls each path's own (``batch`` needed). Arrays of different lengths (a FIFO queue's
    shipments by days waited) are padded with zeros: no mass at the waits a path never saw."""
    x = items[0]
    if isinstance(x, np.ndarray):
        if x.ndim == 0:
            return np.stack(items)[:, None]
        if any(i.shape != x.shape for i in items):  # ragged (a queue's waits): padded with 0
            top = np.max([i.shape for i in items], axis=0)
            items = [np.pad(i, [(0, t - n) for t, n in zip(top, i.shape, strict=True)])
                     for i in items]  # fmt: skip
        return np.stack(items)
    if isinstance(x, Scenario):
        return x
    if isinstance(x, bool | np.bool_ | str | int | np.integer) or x is None:
        if all(type(i) is type(x) and i == x for i in items):
            return x  # the same on every path
        if isinstance(x, bool | np.bool_ | str) or x is None:
            raise Ragged(f"paths differ in a setting the chain branches on: {items[:2]}")
    if isinstance(x, float | int | np.floating | np.integer):
        return np.asarray(items, dtype=float)[:, None]
    if isinstance(x, dict):
        keys = list(dict.fromkeys(k for i in items for k in i))
        return {k: stack([i.get(k, 0.0) for i in items], batch) for k in keys}
    if isinstance(x, tuple | list):
        return type(x)(stack([i[j] for i in items], batch) for j in range(len(x)))
    if dataclasses.is_dataclass(x):
        return type(x)(**{f.name: stack([getattr(i, f.name) for i in items], batch)
                          for f in dataclasses.fields(x) if f.init})  # fmt: skip
    if callable(x) and batch is not None:
        return PerPath(tuple(items), batch)
    raise TypeError(f"cannot stack {type(x).__name__} over paths")


class Ragged(ValueError):
    """Paths that differ in something the batch cannot stack (a branch of the chain, a text):
    ``engine.run_paths`` runs them one by one."""


class Batch:
    """The paths of a batch: their count, and each batched scenario's per-path scenarios."""

    def __init__(self, paths: int, scenarios: dict[int, Sequence[Scenario]]) -> None:
        self.paths = paths
        self.scenarios = scenarios  # id(batched scenario) → the paths' own scenarios

    def row(self, x: Any, k: int) -> Any:
        """Path ``k``'s part of a batched value (the inverse of ``stack``)."""
        if isinstance(x, Scenario):
            own = self.scenarios.get(id(x))
            return x if own is None else own[k]
        if (rows := getattr(x, "path_rows", None)) is not None:  # e.g. engine's batch desks
            return rows[k]
        if isinstance(x, np.ndarray):
            if x.ndim >= 2 and x.shape[0] == self.paths:
                return x[k, 0] if x.shape[1:] == (1,) else x[k]
            return x
        if isinstance(x, dict):
            return {key: self.row(v, k) for key, v in x.items()}
        if isinstance(x, tuple | list):
            return type(x)(self.row(v, k) for v in x)
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            return type(x)(**{f.name: self.row(getattr(x, f.name), k)
                              for f in dataclasses.fields(x) if f.init})  # fmt: skip
        return x

    def take(self, idx: np.ndarray) -> Batch:
        """The batch of the paths ``idx`` (positions in this batch); ``subset`` cuts values."""
        sub = Batch(len(idx), {})
        sub.parent, sub.idx, sub.models = self, np.asarray(idx), {}  # type: ignore[attr-defined]
        return sub

    def subset(self, x: Any) -> Any:
        """A value of the parent batch cut to this batch's paths (``take``)."""
        parent, idx = self.parent, self.idx  # type: ignore[attr-defined]
        if isinstance(x, Scenario):
            own = parent.scenarios.get(id(x))
            if own is None:
                return x
            if id(x) not in self.models:  # type: ignore[attr-defined]
                cut = _cut_model(x, idx, parent.paths)
                self.models[id(x)] = cut  # type: ignore[attr-defined]
                self.scenarios[id(cut)] = [own[i] for i in idx]
            return self.models[id(x)]  # type: ignore[attr-defined]
        if hasattr(x, "take_paths"):
            return x.take_paths(self)
        if isinstance(x, PerPath):
            return PerPath(tuple(x.path_rows[i] for i in idx), self)
        if isinstance(x, np.ndarray):
            return x[idx] if x.ndim >= 2 and x.shape[0] == parent.paths else x
        if isinstance(x, dict):
            return {key: self.subset(v) for key, v in x.items()}
        if isinstance(x, tuple | list):
            return type(x)(self.subset(v) for v in x)
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            return type(x)(**{f.name: self.subset(getattr(x, f.name))
                              for f in dataclasses.fields(x) if f.init})  # fmt: skip
        return x

    def per_path(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` run path by path on the rows of its arguments, its results stacked."""

        def run(*args: Any, **kwargs: Any) -> Any:
            return stack(
                [fn(*self.row(args, k), **self.row(kwargs, k)) for k in range(self.paths)], self
            )

        return run


class PerPath:
    """A function of the batch made of each path's own (``path_rows``): called with batched
    arguments, it calls path k's function on their rows and stacks the results."""

    def __init__(self, fns: tuple[Callable[..., Any], ...], batch: Batch) -> None:
        self.path_rows, self.batch = fns, batch

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        b = self.batch
        return stack([f(*b.row(args, k), **b.row(kwargs, k))
                      for k, f in enumerate(self.path_rows)], b)  # fmt: skip


def _cut_model(m: Any, idx: np.ndarray, paths: int) -> Any:
    """A batched scenario (or section) with its per-path arrays cut to the paths ``idx``."""
    if isinstance(m, tuple):
        return tuple(_cut_model(v, idx, paths) for v in m)
    if isinstance(m, np.ndarray):
        return m[idx] if m.ndim >= 1 and m.shape[0] == paths else m
    if not isinstance(m, BaseModel):
        return m
    update = {}
    for name in type(m).model_fields:
        v = getattr(m, name)
        if isinstance(v, np.ndarray | tuple | BaseModel):
            cut = _cut_model(v, idx, paths)
            if cut is not v:
                update[name] = cut
    return m.model_copy(update=update) if update else m
