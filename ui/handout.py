"""A lesson's printable handout (issue 21): one HTML page in both languages, each step's
question, choices, the simulated answer, its chart (inline SVG drawn by vl-convert on the
server: nothing fetched), takeaway, formula and source, then the exercise with its targets and
reference answer. Pure: no streamlit; the numbers come from simulating each step's scenario."""

from __future__ import annotations

import html

import altair as alt

from simulator.measures import MONEY_MEASURES
from ui import charts
from ui.exports import chart_image
from ui.fmt import (
    fmt_delta_pct,
    fmt_kind,
    fmt_money,
    fmt_pct,
    fmt_score,
    fmt_signed_money,
    fmt_signed_number,
    fmt_signed_score,
)
from ui.i18n import LANGS, t
from ui.lessons import CHART_FORMATS, MEASURE_KINDS, Condition, Lesson, Step, outcome

#: Print on one sheet: small type, two columns of steps.
CSS = (
    "body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;"
    "font-size:10pt;margin:1.2cm;color:#222}h1{font-size:15pt;margin:0 0 .2em}"
    "h2{font-size:12pt;margin:.8em 0 .3em;border-bottom:1px solid #ccc}"
    "h3{font-size:10.5pt;margin:.6em 0 .2em}.step{break-inside:avoid}"
    ".cols{column-count:2;column-gap:1cm}svg{max-width:100%;height:auto}"
    ".formula{background:#f4f4f4;padding:.2em .4em}@media print{body{margin:.8cm}}"
)


def measure_name(measure: str, lang: str) -> str:
    return t(f"ls.measure.{measure}", lang)


def change_text(measure: str, base: float, plan: float, lang: str) -> str:
    """A change in the measure's own terms: points of a rate or score, yuan, else per cent."""
    kind = MEASURE_KINDS[measure]
    if kind == "pct":
        return f"{fmt_signed_number((plan - base) * 100, lang, digits=2)} pp"
    if kind == "stars":
        return fmt_signed_score(plan - base, lang)
    if kind == "money":
        return fmt_signed_money(plan - base, lang)
    return fmt_delta_pct(plan, base, lang) or fmt_signed_number(plan - base, lang)


def condition_text(c: Condition, lang: str) -> str:
    """A target in words: "Contribution profit changes by at least ¥15,000"."""
    kind = MEASURE_KINDS[c.measure]
    if c.basis == "relative":
        value = fmt_pct(c.value, lang, digits=1)
    elif c.basis == "level":
        value = fmt_kind(c.value, kind, lang)
    elif kind == "pct":
        value = f"{fmt_signed_number(c.value * 100, lang, digits=1)} pp"
    elif kind == "stars":
        value = fmt_score(c.value, lang)
    elif kind == "money":
        value = fmt_signed_money(c.value, lang) if c.value else fmt_money(0, lang)
    else:
        value = fmt_signed_number(c.value, lang)
    which = "min" if c.at_least else "max"
    return t(f"ls.cond.{c.basis}.{which}", lang, measure=measure_name(c.measure, lang), value=value)


def step_chart(step: Step, base_daily, plan_daily, lang: str) -> alt.Chart:  # noqa: ANN001
    """The step's one chart: its daily column for the baseline and the step's plan."""
    names = {t("side.baseline_name", lang): base_daily, t("side.plan_name", lang): plan_daily}
    return charts.daily_chart(
        charts.daily_data(names, step.chart),
        x_title=t("m.day", lang),
        y_title=measure_name(step.chart, lang),
        y_format=CHART_FORMATS[step.chart],
        lang=lang,
        scenario_title=t("m.scenario", lang),
        money=step.chart in MONEY_MEASURES,
    )


def handout_html(lesson: Lesson, *, images: bool = True) -> str:
    """The handout of ``lesson``: Chinese first, then English. ``images``: draw the charts."""
    e = html.escape
    parts = []
    outcomes = [outcome(step) for step in lesson.steps]
    for lang in LANGS:
        i = LANGS.index(lang)
        parts.append(f"<section lang='{lang}'><h1>{e(t('ls.handout_title', lang))} · "
                     f"{e(lesson.title[i])}</h1><p>{e(lesson.summary[i])}</p><div class='cols'>")  # fmt: skip
        for n, (step, out) in enumerate(zip(lesson.steps, outcomes, strict=True), start=1):
            b, p = float(out.base.totals[step.measure]), float(out.plan.totals[step.measure])
            kind = MEASURE_KINDS[step.measure]
            choices = " / ".join(e(c.text[i]) for c in step.choices)
            result = t("ls.result", lang, measure=measure_name(step.measure, lang),
                       base=fmt_kind(b, kind, lang), plan=fmt_kind(p, kind, lang),
                       change=change_text(step.measure, b, p, lang))  # fmt: skip
            svg = (
                chart_image(step_chart(step, out.base.daily, out.plan.daily, lang), "svg").decode()
                if images
                else ""
            )
            parts.append(
                f"<div class='step'><h3>{e(t('ls.step_of', lang, n=n, total=lesson.length))}</h3>"
                f"<p><b>{e(step.question[i])}</b></p><p>{e(step.prompt[i])}: {choices}</p>"
                f"<p>{e(t('ls.right', lang, answer=step.choices[out.correct].text[i]))}</p>"
                f"<p>{e(result)}</p>{svg}"
                f"<p><b>{e(t('ls.takeaway', lang))}</b> · {e(step.takeaway[i])}</p>"
                f"<p class='formula'><b>{e(t('ls.formula', lang))}</b> · {e(step.formula[i])}</p>"
                f"<p><small>{e(t('ls.source', lang, source=step.source[i]))}</small></p></div>"
            )
        ex = lesson.exercise
        goals = "".join(f"<li>{e(condition_text(c, lang))}</li>" for c in ex.conditions)
        hints = "".join(f"<li>{e(h[i])}</li>" for h in ex.hints)
        parts.append(
            f"<div class='step'><h3>{e(t('ls.handout_exercise', lang))}</h3>"
            f"<p><b>{e(ex.task[i])}</b></p><p>{e(t('ls.goals', lang))}</p><ul>{goals}</ul>"
            f"<ul>{hints}</ul><p><b>{e(t('ls.answer', lang))}</b> · {e(ex.answer_text[i])}</p>"
            "</div></div></section>"
        )
    title = e(f"{lesson.title[0]} · {lesson.title[1]}")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{CSS}</style></head><body>{''.join(parts)}</body></html>")  # fmt: skip
