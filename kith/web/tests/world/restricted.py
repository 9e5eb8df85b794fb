"""The restricted child (Zqcanary): the boy's sister, in the same home and the same team's work,
her every name, text field and record carrying the marker; and what the head of service, the
only one named on her restriction, did about her."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.models import Contact
from kith.children.models import ChronologyEvent, ChronologyMark
from kith.people.merging import merge_people
from kith.people.models import (
    Address,
    BreakGlass,
    Identifier,
    Involvement,
    OtherName,
    Person,
    Relationship,
    Residence,
)
from kith.people.restriction import restrict_record
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    PlanAction,
    PlanReview,
    Status,
    Visit,
)
from kith.test import make_case
from kith.web.tests.world.marker import MARK, marked

if TYPE_CHECKING:
    from kith.web.tests.world import World


def add_restricted_child(world: World, today: date) -> None:
    """The restricted child: the boy's sister, in the same home and the same team's work."""
    users, worker = world.users, world.users["social worker"]
    mother, son, father = (world.ordinary[k] for k in ("mother", "son", "father"))
    home = world.ordinary["home"]
    hidden = marked(
        Person, date_of_birth=date(2016, 7, 7), sex="F", ethnicity="WBRI", disabilities=[]
    )
    Residence.objects.create(person=hidden, address=home, start_date=date(2016, 7, 7))
    marked(
        Residence,
        person=hidden,
        address=marked(Address, postcode="WH9 9ZZ"),
        start_date=date(2016, 7, 7),
        end_date=date(2017, 1, 1),
    )
    rels = {
        "rel_mother": marked(
            Relationship,
            first=mother,
            second=hidden,
            kind="mother",
            has_parental_responsibility=True,
            start_date=date(2016, 7, 7),
        ),
        "rel_brother": marked(
            Relationship, first=son, second=hidden, kind="sibling", start_date=date(2016, 7, 7)
        ),
        "rel_father": marked(
            Relationship, first=father, second=hidden, kind="father", start_date=date(2016, 7, 7)
        ),
    }
    marked(OtherName, person=hidden, kind="alias")
    marked(Identifier, person=hidden, kind="home_office")
    involvement = marked(Involvement, person=hidden, kind="gp")
    copy = marked(Person, date_of_birth=date(2016, 7, 7), sex="F")
    case = make_case(hidden, worker=worker, referral_date=today - timedelta(days=120))
    marked(
        Contact,
        received_at=timezone.now() - timedelta(days=121),
        child=hidden,
        source="6",
        outcome="referral",
        decided_at=timezone.now() - timedelta(days=120),
        decided_by=users["front door"],
        case=case,
        recorded_by=users["front door"],
    )
    waiting_contact = marked(
        Contact,
        received_at=timezone.now(),
        child=hidden,
        source="6",
        outcome="",
        recorded_by=users["front door"],
    )
    visit = marked(
        Visit,
        case=case,
        author=worker,
        status=Status.FINAL,
        visited_on=today - timedelta(days=3),
        child_seen="yes",
        seen_alone="yes",
    )
    draft = Visit.objects.create(
        case=case, author=worker, draft={"observations": [f"{MARK} draft"]}
    )
    note = marked(
        CaseNote,
        case=case,
        author=worker,
        status=Status.FINAL,
        happened_on_date=today - timedelta(days=2),
        significant=True,
    )
    assessment = marked(
        Assessment,
        case=case,
        author=worker,
        status=Status.SUBMITTED,
        started_on=today - timedelta(days=100),
        submitted_at=timezone.now(),
    )
    plan = marked(ChildInNeedPlan, case=case, author=worker, status=Status.FINAL, starts_on=today)
    marked(PlanAction, plan=plan, position=1)
    marked(PlanReview, plan=plan, held_on=today, decision="continue", recorded_by=worker)
    world.restricted.update(
        person=hidden, copy=copy, case=case, involvement=involvement, contact=waiting_contact,
        visit=visit, draft=draft, note=note, assessment=assessment, plan=plan, **rels,
    )  # fmt: skip


def add_her_chronology(world: World, today: date) -> None:
    """An event typed into her chronology, and an entry marked significant."""
    hidden, worker = world.restricted["person"], world.users["social worker"]
    event = marked(ChronologyEvent, child=hidden, happened_on=today, recorded_by=worker)
    ChronologyMark.objects.create(
        child=hidden,
        source="event",
        record=event.pk,
        significant=True,
        analysis=f"{MARK} analysis",
        by=worker,
    )
    world.restricted.update(event=event)


def add_what_was_done_about_her(world: World) -> None:
    """What the head of service (named) did about her, and a reason once given by someone
    else."""
    users, hidden, copy = world.users, world.restricted["person"], world.restricted["copy"]
    head = users["head of service"]
    merge = merge_people(hidden, copy, by=head, why=f"{MARK} same child")
    restrict_record(hidden, by=head, why=f"{MARK} child of a member of staff")
    record(
        by=head,
        verb=Verb.PERSON_SEARCHED,
        detail={"terms": f"{MARK} search", "results": 1, "found": [hidden.pk]},
    )
    record(by=head, verb=Verb.PERSON_VIEWED, person=hidden, why=f"{MARK} why")
    BreakGlass.objects.create(
        person=hidden,
        user=users["business support"],
        reason=f"{MARK} reason",
        ends_at=timezone.now() - timedelta(hours=1),
    )
    hidden.refresh_from_db()
    copy.refresh_from_db()
    world.restricted.update(merge=merge)
