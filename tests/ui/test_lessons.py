"""Lessons as data (issue 21, ui/lessons.py): every exercise's reference answer passes its own
check and the unchanged baseline fails it; every step's scenario builds and its prediction has
exactly one right choice, found by simulating; ``python -m ui.lessons list`` (CONTRACT.md)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from ui import lessons
from ui.lessons import LESSONS, Choice, Setup, Step, check, outcome, passes, reference_plan, run

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
IDS = [lesson.id for lesson in LESSONS]


def test_at_least_nine_lessons_with_unique_ids() -> None:
    assert len(LESSONS) >= 9
    assert len(set(IDS)) == len(IDS)
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in IDS)


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_reference_answer_passes_and_the_baseline_fails(lesson: lessons.Lesson) -> None:
    ex = lesson.exercise
    base = ex.baseline.build()
    b, p = run(base, reference_plan(ex))
    assert passes(ex, b.totals, p.totals), check(ex, b.totals, p.totals)
    b, same = run(base, base)
    assert not passes(ex, b.totals, same.totals)
    b, start = run(base, ex.start.build())
    assert not passes(ex, b.totals, start.totals)  # the task starts unsolved


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_every_step_has_one_right_choice_from_the_simulation(lesson: lessons.Lesson) -> None:
    for step in lesson.steps:
        out = outcome(step)
        right = [i for i, c in enumerate(step.choices) if c.lo <= out.value < c.hi]
        assert right == [out.correct]
        assert step.baseline.build() != step.plan.build()  # the step changes something


def _texts(obj: object) -> list[tuple[str, str]]:
    """Every (zh, en) pair of a lesson, recursively."""
    out = []
    if isinstance(obj, tuple) and len(obj) == 2 and all(isinstance(x, str) for x in obj):
        return [obj]
    if isinstance(obj, tuple):
        for x in obj:
            out += _texts(x)
    elif hasattr(obj, "__dataclass_fields__") and not isinstance(obj, Setup):
        for f in fields(obj):
            out += _texts(getattr(obj, f.name))
    return out


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_texts_in_both_languages(lesson: lessons.Lesson) -> None:
    texts = _texts(lesson)
    assert len(texts) > 20
    for zh, en in texts:
        assert zh.strip() and en.strip()
        assert CJK.search(zh), zh
        assert not CJK.search(en), en


def test_choices_must_cover_every_value() -> None:
    step = LESSONS[0].steps[0]
    gap = (Choice(("低", "low"), -lessons.INF, 0.0), Choice(("高", "high"), 0.1, lessons.INF))
    with pytest.raises(ValueError, match="contiguous"):
        Step(**{**{f.name: getattr(step, f.name) for f in fields(step)}, "choices": gap})


def test_find_reads_links() -> None:
    lesson = LESSONS[0]
    assert lessons.find(lesson.id, "0") == (lesson, 0)
    assert lessons.find(lesson.id, str(lesson.length - 1)) == (lesson, lesson.length - 1)
    for bad in ("-1", "x", str(lesson.length), "1.5", ""):
        with pytest.raises(IndexError):
            lessons.find(lesson.id, bad)
    with pytest.raises(KeyError):
        lessons.find("no-such-lesson", "0")


def test_list_command() -> None:
    out = subprocess.run([sys.executable, "-m", "ui.lessons", "list"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert out.splitlines() == [f"{lesson.id} {len(lesson.steps) + 1}" for lesson in LESSONS]
    bad = subprocess.run([sys.executable, "-m", "ui.lessons", "nope"], cwd=ROOT,
                         capture_output=True, text=True)  # fmt: skip
    assert bad.returncode != 0 and "usage" in bad.stderr


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_handout_in_both_languages(lesson: lessons.Lesson) -> None:
    from ui.handout import handout_html

    page = handout_html(lesson, images=False)
    for zh, en in (lesson.title, lesson.exercise.task, *(s.question for s in lesson.steps)):
        assert html.escape(zh) in page and html.escape(en) in page
    assert "<script" not in page and "http" not in page  # nothing runs, nothing is fetched


def test_handout_draws_each_steps_chart() -> None:
    from ui.handout import handout_html

    lesson = LESSONS[0]
    assert handout_html(lesson).count("<svg") == 2 * len(lesson.steps)  # both languages
