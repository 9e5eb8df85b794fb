"""What an SSDA903 return says of each child, read from its tables (reading.py, adoption.py,
leaving.py) and written into Kith (writing.py): the child's rows as plain data, with the
problems that stop them being history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


class NotAReturn(Exception):
    """The folder holds no SSDA903 header and episodes, or a file that cannot be read."""


@dataclass
class Episode:
    started_on: date
    ended_on: date | None
    reason_new: str
    legal_status: str
    need: str
    place: str
    provider: str
    end_reason: str
    change_reason: str
    home_postcode: str
    postcode: str
    urn: str


@dataclass(frozen=True)
class Decision:
    """A decision that the child should be placed for adoption (PlacedAdoption), and the one
    that they should no longer be, if made."""

    decided_on: date
    ended_on: date | None
    end_reason: str


@dataclass(frozen=True)
class Adopted:
    """The child's adoption (AD1): the decision, the match and the adopters."""

    decided_on: date
    matched_on: date | None
    foster_carers: bool | None
    number: int | None
    sex: str
    legal_status: str


@dataclass(frozen=True)
class Leaving:
    """A care leaver's row (OC3): the birthday it is about and, if a check was made around it,
    what it found (activity and accommodation blank when the return says 0)."""

    age: int
    in_touch: str
    activity: str
    accommodation: str
    suitable: bool | None


@dataclass
class Child:
    child_id: str
    sex: str = "U"
    born: date | None = None
    ethnicity: str = ""
    upn: str = ""
    episodes: list[Episode] = field(default_factory=list)
    reviews: list[tuple[date, str]] = field(default_factory=list)
    missing: list[tuple[str, date, date | None]] = field(default_factory=list)
    unaccompanied_until: date | None = None
    unaccompanied: bool = False
    previous_permanence: str = ""
    previous_permanence_on: date | None = None
    previous_permanence_la: str = ""
    decisions: list[Decision] = field(default_factory=list)
    adopted: Adopted | None = None
    leaving: Leaving | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    children: dict[str, Child]
    tables: dict[str, str]  # table: file name
    not_imported: list[str]
    year: int | None = None  # the collection year, named by the year it ends

    @property
    def rejected(self) -> list[Child]:
        return [c for c in self.children.values() if c.problems]


def day(text: str, what: str, problems: list[str], *, blank: bool = False) -> date | None:
    """A date as the DfE's files write it; a problem, in words, if it is not one."""
    text = (text or "").strip()
    if not text:
        if not blank:
            problems.append(f"{what} is missing")
        return None
    try:
        found = datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        problems.append(f"{what} '{text}' is not a date (dd/mm/yyyy)")
        return None
    if found.year < 1900:
        problems.append(f"{what} {text} is before 1900")
    return found


def known(children: dict[str, Child], row: dict[str, str]) -> Child:
    """The child a row is about, who should be in the header table."""
    child = children.get(row["CHILD"])
    if child is None:
        child = children.setdefault(row["CHILD"], Child(row["CHILD"]))
        child.problems.append("Not in the header table")
    return child


def periods_of(episodes: list[Episode]) -> list[list[Episode]]:
    """The episodes in runs, each a period of care: a new one after any reason but X1."""
    runs: list[list[Episode]] = []
    for e in episodes:
        if not runs or runs[-1][-1].end_reason != "X1":
            runs.append([])
        runs[-1].append(e)
    return runs


def spans(child: Child) -> list[tuple[date, date | None, bool]]:
    """Each period of care the return holds: its first and last day (None while open), and
    whether it began before the return's first episode of it (its RNE is not S)."""
    return [
        (
            run[0].started_on,
            run[-1].ended_on if run[-1].end_reason != "X1" else None,
            run[0].reason_new != "S",
        )
        for run in periods_of(child.episodes)
    ]
