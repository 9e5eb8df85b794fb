from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models

from kith.accounts.roles import MANAGING_ROLES, STAFF_ROLES, Role


class ServiceArea(models.Model):
    """A part of children's services led by a head of service, e.g. "Safeguarding"."""

    name = models.CharField(max_length=120, unique=True)
    head = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_areas_led",
        help_text="The head of service who leads this area.",
    )
    is_partner_agency = models.BooleanField(
        default=False,
        help_text="Tick for organisations outside the authority (police, health, schools).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Teams(models.QuerySet["Team"]):
    def led_by(self, user: User) -> Teams:
        """The teams whose work a manager oversees and authorises: those a team manager is
        named manager of; a head of service's whole service area; none for anyone else."""
        if user.role == Role.HEAD_OF_SERVICE:
            return self.filter(service_area__head=user)
        if user.role == Role.TEAM_MANAGER:
            return self.filter(manager=user)
        return self.none()


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    service_area = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="teams")
    manager = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teams_managed",
        help_text="The team manager who authorises the team's work.",
    )

    objects = Teams.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """Someone who signs in to Kith. Never deleted: switch off "active" when they leave, so
    their name stays on every record they wrote and every look they took."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.SOCIAL_WORKER)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    job_title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only administrators may open the Django admin, where they may manage everything; the
        # flags follow the role so the two can never disagree.
        self.is_staff = self.is_superuser = self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)

    @property
    def is_staff_member(self) -> bool:
        """Employed by the authority (partner agency users are not)."""
        return self.role in STAFF_ROLES

    @property
    def leads_others(self) -> bool:
        return self.role in MANAGING_ROLES

    @property
    def role_label(self) -> str:
        return Role(self.role).label


class SignedInSession(models.Model):
    """Where someone is signed in: one row per sign-in, so they can see their other sessions
    (another computer, a phone) and end them."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    browser = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        indexes = [models.Index(fields=["user", "ended_at"], name="session_user_open")]

    def __str__(self) -> str:
        return f"{self.user} since {self.started_at:%Y-%m-%d %H:%M}"


class SignInThrottle(models.Model):
    """Failed sign-ins counted for one sign-in name ("name:sam.patel") or for one name from
    one address ("name+address:sam.patel 192.0.2.7"). The rule that reads the counts is in
    kith/accounts/throttle.py; the audit log keeps the record of each attempt."""

    key = models.CharField(max_length=255, unique=True)
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"
