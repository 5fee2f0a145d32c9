"""A PostgreSQL server of the app's own, from Debian's package (apt: ``postgresql``), run as a
child process on a loopback port: for ``make serve N>1`` (``scripts/serve.py``) and the tests
(``tests/ui/test_store.py``, the classroom load test)::

    from scripts.pgserver import create_database, postgres

    with postgres() as admin_url:                  # a temporary cluster, deleted at exit
        url = create_database(admin_url, "t1")     # postgresql://postgres@127.0.0.1:PORT/t1
    with postgres(Path("data/postgres")) as admin_url:   # kept: initdb on first use only
        ...

- ``initdb`` and ``postgres`` refuse to run as root: as root they run as the ``postgres`` user
  (created by Debian's package), which then owns the cluster's directory.
- A temporary cluster trusts loopback connections and runs with ``fsync=off`` (test data); a
  kept cluster has a random password (``scram-sha-256``, kept beside it in ``<dir>.password``,
  mode 0600) and the default durability.
- No Unix socket (``unix_socket_directories`` empty): clients connect over TCP to 127.0.0.1 only.
- The server stops on leaving the block (SIGINT: PostgreSQL's "fast" shutdown, which rolls back
  open transactions and writes a checkpoint; SIGQUIT then SIGKILL if it hangs).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: How long a starting server may take to accept connections [ASSUMPTION: seconds on a loaded
#: 2-core machine; crash recovery of a kept cluster is included].
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0
SUPERUSER = "postgres"


class PgServerError(RuntimeError):
    """The server could not be set up or started; the message says why and where its log is."""


def pg_bindir() -> Path | None:
    """Debian's PostgreSQL binaries (the newest installed major version), or ``None``."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user() -> dict:
    """``subprocess`` arguments that run a child as the ``postgres`` user when we are root."""
    if os.geteuid() != 0:
        return {}
    try:
        pw = pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PgServerError(
            "running as root, PostgreSQL needs the 'postgres' user (apt-get install postgresql)"
        ) from None
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


def _chown(path: Path, who: dict) -> None:
    if who:
        os.chown(path, who["user"], who["group"])


def _initdb(bindir: Path, data: Path, who: dict, password: str | None) -> None:
    cmd = [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-E", "UTF8"]
    pwfile = None
    if password is None:
        cmd += ["--auth=trust", "--no-sync"]
    else:  # a file only initdb reads, deleted right after
        fd, pwfile = tempfile.mkstemp(prefix="pgpw-")
        os.write(fd, password.encode())
        os.close(fd)
        _chown(Path(pwfile), who)
        cmd += ["--auth-local=peer", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=data.parent, **who)
    finally:
        if pwfile:
            os.unlink(pwfile)
    if done.returncode:
        raise PgServerError(f"initdb failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def _wait_ready(url: str, proc: subprocess.Popen, log: Path) -> None:
    import psycopg  # the app's driver (requirements.txt)

    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if proc.poll() is not None:
            raise PgServerError(f"postgres exited with {proc.returncode}; log {log}:\n{_tail(log)}")
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise PgServerError(
                    f"postgres did not accept connections within {START_TIMEOUT_S:.0f} s; "
                    f"log {log}:\n{_tail(log)}"
                ) from None
            time.sleep(0.2)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "<no log>"


def stop(proc: subprocess.Popen) -> None:
    """Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL, each with a bound."""
    for sig, wait_s in ((signal.SIGINT, STOP_TIMEOUT_S), (signal.SIGQUIT, 10), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=wait_s)


@contextlib.contextmanager
def postgres(data_dir: Path | str | None = None, *, port: int | None = None) -> Iterator[str]:
    """Run a PostgreSQL server until the block exits; yields its superuser URL (database
    ``postgres``). ``data_dir`` None: a temporary cluster, deleted at exit; else the cluster in
    that directory, created on first use and kept."""
    bindir = pg_bindir()
    if bindir is None:
        raise PgServerError(
            "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (apt: postgresql)"
        )
    who = _as_user()
    temporary = data_dir is None
    if temporary:
        home = Path(tempfile.mkdtemp(prefix="shopwhatif-pg-"))
        data, log, password = home / "data", home / "postgres.log", None
        _chown(home, who)
    else:
        data = Path(data_dir).resolve()
        data.parent.mkdir(parents=True, exist_ok=True)
        log = data.with_name(data.name + ".log")
        pwpath = data.with_name(data.name + ".password")
        if (data / "PG_VERSION").is_file():
            if not pwpath.is_file():
                raise PgServerError(f"{pwpath} is missing: the cluster {data} cannot be reached")
            password = pwpath.read_text().strip()
        else:
            if who and subprocess.run(["test", "-x", str(data.parent)], **who).returncode:
                raise PgServerError(
                    f"the 'postgres' user cannot reach {data.parent} (a parent directory is "
                    "private): choose another data directory, or set DATABASE_URL"
                )
            password = secrets.token_urlsafe(24)
            data.mkdir(mode=0o700, exist_ok=True)
            _chown(data, who)
            _initdb(bindir, data, who, password)
            pwpath.touch(mode=0o600)
            pwpath.write_text(password + "\n")
    if temporary:
        _initdb(bindir, data, who, None)
    port = port or free_port()
    cmd = [str(bindir / "postgres"), "-D", str(data), "-p", str(port),
           "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="]  # fmt: skip
    if temporary:
        cmd += ["-c", "fsync=off"]
    # max_connections: PostgreSQL's default 100 covers the app's pools (5 + 10 overflow per
    # process, ui/store.py) for up to six processes.
    auth = SUPERUSER if password is None else f"{SUPERUSER}:{password}"
    url = f"postgresql://{auth}@127.0.0.1:{port}/postgres"
    with open(log, "ab") as out:
        if who:
            _chown(log, who)
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                cwd=data, start_new_session=True, **who)  # fmt: skip
    try:
        _wait_ready(url, proc, log)
        yield url
    finally:
        stop(proc)
        if temporary:
            shutil.rmtree(home, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    """Create database ``name`` unless it exists; returns its URL (the admin URL's server)."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name
