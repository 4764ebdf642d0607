"""briefing.renderpool: a batch of jobs shared between this process and forked children.

The jobs here write files, as rendering pages does: which process did a job
is told by the pid it writes, so the tests see the work really was shared,
and that a child's log records, its state and its unfinished jobs all come
back to this process.
"""

from __future__ import annotations

import logging
import os
import threading
import time

import pytest

from briefing import renderpool
from briefing.renderpool import processes_for, run_shared

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")


def write_pid(folder):
    def do(job):
        (folder / f"{job}.txt").write_text(str(os.getpid()))
    return do


def pids(folder, jobs):
    return {job: int((folder / f"{job}.txt").read_text()) for job in jobs}


def test_every_job_is_done_once_and_the_children_take_every_other_one(tmp_path):
    jobs = list(range(10))
    run_shared(jobs, write_pid(tmp_path), processes=2)
    by_job = pids(tmp_path, jobs)
    assert all(by_job[job] == os.getpid() for job in jobs[0::2])
    children = {by_job[job] for job in jobs[1::2]}
    assert len(children) == 1 and os.getpid() not in children


def test_one_process_does_every_job_here_in_order(tmp_path):
    done = []
    run_shared([3, 1, 2], done.append, processes=1)
    assert done == [3, 1, 2]


def test_a_childs_state_is_taken_in_in_the_childrens_order(tmp_path):
    seen: list[int] = []
    taken = []

    def do(job):
        seen.append(job)

    run_shared(list(range(9)), do, processes=3, child_state=lambda: list(seen), take_state=taken.append)
    assert seen == [0, 3, 6]  # this process's share; the children's lists stayed theirs
    assert taken == [[1, 4, 7], [2, 5, 8]]


def test_a_childs_log_records_are_logged_here_once(tmp_path, caplog):
    log = logging.getLogger("briefing.test_renderpool")

    def do(job):
        log.warning("job %d in %s", job, "child" if os.getpid() != parent else "parent")

    parent = os.getpid()
    with caplog.at_level(logging.INFO):
        run_shared([0, 1, 2, 3], do, processes=2)
    messages = [r.getMessage() for r in caplog.records if r.name == log.name]
    assert sorted(messages) == ["job 0 in parent", "job 1 in child", "job 2 in parent", "job 3 in child"]
    assert all(r.levelno == logging.WARNING for r in caplog.records if r.name == log.name)


def test_a_job_that_fails_in_a_child_is_done_again_here_and_raises_here(tmp_path):
    parent = os.getpid()

    def do(job):
        if job == 3:
            raise ValueError(f"job 3 failed in {'the child' if os.getpid() != parent else 'this process'}")
        write_pid(tmp_path)(job)

    with pytest.raises(ValueError, match="job 3 failed in this process"):
        run_shared(list(range(6)), do, processes=2)
    by_job = pids(tmp_path, [0, 1, 2, 4])
    assert by_job[1] != parent  # done by the child before it failed
    assert not (tmp_path / "5.txt").exists()  # after the failure: not done by anyone


def test_the_jobs_of_a_child_that_died_are_done_here(tmp_path):
    parent = os.getpid()

    def do(job):
        if os.getpid() != parent and job == 3:
            os._exit(9)  # a crash: no report at all
        write_pid(tmp_path)(job)

    run_shared(list(range(6)), do, processes=2)
    assert set(pids(tmp_path, range(6)).values()) == {parent}  # its whole share again: it said nothing


def test_a_failure_here_stops_the_children(tmp_path):
    parent = os.getpid()
    child_pid = tmp_path / "child.pid"

    def do(job):
        if os.getpid() != parent:
            child_pid.write_text(str(os.getpid()))
            time.sleep(60)  # still at work when this process fails
        deadline = time.monotonic() + 10
        while not child_pid.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise KeyError("here")

    started = time.monotonic()
    with pytest.raises(KeyError):
        run_shared(list(range(4)), do, processes=2)
    assert time.monotonic() - started < 30  # the child was stopped, not waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(int(child_pid.read_text()), os.WNOHANG)  # and reaped: no zombie left


def test_forking_waits_for_enough_jobs_and_for_daemon_threads_only(monkeypatch):
    monkeypatch.setattr(renderpool, "pool_size", lambda workers: workers or 4)
    alive = [threading.current_thread()]  # the threads of this process, as the test says (pytest has its own)
    monkeypatch.setattr(renderpool.threading, "enumerate", lambda: list(alive))
    assert processes_for(2, 100) == 2
    assert processes_for(0, 100) == 4
    assert processes_for(1, 100) == 1  # BRIEFING_RENDER_WORKERS = 1: all in the build's own process
    assert processes_for(2, 1) == 1  # a fork for one page costs more than it saves
    alive.append(threading.Thread(target=print, daemon=True))
    assert processes_for(2, 100) == 2  # Pelican's spinner is such a thread
    alive.append(threading.Thread(target=print))
    assert processes_for(2, 100) == 1  # someone's own work: it may hold a lock


def test_a_share_no_child_could_be_started_for_is_done_here(tmp_path, monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(renderpool.os, "fork", no_fork)
    run_shared(list(range(6)), write_pid(tmp_path), processes=3)
    assert set(pids(tmp_path, range(6)).values()) == {os.getpid()}
