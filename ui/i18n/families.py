"""The catalogue keys the code builds at run time (``t(f"kind.{k}")``), declared in one place.

A *family* is the f-string as the code writes it, ``{}`` for each value it fills in
(``"cal.sample.{}_help"``, ``"opt.{}.{}"``), and the *domain* the values come from: a model
constant where there is one (``simulator.promotion_kinds.KINDS``, the registry's choices, the
calendar's events), the codes a function raises (found in the source, so a new code needs its
text), or, where the values are a literal list on a page, that list restated here with where it
lives.

tests/ui/test_catalogue.py checks that every member of every family has a key in both
languages, that every key-building f-string in app.py, pages/ and ui/ is a declared family, and
that every catalogue key is either written literally in the code or a member of a family (none
unused). A new f-string key: declare its family here. Imported by the tests only (it imports
the model); ``t()`` never reads it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import get_args, get_type_hints

from pydantic import BaseModel

from simulator import PARAMS, Scenario, simulate
from simulator.bigfile import DIALECTS, STAGES
from simulator.bridge import gmv_bridge, profit_bridge
from simulator.calendar import EVENTS
from simulator.calibration import BGNBD_KEYS, GG_KEYS
from simulator.datafile import FIELDS
from simulator.decide import CONSTRAINTS
from simulator.dsr import DIMENSIONS
from simulator.presets import PRESETS
from simulator.promotion_kinds import KINDS, Audience, Goal, Stage
from simulator.promotions import BasketShift
from simulator.registry import Provenance
from simulator.scenario import CampaignKind
from simulator.uncertainty import Basis
from ui.lessons import CHART_FORMATS, MEASURE_KINDS
from ui.lessons import Basis as LessonBasis
from ui.promotions import TABLES
from ui.story import GROUPS
from ui.uncertainty import COLS as UNC_COLS
from ui.uncertainty import MODES

ROOT = Path(__file__).resolve().parents[2]
#: Where the code that uses the catalogue lives (scanned by tests/ui/test_catalogue.py).
CODE = ("app.py", "pages", "ui")

Member = str | tuple[str, ...]


@dataclass(frozen=True)
class Family:
    """Keys ``template.format(*member)`` for each member of ``domain()``; ``where`` says where the
    code builds them and what the values are."""

    template: str
    domain: Callable[[], Iterable[Member]]
    where: str

    def keys(self) -> set[str]:
        out = set()
        for m in self.domain():
            out.add(self.template.format(*((m,) if isinstance(m, str) else m)))
        return out


def _files(roots: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for r in roots:
        p = ROOT / r
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def raised_codes(
    calls: dict[str, int], roots: tuple[str, ...] = ("simulator", "ui"), within: str | None = None
) -> set[str]:
    """The string literals passed as argument ``calls[name]`` (by position) to any call of a
    function or method ``name`` in ``roots`` (only inside functions named ``within``, if given):
    e.g. every code of ``Problem("bad_date", ...)``."""
    out: set[str] = set()
    for path in _files(roots):
        tree = _tree(path)
        scopes: list[ast.AST] = [tree]
        if within is not None:
            scopes = [
                n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == within
            ]
        for scope in scopes:
            for node in ast.walk(scope):
                if not isinstance(node, ast.Call):
                    continue
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                pos = calls.get(name or "")
                if pos is None or len(node.args) <= pos:
                    continue
                arg = node.args[pos]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    out.add(arg.value)
    return out


# --------------------------------------------------------------------------- domains from the model
def _kinds() -> Iterable[str]:
    return KINDS


def _registry_groups() -> set[str]:
    return {p.group for p in PARAMS.values()}


def _provenances() -> tuple[str, ...]:
    return get_args(Provenance)


def _choices() -> set[tuple[str, str]]:
    """``opt.<path>.<choice>`` of every choice parameter but the audiences (``aud.*``)."""

    return {
        (p.path, c)
        for p in PARAMS.values()
        if p.kind == "choice" and not p.path.endswith(".audience")
        for c in p.choices
    }


def _presets() -> Iterable[str]:
    return PRESETS


def _stages() -> tuple[str, ...]:
    return get_args(Stage)


def _audiences() -> tuple[str, ...]:
    return get_args(Audience)


def _goals() -> tuple[str, ...]:
    return get_args(Goal)


def _flags() -> set[str]:
    return {f for k in KINDS.values() for f in k.flag_fields()}


def _tables() -> set[str]:
    return {name for name, _ in TABLES.values()}


def _pad_verdicts() -> tuple[str, ...]:
    return get_args(get_type_hints(BasketShift)["pad_verdict"])


def _campaign_kinds() -> tuple[str, ...]:
    return get_args(CampaignKind)


@cache
def _result():  # noqa: ANN202 - a Result, imported lazily
    """A week of the default scenario: its channels, columns and totals name things."""

    return simulate(Scenario(horizon_days=7))


def _dsr_dimensions() -> tuple[str, ...]:
    return (*DIMENSIONS, "mean")  # pages/dsr_service.py adds the mean of the three


def _events() -> Iterable[str]:
    return EVENTS


def _daily_columns() -> list[str]:
    """Every column of ``Result.daily`` (the CSV and Excel headers), the date among them."""
    return ["date", *_result().daily.columns]


def _schemes() -> list[str]:
    """The membership schemes (a tab each on the Membership page, pages/membership.py's
    ``SCHEMES``): the sections of ``Scenario.membership``."""

    m = Scenario().membership
    return [k for k in type(m).model_fields if isinstance(getattr(m, k), BaseModel)]


def _fields() -> set[str]:
    return {f.name for fields in FIELDS.values() for f in fields}


def _fit_params() -> tuple[str, ...]:
    return (*BGNBD_KEYS, *GG_KEYS)


def _gmv_steps() -> list[str]:
    return ["baseline", *gmv_bridge(_result().totals, _result().totals), "plan"]


def _profit_steps() -> list[str]:
    return ["baseline", *profit_bridge(_result().totals, _result().totals), "plan"]


def _story_lines() -> Iterable[str]:
    return GROUPS


def _warning_codes() -> set[str]:
    """Every code the engine puts in ``Result.warnings``: appended in ``_warnings`` and
    ``_quality_warnings``, or written in the ``warnings=`` argument of ``Result``."""
    codes = set().union(
        *(
            raised_codes({"append": 0}, ("simulator/engine.py",), within=fn)
            for fn in ("_warnings", "_quality_warnings")
        )
    )
    for node in ast.walk(_tree(ROOT / "simulator" / "engine.py")):
        if isinstance(node, ast.keyword) and node.arg == "warnings":
            codes |= {
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
    return codes


def _problem_codes() -> set[str]:
    """Every code of an uploaded file's problems: the reader's ``Problem``/``_warn``, the upload
    checks' ``_refuse``, the worker's ``WorkerError``."""
    return raised_codes({"Problem": 0, "_warn": 1, "_refuse": 0, "WorkerError": 0})


def _store_codes() -> set[str]:
    """Every code of ``ui.store``'s typed errors (UnknownCode, WrongToken, StoreRefused)."""
    return raised_codes({"UnknownCode": 0, "WrongToken": 0, "StoreRefused": 0}, roots=("ui",))


def _share_codes() -> set[str]:
    """Every code of ``ShareError`` (a share link or a workspace file that cannot be read)."""
    return raised_codes({"ShareError": 0})


# --------------------------------------------------------------------------- lists on the pages
#: ``kpi.<key>`` of the KPI cards (ui.layout.KPIS; the lists given to ``layout.kpi_cards`` on the
#: Traffic, Promotions, DSR and Membership pages), Compare's table (``ui.exports.COMPARED``) and
#: Calibrate's daily fit cards.
KPIS_SHOWN = (
    "gmv", "orders_paid", "aov", "conversion_rate", "uv_value", "profit", "old_customer_share",
    "discount_cost", "promotion_cost", "orders_repeat", "dsr_mean_end", "late_rate",
    "dsr_logistics_min", "response_time_s", "backlog_max", "members_end", "loyalty_cost", "cash",
)  # fmt: skip
#: ``m.<column>`` of the metric pickers (Overview, Promotions, Calibrate, and the lists given to
#: ``layout.daily_metric_chart`` on the DSR and Membership pages), the funnel's stages,
#: Membership's streams table, the report's charts and the bridges' value axes.
METRICS_SHOWN = (
    "gmv", "orders_paid", "profit", "uv", "conversion_rate", "aov", "inquiries", "orders_placed",
    "dsr_mean", "membership_fee_revenue", "points_expense", "card_revenue", "card_free_orders",
    "stored_value_topups", "stored_value_gift_cost", "stored_value_breakage",
    "referral_reward_cost", "outreach_cost", "member_price_cost",
    "response_time_s", "inquiry_conversion_factor", "agents", "backlog", "orders_cancelled",
    "late_rate", "dispatch_delay_days", "dsr_conversion_factor", "members",
    "old_customer_share", "orders_repeat", "orders_referred",
)  # fmt: skip
#: pages/assumptions.py: the parameter table's columns and the calibration constants.
ASSUMPTION_COLUMNS = (
    "group", "param", "symbol", "baseline", "plan", "fitted", "changed", "unit", "range",
    "provenance", "source", "path",
)  # fmt: skip
DERIVED_CONSTANTS = ("pr0", "c_sil", "n_hist", "alpha")
ERRATA = ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8")
#: pages/promotions.py: the contribution table's columns.
PROMOTION_COLUMNS = (
    "no", "kind", "cost", "incremental_gmv", "incremental_orders", "incremental_profit", "roi",
    "detail", "days", "audience",
)  # fmt: skip
#: The rows of ``Result.channels`` (engine.py, ``_channels``) but the numbered campaigns, which
#: are ``ch.campaign`` with their number.
CHANNELS = ("paid_search", "display", "affiliate", "reminders")
#: pages/traffic_funnel.py: the channel table's columns.
CHANNEL_COLUMNS = (
    "channel", "spend", "uv", "orders", "gmv", "roas", "profit", "roi", "cost_per_order",
)  # fmt: skip
#: The two roles and a saved scenario (pages/compare.py, ui/state.py).
ROLES = ("baseline", "plan")
UPLOADS = ("orders", "daily")  # ui.datafile.Kind: the Calibrate page's two uploads
UNDO = ("undo", "redo")  # ui/undo.py
BRIDGES = ("gmv", "profit")  # ui.layout.BRIDGES

FAMILIES: tuple[Family, ...] = (
    # the frame
    Family("preset.{}", _presets, "sidebar, Compare, Assumptions: simulator.presets.PRESETS"),
    Family("busy.{}", lambda: raised_codes({"working": 0}, CODE), "layout.working(<key>)"),
    # parameters
    Family("grp.{}", _registry_groups, "widgets, Assumptions: a registry parameter's group"),
    Family("prov.{}", _provenances, "a parameter's or event's provenance (registry.Provenance)"),
    Family("dec.c.{}", lambda: CONSTRAINTS, "errors: a constraint's name (decide.CONSTRAINTS)"),
    Family("opt.{}.{}", _choices, "widgets: a choice parameter's path and choice"),
    Family("as.unc.basis.{}", lambda: get_args(Basis), "ui/uncertainty.py: why a spec is so"),
    Family("as.unc.mode.{}", lambda: MODES, "ui/uncertainty.py: the editor's choices (MODES)"),
    Family("as.unc.col.{}", lambda: UNC_COLS, "ui/uncertainty.py: the table's columns"),
    # measures
    Family("kpi.{}", lambda: KPIS_SHOWN, "KPI cards and tables"),
    Family("m.{}", lambda: METRICS_SHOWN, "metric pickers, chart axes, tables"),
    Family("m.dsr_{}", _dsr_dimensions, "DSR page: the score dimension"),
    Family("eff.{}", _gmv_steps, "layout.bridge: the GMV bridge's steps and ends"),
    Family("peff.{}", _profit_steps, "layout.bridge, ui.story: the profit bridge's steps"),
    Family("story.line.{}", _story_lines, "ui.story.GROUPS: merged profit lines"),
    # traffic
    Family("ch.{}", lambda: CHANNELS, "Traffic page: Result.channels' rows"),
    Family("col.{}", lambda: CHANNEL_COLUMNS, "Traffic page: the channel table's columns"),
    Family("camp.{}", _campaign_kinds, "a platform campaign's kind (scenario.CampaignKind)"),
    # promotions
    Family("kind.{}", _kinds, "a promotion kind (promotion_kinds.KINDS)"),
    Family("desc.{}", _kinds, "a promotion kind's description"),
    Family("stage.{}", _stages, "a kind's stacking stage (promotion_kinds.Stage)"),
    Family("aud.{}", _audiences, "a promotion's audience (promotion_kinds.Audience)"),
    Family("goal.{}", _goals, "a kind's goals (promotion_kinds.Goal)"),
    Family("pr.{}", _flags, "the builder's switches: a kind's flag fields"),
    Family("pr.{}_help", _flags, "the builder's switches' help"),
    Family("pr.{}", _tables, "the builder's tables (ui.promotions.TABLES)"),
    Family("pr.{}", _pad_verdicts, "Promotions page: BasketShift.pad_verdict"),
    Family("pr.col.{}", lambda: PROMOTION_COLUMNS, "Promotions page: contribution table"),
    # compare, workspace
    Family("cmp.role.{}", lambda: (*ROLES, "saved"), "Compare: a scenario's role badge"),
    Family("cmp.{}_bridge", lambda: BRIDGES, "layout.bridges: a bridge's tab"),
    Family("cmp.former_{}", lambda: ROLES, "state.swap: the name of the scenario leaving"),
    Family("undo.act.to_{}", lambda: ROLES, "state.swap: the undo entry"),
    Family("undo.{}", lambda: UNDO, "ui/undo.py: the buttons"),
    Family("undo.{}_help", lambda: UNDO, "ui/undo.py: the buttons' help"),
    Family("undo.no_{}", lambda: UNDO, "ui/undo.py: nothing to undo/redo"),
    Family("share.err.{}", _share_codes, "a share link that cannot be read: ShareError.code"),
    Family(
        "files.err.{}",
        lambda: _share_codes() - {"too_long", "file"},  # a link's length; the CLI's own file
        "a workspace file that cannot be read: ShareError.code",
    ),
    Family(
        "storage.err.{}", _store_codes, "the plan library and rooms: ui.store's StoreError.code"
    ),
    # membership, DSR
    Family("mb.{}_about", _schemes, "Membership page: a scheme's tab"),
    # calibrate
    Family("up.{}", _problem_codes, "a problem of an uploaded file: Problem.code"),
    Family("cal.{}.help", lambda: UPLOADS, "Calibrate: an upload's help"),
    Family("cal.sample.{}", lambda: UPLOADS, "Calibrate: an upload's sample button"),
    Family("cal.sample.{}_help", lambda: UPLOADS, "Calibrate: the sample button's help"),
    Family("cal.field.{}", _fields, "Calibrate: a column to map (datafile.FIELDS)"),
    Family("cal.p.{}", _fit_params, "Calibrate: a fitted parameter (BG/NBD, Gamma-Gamma)"),
    Family("cal.weekday.{}", lambda: [str(i) for i in range(7)], "Calibrate: Monday = 0"),
    Family("cal.big.stage.{}", lambda: STAGES, "Calibrate, large files: bigfile.STAGES"),
    Family("cal.big.dialect.{}", lambda: tuple(DIALECTS), "Calibrate: the SQL's dialects"),
    # assumptions
    Family("as.col.{}", lambda: ASSUMPTION_COLUMNS, "Assumptions: the parameter table"),
    Family("as.d.{}", lambda: DERIVED_CONSTANTS, "Assumptions: the calibration constants"),
    Family("errata.{}", lambda: ERRATA, "Assumptions: the seed errata (pages/assumptions.ERRATA)"),
    # dates, exports, errors, warnings
    Family("dt.ev.{}", _events, "a calendar event (simulator.calendar.EVENTS)"),
    Family("dt.src.{}", _events, "a calendar event's source"),
    Family("xcol.{}", _daily_columns, "exports: a Result.daily column's header"),
    Family(
        "err.{}",
        # "range" is ParamRangeError's default; a ModelError subclass passes its code to __init__
        lambda: {"range"} | raised_codes({"ParamRangeError": 2, "ModelError": 0, "__init__": 0}),
        "errors: ParamRangeError.reason and the typed refusals, ModelError.code",
    ),
    Family("warn.{}", _warning_codes, "layout, exports: a code of Result.warnings"),
    Family(
        "ls.measure.{}",
        lambda: set(MEASURE_KINDS) | set(CHART_FORMATS),
        "lessons: a step's measure or chart column (ui.lessons MEASURE_KINDS, CHART_FORMATS)",
    ),
    Family(
        "ls.cond.{}.{}",
        lambda: {(b, m) for b in get_args(LessonBasis) for m in ("min", "max")},
        "lessons: an exercise target by its basis (ui.lessons.Basis), at least or at most",
    ),
)


def family_keys() -> dict[str, set[str]]:
    """Each family's template → its keys."""
    out: dict[str, set[str]] = {}
    for f in FAMILIES:
        out.setdefault(f.template, set()).update(f.keys())
    return out
