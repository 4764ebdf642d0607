"""Jobs done on every core: a batch split between this process and forked children.

Rendering a page is Jinja over objects this process already holds (briefs,
their views, the site's index of entities and outlets), which a spawned
worker would have to be sent at about the cost of the rendering itself. A
forked child has them all as they are (copy-on-write): it does its share of
the batch (every n-th job), writing into the output folder as this process
would, and sends back only what this process must know: how many of its
jobs it finished, the log records it made, and what ``child_state`` says of
the state it changed that this process keeps. This process does its own
share meanwhile, then takes in each child's report (``take_state``), in the
children's order, so the outcome does not depend on which finished first.

A job a child did not finish (an error, a crash, a kill) is done again here
after the child's records are logged, so its error is raised here as a
build in one process raises it. Everything is done here, in order, when
forking cannot help or is not safe: one worker, few jobs, no ``os.fork``
(Windows), or a thread alive that is not a daemon.

Threads: a fork copies only the calling thread, and a lock another thread
held at that instant stays locked in the child for good. Pelican's progress
spinner (Rich's refresh thread, a daemon) is alive during every build and
writes to the terminal, so a child never touches the parent's streams: its
``sys.stdout`` and ``sys.stderr`` are new ones to ``os.devnull`` before it
does anything, its log records go to a handler of its own (CPython renews
the logging module's locks in a child), and the Jinja environment it
renders with is the main thread's alone. A thread that is not a daemon
(someone's own work still going on) makes every job run here.

Nothing here knows Pelican or pages: ``writer.CachingWriter`` is the caller.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import threading
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence, TypeVar

from .parsecache import pool_size

Job = TypeVar("Job")
logger = logging.getLogger(__name__)

#: jobs per process below which a fork costs more than sharing the jobs saves
MIN_JOBS_PER_PROCESS = 4

#: the attributes a log record keeps when it crosses processes (its message is
#: formatted in the child: arguments may not pickle)
_RECORD_FIELDS = ("name", "levelno", "levelname", "pathname", "filename", "module", "lineno",
                  "funcName", "created", "msecs", "relativeCreated", "process", "processName")


@dataclass
class ChildReport:
    """What a child sends back: its jobs finished (the first ``done`` of its share, in order),
    its log records, and ``child_state()`` as it was at the end."""

    done: int
    records: list[logging.LogRecord] = field(default_factory=list)
    state: Any = None


def processes_for(workers: int, jobs: int) -> int:
    """How many processes share ``jobs`` jobs (this one included): 1 unless forking helps and is safe."""
    others = [thread for thread in threading.enumerate() if thread is not threading.current_thread()]
    if not hasattr(os, "fork") or any(not thread.daemon for thread in others):
        return 1
    return max(1, min(pool_size(workers), jobs // MIN_JOBS_PER_PROCESS))


def run_shared(jobs: Sequence[Job], do: Callable[[Job], None], processes: int,
               child_state: Callable[[], Any] = lambda: None,
               take_state: Callable[[Any], None] = lambda state: None) -> None:
    """``do(job)`` for every job: this process does ``jobs[0::processes]``, each forked
    child ``jobs[k::processes]``; with ``processes`` < 2, all of them here, in order."""
    if processes < 2:
        for job in jobs:
            do(job)
        return
    shares = [jobs[k::processes] for k in range(processes)]
    children: list[tuple[int, int] | None] = []
    reports: list[ChildReport | None] = []
    try:
        for share in shares[1:]:
            children.append(_fork(share, do, child_state))
        for job in shares[0]:
            do(job)
        while children:
            reports.append(_collect(children[0]) if children[0] else None)
            children.pop(0)
    finally:
        # this process failed: the build stops, and the children's work with it
        for child in filter(None, children):
            _abandon(child)
    for report, share in zip(reports, shares[1:]):
        done = report.done if report else 0
        if report:
            for record in report.records:
                logging.getLogger(record.name).handle(record)
            take_state(report.state)
        for job in share[done:]:
            do(job)


def _fork(share: Sequence[Job], do: Callable[[Job], None],
          child_state: Callable[[], Any]) -> tuple[int, int] | None:
    """Start a child doing ``share``; its pid and the pipe its report comes on, or None if the
    system would not start one (out of processes or memory: its share is then done here)."""
    read_end, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # else what they hold is written twice
        stream.flush()
    try:
        with warnings.catch_warnings():  # (Python 3.12 warns of any thread; see the module's docstring)
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError as error:
        logger.debug("briefing: no child process to share the jobs with (%s): done here", error)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid:
        os.close(write_end)
        return pid, read_end
    status = 1
    try:  # the child: never returns, whatever happens
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - ends with the process
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # ^C in the terminal ends the children too
        # a collection would visit every object the parent made, and copy the pages they are on:
        # those are left alone for good, and only what the child makes is collected
        gc.freeze()
        records = _capture_logs()
        done = 0
        try:
            for job in share:
                do(job)
                done += 1
        except Exception:  # noqa: BLE001 - the parent does this job again and raises it there
            pass
        report = ChildReport(done, [_portable(record) for record in records], child_state())
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, finalizers or buffers of the parent's


def _collect(child: tuple[int, int]) -> ChildReport | None:
    """The child's report once it has exited; None if it sent none (it crashed or was killed)."""
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()  # to the end: the child exits only once all of it is read
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        report = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a torn report: its jobs are done again here
        return None
    return report if isinstance(report, ChildReport) else None


def _abandon(child: tuple[int, int]) -> None:
    """Stop a child whose report is no longer wanted, and reap it."""
    pid, read_end = child
    for step in (lambda: os.kill(pid, signal.SIGKILL), lambda: os.waitpid(pid, 0), lambda: os.close(read_end)):
        try:
            step()
        except OSError:  # gone already, or reaped, or closed
            pass


def _capture_logs() -> list[logging.LogRecord]:
    """In a child: every log record kept in a list (for the parent to log), none written out."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    loggers = [logging.getLogger(), *(each for each in logging.Logger.manager.loggerDict.values()
                                      if isinstance(each, logging.Logger))]
    for each in loggers:
        for handler in list(each.handlers):
            each.removeHandler(handler)
    logging.getLogger().addHandler(Keep())
    return records


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """``record`` as one that pickles: its message formatted, its traceback as text."""
    fields = {name: getattr(record, name) for name in _RECORD_FIELDS if hasattr(record, name)}
    fields["msg"] = record.getMessage()
    fields["args"] = None
    if record.exc_info:
        fields["msg"] += "\n" + logging.Formatter().formatException(record.exc_info)
    return logging.makeLogRecord(fields)
