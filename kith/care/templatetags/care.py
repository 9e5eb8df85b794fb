"""A looked-after child's care on the case page, which belongs to the recording app: a template
tag, so that app need not import this one (the arrows point one way)."""

from __future__ import annotations

from typing import Any

from django import template

from kith.care.models import CarePeriod
from kith.cases.access import may_record_on

register = template.Library()


@register.inclusion_tag("care/_case_care.html", takes_context=True)
def care_for(context: dict[str, Any], case: Any) -> dict[str, Any]:
    periods = list(CarePeriod.objects.filter(case=case).order_by("-started_on", "-pk"))
    looked_after = any(p.is_open for p in periods)
    return {
        "case": case,
        "periods": periods,
        "can_start": case.is_open and not looked_after and may_record_on(context["user"], case),
    }
