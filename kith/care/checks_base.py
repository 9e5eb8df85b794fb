"""What the checks on a looked-after child's care page share: what a check finds (Problem, and
the Fix that puts it right), the registry the checks join (care_check), and one period of care
as the next SSDA903 return reads it (Seen).

The reference is the community SSDA903 validator (csc-validator-be-903, Data to Insight), the
2025/26 rules (its ruleset for collection year 2026, assembled from lac2022_23 to lac2025_26):
each check names the rule it mirrors. The validator reports every one of these rules as an
error, none as a query (it treats only a code ending in Q, or a message starting "WARNING", as a
query, and no rule here has either)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from kith.care.codes import SHORT_BREAKS, TEMPORARY
from kith.care.episodes import Episode
from kith.care.models import Placement
from kith.care.queries import LookedAfter
from kith.people.models import Person

# What the 903 calls a temporary placement (T0 to T4) and the kinds with no provider (rule 213).
NOT_PROVIDED = TEMPORARY | {"Z11", "Z12", "Z13", "Z14"}


@dataclass(frozen=True)
class Fix:
    """Where the worker puts it right."""

    label: str
    url: str


@dataclass(frozen=True)
class Problem:
    code: str  # the validator's rule code
    message: str
    # None: Kith has no page to change it (a review or the end of care, once recorded); the
    # message says what is wrong so it can be put right another way.
    fix: Fix | None
    about: str = ""  # what it is about ("placement 2025-04-01"): one problem each
    query: bool = False


@dataclass(frozen=True)
class Seen:
    """One period of care as the SSDA903 return for the collection year holding `today` reads
    it: the episodes in that year (1 April to 31 March), and the child."""

    shown: LookedAfter
    today: date
    start: date  # 1 April
    end: date  # 31 March
    episodes: list[Episode]

    @property
    def child(self) -> Person:
        return self.shown.period.child

    @property
    def born(self) -> date | None:
        return self.child.date_of_birth

    @property
    def is_open(self) -> bool:
        return self.shown.period.ended_on is None

    def care(self, label: str, name: str) -> Fix:
        return Fix(label, reverse(name, args=[self.shown.period.pk]))

    def change(self, label: str, name: str) -> Fix | None:
        """A page that records a change (a move, a legal status): only while care is open."""
        return self.care(label, name) if self.is_open else None

    def correct(self, placement: Placement) -> Fix | None:
        """The page that puts a placement right (a placement not saved has none)."""
        if placement.pk is None:
            return None
        return Fix("Correct the placement", reverse("care:correct_placement", args=[placement.pk]))

    def person(self, label: str = "Check the date of birth", name: str = "") -> Fix:
        return Fix(label, reverse(name or "people:change_identity", args=[self.child.pk]))

    def ends(self, episode: Episode) -> date:
        """When an episode ended, or today for the one still open (the validator counts an
        open one to 31 March; one that has lasted too long today will have by then)."""
        return episode.ended_on or self.today

    def uasc(self) -> bool:
        """Whether the return shows the child as an unaccompanied asylum-seeking child this
        year or last (the validator's UASC, from the UASC table: the date it stopped, or the
        18th birthday, on or after 1 April of last year)."""
        period = self.shown.period
        if not period.unaccompanied:
            return False
        until = period.unaccompanied_until
        if (until is None or until > self.end) and self.born is not None:
            until = birthday(self.born, 18)
        return until is None or until >= date(self.start.year - 1, 4, 1)


CareCheck = Callable[[Seen], Iterator[Problem]]
CHECKS: list[tuple[tuple[str, ...], CareCheck]] = []


def care_check(*codes: str) -> Callable[[CareCheck], CareCheck]:
    """Registers a check, with the codes of the validator rules it mirrors."""

    def register(check: CareCheck) -> CareCheck:
        CHECKS.append((codes, check))
        return check

    return register


def collection_year(today: date) -> tuple[date, date]:
    first = today.year if today.month >= 4 else today.year - 1
    return date(first, 4, 1), date(first + 1, 3, 31)


def birthday(born: date, years: int) -> date:
    """The day a child turns `years`: 28 February for a 29 February birthday in a year without
    one, as the validator counts (pandas' DateOffset)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, day=28)


def age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def on(day: date) -> str:
    return f"{day:%-d %B %Y}"


def postcode(value: str) -> str:
    """A postcode as the return writes it (blank when there is none)."""
    return "".join(value.split()).upper()


def provider(placement: Placement) -> str:
    """The provider as the return writes it: none for the kinds rule 213 lists."""
    return "" if placement.kind in NOT_PROVIDED else placement.provider


def placed(placement: Placement) -> str:
    return f"the placement with {placement.carer} from {on(placement.started_on)}"


def about(placement: Placement) -> str:
    return f"placement {placement.started_on:%Y-%m-%d}"


def short_breaks(episode: Episode) -> bool:
    return episode.legal_status in SHORT_BREAKS


def with_previous(seen: Seen) -> Iterator[tuple[Episode | None, Episode]]:
    before = None
    for episode in seen.episodes:
        yield before, episode
        before = episode
