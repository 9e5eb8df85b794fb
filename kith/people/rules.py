"""What is missing from a person's record that matters, in plain words, with where to fix it.

The CIN census and SSDA903 need these for every child they count (docs/reference: codes.md 1.x);
the returns issue adds plan- and case-specific checks (for example an NHS number for a child on a
plan) to the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kith.people.codes import Ethnicity, Sex
from kith.people.models import Person, Residence

SCHOOL_AGE = 5


@dataclass(frozen=True)
class Gap:
    message: str
    fix: str  # the URL name of the page that fixes it


def missing_details(person: Person, today: date, current: list[Residence]) -> list[Gap]:
    """The gaps that matter for this person, most important first. One condition per line."""
    gaps: list[Gap] = []
    if person.merged_into_id:
        return gaps
    child = person.is_child
    if not person.is_unborn and person.date_of_birth is None:
        gaps.append(Gap("No date of birth", "people:change_identity"))
    if child and not person.is_unborn and not person.nhs_number:
        gaps.append(Gap("No NHS number for a child", "people:change_identifiers"))
    age = person.age_on(today)
    if child and age is not None and SCHOOL_AGE <= age < 18 and not person.upn:
        gaps.append(Gap("No UPN for a child of school age", "people:change_identifiers"))
    if child and not person.is_unborn and person.sex == Sex.UNKNOWN:
        gaps.append(Gap("Sex not recorded", "people:change_identity"))
    if child and person.ethnicity in ("", Ethnicity.NOBT):
        gaps.append(Gap("Ethnicity not yet obtained", "people:change_background"))
    if child and not person.is_unborn and not person.disabilities:
        gaps.append(
            Gap(
                "Disability not recorded (choose 'No disability' if none)",
                "people:change_background",
            )
        )
    if not current and not person.is_deceased:
        gaps.append(Gap("No current address", "people:add_address"))
    if not person.first_language:
        gaps.append(Gap("First language not recorded", "people:change_background"))
    return gaps
