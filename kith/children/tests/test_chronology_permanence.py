"""The chronology's entries from the road to permanence and from leaving care support: each
dated step is an entry linking to where it is recorded, permanence decisions and support
beginning or ending are significant in themselves, an entry read alone is the one the chronology
shows, and a long history costs no more queries than a short one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care.models import CarePeriod
from kith.cases.models import Case
from kith.children.chronology import chronology, entry, significant_events
from kith.children.entries import Entry
from kith.leaving_care.models import (
    AdviserContact,
    BirthdayCheck,
    CareLeaver,
    LivingArrangement,
)
from kith.people.models import Person
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.test import make_case, make_person, make_user, page_text, signed_in_client

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def in_care(case: Case, worker: User) -> CarePeriod:
    return CarePeriod.objects.create(
        case=case, child=case.child, started_on=_days_ago(400), need="N1", recorded_by=worker
    )


def road_to_permanence(period: CarePeriod, worker: User) -> AdoptionPlan:
    """A meeting that planned adoption, a plan matched and then ended, and the long-term
    fostering match that followed."""
    PermanenceMeeting.objects.create(
        period=period,
        held_on=_days_ago(300),
        option="adoption",
        decided="Adoption is the plan: no one in the family can care for her",
        recorded_by=worker,
    )
    plan = AdoptionPlan.objects.create(
        period=period,
        decided_on=_days_ago(280),
        decision_maker="Ms Patel",
        matched_on=_days_ago(200),
        adopters_sex="FF",
        foster_carers_adopting=False,
        ended_on=_days_ago(100),
        end_reason="RD1",
        recorded_by=worker,
    )
    LongTermMatch.objects.create(
        period=period, matched_on=_days_ago(50), carers="Mr and Mrs Okafor", recorded_by=worker
    )
    return plan


def leaving_care(worker: User) -> tuple[Person, CareLeaver]:
    """A young person whose support began at 18, with a contact, a birthday check and staying
    put, and whose support has ended."""
    young = make_person(first_name="Jade", date_of_birth=date(2004, 2, 1))
    case = make_case(young, worker=worker, referral_date=_days_ago(900))
    leaver = CareLeaver.objects.create(
        child=young,
        case=case,
        adviser=make_user(Role.PERSONAL_ADVISER, first_name="Sam", last_name="Reid"),
        started_on=_days_ago(800),
        ended_on=_days_ago(10),
        end_reason="age",
        recorded_by=worker,
    )
    AdviserContact.objects.create(
        leaver=leaver,
        contacted_on=_days_ago(600),
        method="phone",
        note="Settled at college, worried about money",
        recorded_by=worker,
    )
    BirthdayCheck.objects.create(
        leaver=leaver,
        age=21,
        checked_on=_days_ago(500),
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitable=True,
        recorded_by=worker,
    )
    LivingArrangement.objects.create(
        leaver=leaver,
        kind="staying_put",
        started_on=_days_ago(790),
        with_whom="Mr and Mrs Okafor",
        recorded_by=worker,
    )
    return young, leaver


def _by_source(entries: list[Entry]) -> dict[str, Entry]:
    return {e.source: e for e in entries}


def test_the_road_to_permanence_is_in_the_chronology(ellie, persona):
    child, case = ellie
    worker = persona[Role.SOCIAL_WORKER]
    period = in_care(case, worker)
    plan = road_to_permanence(period, worker)
    found = _by_source(chronology([child]))
    period_page = reverse("permanence:period", args=[period.pk])
    shown = {
        source: (e.on, e.title, e.text, e.url, e.significant)
        for source, e in found.items()
        if source
        in {
            "permanence-meeting",
            "adoption-decided",
            "adoption-matched",
            "adoption-ended",
            "long-term-match",
        }
    }
    assert shown == {
        "permanence-meeting": (
            _days_ago(300),
            "Permanence planning meeting: adoption",
            "Adoption is the plan: no one in the family can care for her",
            period_page,
            True,
        ),
        "adoption-decided": (
            _days_ago(280),
            "Decision that the child should be adopted",
            "Agency decision maker: Ms Patel",
            period_page,
            True,
        ),
        "adoption-matched": (
            _days_ago(200),
            "Matched with adopters",
            "A female couple",
            period_page,
            True,
        ),
        "adoption-ended": (
            _days_ago(100),
            "Decision that the child should no longer be adopted",
            "The child's needs changed after the decision",
            period_page,
            True,
        ),
        "long-term-match": (
            _days_ago(50),
            "Long-term fostering match",
            "With Mr and Mrs Okafor",
            period_page,
            True,
        ),
    }
    # The three steps of one plan are three entries, each found again by its own key.
    for source in ("adoption-decided", "adoption-matched", "adoption-ended"):
        alone = entry(child, f"{source}:{plan.pk}")
        assert alone is not None and alone.title == found[source].title
    # Significant in themselves, so on the summary too.
    summary = {e.source for e in significant_events(child, 20)}
    assert {"permanence-meeting", "adoption-ended", "long-term-match"} <= summary


def test_a_plan_not_yet_matched_has_only_its_decision(ellie, persona):
    child, case = ellie
    worker = persona[Role.SOCIAL_WORKER]
    period = in_care(case, worker)
    AdoptionPlan.objects.create(
        period=period, decided_on=_days_ago(20), decision_maker="Ms Patel", recorded_by=worker
    )
    sources = [e.source for e in chronology([child]) if e.source.startswith("adoption")]
    assert sources == ["adoption-decided"]


def test_leaving_care_support_is_in_the_chronology(persona):
    worker = persona[Role.SOCIAL_WORKER]
    young, leaver = leaving_care(worker)
    found = _by_source(chronology([young]))
    support_page = reverse("leaving_care:leaver", args=[leaver.pk])
    shown = {s: (e.title, e.text, e.url, e.significant) for s, e in found.items()}
    assert (
        shown.items()
        >= {
            "leaving-care-began": (
                "Leaving care support began",
                "Personal adviser: Sam Reid.",
                support_page,
                True,
            ),
            "leaving-care-ended": (
                "Leaving care support ended",
                "Reached 21 (or 25, having asked for support to 25)",
                support_page,
                True,
            ),
            "adviser-contact": (
                "Personal adviser contact: a phone call",
                "Settled at college, worried about money",
                support_page,
                False,
            ),
            "birthday-check": (
                "Check around their 21st birthday",
                "In touch; full-time education other than higher education; lives: with their "
                "former foster carers (staying put) (suitable)",
                support_page,
                False,
            ),
            "arrangement-began": ("Staying put began", "Mr and Mrs Okafor", support_page, False),
        }.items()
    )
    summary = {e.source for e in significant_events(young, 20)}
    assert "leaving-care-ended" in summary and "adviser-contact" not in summary


def test_the_chronology_page_shows_them(ellie, persona):
    child, case = ellie
    worker = persona[Role.SOCIAL_WORKER]
    road_to_permanence(in_care(case, worker), worker)
    page = page_text(signed_in_client(worker).get(reverse("children:chronology", args=[child.pk])))
    assert "Decision that the child should no longer be adopted" in page
    assert "Long-term fostering match" in page


def test_another_child_s_plan_is_not_this_child_s_entry(ellie, persona):
    child, case = ellie
    worker = persona[Role.SOCIAL_WORKER]
    plan = road_to_permanence(in_care(case, worker), worker)
    young, leaver = leaving_care(worker)
    assert entry(young, f"adoption-decided:{plan.pk}") is None
    assert entry(child, f"leaving-care-began:{leaver.pk}") is None


def _queries(child: Person) -> int:
    with CaptureQueriesContext(connection) as read:
        chronology([child])
        significant_events(child, 5)
    return len(read.captured_queries)


def test_a_long_road_costs_no_more_queries_than_a_short_one(ellie, persona):
    child, case = ellie
    worker = persona[Role.SOCIAL_WORKER]
    period = in_care(case, worker)
    young, leaver = leaving_care(worker)
    road_to_permanence(period, worker)
    few = (_queries(child), _queries(young))
    for n in range(6):
        road_to_permanence(period, worker)
        AdviserContact.objects.create(
            leaver=leaver, contacted_on=_days_ago(n), method="met", recorded_by=worker
        )
        LivingArrangement.objects.create(
            leaver=leaver,
            kind="staying_close",
            started_on=_days_ago(n),
            with_whom="Near Oak House",
            recorded_by=worker,
        )
    assert (_queries(child), _queries(young)) == few
