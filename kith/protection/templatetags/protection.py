"""Child protection on pages that belong to other apps: the risk in a case's header on every
page of the case, and the child protection part of the case page. Template tags, so the
recording app need not import this one (the arrows point one way)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kith.cases.access import may_record_on
from kith.protection.access import may_record_conference
from kith.protection.queries import case_protection, risk_of

register = template.Library()


@register.inclusion_tag("protection/_risk.html")
def risk(case: Any) -> dict[str, Any]:
    return {"risk": risk_of(case, timezone.localdate()), "case": case}


@register.inclusion_tag("protection/_case_protection.html", takes_context=True)
def protection_for(context: dict[str, Any], case: Any) -> dict[str, Any]:
    user = context["user"]
    return {
        "case": case,
        "cp": case_protection(case),
        "can_record": case.is_open and may_record_on(user, case),
        "can_confer": case.is_open and may_record_conference(user, case),
        "today": timezone.localdate(),
    }
