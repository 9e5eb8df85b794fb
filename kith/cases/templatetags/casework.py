"""The person page's "Children's services" panel: the person's cases and contacts. A template
tag, so the people app need not know about cases (the arrows point one way)."""

from __future__ import annotations

from typing import Any

from django import template

from kith.cases.models import Case, Contact

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
        "can_record": context.get("can_record", False),
    }
