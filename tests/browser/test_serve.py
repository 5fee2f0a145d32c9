"""``make serve N=2`` in chromium: two app processes behind Debian's nginx on one PostgreSQL
(``scripts/serve.py``, ``scripts/nginx.conf.in``), the stack the classroom uses.

Stickiness is by a route cookie (a Streamlit session is one websocket to one process, and every
loopback client has the same address, so ``ip_hash`` could not tell them apart): the same route
always reaches the same process, and different routes reach both; a session in chromium keeps
its state through many reruns on one websocket, and all its requests went to one process
(nginx's access log names the upstream and route of each request). A trainer on one process and
two students on the other share a room through PostgreSQL (route cookies chosen from the log).
"""

from __future__ import annotations

import os
import re
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from scripts.pgserver import create_database, pg_bindir, postgres
from scripts.serve import NGINX, Stack, serving
from tests.browser.helpers import assert_no_exception, wait_for_app_idle
from tests.browser.room_actions import (
    TIMEOUT_MS,
    join,
    open_room,
    predict,
    submit_plan,
    wait_for_counts,
)
from ui.i18n import t

LANG = "en"
RERUNS = 8
_LINE = re.compile(r"upstream=(\S+) route=(\S+)")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not os.access(NGINX, os.X_OK) or pg_bindir() is None:
        pytest.fail("nginx and postgresql are needed: `make test` installs them (apt-get)",
                    pytrace=False)  # fmt: skip
    data = tmp_path_factory.mktemp("serve")
    with postgres() as admin:
        url = create_database(admin, "serve")
        with serving(2, data_dir=data, database_url=url) as s:
            yield s


def _routes(stack: Stack) -> dict[str, set[str]]:
    """Each route cookie in nginx's access log and the processes its requests went to."""
    seen: dict[str, set[str]] = defaultdict(set)
    for line in (stack.run_dir / "nginx-access.log").read_text().splitlines():
        if m := _LINE.search(line):
            seen[m.group(2)].add(m.group(1))
    return seen


def _get(url: str, route: str | None = None) -> str:
    """GET ``url`` with the route cookie; returns the route nginx set."""
    req = urllib.request.Request(url, headers={"Cookie": f"swroute={route}"} if route else {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        cookie = next((c for c in resp.headers.get_all("Set-Cookie", []) if "swroute=" in c), "")
    m = re.match(r"swroute=([^;]+);", cookie)
    assert m and "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
    return m.group(1)


def test_a_route_cookie_pins_every_request_to_one_process(stack: Stack) -> None:
    health = f"{stack.url}/_stcore/health"
    routes = [_get(health) for _ in range(16)]  # no cookie: a new random route each
    assert len(set(routes)) == 16
    for route in routes:
        for _ in range(3):  # asked again with it, in a row
            assert _get(health, route) == route
    seen = _routes(stack)
    assert all(len(seen[r]) == 1 for r in routes), {r: seen[r] for r in routes}
    backends = {b.removeprefix("http://") for b in stack.backends}
    used = set().union(*(seen[r] for r in routes))
    # 16 random routes on 2 processes all on one: a chance of 2 in 65,536.
    assert used == backends


def test_a_session_keeps_its_state_through_many_reruns_behind_nginx(
    stack: Stack, browser: Browser
) -> None:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=LANG)
    ctx.set_default_timeout(60_000)
    try:
        page = ctx.new_page()
        page.goto(f"{stack.url}/?lang={LANG}")
        wait_for_app_idle(page, timeout=60_000)
        route = next(c["value"] for c in ctx.cookies() if c["name"] == "swroute")
        thumb = page.locator(
            f'[data-testid="stSidebar"] [data-testid="stSlider"]:has-text("{t("side.horizon", LANG)}")'
            ' input[type="range"]'
        ).first
        start = int(thumb.input_value())
        for i in range(1, RERUNS + 1):
            thumb.press("ArrowRight")  # a new horizon: the script reruns on the session
            wait_for_app_idle(page, timeout=60_000)
            assert_no_exception(page)
            assert int(thumb.input_value()) > start, f"rerun {i}: the slider went back"
            start = int(thumb.input_value())
        assert (
            page.locator('[data-testid="stApp"]').get_attribute("data-test-connection-state")
            == "CONNECTED"
        )
    finally:
        ctx.close()  # closes the websocket: nginx logs it
    # nginx logs the websocket when it closes: one, for all the reruns (no reconnect).
    stream = re.compile(rf'"GET /_stcore/stream HTTP/1.1" 101 upstream=\S+ route={route}')
    deadline = time.monotonic() + 30
    while not stream.search(log := (stack.run_dir / "nginx-access.log").read_text()):
        assert time.monotonic() < deadline, "nginx never logged the session's websocket"
        time.sleep(0.2)
    assert len(stream.findall(log)) == 1
    assert len(_routes(stack)[route]) == 1, _routes(stack)[route]  # one process for it all


def _route_on_each_process(stack: Stack) -> dict[str, str]:
    """A route cookie value for each process (``host:port``), read from nginx's log."""
    health, found = f"{stack.url}/_stcore/health", {}
    for _ in range(40):  # all 40 random routes on one of 2 processes: a chance of 2 in 2^40
        route = _get(health)
        deadline = time.monotonic() + 5
        while not (ups := _routes(stack).get(route)) and time.monotonic() < deadline:
            time.sleep(0.05)  # nginx logs a request as it ends
        found.setdefault(next(iter(ups)), route)
        if len(found) == len(stack.backends):
            return found
    raise AssertionError(f"routes reached only {found}")


def test_a_trainer_and_students_on_different_processes_share_a_room(
    stack: Stack, browser: Browser
) -> None:
    (trainer_route, student_route) = _route_on_each_process(stack).values()
    contexts = []

    def page_on(route: str):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LANG)
        ctx.set_default_timeout(TIMEOUT_MS)
        ctx.add_cookies([{"name": "swroute", "value": route, "url": stack.url}])
        contexts.append(ctx)
        return ctx.new_page()

    try:
        trainer = page_on(trainer_route)
        code, _ = open_room(trainer, stack.url, "Two processes")
        for i, name in enumerate(("Ann", "Bo")):
            student = page_on(student_route)
            join(student, stack.url, code, name)
            predict(student, 10.0 + i)
            submit_plan(student)
        wait_for_counts(trainer, students=2, predictions=2, plans=2)
        assert_no_exception(trainer)
    finally:
        for ctx in contexts:
            ctx.close()
    seen = _routes(stack)
    assert seen[trainer_route] != seen[student_route]  # the room crossed processes
