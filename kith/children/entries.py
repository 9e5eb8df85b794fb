"""What a chronology is made of: an entry (one dated thing in a child's life, with a link to the
record it comes from) and a reading (which children's entries to read, and how many)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Q, QuerySet
from django.utils import timezone

from kith.care.models import CarePeriod
from kith.lib.working_days import add_months
from kith.people.models import Person

if TYPE_CHECKING:
    from kith.accounts.models import User

# The kinds of entry, in the words the filter shows.
KINDS = {
    "contact": "Contacts",
    "referral": "Referrals and closures",
    "assessment": "Assessments",
    "visit": "Visits",
    "note": "Case notes",
    "plan": "Plans and reviews",
    "protection": "Child protection",
    "care": "Looked after",
    "family": "Family changes",
    "event": "Significant events added by hand",
}
SUMMARY_LENGTH = 240
# Every record of a kind is significant in itself (Reading.rows).
ALL = Q()


@dataclass
class Entry:
    on: date
    kind: str  # one of KINDS
    title: str
    text: str
    url: str
    # What the entry comes from: the source (children.sources.SOURCES) and the record's id.
    # A worker's mark is kept against these two, so it stays with the record whatever its
    # page's address becomes.
    source: str
    pk: int
    child: Person
    significant: bool = False
    by: str = ""
    analysis: str = ""  # a worker's note on what the entry means (ChronologyMark)
    marked_by: str = ""
    mark_id: int | None = None  # the latest mark, which a new one must have seen
    agency: str = ""  # the agency it came from, when it came from one (Agency)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def anchor(self) -> str:
        """Where on the chronology page an event typed into it is (its link points there)."""
        return self.url.partition("#")[2]

    @property
    def key(self) -> str:
        """How the page names the entry when a worker marks it."""
        return f"{self.source}:{self.pk}"


def short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


Rows = TypeVar("Rows", bound=QuerySet[Any])


@dataclass(frozen=True)
class Reading:
    """Which entries a source reads: every one for these children (the chronology), only
    those significant in themselves and the newest few of them (the summary), or just the
    records with these ids (the ones a worker marked)."""

    children: dict[int, Person]
    viewer: User | None = None
    significant_only: bool = False
    most: int | None = None
    pks: Collection[int] | None = None

    @property
    def ids(self) -> list[int]:
        return list(self.children)

    @property
    def old_enough_to_leave_care(self) -> list[int]:
        """Of these children, those 16 or over (or of unknown age): only they can have left
        care as care leavers, so the leaving care sources read nothing for the rest."""
        today = timezone.localdate()
        return [
            pk
            for pk, person in self.children.items()
            if person.date_of_birth is None or add_months(person.date_of_birth, 16 * 12) <= today
        ]

    @cached_property
    def looked_after(self) -> list[int]:
        """Of these children, those ever looked after: read once, so the sources of care,
        permanence and leaving care cost a child never in care nothing more."""
        return list(
            CarePeriod.objects.filter(child_id__in=self.ids)
            .values_list("child_id", flat=True)
            .distinct()
        )

    def rows(
        self, rows: Rows, *, significant: Q | None, newest: tuple[str, ...]
    ) -> Rows | list[Any]:
        """`rows` narrowed to this reading. `significant` says which of a source's records are
        significant in themselves (None: none are, unless a worker marks them); `newest`
        orders them newest first, for a reading of the newest few."""
        if self.pks is not None:
            return rows.filter(pk__in=self.pks)
        if self.significant_only:
            if significant is None:
                return []  # none is significant in itself: not even an empty query to build
            rows = rows.filter(significant)
        if self.most is not None:
            return rows.order_by(*newest)[: self.most]
        return rows
