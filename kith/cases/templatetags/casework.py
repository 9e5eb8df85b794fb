"""The person page's "Children's services" panel: the person's cases and contacts. A template
tag, so the people app need not know about cases (the arrows point one way)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.db.models import Q
from django.utils import timezone

from kith.accounts.models import Team
from kith.cases.models import Case, Contact
from kith.people.access import visible
from kith.people.models import BreakGlass, Person, Relationship

register = template.Library()


@register.inclusion_tag("cases/_person_cases.html", takes_context=True)
def cases_of(context: dict[str, Any], person: Any) -> dict[str, Any]:
    cases = list(
        Case.objects.filter(child=person)
        .select_related("worker", "team")
        .order_by("-referral_date")
    )
    contacts = list(
        Contact.objects.filter(child=person, case__isnull=True).order_by("-received_at")[:5]
    )
    return {
        "person": person,
        "cases": cases,
        "contacts": contacts,
        "can_record_contact": context.get("can_record_contact", False),
    }


# How far back a manager's My work page lists records opened with a reason.
REASONS_SHOWN_DAYS = 14


@register.inclusion_tag("cases/_opened_with_reason.html", takes_context=True)
def opened_with_reason(context: dict[str, Any]) -> dict[str, Any]:
    """For a manager: who opened the records of their teams' children (or those children's
    families) outside their own work, and why."""
    user = context["user"]
    # Every child whose case (open or closed) is held by a team they lead: a closed case's
    # child still needs a reason to open.
    children = Case.objects.filter(team__in=Team.objects.led_by(user)).values("child_id")
    family = (
        Q(person_id__in=children)
        | Q(person_id__in=Relationship.objects.filter(second_id__in=children).values("first_id"))
        | Q(person_id__in=Relationship.objects.filter(first_id__in=children).values("second_id"))
    )
    since = timezone.now() - timedelta(days=REASONS_SHOWN_DAYS)
    opened = (
        BreakGlass.objects.filter(family, started_at__gte=since)
        .filter(person__in=Person.objects.filter(visible(user)))
        .select_related("user", "person")
        .order_by("-started_at")[:50]
    )
    return {"opened": list(opened), "days": REASONS_SHOWN_DAYS}
