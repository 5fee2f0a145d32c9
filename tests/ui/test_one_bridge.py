"""Every waterfall in the app is drawn by ``ui.layout.bridge`` from ``simulator.bridge`` (issue 15
item 8: the Promotions page once kept its own list of profit lines, without the loyalty line, and
its steps did not add up to the profit change)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_only_layout_builds_waterfall_steps() -> None:
    callers = sorted(
        str(path.relative_to(ROOT))
        for folder in ("pages", "ui")
        for path in (ROOT / folder).glob("*.py")
        if re.search(r"\bbridge_data\(", path.read_text(encoding="utf-8"))
        and path.name != "charts.py"  # where it is defined
    )
    assert callers == ["ui/layout.py"], callers
    layout = (ROOT / "ui/layout.py").read_text(encoding="utf-8")
    assert "from simulator.bridge import gmv_bridge, profit_bridge" in layout
