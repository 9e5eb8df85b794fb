"""The case an imported child's care, or a care leaver's support, is recorded in: the one that
covered it, or one made for it (referred the day it began, source unknown, closed the day it
ended). A child has one open case at most, so what is still going on goes on in it. And the
words an imported record carries where the return says nothing."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from kith.accounts.models import User
from kith.cases.models import Case
from kith.people.models import Person

IMPORTED = "Imported from an earlier SSDA903 return."
NOT_RECORDED = "Not recorded (imported from an earlier SSDA903 return)"
# The census's reason a case closed, from the 903's reason care ended.
CLOSURE = {"E11": "RC1", "E12": "RC1", "E2": "RC2", "E41": "RC3", "E3": "RC5", "E7": "RC6"}
CLOSURE |= dict.fromkeys(("E45", "E46", "E47", "E48"), "RC4")
SERVICES_ENDED = "RC7"
SOURCE_UNKNOWN = "10"


def case_for(
    person: Person,
    began: date,
    ended: date | None,
    *,
    by: User,
    need: str = "",
    closure: str = SERVICES_ENDED,
    open_only: bool = False,
) -> Case:
    """The case that covered what began on `began`; or the child's open case, if it goes on;
    or a new one. `open_only`: it goes on, and must be recorded in an open case."""
    still_open = Case.objects.filter(child=person, closed_on__isnull=True).first()
    if open_only and still_open is not None:
        return still_open
    covering = (
        Case.objects.filter(child=person, referral_date__lte=began)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=began))
        .order_by("-referral_date")
        .first()
    )
    if covering is not None and not (open_only and covering.closed_on is not None):
        return covering
    if ended is None and still_open is not None:
        return still_open  # one open case per child: it goes on in it
    fields = {"primary_need": need} if need else {}
    return Case.objects.create(
        child=person,
        referral_date=began,
        referral_source=SOURCE_UNKNOWN,
        opened_by=by,
        closed_on=ended,
        closure_reason=closure if ended else "",
        **fields,
    )
