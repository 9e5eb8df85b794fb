"""What the worker does between jobs: says it is alive, puts right the jobs a dead worker left
running, and starts the scheduled jobs that are due.

A worker killed in the middle of a job (a crash, an out-of-memory kill, a server switched off)
leaves its job marked running. Its heartbeat stops; once it is STALE_AFTER old, or at once if
the worker's process is known to have ended, the job is run again (if its kind can safely start
over and it has not been tried MOST_ATTEMPTS times) or marked failed in words, and its own
record told. Never lost silently."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from kith.jobs.kinds import KINDS
from kith.jobs.models import Job, JobStatus, WorkerSeen
from kith.jobs.processes import process_gone, this_process
from kith.jobs.queue import give_up, put_on_queue

BEAT_SECONDS = 10
STALE_AFTER = timedelta(minutes=2)
MOST_ATTEMPTS = 2
# A worker not seen for this long is taken to be down (/healthz and the jobs page say so).
WORKER_GONE_AFTER = timedelta(minutes=1)
CUT_SHORT = (
    "It stopped before it finished, because the worker running it stopped (a restart or a "
    "crash), and it could not safely be run again. Start it again."
)


def beat(now: datetime | None = None) -> None:
    """This worker, and the job it runs, are alive."""
    now = now or timezone.now()
    me = this_process()
    if not WorkerSeen.objects.filter(worker=me).update(seen_at=now):
        WorkerSeen.objects.get_or_create(worker=me, defaults={"started_at": now, "seen_at": now})
    Job.objects.filter(worker=me, status=JobStatus.RUNNING).update(heartbeat_at=now)


def cut_short(job: Job, now: datetime) -> bool:
    if job.status != JobStatus.RUNNING:
        return False
    if now - (job.heartbeat_at or job.started_at or job.queued_at) > STALE_AFTER:
        return True
    return process_gone(job.worker)


def put_right(now: datetime | None = None) -> int:
    """Run again, or mark failed, every job whose worker died under it. Returns how many."""
    now = now or timezone.now()
    running = Job.objects.filter(status=JobStatus.RUNNING)
    found = 0
    for job in running:
        if not cut_short(job, now):
            continue
        kind = KINDS.get(job.kind)
        again = kind is not None and kind.again_if_cut_short and job.attempts < MOST_ATTEMPTS
        # Only if it is still as we read it: another worker's watchdog may have got there first.
        still = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=job.worker)
        if again:
            with transaction.atomic():
                if still.update(status=JobStatus.WAITING, heartbeat_at=None, worker=""):
                    put_on_queue(job)
                    found += 1
        elif give_up(job, CUT_SHORT, worker=job.worker):
            found += 1
    return found + queue_again_lost(now)


def queue_again_lost(now: datetime) -> int:
    """A job still waiting with nothing on the queue to carry it (a worker died between taking
    it off the queue and starting it) is put on the queue again."""
    from django_tasks_db.models import DBTaskResult

    waiting = Job.objects.filter(status=JobStatus.WAITING, queued_at__lt=now - STALE_AFTER)
    found = 0
    for job in waiting:
        carried = DBTaskResult.objects.filter(
            args_kwargs__args=[job.pk], status__in=["READY", "RUNNING"]
        )
        if any(r.status == "READY" or not cut_short_task(r, now) for r in carried):
            continue
        put_on_queue(job)
        found += 1
    return found


def cut_short_task(result: object, now: datetime) -> bool:
    """A queue entry taken by a worker that has since gone quiet."""
    started = getattr(result, "started_at", None)
    return started is None or now - started > STALE_AFTER


def start_scheduled(now: datetime | None = None) -> list[Job]:
    """Start each daily job whose time has come today and which has not run today. A worker
    that was down at that time starts it when it comes back; two workers never both start it."""
    local = timezone.localtime(now or timezone.now())
    started = []
    for kind in KINDS.values():
        if kind.every_day_at is None or local.time() < kind.every_day_at:
            continue
        if kind.only_if is not None and not kind.only_if():
            continue
        if Job.objects.filter(kind=kind.name, scheduled_for=local.date()).exists():
            continue
        try:
            with transaction.atomic():
                job = Job.objects.create(kind=kind.name, scheduled_for=local.date())
                put_on_queue(job)
        except IntegrityError:  # another worker started it a moment ago
            continue
        started.append(job)
    return started


def a_worker_is_alive(now: datetime | None = None) -> bool:
    since = (now or timezone.now()) - WORKER_GONE_AFTER
    return WorkerSeen.objects.filter(seen_at__gte=since).exists()
