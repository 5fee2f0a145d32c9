"""The Lessons page in a real browser (issue 21): presenter mode opened by a link hides the
sidebar and cuts no text, value or button at 1024×768 or 1280×720 in either language, through
the predict → reveal → next steps; a step link opened in a fresh browser lands on that step."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.helpers import assert_no_exception
from tests.browser.test_projector_layout import LOCALES, VIEWPORTS, clipped, wait_until_drawn
from ui.i18n import LANGS, t
from ui.lessons import BY_ID


def _fresh(browser: Browser, lang: str, size: tuple[int, int] = VIEWPORTS[0]) -> Page:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  locale=LOCALES[lang])  # fmt: skip
    context.set_default_timeout(60_000)
    return context.new_page()


def _check(page: Page, artifacts_dir: Path, name: str) -> list[str]:
    wait_until_drawn(page)
    assert_no_exception(page)
    found = clipped(page)
    if found:
        page.screenshot(path=str(artifacts_dir / f"lessons_{name}.png"), full_page=True)
    return [f"{name}: {line}" for line in found]


@pytest.mark.parametrize("lang", LANGS)
def test_presenter_mode_on_a_projector(
    browser: Browser, streamlit_server: str, artifacts_dir: Path, lang: str
) -> None:
    lesson = BY_ID["double12"]
    i = LANGS.index(lang)
    page = _fresh(browser, lang)
    page.goto(f"{streamlit_server}/lessons?lesson={lesson.id}&step=1&present=1&lang={lang}")
    wait_until_drawn(page)
    assert page.get_by_text(lesson.steps[1].question[i]).first.is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()  # hidden for the room
    assert not page.get_by_text(t("ls.notes", lang)).count()  # the trainer's notes too
    failures: list[str] = []
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        failures += _check(page, artifacts_dir, f"{lang}_{width}_question")
    page.get_by_text(lesson.steps[1].choices[0].text[i]).first.click()
    page.get_by_role("button", name=t("ls.reveal", lang)).click()
    page.get_by_text(t("ls.takeaway", lang)).first.wait_for()
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        failures += _check(page, artifacts_dir, f"{lang}_{width}_revealed")
    page.get_by_role("button", name=t("ls.next", lang)).click()
    page.get_by_text(lesson.exercise.task[i]).first.wait_for()
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        failures += _check(page, artifacts_dir, f"{lang}_{width}_exercise")
    page.context.close()
    assert not failures, "\n".join(failures)


def test_a_step_link_lands_on_that_step(browser: Browser, streamlit_server: str) -> None:
    lesson = BY_ID["threshold"]
    page = _fresh(browser, "en", (1280, 900))
    page.goto(f"{streamlit_server}/lessons?lesson={lesson.id}&step=1&lang=en")
    wait_until_drawn(page)
    assert_no_exception(page)
    assert page.get_by_text(lesson.steps[1].question[1]).first.is_visible()
    assert page.get_by_text(t("ls.step_of", "en", n=2, total=lesson.length)).first.is_visible()
    assert page.locator('[data-testid="stSidebar"]').is_visible()  # not presenting
    page.context.close()
