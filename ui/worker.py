"""Heavy work on a user's file (reading, cleaning, fitting) in a child process with limits, so
that one upload never stalls the server's other sessions (issue 17).

``run(fn, *args, check=..., **kwargs)`` calls the picklable ``fn`` in a new child process and
returns what it returns, or raises what it raises. The child:

- is forked from a *forkserver* (``multiprocessing``'s "forkserver" context: a small
  single-threaded process started once, which has already imported ``PRELOAD``, so a job starts
  in milliseconds and nothing is ever forked from the threaded Streamlit server itself);
- lowers its priority by ``NICE`` (the server's own threads go first on a busy machine);
- may map at most ``MEMORY_BYTES`` beyond what it maps when it starts (``RLIMIT_AS``): past it
  an allocation fails with ``MemoryError`` in the child, never in the server;
- may use at most ``TIME_LIMIT_S`` of CPU (``RLIMIT_CPU``), and the caller kills it after
  ``TIME_LIMIT_S`` of wall-clock time.

At most ``MAX_JOBS`` children run at once in a server (a semaphore; the others wait their turn).
While it waits the caller calls ``check()`` every ``POLL_S``: on a Streamlit page that is a
yield point where Streamlit raises its Stop/Rerun exception when the session ends or reruns, and
the ``finally`` here then kills the child. A child that runs out of time, memory or dies raises
``WorkerError`` with code ``worker_time``, ``worker_memory`` or ``worker_crash`` (translated as
``up.<code>``). Nothing here imports streamlit.

Limits (ours, measured on the largest file the app takes, ``simulator.datafile.MAX_ROWS`` = 3 M order
rows as a 100 MB CSV on a 2-core machine: read 11 s, clean 28 s, fit 18 s, 1.9 GB at its peak):
``TIME_LIMIT_S`` = 180 s leaves three times that job's longest step; ``MEMORY_BYTES`` = 3 GiB
leaves half as much again as its peak; ``MAX_JOBS`` = 2 jobs × 3 GiB stays well within a 24 GB
server while the server keeps a core of two for every other session.
"""

from __future__ import annotations

import contextlib
import copyreg
import ctypes
import functools
import gc
import logging
import multiprocessing
import os
import pickle
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from simulator.datafile import FileProblem

log = logging.getLogger("shop_whatif")

TIME_LIMIT_S = 180.0
MEMORY_BYTES = 3 * 1024**3
MAX_JOBS = 2
NICE = 10
#: How often a waiting caller looks at the child and calls ``check`` (seconds).
POLL_S = 0.1
#: Modules the forkserver imports once, so that a job's child has them already.
PRELOAD = [
    "simulator.datafile",
    "simulator.filecheck",
    "ui.worker",
    "simulator.calibration",
    "simulator.bigfile",
    "openpyxl",
]

T = TypeVar("T")

_slots = threading.BoundedSemaphore(MAX_JOBS)
#: Children running now (their pids), for tests and for a server's shutdown.
running: set[int] = set()

# FileProblem keeps its Problem (not its args) across the pipe.
copyreg.pickle(FileProblem, lambda e: (FileProblem, (e.problem,)))


class WorkerError(Exception):
    """A job that did not finish: ``code`` is worker_time, worker_memory or worker_crash."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code, self.detail = code, detail
        super().__init__(code, detail)


@functools.cache
def _context() -> multiprocessing.context.ForkServerContext:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def _mapped_bytes() -> int:
    """The address space this process maps now (VmSize), 0 when it cannot be read."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(conn, fn: Callable[..., Any], args: tuple, kwargs: dict, memory: int,
           cpu_s: int, nice: int) -> None:  # fmt: skip
    """The child's body: limits first, then the job; the outcome goes back down ``conn``."""
    try:
        os.nice(nice)
        limit = _mapped_bytes() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
        outcome: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except MemoryError:
        outcome = ("memory", "")
    except BaseException as exc:  # sent back to be raised in the caller
        outcome = ("raised", (exc, traceback.format_exc()))
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", ""))
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        conn.send(("crash", f"unpicklable result: {exc}"))
    finally:
        conn.close()


def release_memory() -> None:
    """Give freed memory back to the system: a garbage collection, then glibc's ``malloc_trim``
    (a large upload arrives in many small pieces on the server's threads; freed, they stay in
    its malloc arenas, counted in its resident memory, until trimmed). A no-op elsewhere."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _died(exitcode: int | None) -> WorkerError:
    if exitcode == -signal.SIGXCPU:
        return WorkerError("worker_time")
    if exitcode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):  # the OOM killer; a failed
        return WorkerError("worker_memory")  # allocation in C code
    return WorkerError("worker_crash", f"exit {exitcode}")


def run(fn: Callable[..., T], *args: Any, check: Callable[[], None] | None = None,
        time_limit: float | None = None, memory: int | None = None, **kwargs: Any) -> T:  # fmt: skip
    """``fn(*args, **kwargs)`` in a limited child process (see the module's docstring); ``check``
    is called every ``POLL_S`` while waiting and may raise to cancel (the child is killed)."""
    time_limit = TIME_LIMIT_S if time_limit is None else time_limit
    memory = MEMORY_BYTES if memory is None else memory
    while not _slots.acquire(timeout=POLL_S):  # a turn among MAX_JOBS, cancellable
        if check is not None:
            check()
    try:
        ctx = _context()
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, daemon=True, name="shop-whatif-job",
                           args=(send, fn, args, kwargs, memory, int(time_limit) + 1, NICE))  # fmt: skip
        deadline = time.monotonic() + time_limit
        proc.start()
        send.close()
        running.add(proc.pid)
        try:
            while True:
                if recv.poll(POLL_S):
                    try:
                        status, value = recv.recv()
                    except (EOFError, OSError):  # died before it could say anything
                        proc.join(5)
                        raise _died(proc.exitcode) from None
                    break
                if not proc.is_alive() and not recv.poll(0):
                    raise _died(proc.exitcode)
                if time.monotonic() > deadline:
                    raise WorkerError("worker_time")
                if check is not None:
                    check()
        finally:
            running.discard(proc.pid)
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            recv.close()
    finally:
        _slots.release()
    if status == "ok":
        return value
    if status == "memory":
        raise WorkerError("worker_memory")
    if status == "raised":
        exc, tb = value
        if not isinstance(exc, FileProblem | WorkerError | ValueError):
            log.error("job %s failed in its worker:\n%s", getattr(fn, "__name__", fn), tb)
        raise exc
    raise WorkerError("worker_crash", str(value))
