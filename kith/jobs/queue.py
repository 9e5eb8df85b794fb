"""Starting a job and running it.

`start` records the job and puts it on the queue in the same transaction, so a job is never
queued for work that was rolled back, and never lost once its page has said it started. The
queue is django-tasks (decision 0016): its database backend in production, where the worker
(`manage.py run_worker`) takes jobs one at a time; its immediate backend in the tests, where a
job runs as soon as it starts."""

from __future__ import annotations

import logging

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from kith.accounts.models import User
from kith.jobs.kinds import KINDS
from kith.jobs.models import Job, JobStatus
from kith.jobs.processes import this_process

log = logging.getLogger("kith.jobs")

FAILED = (
    "It stopped with an error ({error}). Start it again, and tell your system administrator "
    "if it fails again."
)


class JobFailed(Exception):
    """Raised by a job's work to fail in its own words ("the server's disk is full")."""


def start(kind: str, *, by: User | None = None, **args: object) -> Job:
    if kind not in KINDS:
        raise ValueError(f"No such kind of job: {kind}")
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
    taken = Job.objects.filter(pk=job_id, status=JobStatus.WAITING).update(
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker=this_process(),
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
        give_up(job, str(failure))
        return
    except Exception as failure:  # the page says so; the details go to the log
        log.exception("Job %s (%s) failed", job.pk, job.kind)
        give_up(job, FAILED.format(error=type(failure).__name__))
        return
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.DONE, finished_at=timezone.now(), outcome=outcome or ""
    )


def give_up(job: Job, problem: str) -> None:
    """Mark a job failed, and tell its kind, so its own record (a return run) says so too."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, problem=problem, finished_at=timezone.now()
    )
    kind = KINDS.get(job.kind)
    if kind is not None and kind.given_up is not None:
        job.refresh_from_db()
        kind.given_up(job)
