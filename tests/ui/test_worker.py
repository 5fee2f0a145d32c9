"""The worker that reads and fits users' files in a limited child process (issue 17): results
and the project's own errors come back; a job over its memory fails cleanly; a job over its time
is killed; a caller that stops waiting (a session ended or rerun) kills its child."""

from __future__ import annotations

import os
import time

import pytest

from simulator.datafile import FileProblem, Problem
from ui import worker


def _add(a: int, b: int = 0) -> int:
    return a + b


def _refuse() -> None:
    raise FileProblem(Problem("xlsx_rows", detail="1048576", count=4_000_000))


def _broken() -> None:
    raise ValueError("nobody bought again")


def _hog(n_bytes: int) -> int:
    block = bytearray(n_bytes)  # more than the child may map
    return len(block)


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _spin(seconds: float) -> int:
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def _priority() -> tuple[int, int]:
    import resource

    return os.getpriority(os.PRIO_PROCESS, 0), resource.getrlimit(resource.RLIMIT_AS)[0]


def _gone(pid: int, within: float = 5.0) -> bool:
    """Whether ``pid`` no longer exists (or is a zombie about to be reaped) within ``within`` s."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def test_a_job_returns_its_result_in_a_niced_limited_child() -> None:
    assert worker.run(_add, 2, b=3) == 5
    nice, limit = worker.run(_priority)
    assert nice >= os.getpriority(os.PRIO_PROCESS, 0) + worker.NICE - 1  # yields to the server
    assert 0 < limit < 64 * 1024**3  # its address space is capped
    assert not worker.running


def test_the_projects_own_errors_come_back_as_they_were() -> None:
    with pytest.raises(FileProblem) as caught:
        worker.run(_refuse)
    assert caught.value.problem == Problem("xlsx_rows", detail="1048576", count=4_000_000)
    with pytest.raises(ValueError, match="bought again"):
        worker.run(_broken)


def test_a_job_over_its_memory_fails_cleanly() -> None:
    with pytest.raises(worker.WorkerError) as caught:
        worker.run(_hog, 2 * 1024**3, memory=256 * 1024**2)
    assert caught.value.code == "worker_memory"
    assert worker.run(_add, 1) == 1  # the next job runs as usual
    assert not worker.running


def test_a_job_over_its_time_is_killed() -> None:
    pids: list[int] = []
    started = time.monotonic()
    with pytest.raises(worker.WorkerError) as caught:
        worker.run(_sleep, 60.0, time_limit=1.0, check=lambda: pids.extend(worker.running))
    assert caught.value.code == "worker_time"
    assert time.monotonic() - started < 30  # not the minute it asked for
    assert pids and _gone(pids[-1])
    with pytest.raises(worker.WorkerError) as caught:  # CPU time: the kernel's own limit
        worker.run(_spin, 60.0, time_limit=1.0)
    assert caught.value.code == "worker_time"


def test_a_cancelled_job_kills_its_child() -> None:
    """A session that ends (Streamlit raises its StopException at the page's next yield point,
    here ``check``): the exception passes through and the child is killed."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    seen: list[int] = []

    def check() -> None:
        seen.extend(worker.running)
        if seen:
            raise StopException

    with pytest.raises(StopException):
        worker.run(_spin, 60.0, check=check)
    assert seen and _gone(seen[-1])
    assert not worker.running
    assert worker.run(_add, 4) == 4  # its slot was given back


def test_no_more_than_max_jobs_run_at_once(monkeypatch) -> None:
    import threading

    most = []
    lock = threading.Lock()

    def check() -> None:
        with lock:
            most.append(len(worker.running))

    threads = [threading.Thread(target=worker.run, args=(_sleep, 0.5), kwargs={"check": check})
               for _ in range(worker.MAX_JOBS + 2)]  # fmt: skip
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert most and max(most) <= worker.MAX_JOBS
