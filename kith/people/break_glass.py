"""Opening a record outside one's own work, with a reason (break-glass)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.access import reason_lasts
from kith.people.models import BreakGlass, Person


@transaction.atomic
def open_with_reason(person: Person, *, by: User, why: str) -> BreakGlass:
    """Record the reason; for the next few hours the user may open the person's family's
    records. The allocated worker's manager sees it on their My work page."""
    now = timezone.now()
    grant = BreakGlass.objects.create(
        person=person, user=by, reason=why, started_at=now, ends_at=now + reason_lasts()
    )
    record(
        by=by,
        verb=Verb.RECORD_OPENED_WITH_REASON,
        person=person,
        why=why,
        detail={"until": grant.ends_at.isoformat()},
    )
    return grant
