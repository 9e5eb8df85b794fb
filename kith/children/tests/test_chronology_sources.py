"""The chronology and the summary's significant events are built from one list of sources, and
a worker's mark stays with its record: checked across the whole demo authority, so every kind
of record is read."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from kith.accounts.roles import Role
from kith.care.models import CarePeriod
from kith.children.actions import MarkedMeanwhile, mark_entry
from kith.children.chronology import chronology, entry, significant_events
from kith.children.entries import Reading
from kith.children.sources import SIGNIFICANT_IN_THEMSELVES, SOURCES, read
from kith.leaving_care.models import (
    AdviserContact,
    BirthdayCheck,
    CareLeaver,
    LivingArrangement,
)
from kith.people.models import Person, Relationship
from kith.permanence.models import AdoptionPlan, LongTermMatch, PermanenceMeeting
from kith.test import make_person, make_user

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    """A demo authority, built once for these tests and removed after them."""
    with django_db_blocker.unblock():
        call_command(
            "seed_demo",
            "--children",
            "300",
            "--seed",
            "7",
            "--today",
            TODAY.isoformat(),
            stdout=StringIO(),
        )
        yield
        call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def children(authority, db):
    return list(Person.objects.filter(cases__isnull=False).distinct().order_by("pk"))


def _permanence_and_leaving_care(children: list[Person]) -> None:
    """What the demo does not hold: a child in care with every permanence record (a plan for
    adoption matched and then ended), and a young person with ended leaving care support,
    contact, a birthday check and staying put."""
    period = CarePeriod.objects.filter(child__in=children).order_by("pk").first()
    assert period is not None, "the demo has children in care"
    worker = make_user(role=Role.SOCIAL_WORKER)
    day = period.started_on
    PermanenceMeeting.objects.create(
        period=period, held_on=day, option="adoption", decided="Adoption", recorded_by=worker
    )
    LongTermMatch.objects.create(period=period, matched_on=day, carers="Okafor", recorded_by=worker)
    AdoptionPlan.objects.create(
        period=period,
        decided_on=day,
        decision_maker="Ms Patel",
        matched_on=day,
        adopters_sex="FF",
        ended_on=day,
        end_reason="RD3",
        recorded_by=worker,
    )
    leaver = CareLeaver.objects.create(
        child=period.child,
        case=period.case,
        started_on=day,
        ended_on=day,
        end_reason="age",
        recorded_by=worker,
    )
    AdviserContact.objects.create(leaver=leaver, contacted_on=day, method="met", recorded_by=worker)
    BirthdayCheck.objects.create(
        leaver=leaver, age=18, checked_on=day, in_touch="YES", recorded_by=worker
    )
    LivingArrangement.objects.create(
        leaver=leaver, kind="staying_put", started_on=day, with_whom="Okafor", recorded_by=worker
    )


def test_every_source_is_read_and_names_itself(children):
    # The demo has every kind of record but a relationship that ended, and the road to
    # permanence and leaving care.
    _permanence_and_leaving_care(children)
    Relationship.objects.create(
        first=make_person(first_name="Dean"),
        second=children[0],
        kind="other",
        start_date=date(2020, 1, 1),
        end_date=date(2024, 6, 30),
    )
    entries = read(Reading({c.pk: c for c in children}))
    assert {e.source for e in entries} == set(SOURCES)


def test_the_summary_reads_every_source_whose_records_can_be_significant(children):
    """A source left out of SIGNIFICANT_IN_THEMSELVES would be missing from every summary."""
    _permanence_and_leaving_care(children)
    reading = Reading({c.pk: c for c in children}, significant_only=True, most=5)
    for source in set(SOURCES.values()):
        found = source(reading)
        assert bool(found) == (source in SIGNIFICANT_IN_THEMSELVES), source.__name__
        assert all(e.significant for e in found)


def test_an_entry_read_alone_is_the_entry_the_chronology_shows(children):
    for child in children[:60]:
        for shown in chronology([child]):
            alone = entry(child, shown.key)
            assert alone is not None, shown.key
            assert (alone.on, alone.title, alone.text, alone.url, alone.significant) == (
                shown.on,
                shown.title,
                shown.text,
                shown.url,
                shown.significant,
            )


def test_the_summary_s_events_read_as_the_chronology_s(children):
    for child in children[:60]:
        whole = {e.key: e for e in chronology([child])}
        newest_significant = sorted((e.on for e in whole.values() if e.significant), reverse=True)
        for event in significant_events(child, 5):
            assert event.significant
            assert whole[event.key].title == event.title
            assert whole[event.key].text == event.text
        assert len(significant_events(child, 5)) == min(5, len(newest_significant))


def test_a_mark_is_kept_against_the_record_and_found_again(children):
    child = next(c for c in children if any(e.source == "visit" for e in chronology([c])))
    visit = next(e for e in chronology([child]) if e.source == "visit")
    worker = make_user(role=Role.SOCIAL_WORKER)
    mark = mark_entry(visit, significant=True, analysis="First time seen alone", seen=0, by=worker)
    assert (mark.source, mark.record) == ("visit", visit.pk)
    again = entry(child, visit.key)
    assert again is not None and again.significant and again.mark_id == mark.pk
    # It is on the summary now, read as the chronology reads it.
    assert visit.key in {e.key for e in significant_events(child, 50)}
    # A mark made on a page that saw no mark is refused, and says whose came first.
    with pytest.raises(MarkedMeanwhile) as meanwhile:
        mark_entry(visit, significant=False, analysis="", seen=0, by=worker)
    assert meanwhile.value.latest == mark


@pytest.mark.parametrize("key", ["", "visit", "visit:", "visit:x", "nothing:1", "visit:999999"])
def test_a_key_that_names_no_entry_finds_none(children, key):
    assert entry(children[0], key) is None


def test_another_child_s_record_is_not_this_child_s_entry(children):
    first, second = children[0], next(c for c in children[1:] if chronology([c]))
    other = chronology([second])[0]
    assert entry(first, other.key) is None
