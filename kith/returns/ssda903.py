"""The SSDA903 return (children looked after) for a collection year, derived from the record:
every child looked after at any time from 1 April to 31 March, and every care leaver with a
birthday from their 17th to their 21st in it, a row per table as the DfE's CSV files have them
(reference/codes.md section 3). Nothing is typed for the return: the episodes come from the
periods of care (care/episodes.py), the outcomes from the dated checks (ssda903_health.py), the
social worker episodes from the allocations (ssda903_workers.py), adoption and earlier
permanence from the adoption plans and how care ended (ssda903_permanence.py), the care
leavers' table from the checks around their birthdays (ssda903_leavers.py).

As census.py does, it reads children in batches with a fixed number of queries per batch
(ssda903_children.py) and yields rows as it goes, so memory stays flat however large the
authority. It shows the record as it stood on 31 March: what happened later is left out, what
was still open then is open (a care leaver's birthday check, made up to a month after the
birthday, is the birthday's).

What the record lacks for a row is never guessed: the row is written with the item blank (the
community validator flags it) and, if asked, said in words (Missing), so it can be recorded
before the return goes. Every table of the 2025 to 2026 return is written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kith.care.codes import SHORT_BREAKS, TEMPORARY
from kith.care.episodes import X1, Episode
from kith.care.models import CarePeriod
from kith.people.models import Person
from kith.returns.census import CollectionYear
from kith.returns.ssda903_children import InCare, LookedAfter, Row, children_in, day, read
from kith.returns.ssda903_health import birthday, continuously_looked_after, oc2_row
from kith.returns.ssda903_leavers import oc3_row
from kith.returns.ssda903_permanence import ad1_row, placed_rows, previous_permanence
from kith.returns.ssda903_workers import social_worker_rows

__all__ = ["COLUMNS", "NOT_HELD", "Missing", "Row", "day", "rows", "rows_for"]

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
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": [
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ],
    "placed_for_adoption": [
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ],
    "previous_permanence": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "sw_episodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
# Tables of the return Kith does not write, each with why (none, from 2025 to 2026: the DoLo
# table of deprivations of liberty is asked only from 2026 to 2027).
NOT_HELD: dict[str, str] = {}
# No provider for these (rule 213, 2025 to 2026: T4 too, though rule 178 would allow one).
NO_PROVIDER = TEMPORARY | {"Z11", "Z12", "Z13", "Z14"}


def postcode(value: str) -> str:
    """As the DfE writes a postcode: capitals, one space before the last three characters."""
    text = "".join(value.split()).upper()
    return f"{text[:-3]} {text[-3:]}" if len(text) > 3 else text


@dataclass(frozen=True)
class Missing:
    """Something the record lacks for a row of the return (written blank there), in words."""

    child: str  # CHILD
    table: str
    what: str


def rows(year: CollectionYear, missing: list[Missing] | None = None) -> Iterator[tuple[str, Row]]:
    """Every row of the year's return as (table, row), a batch of children at a time; what the
    record lacks for them is added to `missing`, if given."""
    for batch in children_in(year):
        for child in read(batch, year):
            yield from rows_for(child, year, missing)


def rows_for(
    child: LookedAfter, year: CollectionYear, missing: list[Missing] | None = None
) -> Iterator[tuple[str, Row]]:
    """One child's rows in every table: none if they were not looked after in the year and
    are not a care leaver asked about in it, only the header and OC3 if they are only that."""
    found = [(care, e, i) for care in child.periods for i, e in _in_year(care.episodes, year)]
    lacking: dict[str, list[str]] = {table: [] for table in COLUMNS}
    leaving = oc3_row(child, year, lacking["oc3"])
    if not found and leaving is None:
        return
    person = child.person
    base = {"CHILD": child.child_id, "DOB": day(person.date_of_birth)}
    yield "header", _header(child, year, looked_after=bool(found))
    if found:
        yield from _looked_after(child, found, base, year, lacking)
    if leaving is not None:
        yield "oc3", base | leaving
    if missing is not None:
        for table, said in lacking.items():
            missing += [Missing(child.child_id, table, what) for what in said]


def _looked_after(
    child: LookedAfter,
    found: list[tuple[InCare, Episode, int]],
    base: Row,
    year: CollectionYear,
    lacking: dict[str, list[str]],
) -> Iterator[tuple[str, Row]]:
    """The rows of a child looked after in the year, but their header and OC3."""
    for care, episode, i in found:
        yield "episodes", _episode(child, care, episode, i, year)
    for care in child.periods:
        for review in care.reviews:
            if _status_on(care.episodes, review.held_on) in SHORT_BREAKS:
                continue  # no reviews are returned for short breaks (rule 399)
            held = {"REVIEW": day(review.held_on), "REVIEW_CODE": review.participation}
            yield "reviews", base | held
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
        for placed in placed_rows(care, year, lacking["placed_for_adoption"]):
            yield "placed_for_adoption", base | placed
        adopted = ad1_row(care, year, lacking["ad1"])
        if adopted is not None:
            yield "ad1", base | adopted
    uasc = _uasc(child, year) if child.unaccompanied else None
    if uasc is not None:
        yield "uasc", uasc
    periods = [care.period for care in child.periods]
    if continuously_looked_after(periods, [e for _, e, _ in found], year):
        yield "oc2", base | oc2_row(child.person, child.checks, year)
    started = [p for p in periods if year.holds(p.started_on)]
    if started:  # recorded for every child who started to be looked after (rule 630)
        code, on, la = previous_permanence(
            started[-1], child.history, lacking["previous_permanence"]
        )
        yield "previous_permanence", base | {"PREV_PERM": code, "LA_PERM": la, "DATE_PERM": day(on)}
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


def _header(child: LookedAfter, year: CollectionYear, *, looked_after: bool) -> Row:
    """The child's header. MOTHER is asked of a girl looked after in the year, not of a care
    leaver who was not (rule 628)."""
    person = child.person
    mother = ""
    # Asked of girls (and those whose sex is not known) only.
    if person.sex in ("F", "U") and looked_after:
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
