"""Edges found by an independent review of the returns, each kept fixed by a test."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from kith.accounts.roles import Role
from kith.protection import actions as pa
from kith.returns import cin_xml
from kith.returns.census import CollectionYear, in_year, read
from kith.test import make_case, make_person
from kith.timescales.models import Deadline

pytestmark = pytest.mark.django_db


def _s47(case, worker, day):
    pa.record_strategy_discussion(
        by=worker,
        held_at=timezone.make_aware(datetime.combine(day, time(10))),
        participants=[],
        information_shared="i",
        safety_plan="s",
        actions="a",
        decisions=[(case, "s47", "r")],
    )
    return case.enquiries.get(started_on=day)


@pytest.fixture
def two_enquiries(persona):
    worker, chair = persona[Role.SOCIAL_WORKER], persona[Role.CHAIR]
    case = make_case(make_person(), worker=worker, referral_date=date(2025, 5, 1))
    first = _s47(case, worker, date(2025, 5, 5))
    pa.update_enquiry(
        first,
        by=worker,
        version=None,
        outcome="nfa",
        no_conference_reason="Not substantiated",
        outcome_on=date(2025, 5, 9),
    )
    second = _s47(case, worker, date(2025, 6, 2))
    pa.record_conference(
        by=worker,
        kind="initial",
        held_on=date(2025, 6, 16),
        chair=chair,
        attendance="a",
        social_worker_report="r",
        views="v",
        decisions=[
            {
                "case": case,
                "needs_plan": True,
                "category": "NEG",
                "next_review_on": None,
                "enquiry": second,
            }
        ],
    )
    return case, first, second


def test_census_does_not_give_the_nfa_enquiry_the_other_enquirys_conference(two_enquiries):
    case, first, _ = two_enquiries
    [child] = read([case.child_id])
    child = in_year(child, CollectionYear(2026))
    s = {e.pk: e for e in child.episodes[0].enquiries}
    xml = cin_xml.child(child)
    # The enquiry that ruled a conference out must say so, with no conference date.
    assert s[first.pk].conference is None, xml
    assert s[first.pk].not_required is True


def test_no_late_conference_deadline_for_an_enquiry_that_ruled_one_out(two_enquiries):
    case, first, _ = two_enquiries
    d = Deadline.objects.filter(
        case=case, rule="initial-conference", about=f"enquiry {first.pk}"
    ).first()
    # The enquiry ruled a conference out: no conference was due for it.
    assert d is None or d.withdrawn_on is not None, (
        d.due_on,
        d.done_on,
        d.standing(date(2025, 7, 1)),
    )
