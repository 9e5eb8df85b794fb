"""A person's leaving care support, for a subject access bundle (people/subject_access.py asks;
this app answers): the support and their personal adviser, contact, the check around each
birthday from 17 to 21, and staying put or staying close. What the young person said, the
notes, and the former carers or home they stay with are about other people too: flagged for
redaction review. The needs assessment and the pathway plan come with the case's other
records."""

from __future__ import annotations

from kith.leaving_care.models import BirthdayCheck, CareLeaver
from kith.people.models import Person
from kith.people.subject_access import Entry, Section


def _on(day: object) -> str:
    return f"{day:%-d %B %Y}"


def _said(label: str, text: str) -> list[Entry]:
    return [Entry(f"{label}: {text}", names_others=True)] if text.strip() else []


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _check(check: BirthdayCheck) -> str:
    said = [check.get_in_touch_display().lower()]
    if check.activity:
        said.append(f"main activity: {check.get_activity_display().lower()}")
    if check.accommodation:
        suitable = {True: ", suitable", False: ", not suitable", None: ""}[check.suitable]
        said.append(f"living: {check.get_accommodation_display().lower()}{suitable}")
    return (
        f"Check around the {_ordinal(check.age)} birthday, {_on(check.checked_on)}: "
        + "; ".join(said)
    )


def sections(person: Person) -> list[Section]:
    entries: list[Entry] = []
    support = (
        CareLeaver.objects.filter(child=person)
        .select_related("adviser")
        .prefetch_related("contacts", "checks", "arrangements")
    )
    for leaver in support.order_by("started_on", "pk"):
        entries.append(
            Entry(
                f"Leaving care support from {_on(leaver.started_on)}"
                + (
                    f" to {_on(leaver.ended_on)} ({leaver.get_end_reason_display().lower()})"
                    if leaver.ended_on
                    else ""
                )
            )
        )
        if leaver.adviser is not None:
            entries.append(
                Entry(
                    f"Personal adviser: {leaver.adviser.get_full_name()}"
                    + (f", from {_on(leaver.adviser_since)}" if leaver.adviser_since else "")
                )
            )
        if leaver.to_25_asked_on is not None:
            entries.append(Entry(f"Asked for support to 25 on {_on(leaver.to_25_asked_on)}"))
        for contact in sorted(leaver.contacts.all(), key=lambda c: (c.contacted_on, c.pk)):
            entries.append(Entry(f"{contact.get_method_display()}, {_on(contact.contacted_on)}"))
            entries += _said("How they were, in their words", contact.note)
        for check in leaver.checks.all():
            entries.append(Entry(_check(check)))
            entries += _said("Notes", check.note)
        for arrangement in sorted(leaver.arrangements.all(), key=lambda a: (a.started_on, a.pk)):
            entries.append(
                Entry(
                    f"{arrangement.get_kind_display()} from {_on(arrangement.started_on)}"
                    + (f" to {_on(arrangement.ended_on)}" if arrangement.ended_on else "")
                    + f", with {arrangement.with_whom}",
                    names_others=True,
                )
            )
    return [Section("Leaving care", entries)] if entries else []
