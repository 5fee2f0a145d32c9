"""The analysts' command line (issue 23), run as ``python -m simulator.calibration``::

    python -m simulator.calibration fit FILE --calibration-end DATE [--json]
        [--observation-end DATE] [--workspace OUT.json] [--scenario-from IN.json]
        [--keep-old-share]

FILE is an order history (CSV or Parquet, any size: ``simulator.bigfile.summarise_path``, the
column mapping guessed from its header as the Calibrate page guesses it) or, when its columns
are ``bigfile.SUMMARY_COLUMNS``, a per-customer summary (``bigfile.read_summary``: the output of
``bigfile.rfm_sql`` run in a warehouse). It prints the BG/NBD and Gamma-Gamma estimates with their
standard errors (a table, or one JSON object with ``--json``), the rows read and left out, and
with ``--workspace`` writes a workspace file (``ui.share``'s format, CONTRACT.md "URL and
files": one baseline scenario) holding the fit applied by ``calibration.apply_repeat_fit`` to
the default scenario (or to ``--scenario-from``, a bare Scenario JSON), so a scheduled job can
refresh a shop's parameters. Exit status 0 on a fit, 2 when the file or the fit is refused (the
reason on stderr). Nothing here imports the UI.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from .bigfile import fit_path, is_summary, read_summary
from .calibration import BGNBD_KEYS, GG_KEYS, RepeatFit, apply_repeat_fit, fit_summary
from .errors import ModelError
from .filecheck import FileProblem
from .scenario import Scenario

#: The workspace file's format and version (ui/share.py, CONTRACT.md "URL and files").
WORKSPACE_FORMAT = "shop-whatif/workspace"
WORKSPACE_VERSION = 1


def _number(v: float) -> float | None:
    return float(v) if math.isfinite(v) else None


def fit_file(path: Path, calibration_end: str | None, observation_end: str | None = None,
             *, progress=None) -> tuple[RepeatFit, dict]:  # fmt: skip
    """The fit of the orders or summary at ``path`` and what was read (rows, left out,
    problems as dicts)."""
    if is_summary(path):
        summary, start, end = read_summary(path, calibration_end)
        return fit_summary(summary, start, end, end), {"kind": "summary", "rows": summary.x.size}
    fit, big = fit_path(path, None, calibration_end, observation_end, progress=progress)
    read = {"kind": "orders", "rows": big.rows, "dropped": big.dropped,
            "problems": [{"code": p.code, "severity": p.severity, "column": p.column,
                          "rows": list(p.rows), "count": p.count, "detail": p.detail}
                         for p in big.problems]}  # fmt: skip
    if fit is None:
        first = next((p for p in big.problems if p.severity == "error"), None)
        raise ModelError("big_refused", f"the orders cannot be fitted: {first}")
    return fit, read


def report(fit: RepeatFit, read: dict) -> dict:
    """The fit as plain JSON-ready data."""
    keys = (*BGNBD_KEYS, *GG_KEYS)
    return {
        "params": {k: _number(fit.params[k]) for k in keys},
        "stderr": {k: _number(fit.stderr[k]) for k in keys},
        "loglik": _number(fit.loglik),
        "gg_loglik": _number(fit.gg_loglik),
        "converged": bool(fit.converged),
        "gg_converged": bool(fit.gg_converged),
        "start": fit.start.date().isoformat(),
        "calibration_end": fit.calibration_end.date().isoformat(),
        "observation_end": fit.observation_end.date().isoformat(),
        "customers": fit.n_customers,
        "repeaters": fit.n_repeaters,
        "read": read,
    }


def workspace(fit: RepeatFit, base: Scenario | None = None, *, use_alpha: bool = True) -> dict:
    """A one-scenario workspace (the baseline) holding the fit applied to ``base`` (with
    ``use_alpha`` the old-customer share the fitted α implies, as the Calibrate page offers)."""
    scenario = apply_repeat_fit(base or Scenario(), fit, use_alpha=use_alpha)
    return {"format": WORKSPACE_FORMAT, "version": WORKSPACE_VERSION,
            "scenarios": [{"name": "fitted", "baseline": True,
                           "scenario": scenario.model_dump(mode="json")}]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.calibration",
                                     description="Fit the repeat model to an order history.")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)
    fit_p = sub.add_parser("fit", help="fit BG/NBD and Gamma-Gamma to FILE")
    fit_p.add_argument("file", type=Path, help="orders or per-customer summary (CSV/Parquet)")
    fit_p.add_argument("--calibration-end", required=True, help="last day fitted (YYYY-MM-DD)")
    fit_p.add_argument("--observation-end", help="last day of the holdout (default: the data's)")
    fit_p.add_argument("--json", action="store_true", help="print one JSON object")
    fit_p.add_argument("--workspace", type=Path, help="write a workspace file here")
    fit_p.add_argument("--scenario-from", type=Path, help="apply the fit to this Scenario JSON")
    fit_p.add_argument(
        "--keep-old-share",
        action="store_true",
        help="keep the scenario's old-customer share (do not use the fitted α)",
    )
    args = parser.parse_args(argv)
    try:
        fit, read = fit_file(args.file, args.calibration_end, args.observation_end)
        base = None
        if args.scenario_from:
            base = Scenario.model_validate_json(args.scenario_from.read_text(encoding="utf-8"))
        out = report(fit, read)
        if args.workspace:
            args.workspace.write_text(json.dumps(workspace(fit, base, use_alpha=not args.keep_old_share), indent=2, ensure_ascii=False),
                                      encoding="utf-8")  # fmt: skip
            out["workspace"] = str(args.workspace)
    except FileProblem as exc:
        print(f"error: the file cannot be read ({exc.problem.code})", file=sys.stderr)
        return 2
    except (ModelError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"{out['read']['kind']}: {args.file}  (start {out['start']}, calibration end "
          f"{out['calibration_end']}, {out['customers']} customers, {out['repeaters']} came back)")  # fmt: skip
    print(f"{'param':<8}{'estimate':>14}{'std. error':>14}")
    for k in (*BGNBD_KEYS, *GG_KEYS):
        est, se = fit.params[k], fit.stderr[k]
        print(f"{k:<8}{est:>14.6g}{se:>14.6g}")
    print(f"log-likelihood (BG/NBD, days): {fit.loglik:.4f}")
    if args.workspace:
        print(f"workspace written: {args.workspace}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
