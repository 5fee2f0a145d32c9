"""Chart builders: pure functions DataFrame → ``alt.Chart`` (STYLE.md, after Meridian's visualizer).

Pages translate labels and call ``st.altair_chart(build(...))``; nothing here imports streamlit.
Every ``*_data`` function returns the tidy frame its ``*_chart`` draws, so tests can check numbers.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import altair as alt
import numpy as np
import pandas as pd

from ui.fmt import DATE_AXIS_FORMATS, DATE_TOOLTIP_FORMATS, TIME_LOCALES, vega_label_expr
from ui.i18n import t

#: Baseline grey, plan orange (the theme's primary colour), then further scenarios.
PALETTE = ("#8C959F", "#D9480F", "#1C7ED6", "#2F9E44", "#AE3EC9", "#F08C00")
FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"


# --- issue 18: rerun cost (chart specs cached on their data, built specs not re-validated) ---
#
# A Promotions rerun spent a third of its time in Altair: building the same layered charts from
# the same frames, then ``to_dict`` validating them against the Vega-Lite JSON schema each time
# Streamlit drew them. The builders below are pure functions of their arguments, so a chart is
# built once per distinct input (the key hashes the frames' contents) and the same object is
# drawn again; and a chart these builders made is not re-validated on every draw (``to_dict``'s
# ``validate`` defaults to False for them; under test every chart drawn is still validated, see
# ``VALIDATE_BUILT``).

#: Charts kept (all sessions together; a chart holds a few small frames).
CHART_CACHE_SIZE = 256
#: Validate built charts on every ``to_dict`` anyway: the test suite sets it (tests/conftest.py),
#: so every chart a test draws is still checked against the Vega-Lite schema.
VALIDATE_BUILT = os.environ.get("SHOP_WHATIF_VALIDATE_CHARTS") == "1"
if not VALIDATE_BUILT:
    # Altair's debug mode checks every schema object against the Vega-Lite schema as it is made
    # (an ``alt.Locale`` alone took 15 ms): most of a chart's build time when a slider changes
    # the data. The specs these builders make are checked whole under test instead.
    alt.utils.schemapi.disable_debug_mode()

_Chart = TypeVar("_Chart")


class _Uncacheable(Exception):
    """An argument the cache key cannot describe faithfully: build without the cache."""


def _frame_key(frame: pd.DataFrame | pd.Series) -> tuple:
    dtypes = frame.dtypes if isinstance(frame, pd.DataFrame) else pd.Series([frame.dtype])
    cats = tuple(
        (tuple(d.categories.tolist()), d.ordered)
        for d in dtypes
        if isinstance(d, pd.CategoricalDtype)
    )
    try:
        hashed = pd.util.hash_pandas_object(frame, index=True).to_numpy()
    except TypeError as exc:  # unhashable cells (lists, dicts)
        raise _Uncacheable from exc
    columns = tuple(map(repr, frame.columns)) if isinstance(frame, pd.DataFrame) else frame.name
    digest = hashlib.blake2b(hashed.tobytes(), digest_size=16).hexdigest()
    return (type(frame).__name__, columns, tuple(map(str, dtypes)), cats, frame.shape,
            tuple(map(repr, frame.index.names)), digest)  # fmt: skip


def _key(value: object) -> object:
    """A hashable description of ``value`` that differs whenever the chart drawn from it could."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return _frame_key(value)
    if value is None or isinstance(value, str | bool | int | float):
        return (type(value).__name__, value)  # 1, 1.0 and True draw differently
    if isinstance(value, np.generic):
        return (type(value).__name__, value.item())
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, Mapping):
        return ("map", tuple((_key(k), _key(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_key(v) for v in value))
    raise _Uncacheable(type(value).__name__)


_TRUSTED: dict[type, type] = {}


def _trusted(chart: _Chart) -> _Chart:
    """``chart`` as an instance of a subclass of its class whose ``to_dict`` skips the schema
    validation unless asked (``to_dict(validate=True)``): what Streamlit draws each rerun."""
    cls = type(chart)
    if cls in _TRUSTED.values() or not isinstance(chart, alt.TopLevelMixin):
        return chart
    sub = _TRUSTED.get(cls)
    if sub is None:

        def to_dict(self, validate: bool | None = None, **kwargs: Any) -> dict[str, Any]:
            return cls.to_dict(self, VALIDATE_BUILT if validate is None else validate, **kwargs)

        sub = _TRUSTED.setdefault(
            cls, type(cls.__name__, (cls,), {"to_dict": to_dict, "__module__": cls.__module__})
        )
    object.__setattr__(chart, "__class__", sub)  # SchemaBase.__setattr__ would store a key
    return chart


def cached_chart(build: Callable[..., _Chart]) -> Callable[..., _Chart]:
    """``build`` memoised on its arguments' contents (LRU over ``CHART_CACHE_SIZE`` charts
    shared by all builders): the same chart object for the same data, built and checked once.
    Callers must not change a returned chart in place (``chart.copy(deep=True)`` first)."""

    @functools.wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> _Chart:
        try:
            key = (build.__qualname__, _key(args), _key(dict(sorted(kwargs.items()))))
        except _Uncacheable:
            return _trusted(build(*args, **kwargs))
        with _CACHE_LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
        chart = _trusted(build(*args, **kwargs))
        with _CACHE_LOCK:
            _CACHE[key] = chart
            while len(_CACHE) > CHART_CACHE_SIZE:
                _CACHE.popitem(last=False)
        return chart

    return wrapper


_CACHE: OrderedDict[object, Any] = OrderedDict()
_CACHE_LOCK = threading.Lock()

# --- end issue 18: rerun cost ---


def max_abs(*values: object) -> float:
    """The largest absolute value among numbers and Series (NaN ignored; 0 for none): what an
    axis's unit is chosen from."""
    out = 0.0
    for v in values:
        m = pd.Series(v, dtype="float64").abs().max() if not isinstance(v, (int, float)) else abs(v)
        if pd.notna(m):
            out = max(out, float(m))
    return out


def axis(
    title: str,
    lang: str,
    fmt: str = ",.0f",
    *,
    top: float | None = None,
    money: bool = False,
    signed: bool = False,
) -> alt.Axis:
    """A quantitative axis written the way ``ui.fmt`` writes numbers.

    Percent formats (``".2%"``) and small-number formats without grouping (``".3f"`` for DSR
    scores and multipliers) stay d3 formats. Grouped formats (``",.0f"``: counts and money) get a
    ``labelExpr`` (``ui.fmt.vega_label_expr``) with ONE unit for the whole axis chosen from
    ``top``, its largest absolute value (万/亿 in zh, K/M/B in en), ``¥`` when ``money``, and a
    ``+`` on positive ticks when ``signed``."""
    if fmt.endswith("%") or not fmt.startswith(","):
        return alt.Axis(title=title, format=("+" + fmt) if signed and fmt[0] != "+" else fmt)
    expr = vega_label_expr(0.0 if top is None else top, lang, money=money, signed=signed)
    return alt.Axis(title=title, labelExpr=expr)


def pct_format(span: float, *, signed: bool = False) -> str:
    """A d3 percent format with as many decimals as an axis spanning ``span`` (a fraction) needs
    for distinct ticks: "+1%" and "+0%" repeated over a 2 % span read as noise."""
    decimals = 0 if span >= 0.1 else 1 if span >= 0.01 else 2
    return ("+" if signed else "") + f".{decimals}%"


def locale(lang: str) -> alt.Locale:
    """Vega-Lite's time-format locale (``config.locale``): month and day names in ``lang``."""
    return alt.Locale(time=alt.TimeLocale(**TIME_LOCALES[lang]))


def has_dates(data: pd.DataFrame) -> bool:
    """Whether a frame carries calendar dates (the ``date`` column of ``Result.daily``)."""
    return "date" in data.columns and data["date"].notna().all() and len(data) > 0


def day_x(data: pd.DataFrame, title: str, lang: str) -> alt.X:
    """The x of a daily chart: the calendar ``date`` (month names in ``lang``) when the frame has
    one, else the day number (``day``) titled ``title``."""
    if has_dates(data):
        return alt.X(
            "date:T",
            title=t("chart.date", lang),
            axis=alt.Axis(format=DATE_AXIS_FORMATS[lang], labelAngle=0, labelOverlap=True),
        )
    return alt.X("day:Q", title=title, axis=alt.Axis(tickMinStep=1))


def day_tooltip(data: pd.DataFrame, title: str, lang: str) -> list[alt.Tooltip]:
    """The date (if any) and the day number of a point, for a tooltip."""
    day = [alt.Tooltip("day:Q", title=title)]
    if has_dates(data):
        return [alt.Tooltip("date:T", title=t("chart.date", lang), format=DATE_TOOLTIP_FORMATS[lang]),
                *day]  # fmt: skip
    return day


def _theme(chart: alt.Chart, height: int, lang: str | None = None) -> alt.Chart:
    out = (
        chart.properties(height=height)
        .configure_axis(labelFont=FONT, titleFont=FONT)
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="top", columns=2, labelLimit=0)
    )
    return out if lang is None else out.configure(locale=locale(lang))


def themed(chart: alt.TopLevelMixin, height: int, lang: str | None = None) -> alt.TopLevelMixin:
    """A chart (or layered chart) in the app's fonts and legend layout (and ``lang``'s month
    names)."""
    return _trusted(_theme(chart, height, lang))  # built here: not re-validated on every draw


def scenario_color(names: list[str], title: str) -> alt.Color:
    """One colour per scenario, in the order given, from the shared palette."""
    return alt.Color(
        "scenario:N",
        title=title,
        sort=names,
        scale=alt.Scale(domain=names, range=list(PALETTE[: len(names)])),
    )


def daily_data(frames: Mapping[str, pd.DataFrame], column: str) -> pd.DataFrame:
    """Long frame (day, [date,] scenario, value) of one daily column for several named scenarios;
    ``date`` when every frame has one."""
    dated = all("date" in f.columns for f in frames.values())
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "day": f["day"],
                    **({"date": f["date"]} if dated else {}),
                    "scenario": name,
                    "value": f[column],
                }
            )  # fmt: skip
            for name, f in frames.items()
        ],
        ignore_index=True,
    )


@cached_chart
def daily_chart(
    data: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    lang: str,
    y_format: str = ",.0f",
    scenario_title: str = "",
    money: bool = False,
) -> alt.Chart:
    """Daily lines, one per scenario; ``money``: the values are yuan (``¥`` on the axis)."""
    names = list(dict.fromkeys(data["scenario"]))
    color = scenario_color(names, scenario_title)
    base = alt.Chart(data).encode(
        x=day_x(data, x_title, lang),
        y=alt.Y("value:Q", axis=axis(y_title, lang, y_format, top=max_abs(data["value"]),
                                     money=money)),
        color=color,
        tooltip=[
            alt.Tooltip("scenario:N", title=scenario_title),
            *day_tooltip(data, x_title, lang),
            alt.Tooltip("value:Q", title=y_title, format=y_format),
        ],
    )  # fmt: skip
    return _theme(base.mark_line(strokeWidth=2.2, interpolate="monotone"), 300, lang)


#: The fan chart's bands: (lower, upper column of ``ui.bands.band_data``, opacity). The outer
#: band P10–P90 is the paler: eight in ten paths lie in it, half of them in the inner P25–P75.
FAN_BANDS = (("p10", "p90", 0.14), ("p25", "p75", 0.28))


@cached_chart
def fan_chart(
    data: pd.DataFrame,
    bands: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    lang: str,
    y_format: str = ",.0f",
    scenario_title: str = "",
    money: bool = False,
) -> alt.LayerChart:
    """:func:`daily_chart`'s lines over each scenario's fan: the daily P10–P90 and P25–P75 of
    the paths as shaded areas and their median as a thin dashed line, in the scenario's colour
    (``bands``: ``ui.bands.band_data``'s frame). The solid line stays the deterministic run."""
    names = list(dict.fromkeys([*data["scenario"], *bands["scenario"]]))
    color = scenario_color(names, scenario_title)
    # one legend for all the layers, drawn as the scenario's line (not the pale band's swatch)
    color.legend = alt.Legend(symbolType="stroke", symbolOpacity=1, symbolStrokeWidth=2.5)
    shade = color
    top = max_abs(data["value"], bands["p10"], bands["p90"])
    y_axis = axis(y_title, lang, y_format, top=top, money=money)
    x = day_x(data, x_title, lang)
    days = day_tooltip(bands, x_title, lang)
    layers: list[alt.Chart] = []
    for lo, hi, opacity in FAN_BANDS:
        layers.append(
            alt.Chart(bands)
            .mark_area(opacity=opacity, interpolate="monotone")
            .encode(
                x=x, y=alt.Y(f"{lo}:Q", axis=y_axis), y2=alt.Y2(f"{hi}:Q"), color=shade,
                tooltip=[alt.Tooltip("scenario:N", title=scenario_title), *days,
                         alt.Tooltip(f"{lo}:Q", title=f"{y_title} {lo.upper()}", format=y_format),
                         alt.Tooltip(f"{hi}:Q", title=f"{y_title} {hi.upper()}", format=y_format)],
            )
        )  # fmt: skip
    layers.append(
        alt.Chart(bands)
        .mark_line(strokeWidth=1.2, strokeDash=[4, 3], interpolate="monotone")
        .encode(x=x, y=alt.Y("p50:Q", axis=y_axis), color=shade,
                tooltip=[alt.Tooltip("scenario:N", title=scenario_title), *days,
                         alt.Tooltip("p50:Q", title=f"{y_title} P50", format=y_format)])
    )  # fmt: skip
    line = alt.Chart(data).encode(
        x=x,
        y=alt.Y("value:Q", axis=y_axis),
        color=color,
        tooltip=[
            alt.Tooltip("scenario:N", title=scenario_title),
            *day_tooltip(data, x_title, lang),
            alt.Tooltip("value:Q", title=y_title, format=y_format),
        ],
    )
    layers.append(line.mark_line(strokeWidth=2.2, interpolate="monotone"))
    return _theme(alt.layer(*layers), 300, lang)


def funnel_data(
    totals: Mapping[str, Mapping[str, float]],
    stages: Sequence[tuple[str, str]],
    fmt: Callable[[float], str],
) -> pd.DataFrame:
    """(stage, scenario, value, order, text) for the funnel UV → inquiries → placed → paid.

    The text shows the count and, below the first stage, its share of visitors.
    """
    rows = []
    for name, tot in totals.items():
        top = tot[stages[0][0]]
        for i, (col, label) in enumerate(stages):
            share = f" ({tot[col] / top:.1%})" if i and top else ""
            rows.append(
                {
                    "stage": label,
                    "scenario": name,
                    "value": tot[col],
                    "order": i,
                    "text": fmt(tot[col]) + share,
                }
            )
    return pd.DataFrame(rows)


@cached_chart
def funnel_chart(
    data: pd.DataFrame, *, value_title: str, stage_title: str, scenario_title: str, lang: str
) -> alt.Chart:
    names = list(dict.fromkeys(data["scenario"]))
    stages = list(dict.fromkeys(data.sort_values("order")["stage"]))
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y("stage:N", sort=stages, title=stage_title),
            yOffset=alt.YOffset("scenario:N", sort=names),
            x=alt.X("value:Q", axis=axis(value_title, lang, top=max_abs(data["value"]))),
            color=scenario_color(names, scenario_title),
            tooltip=[
                alt.Tooltip("scenario:N", title=scenario_title),
                alt.Tooltip("stage:N", title=stage_title),
                alt.Tooltip("value:Q", title=value_title, format=",.0f"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4, fontSize=11).encode(
        text=alt.Text("text:N"), color=alt.ColorValue("#1F2328")
    )
    return _theme(alt.layer(bars, text), 260, lang)


#: Waterfall colours: a step that raises the measure, one that lowers it, the total change.
UP_COLOR, DOWN_COLOR, TOTAL_COLOR = "#2F9E44", "#C92A2A", "#495057"
#: Room above and below the bars for their labels, as a share of the change's span.
LABEL_PAD = 0.18


def bridge_data(
    effects: Sequence[tuple[str, float]],
    total_label: str,
    fmt_signed: Callable[[float], str],
    *,
    min_abs: float = 0.5,
) -> pd.DataFrame:
    """A delta waterfall: the change of a measure on its own scale, not its level.

    Rows (label, lo, hi, value, kind, order, text): the first step starts at 0 change, each step
    floats from the running change Σ_{j<i} e_j to Σ_{j≤i} e_j, and the last bar is the total
    change Σ e_j from 0. ``kind`` is ``up``/``down`` by the step's sign, ``total`` for the last;
    ``text`` is every bar's signed value (``fmt_signed``). Steps smaller than ``min_abs`` (a line
    the plan does not touch) are left out, but still counted in the running change."""
    rows = []
    level = 0.0
    for label, value in effects:
        if abs(value) >= min_abs:
            rows.append(
                {"label": label, "lo": min(level, level + value), "hi": max(level, level + value),
                 "value": value, "kind": "up" if value >= 0 else "down", "order": len(rows),
                 "text": fmt_signed(value)}
            )  # fmt: skip
        level += value
    rows.append(
        {"label": total_label, "lo": min(0.0, level), "hi": max(0.0, level), "value": level,
         "kind": "total", "order": len(rows), "text": fmt_signed(level)}
    )  # fmt: skip
    return pd.DataFrame(rows)


#: Characters per line of a waterfall's step names ("Shipping and platform fees" on two lines).
WRAP_CHARS = 14


def wrap_expr(labels: Sequence[str], width: int = WRAP_CHARS) -> str:
    """A Vega ``labelExpr`` that writes each of ``labels`` on lines of at most ``width``
    characters, broken at spaces (a lookup table: Vega cannot wrap axis labels by itself)."""
    table = {x: textwrap.wrap(x, width) or [x] for x in labels}
    return f"({json.dumps(table, ensure_ascii=False)})[datum.label] || datum.label"


def bridge_domain(data: pd.DataFrame) -> tuple[float, float]:
    """The y-domain of a delta waterfall: from the lowest to the highest running change (0
    included), padded by ``LABEL_PAD`` of the span for the labels: the change, never the level."""
    lo, hi = min(0.0, float(data["lo"].min())), max(0.0, float(data["hi"].max()))
    pad = LABEL_PAD * (hi - lo) if hi > lo else 1.0
    return lo - pad, hi + pad


@cached_chart
def bridge_chart(
    data: pd.DataFrame, *, value_title: str, lang: str, money: bool = True
) -> alt.LayerChart:
    """The delta waterfall of ``bridge_data``: bars from the running change, green up, red down,
    the total in dark grey, every bar labelled with its signed value (above a rise, below a
    fall), a rule at zero change; the y axis is the change (``axis(signed=True)``)."""
    order = list(data.sort_values("order")["label"])
    lo, hi = bridge_domain(data)
    x = alt.X(
        "label:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelAngle=0, labelLimit=200, labelExpr=wrap_expr(order)),
    )
    y = alt.Y(
        "lo:Q",
        scale=alt.Scale(domain=[lo, hi], nice=False, zero=False),
        axis=axis(value_title, lang, top=max(abs(lo), abs(hi)), money=money, signed=True),
    )
    color = alt.Color(
        "kind:N", legend=None,
        scale=alt.Scale(domain=["up", "down", "total"], range=[UP_COLOR, DOWN_COLOR, TOTAL_COLOR]),
    )  # fmt: skip
    bars = (
        alt.Chart(data)
        .mark_bar(size=38)
        .encode(x=x, y=y, y2=alt.Y2("hi:Q"), color=color,
                tooltip=[alt.Tooltip("label:N", title=""),
                         alt.Tooltip("text:N", title=value_title)])
    )  # fmt: skip
    up = (
        alt.Chart(data)
        .transform_filter("datum.value >= 0")
        .mark_text(dy=-8, fontSize=11, baseline="bottom", color="#1F2328")
        .encode(x=alt.X("label:N", sort=order), y=alt.Y("hi:Q"), text=alt.Text("text:N"))
    )
    down = (
        alt.Chart(data)
        .transform_filter("datum.value < 0")
        .mark_text(dy=8, fontSize=11, baseline="top", color="#1F2328")
        .encode(x=alt.X("label:N", sort=order), y=alt.Y("lo:Q"), text=alt.Text("text:N"))
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="#868E96").encode(y=alt.Y("y:Q"))
    return _theme(alt.layer(bars, zero, up, down), 300, lang)


def sources_data(daily: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """(day, [date,] source, uv) for the visitor sources that bring anyone."""
    cols = [c for c in labels if daily[c].sum() > 0]
    ids = ["day", "date"] if has_dates(daily) else ["day"]
    long = daily[[*ids, *cols]].melt(id_vars=ids, var_name="column", value_name="uv")
    long["source"] = long["column"].map(labels)
    return long[[*ids, "source", "uv"]]


@cached_chart
def sources_chart(
    data: pd.DataFrame, *, x_title: str, y_title: str, source_title: str, lang: str
) -> alt.Chart:
    chart = (
        alt.Chart(data)
        .mark_area(opacity=0.85)
        .encode(
            x=day_x(data, x_title, lang),
            y=alt.Y(
                "uv:Q",
                stack="zero",
                axis=axis(y_title, lang, top=max_abs(data.groupby("day")["uv"].sum())),
            ),
            color=alt.Color(
                "source:N",
                title=source_title,
                scale=alt.Scale(range=list(PALETTE[1:]) + ["#868E96"]),
            ),
            tooltip=[
                alt.Tooltip("source:N", title=source_title),
                *day_tooltip(data, x_title, lang),
                alt.Tooltip("uv:Q", title=y_title, format=",.0f"),
            ],
        )
    )
    return _theme(chart, 260, lang)


# --------------------------------------------------------------------------- promotions
#: One colour per promotion kind (eight kinds), in the order the page passes the kinds.
KIND_PALETTE = (
    "#D9480F", "#1C7ED6", "#2F9E44", "#AE3EC9", "#F08C00", "#0C8599", "#C2255C", "#5C940D",
)  # fmt: skip
#: Opacity of a promotion's announced pre-heat days beside its event days on the timeline.
PREHEAT_OPACITY = 0.35
BAND_COLOR = "#F08C00"


def _configure(chart: alt.TopLevelMixin, lang: str | None = None) -> alt.TopLevelMixin:
    """Fonts and legend placement for a layered or concatenated chart (heights set per part), and
    ``lang``'s month names."""
    out = chart.configure_axis(labelFont=FONT, titleFont=FONT).configure_legend(
        labelFont=FONT, titleFont=FONT, orient="top"
    )
    return out if lang is None else out.configure(locale=locale(lang))


def timeline_data(
    promotions: Sequence[Mapping[str, object]], phases: Mapping[str, str]
) -> pd.DataFrame:
    """Gantt rows: one bar per promotion over its event days and, lighter, one over its pre-heat.

    Each promotion is a mapping with ``label`` (the bar's row), ``kind`` (its translated kind),
    ``start_day``, ``end_day`` (inclusive), ``preheat_days``, ``audience``, ``days``, ``detail``
    (texts for the tooltip) and ``order`` (row order). ``phases`` translates ``event``/``preheat``.
    Bars span [start, end) in days, so a one-day promotion has width 1.
    """
    rows = []
    for p in promotions:
        common = {k: p[k] for k in ("label", "kind", "audience", "days", "detail", "order")}
        start, end, pre = int(p["start_day"]), int(p["end_day"]), int(p["preheat_days"])
        if pre > 0:
            rows.append(
                {**common, "phase_code": "preheat", "phase": phases["preheat"],
                 "start": float(max(0, start - pre)), "end": float(start)}
            )  # fmt: skip
        rows.append(
            {**common, "phase_code": "event", "phase": phases["event"],
             "start": float(start), "end": float(end + 1)}
        )  # fmt: skip
    columns = ["label", "kind", "audience", "days", "detail", "order", "phase_code", "phase",
               "start", "end"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


@cached_chart
def timeline_chart(
    data: pd.DataFrame,
    *,
    horizon: int,
    kinds: Sequence[str],
    x_title: str,
    kind_title: str,
    titles: Mapping[str, str],
) -> alt.Chart:
    """The campaign calendar: promotions as bars over the horizon, coloured by kind.

    ``kinds``: every kind label in a fixed order (stable colours); ``titles``: tooltip titles for
    ``audience``, ``days``, ``phase`` and ``detail``.
    """
    rows = list(dict.fromkeys(data.sort_values("order")["label"]))
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X(
                "start:Q",
                title=x_title,
                scale=alt.Scale(domain=[0, horizon], nice=False),
                axis=alt.Axis(tickMinStep=1),
            ),
            x2=alt.X2("end:Q"),
            y=alt.Y("label:N", sort=rows, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "kind:N",
                title=kind_title,
                scale=alt.Scale(domain=list(kinds), range=list(KIND_PALETTE[: len(kinds)])),
                legend=None,  # each row is labelled with its kind
            ),
            opacity=alt.Opacity(
                "phase_code:N",
                sort=["preheat", "event"],
                scale=alt.Scale(domain=["preheat", "event"], range=[PREHEAT_OPACITY, 1.0]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("kind:N", title=kind_title),
                alt.Tooltip("phase:N", title=titles["phase"]),
                alt.Tooltip("days:N", title=titles["days"]),
                alt.Tooltip("audience:N", title=titles["audience"]),
                alt.Tooltip("detail:N", title=titles["detail"]),
            ],
        )
    )
    text = (
        alt.Chart(data[data["phase_code"] == "event"])
        .mark_text(align="left", dx=4, fontSize=11, color="#1F2328")
        .encode(x=alt.X("end:Q"), y=alt.Y("label:N", sort=rows), text=alt.Text("detail:N"))
    )
    return _theme(alt.layer(bars, text), 48 + 36 * len(rows))


def event_bands(
    promotions: Sequence[Mapping[str, object]], phases: Mapping[str, str]
) -> pd.DataFrame:
    """(start, end, phase_code, phase, label) of every event window and pre-heat, for rect layers."""
    data = timeline_data(promotions, phases)
    return data[["start", "end", "phase_code", "phase", "label"]]


def _bands_layer(bands: pd.DataFrame, band_title: str, temporal: bool = False) -> alt.Chart:
    return (
        alt.Chart(bands)
        .mark_rect(color=BAND_COLOR)
        .encode(
            x=alt.X("start:T" if temporal else "start:Q"),
            x2=alt.X2("end:T" if temporal else "end:Q"),
            opacity=alt.Opacity(
                "phase_code:N",
                sort=["preheat", "event"],
                scale=alt.Scale(domain=["preheat", "event"], range=[0.05, 0.14]),
                legend=None,
            ),
            tooltip=[alt.Tooltip("label:N", title=band_title), alt.Tooltip("phase:N", title="")],
        )
    )


@cached_chart
def promo_daily_chart(
    data: pd.DataFrame,
    bands: pd.DataFrame,
    repay: pd.DataFrame | None,
    *,
    x_title: str,
    y_title: str,
    repay_title: str,
    band_title: str,
    scenario_title: str,
    lang: str,
    y_format: str = ",.0f",
    money: bool = False,
) -> alt.VConcatChart | alt.LayerChart:
    """Daily baseline vs plan (``daily_data``) over shaded event windows (``event_bands``), and
    below it the orders repaid each day to the pull-forward debt (``repay``: day, value).
    When ``data`` carries dates, the windows (day numbers) and ``repay`` are put on the same
    calendar: date = the date of day 0 + day."""
    names = list(dict.fromkeys(data["scenario"]))
    temporal = has_dates(data)
    if temporal:
        origin = pd.Timestamp(data["date"].iloc[0]) - pd.Timedelta(days=int(data["day"].iloc[0]))
        bands = bands.assign(start=origin + pd.to_timedelta(bands["start"], unit="D"),
                             end=origin + pd.to_timedelta(bands["end"], unit="D"))  # fmt: skip
        if repay is not None:
            repay = repay.assign(date=origin + pd.to_timedelta(repay["day"], unit="D"))
    x = day_x(data, x_title, lang)
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.2)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=axis(y_title, lang, y_format, top=max_abs(data["value"]),
                                         money=money)),
            color=scenario_color(names, scenario_title),
            tooltip=[
                alt.Tooltip("scenario:N", title=scenario_title),
                *day_tooltip(data, x_title, lang),
                alt.Tooltip("value:Q", title=y_title, format=y_format),
            ],
        )
    )  # fmt: skip
    shade = [_bands_layer(bands, band_title, temporal)] if not bands.empty else []
    top = alt.layer(*shade, lines).properties(height=280)
    if repay is None:
        return _configure(top, lang)
    bottom = alt.layer(
        *shade,
        alt.Chart(repay)
        .mark_area(color=PALETTE[1], opacity=0.55, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=axis(repay_title, lang, ",.1f", top=max_abs(repay["value"]))),
            tooltip=[
                *day_tooltip(repay, x_title, lang),
                alt.Tooltip("value:Q", title=repay_title, format=",.1f"),
            ],
        ),
    ).properties(height=110)
    return _configure(alt.vconcat(top, bottom, spacing=8).resolve_scale(x="shared"), lang)


def basket_data(
    grid: Sequence[float], before: Sequence[float], after: Sequence[float], names: tuple[str, str]
) -> pd.DataFrame:
    """Long frame (value, density, curve) of the basket density before and after an offer."""
    return pd.concat(
        [
            pd.DataFrame({"value": grid, "density": before, "curve": names[0]}),
            pd.DataFrame({"value": grid, "density": after, "curve": names[1]}),
        ],
        ignore_index=True,
    )


@cached_chart
def basket_chart(
    data: pd.DataFrame,
    thresholds: Sequence[float],
    *,
    x_title: str,
    y_title: str,
    curve_title: str,
    threshold_title: str,
) -> alt.LayerChart:
    """Basket value density before (grey area) and after (orange line) an offer, thresholds as
    dashed rules: padded buyers leave the window below a threshold and bunch just above it."""
    names = list(dict.fromkeys(data["curve"]))
    color = alt.Color(
        "curve:N",
        title=curve_title,
        sort=names,
        scale=alt.Scale(domain=names, range=list(PALETTE[:2])),
    )
    x = alt.X(
        "value:Q",
        title=x_title,
        axis=alt.Axis(format=",.0f"),
        scale=alt.Scale(domain=[0, float(data["value"].max())], nice=False),
    )
    y = alt.Y("density:Q", title=y_title, axis=alt.Axis(format=".2%"))
    tooltip = [
        alt.Tooltip("curve:N", title=curve_title),
        alt.Tooltip("value:Q", title=x_title, format=",.1f"),
        alt.Tooltip("density:Q", title=y_title, format=".3%"),
    ]
    before = (
        alt.Chart(data[data["curve"] == names[0]])
        .mark_area(opacity=0.35)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    after = (
        alt.Chart(data[data["curve"] == names[1]])
        .mark_line(strokeWidth=2)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    rules = pd.DataFrame({"threshold": list(thresholds)})
    rule = (
        alt.Chart(rules)
        .mark_rule(strokeDash=[4, 3], color="#1F2328")
        .encode(
            x=alt.X("threshold:Q"),
            tooltip=[alt.Tooltip("threshold:Q", title=threshold_title, format=",.1f")],
        )
    )
    label = (
        alt.Chart(rules)
        .mark_text(align="left", dx=4, dy=-6, fontSize=11, color="#1F2328")
        .transform_calculate(text="'¥' + format(datum.threshold, ',.0f')")
        .encode(x=alt.X("threshold:Q"), y=alt.YValue(10), text=alt.Text("text:N"))
    )
    return _configure(alt.layer(before, after, rule, label).properties(height=280))


def threshold_curve_data(
    thresholds: Sequence[float], curve: Mapping[str, Sequence[float]]
) -> pd.DataFrame:
    """(threshold, aov, discount_per_order, p_elig, pad_share) over candidate thresholds."""
    cols = ("aov", "discount_per_order", "p_elig", "pad_share")
    return pd.DataFrame({"threshold": list(thresholds), **{c: list(curve[c]) for c in cols}})


@cached_chart
def threshold_curve_chart(
    data: pd.DataFrame,
    current: Sequence[float],
    *,
    x_title: str,
    aov_title: str,
    cost_title: str,
    elig_title: str,
    pad_title: str,
    current_title: str,
) -> alt.LayerChart:
    """AOV paid (left axis) and discount cost per order (right axis) across thresholds of one
    满减 tier; the plan's current tiers as rules."""
    x = alt.X("threshold:Q", title=x_title, axis=alt.Axis(format=",.0f"))
    tooltip = [
        alt.Tooltip("threshold:Q", title=x_title, format=",.0f"),
        alt.Tooltip("aov:Q", title=aov_title, format=",.2f"),
        alt.Tooltip("discount_per_order:Q", title=cost_title, format=",.2f"),
        alt.Tooltip("p_elig:Q", title=elig_title, format=".1%"),
        alt.Tooltip("pad_share:Q", title=pad_title, format=".1%"),
    ]
    aov_line = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.2, point=True, color=PALETTE[1])
        .encode(
            x=x,
            y=alt.Y(
                "aov:Q",
                scale=alt.Scale(zero=False),
                axis=alt.Axis(title=aov_title, titleColor=PALETTE[1], format=",.0f"),
            ),
            tooltip=tooltip,
        )
    )
    cost_line = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.2, strokeDash=[6, 3], color="#C92A2A")
        .encode(
            x=x,
            y=alt.Y(
                "discount_per_order:Q",
                axis=alt.Axis(
                    title=cost_title, titleColor="#C92A2A", format=",.1f", orient="right"
                ),
            ),
            tooltip=tooltip,
        )
    )
    layers = [aov_line, cost_line]
    if current:
        rules = pd.DataFrame({"threshold": list(current), "label": current_title})
        layers.append(
            alt.Chart(rules)
            .mark_rule(strokeDash=[4, 3], color="#1F2328")
            .encode(
                x=alt.X("threshold:Q"),
                tooltip=[
                    alt.Tooltip("label:N", title=""),
                    alt.Tooltip("threshold:Q", title=x_title, format=",.0f"),
                ],
            )
        )
    chart = alt.layer(*layers).resolve_scale(y="independent").properties(height=280)
    return _configure(chart)


# --------------------------------------------------------------------------- calibration
#: Data in the scenario grey, the model in the plan orange.
DATA_COLOR, MODEL_COLOR = PALETTE[0], PALETTE[1]


def fit_data(
    frame: pd.DataFrame, x: str, pairs: Mapping[str, str], labels: Mapping[str, str]
) -> pd.DataFrame:
    """Long frame (x, series, value) of data and model columns: ``pairs`` maps each column of
    ``frame`` to "data" or "model", ``labels`` those two to their legend text."""
    return pd.concat(
        [
            pd.DataFrame({"x": frame[x], "series": labels[kind], "value": frame[col]})
            for col, kind in pairs.items()
        ],
        ignore_index=True,
    )


@cached_chart
def fit_chart(
    data: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    lang: str,
    temporal: bool = False,
    y_format: str = ",.0f",
    series_title: str = "",
    marker: tuple[object, str] | None = None,
) -> alt.TopLevelMixin:
    """Data against the model over time (``temporal``: x is a date) or over a span of days: the
    data dotted grey, the model solid orange. ``marker``: (x, label) of a
    vertical rule, e.g. the end of the calibration period."""
    names = list(dict.fromkeys(data["series"]))
    kind = "T" if temporal else "Q"
    color = alt.Color(
        "series:N",
        title=series_title,
        sort=names,
        scale=alt.Scale(domain=names, range=[DATA_COLOR, MODEL_COLOR][: len(names)]),
    )
    x_axis = alt.Axis(format=DATE_AXIS_FORMATS[lang], labelAngle=0) if temporal else alt.Axis()
    base = alt.Chart(data).encode(
        x=alt.X(f"x:{kind}", title=x_title, axis=x_axis),
        y=alt.Y("value:Q", axis=axis(y_title, lang, y_format, top=max_abs(data["value"]))),
        color=color,
        tooltip=[
            alt.Tooltip("series:N", title=series_title),
            alt.Tooltip(f"x:{kind}", title=x_title,
                        **({"format": DATE_TOOLTIP_FORMATS[lang]} if temporal else {})),
            alt.Tooltip("value:Q", title=y_title, format=y_format),
        ],
    )  # fmt: skip
    # The same field, title and sort for colour and dash: Vega-Lite merges them in one legend.
    lines = base.mark_line(strokeWidth=2.2, interpolate="monotone").encode(
        strokeDash=alt.StrokeDash(
            "series:N", sort=names, title=series_title,
            scale=alt.Scale(domain=names, range=[[2, 2], [1, 0]][: len(names)]),
        )
    )  # fmt: skip
    layers = [lines]
    if marker is not None:
        at, label = marker
        rule = pd.DataFrame({"x": [at], "label": [label]})
        layers.append(
            alt.Chart(rule)
            .mark_rule(color="#495057", strokeDash=[4, 3])
            .encode(x=alt.X(f"x:{kind}"), tooltip=alt.Tooltip("label:N", title=""))
        )
        layers.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=4, color="#495057", fontSize=11)
            .encode(x=alt.X(f"x:{kind}"), y=alt.YValue(8), text=alt.Text("label:N"))
        )
    return _theme(alt.layer(*layers), 300, lang)


@cached_chart
def weekday_chart(
    data: pd.DataFrame,
    *,
    value_title: str,
    day_title: str,
    lang: str,
    lo_title: str = "",
    hi_title: str = "",
) -> alt.TopLevelMixin:
    """Weekday multipliers (``day``, ``value``, ``lo``, ``hi``) as bars with their intervals."""
    order = list(data["day"])
    bars = (
        alt.Chart(data)
        .mark_bar(color=MODEL_COLOR, opacity=0.85)
        .encode(
            x=alt.X("day:N", sort=order, title=day_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", axis=axis(value_title, lang, ".2f")),
            tooltip=[alt.Tooltip("day:N", title=day_title),
                     alt.Tooltip("value:Q", title=value_title, format=".3f"),
                     alt.Tooltip("lo:Q", title=lo_title, format=".3f"),
                     alt.Tooltip("hi:Q", title=hi_title, format=".3f")],
        )
    )  # fmt: skip
    errors = (
        alt.Chart(data)
        .mark_errorbar(color="#343A40")
        .encode(x=alt.X("day:N", sort=order), y=alt.Y("lo:Q", title=value_title), y2=alt.Y2("hi:Q"))
    )
    one = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#868E96").encode(y=alt.Y("y:Q"))
    return _theme(alt.layer(bars, errors, one), 260, lang)


# --------------------------------------------------------------------------- compare
def change_data(
    totals: Mapping[str, Mapping[str, float]],
    baseline: str,
    keys: Sequence[str],
    labels: Mapping[str, str],
    text: Callable[[str, float, float], str] | None = None,
) -> pd.DataFrame:
    """Long frame (measure, scenario, change, text) of every scenario's change against
    ``baseline`` (a fraction: 0.12 = +12%), for the measures in ``keys`` whose baseline value is
    not 0. ``text(key, new, old)`` writes each bar's label (default: the signed percentage)."""
    label = text or (lambda _k, new, old: f"{new / old - 1.0:+.1%}")
    rows = [
        {"measure": labels[k], "scenario": name, "change": t[k] / totals[baseline][k] - 1.0,
         "text": label(k, t[k], totals[baseline][k])}
        for k in keys
        if totals[baseline][k]
        for name, t in totals.items()
        if name != baseline
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["measure", "scenario", "change", "text"])


#: Height of one bar of the change chart (px): a measure with one plan must still have room for
#: its axis label (9 px hid every other one).
CHANGE_BAR_STEP = 22


@cached_chart
def change_chart(
    data: pd.DataFrame,
    *,
    names: list[str],
    change_title: str,
    scenario_title: str,
    lang: str | None = None,
) -> alt.TopLevelMixin:
    """Grouped bars: for each measure one bar per scenario, its change against the baseline,
    every bar labelled (``text``: right of a rise, left of a fall); ``names`` are all the
    scenarios (the baseline first) so the colours match the other charts."""
    order = list(dict.fromkeys(data["measure"]))
    others = [n for n in names[1:] if n in set(data["scenario"])]
    color = alt.Color(
        "scenario:N",
        title=scenario_title,
        sort=others,
        scale=alt.Scale(domain=others, range=list(PALETTE[1 : len(others) + 1])),
    )
    lo, hi = min(0.0, float(data["change"].min())), max(0.0, float(data["change"].max()))
    pad = 0.3 * (hi - lo) if hi > lo else 0.01
    y = alt.Y("measure:N", sort=order, title=None, axis=alt.Axis(labelLimit=0, labelOverlap=False))
    y_offset = alt.YOffset("scenario:N", sort=others)
    x = alt.X(
        "change:Q",
        scale=alt.Scale(domain=[lo - pad, hi + pad], nice=False),
        axis=alt.Axis(title=change_title, format=pct_format(hi - lo, signed=True)),
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            yOffset=y_offset,
            x=x,
            color=color,
            tooltip=[alt.Tooltip("measure:N", title=""),
                     alt.Tooltip("scenario:N", title=scenario_title),
                     alt.Tooltip("text:N", title=change_title)],
        )
    )  # fmt: skip
    labels = [
        alt.Chart(data)
        .transform_filter(f"datum.change {op} 0")
        .mark_text(align=align, dx=dx, fontSize=11, color="#1F2328")
        .encode(
            y=alt.Y("measure:N", sort=order),
            yOffset=y_offset,
            x=alt.X("change:Q"),
            text=alt.Text("text:N"),
        )
        for op, align, dx in ((">=", "left", 4), ("<", "right", -4))
    ]
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#868E96").encode(x=alt.X("x:Q"))
    # with an offset channel the step is one bar's: a measure takes len(others) steps
    return _theme(alt.layer(bars, zero, *labels), alt.Step(CHANGE_BAR_STEP), lang)


# --- issue 18: charts the pages drew themselves (DSR & service, Compare) ---
#: The industry band (mean … max) behind a DSR score: a green that reads as "where the category's
#: shops stand", apart from the scenario colours.
SCORE_BAND_COLOR = "#2e7d32"


@cached_chart
def score_chart(
    data: pd.DataFrame,
    band: tuple[float, float],
    *,
    band_label: str,
    score_title: str,
    day_title: str,
    scenario_title: str,
    lang: str,
) -> alt.TopLevelMixin:
    """One DSR score over the days for each scenario (``daily_data``'s frame), on the industry band
    ``band`` = (mean, max): a shaded band and a dashed rule at the mean."""
    names = list(dict.fromkeys(data["scenario"]))
    lo = min(float(data["value"].min()), band[0]) - 0.02
    hi = max(float(data["value"].max()), band[1]) + 0.02
    y = alt.Y(
        "value:Q",
        title=score_title,
        scale=alt.Scale(domain=[lo, hi], zero=False),
        axis=alt.Axis(format=".2f"),
    )  # a score: two decimals, as its card
    band_frame = pd.DataFrame({"lo": [band[0]], "hi": [band[1]], "what": [band_label]})
    shade = (
        alt.Chart(band_frame)
        .mark_rect(opacity=0.12, color=SCORE_BAND_COLOR)
        .encode(y=alt.Y("lo:Q"), y2=alt.Y2("hi:Q"), tooltip=[alt.Tooltip("what:N", title="")])
    )
    mean_rule = (
        alt.Chart(band_frame)
        .mark_rule(strokeDash=[4, 3], color=SCORE_BAND_COLOR)
        .encode(y=alt.Y("lo:Q"))
    )
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.2)
        .encode(
            x=day_x(data, day_title, lang),
            y=y,
            color=scenario_color(names, scenario_title),
            tooltip=[
                alt.Tooltip("scenario:N", title=scenario_title),
                *day_tooltip(data, day_title, lang),
                alt.Tooltip("value:Q", title=score_title, format=".2f"),
            ],
        )
    )
    return themed(alt.layer(shade, mean_rule, lines), 300, lang)


@cached_chart
def star_chart(
    data: pd.DataFrame, *, star_title: str, share_title: str, scenario_title: str
) -> alt.TopLevelMixin:
    """Star shares (columns scenario, star, share) grouped by scenario, on a √ scale so that the
    1–4★ shares (0.4–3 %) stay visible beside 94 % of 5★."""
    names = list(dict.fromkeys(data["scenario"]))
    return themed(
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("star:O", title=star_title),
            xOffset=alt.XOffset("scenario:N"),
            y=alt.Y(
                "share:Q",
                title=share_title,
                axis=alt.Axis(format="%"),
                scale=alt.Scale(type="sqrt"),
            ),
            color=scenario_color(names, scenario_title),
            tooltip=[
                alt.Tooltip("scenario:N", title=scenario_title),
                alt.Tooltip("star:O", title=star_title),
                alt.Tooltip("share:Q", title=share_title, format=".2%"),
            ],
        ),
        260,
    )


@cached_chart
def kpi_bars_chart(
    data: pd.DataFrame,
    *,
    names: list[str],
    title: str,
    y_format: str,
    money: bool,
    scenario_title: str,
    lang: str,
) -> alt.TopLevelMixin:
    """One bar per scenario (columns scenario, value) of one horizon total, in ``names``' order."""
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("scenario:N", title=None, sort=names),
            y=alt.Y("value:Q", axis=axis(title, lang, y_format, top=max_abs(data["value"]),
                                         money=money)),
            color=scenario_color(names, scenario_title),
            tooltip=[alt.Tooltip("scenario:N", title=scenario_title),
                     alt.Tooltip("value:Q", title=title, format=",.4~f")],
        )
    )  # fmt: skip
    return themed(bars, 300, lang)
