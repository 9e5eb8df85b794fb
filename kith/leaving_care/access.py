"""Who works with a care leaver, and the only way to fetch their leaving care support.

The young person's case rule still applies (their worker, team and managers: cases/access.py).
Their personal adviser (a role of its own) reads and records for the young people they advise
now, and nobody else: no other record opens for them, not even with a reason given
(people/access.ONLY_THEIR_OWN). When support ends, so does the adviser's access.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.cases.access import get_case_for
from kith.cases.models import Case
from kith.leaving_care.models import CareLeaver


def advising(user: User) -> QuerySet[CareLeaver]:
    """The open support this personal adviser gives."""
    return CareLeaver.objects.filter(adviser=user, ended_on__isnull=True)


def advises(user: User, ids: list[int]) -> bool:
    if user.role != Role.PERSONAL_ADVISER:
        return False
    return advising(user).filter(child_id__in=ids).exists()


def advises_in(user: User, case: Case) -> bool:
    """The personal adviser records in the case of a young person they advise."""
    return user.role == Role.PERSONAL_ADVISER and advising(user).filter(case=case).exists()


def get_leaver_for(user: User, pk: int, *, changeable: bool = False) -> CareLeaver:
    """The support through its case: the door that checks access and audits the look."""
    found = CareLeaver.objects.filter(pk=pk).select_related("adviser").first()
    if found is None:
        raise Http404("No such leaving care support")
    found.case = get_case_for(user, found.case_id, changeable=changeable)
    found.child = found.case.child
    return found
