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
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="top")
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
    color = alt.Color(
        "scenario:N",
        title=scenario_title,
        sort=names,
        scale=alt.Scale(domain=names, range=list(PALETTE[: len(names)])),
    )
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
            color=alt.Color(
                "scenario:N",
                title=scenario_title,
                sort=names,
                scale=alt.Scale(domain=names, range=list(PALETTE[: len(names)])),
            ),
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
            x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
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
