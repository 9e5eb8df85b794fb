"""Whose work a looked-after child is, and the only way to fetch their care records for a user.

The allocated worker, their team and managers (cases/access.py); the independent reviewing
officer named on the period of care or who chaired one of its reviews; and the virtual school
head, who reads (never records) the records of children looked after now.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care.models import CarePeriod, CareReview, MissingEpisode, Placement
from kith.cases.access import get_case_for, may_record_on
from kith.cases.models import Case


def reviews(user: User, ids: list[int]) -> bool:
    """An independent reviewing officer works with the children whose care they review now:
    named on an open period of care, or chair of one of its reviews. When care ends, so does
    this (a reason opens the record after that)."""
    if user.role != Role.CHAIR:
        return False
    return reviewing(user).filter(child_id__in=ids).exists()


def reviewing(user: User) -> QuerySet[CarePeriod]:
    """The open periods of care this reviewing officer reviews."""
    return CarePeriod.objects.filter(ended_on__isnull=True).filter(
        Q(iro=user) | Q(pk__in=CareReview.objects.filter(chair=user).values("period_id"))
    )


def virtual_school(user: User, ids: list[int]) -> bool:
    """The virtual school head reads the records of every child looked after now."""
    if user.role != Role.VIRTUAL_SCHOOL:
        return False
    return CarePeriod.objects.filter(child_id__in=ids, ended_on__isnull=True).exists()


def may_review(user: User, case: Case) -> bool:
    """Who records a looked-after review: the case's workers and managers, and the reviewing
    officer of this child's own open period of care (never a chair of another family member's
    conference, nor by a reason given)."""
    if user.role == Role.CHAIR:
        return reviewing(user).filter(case=case).exists()
    return may_record_on(user, case)


def get_period_for(
    user: User, pk: int, *, changeable: bool = False, reviewing: bool = False
) -> CarePeriod:
    """The period of care through its case: the door that checks access and audits the look.
    `changeable`: the user may record on the case (a reviewing officer too, with `reviewing`,
    on the review pages); else 403, as the case's own pages."""
    found = CarePeriod.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such period of care")
    as_reviewer = changeable and reviewing and user.role == Role.CHAIR
    found.case = get_case_for(user, found.case_id, changeable=changeable and not as_reviewer)
    if as_reviewer and not may_review(user, found.case):
        raise PermissionDenied("Only the reviewing officer for this child can record a review.")
    found.child = found.case.child
    return found


def get_missing_for(user: User, pk: int, *, changeable: bool = False) -> MissingEpisode:
    found = MissingEpisode.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such missing episode")
    found.period = get_period_for(user, found.period_id, changeable=changeable)
    return found


def get_placement_for(user: User, pk: int, *, changeable: bool = False) -> Placement:
    found = Placement.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such placement")
    found.period = get_period_for(user, found.period_id, changeable=changeable)
    return found
