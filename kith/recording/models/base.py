"""What every record in a case shares: its author, its status, its draft and its versions."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for authorisation"
    AUTHORISED = "authorised", "Authorised"
    FINAL = "final", "Recorded"


class Record(models.Model):
    """What every record in a case has: who wrote it, where it is in its life, its version."""

    # The slug used in addresses and the version history ("visit"), set by each kind.
    kind: ClassVar[str] = ""
    needs_authorisation: ClassVar[bool] = False
    # A living document (a plan) can be updated after it is final; other records are locked.
    living: ClassVar[bool] = False
    # The fields a version keeps (every field the worker writes).
    recorded_fields: ClassVar[tuple[str, ...]] = ()
    # The field holding the practice date the record is about (the visit's date, say).
    date_field: ClassVar[str] = ""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="%(class)ss")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Exactly what was typed at the last autosave, even what did not yet make sense (a half
    # typed date), so nothing is lost; cleared when the record is submitted.
    draft = models.JSONField(default=dict, blank=True)
    # A random token from the page the record was started on, so pressing Save twice (or a
    # slow network sending it twice) finds this record instead of making a second one.
    form_token = models.CharField(max_length=32, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_comments = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
        constraints = [
            # One record per page: the same form sent twice at once, or an autosave racing a
            # save, find the record the first one made instead of making a second
            # (recording/one_per_page.py).
            models.UniqueConstraint(
                fields=["form_token"],
                condition=~models.Q(form_token=""),
                name="%(app_label)s_%(class)s_one_per_page",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_final(self) -> bool:
        return self.status in (Status.AUTHORISED, Status.FINAL)

    @property
    def is_locked(self) -> bool:
        """Changed only by an amendment (or, while waiting, by being returned)."""
        return not self.is_draft and not (self.living and self.is_final)

    @property
    def title(self) -> str:
        return str(self._meta.verbose_name).capitalize()

    def happened_on(self) -> date | None:
        """The practice date the record is about, for lists and the chronology."""
        value: date | None = getattr(self, self.date_field)
        return value

    def snapshot(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in self.recorded_fields:
            value = getattr(self, name)
            values[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return values


class RecordVersion(models.Model):
    """One saved state of a record: what it said, who saved it, when and why. Never changed."""

    kind = models.CharField(max_length=30)
    record_id = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices)
    values = models.JSONField()
    what = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "record_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id", "number"], name="one_version_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} version {self.number}"
