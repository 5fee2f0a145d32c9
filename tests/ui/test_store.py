"""ui/store.py on SQLite and on a real PostgreSQL server (issue 22, CONTRACT.md "Links, lessons
and storage"): every method, each security rule with a test that fails without it, expiry
deleting data, and a restart.

The PostgreSQL server is Debian's package (``make test`` installs ``postgresql``), started by
``scripts.pgserver``: a temporary cluster (initdb) on a free loopback port, run as the ``postgres``
user when the tests run as root (initdb refuses root), one fresh database per test. Skipped, with the reason, only when the
binaries are missing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
import sqlalchemy as sa

from scripts.pgserver import create_database, pg_bindir, postgres
from simulator import Scenario
from ui import store as store_mod
from ui.share import Entry, ShareError, Workspace, workspace_from_json, workspace_to_json
from ui.store import (
    MAX_STUDENTS,
    MAX_SUBMISSIONS_PER_MINUTE,
    MAX_SUBMISSIONS_PER_STUDENT,
    PLAN_LIFETIME_S,
    ROOM_LIFETIME_S,
    SCHEMA_VERSION,
    Store,
    StoreRefused,
    UnknownCode,
    WrongToken,
    open_store,
)


# ---------------------------------------------------------------------------- servers
@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server of its own for this module (``scripts.pgserver``); its admin URL."""
    if pg_bindir() is None:
        pytest.skip(
            "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (apt: postgresql)"
        )
    with postgres() as admin_url:
        yield admin_url


_n = count()


def _fresh_pg_db(admin_url: str) -> str:
    return create_database(admin_url, f"t{os.getpid()}_{next(_n)}")


class Clock:
    """A clock the tests move (expiry and the rate limit without waiting)."""

    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    """A fresh, empty database of each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return _fresh_pg_db(request.getfixturevalue("pg_server"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(url, clock) -> Iterator[Store]:
    s = open_store(url, clock=clock)
    yield s
    s.close()


def ws_json(*names: str, base_price: float | None = None) -> str:
    sc = Scenario() if base_price is None else Scenario(base_price=base_price)
    entries = tuple(
        Entry(name=n, baseline=i == 0, scenario=sc) for i, n in enumerate(names or ("a",))
    )
    return workspace_to_json(Workspace(scenarios=entries))


def prediction(value: float = 12.5, question: str = "l1.s0") -> str:
    return json.dumps({"format": "shop-whatif/prediction", "question": question, "value": value})


# ---------------------------------------------------------------------------- plans
def test_publish_and_load_round_trip_the_workspace_exactly(store: Store) -> None:
    text = ws_json("基线", "plan B")
    code = store.publish("  Q3 plan\n(draft) ", text)
    assert len(code) >= 8 and code.replace("-", "").replace("_", "").isalnum()
    assert workspace_from_json(store.load(code)) == workspace_from_json(text)
    assert store.plan_name(code) == "Q3 plan (draft)"  # cleaned like a scenario's name
    assert store.publish("again", text) != code  # every publish has its own code


def test_codes_are_unguessable(store: Store) -> None:
    codes = {store.publish("p", ws_json()) for _ in range(20)}
    assert len(codes) == 20 and all(len(c) >= 12 for c in codes)
    rooms = {store.create_room("r").code for _ in range(20)}
    assert len(rooms) == 20 and all(len(c) == 8 for c in rooms)


def test_unknown_plan_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.load("nope-nope-nope")
    with pytest.raises(UnknownCode) as exc:
        store.plan_name("x")
    assert exc.value.code == "unknown_plan"


@pytest.mark.parametrize("name", ["", "   ", "\u202e\u202e", "x" * 41, None])
def test_plan_names_are_validated(store: Store, name) -> None:
    with pytest.raises(StoreRefused) as exc:
        store.publish(name, ws_json())
    assert exc.value.code == "bad_name"


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        '{"format": "shop-whatif/workspace", "version": 1, "scenarios": []}',
        '{"format": "shop-whatif/workspace", "version": 9, "scenarios": []}',
        json.dumps(
            {
                "format": "shop-whatif/workspace",
                "version": 1,
                "scenarios": [{"name": "a", "baseline": False, "scenario": {}}],
            }
        ),  # fmt: skip
        "[" * 100_000,
        " " * (600 * 1024),
    ],
)
def test_plans_are_validated_like_imports(store: Store, bad: str) -> None:
    with pytest.raises(ShareError):
        store.publish("p", bad)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(store_mod.plans)).scalar() == 0


def test_a_published_plan_expires_and_its_data_is_deleted(store: Store, clock: Clock) -> None:
    code = store.publish("p", ws_json())
    clock.t += PLAN_LIFETIME_S - 1
    assert store.load(code)
    clock.t += 2
    with pytest.raises(KeyError):
        store.load(code)
    assert store.purge_expired() == 1
    with store.engine.connect() as conn:  # deleted, not hidden
        assert conn.execute(sa.select(store_mod.plans.c.code)).first() is None


# ---------------------------------------------------------------------------- rooms
def test_a_class_joins_submits_and_the_trainer_sees_everything(store: Store) -> None:
    room = store.create_room(" Lesson 1: the coupon ")
    assert room.title == "Lesson 1: the coupon" and len(room.trainer_token) >= 32
    ann = store.join(room.code.lower(), "Ann")  # a typed code: case forgiven
    bo = store.join(f" {room.code} ", "波")
    assert ann != bo
    assert store.submit(room.code, ann, prediction(3.0)) == "prediction"
    assert store.submit(room.code, bo, ws_json("a", "b")) == "plan"
    got = store.room_results(room.code, room.trainer_token)
    assert [(s.student, s.kind) for s in got] == [("Ann", "prediction"), ("波", "plan")]
    assert got[0].data["value"] == 3.0
    assert workspace_from_json(got[1].payload) == workspace_from_json(ws_json("a", "b"))
    info = store.room_info(room.code)
    assert (info.title, info.students, info.revealed, info.closed) == (room.title, 2, False, False)
    assert [s.kind for s in store.my_submissions(room.code, ann)] == ["prediction"]
    assert (store.student_name(room.code, ann), store.student_name(room.code, bo)) == ("Ann", "波")


def test_a_room_keeps_its_question_and_topic(store: Store) -> None:
    room = store.create_room("Open", question=" How many\norders on day 3? ", topic="l1/0")
    info = store.room_info(room.code)
    assert (info.question, info.topic) == ("How many orders on day 3?", "l1/0")  # cleaned
    plain_room = store.room_info(store.create_room("no question").code)
    assert (plain_room.question, plain_room.topic) == ("", "")
    for kw in (
        {"question": "x" * (store_mod.MAX_QUESTION_TEXT_CHARS + 1)},
        {"topic": "t" * (store_mod.MAX_QUESTION_CHARS + 1)},
        {"question": None},
    ):
        with pytest.raises(StoreRefused) as exc:
            store.create_room("r", **kw)
        assert exc.value.code == "bad_question"


def test_a_version_1_database_migrates_keeping_its_rooms(url: str) -> None:
    s = open_store(url)
    with s.engine.begin() as conn:  # back to version 1 (its tables only), with a room in it
        store_mod.metadata.drop_all(conn, tables=[store_mod.room_topics])
        conn.execute(store_mod.schema_version.update().values(version=1))
        conn.execute(store_mod.rooms.insert().values(
            code="ABCDEFGH", title="old", token_hash=store_mod._digest("tok"), created_at=0.0,
            expires_at=s.clock() + 100, revealed=False, closed=False))  # fmt: skip
    s.close()
    s = open_store(url)  # migration 2 runs on version 1's tables
    assert s.version == SCHEMA_VERSION == 2
    room = s.room_info("ABCDEFGH")
    assert (room.title, room.question, room.topic) == ("old", "", "")
    assert s.room_info(s.create_room("new", question="q?").code).question == "q?"
    s.close()


def test_trainer_controls_need_the_trainer_token(store: Store) -> None:
    room = store.create_room("r")
    other = store.create_room("other")
    sid = store.join(room.code, "Ann")
    store.submit(room.code, sid, prediction())
    for token in ("", "x" * 32, other.trainer_token, sid, None):
        for call in (store.room_results, store.reveal, store.reset, store.close_room, store.reopen):
            with pytest.raises(PermissionError) as exc:
                call(room.code, token)
            assert exc.value.code == "wrong_token"
    info = store.room_info(room.code)  # nothing changed
    assert not info.revealed and not info.closed
    assert len(store.room_results(room.code, room.trainer_token)) == 1


def test_students_cannot_read_results_before_the_reveal(store: Store) -> None:
    room = store.create_room("r")
    ann, bo = store.join(room.code, "Ann"), store.join(room.code, "Bo")
    store.submit(room.code, ann, prediction(1.0))
    with pytest.raises(WrongToken) as exc:
        store.revealed_results(room.code, bo)
    assert exc.value.code == "not_revealed"
    assert store.my_submissions(room.code, bo) == []  # only their own
    store.reveal(room.code, room.trainer_token)
    assert [s.student for s in store.revealed_results(room.code, bo)] == ["Ann"]
    assert store.room_info(room.code).revealed


def test_only_members_submit_or_read(store: Store) -> None:
    room, other = store.create_room("r"), store.create_room("other")
    outsider = store.join(other.code, "Eve")
    store.reveal(room.code, room.trainer_token)
    for sid in (outsider, "made-up", room.trainer_token, None):
        with pytest.raises(PermissionError):
            store.submit(room.code, sid, prediction())
        with pytest.raises(PermissionError):
            store.student_name(room.code, sid)
        with pytest.raises(PermissionError):
            store.revealed_results(room.code, sid)
    assert store.room_results(room.code, room.trainer_token) == []


def test_a_room_takes_at_most_max_students(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(store_mod, "MAX_STUDENTS", 3)
    room = store.create_room("r")
    for name in ("a", "b", "c"):
        store.join(room.code, name)
    with pytest.raises(StoreRefused) as exc:
        store.join(room.code, "d")
    assert exc.value.code == "room_full" and exc.value.params == {"limit": 3}
    assert store.room_info(room.code).students == 3
    assert MAX_STUDENTS >= 100  # the class of 30–100 fits the real limit


def test_display_names_are_validated_and_unique_in_a_room(store: Store) -> None:
    room = store.create_room("r")
    for bad in ("", " \t ", "\u2066\u2069", "n" * 41, 7):
        with pytest.raises(StoreRefused) as exc:
            store.join(room.code, bad)
        assert exc.value.code == "bad_name"
    store.join(room.code, "Ann")
    with pytest.raises(StoreRefused) as exc:
        store.join(room.code, " Ann\n")
    assert exc.value.code == "name_taken"
    assert store.join(store.create_room("r2").code, "Ann")  # another room: fine
    with pytest.raises(StoreRefused) as exc:
        store.create_room("t" * 81)
    assert exc.value.code == "bad_title"


def test_submissions_are_rate_limited_per_student(store: Store, clock: Clock) -> None:
    room = store.create_room("r")
    ann, bo = store.join(room.code, "Ann"), store.join(room.code, "Bo")
    for _ in range(MAX_SUBMISSIONS_PER_MINUTE):
        store.submit(room.code, ann, prediction())
        clock.t += 1
    with pytest.raises(StoreRefused) as exc:
        store.submit(room.code, ann, prediction())
    assert exc.value.code == "too_fast"
    store.submit(room.code, bo, prediction())  # per student: Bo is not slowed by Ann
    clock.t += 60
    store.submit(room.code, ann, prediction())  # a minute on, Ann may again
    assert len(store.room_results(room.code, room.trainer_token)) == MAX_SUBMISSIONS_PER_MINUTE + 2


def test_a_student_submits_at_most_the_total_limit(store: Store, clock: Clock, monkeypatch) -> None:
    monkeypatch.setattr(store_mod, "MAX_SUBMISSIONS_PER_STUDENT", 4)
    room = store.create_room("r")
    ann = store.join(room.code, "Ann")
    for _ in range(4):
        store.submit(room.code, ann, prediction())
        clock.t += 61
    with pytest.raises(StoreRefused) as exc:
        store.submit(room.code, ann, prediction())
    assert exc.value.code == "too_many"
    assert MAX_SUBMISSIONS_PER_STUDENT > MAX_SUBMISSIONS_PER_MINUTE


@pytest.mark.parametrize(
    "payload",
    [
        json.dumps({"format": "shop-whatif/prediction", "question": "q", "value": "NaN"}),
        json.dumps({"format": "shop-whatif/prediction", "question": "q", "value": 1, "x": 1}),
        json.dumps({"format": "shop-whatif/prediction", "question": "", "value": 1}),
        '{"format": "shop-whatif/prediction", "question": "q", "value": Infinity}',
    ],
)
def test_bad_predictions_are_refused(store: Store, payload: str) -> None:
    room = store.create_room("r")
    sid = store.join(room.code, "Ann")
    with pytest.raises(StoreRefused) as exc:
        store.submit(room.code, sid, payload)
    assert exc.value.code == "bad_prediction"
    assert store.my_submissions(room.code, sid) == []


def test_plans_submitted_are_validated_like_imports(store: Store) -> None:
    room = store.create_room("r")
    sid = store.join(room.code, "Ann")
    bad = json.loads(ws_json("a", "b"))
    bad["scenarios"][1]["baseline"] = True  # two baselines
    with pytest.raises(ShareError):
        store.submit(room.code, sid, json.dumps(bad))
    with pytest.raises(ShareError):
        store.submit(room.code, sid, "<script>alert(1)</script>")
    with pytest.raises(StoreRefused) as exc:
        store.submit(room.code, sid, " " * (600 * 1024))
    assert exc.value.code == "too_big"
    assert store.my_submissions(room.code, sid) == []


def test_reset_deletes_submissions_and_hides_results(store: Store) -> None:
    room = store.create_room("r")
    ann = store.join(room.code, "Ann")
    store.submit(room.code, ann, prediction())
    store.reveal(room.code, room.trainer_token)
    store.reset(room.code, room.trainer_token)
    assert store.room_results(room.code, room.trainer_token) == []
    with pytest.raises(PermissionError):
        store.revealed_results(room.code, ann)
    store.submit(room.code, ann, prediction())  # students stay joined
    assert store.room_info(room.code).students == 1


def test_a_closed_room_takes_no_joins_or_submissions(store: Store) -> None:
    room = store.create_room("r")
    ann = store.join(room.code, "Ann")
    store.close_room(room.code, room.trainer_token)
    for call in (
        lambda: store.join(room.code, "Bo"),
        lambda: store.submit(room.code, ann, prediction()),
    ):
        with pytest.raises(StoreRefused) as exc:
            call()
        assert exc.value.code == "room_closed"
    assert store.room_info(room.code).closed
    store.reopen(room.code, room.trainer_token)
    store.submit(room.code, ann, prediction())


def test_an_expired_room_is_gone_with_its_data(store: Store, clock: Clock) -> None:
    room = store.create_room("r", question="q?", topic="l1/0")
    keep = store.create_room("later")
    ann = store.join(room.code, "Ann")
    store.submit(room.code, ann, ws_json())
    clock.t += ROOM_LIFETIME_S / 2
    store.join(keep.code, "Bo")
    clock.t += ROOM_LIFETIME_S / 2
    for call in (
        lambda: store.room_info(room.code),
        lambda: store.join(room.code, "Cy"),
        lambda: store.submit(room.code, ann, prediction()),
        lambda: store.room_results(room.code, room.trainer_token),
    ):
        with pytest.raises(KeyError):
            call()
    assert store.purge_expired() == 2  # both rooms opened a lifetime ago
    with store.engine.connect() as conn:
        for table in (store_mod.rooms, store_mod.students, store_mod.submissions,
                      store_mod.room_topics):  # fmt: skip
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0


def test_expired_data_is_deleted_when_a_store_opens(url: str, clock: Clock) -> None:
    s = open_store(url, clock=clock)
    room = s.create_room("r")
    s.join(room.code, "Ann")
    s.publish("p", ws_json())
    s.close()
    clock.t += PLAN_LIFETIME_S + 1
    s = open_store(url, clock=clock)
    with s.engine.connect() as conn:
        for table in (store_mod.plans, store_mod.rooms, store_mod.students):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    s.close()


# ---------------------------------------------------------------------------- schema, restart
def test_data_survives_closing_and_reopening_the_store(url: str, clock: Clock) -> None:
    s = open_store(url, clock=clock)
    code = s.publish("p", ws_json("a", "b"))
    room = s.create_room("r")
    ann = s.join(room.code, "Ann")
    s.submit(room.code, ann, prediction(7.0))
    s.reveal(room.code, room.trainer_token)
    s.close()
    s2 = open_store(url, clock=clock)  # a restarted app
    assert s2.version == SCHEMA_VERSION
    assert workspace_from_json(s2.load(code)) == workspace_from_json(ws_json("a", "b"))
    assert s2.room_info(room.code).revealed  # the room reopens as it was
    s2.submit(room.code, ann, prediction(8.0))  # the student's id still holds
    assert [s.data["value"] for s in s2.room_results(room.code, room.trainer_token)] == [7.0, 8.0]
    s2.close()


def test_the_schema_is_versioned_and_a_newer_one_is_refused(url: str) -> None:
    s = open_store(url)
    with s.engine.connect() as conn:
        assert store_mod.current_version(conn) == SCHEMA_VERSION
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(store_mod.schema_version)).scalar()
            == 1
        )
    assert store_mod.migrate(s.engine) == SCHEMA_VERSION  # idempotent
    with s.engine.begin() as conn:
        conn.execute(store_mod.schema_version.update().values(version=SCHEMA_VERSION + 1))
    s.close()
    with pytest.raises(RuntimeError, match="schema is version"):
        open_store(url)


def test_the_default_is_sqlite_under_the_data_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SHOP_WHATIF_DATA_DIR", str(tmp_path / "d"))
    s = open_store()
    assert s.engine.dialect.name == "sqlite"
    s.publish("p", ws_json())
    s.close()
    assert (tmp_path / "d" / store_mod.SQLITE_FILE).is_file()
    monkeypatch.delenv("SHOP_WHATIF_DATA_DIR")
    assert (
        store_mod.default_url() == f"sqlite:///{(Path('data') / store_mod.SQLITE_FILE).resolve()}"
    )


def test_database_url_selects_postgresql(pg_server: str, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", _fresh_pg_db(pg_server))
    s = open_store()
    assert s.engine.dialect.name == "postgresql" and s.engine.dialect.driver == "psycopg"
    assert s.load(s.publish("p", ws_json()))
    s.close()


def test_two_stores_on_one_database_see_each_other(url: str) -> None:
    """Two app processes share a database: what one writes, the other reads."""
    a, b = open_store(url), open_store(url)
    room = a.create_room("r")
    sid = b.join(room.code, "Ann")
    a.submit(room.code, sid, prediction())
    assert len(b.room_results(room.code, room.trainer_token)) == 1
    a.close()
    b.close()


def test_trainer_tokens_and_student_ids_are_not_stored(store: Store) -> None:
    room = store.create_room("r")
    sid = store.join(room.code, "Ann")
    with store.engine.connect() as conn:
        dump = repr(conn.execute(sa.select(store_mod.rooms)).all())
        dump += repr(conn.execute(sa.select(store_mod.students)).all())
    assert room.trainer_token not in dump and sid not in dump


def test_concurrent_joins_never_overfill_a_room(store: Store, monkeypatch) -> None:
    """Twelve students joining at once into a room of five: exactly five get in (the head count
    and the insert are one transaction holding the room's lock)."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(store_mod, "MAX_STUDENTS", 5)
    room = store.create_room("r")

    def join(i: int) -> str:
        try:
            store.join(room.code, f"s{i}")
            return "in"
        except StoreRefused as exc:
            return exc.code

    with ThreadPoolExecutor(6) as pool:
        got = list(pool.map(join, range(12)))
    assert got.count("in") == 5 and got.count("room_full") == 7
    assert store.room_info(room.code).students == 5
