"""The ordinary family: a mother, her son (a case in team 1), the father of her daughter (the
restricted child) and a stranger in another team's work; and their records in each state a page
that changes them needs."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from kith.cases.models import Contact
from kith.people.merging import merge_people
from kith.people.models import Address, Involvement, Relationship, Residence
from kith.recording.models import Assessment, CaseNote, ChildInNeedPlan, PlanAction, Status, Visit
from kith.test import make_case, make_person
from kith.timescales.models import Deadline

if TYPE_CHECKING:
    from kith.web.tests.world import World


def add_ordinary_family(world: World, today: date) -> None:
    """The ordinary family: mother, her son (a case in team 1) and the father of her daughter."""
    users, worker = world.users, world.users["social worker"]
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


def add_ordinary_work(world: World, today: date) -> None:
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
