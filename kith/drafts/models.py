"""Words typed into a form and not yet saved: a strategy discussion half written when the phone
rang, a contact interrupted by a sign-out. Kept for the person who typed them, and put back when
they open the same form again; forgotten once the form is saved. Records in a case keep their
drafts in the record itself (recording/models/base.py); every other form keeps them here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class FormDraft(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The address of the form's page: one draft per person and page.
    page = models.CharField(max_length=300)
    title = models.CharField(max_length=200, blank=True)
    # The child (or adult) the form is about, for My work and to check who may see it.
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    typed = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="one_draft_per_person_and_page")
        ]

    def __str__(self) -> str:
        return f"{self.title or self.page} ({self.user})"


class SentForm(models.Model):
    """A form that makes something new, sent once: its page's random token, kept so that the
    same form sent again (Save pressed twice, a slow network sending it twice) finds what the
    first made instead of making a second (kith/drafts/once.py)."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    # Where what it made is: the page the second sending is sent to.
    result = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"Form sent by {self.user} at {self.sent_at:%Y-%m-%d %H:%M}"
