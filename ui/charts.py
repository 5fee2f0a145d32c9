"""Chart builders: pure functions DataFrame → ``alt.Chart`` (STYLE.md, after Meridian's visualizer).

Pages translate labels and call ``st.altair_chart(build(...))``; nothing here imports streamlit.
Every ``*_data`` function returns the tidy frame its ``*_chart`` draws, so tests can check numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import altair as alt
import pandas as pd

#: Baseline grey, plan orange (the theme's primary colour), then further scenarios.
PALETTE = ("#8C959F", "#D9480F", "#1C7ED6", "#2F9E44", "#AE3EC9", "#F08C00")
FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"


def axis(title: str, lang: str, fmt: str = ",.0f") -> alt.Axis:
    """A quantitative axis; Chinese labels count in 万 and 亿 like the rest of the UI."""
    if lang != "zh" or fmt.endswith("%"):
        return alt.Axis(title=title, format=fmt)
    expr = (
        "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, ',.2~f') + '亿' : "
        "abs(datum.value) >= 1e4 ? format(datum.value / 1e4, ',.2~f') + '万' : format(datum.value, ',.2~f')"
    )
    return alt.Axis(title=title, labelExpr=expr)


def _theme(chart: alt.Chart, height: int) -> alt.Chart:
    return (
        chart.properties(height=height)
        .configure_axis(labelFont=FONT, titleFont=FONT)
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="top", columns=2, labelLimit=0)
    )


def themed(chart: alt.TopLevelMixin, height: int) -> alt.TopLevelMixin:
    """A chart (or layered chart) in the app's fonts and legend layout."""
    return _theme(chart, height)


def scenario_color(names: list[str], title: str) -> alt.Color:
    """One colour per scenario, in the order given, from the shared palette."""
    return alt.Color(
        "scenario:N",
        title=title,
        sort=names,
        scale=alt.Scale(domain=names, range=list(PALETTE[: len(names)])),
    )


def daily_data(frames: Mapping[str, pd.DataFrame], column: str) -> pd.DataFrame:
    """Long frame (day, scenario, value) of one daily column for several named scenarios."""
    return pd.concat(
        [
            pd.DataFrame({"day": f["day"], "scenario": name, "value": f[column]})
            for name, f in frames.items()
        ],
        ignore_index=True,
    )


def daily_chart(
    data: pd.DataFrame,
    *,
    x_title: str,
    y_title: str,
    lang: str,
    y_format: str = ",.0f",
    scenario_title: str = "",
) -> alt.Chart:
    names = list(dict.fromkeys(data["scenario"]))
    color = scenario_color(names, scenario_title)
    base = alt.Chart(data).encode(
        x=alt.X("day:Q", title=x_title, axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("value:Q", axis=axis(y_title, lang, y_format)),
        color=color,
        tooltip=[
            alt.Tooltip("scenario:N", title=scenario_title),
            alt.Tooltip("day:Q", title=x_title),
            alt.Tooltip("value:Q", title=y_title, format=y_format),
        ],
    )
    return _theme(base.mark_line(strokeWidth=2.2, interpolate="monotone"), 300)


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
            x=alt.X("value:Q", axis=axis(value_title, lang)),
            color=scenario_color(names, scenario_title),
            tooltip=[
                alt.Tooltip("scenario:N", title=scenario_title),
                alt.Tooltip("stage:N", title=stage_title),
                alt.Tooltip("value:Q", title=value_title, format=",.0f"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4, fontSize=11).encode(
        text="text:N", color=alt.value("#1F2328")
    )
    return _theme(alt.layer(bars, text), 260)


def bridge_data(
    start: float,
    effects: Sequence[tuple[str, float]],
    end: float,
    start_label: str,
    end_label: str,
    fmt: Callable[[float], str],
    fmt_signed: Callable[[float], str],
) -> pd.DataFrame:
    """Waterfall rows: the baseline bar, one floating bar per effect, the plan bar."""
    rows = [
        {
            "label": start_label,
            "lo": 0.0,
            "hi": start,
            "value": start,
            "kind": "total",
            "order": 0,
            "text": fmt(start),
        }
    ]
    level = start
    for i, (label, value) in enumerate(effects, start=1):
        rows.append(
            {
                "label": label,
                "lo": min(level, level + value),
                "hi": max(level, level + value),
                "value": value,
                "kind": "up" if value >= 0 else "down",
                "order": i,
                "text": fmt_signed(value),
            }
        )
        level += value
    rows.append(
        {
            "label": end_label,
            "lo": 0.0,
            "hi": end,
            "value": end,
            "kind": "total",
            "order": len(effects) + 1,
            "text": fmt(end),
        }
    )
    return pd.DataFrame(rows)


def bridge_chart(data: pd.DataFrame, *, value_title: str, lang: str) -> alt.Chart:
    order = list(data.sort_values("order")["label"])
    color = alt.Color(
        "kind:N",
        legend=None,
        scale=alt.Scale(domain=["total", "up", "down"], range=["#8C959F", "#2F9E44", "#C92A2A"]),
    )
    bars = (
        alt.Chart(data)
        .mark_bar(size=38)
        .encode(
            x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelLimit=180)),
            y=alt.Y("lo:Q", axis=axis(value_title, lang)),
            y2="hi:Q",
            color=color,
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("text:N", title=value_title)],
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(dy=-8, fontSize=11)
        .encode(
            x=alt.X("label:N", sort=order),
            y="hi:Q",
            text="text:N",
        )
    )
    return _theme(alt.layer(bars, text), 300)


def sources_data(daily: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """(day, source, uv) for the visitor sources that bring anyone."""
    cols = [c for c in labels if daily[c].sum() > 0]
    long = daily[["day", *cols]].melt(id_vars="day", var_name="column", value_name="uv")
    long["source"] = long["column"].map(labels)
    return long[["day", "source", "uv"]]


def sources_chart(
    data: pd.DataFrame, *, x_title: str, y_title: str, source_title: str, lang: str
) -> alt.Chart:
    chart = (
        alt.Chart(data)
        .mark_area(opacity=0.85)
        .encode(
            x=alt.X("day:Q", title=x_title),
            y=alt.Y("uv:Q", stack="zero", axis=axis(y_title, lang)),
            color=alt.Color(
                "source:N",
                title=source_title,
                scale=alt.Scale(range=list(PALETTE[1:]) + ["#868E96"]),
            ),
            tooltip=[
                alt.Tooltip("source:N", title=source_title),
                alt.Tooltip("day:Q", title=x_title),
                alt.Tooltip("uv:Q", title=y_title, format=",.0f"),
            ],
        )
    )
    return _theme(chart, 260)


# --------------------------------------------------------------------------- promotions
#: One colour per promotion kind (eight kinds), in the order the page passes the kinds.
KIND_PALETTE = (
    "#D9480F", "#1C7ED6", "#2F9E44", "#AE3EC9", "#F08C00", "#0C8599", "#C2255C", "#5C940D",
)  # fmt: skip
#: Opacity of a promotion's announced pre-heat days beside its event days on the timeline.
PREHEAT_OPACITY = 0.35
BAND_COLOR = "#F08C00"


def _configure(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Fonts and legend placement for a layered or concatenated chart (heights set per part)."""
    return chart.configure_axis(labelFont=FONT, titleFont=FONT).configure_legend(
        labelFont=FONT, titleFont=FONT, orient="top"
    )


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
            x2="end:Q",
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
        .encode(x="end:Q", y=alt.Y("label:N", sort=rows), text="detail:N")
    )
    return _theme(alt.layer(bars, text), 48 + 36 * len(rows))


def event_bands(
    promotions: Sequence[Mapping[str, object]], phases: Mapping[str, str]
) -> pd.DataFrame:
    """(start, end, phase_code, phase, label) of every event window and pre-heat, for rect layers."""
    data = timeline_data(promotions, phases)
    return data[["start", "end", "phase_code", "phase", "label"]]


def _bands_layer(bands: pd.DataFrame, band_title: str) -> alt.Chart:
    return (
        alt.Chart(bands)
        .mark_rect(color=BAND_COLOR)
        .encode(
            x="start:Q",
            x2="end:Q",
            opacity=alt.Opacity(
                "phase_code:N",
                sort=["preheat", "event"],
                scale=alt.Scale(domain=["preheat", "event"], range=[0.05, 0.14]),
                legend=None,
            ),
            tooltip=[alt.Tooltip("label:N", title=band_title), alt.Tooltip("phase:N", title="")],
        )
    )


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
) -> alt.VConcatChart | alt.LayerChart:
    """Daily baseline vs plan (``daily_data``) over shaded event windows (``event_bands``), and
    below it the orders repaid each day to the pull-forward debt (``repay``: day, value)."""
    names = list(dict.fromkeys(data["scenario"]))
    x = alt.X("day:Q", title=x_title, axis=alt.Axis(tickMinStep=1))
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.2)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=axis(y_title, lang, y_format)),
            color=scenario_color(names, scenario_title),
            tooltip=[
                alt.Tooltip("scenario:N", title=scenario_title),
                alt.Tooltip("day:Q", title=x_title),
                alt.Tooltip("value:Q", title=y_title, format=y_format),
            ],
        )
    )
    shade = [_bands_layer(bands, band_title)] if not bands.empty else []
    top = alt.layer(*shade, lines).properties(height=280)
    if repay is None:
        return _configure(top)
    bottom = alt.layer(
        *shade,
        alt.Chart(repay)
        .mark_area(color=PALETTE[1], opacity=0.55, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=axis(repay_title, lang, ",.1f")),
            tooltip=[
                alt.Tooltip("day:Q", title=x_title),
                alt.Tooltip("value:Q", title=repay_title, format=",.1f"),
            ],
        ),
    ).properties(height=110)
    return _configure(alt.vconcat(top, bottom, spacing=8).resolve_scale(x="shared"))


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
            x="threshold:Q",
            tooltip=[alt.Tooltip("threshold:Q", title=threshold_title, format=",.1f")],
        )
    )
    label = (
        alt.Chart(rules)
        .mark_text(align="left", dx=4, dy=-6, fontSize=11, color="#1F2328")
        .transform_calculate(text="'¥' + format(datum.threshold, ',.0f')")
        .encode(x="threshold:Q", y=alt.value(10), text="text:N")
    )
    return _configure(alt.layer(before, after, rule, label).properties(height=280))


def threshold_curve_data(
    thresholds: Sequence[float], curve: Mapping[str, Sequence[float]]
) -> pd.DataFrame:
    """(threshold, aov, discount_per_order, p_elig, pad_share) over candidate thresholds."""
    cols = ("aov", "discount_per_order", "p_elig", "pad_share")
    return pd.DataFrame({"threshold": list(thresholds), **{c: list(curve[c]) for c in cols}})


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
                x="threshold:Q",
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
    base = alt.Chart(data).encode(
        x=alt.X(f"x:{kind}", title=x_title),
        y=alt.Y("value:Q", axis=axis(y_title, lang, y_format)),
        color=color,
        tooltip=[
            alt.Tooltip("series:N", title=series_title),
            alt.Tooltip(f"x:{kind}", title=x_title),
            alt.Tooltip("value:Q", title=y_title, format=y_format),
        ],
    )
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
            .encode(x=f"x:{kind}", tooltip=alt.Tooltip("label:N", title=""))
        )
        layers.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=4, color="#495057", fontSize=11)
            .encode(x=f"x:{kind}", y=alt.value(8), text="label:N")
        )
    return _theme(alt.layer(*layers), 300)


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
        .encode(x=alt.X("day:N", sort=order), y=alt.Y("lo:Q", title=value_title), y2="hi:Q")
    )
    one = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#868E96").encode(y="y:Q")
    return _theme(alt.layer(bars, errors, one), 260)


# --------------------------------------------------------------------------- compare
def change_data(
    totals: Mapping[str, Mapping[str, float]],
    baseline: str,
    keys: Sequence[str],
    labels: Mapping[str, str],
) -> pd.DataFrame:
    """Long frame (measure, scenario, change) of every scenario's change against ``baseline``
    (a fraction: 0.12 = +12%), for the measures in ``keys`` whose baseline value is not 0."""
    rows = [
        {"measure": labels[k], "scenario": name, "change": t[k] / totals[baseline][k] - 1.0}
        for k in keys
        if totals[baseline][k]
        for name, t in totals.items()
        if name != baseline
    ]
    return pd.DataFrame(rows, columns=["measure", "scenario", "change"])


def change_chart(
    data: pd.DataFrame, *, names: list[str], change_title: str, scenario_title: str
) -> alt.TopLevelMixin:
    """Grouped bars: for each measure one bar per scenario, its change against the baseline;
    ``names`` are all the scenarios (the baseline first) so the colours match the other charts."""
    order = list(dict.fromkeys(data["measure"]))
    others = [n for n in names[1:] if n in set(data["scenario"])]
    color = alt.Color(
        "scenario:N",
        title=scenario_title,
        sort=others,
        scale=alt.Scale(domain=others, range=list(PALETTE[1 : len(others) + 1])),
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("measure:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
            yOffset=alt.YOffset("scenario:N", sort=others),
            x=alt.X("change:Q", axis=alt.Axis(title=change_title, format="+.0%")),
            color=color,
            tooltip=[alt.Tooltip("measure:N", title=""),
                     alt.Tooltip("scenario:N", title=scenario_title),
                     alt.Tooltip("change:Q", title=change_title, format="+.2%")],
        )
    )  # fmt: skip
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#868E96").encode(x="x:Q")
    # with an offset channel the step is one bar's: a measure takes len(others) steps
    return _theme(alt.layer(bars, zero), alt.Step(9))
