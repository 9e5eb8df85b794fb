"""A young person's leaving care support on the case page, which belongs to the recording app:
a template tag, so that app need not import this one (the arrows point one way)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kith.cases.access import may_record_on
from kith.leaving_care.codes import OWED_SUPPORT
from kith.leaving_care.models import CareLeaver
from kith.leaving_care.queries import status_of
from kith.leaving_care.status import birthday, nth

register = template.Library()


@register.inclusion_tag("leaving_care/_case.html", takes_context=True)
def leaving_care_for(context: dict[str, Any], case: Any) -> dict[str, Any]:
    born = case.child.date_of_birth
    if born is None or timezone.localdate() < birthday(born, 16):
        return {}  # nobody under 16 is a care leaver: no look needed
    leavers = list(CareLeaver.objects.filter(case=case).order_by("-started_on", "-pk"))
    shown: dict[str, Any] = {"case": case, "leavers": leavers, "status": None}
    if not any(leaver.is_open for leaver in leavers) and case.is_open:
        shown["status"] = status_of(case.child, timezone.localdate())
        shown["can_start"] = shown["status"] in OWED_SUPPORT and may_record_on(
            context["user"], case
        )
    return shown


@register.filter(name="nth")
def nth_filter(age: int) -> str:
    return nth(age)
