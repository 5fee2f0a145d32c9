"""The analysts' command line (simulator/fitcli.py via ``python -m simulator.calibration``,
issue 23): run as a subprocess on the CDNOW orders, its JSON is parsed back and matches the
in-process fit; the workspace it writes opens as a workspace (ui.share) holding that fit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from simulator.calibration import BGNBD_KEYS, GG_KEYS, fit_repeat_model

ROOT = Path(__file__).resolve().parents[2]
CDNOW = ROOT / "assets" / "samples" / "cdnow_orders.csv"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator.calibration", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip


@pytest.mark.slow
def test_the_cli_prints_the_fit_as_json_and_writes_a_workspace(tmp_path: Path) -> None:
    from ui.share import workspace_from_json  # the test may read with the UI's reader

    out = tmp_path / "ws.json"
    run = _cli("fit", str(CDNOW), "--calibration-end", "1997-09-30", "--json",
               "--workspace", str(out), "--keep-old-share")  # fmt: skip
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    want = fit_repeat_model(pd.read_csv(CDNOW, parse_dates=["date"]), calibration_end="1997-09-30")
    for k in BGNBD_KEYS:
        assert got["params"][k] == pytest.approx(want.params[k], rel=1e-9)
        assert got["stderr"][k] == pytest.approx(want.stderr[k], rel=1e-6)
    for k in GG_KEYS:
        assert got["params"][k] == pytest.approx(want.params[k], rel=1e-6)
    assert (got["customers"], got["repeaters"]) == (2357, 946)
    assert got["read"]["problems"][0]["code"] == "identical_rows"
    ws = workspace_from_json(out.read_text(encoding="utf-8"))
    repeat = ws.baseline.scenario.repeat
    assert repeat.r == pytest.approx(want.params["r"]) and repeat.spend_model == "gamma_gamma"
    assert repeat.gg_q == pytest.approx(want.params["q"], rel=1e-6)


@pytest.mark.slow
def test_the_cli_prints_a_table_and_refuses_with_status_2(tmp_path: Path) -> None:
    run = _cli("fit", str(CDNOW), "--calibration-end", "1997-09-30")
    assert run.returncode == 0, run.stderr
    lines = {line.split()[0]: line.split()[1:] for line in run.stdout.splitlines()[2:9]}
    assert set(lines) == {*BGNBD_KEYS, *GG_KEYS}
    assert float(lines["r"][0]) == pytest.approx(0.2426, abs=1e-4)
    bad = _cli("fit", str(CDNOW), "--calibration-end", "1990-01-01")
    assert bad.returncode == 2 and "calibration_end" in bad.stderr


@pytest.mark.slow
def test_the_cli_fits_a_warehouse_summary(tmp_path: Path) -> None:
    """A summary in lifetimes' four columns (the warehouse SQL's output without first_date),
    dated by --calibration-end, gives the orders' BG/NBD fit."""
    import duckdb

    from simulator.bigfile import rfm_sql

    con = duckdb.connect()
    con.execute(f"CREATE VIEW orders AS SELECT customer_id, date AS order_time, amount "
                f"FROM read_csv('{CDNOW}')")  # fmt: skip
    path = tmp_path / "summary.parquet"
    con.execute(f"COPY (SELECT * EXCLUDE (first_date) FROM ({rfm_sql('duckdb', '1997-09-30')})) "
                f"TO '{path}' (FORMAT parquet)")  # fmt: skip
    run = _cli("fit", str(path), "--calibration-end", "1997-09-30", "--json")
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["read"]["kind"] == "summary" and got["customers"] == 2357
    assert got["params"]["r"] == pytest.approx(0.2425945, rel=1e-6)
