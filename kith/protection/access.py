"""Whose work child protection records are, and the only way to fetch them for a user.

A strategy discussion or conference covering several children opens for a user only through
one of its children they may open; the pages then show the children they may see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.cases.access import get_case_for, may_record_on, visible_cases
from kith.cases.models import Case
from kith.people.access import ReasonNeeded, may_open, standing_access
from kith.protection.codes import ConferenceKind, EnquiryOutcome
from kith.protection.models import (
    Conference,
    ConferenceChild,
    Enquiry,
    ProtectionPlan,
    StrategyDiscussion,
)


def chairs(user: User, ids: list[int]) -> bool:
    """Conference chairs work with the children whose conferences they chair, and (as a small
    central team that arranges them) with children waiting for a conference or on a plan."""
    if user.role != Role.CHAIR:
        return False
    return (
        ConferenceChild.objects.filter(conference__chair=user, case__child_id__in=ids).exists()
        or ProtectionPlan.objects.filter(case__child_id__in=ids, ended_on__isnull=True).exists()
        or waiting_for_conference().filter(case__child_id__in=ids).exists()
    )


def waiting_for_conference() -> Any:
    """Enquiries that decided on an initial conference not yet held: no initial conference
    for the child's case on or after the enquiry started (one conference answers every earlier
    enquiry), and the case still open."""
    held = ConferenceChild.objects.filter(
        case=OuterRef("case"),
        conference__kind=ConferenceKind.INITIAL,
        conference__held_on__gte=OuterRef("started_on"),
    )
    return Enquiry.objects.filter(
        outcome=EnquiryOutcome.CONFERENCE, case__closed_on__isnull=True
    ).exclude(Exists(held))


def may_record_conference(user: User, case: Case) -> bool:
    """The case's own workers and managers, and conference chairs whose work the child is
    (never by a reason given: break-glass reads only)."""
    if user.role == Role.CHAIR:
        return standing_access(user, case.child)
    return may_record_on(user, case)


def _through_a_child(user: User, cases: QuerySet[Case]) -> list[Case]:
    """The record's children the user may open, in a fixed order; children the user may not
    see are never read. None they may see: 404. Some they may see but none open without a
    reason: ask for it about the first of those."""
    seen = list(
        visible_cases(user)
        .filter(pk__in=cases.values("pk"))
        .select_related("child", "team", "worker")
        .order_by("pk")
    )
    if not seen:
        raise Http404("No such record")
    opened = [c for c in seen if may_open(user, c.child)]
    if not opened:
        raise ReasonNeeded(seen[0].child)
    return opened


def get_discussion_for(user: User, pk: int) -> tuple[StrategyDiscussion, list[Case]]:
    found = StrategyDiscussion.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such strategy discussion")
    return found, _through_a_child(user, Case.objects.filter(strategy__discussion=found))


def get_conference_for(user: User, pk: int) -> tuple[Conference, list[Case]]:
    found = Conference.objects.select_related("chair").filter(pk=pk).first()
    if found is None:
        raise Http404("No such conference")
    return found, _through_a_child(user, Case.objects.filter(conferences__conference=found))


def get_enquiry_for(user: User, pk: int, *, changeable: bool = False) -> Enquiry:
    found = Enquiry.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such enquiry")
    found.case = get_case_for(user, found.case_id, changeable=changeable)
    return found


def get_plan_for(user: User, pk: int, *, changeable: bool = False) -> ProtectionPlan:
    found = ProtectionPlan.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such plan")
    found.case = get_case_for(user, found.case_id, changeable=changeable)
    return found
