"""A small authority for the tests that hunt for leaks: every persona, an ordinary family, and
a restricted child in that family whose every name, text field and record carries a marker.

The restricted child (Zqcanary) is the allocated worker's own case, the sister of an ordinary
child on the same strategy discussion and conference, and lives with their mother: as close to
everyone else's work as a restricted child can be. Only the head of service is named on the
restriction, so the allocated worker, their manager and everyone else must never see a trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.changes import changed
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
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    PlanAction,
    PlanReview,
    Status,
    Visit,
)
from kith.test import make_case, make_person, make_service_area, make_team, make_user
from kith.timescales.models import Deadline

# The marker. Lower case, so a page can be searched for it whatever its capitals. Every marked
# text reads "zqcanary <something>", so a search for the marker alone, echoed back in the page
# that answers it, is not mistaken for a leak.
MARK = "zqcanary"
TRACE = f"{MARK} "
# Fields never filled with the marker: codes and numbers with a format of their own.
NOT_TEXT = {
    "form_token",
    "postcode",
    "nhs_number",
    "upn",
    "upn_unknown",
    "phone",
    "email",
    "referrer_phone_or_email",
    "original_name",
}

PERSONAS = [
    "social worker",
    "same-team colleague",
    "other-team worker",
    "team manager",
    "head of service",
    "chair",
    "front door",
    "data officer",
    "business support",
    "partner",
    "administrator",
]


def marked(model: type[models.Model], **fields: Any) -> Any:
    """A row of `model` with every free-text field not given carrying the marker."""
    for f in model._meta.concrete_fields:
        if f.name in fields or f.name in NOT_TEXT or f.choices:
            continue
        if isinstance(f, models.CharField | models.TextField) and not f.is_relation:
            limit = getattr(f, "max_length", None) or 200
            fields[f.name] = f"{MARK} {f.name}"[:limit]
    return model._default_manager.create(**fields)


@dataclass
class World:
    users: dict[str, Any]
    ordinary: dict[str, Any] = field(default_factory=dict)
    restricted: dict[str, Any] = field(default_factory=dict)

    @property
    def hidden(self) -> Person:
        return self.restricted["person"]

    def traces(self) -> list[str]:
        """What must appear nowhere for those not named: the marker, the restricted person's
        numbers and the addresses of their pages."""
        r = self.restricted
        found = [TRACE]
        for person in (r["person"], r["copy"]):
            found += [
                person.person_number.lower(),
                f"/people/{person.pk}/",
                f"/children/{person.pk}/",
                f"/audit/people/{person.pk}/",
            ]
        found += [f"/cases/{r['case'].pk}/", r["case"].reference.lower()]
        return found


def build() -> World:
    area = make_service_area("Safeguarding")
    team = make_team("Safeguarding Team 1", service_area=area)
    other_team = make_team("Safeguarding Team 2", service_area=area)
    in_team = {"social worker", "same-team colleague", "team manager", "head of service"}
    roles = {
        "social worker": Role.SOCIAL_WORKER,
        "same-team colleague": Role.SOCIAL_WORKER,
        "other-team worker": Role.SOCIAL_WORKER,
        "team manager": Role.TEAM_MANAGER,
        "head of service": Role.HEAD_OF_SERVICE,
        "chair": Role.CHAIR,
        "front door": Role.FRONT_DOOR,
        "data officer": Role.DATA_OFFICER,
        "business support": Role.BUSINESS_SUPPORT,
        "partner": Role.PARTNER,
        "administrator": Role.ADMINISTRATOR,
    }
    users = {}
    for who, role in roles.items():
        home = team if who in in_team else other_team if who == "other-team worker" else None
        users[who] = make_user(role, team=home or make_team(f"{who.capitalize()} team"))
    team.manager = users["team manager"]
    team.save()
    area.head = users["head of service"]
    area.save()
    world = World(users=users)
    worker, chair = users["social worker"], users["chair"]
    today = timezone.localdate()

    # The ordinary family: mother, her son (a case in team 1) and the father of her daughter.
    mother = make_person(
        first_name="Maud", family_name="Pennock", date_of_birth=date(1988, 5, 2), sex="F"
    )
    son = make_person(first_name="Arlo", family_name="Pennock", date_of_birth=date(2014, 2, 1))
    father = make_person(
        first_name="Desmond", family_name="Quill", date_of_birth=date(1985, 1, 9), sex="M"
    )
    stranger = make_person(first_name="Ursula", family_name="Hartwell")
    home = Address.objects.create(line_1="3 Weir Lane", town="Westholm", postcode="WH1 4QQ")
    for p in (mother, son):
        Residence.objects.create(person=p, address=home, start_date=date(2016, 1, 1))
    Relationship.objects.create(
        first=mother, second=son, kind="mother", has_parental_responsibility=True
    )
    son_case = make_case(son, worker=worker, referral_date=today - timedelta(days=120))
    stranger_case = make_case(stranger, worker=users["other-team worker"])
    world.ordinary.update(
        mother=mother, son=son, father=father, stranger=stranger, case=son_case,
        stranger_case=stranger_case, home=home,
    )  # fmt: skip

    # The restricted child: the boy's sister, in the same home and the same team's work.
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

    # Child protection, shared with her brother: one discussion, one conference.
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
    event = marked(ChronologyEvent, child=hidden, happened_on=today, recorded_by=worker)
    ChronologyMark.objects.create(
        child=hidden,
        source="event",
        record=event.pk,
        significant=True,
        analysis=f"{MARK} analysis",
        by=worker,
    )
    for each in (son_case, case, stranger_case):
        changed(each)

    # What the head of service (named) did about her, and a reason once given by someone else.
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
    world.restricted.update(
        person=hidden, copy=copy, case=case, merge=merge, involvement=involvement,
        contact=waiting_contact, visit=visit, draft=draft, note=note, assessment=assessment,
        plan=plan, discussion=discussion, enquiry=enquiry, conference=conference,
        cp_plan=cp_plan, report=report, event=event, **rels,
    )  # fmt: skip
    world.ordinary.update(
        discussion=discussion, conference=conference, son_plan=son_plan, son_enquiry=son_enquiry,
        report=report,
    )  # fmt: skip
    _ordinary_work(world, today)
    return world


def _ordinary_work(world: World, today: date) -> None:
    """The ordinary family's records in each state a page that changes them needs."""
    worker, front_door = world.users["social worker"], world.users["front door"]
    son, mother = world.ordinary["son"], world.ordinary["mother"]
    case = world.ordinary["case"]
    contact = {
        "received_at": timezone.now() - timedelta(hours=2),
        "referrer_name": "Ms Patel",
        "source": "2A",
        "worries": "A bruise on his arm",
        "recorded_by": front_door,
    }
    world.ordinary.update(
        waiting_contact=Contact.objects.create(child=son, **contact),
        decided_contact=Contact.objects.create(
            child=son,
            outcome="advice",
            decision_reasons="Advice given to school",
            decided_at=timezone.now(),
            decided_by=front_door,
            **contact,
        ),
        unmatched_contact=Contact.objects.create(child_name="Arlo", **contact),
        draft_note=CaseNote.objects.create(case=case, author=worker, text="Draft words"),
        visit=Visit.objects.create(
            case=case, author=worker, status=Status.FINAL, visited_on=today, child_seen="yes"
        ),
        assessment=Assessment.objects.create(
            case=case,
            author=worker,
            status=Status.SUBMITTED,
            started_on=today - timedelta(days=30),
            submitted_at=timezone.now(),
        ),
        plan=ChildInNeedPlan.objects.create(
            case=case, author=worker, status=Status.FINAL, starts_on=today - timedelta(days=10)
        ),
        missed=Deadline.objects.create(
            case=case,
            rule="protection-visit",
            about="missed",
            what="Visit the child",
            started_on=today - timedelta(days=60),
            due_on=today - timedelta(days=30),
        ),
        mother_home=mother.residences.get(),
        mother_and_son=Relationship.objects.get(first=mother, second=son),
        mother_gp=Involvement.objects.create(person=mother, kind="gp", organisation="Surgery"),
        fresh_case=make_case(
            make_person(first_name="Otto", family_name="Fenwick"),
            worker=worker,
            referral_date=today - timedelta(days=3),
        ),
        duplicate=make_person(first_name="Ivo", family_name="Marsh"),
        duplicate_copy=make_person(first_name="Ivo", family_name="Marsh"),
        merge=merge_people(
            make_person(first_name="Lena", family_name="Brook"),
            make_person(first_name="Lena", family_name="Brooke"),
            by=world.users["data officer"],
            why="Same child, a typo",
        ),
    )
    PlanAction.objects.create(
        plan=world.ordinary["plan"], position=1, what="Walk to school", who="Mum"
    )


def with_return_run(world: World) -> World:
    """The world with a census file made by the data officer (the returns pages need one)."""
    from kith.returns.census import CollectionYear
    from kith.returns.runs import start

    world.ordinary["return_run"] = start(
        CollectionYear.of(timezone.localdate()), by=world.users["data officer"], check=False
    )
    return world


def give_reasons(world: World, user: Any) -> None:
    """The user gave a reason to open each of the ordinary family's records (break-glass)."""
    for key in ("mother", "son", "father", "stranger"):
        BreakGlass.objects.create(
            person=world.ordinary[key],
            user=user,
            reason="Out of hours, police called about the family",
            ends_at=timezone.now() + timedelta(hours=8),
        )
