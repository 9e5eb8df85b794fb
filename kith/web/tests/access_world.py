"""The records the access matrix's world holds for each child (test_access_matrix.py): a case
allocated to the worker with a record of each kind in the state its pages need, the child looked
after (with a plan for adoption), a census file, and a care leaver of the worker's whom a
personal adviser advises."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from kith.care.models import CarePeriod, LegalStatusChange
from kith.cases.models import Contact
from kith.leaving_care.models import CareLeaver
from kith.leaving_care.plans import NeedsAssessment, PathwayPlan
from kith.leaving_care.status import birthday
from kith.lib.working_days import add_months
from kith.people.models import Person
from kith.permanence.models import AdoptionPlan
from kith.protection.models import (
    Conference,
    ConferenceChild,
    ConferenceReport,
    Enquiry,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    PlanAction,
    Status,
    Visit,
)
from kith.returns.census import CollectionYear
from kith.test import make_case, make_person
from kith.timescales.models import Deadline


def casework(child: Any, worker: Any, front_door: Any, chair: Any) -> dict[str, Any]:
    """A case allocated to the worker, with a record of each kind in the state its pages need."""
    case = make_case(child, worker=worker)
    today = timezone.localdate()
    contact = Contact.objects.create(
        received_at=timezone.now(),
        child=child,
        referrer_name="Ms Patel",
        source="2A",
        worries="A bruise",
        recorded_by=front_door,
    )
    plan = ChildInNeedPlan.objects.create(
        case=case, author=worker, status=Status.FINAL, starts_on=today
    )
    PlanAction.objects.create(plan=plan, position=1, what="Walk to school", who="Mum")
    decided = Contact.objects.create(
        received_at=timezone.now(),
        child=child,
        referrer_name="Dr Hassan",
        source="3A",
        worries="Missed appointments",
        outcome="advice",
        decision_reasons="Advice given",
        decided_at=timezone.now(),
        decided_by=front_door,
        recorded_by=front_door,
    )
    discussion = StrategyDiscussion.objects.create(
        held_at=timezone.now(), information_shared="i", safety_plan="s", recorded_by=worker
    )
    decision = StrategyChild.objects.create(
        discussion=discussion, case=case, decision="s47", reason="r"
    )
    enquiry = Enquiry.objects.create(
        case=case, started_by=decision, started_on=today, outcome="icpc", outcome_on=today
    )
    conference = Conference.objects.create(
        kind="initial",
        held_on=today,
        chair=chair,
        attendance="a",
        social_worker_report="r",
        views="v",
        recorded_by=worker,
    )
    cp_plan = ProtectionPlan.objects.create(
        case=case, started_on=today, initial_category="NEG", latest_category="NEG"
    )
    ConferenceChild.objects.create(
        conference=conference,
        case=case,
        enquiry=enquiry,
        plan=cp_plan,
        needs_plan=True,
        category="NEG",
    )
    report = ConferenceReport(
        conference=conference,
        agency="education",
        title="School report",
        original_name="school.txt",
        size=5,
        uploaded_by=worker,
    )
    report.document.save("school.txt", ContentFile(b"hello"), save=True)
    return {
        **_care(case, worker, chair),
        "case": case,
        "report": report,
        "discussion": discussion,
        "enquiry": enquiry,
        "conference": conference,
        "cp_plan": cp_plan,
        "contact": contact,
        "decided_contact": decided,
        "visit": Visit.objects.create(
            case=case, author=worker, status=Status.FINAL, visited_on=today, child_seen="yes"
        ),
        "note": CaseNote.objects.create(case=case, author=worker, text="Draft"),
        "assessment": Assessment.objects.create(
            case=case, author=worker, status=Status.SUBMITTED, started_on=today
        ),
        "plan": plan,
        # A census file made by a data officer (returns:run, returns:download).
        "return_run": _census_run(worker),
        # A visit deadline missed last month: its reason is given on timescales:reason.
        "missed_deadline": Deadline.objects.create(
            case=case,
            rule="protection-visit",
            about="missed",
            what="Visit the child",
            started_on=today - timedelta(days=60),
            due_on=today - timedelta(days=30),
        ),
    }


def _care(case: Any, worker: Any, chair: Any) -> dict[str, Any]:
    """The child looked after since last week, reviewed by the chair, missing once."""
    from kith.care.actions import Coming, come_into_care, record_missing, record_review

    start = timezone.localdate() - timedelta(days=7)
    period = come_into_care(
        [case],
        by=worker,
        coming=Coming(
            started_on=start,
            legal_status="C1",
            need="N1",
            previous_permanence="Z1",
            placement={"kind": "U6", "provider": "PR1", "carer": "The Okafors"},
            iro=chair,
        ),
    )[0]
    review = record_review(
        period,
        by=chair,
        recommendations=[],
        held_on=start,
        chair=chair,
        participation="PN1",
        discussion="Settling",
    )
    missing = record_missing(
        period, by=worker, kind="M", started_on=start, ended_on=start, where_found="Park"
    )
    return {
        "care_period": period,
        "care_review": review,
        "missing": missing,
        "placement": period.placements.get(),
        # The agency decision maker decided the child should be adopted (permanence:match,
        # permanence:no_longer).
        "adoption_plan": AdoptionPlan.objects.create(
            period=period, decided_on=start, decision_maker="Ms Patel", recorded_by=worker
        ),
    }


def care_leaver(worker: Any, adviser: Any, name: str) -> dict[str, Any]:
    """A young person of 19, looked after from 15 to 18 (so former relevant), in a case of the
    worker's that stays open while the adviser supports them, with their needs assessment and
    pathway plan written."""
    today = timezone.localdate()
    born = add_months(today, -(12 * 19 + 2))
    young: Person = make_person(first_name=name, family_name="Lowe", date_of_birth=born)
    came_in, left = birthday(born, 15), birthday(born, 18)
    case = make_case(young, worker=worker, referral_date=came_in - timedelta(days=30))
    period = CarePeriod.objects.create(
        case=case,
        child=young,
        started_on=came_in,
        ended_on=left,
        end_reason="E5",
        need="N1",
        recorded_by=worker,
    )
    LegalStatusChange.objects.create(
        period=period, status="C2", started_on=came_in, recorded_by=worker
    )
    leaver = CareLeaver.objects.create(
        child=young,
        case=case,
        adviser=adviser,
        adviser_since=left,
        started_on=left,
        recorded_by=worker,
    )
    return {
        "young_person": young,
        "leaver_case": case,
        "leaver": leaver,
        "pathway_plan": PathwayPlan.objects.create(
            case=case, author=worker, status=Status.FINAL, agreed_on=today, about_me="Me"
        ),
        "needs_assessment": NeedsAssessment.objects.create(
            case=case, author=worker, status=Status.FINAL, assessed_on=today, needs="A home"
        ),
    }


def _census_run(by: Any) -> Any:
    from kith.returns.runs import start

    return start(CollectionYear(2026), by=by, check=False)
