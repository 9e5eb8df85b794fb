"""The only way to fetch a record in a case for a user: through a case they may see (cases/
access.py), so restricted children stay invisible (404) here too."""

from __future__ import annotations

from django.http import Http404

from kith.accounts.models import User
from kith.cases.access import visible_cases
from kith.people.access import ReasonNeeded, may_open
from kith.recording.kinds import Kind
from kith.recording.models import Record


def get_record_for(user: User, kind: Kind, pk: int) -> Record:
    found = (
        kind.model._default_manager.filter(pk=pk, case__in=visible_cases(user))
        .select_related("case__child", "case__team", "case__worker", "author", "authorised_by")
        .first()
    )
    if found is None:
        raise Http404("No such record")
    if not may_open(user, found.case.child):
        raise ReasonNeeded(found.case.child)
    return found
