"""Making a return file in the background while its page shows how far it has got.

A run made in the background dies with its process (a restart, a deployment). So that it does
not show "being made" for ever, it keeps a heartbeat while it is made and records which process
makes it; the returns pages mark a run failed once its heartbeat is STALE_AFTER old or its
process has gone (`fail_stopped`)."""

from __future__ import annotations

import os
import socket
import threading
import traceback
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.returns import validator
from kith.returns.census import CollectionYear, count_in
from kith.returns.exports import write_cin_census
from kith.returns.models import ReturnRun, RunStatus

# A run being made says it is alive this often, even while the validator checks its file
# (which can take half an hour), and is taken for dead when it has not said so for this long.
BEAT_SECONDS = 30
STALE_AFTER = timedelta(minutes=5)
STOPPED = (
    "Making the file stopped before it finished, probably because the server was restarted. "
    "Make it again."
)


def start(year: CollectionYear, *, by: User, check: bool) -> ReturnRun:
    """Start making the year's CIN census file (and checking it, if asked and installed)."""
    run = ReturnRun.objects.create(
        year=year.year,
        started_by=by,
        check_with_validator=check and validator.available(),
        heartbeat_at=timezone.now(),
        process=this_process(),
    )
    record(
        by=by,
        verb=Verb.RETURN_MADE,
        detail={"return": "cin census", "year": year.year, "run": run.pk},
    )
    if settings.KITH_RETURNS_IN_BACKGROUND:
        transaction.on_commit(lambda: _in_background(run.pk))
    else:
        make(run.pk)
        run.refresh_from_db()
    return run


def _in_background(pk: int) -> None:
    done = threading.Event()

    def work() -> None:
        try:
            make(pk)
        finally:
            done.set()
            connection.close()

    def heartbeat() -> None:
        try:
            while not done.wait(BEAT_SECONDS):
                try:
                    beat(pk)
                except DatabaseError:  # busy or dropped: one missed beat, the next one counts
                    connection.close()
        finally:
            connection.close()

    threading.Thread(target=work, name=f"return-{pk}", daemon=True).start()
    threading.Thread(target=heartbeat, name=f"return-{pk}-heartbeat", daemon=True).start()


def beat(pk: int) -> None:
    """The run is still being made."""
    ReturnRun.objects.filter(pk=pk, status=RunStatus.RUNNING).update(heartbeat_at=timezone.now())


def this_process() -> str:
    """The process making a run: its host, its id and when it started (a restarted server
    often gives its new processes the old ones' ids)."""
    pid = os.getpid()
    return f"{socket.gethostname()} {pid} {_started(pid)}"


def _started(pid: int) -> str:
    """When a process started, in clock ticks since the machine booted (field 22 of Linux's
    /proc/PID/stat); empty if there is no such process, or the system does not say."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def process_gone(process: str) -> bool:
    """Whether the process that made a run has certainly ended. Only a process on this host
    can be looked at; for one on another host (or none recorded) the heartbeat decides."""
    host, _, rest = process.partition(" ")
    if not rest or host != socket.gethostname():
        return False
    pid, _, started = rest.partition(" ")
    if started:
        return _started(int(pid)) != started
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, as another user
        return False
    return False


def has_stopped(run: ReturnRun, now: datetime) -> bool:
    """A run still marked as being made whose process has died: it has not said it is alive
    for STALE_AFTER, or its process is no longer there."""
    if run.status != RunStatus.RUNNING:
        return False
    if now - (run.heartbeat_at or run.started_at) > STALE_AFTER:
        return True
    return process_gone(run.process)


def fail_stopped() -> int:
    """Mark failed every run that stopped before it finished, so its page says so and the data
    officer makes it again. Cheap enough for every returns page: it reads only the runs still
    marked as being made (a handful at most)."""
    now = timezone.now()
    running = ReturnRun.objects.filter(status=RunStatus.RUNNING).only(
        "status", "started_at", "heartbeat_at", "process"
    )
    stopped = [run.pk for run in running if has_stopped(run, now)]
    if not stopped:
        return 0
    return ReturnRun.objects.filter(pk__in=stopped, status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED, problem=STOPPED, finished_at=now
    )


def path_of(run: ReturnRun) -> Path:
    return Path(settings.MEDIA_ROOT) / run.file


def make(pk: int) -> None:
    run = ReturnRun.objects.get(pk=pk)
    year = CollectionYear(run.year)
    try:
        ReturnRun.objects.filter(pk=pk).update(
            total=count_in(year), heartbeat_at=timezone.now(), process=this_process()
        )
        run.file = f"returns/{run.pk}-{run.filename}"
        path = path_of(run)
        path.parent.mkdir(parents=True, exist_ok=True)

        def progress(done: int) -> None:
            ReturnRun.objects.filter(pk=pk).update(done=done, heartbeat_at=timezone.now())

        with open(path, "w", encoding="utf-8") as out:
            children = write_cin_census(year, out, progress)
        found = validator.run(path) if run.check_with_validator else None
        ReturnRun.objects.filter(pk=pk).update(
            file=run.file,
            children=children,
            validation=found,
            status=RunStatus.DONE,
            finished_at=timezone.now(),
        )
    except Exception as failure:  # the page says so; the details go to the log
        traceback.print_exc()
        ReturnRun.objects.filter(pk=pk).update(
            status=RunStatus.FAILED,
            problem=f"The file could not be made ({type(failure).__name__}). Try again, and "
            "tell your system administrator if it fails again.",
            finished_at=timezone.now(),
        )
