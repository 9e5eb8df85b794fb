"""The jobs that outlast a page: what each is, who asked for it, how far it has got and how it
ended. The queue (django-tasks, kith/jobs/queue.py) carries a job to the worker; this record is
what the pages and administrators read, and what the worker's watchdog puts right when a worker
dies mid-job."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class JobStatus(models.TextChoices):
    WAITING = "waiting", "Waiting its turn"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """One piece of background work. Never deleted: a return's job is part of what was sent."""

    kind = models.CharField(max_length=40)  # a name in kith.jobs.kinds.KINDS
    args = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.WAITING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # nobody for a scheduled job
    # The day a scheduled job is for: at most one job of a kind a day, however many workers.
    scheduled_for = models.DateField(null=True, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Signs of life while it runs: the worker beats every few seconds; a job whose beat stops,
    # or whose worker's process has gone, is run again or marked failed (kith/jobs/watchdog.py).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=300, blank=True)  # host, process id, when it started
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    outcome = models.TextField(blank=True)  # what it did, in words
    problem = models.TextField(blank=True)  # why it failed, in words

    class Meta:
        ordering = ["-queued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scheduled_for"],
                condition=Q(scheduled_for__isnull=False),
                name="one_scheduled_job_a_day",
            )
        ]
        indexes = [models.Index(fields=["status"], name="jobs_by_status")]

    def __str__(self) -> str:
        return f"{self.kind.capitalize()}, {self.queued_at:%d/%m/%Y %H:%M}"

    def tell(self, done: int, total: int | None = None) -> None:
        """How far the job has got (the pages show it), which also says it is alive."""
        self.done = done
        fields: dict[str, object] = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            self.total = fields["total"] = total
        Job.objects.filter(pk=self.pk).update(**fields)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(99, round(100 * self.done / self.total)) if self.total else 0


class WorkerSeen(models.Model):
    """When each worker process last said it was alive (for /healthz and the jobs page)."""

    worker = models.CharField(max_length=300, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.worker
