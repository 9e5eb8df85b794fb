"""A subject access request: everything Kith holds about a person, as one bundle a data officer
reviews before it is released (UK GDPR article 15).

Each section lists what Kith holds; entries that name someone other than the person are flagged
for redaction review, because their information is not the requester's to receive by default.
Later parts of Kith (cases, records, child protection) add their own sections through
`register`, because this app cannot import them (the arrows point one way).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from kith.accounts.models import User
from kith.audit.models import AuditEvent
from kith.people.models import Person, Residence
from kith.people.queries import person_page


@dataclass
class Entry:
    text: str
    names_others: bool = False


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def flagged(self) -> int:
        return sum(1 for e in self.entries if e.names_others)


# Set at start-up by the apps holding records about a person: each returns its sections.
_SECTIONS: list[Callable[[Person], list[Section]]] = []


def register(sections: Callable[[Person], list[Section]]) -> None:
    if sections not in _SECTIONS:
        _SECTIONS.append(sections)


def _who(event: AuditEvent) -> str:
    return event.by.get_full_name() or event.by.username if event.by else "someone not signed in"


def _residence(residence: Residence) -> str:
    text = f"{residence.address} ({residence.get_kind_display().lower()})"
    if residence.start_date:
        text += f", from {residence.start_date:%-d %B %Y}"
    return text + (f" until {residence.end_date:%-d %B %Y}" if residence.end_date else ", current")


def bundle(person: Person, today: date, viewer: User | None = None) -> list[Section]:
    page = person_page(person, today, viewer)
    details = Section(
        "Personal details",
        [
            Entry(
                f"Name: {person.first_name} {person.middle_names} {person.family_name}".replace(
                    "  ", " "
                )
            ),
            Entry(f"Known as: {person.preferred_name or 'not recorded'}"),
            Entry(
                f"Date of birth: {person.date_of_birth:%-d %B %Y}"
                if person.date_of_birth
                else "Date of birth: not recorded"
            ),
            Entry(f"Sex: {person.get_sex_display()}"),
            Entry(f"Gender identity: {person.gender_identity or 'not recorded'}"),
            Entry(f"Ethnicity: {person.get_ethnicity_display() or 'not recorded'}"),
            Entry(
                f"First language: {person.first_language or 'not recorded'}"
                + (" (needs an interpreter)" if person.needs_interpreter else "")
            ),
            Entry(f"Religion or belief: {person.religion or 'not recorded'}"),
            Entry(f"Disabilities: {', '.join(person.disability_labels) or 'not recorded'}"),
            Entry(f"Immigration status: {person.immigration_status or 'not recorded'}"),
        ],
    )
    numbers = Section(
        "Names and reference numbers",
        [
            Entry(f"Person number: {person.person_number}"),
            Entry(f"NHS number: {person.nhs_number_display or 'not recorded'}"),
            Entry(f"Unique pupil number: {person.upn or 'not recorded'}"),
            *(Entry(f"{o.get_kind_display()}: {o}") for o in page.other_names),
            *(Entry(str(i)) for i in page.identifiers),
        ],
    )
    addresses = Section("Addresses", [Entry(_residence(r)) for r in page.residences])
    family = Section(
        "Family and other relationships",
        [
            Entry(
                f"{item.person.full_name}: {item.word}"
                + (", holds parental responsibility" if item.their_pr else "")
                + (
                    f", {item.relationship.get_contact_restriction_display().lower()}"
                    if item.relationship.contact_restriction
                    else ""
                ),
                names_others=True,
            )
            for item in page.related
        ]
        + [Entry(f"Lives with {member.full_name}", names_others=True) for member in page.household],
    )
    professionals = Section(
        "Professionals and agencies involved",
        [
            Entry(
                f"{i.get_kind_display()}: {i.organisation}"
                + (f", {i.name}" if i.name else "")
                + (f" ({i.role})" if i.role else "")
            )
            for i in page.involvements
        ],
    )
    looks = Section(
        "Who has looked at or changed this record",
        [
            Entry(f"{timezone.localtime(e.at):%-d %B %Y %H:%M}: {_who(e)} – {e.what.lower()}")
            for e in AuditEvent.objects.filter(person=person).select_related("by").order_by("at")
        ],
    )
    more = [section for provider in _SECTIONS for section in provider(person)]
    return [details, numbers, addresses, family, professionals, *more, looks]
