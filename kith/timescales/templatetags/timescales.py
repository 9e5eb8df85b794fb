"""A case's deadlines on the case page (a recording page): a template tag, so the recording app
need not import this one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils import timezone

from kith.cases.access import may_record_on
from kith.lib.timescales import Standing, needs_reason
from kith.timescales.models import Deadline

register = template.Library()

SHOWN_FIRST = 8


@dataclass
class Row:
    deadline: Deadline
    state: Standing
    needs_reason: bool


@register.inclusion_tag("timescales/_deadlines.html", takes_context=True)
def deadlines_for(context: dict[str, Any], case: Any) -> dict[str, Any]:
    """Open deadlines first (soonest due first), then those done (latest first); ones no longer
    needed are left out."""
    today = timezone.localdate()
    rows = []
    for d in Deadline.objects.filter(case=case, withdrawn_on__isnull=True).select_related(
        "late_reason_by"
    ):
        state = d.standing(today)
        rows.append(Row(d, state, needs_reason(state)))
    rows.sort(key=lambda r: (r.deadline.done_on is not None, r.deadline.due_on))
    done = sorted((r for r in rows if r.deadline.done_on), key=lambda r: r.deadline.due_on)
    rows = [r for r in rows if not r.deadline.done_on] + done[::-1]
    return {
        "rows": rows[:SHOWN_FIRST],
        "earlier": rows[SHOWN_FIRST:],
        "can_record": may_record_on(context["user"], case),
        "missing_reasons": sum(1 for r in rows if r.needs_reason and not r.deadline.late_reason),
    }
