"""Suite-wide settings."""

from __future__ import annotations

import os


def pytest_configure(config) -> None:
    # The app draws the charts it built without re-validating them on every rerun (issue 18);
    # under test every chart drawn is checked against the Vega-Lite schema (ui/charts.py).
    os.environ["SHOP_WHATIF_VALIDATE_CHARTS"] = "1"
