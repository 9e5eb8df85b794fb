"""A looked-after child's care on the case page, which belongs to the recording app: a template
tag, so that app need not import this one (the arrows point one way)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Exists, OuterRef

from kith.care.models import CarePeriod, LegalStatusChange
from kith.cases.access import may_record_on

register = template.Library()
_breaks = LegalStatusChange.objects.filter(status="V3")


@register.inclusion_tag("care/_case_care.html", takes_context=True)
def care_for(context: dict[str, Any], case: Any) -> dict[str, Any]:
    periods = list(
        CarePeriod.objects.filter(case=case)
        .annotate(
            short_break=Exists(LegalStatusChange.objects.filter(period=OuterRef("pk"), status="V3"))
        )
        .order_by("-started_on", "-pk")
    )
    looked_after = any(p.is_open for p in periods)
    breaks = [p for p in periods if p.short_break]
    return {
        "case": case,
        "periods": [p for p in periods if not p.short_break],
        "breaks": breaks,
        "can_start": case.is_open and not looked_after and may_record_on(context["user"], case),
        "can_record": case.is_open and may_record_on(context["user"], case),
    }
