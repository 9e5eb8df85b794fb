"""A person's contacts, cases and the records in them, for a subject access bundle
(people/subject_access.py asks; this app answers, registered at start-up).

Narrative is what workers wrote about a family: it usually names other people, so every
narrative answer is flagged for the data officer's redaction review.
"""

from __future__ import annotations

from itertools import chain

from django.utils import timezone

from kith.cases.models import Case, Contact
from kith.people.models import Person
from kith.people.subject_access import Entry, Section
from kith.recording.kinds import KINDS
from kith.recording.models import Record
from kith.recording.reading import answers_of


def sections(person: Person) -> list[Section]:
    contacts = list(
        Contact.objects.filter(child=person).select_related("decided_by").order_by("received_at")
    )
    cases = list(Case.objects.filter(child=person).select_related("team").order_by("referral_date"))
    found = []
    if contacts:
        found.append(
            Section(
                "Contacts about them",
                [
                    entry
                    for c in contacts
                    for entry in (
                        Entry(
                            f"{timezone.localtime(c.received_at):%-d %B %Y}: contact from "
                            f"{c.referrer_name}"
                            + (f", {c.referrer_organisation}" if c.referrer_organisation else "")
                            + f" ({c.get_source_display().lower()})",
                            names_others=True,
                        ),
                        Entry(f"What they were worried about: {c.worries}", names_others=True),
                        Entry(
                            f"Decision: {c.get_outcome_display() or 'not made yet'}"
                            + (f". {c.decision_reasons}" if c.decision_reasons else ""),
                            names_others=bool(c.decision_reasons),
                        ),
                    )
                ],
            )
        )
    for case in cases:
        entries = [
            Entry(
                f"Case {case.reference}: referred {case.referral_date:%-d %B %Y}, "
                f"{case.get_primary_need_display().lower()}; "
                + (
                    f"closed {case.closed_on:%-d %B %Y} ({case.get_closure_reason_display()})"
                    if case.closed_on
                    else "open"
                )
            )
        ]
        records: list[Record] = sorted(
            chain.from_iterable(
                kind.model._default_manager.filter(case=case).select_related("author")
                for kind in KINDS.values()
            ),
            key=lambda r: (r.happened_on() or r.created_at.date(), r.pk),
        )
        for record in records:
            when = record.happened_on()
            entries.append(
                Entry(
                    f"{record.title}"
                    + (f", {when:%-d %B %Y}" if when else "")
                    + f", written by {record.author} ({record.get_status_display().lower()})"
                )
            )
            for label, value in answers_of(record, KINDS[record.kind], case):
                if value:
                    entries.append(Entry(f"{label}: {value}", names_others=True))
        found.append(Section(f"Case {case.reference} and its records", entries))
    return found
