"""The live room in a real browser (issue 22): one trainer and three students, each in a browser
context of their own (no shared cookies or session). The trainer opens a room; the students join
by the link, predict and send their plans; the trainer's screen counts them by itself (its live
refresh, no reload), draws the predictions and the leaderboard; after Reveal the students see
everyone's results. The student actions are tests/browser/room_actions.py's."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import assert_no_exception
from tests.browser.room_actions import (
    TIMEOUT_MS,
    click,
    counts,
    join,
    open_room,
    predict,
    submit_plan,
    wait_for_counts,
)
from ui.i18n import t

STUDENTS = (("Ann", "en-US", 5.0), ("波", "zh-CN", 12.5), ("Cy", "en-US", 20.0))


def _context_page(browser: Browser, locale: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def test_a_trainer_and_three_students(browser: Browser, streamlit_server: str) -> None:
    trainer = _context_page(browser, "en-US")
    students: list[Page] = []
    try:
        code, trainer_url = open_room(trainer, streamlit_server, "Browser quiz")
        assert f"?room={code}&t=" in trainer_url
        assert counts(trainer) == (0, 0, 0)
        qr = trainer.locator('[data-testid="stImage"] img').first
        assert "svg" in (qr.get_attribute("src") or "")  # the QR code drawn as SVG
        for name, locale, _value in STUDENTS:
            page = _context_page(browser, locale)
            students.append(page)
            join(page, streamlit_server, code, name)
        wait_for_counts(trainer, 3, 0, 0)
        for page, (_, _, value) in zip(students, STUDENTS, strict=True):
            predict(page, value)
            submit_plan(page)
        wait_for_counts(trainer, 3, 3, 3)  # the screen refreshed by itself
        assert_no_exception(trainer)
        board = trainer.locator('[data-testid="stDataFrame"]')
        expect(board).to_be_visible(timeout=TIMEOUT_MS)
        # before the reveal, a student sees only their own
        assert not students[0].locator('[data-testid="stDataFrame"]').count()
        click(trainer, "room_reveal")
        expect(trainer.get_by_text(t("room.state_revealed", "en"))).to_be_visible()
        for page, (_, locale, _) in zip(students, STUDENTS, strict=True):
            lang = "zh" if locale.startswith("zh") else "en"
            expect(page.get_by_text(t("room.board_title", lang))).to_be_visible(timeout=TIMEOUT_MS)
            expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=TIMEOUT_MS)
            assert_no_exception(page)
        # a reload keeps a student in the room (their own link carries their id)
        students[1].reload()
        students[1].locator(".st-key-room_me").wait_for(timeout=TIMEOUT_MS)
        assert "波" in students[1].locator(".st-key-room_me").inner_text()
    finally:
        for page in (trainer, *students):
            page.context.close()
