"""Whose work child protection records are, and the only way to fetch them for a user.

A strategy discussion or conference covering several children opens for a user only through
one of its children they may open; the pages then show the children they may see.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kith.accounts.roles import Role
from kith.cases.access import get_case_for, may_record_on, visible_cases
from kith.cases.models import Case
from kith.protection.models import (
    Conference,
    ConferenceChild,
    Enquiry,
    ProtectionPlan,
    StrategyDiscussion,
)


def chairs(user: Any, ids: list[int]) -> bool:
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
    """Enquiries that decided on an initial conference that has not been held yet."""
    return Enquiry.objects.filter(outcome="icpc", conferences__isnull=True)


def may_record_conference(user: Any, case: Case) -> bool:
    """The case's own workers and managers, and conference chairs."""
    return user.role == Role.CHAIR or may_record_on(user, case)


def _through_a_child(user: Any, cases: list[Case]) -> list[Case]:
    """The record's children the user may see; the first one they may open is checked in
    full (404 or a reason asked), as if they had opened that child's case."""
    seen = [c for c in cases if c.pk in set(visible_cases(user).values_list("pk", flat=True))]
    if not seen:
        raise Http404("No such record")
    get_case_for(user, seen[0].pk)
    return seen


def get_discussion_for(user: Any, pk: int) -> tuple[StrategyDiscussion, list[Case]]:
    found = StrategyDiscussion.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such strategy discussion")
    cases = [c.case for c in found.children.select_related("case__child")]
    return found, _through_a_child(user, cases)


def get_conference_for(user: Any, pk: int) -> tuple[Conference, list[Case]]:
    found = Conference.objects.select_related("chair").filter(pk=pk).first()
    if found is None:
        raise Http404("No such conference")
    cases = [c.case for c in found.children.select_related("case__child")]
    return found, _through_a_child(user, cases)


def get_enquiry_for(user: Any, pk: int, *, changeable: bool = False) -> Enquiry:
    found = Enquiry.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such enquiry")
    found.case = get_case_for(user, found.case_id, changeable=changeable)
    return found


def get_plan_for(user: Any, pk: int, *, changeable: bool = False) -> ProtectionPlan:
    found = ProtectionPlan.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such plan")
    found.case = get_case_for(user, found.case_id, changeable=changeable)
    return found
