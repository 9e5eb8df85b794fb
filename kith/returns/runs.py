"""Making a return file (the CIN census, or the SSDA903 return as a ZIP of its CSV files: its
job is in runs_903.py) as a job (kith/jobs) while its page shows how far it has got.

The run is the return's own record (its year, its file, the validator's findings); its job is
the work of making it, done by the worker. A run cut short by a worker's death is made again
from the start by the job's watchdog, or marked failed with a reason when it cannot be."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.jobs.kinds import Kind
from kith.jobs.models import Job
from kith.jobs.queue import JobFailed
from kith.jobs.queue import start as start_job
from kith.returns import validator, validator_903
from kith.returns.census import CollectionYear, count_in
from kith.returns.exports import write_cin_census
from kith.returns.models import ReturnKind, ReturnRun, RunStatus

CENSUS = "cin census"
SSDA903 = "ssda903"  # the job kind in runs_903.py
JOB_OF = {ReturnKind.CIN: CENSUS, ReturnKind.SSDA903: SSDA903}
# What the audit log calls each return ("return" in the detail of RETURN_MADE and _DOWNLOADED).
AUDITED_AS = {ReturnKind.CIN: "cin census", ReturnKind.SSDA903: "ssda903"}
DISK_FULL = (
    "There was no room left on the server's disk for the file, so it was not made. Tell your "
    "system administrator, then make it again."
)
NOT_MADE = (
    "The file could not be made. Try again, and tell your system administrator if it fails again."
)


def can_check(kind: str) -> bool:
    """Whether the community validator for this return is installed on this server."""
    return validator_903.available() if kind == ReturnKind.SSDA903 else validator.available()


def start(year: CollectionYear, *, by: User, check: bool, kind: str = ReturnKind.CIN) -> ReturnRun:
    """Start making the year's CIN census file, or its SSDA903 return (kind="ssda903"), and
    checking it, if asked and the validator is installed: the run, its audit event and its job,
    all or none."""
    kind = ReturnKind(kind)
    with transaction.atomic():
        run = ReturnRun.objects.create(
            kind=kind,
            year=year.year,
            started_by=by,
            check_with_validator=check and can_check(kind),
        )
        record(
            by=by,
            verb=Verb.RETURN_MADE,
            detail={"return": AUDITED_AS[kind], "year": year.year, "run": run.pk},
        )
        job = start_job(JOB_OF[kind], by=by, run=run.pk)
        ReturnRun.objects.filter(pk=run.pk).update(job=job)
    run.refresh_from_db()
    return run


def path_of(run: ReturnRun) -> Path:
    return Path(settings.MEDIA_ROOT) / run.file


def make(job: Job) -> str:
    """The job: write the file (from the start, if a worker died making it before), then check
    it with the community validator if asked."""
    run = ReturnRun.objects.get(pk=job.args["run"])
    year = CollectionYear(run.year)
    total = count_in(year)
    ReturnRun.objects.filter(pk=run.pk).update(total=total, done=0)
    job.tell(0, total)
    run.file = f"returns/{run.pk}-{run.filename}"
    path = path_of(run)
    path.parent.mkdir(parents=True, exist_ok=True)

    def progress(done: int) -> None:
        ReturnRun.objects.filter(pk=run.pk).update(done=done)
        job.tell(done)

    # Written under another name and renamed when whole, so a file cut short (a full disk, a
    # killed worker) is never there to be downloaded or sent.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # this attempt's own
    try:
        with open(partial, "w", encoding="utf-8") as out:
            children = write_cin_census(year, out, progress)
        os.replace(partial, path)
    except OSError as failure:
        partial.unlink(missing_ok=True)
        if failure.errno in (errno.ENOSPC, errno.EDQUOT):
            raise JobFailed(DISK_FULL) from failure
        raise
    found = validator.run(path) if run.check_with_validator else None
    ReturnRun.objects.filter(pk=run.pk).update(
        file=run.file,
        children=children,
        validation=found,
        status=RunStatus.DONE,
        finished_at=timezone.now(),
    )
    return f"{children:,} children in the CIN census {year.year - 1} to {year.year}."


def not_made(job: Job) -> None:
    """The job was given up: the run's page says the file was not made, and why."""
    ReturnRun.objects.filter(pk=job.args["run"], status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED, problem=job.problem or NOT_MADE, finished_at=timezone.now()
    )


KIND = Kind(CENSUS, "Making the CIN census file", run=make, given_up=not_made)
