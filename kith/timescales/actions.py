"""Changing a local timescale, and saying why a deadline was missed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.actions import claim
from kith.lib import timescales as rules
from kith.timescales.models import Deadline, LocalRule


@transaction.atomic
def change_rule(key: str, *, by: User, offset: int, was: int, reason: str) -> LocalRule:
    """Set one of the authority's local timescales. It applies to plans and deadlines set from
    now on; `was` is the value the administrator saw, so two changes at once are noticed."""
    rules.forget()
    rule = rules.rule(key)
    problem = rules.offset_problem(rule, offset)
    if problem:
        raise ValidationError(problem)
    if rule.offset != was:
        raise ValidationError(
            f"Someone changed this timescale to {rule.timescale} after you opened the page. "
            "Check it is still the change you want, and save again."
        )
    if not reason.strip():
        raise ValidationError("Say why the timescale is changing")
    change = LocalRule.objects.create(rule=key, offset=offset, reason=reason.strip(), changed_by=by)
    rules.forget()
    record(
        by=by,
        verb=Verb.TIMESCALE_CHANGED,
        why=reason.strip(),
        detail={"rule": key, "from": rule.offset, "to": offset, "unit": rule.unit},
    )
    return change


@transaction.atomic
def give_late_reason(deadline: Deadline, *, by: User, version: int | None, reason: str) -> Deadline:
    """The worker's reason a timescale was (or will be) missed, as Working Together asks. A
    reason can be corrected; the audit log keeps each one."""
    if not reason.strip():
        raise ValidationError("Say why it was missed")
    claim(deadline, version)
    deadline.late_reason = reason.strip()
    deadline.late_reason_by = by
    deadline.late_reason_at = timezone.now()
    deadline.save(update_fields=["late_reason", "late_reason_by", "late_reason_at", "version"])
    record(
        by=by,
        verb=Verb.LATE_REASON_GIVEN,
        person=deadline.case.child,
        why=deadline.late_reason,
        detail={"case": deadline.case_id, "deadline": deadline.pk, "rule": deadline.rule},
    )
    return deadline
