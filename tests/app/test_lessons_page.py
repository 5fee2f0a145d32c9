"""AppTest of the Lessons page (issue 21): every step of every lesson, predict then reveal, with
no exception and the step's scenario loaded as the baseline and the plan; the exercise's check
on the student's plan and its reference answer; step links, good and bad; presenter mode."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_language_scan import offences, visible_strings
from tests.app.test_pages import (  # noqa: F401
    APP,
    _repo_cwd,
    assert_clean,
    goto,
    open_panel,
    share_link,
)
from ui import classroom
from ui.i18n import LANGS, t
from ui.lessons import BY_ID, LESSONS
from ui.workspace import SHARE_PANEL


def _loaded(at: AppTest, lesson_id: str, index: int) -> None:
    """The workspace holds the position's scenario (the plan and the baseline)."""
    base, plan = classroom.scenarios_of(BY_ID[lesson_id], index)
    ss = at.session_state
    assert ss["baseline"].scenario == base
    assert ss["plan"].scenario == plan


def _open(lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_walk_every_step_of_every_lesson(lang: str) -> None:
    at = _open(lang)
    goto(at, "lessons")
    at.button(key="ls_reload").click().run()  # the first visit leaves the workspace alone
    bad: list[str] = []
    for lesson in LESSONS:
        at.selectbox(key="ls_lesson").select(lesson.id).run()
        assert_clean(at)
        for index in range(lesson.length):
            assert at.session_state[classroom.POS] == (lesson.id, index)
            _loaded(at, lesson.id, index)
            if index < len(lesson.steps):
                assert at.button(key="ls_reveal").disabled  # predict first
                at.radio(key=f"ls_pick_{lesson.id}_{index}").set_value("c0").run()
                at.button(key="ls_reveal").click().run()
                assert_clean(at)
                assert any(t("ls.takeaway", lang) in m.value for m in at.markdown)
                assert len(at.get("vega_lite_chart")) >= 1
            else:
                assert any(lesson.exercise.task[LANGS.index(lang)] in s.value for s in at.subheader)
            # every string of the step, revealed, speaks only the user's language
            bad += [f"{lesson.id}/{index}: {text[:80]!r} {why}" for _, text, alone in
                    visible_strings(at) if (why := offences(text, lang, alone=alone))]  # fmt: skip
            if index < lesson.length - 1:
                at.button(key="ls_next").click().run()
                assert_clean(at)
    assert not bad, "\n".join(sorted(set(bad)))


def test_exercise_checks_the_plan_and_applies_the_answer() -> None:
    lesson = BY_ID["reminders"]
    at = _open("en", lesson=lesson.id, step=str(lesson.length - 1))
    assert at.session_state[classroom.POS] == (lesson.id, lesson.length - 1)
    assert any(t("ls.not_passed", "en") in i.value for i in at.info)
    at.button(key="ls_apply_answer").click().run()
    assert_clean(at)
    assert any(t("ls.passed", "en") in s.value for s in at.success)
    assert at.session_state["plan"].scenario.payment.reminders == 2


def test_a_step_link_opens_that_step_with_its_scenario() -> None:
    at = _open("en", lesson="double12", step="1")
    assert at.session_state[classroom.POS] == ("double12", 1)
    _loaded(at, "double12", 1)
    assert any(BY_ID["double12"].steps[1].question[1] in s.value for s in at.subheader)


@pytest.mark.parametrize(
    ("params", "key"),
    [({"lesson": "nope", "step": "0"}, "ls.bad_lesson"),
     ({"lesson": "dsr", "step": "99"}, "ls.bad_step"),
     ({"lesson": "dsr", "step": "-1"}, "ls.bad_step")],
)  # fmt: skip
def test_a_bad_link_says_so_and_the_page_works(params: dict[str, str], key: str) -> None:
    at = _open("en", **params)
    assert_clean(at)
    shown = " ".join(str(x.value) for x in [*at.warning, *at.info, *at.toast, *at.markdown])
    head = t(key, "en", lesson="x", step="x", last=0).split("“")[0]
    assert head in shown
    assert at.button(key="ls_next") is not None


def test_presenter_mode_hides_notes() -> None:
    at = _open("en", lesson="inquiry", step="0", present="1")
    assert at.toggle(key=classroom.PRESENT).value
    labels = [e.label for e in at.expander]
    assert t("ls.notes", "en") not in labels
    at.toggle(key=classroom.PRESENT).set_value(False).run()
    assert t("ls.notes", "en") in [e.label for e in at.expander]


def test_the_share_panel_gives_the_step_link() -> None:
    at = _open("en", lesson="threshold", step="1")
    goto(at, "lessons")
    link = share_link(open_panel(at, SHARE_PANEL))
    query = parse_qs(urlparse(link).query)
    assert query["lesson"] == ["threshold"] and query["step"] == ["1"] and query["lang"] == ["en"]
    assert "ws" not in query  # the step's link carries the lesson, not the workspace
    again = _open("en", **{k: v[0] for k, v in query.items() if k != "lang"})  # a fresh session
    assert again.session_state[classroom.POS] == ("threshold", 1)
    _loaded(again, "threshold", 1)
