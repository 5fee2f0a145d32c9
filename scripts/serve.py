"""``make serve N=3``: the app as N Streamlit processes behind nginx, sharing one PostgreSQL
server — for a class of 30–100 students (issue 22, "More than one server").

    python -m scripts.serve -n 3 --port 8501      # what `make serve N=3 PORT=8501` runs
    python -m scripts.serve -n 1                  # one process on SQLite, no nginx (= make run)

- **N = 1**: one ``streamlit run app.py`` on the public port, storing in SQLite under
  ``SHOP_WHATIF_DATA_DIR`` (default ``./data``) unless ``DATABASE_URL`` is set.
- **N > 1**: N processes on free loopback ports, and Debian's nginx (``apt: nginx``) on the
  public port in front of them, with sticky sessions by cookie (``scripts/nginx.conf.in``: a
  Streamlit session is one websocket to one process). They share ``DATABASE_URL`` if it is set;
  otherwise a PostgreSQL cluster of their own in ``<data dir>/postgres`` (``scripts.pgserver``:
  created on first use, kept, loopback only, password in ``<data dir>/postgres.password``),
  database ``shopwhatif``.
- nginx runs in the foreground with a configuration generated into a run directory
  (``--run-dir``, default a new directory under /tmp, removed after a clean stop), never /etc.
  The processes' logs are there too.
- Ctrl-C (or SIGTERM) stops everything in order: nginx, the app processes, PostgreSQL. Should
  any process die, the others are stopped too and the exit status is 1.

``serving(...)`` is the same as a context manager, for tests and the classroom load test
(``tests/classroom.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scripts.pgserver import PgServerError, create_database, free_port, postgres

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.in")
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
DATABASE = "shopwhatif"
#: How long an app process may take to answer its health check [ASSUMPTION: the app's imports
#: take seconds; several processes start at once on a loaded 2-core machine].
START_TIMEOUT_S = 120.0


class ServeError(RuntimeError):
    """A process did not start or died; the message names it and its log."""


@dataclass
class Stack:
    """What ``serving`` started: the public URL, the app processes and their URLs."""

    url: str
    run_dir: Path
    database_url: str  # "" for SQLite under the data directory
    backends: list[str] = field(default_factory=list)
    apps: list[subprocess.Popen] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    keep_logs: bool = False  # else a run directory of serving's own is removed at the end

    def dead(self) -> str:
        """The first process that has exited, in words, or ""."""
        for url, proc in zip(self.backends, self.apps):
            if proc.poll() is not None:
                return f"app process {url} exited with {proc.returncode}"
        if self.nginx is not None and self.nginx.poll() is not None:
            return f"nginx exited with {self.nginx.returncode}"
        return ""


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "<no log>"


def _terminate(proc: subprocess.Popen, sig: int = signal.SIGTERM, wait_s: float = 15) -> None:
    """Stop a child started in its own process group: ``sig``, then SIGKILL after ``wait_s``."""
    for s, w in ((sig, wait_s), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, s)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=w)


def _start_app(port: int, address: str, env: dict, run_dir: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
           "--server.port", str(port), "--server.address", address,
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]  # fmt: skip
    with open(run_dir / f"streamlit-{port}.log", "ab") as log:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _healthy(url):
        if proc.poll() is not None:
            raise ServeError(f"{what} exited with {proc.returncode}; log {log}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise ServeError(f"{what} did not answer {url} in {START_TIMEOUT_S:.0f} s; log {log}")
        time.sleep(0.25)


def nginx_conf(listen: str, backends: list[str], run_dir: Path) -> str:
    """The template filled: ``listen`` (``address:port``), the upstream servers, the run dir."""
    servers = "\n".join(f"        server {b.removeprefix('http://')};" for b in backends)
    text = TEMPLATE.read_text()
    for key, value in (("{{RUN_DIR}}", str(run_dir)), ("{{SERVERS}}", servers),
                       ("{{LISTEN}}", listen)):  # fmt: skip
        text = text.replace(key, value)
    return text


@contextlib.contextmanager
def serving(
    n: int = 1,
    *,
    port: int | None = None,
    address: str = "127.0.0.1",
    database_url: str | None = None,
    data_dir: Path | str | None = None,
    run_dir: Path | str | None = None,
) -> Iterator[Stack]:
    """Start the stack (see the module's docstring) and stop it all when the block exits.
    ``database_url`` None: SQLite for one process, a PostgreSQL cluster in ``<data dir>/postgres``
    for several. ``data_dir`` None: ``SHOP_WHATIF_DATA_DIR`` or ``./data``."""
    if n < 1:
        raise ValueError("at least one process")
    if n > 1 and not os.access(NGINX, os.X_OK):
        raise ServeError(f"nginx not found at {NGINX} (apt-get install nginx, or `make serve`)")
    data = Path(data_dir or os.environ.get("SHOP_WHATIF_DATA_DIR", "").strip() or ROOT / "data")
    own_run_dir = run_dir is None
    run = Path(run_dir or tempfile.mkdtemp(prefix="shop-whatif-serve-")).resolve()
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)  # nginx's workers (user nobody when started as root) use its temp dirs
    port = port or free_port()
    public = f"http://{'127.0.0.1' if address in ('0.0.0.0', '') else address}:{port}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"SHOP_WHATIF_DATA_DIR": str(data.resolve()), "PYTHONUNBUFFERED": "1",
            # One secret for all processes: a browser moved to another process (one died) keeps
            # a valid XSRF cookie.
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32)}  # fmt: skip
    s = Stack(url=public, run_dir=run, database_url="")
    try:
        with contextlib.ExitStack() as stack:
            if database_url is None and n > 1:
                admin = stack.enter_context(postgres(data / "postgres"))
                database_url = create_database(admin, DATABASE)
            if database_url:
                env["DATABASE_URL"] = database_url
            s.database_url = database_url or ""
            try:
                if n == 1:
                    s.backends, bind = [public], [(port, address)]
                else:
                    bind = [(free_port(), "127.0.0.1") for _ in range(n)]
                    s.backends = [f"http://127.0.0.1:{p}" for p, _ in bind]
                for p, a in bind:
                    s.apps.append(_start_app(p, a, env, run))
                for url, proc, (p, _) in zip(s.backends, s.apps, bind):
                    _wait_healthy(url, proc, run / f"streamlit-{p}.log", f"app process {url}")
                if n > 1:
                    conf = run / "nginx.conf"
                    conf.write_text(nginx_conf(f"{address}:{port}", s.backends, run))
                    log = run / "nginx.log"
                    with open(log, "ab") as out:
                        s.nginx = subprocess.Popen(
                            [NGINX, "-p", str(run), "-c", str(conf), "-e", str(run / "nginx-error.log")],
                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True,
                        )  # fmt: skip
                    _wait_healthy(public, s.nginx, run / "nginx-error.log", "nginx")
                yield s
            except KeyboardInterrupt:  # Ctrl-C: the ordinary way to stop
                raise
            except BaseException:
                s.keep_logs = True
                raise
            finally:
                if s.nginx is not None:
                    _terminate(s.nginx)  # fast: a graceful stop would wait for the websockets
                for proc in s.apps:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGTERM)
                for proc in s.apps:
                    _terminate(proc)
    finally:
        if own_run_dir and not s.keep_logs:
            shutil.rmtree(run, ignore_errors=True)


def _stop_on(signum: int, _frame) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scripts.serve", description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--processes", type=int, default=1, help="app processes (default 1)")
    ap.add_argument("--port", type=int, default=8501, help="public port (default 8501)")
    ap.add_argument("--address", default="0.0.0.0", help="public address (default all)")
    ap.add_argument("--data-dir", help="SQLite file and PostgreSQL cluster (default ./data)")
    ap.add_argument("--run-dir", help="nginx.conf and logs (default a new /tmp directory)")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on)
    signal.signal(signal.SIGHUP, _stop_on)
    try:
        with serving(args.processes, port=args.port, address=args.address,
                     database_url=os.environ.get("DATABASE_URL", "").strip() or None,
                     data_dir=args.data_dir, run_dir=args.run_dir) as s:  # fmt: skip
            where = "PostgreSQL" if s.database_url else "SQLite"
            front = "behind nginx" if s.nginx else "(no nginx)"
            print(f"serving http://localhost:{args.port}: {args.processes} app process(es) "
                  f"{front}, storage {where}; logs in {s.run_dir}. Ctrl-C stops all.",
                  flush=True)  # fmt: skip
            while not (why := s.dead()):
                time.sleep(1)
            s.keep_logs = True
            print(f"stopping: {why} (logs in {s.run_dir})", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("stopped", flush=True)
        return 0
    except (ServeError, PgServerError) as exc:
        print(f"make serve: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
