"""Child protection shared by the restricted child and her brother: one strategy discussion, an
enquiry each, one initial conference with a plan each (and a school's report), a core group on
hers; then a new worry about her since, waiting for its own initial conference."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import timezone

from kith.protection.models import (
    Conference,
    ConferenceChild,
    ConferenceReport,
    CoreGroup,
    Enquiry,
    Participant,
    ProtectionAction,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.web.tests.world.marker import marked

if TYPE_CHECKING:
    from kith.web.tests.world import World


def add_child_protection(world: World, today: date) -> None:
    """Child protection, shared with her brother: one discussion, one conference."""
    worker, chair = world.users["social worker"], world.users["chair"]
    son_case, case = world.ordinary["case"], world.restricted["case"]
    discussion = StrategyDiscussion.objects.create(
        held_at=timezone.now() - timedelta(days=100),
        information_shared="Shared by all agencies",
        safety_plan="Both children stay with their mother",
        recorded_by=worker,
    )
    Participant.objects.create(discussion=discussion, name="DC Shaw", agency="police")
    son_decision = StrategyChild.objects.create(
        discussion=discussion, case=son_case, decision="s47", reason="Worries for Arlo"
    )
    decision = marked(StrategyChild, discussion=discussion, case=case, decision="s47")
    son_enquiry = Enquiry.objects.create(
        case=son_case,
        started_by=son_decision,
        started_on=today - timedelta(days=100),
        outcome="icpc",
        outcome_on=today - timedelta(days=95),
    )
    enquiry = marked(
        Enquiry,
        case=case,
        started_by=decision,
        started_on=today - timedelta(days=100),
        outcome="icpc",
        outcome_on=today - timedelta(days=95),
    )
    conference = Conference.objects.create(
        kind="initial",
        held_on=today - timedelta(days=90),
        chair=chair,
        attendance="Police, school, health",
        social_worker_report="Report on both children",
        views="Their mother's views",
        recorded_by=worker,
    )
    son_plan = ProtectionPlan.objects.create(
        case=son_case,
        started_on=today - timedelta(days=90),
        initial_category="NEG",
        latest_category="NEG",
    )
    cp_plan = marked(
        ProtectionPlan,
        case=case,
        started_on=today - timedelta(days=90),
        initial_category="NEG",
        latest_category="NEG",
    )
    marked(ProtectionAction, plan=cp_plan, position=1)
    ConferenceChild.objects.create(
        conference=conference, case=son_case, enquiry=son_enquiry, plan=son_plan,
        needs_plan=True, category="NEG",
    )  # fmt: skip
    ConferenceChild.objects.create(
        conference=conference, case=case, enquiry=enquiry, plan=cp_plan, needs_plan=True,
        category="NEG",
    )  # fmt: skip
    marked(CoreGroup, plan=cp_plan, held_on=today - timedelta(days=80), recorded_by=worker)
    report = ConferenceReport(
        conference=conference,
        agency="education",
        title="School report",
        original_name="school.txt",
        size=5,
        uploaded_by=worker,
    )
    report.document.save("school.txt", ContentFile(b"hello"), save=True)
    # A new worry since: a second enquiry waiting for its own initial conference.
    again = marked(
        StrategyChild,
        discussion=StrategyDiscussion.objects.create(
            held_at=timezone.now() - timedelta(days=5),
            information_shared="Shared again",
            safety_plan="Safety plan",
            recorded_by=worker,
        ),
        case=case,
        decision="s47",
    )
    marked(
        Enquiry,
        case=case,
        started_by=again,
        started_on=today - timedelta(days=5),
        outcome="icpc",
        outcome_on=today - timedelta(days=4),
    )
    world.restricted.update(
        discussion=discussion, enquiry=enquiry, conference=conference, cp_plan=cp_plan,
        report=report,
    )  # fmt: skip
    world.ordinary.update(
        discussion=discussion, conference=conference, son_plan=son_plan, son_enquiry=son_enquiry,
        report=report,
    )  # fmt: skip
