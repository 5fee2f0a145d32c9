"""Shop What-If simulator: a pure, typed model of a Taobao/Tmall-style shop (never imports streamlit).

from simulator import Scenario, simulate, load_preset, PRESETS, set_param
"""

from .engine import Result, promotion_report, simulate
from .presets import PRESETS, load_preset
from .registry import PARAMS, Param
from .scenario import Scenario, get_param, set_param

__all__ = [
    "PARAMS",
    "PRESETS",
    "Param",
    "Result",
    "Scenario",
    "get_param",
    "load_preset",
    "set_param",
    "promotion_report",
    "simulate",
]
