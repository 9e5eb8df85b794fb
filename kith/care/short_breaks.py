"""Short breaks: an agreed series of short stays away from home (the 903's legal status V3,
each break recorded), each a period of care of its own, recorded whole on one page once the
child is home again. A break lasts at most 17 days (the 903's rule 365), is never in a
temporary or long-term foster placement (rules 382 and 384), and never overlaps another period
of care."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.care.codes import LONG_TERM, TEMPORARY, CareEndReason, LegalStatus
from kith.care.models import CarePeriod, LegalStatusChange, Placement
from kith.cases.changes import changed
from kith.cases.models import Case

LONGEST = timedelta(days=17)
# Where a break may be spent: not a temporary move, not long-term fostering, not at home.
NOT_FOR_BREAKS = TEMPORARY | LONG_TERM | {"P1"}


def break_problems(case: Case, started_on: date | None, ended_on: date | None) -> dict[str, str]:
    found: dict[str, str] = {}
    if started_on is None or ended_on is None:
        return found
    if ended_on <= started_on:
        found["ended_on"] = "A short break ends at least the day after it began (a night away)"
    elif ended_on - started_on > LONGEST:
        found["ended_on"] = "A short break lasts at most 17 days: a longer stay is care"
    overlapping = CarePeriod.objects.filter(
        child_id=case.child_id, started_on__lte=ended_on
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=started_on))
    if "ended_on" not in found and overlapping.exists():
        found["started_on"] = "The child was already looked after on some of these days"
    return found


@transaction.atomic
def record_short_break(
    case: Case, *, by: User, started_on: date, ended_on: date, need: str, **placement: Any
) -> CarePeriod:
    if not case.is_open:
        raise ValidationError("This case is closed.")
    found = break_problems(case, started_on, ended_on)
    if placement.get("kind") in NOT_FOR_BREAKS:
        found["kind"] = "A short break is not spent in a temporary, long-term or family placement"
    if found:
        raise ValidationError(found)
    period = CarePeriod.objects.create(
        case=case,
        child_id=case.child_id,
        started_on=started_on,
        need=need,
        ended_on=ended_on,
        end_reason=CareEndReason.RETURNED_HOME_PLANNED,
        end_note="The short break ended as planned.",
        recorded_by=by,
    )
    LegalStatusChange.objects.create(
        period=period, status=LegalStatus.SHORT_BREAKS_EACH, started_on=started_on, recorded_by=by
    )
    Placement.objects.create(period=period, started_on=started_on, recorded_by=by, **placement)
    record(
        by=by,
        verb=Verb.SHORT_BREAK_RECORDED,
        person=case.child,
        detail={"case": case.pk, "period": period.pk},
    )
    changed(case)
    return period
