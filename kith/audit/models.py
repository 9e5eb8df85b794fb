from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from kith.audit.verbs import Verb


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be removed.")


class AuditEvent(models.Model):
    """One thing someone did or saw. Rows are only ever added: the model refuses to update or
    delete, and on PostgreSQL a trigger refuses it too (migration 0002), so no code path can."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it; empty for someone not signed in (a failed sign-in).",
    )
    verb = models.CharField(max_length=60)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The child or adult whose record this was about, if any.",
    )
    why = models.TextField(blank=True, help_text="The reason given, where one was asked for.")
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # The audit pages' filter by what was done, over a time (audit/views.py).
            models.Index(fields=["verb", "at"], name="audit_verb_at"),
            # "What has this user looked at" and "who has looked at this child".
            models.Index(fields=["by", "at"], name="audit_by_at"),
            models.Index(fields=["person", "at"], name="audit_person_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.by or 'someone not signed in'}: {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be removed.")

    @property
    def what(self) -> str:
        return Verb.describe(self.verb)
