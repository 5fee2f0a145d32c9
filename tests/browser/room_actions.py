"""Reusable actions on the live room page (pages/room.py) in a real browser, for the room tests
and the many-student load test. Plain functions taking a Playwright ``Page``; elements are found
by their Streamlit keys (``.st-key-<key>``), so they work in either language::

    code, trainer_url = open_room(trainer_page, base_url, "Quiz")
    join(student_page, base_url, code, "Ann")
    predict(student_page, 12.5)
    submit_plan(student_page)
    wait_for_counts(trainer_page, students=1, predictions=1, plans=1)

Each action returns once the app has confirmed it (the room's code shown, the student's own
status line changed), or raises Playwright's ``TimeoutError``.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from tests.browser.helpers import assert_no_exception, wait_for_app_idle

#: Milliseconds an action waits for the app's confirmation (a loaded machine, many sessions).
TIMEOUT_MS = 60_000
_CODE = re.compile(r"\b[2-9A-Z]{8}\b")


def _key(page: Page, key: str):
    return page.locator(f".st-key-{key}")


def click(page: Page, key: str) -> None:
    """Click the button of Streamlit key ``key`` (a button with a tooltip in a horizontal row
    holds a hidden copy of itself, for measuring: the visible one)."""
    page.locator(f".st-key-{key} button:visible").first.click()


def open_room(page: Page, base_url: str, title: str) -> tuple[str, str]:
    """As the trainer: open a room for an open question titled ``title``; returns the room's
    code and the trainer's own link (it carries the trainer token)."""
    page.goto(f"{base_url}/room")
    wait_for_app_idle(page, timeout=TIMEOUT_MS)
    _key(page, "room_kind").locator('[data-testid="stRadioOption"]').nth(
        1
    ).click()  # "an open question"
    field = _key(page, "room_title").locator("input")
    field.wait_for(timeout=TIMEOUT_MS)
    field.fill(title)
    field.press("Enter")
    wait_for_app_idle(page, timeout=TIMEOUT_MS)
    click(page, "room_open")
    box = _key(page, "room_code")
    box.wait_for(timeout=TIMEOUT_MS)
    code = _CODE.search(box.inner_text())
    assert code, box.inner_text()
    trainer_url = _key(page, "room_trainer_link").locator("textarea").input_value()
    assert_no_exception(page)
    return code.group(), trainer_url


def join(page: Page, base_url: str, code: str, name: str) -> None:
    """As a student: open the students' link ``/?room=<code>`` and join under ``name``."""
    page.goto(f"{base_url}/?room={code}")
    field = _key(page, "room_name").locator("input")
    field.wait_for(timeout=TIMEOUT_MS)
    wait_for_app_idle(page, timeout=TIMEOUT_MS)
    field.fill(name)
    field.press("Enter")
    wait_for_app_idle(page, timeout=TIMEOUT_MS)
    click(page, "room_join")
    _key(page, "room_me").wait_for(timeout=TIMEOUT_MS)
    assert_no_exception(page)


def _status(page: Page) -> str:
    return _key(page, "room_me").inner_text()


def _confirmed(page: Page, before: str) -> None:
    """Wait until the student's status line (their submission counts) changes."""
    expect(_key(page, "room_me")).not_to_have_text(before, timeout=TIMEOUT_MS)
    assert_no_exception(page)


def predict(page: Page, value: float) -> None:
    """As a joined student: send ``value`` as the prediction."""
    field = _key(page, "room_pred").locator("input")
    field.fill(str(value))
    field.press("Enter")
    wait_for_app_idle(page, timeout=TIMEOUT_MS)
    before = _status(page)
    click(page, "room_pred_send")
    _confirmed(page, before)


def submit_plan(page: Page) -> None:
    """As a joined student: send the session's current workspace (baseline and plan)."""
    before = _status(page)
    click(page, "room_plan_send")
    _confirmed(page, before)


def counts(page: Page) -> tuple[int, int, int]:
    """On the trainer's screen: (students joined, students who predicted, students who sent a
    plan), read from its live status line (``.st-key-room_count``)."""
    text = _key(page, "room_count").inner_text()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    assert len(numbers) >= 3, text
    return numbers[0], numbers[1], numbers[2]


def wait_for_counts(
    page: Page, students: int, predictions: int, plans: int, timeout_s: float = 60.0
) -> None:
    """On the trainer's screen: wait (no reload: the screen refreshes itself) until the counts
    are these."""
    want = (students, predictions, plans)
    deadline = time.monotonic() + timeout_s
    got = None
    while time.monotonic() < deadline:
        try:
            got = counts(page)
        except AssertionError:
            got = None
        if got == want:
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"the trainer's counts are {got}, not {want} after {timeout_s:.0f} s")
