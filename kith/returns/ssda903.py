"""The SSDA903 return (children looked after) for a collection year, derived from the record:
every child looked after at any time from 1 April to 31 March, a row per table as the DfE's CSV
files have them (reference/codes.md section 3). Nothing is typed for the return: the episodes
come from the periods of care (care/episodes.py), the outcomes from the dated checks
(ssda903_health.py), the social worker episodes from the allocations (ssda903_workers.py).

As census.py does, it reads children in batches with a fixed number of queries per batch and
yields rows as it goes, so memory stays flat however large the authority. It shows the record
as it stood on 31 March: what happened later is left out, what was still open then is open.

Not written, because Kith does not record them yet: AD1 (adoptions), PlacedAdoption (decisions
to place for adoption) and OC3 (care leavers). An empty table would tell the DfE that no child
was adopted, placed for adoption or left care; a missing one says only that it is not here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from kith.care.codes import SHORT_BREAKS, TEMPORARY
from kith.care.episodes import X1, Episode, episodes
from kith.care.models import (
    CarePeriod,
    CareReview,
    CheckRecord,
    LegalStatusChange,
    MissingEpisode,
    Placement,
)
from kith.cases.models import Allocation
from kith.people.access import for_the_returns
from kith.people.codes import IdentifierKind
from kith.people.models import Identifier, Person, Relationship
from kith.people.relationships import RelationshipKind
from kith.returns.census import BATCH, CollectionYear, la_child_id
from kith.returns.ssda903_health import OC2_CHECKS, birthday, continuously_looked_after, oc2_row
from kith.returns.ssda903_workers import Allocated, social_worker_rows

Row = dict[str, str]

# The tables Kith writes, each as its CSV file's name and columns (the community validator knows
# a table by its exact columns; PL_LA, PL_LOCATION and PL_DISTANCE it works out itself).
COLUMNS: dict[str, list[str]] = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "previous_permanence": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "sw_episodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
NOT_HELD: dict[str, str] = {
    "ad1": "adoptions (AD1): Kith does not record adoption decisions, matches or adopters yet",
    "placed_for_adoption": "decisions to place for adoption (PlacedAdoption): not recorded yet",
    "oc3": "care leavers (OC3): Kith does not record care leavers yet",
}
# No provider for these (rule 213, 2025 to 2026: T4 too, though rule 178 would allow one).
NO_PROVIDER = TEMPORARY | {"Z11", "Z12", "Z13", "Z14"}
MOTHER_OF = (RelationshipKind.MOTHER, RelationshipKind.PARENT)


def postcode(value: str) -> str:
    """As the DfE writes a postcode: capitals, one space before the last three characters."""
    text = "".join(value.split()).upper()
    return f"{text[:-3]} {text[-3:]}" if len(text) > 3 else text


def rows(year: CollectionYear) -> Iterator[tuple[str, Row]]:
    """Every row of the year's return as (table, row), a batch of children at a time."""
    for batch in children_in(year):
        for child in read(batch, year):
            yield from rows_for(child, year)


def rows_for(child: LookedAfter, year: CollectionYear) -> Iterator[tuple[str, Row]]:
    """One child's rows in every table (none if they have no episode in the year)."""
    found = [(care, e, i) for care in child.periods for i, e in _in_year(care.episodes, year)]
    if not found:
        return
    person = child.person
    base = {"CHILD": child.child_id, "DOB": day(person.date_of_birth)}
    yield "header", _header(child, year)
    for care, episode, i in found:
        yield "episodes", _episode(child, care, episode, i, year)
    for care in child.periods:
        for review in care.reviews:
            if _status_on(care.episodes, review.held_on) in SHORT_BREAKS:
                continue  # no reviews are returned for short breaks (rule 399)
            yield (
                "reviews",
                base
                | {
                    "REVIEW": day(review.held_on),
                    "REVIEW_CODE": review.participation,
                },
            )
        for missing in care.missing:
            came_back = missing.ended_on if _by(missing.ended_on, year) else None
            yield (
                "missing",
                base
                | {
                    "MISSING": missing.kind,
                    "MIS_START": day(missing.started_on),
                    "MIS_END": day(came_back),
                },
            )
    uasc = _uasc(child, year) if child.unaccompanied else None
    if uasc is not None:
        yield "uasc", uasc
    periods = [care.period for care in child.periods]
    if continuously_looked_after(periods, [e for _, e, _ in found], year):
        yield "oc2", base | oc2_row(person, child.checks, year)
    started = [p for p in periods if year.holds(p.started_on)]
    if started:  # recorded for every child who started to be looked after (rule 630)
        yield (
            "previous_permanence",
            base
            | {
                "PREV_PERM": started[-1].previous_permanence,
                "LA_PERM": "",  # not recorded by Kith yet
                "DATE_PERM": "",
            },
        )
    for worker, began, ended, reason in social_worker_rows(
        child.allocations, periods[0].started_on, _care_ends(periods, year), year
    ):
        yield (
            "sw_episodes",
            base
            | {
                "SW_ID": worker,
                "SW_DECOM": day(began),
                "SW_DEC": day(ended),
                "SW_REASON": reason,
            },
        )


def _by(value: date | None, year: CollectionYear) -> bool:
    return value is not None and value <= year.end


def _in_year(found: list[Episode], year: CollectionYear) -> Iterator[tuple[int, Episode]]:
    for i, episode in enumerate(found):
        if episode.started_on <= year.end and (
            episode.ended_on is None or episode.ended_on >= year.start
        ):
            yield i, episode


def _status_on(found: list[Episode], on: date) -> str:
    statuses = [e.legal_status for e in found if e.started_on <= on]
    return statuses[-1] if statuses else ""


def _care_ends(periods: list[CarePeriod], year: CollectionYear) -> date | None:
    """When the child's last period of care in the year ended, if it had by 31 March."""
    last = periods[-1].ended_on
    return last if _by(last, year) else None


def _header(child: LookedAfter, year: CollectionYear) -> Row:
    person = child.person
    mother = ""
    if person.sex in ("F", "U"):  # asked of girls (and those whose sex is not known) only
        mother = "1" if child.first_child_born is not None else "0"
    return {
        "CHILD": child.child_id,
        "SEX": person.sex,
        "DOB": day(person.date_of_birth),
        "ETHNIC": person.ethnicity,
        "UPN": _upn(person, year),
        "MOTHER": mother,
        "MC_DOB": day(child.first_child_born) if mother == "1" else "",
    }


def _upn(person: Person, year: CollectionYear) -> str:
    """The UPN, or why there is none: the reason recorded, or UN1 for a child under 5 on 31
    March (not yet of school age, which the date of birth says; rule 209 allows it)."""
    if person.upn or person.upn_unknown:
        return person.upn or person.upn_unknown
    born = person.date_of_birth
    return "UN1" if born is not None and birthday(born, 5) > year.end else ""


def _episode(
    child: LookedAfter, care: InCare, episode: Episode, i: int, year: CollectionYear
) -> Row:
    ended = episode.ended_on if _by(episode.ended_on, year) else None
    following = care.episodes[i + 1] if i + 1 < len(care.episodes) else None
    reason = episode.change_reason if ended is not None and episode.end_reason == X1 else ""
    if following is not None and following.placement.kind in TEMPORARY:
        reason = ""  # not asked of a move into a temporary placement (rule 226)
    placement = episode.placement
    return {
        "CHILD": child.child_id,
        "DECOM": day(episode.started_on),
        "RNE": episode.reason_new,
        "LS": episode.legal_status,
        "CIN": care.period.need,
        "PLACE": placement.kind,
        "PLACE_PROVIDER": "" if placement.kind in NO_PROVIDER else placement.provider,
        "DEC": day(ended),
        "REC": episode.end_reason if ended is not None else "",
        "REASON_PLACE_CHANGE": reason,
        "HOME_POST": postcode(placement.home_postcode),
        "PL_POST": postcode(placement.postcode),
        "URN": placement.urn,
    }


def _uasc(child: LookedAfter, year: CollectionYear) -> Row | None:
    """A child who was an unaccompanied asylum-seeking child at some time in the year (one who
    stopped being one before it is not: rule 104), with DUC: the day they stopped, if they had
    by 31 March; if not (still one then), their 18th birthday, when it stops by law."""
    person = child.person
    until = child.unaccompanied[-1].unaccompanied_until
    if not _by(until, year) and person.date_of_birth is not None:
        until = birthday(person.date_of_birth, 18)
    if until is not None and until < year.start:
        return None
    return {
        "CHILD": child.child_id,
        "SEX": person.sex,
        "DOB": day(person.date_of_birth),
        "DUC": day(until),
    }
