"""`make bench`: benchmark figures as plain ``name: value unit`` lines.

- ``simulate_mid_store_365d``: median wall time of ``simulate()`` for a 365-day ``mid_store``.
- ``server_rerun_*``: every page's rerun with nothing changed on a real server, timed by a
  websocket client from ``rerun_script`` to ``script_finished`` (what a browser waits for), beside
  a one-slider page's, medians of interleaved rounds, and each page's ratio to the one-slider
  page (the aim is at most 5×); see ``tests/server_rerun.py``. (AppTest's reruns, which ran the
  router's three-script hand-over in the bench's own process, are no longer reported.)
- ``simulate_share_of_rerun``: simulate ÷ the Overview's server rerun; the aim is under 10 %.
- ``simulate_3_layer_campaign_365d``: median time of ``simulate()`` for the same store with three
  concurrent promotion layers for three weeks (item discount + tiered 满减 + 满包邮) and a second
  event later (item discount + 满就送 上不封顶).
- ``campaign_vs_plain_ratio``: that ÷ ``simulate_mid_store_365d``; the aim is at most 2.
- ``simulate_all_schemes_365d``: the same store with every membership scheme on in the plan and
  in its reference (warm-started ledgers), a paid membership and Gamma-Gamma repeat spend.
- ``simulate_backlogged_campaign_365d``: seed 003's campaign preset over 365 days against the
  mid-size store, its small warehouse backing up so the ratings feed back on sales, and
  ``dsr_feedback_passes``: the passes of the daily chain until that feedback settled.
- ``bad_link_refusal_max``: the slowest refusal of a bad share link (zlib bomb, deep nesting,
  oversized…); the aim is under 0.2 s.
- ``fit_repeat_model_10k_customers`` / ``fit_repeat_model_1m_customers``: ``fit_repeat_model``
  (BG/NBD + Gamma-Gamma with standard errors, from the raw orders: same-day merge, RFM summary,
  grouped likelihood) on synthetic histories of 10,000 and 1,000,000 customers (about 20,000 and
  2,000,000 orders over two years); the aim is seconds for a million. ``_orders`` gives the
  order rows fitted.
- ``cold_open_*``: each page opened in a new chromium context, to its first figure (``_first``)
  and until every element is drawn (``_full``), on a fresh server per page (``cold_server``) and
  on a warm one (``warm_server``); see ``tests/cold_open.py``. Skipped without chromium.
- ``slider_settle_*``: in chromium, the sidebar's horizon slider moved one step on every page
  (a new value each time), timed from the key to the page settled, beside a one-slider page's,
  medians of interleaved rounds, and each page's ratio to the one-slider page (the aim is at
  most 3×); see ``tests/slider_settle.py``. Skipped without chromium.
- ``monte_carlo_1000_paths_365d``: ``simulate(..., paths=1000, seed=0)`` of the app's default
  shop over 365 days (the deterministic run and 1,000 paths of parameter draws), beside one
  deterministic 365-day run of the same shop, medians of interleaved repetitions, and
  ``monte_carlo_1000_paths_vs_one_run``, their ratio (issue 19 item 7: at most 30×). Each
  Monte Carlo repetition draws with a new seed, so no path's calibrated α comes from the cache
  (``repurchase.calibrate_alpha``), as after any change of the scenario; the deterministic
  run, repeated unchanged, reads its α from the cache (~3 ms of a cold run).
  ``python tests/bench.py montecarlo`` prints these alone.
- ``tornado_default_*``: ``simulator.sensitivity.tornado`` on the app's default shop (the
  preset the app opens with), the plan being the baseline (``_level``: one scenario) and a plan
  that changes the paid-search budget (``_change``: plan and baseline), with the runs made and
  the ratio to one deterministic run.
- ``sobol_10_params``: ``sobol`` of the plan's profit change over the tornado's top 10
  parameters at the Assumptions page's sample size (``ui.sensitivity.SOBOL_N``), wall seconds,
  the runs made (n·(10 + 2) per scenario), the ratio to one deterministic run and the share of a
  minute it takes (issue 19 item 7: under a minute, with a progress bar). Both run the paths one
  by one today; ``engine.run_paths`` vectorised over paths makes them faster with no change
  here (each scenario's rows already go through one call). ``python tests/bench.py
  sensitivity`` prints these alone.
- ``break_even_capacity`` and ``optimize_4_levers``: ``simulator.decide`` on seed 003's 双12
  event against the store without its promotions: the warehouse capacity that keeps the
  backlog at 50 orders, and an optimisation of profit over four levers with every DSR score
  ≥ 4.7 (issue 20 item 6: 3–5 levers in at most 30 s), with the runs each needed and the
  ratio to one run. ``python -m tests.bench decide`` prints these alone.
- ``bigfile_duckdb_20m_rows_*`` / ``bigfile_pandas_2m_rows_*``: issue 23's large-file path. An
  order CSV of 20 M rows (~1.1 GB, a Taobao-style export with a status column and order numbers;
  histories drawn from BG/NBD by ``simulate_orders`` in chunks of customers and written by
  DuckDB, in a temporary directory) summarised out of core by ``simulator.bigfile`` and fitted,
  in a fresh child process: its wall time, peak RSS (``resource.getrusage``) and the cumulative
  seconds at the end of each stage (``bigfile_stages_cumulative_s``), beside the pandas path
  (``read_table`` → ``clean_orders`` → ``fit_repeat_model``) on 2 M rows (~110 MB), near the
  largest it takes. The aim: under a minute and 1 GiB for 20 M rows on the 2-core machine.
  ``python -m tests.bench bigfile`` prints these alone (``bigfile-small``: 1 M and 200 k rows).
- ``classroom_<stack>_*``: issue 22's class on loopback: a trainer and 60 students in chromium
  joining, predicting and sending a plan within two minutes, against one app process on SQLite
  (``1proc_sqlite``) and three behind nginx on one PostgreSQL (``3proc_postgresql``): lost
  submissions, the p95 from a student's send to the trainer's screen, the app processes' memory
  per session, and where the CPU went; see ``tests/classroom.py``. Skipped without chromium.
  ``python -m tests.bench classroom`` prints these alone (some 10 minutes).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


#: Three concurrent layers for three weeks, then a second event (seed 003's at most 3 layers).
CAMPAIGN_365D = [
    {"kind": "item_discount", "start_day": 100, "end_day": 120, "pct": 0.15},
    {"kind": "threshold_discount", "start_day": 100, "end_day": 120,
     "tiers": [[150, 15], [250, 35]]},
    {"kind": "free_shipping", "start_day": 100, "end_day": 120},
    {"kind": "item_discount", "start_day": 300, "end_day": 303, "pct": 0.3},
    {"kind": "gift", "start_day": 300, "end_day": 303, "threshold": 200, "value": 30, "cost": 10,
     "uncapped": True},
]  # fmt: skip


def median_seconds(fn: Callable[[], object], repeat: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Median time of each function, run in turns so that machine noise hits all alike."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def link_benchmarks() -> None:
    """``bad_link_refusal_max``: the slowest refusal among the bad share links of
    ``tests/ui/test_share.py`` (zlib bomb, deep nesting, oversized…); the aim is under 0.2 s."""
    from tests.ui.test_share import bad_links
    from ui.share import ShareError, decode_link

    def refuse(query: str) -> None:
        try:
            decode_link(query)
        except ShareError:
            return
        raise AssertionError("a bad link was accepted")

    worst = max(
        median_seconds(lambda q=q: refuse(q), repeat=5, warmup=1) for q in bad_links().values()
    )
    print(f"bad_link_refusal_max: {worst * 1e3:.1f} ms")


def main() -> None:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)

    from simulator import load_preset, set_param, simulate

    scenario = set_param(load_preset("mid_store"), "horizon_days", 365)
    campaign = set_param(scenario, "promotions", CAMPAIGN_365D)
    schemes = set_param(
        set_param(scenario, "membership.fee", 88.0), "repeat.spend_model", "gamma_gamma"
    )
    for name in (
        "member_price",
        "member_day",
        "points",
        "card",
        "stored_value",
        "referral",
        "outreach",
    ):
        schemes = set_param(schemes, f"membership.{name}.enabled", True)
    backlogged = set_param(load_preset("double12_campaign"), "horizon_days", 365)
    t_sim, t_campaign, t_schemes, t_backlog = interleaved_medians(
        [lambda: simulate(scenario), lambda: simulate(campaign), lambda: simulate(schemes),
         lambda: simulate(backlogged, reference=scenario)],
        repeat=200,
    )  # fmt: skip
    print(f"simulate_mid_store_365d: {t_sim * 1e3:.2f} ms")
    print(f"simulate_3_layer_campaign_365d: {t_campaign * 1e3:.2f} ms")
    print(f"simulate_all_schemes_365d: {t_schemes * 1e3:.2f} ms")
    print(f"campaign_vs_plain_ratio: {t_campaign / t_sim:.2f} x")
    print(f"simulate_backlogged_campaign_365d: {t_backlog * 1e3:.2f} ms")
    passes = simulate(backlogged, reference=scenario).feedback_passes
    print(f"dsr_feedback_passes: {passes} passes")

    fit_benchmarks()
    link_benchmarks()
    montecarlo_benchmarks()
    sensitivity_benchmarks()
    decide_benchmarks()

    from tests.server_rerun import server_rerun_benchmarks

    t_overview = server_rerun_benchmarks()["overview"]
    print(f"simulate_share_of_rerun: {100 * t_sim / t_overview:.1f} %")

    from tests.browser.helpers import CHROMIUM_EXECUTABLE

    if Path(CHROMIUM_EXECUTABLE).exists():
        from tests.cold_open import cold_open_benchmarks

        cold_open_benchmarks()

        from tests.slider_settle import slider_settle_benchmarks

        slider_settle_benchmarks()

        from tests.classroom import classroom_benchmarks

        classroom_benchmarks()


def montecarlo_benchmarks(repeat: int = 3) -> None:
    from simulator import load_preset, set_param, simulate
    from ui.state import DEFAULT_PRESET

    base = set_param(load_preset(DEFAULT_PRESET), "horizon_days", 365)
    seeds = iter(range(1, 1000))  # a new seed each time: no path's α is already known

    t_one, t_mc = interleaved_medians(
        [lambda: simulate(base), lambda: simulate(base, paths=1000, seed=next(seeds))],
        repeat=repeat,
    )
    print(f"monte_carlo_one_run_365d: {t_one * 1e3:.2f} ms")
    print(f"monte_carlo_1000_paths_365d: {t_mc:.3f} s")
    print(f"monte_carlo_1000_paths_vs_one_run: {t_mc / t_one:.1f} x")


def sensitivity_benchmarks() -> None:
    from simulator import load_preset, set_param, simulate
    from simulator.sensitivity import sobol, sobol_runs, tornado
    from ui.sensitivity import SOBOL_N, SOBOL_PARAMS
    from ui.state import DEFAULT_PRESET

    base = load_preset(DEFAULT_PRESET)
    plan = set_param(base, "traffic.paid_search.budget_per_day",
                     2.0 * base.traffic.paid_search.budget_per_day + 500.0)  # fmt: skip
    t_one = median_seconds(lambda: simulate(plan, reference=base), repeat=20)
    print(f"sensitivity_one_run_{base.horizon_days}d: {t_one * 1e3:.2f} ms")
    frames = {}
    for label, p in (("level", base), ("change", plan)):
        start = time.perf_counter()
        frames[label] = tornado(p, reference=base, measure="profit")
        wall = time.perf_counter() - start
        runs = len(frames[label]) * 2 * (1 if p is base else 2)
        print(f"tornado_default_{label}: {wall:.2f} s")
        print(f"tornado_default_{label}_runs: {runs} runs")
        print(f"tornado_default_{label}_vs_one_run: {wall / t_one:.0f} x")
    params = list(frames["change"]["parameter"][:SOBOL_PARAMS])
    start = time.perf_counter()
    sobol(plan, reference=base, measure="profit", params=params, n=SOBOL_N, seed=7,
          confidence=0.9, progress=lambda f: None)  # fmt: skip
    wall = time.perf_counter() - start
    print(f"sobol_10_params_n: {SOBOL_N}")
    print(f"sobol_10_params: {wall:.1f} s")
    print(f"sobol_10_params_runs: {2 * sobol_runs(len(params), SOBOL_N)} runs")
    print(f"sobol_10_params_vs_one_run: {wall / t_one:.0f} x")
    print(f"sobol_10_params_share_of_minute: {100 * wall / 60:.0f} %")


#: The optimizer's benchmark: seed 003's 双12 event against the store without its promotions,
#: four levers (discount depth, event-day agents, warehouse capacity, the paid-search budget).
DECIDE_LEVERS = (
    ("promotions.0.pct", 0.05, 0.6),
    ("service.campaign_extra_agents", 0, 20),
    ("fulfilment.capacity_per_day", 50.0, 1000.0),
    ("traffic.paid_search.budget_per_day", 0.0, 2000.0),
)


def decide_benchmarks() -> None:
    from simulator import load_preset, simulate
    from simulator.decide import Lever, break_even, optimize

    plan = load_preset("double12_campaign")
    base = plan.model_copy(update={"promotions": []})
    t_one = median_seconds(lambda: simulate(plan, reference=base), repeat=20)
    print(f"decide_one_run_{plan.horizon_days}d: {t_one * 1e3:.2f} ms")
    start = time.perf_counter()
    be = break_even(plan, reference=base, path="fulfilment.capacity_per_day",
                    measure="backlog_max", quantity="level", target=50.0, lo=50.0, hi=2000.0)  # fmt: skip
    print(f"break_even_capacity: {time.perf_counter() - start:.2f} s")
    print(f"break_even_capacity_runs: {be.runs} runs")
    start = time.perf_counter()
    opt = optimize(plan, reference=base, levers=[Lever(*lv) for lv in DECIDE_LEVERS],
                   objective="profit", constraints={"dsr_min": 4.7}, seed=7)  # fmt: skip
    wall = time.perf_counter() - start
    print(f"optimize_{len(DECIDE_LEVERS)}_levers: {wall:.1f} s")
    print(f"optimize_{len(DECIDE_LEVERS)}_levers_runs: {opt.evaluations} runs")
    print(f"optimize_{len(DECIDE_LEVERS)}_levers_vs_one_run: {wall / t_one:.0f} x")
    print(f"optimize_{len(DECIDE_LEVERS)}_levers_share_of_30s: {100 * wall / 30:.0f} %")


#: Synthetic repeat buying for the fit benchmark (days; the pace of tests/simulator's recovery).
FIT_PARAMS = {"r": 0.6, "alpha": 240.0, "a": 0.8, "b": 2.5, "p": 6.25, "q": 3.74, "v": 15.44}


def fit_benchmarks() -> None:
    import numpy as np
    import pandas as pd

    from simulator.calibration import fit_repeat_model, simulate_orders

    for label, n, repeat in (("10k", 10_000, 7), ("1m", 1_000_000, 3)):
        orders = simulate_orders(n, FIT_PARAMS, acquisition_days=365, observation_days=730,
                                 rng=np.random.default_rng(7))  # fmt: skip
        end = orders["date"].min() + pd.Timedelta(days=545)
        t_fit = median_seconds(lambda o=orders, e=end: fit_repeat_model(o, calibration_end=e),
                               repeat=repeat, warmup=1)  # fmt: skip
        print(f"fit_repeat_model_{label}_customers: {t_fit:.3f} s")
        print(f"fit_repeat_model_{label}_orders: {len(orders)} rows")


#: The large-file benchmark: order rows of the generated CSV (DuckDB path) and of the largest
#: the pandas path is measured on (its limit is ``datafile.MAX_ROWS`` = 3 M rows / 150 MB).
BIG_ROWS = 20_000_000
PANDAS_ROWS = 2_000_000

#: Repeat buying of the generated histories (days): BG/NBD with CDNOW-like shapes and a faster
#: pace, about 4.35 orders a customer over two years (so 20 M rows are ~4.6 M customers).
BIG_PARAMS = {"r": 0.6, "alpha": 40.0, "a": 0.8, "b": 2.5, "p": 6.25, "q": 3.74, "v": 15.44}
BIG_ORDERS_PER_CUSTOMER = 4.35
BIG_CHUNK_CUSTOMERS = 500_000

#: A Taobao-style export of one chunk (member name, payment time, amount paid, order number,
#: status, one order in 50 closed), written by DuckDB from the chunk's frame.
_CHUNK_SQL = """
COPY (
  SELECT 'u' || CAST(customer_id + {offset} AS VARCHAR) AS "买家会员名",
         strftime(date + to_seconds(CAST(hash(row_number() OVER () + {row0}) % 86400 AS BIGINT)),
                  '%Y-%m-%d %H:%M:%S') AS "订单付款时间",
         round(amount, 2) AS "买家实际支付金额",
         row_number() OVER () + {row0} AS "订单编号",
         CASE WHEN (row_number() OVER () + {row0}) % 50 = 0 THEN '交易关闭' ELSE '交易成功' END
           AS "订单状态"
  FROM chunk
) TO '{path}' (FORMAT csv, HEADER {header})
"""


def _write_orders(path: Path, rows: int) -> int:
    """About ``rows`` order rows drawn from ``BIG_PARAMS`` (``simulate_orders``, in chunks of
    customers) written as one CSV at ``path``; the rows written."""
    import shutil

    import duckdb
    import numpy as np

    from simulator.calibration import simulate_orders

    rng = np.random.default_rng(23)
    con = duckdb.connect()
    written, offset = 0, 0
    with path.open("wb") as out:
        while written < rows:
            n = min(BIG_CHUNK_CUSTOMERS, max(1, int((rows - written) / BIG_ORDERS_PER_CUSTOMER)))
            chunk = simulate_orders(n, BIG_PARAMS, acquisition_days=365, observation_days=730,
                                    rng=rng, start="2024-01-01")  # fmt: skip
            part = path.with_suffix(".part")
            con.execute(_CHUNK_SQL.format(offset=offset, row0=written, path=part,
                                          header="true" if written == 0 else "false"))  # fmt: skip
            with part.open("rb") as src:
                shutil.copyfileobj(src, out)
            part.unlink()
            written += len(chunk)
            offset += n
    return written


_CHILD_DUCK = """
import resource, sys, time
from simulator import bigfile
from simulator.calibration import fit_summary
start = time.perf_counter()
done = {}
def progress(stage, fraction):
    if fraction >= 1.0:
        done[stage] = time.perf_counter() - start
big = bigfile.summarise_path(sys.argv[1], calibration_end="2025-06-30", progress=progress)
summarised = time.perf_counter() - start
fit = fit_summary(big.summary, big.start, big.calibration_end, big.observation_end)
wall = time.perf_counter() - start
print("stages", *(f"{k}={v:.1f}" for k, v in done.items()), f"fit={wall - summarised:.1f}",
      file=sys.stderr)
print(wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, big.rows, fit.n_customers,
      int(fit.converged))
"""

_CHILD_PANDAS = """
import resource, sys, time
from simulator import datafile
from simulator.calibration import fit_repeat_model
start = time.perf_counter()
raw = open(sys.argv[1], "rb").read()
table = datafile.read_table(raw, "orders.csv")
del raw
cleaned = datafile.clean_orders(table, datafile.guess_mapping(table.columns, "orders"))
del table
fit = fit_repeat_model(cleaned.frame, calibration_end="2025-06-30")
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(cleaned.frame) + cleaned.dropped,
      fit.n_customers, int(fit.converged))
"""


def _child(code: str, path: Path) -> list[float]:
    """``code`` run in a fresh Python on ``path``: its printed wall time, peak RSS (KiB), rows,
    customers, converged."""
    import subprocess

    run = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True,
                         capture_output=True, text=True)  # fmt: skip
    stages = [line for line in run.stderr.splitlines() if line.startswith("stages")]
    if stages:
        print(f"bigfile_stages_cumulative_s: {stages[-1].removeprefix('stages ')}")
    return [float(v) for v in run.stdout.strip().splitlines()[-1].split()]


def bigfile_benchmarks(rows: int = BIG_ROWS, pandas_rows: int = PANDAS_ROWS) -> None:
    """The large-file path (issue 23): a generated order CSV of ``rows`` rows summarised by
    DuckDB and fitted, wall time and peak RSS of the process doing it, beside the pandas path
    (read_table → clean_orders → fit_repeat_model) on ``pandas_rows`` rows. The aim: 20 M rows
    in under a minute and 1 GiB on a 2-core machine."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-bigfile-") as tmp:
        for label, n, code in (("duckdb", rows, _CHILD_DUCK), ("pandas", pandas_rows,
                                                                 _CHILD_PANDAS)):  # fmt: skip
            path = Path(tmp) / f"orders_{label}.csv"
            start = time.perf_counter()
            _write_orders(path, n)
            made = time.perf_counter() - start
            wall, rss_kib, read, customers, converged = _child(code, path)
            tag = f"bigfile_{label}_{n // 1_000_000}m_rows"
            print(f"{tag}_generate: {made:.1f} s")
            print(f"{tag}_file: {path.stat().st_size / 1e6:.0f} MB")
            print(f"{tag}_summarise_and_fit: {wall:.1f} s")
            print(f"{tag}_peak_rss: {rss_kib / 1024:.0f} MiB")
            print(f"{tag}_customers: {customers:.0f} (of {read:.0f} rows read, "
                  f"converged {bool(converged)})")  # fmt: skip
            path.unlink()


if __name__ == "__main__":
    if sys.argv[1:] == ["bigfile"]:
        bigfile_benchmarks()
    elif sys.argv[1:2] == ["bigfile-small"]:  # a quick look: python -m tests.bench bigfile-small
        bigfile_benchmarks(rows=1_000_000, pandas_rows=200_000)
    elif sys.argv[1:] == ["sensitivity"]:
        sensitivity_benchmarks()
    elif sys.argv[1:] == ["montecarlo"]:
        montecarlo_benchmarks()
    elif sys.argv[1:] == ["decide"]:
        decide_benchmarks()
    elif sys.argv[1:] == ["classroom"]:
        from tests.classroom import classroom_benchmarks

        classroom_benchmarks()
    else:
        main()
        bigfile_benchmarks()
