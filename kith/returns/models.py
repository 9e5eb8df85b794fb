"""Returns made: each run of the CIN census or the SSDA903 return (with its progress, its file
and, when asked, the community validator's findings), and what the DfE data feed last sent for
each child (so a child or record that has left the feed's scope is sent again with a purge
flag)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class RunStatus(models.TextChoices):
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class ReturnKind(models.TextChoices):
    CIN = "cin", "Children in need census"
    SSDA903 = "ssda903", "SSDA903 return (children looked after)"


class ReturnRun(models.Model):
    """One making of a return file. Never deleted: it is the record of what was sent."""

    kind = models.CharField(max_length=10, choices=ReturnKind.choices, default=ReturnKind.CIN)
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    total = models.PositiveIntegerField(default=0)  # children to look at (the census)
    done = models.PositiveIntegerField(default=0)  # looked at so far (903: rows written)
    children = models.PositiveIntegerField(default=0)  # in the file
    file = models.CharField(max_length=300, blank=True)  # under MEDIA_ROOT
    check_with_validator = models.BooleanField(default=False)
    validation = models.JSONField(null=True, blank=True)  # the community validator's findings
    problem = models.TextField(blank=True)  # why it failed, in words
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The work of making it, done by the job worker (kith/returns/runs.py).
    job = models.OneToOneField(
        "jobs.Job", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.year - 1} to {self.year}, "
            f"{self.started_at:%d/%m/%Y %H:%M}"
        )

    @property
    def percent(self) -> int:
        if self.status != RunStatus.RUNNING:
            return 100
        return min(99, round(100 * self.done / self.total)) if self.total else 0

    @property
    def filename(self) -> str:
        if self.kind == ReturnKind.SSDA903:  # a ZIP of the DfE's CSV files, one a table
            return f"ssda903-{self.year}-{settings.KITH_LA_ONS_CODE}.zip"
        return f"CIN_Census_{settings.KITH_LA_CODE}_{self.year}.xml"

    @property
    def content_type(self) -> str:
        return "application/zip" if self.kind == ReturnKind.SSDA903 else "application/xml"


class FeedChild(models.Model):
    """What the DfE data feed last sent about one child: the ids of each thing sent (episodes,
    assessments, plans…), so the next send can purge what is no longer in the feed."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="+")
    sent = models.JSONField(default=dict)
    digest = models.CharField(max_length=64, blank=True)  # of the payload sent last
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Feed for person {self.person_id}"


class FeedSend(models.Model):
    """One run of the feed: when, how many children, whether it was sent and what came back."""

    made_at = models.DateTimeField(default=timezone.now)
    children = models.PositiveIntegerField(default=0)
    purged = models.PositiveIntegerField(default=0)
    sent = models.BooleanField(default=False)
    receipts = models.JSONField(default=list)  # the DfE's receipt for each batch
    problem = models.TextField(blank=True)

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"Feed {self.made_at:%d/%m/%Y %H:%M}"
