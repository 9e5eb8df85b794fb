"""Starting a job and running it.

`start` records the job and puts it on the queue in the same transaction, so a job is never
queued for work that was rolled back, and never lost once its page has said it started. The
queue is django-tasks (decision 0016): its database backend in production, where the worker
(`manage.py run_worker`) takes jobs one at a time; its immediate backend in the tests, where a
job runs as soon as it starts."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from kith.accounts.models import User
from kith.jobs.kinds import KINDS
from kith.jobs.models import Job, JobStatus
from kith.jobs.processes import this_process

log = logging.getLogger("kith.jobs")

FAILED = (
    "It stopped because of a problem in Kith (the details are in the server's log). Start it "
    "again, and tell your system administrator if it fails again."
)


class JobFailed(Exception):
    """Raised by a job's work to fail in its own words ("the server's disk is full")."""


def start(kind: str, *, by: User | None = None, **args: object) -> Job:
    if kind not in KINDS:
        raise ValueError(f"No such kind of job: {kind}")
    with transaction.atomic():  # the job and its place on the queue, or neither
        job = Job.objects.create(kind=kind, args=args, started_by=by)
        put_on_queue(job)
    job.refresh_from_db()
    return job


def put_on_queue(job: Job) -> None:
    run_job.enqueue(job.pk)


@task()
def run_job(job_id: int) -> None:
    perform(job_id)


def perform(job_id: int) -> None:
    """Run a waiting job. A job already taken (or given up) is left alone, so a job queued twice
    runs once."""
    now = timezone.now()
    me = this_process()
    taken = Job.objects.filter(pk=job_id, status=JobStatus.WAITING).update(
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker=me,
        attempts=F("attempts") + 1,
    )
    if not taken:
        return
    job = Job.objects.get(pk=job_id)
    kind = KINDS.get(job.kind)
    try:
        if kind is None:
            raise LookupError(f"No such kind of job: {job.kind}")
        outcome = kind.run(job)
    except JobFailed as failure:
        log.warning("Job %s (%s) failed: %s", job.pk, job.kind, failure)
        give_up(job, str(failure), worker=me)
        return
    except Exception:  # the page says so in words; the details go to the log
        log.exception("Job %s (%s) failed", job.pk, job.kind)
        give_up(job, FAILED, worker=me)
        return
    # Only if it is still this worker's: a watchdog that took it for dead has the say.
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=me).update(
        status=JobStatus.DONE, finished_at=timezone.now(), outcome=outcome or ""
    )


def give_up(job: Job, problem: str, *, worker: str) -> bool:
    """Mark failed a job still running on `worker` (and tell its kind, so its own record, a
    return run, says so too). Whoever finds it first does it, once; returns whether it was."""
    changed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=worker).update(
        status=JobStatus.FAILED, problem=problem, finished_at=timezone.now()
    )
    kind = KINDS.get(job.kind)
    if changed and kind is not None and kind.given_up is not None:
        job.refresh_from_db()
        kind.given_up(job)
    return bool(changed)
