"""Server-side storage: the plan library (short links) and classroom rooms (CONTRACT.md "Links,
lessons and storage").

SQLite under ``SHOP_WHATIF_DATA_DIR`` (default ``./data``, git-ignored) unless
``DATABASE_URL=postgresql://…`` is set, in which case several app processes share one
PostgreSQL server. Python entry (no Streamlit needed)::

    from ui.store import open_store
    st = open_store()                               # None: the default above
    code = st.publish(name, workspace_json)         # short, unguessable; opened as /?s=<code>
    st.load(code) -> workspace_json                 # KeyError if unknown or expired
    room = st.create_room(title)                    # room.code, room.trainer_token
    room = st.create_room(title, question=text, topic="lesson-id/2")  # what students answer
    sid = st.join(room.code, display_name)          # the student's secret id
    st.submit(room.code, sid, payload_json)         # a plan (workspace) or a prediction
    st.room_results(room.code, trainer_token)       # PermissionError without the right token

and, for the trainer (each needs the room's trainer token): ``reveal``, ``reset``,
``close_room``; for a student: ``revealed_results(code, sid)`` (``PermissionError`` until the
trainer reveals); for anyone with the code: ``room_info``. ``purge_expired()`` deletes expired
rooms (with their students and submissions) and expired plans; it also runs when a store opens
and whenever a room or plan is created.

Rules (issue 22, "Security"):

* Names (plan names, display names, room titles) are cleaned by ``ui.share.clean_name`` and
  limited in length like a scenario's name; workspaces are read by ``ui.share``'s validator (a
  bad one raises its ``ShareError``) and stored in canonical form; a prediction is
  ``{"format": "shop-whatif/prediction", "question": str, "value": finite number}``.
* Trainer tokens and student ids are stored as SHA-256 digests only and compared in constant
  time; a wrong token is a ``PermissionError``. Codes come from ``secrets`` (unguessable).
* A room accepts at most ``MAX_STUDENTS`` students, ``MAX_SUBMISSIONS_PER_MINUTE`` submissions
  per student per minute and ``MAX_SUBMISSIONS_PER_STUDENT`` in all; it expires
  ``ROOM_LIFETIME_S`` after it opens, and a published plan ``PLAN_LIFETIME_S`` after it is
  published: expired data is deleted, not hidden.

Errors are typed: ``UnknownCode`` (a ``KeyError``), ``WrongToken`` (a ``PermissionError``) and
``StoreRefused`` (a ``ValueError``), each with a ``code`` the UI translates (``storage.err.<code>``
in ui/i18n/workspace.py) and ``params`` for its message.

Schema: SQLAlchemy Core tables, one ``schema_version`` table and ``MIGRATIONS`` (version n is
``MIGRATIONS[n - 1]``), applied in order in one transaction each when a store opens (on
PostgreSQL under an advisory lock, so processes starting together migrate once). Connections are
pooled (SQLAlchemy's ``QueuePool``; SQLite in WAL mode with foreign keys on) and every method
runs in one transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy.engine import Connection, Engine

from ui.share import MAX_JSON_BYTES, MAX_NAME_CHARS, PLAN_KEY, clean_name, read_workspace_file
from ui.share import workspace_to_json as _ws_json

#: Environment variables (CONTRACT.md).
DATA_DIR_ENV, URL_ENV = "SHOP_WHATIF_DATA_DIR", "DATABASE_URL"
DEFAULT_DATA_DIR = "data"
SQLITE_FILE = "shop-whatif.sqlite3"

# The limits (issue 22 asks for stated ones). All [ASSUMPTION]s sized for the class of
# 30–100 students, with headroom; none comes from a source.
#: Students one room accepts [ASSUMPTION: twice the largest class the issue names].
MAX_STUDENTS = 200
#: Submissions per student per rolling minute [ASSUMPTION: a prediction and a few plan revisions
#: a minute is a brisk class; more is a script].
MAX_SUBMISSIONS_PER_MINUTE = 6
RATE_WINDOW_S = 60.0
#: Submissions per student per room in all [ASSUMPTION: bounds a room's storage to
#: MAX_STUDENTS × this × MAX_JSON_BYTES at worst].
MAX_SUBMISSIONS_PER_STUDENT = 100
#: A room expires (and its data is deleted) this long after it opens [ASSUMPTION: one training
#: day with the evening's review].
ROOM_LIFETIME_S = 24 * 3600.0
#: A published plan expires (and is deleted) this long after publishing [ASSUMPTION: a year of a
#: plan's life in a shop's cycle of campaigns].
PLAN_LIFETIME_S = 365 * 24 * 3600.0
#: A room's title may be longer than a name (a lesson's question).
MAX_TITLE_CHARS = 80
#: A prediction's question id (also a room's ``topic``: a lesson step as ``<lesson id>/<step>``).
MAX_QUESTION_CHARS = 64
#: A room's open question, shown to its students [ASSUMPTION: a few sentences of a trainer's
#: question; a lesson room's question is the lesson's own text, not stored].
MAX_QUESTION_TEXT_CHARS = 500
#: Random bytes behind a plan's code (12 URL-safe characters, 72 bits), a room's trainer token
#: (32 characters) and a student's id (22 characters).
PLAN_CODE_BYTES, TOKEN_BYTES, SID_BYTES = 9, 24, 16
#: A room's code is typed by students: 8 characters without look-alikes (0/O, 1/I/L), 40 bits
#: (the trainer's controls need the trainer token besides).
ROOM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ROOM_CODE_CHARS = 8

PREDICTION_FORMAT = "shop-whatif/prediction"
Kind = Literal["plan", "prediction"]
__all__ = ["PLAN_KEY", "Store", "StoreError", "StoreRefused", "UnknownCode", "WrongToken",
           "open_store"]  # fmt: skip


# ---------------------------------------------------------------------------- errors
class StoreError(Exception):
    """A refused storage request; ``code`` names it for translation (``storage.err.<code>``),
    ``params`` fill the message."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(message)

    def __str__(self) -> str:  # KeyError's own str() is the repr of its argument
        return str(self.args[0]) if self.args else self.code


class UnknownCode(StoreError, KeyError):
    """No such plan, room or student — or it expired (the two are not told apart)."""


class WrongToken(StoreError, PermissionError):
    """A trainer control without the room's trainer token, or a student's read before reveal."""


class StoreRefused(StoreError, ValueError):
    """A request the rules refuse: a bad name or payload, a full or closed room, too fast."""


# ---------------------------------------------------------------------------- schema
metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata, sa.Column("version", sa.Integer, nullable=False)
)
plans = sa.Table(
    "plans",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(MAX_NAME_CHARS * 4), nullable=False),
    sa.Column("workspace", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
)
rooms = sa.Table(
    "rooms",
    metadata,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("title", sa.String(MAX_TITLE_CHARS * 4), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
    sa.Column("revealed", sa.Boolean, nullable=False, default=False),
    sa.Column("closed", sa.Boolean, nullable=False, default=False),
)
students = sa.Table(
    "students",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "room_code", sa.String(16), sa.ForeignKey("rooms.code", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("sid_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("display_name", sa.String(MAX_NAME_CHARS * 4), nullable=False),
    sa.Column("joined_at", sa.Float, nullable=False),
    sa.UniqueConstraint("room_code", "display_name", name="uq_students_room_name"),
)
submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "room_code", sa.String(16), sa.ForeignKey("rooms.code", ondelete="CASCADE"), nullable=False
    ),
    sa.Column(
        "student_id", sa.Integer, sa.ForeignKey("students.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("submitted_at", sa.Float, nullable=False),
    sa.Index("ix_submissions_student_time", "student_id", "submitted_at"),
    sa.Index("ix_submissions_room", "room_code"),
)


#: What a room asks (version 2, issue 22's room page): its open question's text and its topic
#: (a lesson step ``<lesson id>/<step>``, or empty). A table of its own, so version 1's tables
#: stay as shipped.
room_topics = sa.Table(
    "room_topics",
    metadata,
    sa.Column(
        "room_code", sa.String(16), sa.ForeignKey("rooms.code", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("topic", sa.String(MAX_QUESTION_CHARS * 4), nullable=False, default=""),
    sa.Column("question", sa.Text, nullable=False, default=""),
)  # fmt: skip


def _v1(conn: Connection) -> None:
    """Version 1: plans, rooms, students, submissions."""
    metadata.create_all(conn, tables=[plans, rooms, students, submissions])


def _v2(conn: Connection) -> None:
    """Version 2: a room's question and topic (``room_topics``)."""
    metadata.create_all(conn, tables=[room_topics])


#: Version n of the schema is reached by ``MIGRATIONS[n - 1]`` (append; never edit one shipped).
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)
#: PostgreSQL advisory-lock key for migrations (any fixed 64-bit number).
_MIGRATION_LOCK = 0x5348_4F50_5749_4631


def current_version(conn: Connection) -> int:
    """The schema's version in the database (0: empty)."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def migrate(engine: Engine) -> int:
    """Bring the database to ``SCHEMA_VERSION``, one transaction per step; returns the version.
    A database newer than this code is refused (``RuntimeError``): an older app must not write
    into a schema it does not know."""
    while True:
        with _writing(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            version = current_version(conn)
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"the database's schema is version {version}; this app knows ≤ {SCHEMA_VERSION}"
                )
            if version == SCHEMA_VERSION:
                return version
            if version == 0:
                metadata.create_all(conn, tables=[schema_version])
            MIGRATIONS[version](conn)
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=version + 1))


# ---------------------------------------------------------------------------- values
@dataclass(frozen=True)
class Room:
    """A room as its trainer gets it: ``code`` for students, ``trainer_token`` for the trainer's
    own link only (it is not stored, only its digest)."""

    code: str
    trainer_token: str
    title: str
    expires_at: float


@dataclass(frozen=True)
class RoomInfo:
    """What anyone with a room's code may see."""

    code: str
    title: str
    students: int
    revealed: bool
    closed: bool
    expires_at: float
    question: str = ""  # the open question's text ("" for a lesson room)
    topic: str = ""  # a lesson step, ``<lesson id>/<step>`` ("" for an open question)


@dataclass(frozen=True)
class Submission:
    """One submission: who (display name), what (``kind``: plan or prediction), the payload as
    stored (canonical JSON), when (Unix seconds), in the order they came (``seq``)."""

    seq: int
    student: str
    kind: Kind
    payload: str
    submitted_at: float

    @property
    def data(self) -> Any:
        return json.loads(self.payload)


class Prediction(BaseModel):
    """A student's prediction for a question of the room (a lesson step's id)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["shop-whatif/prediction"] = PREDICTION_FORMAT
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    value: float = Field(allow_inf_nan=False)

    @field_validator("question", mode="before")
    @classmethod
    def _clean(cls, value: Any) -> Any:
        return clean_name(value) if isinstance(value, str) else value


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _name(value: Any, limit: int) -> str | None:
    """A name cleaned like a scenario's (``clean_name``) if it has 1..limit characters, else
    ``None``."""
    cleaned = clean_name(value) if isinstance(value, str) else ""
    return cleaned if 1 <= len(cleaned) <= limit else None


def _bad_name(limit: int) -> StoreRefused:
    return StoreRefused("bad_name", f"a name has 1 to {limit} characters", limit=limit)


def canonical_workspace(workspace_json: str | bytes) -> str:
    """A workspace file read by ``ui.share``'s validator (``ShareError`` on any problem) and
    written back in canonical form, with its range settings."""
    ws, ranges, _ = read_workspace_file(workspace_json)
    return _ws_json(ws, ranges)


def _payload(payload_json: str | bytes) -> tuple[Kind, str]:
    """A submission: a prediction, or else a plan read as a workspace."""
    if isinstance(payload_json, bytes | str) and len(payload_json) > MAX_JSON_BYTES:
        raise StoreRefused("too_big", "the submission is too large", limit=MAX_JSON_BYTES)
    try:
        data = json.loads(payload_json)
    except (ValueError, TypeError, RecursionError):
        data = None
    if isinstance(data, dict) and data.get("format") == PREDICTION_FORMAT:
        try:
            p = Prediction.model_validate(data)
        except ValidationError:
            raise StoreRefused("bad_prediction", "the prediction does not validate") from None
        return "prediction", p.model_dump_json()
    return "plan", canonical_workspace(payload_json)


# ---------------------------------------------------------------------------- the store
def default_url() -> str:
    """``DATABASE_URL`` if set, else the SQLite file under ``SHOP_WHATIF_DATA_DIR``."""
    url = os.environ.get(URL_ENV, "").strip()
    if url:
        return url
    data = Path(os.environ.get(DATA_DIR_ENV, "").strip() or DEFAULT_DATA_DIR)
    return f"sqlite:///{(data / SQLITE_FILE).resolve()}"


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock at its start (``BEGIN
    IMMEDIATE``), so what it read (a head count, a rate) cannot change before it writes — what
    ``SELECT … FOR UPDATE`` does on PostgreSQL."""
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn.begin():
            yield conn


def _engine(url: str) -> Engine:
    if url.startswith(("postgresql://", "postgres://")):  # psycopg 3, not SQLAlchemy's default
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, pool_pre_ping=True, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # every pooled connection
            # SQLAlchemy's recipe: the driver's own transaction handling off (it would not
            # begin before DDL, so a migration was not atomic), SQLAlchemy's "begin" below instead
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

        return engine
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"unsupported database {parsed.get_backend_name()!r} (sqlite, postgresql)")
    return sa.create_engine(parsed, pool_size=5, max_overflow=10, pool_pre_ping=True)


def open_store(url: str | None = None, *, clock: Callable[[], float] = time.time) -> Store:
    """The store at ``url`` (None: ``default_url()``), its schema migrated, expired data deleted.
    ``clock`` gives Unix seconds (tests move it to reach expiry)."""
    return Store(_engine(url or default_url()), clock)


@dataclass
class Store:
    """Plans and rooms in one database. Thread-safe (each call takes a pooled connection)."""

    engine: Engine
    clock: Callable[[], float] = time.time
    version: int = field(init=False)

    def __post_init__(self) -> None:
        self.version = migrate(self.engine)
        self.purge_expired()

    def close(self) -> None:
        """Return the pool's connections (the data stays)."""
        self.engine.dispose()

    # -------------------------------------------------------------------- upkeep
    def purge_expired(self) -> int:
        """Delete expired rooms (their students and submissions with them) and expired plans;
        returns how many rooms and plans went."""
        now = self.clock()
        with _writing(self.engine) as conn:
            gone = [
                r for (r,) in conn.execute(sa.select(rooms.c.code).where(rooms.c.expires_at <= now))
            ]
            if gone:  # explicit, not only ON DELETE CASCADE: a connection may lack the pragma
                conn.execute(room_topics.delete().where(room_topics.c.room_code.in_(gone)))
                conn.execute(submissions.delete().where(submissions.c.room_code.in_(gone)))
                conn.execute(students.delete().where(students.c.room_code.in_(gone)))
                conn.execute(rooms.delete().where(rooms.c.code.in_(gone)))
            n = conn.execute(plans.delete().where(plans.c.expires_at <= now)).rowcount
        return len(gone) + (n or 0)

    # -------------------------------------------------------------------- plans
    def publish(self, name: str, workspace_json: str | bytes) -> str:
        """Store a workspace under a name; its code (12 URL-safe characters) opens ``/?s=<code>``."""
        cleaned = _name(name, MAX_NAME_CHARS)
        if cleaned is None:
            raise _bad_name(MAX_NAME_CHARS)
        text = canonical_workspace(workspace_json)
        self.purge_expired()
        now = self.clock()
        with _writing(self.engine) as conn:
            while True:
                code = secrets.token_urlsafe(PLAN_CODE_BYTES)
                if (
                    conn.execute(sa.select(plans.c.code).where(plans.c.code == code)).first()
                    is None
                ):
                    break
            conn.execute(plans.insert().values(code=code, name=cleaned, workspace=text,
                                               created_at=now, expires_at=now + PLAN_LIFETIME_S))  # fmt: skip
        return code

    def plan_name(self, code: str) -> str:
        """A published plan's name (``KeyError`` if unknown or expired)."""
        return self._plan(code).name

    def load(self, code: str) -> str:
        """A published workspace's JSON (``KeyError`` if unknown or expired)."""
        return self._plan(code).workspace

    def _plan(self, code: str) -> Any:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(plans).where(plans.c.code == str(code), plans.c.expires_at > self.clock())
            ).first()
        if row is None:
            raise UnknownCode("unknown_plan", "no published plan has this code (or it expired)")
        return row

    # -------------------------------------------------------------------- rooms: trainer
    def create_room(self, title: str, *, question: str = "", topic: str = "") -> Room:
        """Open a room; its trainer token is returned once and kept only as a digest.
        ``question``: an open question's text (cleaned like a name, at most
        ``MAX_QUESTION_TEXT_CHARS``); ``topic``: what the room is about, e.g. a lesson step
        ``<lesson id>/<step>`` (at most ``MAX_QUESTION_CHARS``). Both may be empty."""
        cleaned = _name(title, MAX_TITLE_CHARS)
        if cleaned is None:
            raise StoreRefused("bad_title", f"a title has 1 to {MAX_TITLE_CHARS} characters",
                               limit=MAX_TITLE_CHARS)  # fmt: skip
        text = clean_name(question) if isinstance(question, str) else None
        if text is None or len(text) > MAX_QUESTION_TEXT_CHARS:
            raise StoreRefused("bad_question", "a room's question is too long",
                               limit=MAX_QUESTION_TEXT_CHARS)  # fmt: skip
        about = clean_name(topic) if isinstance(topic, str) else None
        if about is None or len(about) > MAX_QUESTION_CHARS:
            raise StoreRefused("bad_question", "a room's topic is too long",
                               limit=MAX_QUESTION_CHARS)  # fmt: skip
        self.purge_expired()
        now = self.clock()
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with _writing(self.engine) as conn:
            while True:
                code = "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_CODE_CHARS))
                if (
                    conn.execute(sa.select(rooms.c.code).where(rooms.c.code == code)).first()
                    is None
                ):
                    break
            conn.execute(rooms.insert().values(
                code=code, title=cleaned, token_hash=_digest(token), created_at=now,
                expires_at=now + ROOM_LIFETIME_S, revealed=False, closed=False))  # fmt: skip
            if text or about:
                conn.execute(room_topics.insert().values(room_code=code, topic=about,
                                                         question=text))  # fmt: skip
        return Room(code, token, cleaned, now + ROOM_LIFETIME_S)

    def _room(self, conn: Connection, code: str, *, lock: bool = False) -> Any:
        q = sa.select(rooms).where(
            rooms.c.code == _room_code(code), rooms.c.expires_at > self.clock()
        )
        row = conn.execute(q.with_for_update() if lock else q).first()
        if row is None:
            raise UnknownCode("unknown_room", "no room has this code (or it expired)")
        return row

    def _trainer_room(self, conn: Connection, code: str, token: str, *, lock: bool = False) -> Any:
        row = self._room(conn, code, lock=lock)
        if not isinstance(token, str) or not hmac.compare_digest(row.token_hash, _digest(token)):
            raise WrongToken("wrong_token", "this needs the room's trainer token")
        return row

    def room_results(self, code: str, trainer_token: str) -> list[Submission]:
        """Every submission of the room in the order they came (the trainer's view)."""
        with self.engine.connect() as conn:
            row = self._trainer_room(conn, code, trainer_token)
            return self._submissions(conn, row.code)

    def reveal(self, code: str, trainer_token: str) -> None:
        """Let the students see each other's submissions (``revealed_results``)."""
        self._set(code, trainer_token, revealed=True)

    def close_room(self, code: str, trainer_token: str) -> None:
        """No more joins or submissions; the results stay until the room expires."""
        self._set(code, trainer_token, closed=True)

    def reopen(self, code: str, trainer_token: str) -> None:
        """Accept joins and submissions again after ``close_room``."""
        self._set(code, trainer_token, closed=False)

    def reset(self, code: str, trainer_token: str) -> None:
        """Delete every submission and hide results again (the students stay joined)."""
        with _writing(self.engine) as conn:
            row = self._trainer_room(conn, code, trainer_token, lock=True)
            conn.execute(submissions.delete().where(submissions.c.room_code == row.code))
            conn.execute(rooms.update().where(rooms.c.code == row.code).values(revealed=False))

    def _set(self, code: str, token: str, **values: bool) -> None:
        with _writing(self.engine) as conn:
            row = self._trainer_room(conn, code, token, lock=True)
            conn.execute(rooms.update().where(rooms.c.code == row.code).values(**values))

    # -------------------------------------------------------------------- rooms: anyone, students
    def room_info(self, code: str) -> RoomInfo:
        """A room's title, state and head count (``KeyError`` if unknown or expired)."""
        with self.engine.connect() as conn:
            row = self._room(conn, code)
            n = conn.execute(
                sa.select(sa.func.count()).where(students.c.room_code == row.code)
            ).scalar_one()
            about = conn.execute(sa.select(room_topics.c.question, room_topics.c.topic).where(
                room_topics.c.room_code == row.code)).first()  # fmt: skip
        question, topic = about if about is not None else ("", "")
        return RoomInfo(row.code, row.title, n, bool(row.revealed), bool(row.closed),
                        row.expires_at, question, topic)  # fmt: skip

    def join(self, code: str, display_name: str) -> str:
        """Join a room under a display name (unique in the room); returns the student's id, the
        secret their later calls need."""
        cleaned = _name(display_name, MAX_NAME_CHARS)
        if cleaned is None:
            raise _bad_name(MAX_NAME_CHARS)
        sid = secrets.token_urlsafe(SID_BYTES)
        with _writing(self.engine) as conn:
            row = self._room(conn, code, lock=True)  # the lock makes the head count exact
            if row.closed:
                raise StoreRefused("room_closed", "the room is closed")
            n = conn.execute(
                sa.select(sa.func.count()).where(students.c.room_code == row.code)
            ).scalar_one()
            if n >= MAX_STUDENTS:
                raise StoreRefused("room_full", f"the room is full ({MAX_STUDENTS} students)",
                                   limit=MAX_STUDENTS)  # fmt: skip
            taken = conn.execute(sa.select(students.c.id).where(
                students.c.room_code == row.code, students.c.display_name == cleaned)).first()  # fmt: skip
            if taken is not None:
                raise StoreRefused("name_taken", "someone in the room has this name already")
            conn.execute(students.insert().values(room_code=row.code, sid_hash=_digest(sid),
                                                  display_name=cleaned, joined_at=self.clock()))  # fmt: skip
        return sid

    def _student(self, conn: Connection, room_code: str, sid: str, *, lock: bool = False) -> Any:
        if not isinstance(sid, str):
            raise WrongToken("not_member", "not a student of this room")
        q = sa.select(students).where(students.c.sid_hash == _digest(sid),
                                      students.c.room_code == room_code)  # fmt: skip
        row = conn.execute(q.with_for_update() if lock else q).first()
        if row is None:
            raise WrongToken("not_member", "not a student of this room")
        return row

    def submit(self, code: str, sid: str, payload_json: str | bytes) -> Kind:
        """Store a student's plan (a workspace, validated like an import) or prediction;
        returns which it was."""
        kind, text = _payload(payload_json)
        now = self.clock()
        with _writing(self.engine) as conn:
            room = self._room(conn, code)
            student = self._student(conn, room.code, sid, lock=True)  # serialises one student
            if room.closed:
                raise StoreRefused("room_closed", "the room is closed")
            mine = submissions.c.student_id == student.id
            recent = conn.execute(sa.select(sa.func.count()).where(
                mine, submissions.c.submitted_at > now - RATE_WINDOW_S)).scalar_one()  # fmt: skip
            if recent >= MAX_SUBMISSIONS_PER_MINUTE:
                raise StoreRefused("too_fast", "too many submissions this minute",
                                   limit=MAX_SUBMISSIONS_PER_MINUTE)  # fmt: skip
            total = conn.execute(sa.select(sa.func.count()).where(mine)).scalar_one()
            if total >= MAX_SUBMISSIONS_PER_STUDENT:
                raise StoreRefused("too_many", "this student has submitted the most a room keeps",
                                   limit=MAX_SUBMISSIONS_PER_STUDENT)  # fmt: skip
            conn.execute(submissions.insert().values(room_code=room.code, student_id=student.id,
                                                     kind=kind, payload=text, submitted_at=now))  # fmt: skip
        return kind

    def revealed_results(self, code: str, sid: str) -> list[Submission]:
        """Everyone's submissions, for a student of the room, once the trainer revealed them."""
        with self.engine.connect() as conn:
            room = self._room(conn, code)
            self._student(conn, room.code, sid)
            if not room.revealed:
                raise WrongToken("not_revealed", "the trainer has not revealed the results yet")
            return self._submissions(conn, room.code)

    def student_name(self, code: str, sid: str) -> str:
        """The display name a student joined under (``PermissionError`` for a non-member)."""
        with self.engine.connect() as conn:
            room = self._room(conn, code)
            return self._student(conn, room.code, sid).display_name

    def my_submissions(self, code: str, sid: str) -> list[Submission]:
        """A student's own submissions (always readable by that student)."""
        with self.engine.connect() as conn:
            room = self._room(conn, code)
            student = self._student(conn, room.code, sid)
            return self._submissions(conn, room.code, student.id)

    @staticmethod
    def _submissions(
        conn: Connection, room_code: str, student_id: int | None = None
    ) -> list[Submission]:
        q = (
            sa.select(
                submissions.c.id,
                students.c.display_name,
                submissions.c.kind,
                submissions.c.payload,
                submissions.c.submitted_at,
            )  # fmt: skip
            .join(students, students.c.id == submissions.c.student_id)
            .where(submissions.c.room_code == room_code)
            .order_by(submissions.c.id)
        )
        if student_id is not None:
            q = q.where(submissions.c.student_id == student_id)
        return [Submission(*r) for r in conn.execute(q)]


def _room_code(code: Any) -> str:
    """A room code as typed: case and spaces forgiven."""
    return "".join(str(code).split()).upper()
