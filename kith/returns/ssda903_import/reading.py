"""Reading a folder of SSDA903 CSV files into each child's rows, checked for what cannot be
history. Tables are known by their columns, as the DfE and the community validator know them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kith.care.codes import (
    CareEndReason,
    CategoryOfNeed,
    LegalStatus,
    MissingKind,
    PlacementChangeReason,
    PlacementType,
    PreviousPermanence,
    Provider,
    ReviewParticipation,
)

TABLES = {
    "header": {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"},
    "episodes": {
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    },
    "reviews": {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"},
    "uasc": {"CHILD", "SEX", "DOB", "DUC"},
    "missing": {"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"},
    "previous_permanence": {"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"},
    # Known, and not imported (the package's docstring says why).
    "oc2": {
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    },
    "oc3": {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
    "ad1": {
        "CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
        "LS_ADOPTR",
    },
    "placed_for_adoption": {
        "CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED",
    },
    "sw_episodes": {"CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"},
    "dolo": {"CHILD", "DOB", "DOLO_START", "DOLO_END"},
}  # fmt: skip
NOT_IMPORTED = ("oc2", "oc3", "ad1", "placed_for_adoption", "sw_episodes", "dolo")
# Placement types withdrawn since, which earlier returns hold (reference/codes.md 3.4).
WITHDRAWN_PLACEMENTS = {"H5", "P2", "Z1", "P0", "P4", "T1", "R4", "R5", "S1"}
SEXES = {"1": "M", "2": "F", "M": "M", "F": "F", "U": "U"}


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
    problems: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    children: dict[str, Child]
    tables: dict[str, str]  # table: file name
    not_imported: list[str]

    @property
    def rejected(self) -> list[Child]:
        return [c for c in self.children.values() if c.problems]


def _day(text: str, what: str, problems: list[str], *, blank: bool = False) -> date | None:
    text = (text or "").strip()
    if not text:
        if not blank:
            problems.append(f"{what} is missing")
        return None
    try:
        day = datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        problems.append(f"{what} '{text}' is not a date (dd/mm/yyyy)")
        return None
    if day.year < 1900:
        problems.append(f"{what} {text} is before 1900")
    return day


def _read(path: Path) -> tuple[str, list[dict[str, str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotAReturn(f"{path.name} is not a UTF-8 CSV file") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = {c.strip() for c in (rows[0].keys() if rows else _columns(text))}
    for table, wanted in TABLES.items():
        if columns == wanted:
            return table, [{k.strip(): (v or "").strip() for k, v in r.items()} for r in rows]
    raise NotAReturn(f"{path.name} is not an SSDA903 table (its columns are not one table's)")


def _columns(text: str) -> list[str]:
    first = next(csv.reader(io.StringIO(text)), [])
    return first


def parse_folder(folder: Path) -> Parsed:
    tables: dict[str, list[dict[str, str]]] = {}
    names: dict[str, str] = {}
    for path in sorted(folder.glob("*.csv")):
        table, rows = _read(path)
        if table in tables:
            raise NotAReturn(f"{path.name} and {names[table]} are both the {table} table")
        tables[table], names[table] = rows, path.name
    if "header" not in tables or "episodes" not in tables:
        raise NotAReturn(f"{folder} has no header and episodes tables: it is not a 903 return")
    children: dict[str, Child] = {}
    for row in tables["header"]:
        child = children.setdefault(row["CHILD"], Child(row["CHILD"]))
        child.sex = SEXES.get(row["SEX"], "")
        if not child.sex:
            child.problems.append(f"Sex '{row['SEX']}' is not a 903 code")
        child.born = _day(row["DOB"], "The date of birth", child.problems)
        child.ethnicity, child.upn = row["ETHNIC"], row["UPN"]
    for row in tables["episodes"]:
        _episode(children, row)
    for row in tables.get("reviews", []):
        child = _known(children, row)
        held = _day(row["REVIEW"], "A review's date", child.problems)
        if row["REVIEW_CODE"] and row["REVIEW_CODE"] not in ReviewParticipation.values:
            child.problems.append(f"Review participation '{row['REVIEW_CODE']}' is not a 903 code")
        if held:
            child.reviews.append((held, row["REVIEW_CODE"]))
    for row in tables.get("missing", []):
        child = _known(children, row)
        start = _day(row["MIS_START"], "A missing episode's start", child.problems)
        end = _day(row["MIS_END"], "A missing episode's end", child.problems, blank=True)
        if row["MISSING"] not in MissingKind.values:
            child.problems.append(f"Missing type '{row['MISSING']}' is not M or A")
        if start and end and end < start:
            child.problems.append(f"A missing episode ends ({end:%d/%m/%Y}) before it starts")
        if start:
            child.missing.append((row["MISSING"], start, end))
    for row in tables.get("uasc", []):
        child = _known(children, row)
        child.unaccompanied = True
        child.unaccompanied_until = _day(
            row["DUC"], "The UASC end date", child.problems, blank=True
        )
    for row in tables.get("previous_permanence", []):
        child = _known(children, row)
        code = row["PREV_PERM"]
        if code and code not in PreviousPermanence.values:
            child.problems.append(f"Earlier permanence '{code}' is not a 903 code")
        child.previous_permanence = code
    for child in children.values():
        child.episodes.sort(key=lambda e: e.started_on)
        child.problems += episode_problems(child.episodes)
        if not child.episodes:
            child.problems.append("No episodes")
        child.problems += outside_care(child)
    return Parsed(children, names, [names[t] for t in NOT_IMPORTED if t in names])


def _known(children: dict[str, Child], row: dict[str, str]) -> Child:
    child = children.get(row["CHILD"])
    if child is None:
        child = children.setdefault(row["CHILD"], Child(row["CHILD"]))
        child.problems.append("Not in the header table")
    return child


def _episode(children: dict[str, Child], row: dict[str, str]) -> None:
    child = _known(children, row)
    problems = child.problems
    start = _day(row["DECOM"], "An episode's start (DECOM)", problems)
    end = _day(row["DEC"], "An episode's end (DEC)", problems, blank=True)
    codes = (
        ("LS", LegalStatus.values, False),
        ("CIN", CategoryOfNeed.values, False),
        ("PLACE", [*PlacementType.values, *WITHDRAWN_PLACEMENTS], False),
        ("PLACE_PROVIDER", Provider.values, True),
        ("REASON_PLACE_CHANGE", PlacementChangeReason.values, True),
        ("RNE", ["S", "L", "P", "T", "B", "U"], False),
        ("REC", [*CareEndReason.values, "X1"], True),
    )
    for column, allowed, blank in codes:
        value = row[column]
        if (value or not blank) and value not in allowed:
            problems.append(f"{column} '{value}' is not a 903 code")
    if start is None:
        return
    if end is not None and end < start:
        problems.append(f"An episode ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})")
    if end is not None and not row["REC"]:
        problems.append(f"The episode ending {end:%d/%m/%Y} has no reason (REC)")
    child.episodes.append(
        Episode(
            start, end, row["RNE"], row["LS"], row["CIN"], row["PLACE"], row["PLACE_PROVIDER"],
            row["REC"], row["REASON_PLACE_CHANGE"], row["HOME_POST"], row["PL_POST"], row["URN"],
        )
    )  # fmt: skip


def _placement(e: Episode) -> tuple[str, ...]:
    return (e.place, e.provider, e.urn, e.postcode, e.home_postcode)


def episode_problems(episodes: list[Episode]) -> list[str]:
    """Episodes that cannot be a history of periods of care: each period starts with S; within
    one, each episode starts the day the one before ended (X1), and its reason says what
    changed. Only the last may be open."""
    found: list[str] = []
    before: Episode | None = None
    for e in episodes:
        on = f"{e.started_on:%d/%m/%Y}"
        if before is None or before.end_reason != "X1":
            if before is not None and (before.ended_on is None or e.started_on < before.ended_on):
                found.append(f"The episode from {on} overlaps the period of care before it")
            # The first episode a return holds may be part of care that began before it.
            if e.reason_new != "S" and before is not None:
                found.append(f"The episode from {on} starts a period of care but its RNE is not S")
        else:
            if before.ended_on != e.started_on:
                found.append(f"The episode from {on} does not start the day the one before ended")
            moved = _placement(e) != _placement(before)
            ordered = e.legal_status != before.legal_status
            allowed = {
                (True, True): {"B", "U"},
                (True, False): {"P", "T"},
                (False, True): {"L"},
                (False, False): {"T", "P"},  # a new carer with the same details
            }[(moved, ordered)]
            if e.reason_new not in allowed:
                found.append(
                    f"The episode from {on} says '{e.reason_new}' but "
                    + ("the placement and legal status changed" if moved and ordered else
                       "the placement changed" if moved else
                       "the legal status changed" if ordered else "nothing changed")
                )  # fmt: skip
            if e.need != before.need:
                found.append(f"The category of need changes within a period of care on {on}")
        before = e
    last = episodes[-1] if episodes else None
    if last is not None and last.end_reason == "X1" and last.ended_on is not None:
        found.append(
            f"The episode from {last.started_on:%d/%m/%Y} ended (X1) with a new one that is not "
            "in the return"
        )
    return found


def periods_of(episodes: list[Episode]) -> list[list[Episode]]:
    """The episodes in runs, each a period of care: a new one after any reason but X1."""
    runs: list[list[Episode]] = []
    for e in episodes:
        if not runs or runs[-1][-1].end_reason != "X1":
            runs.append([])
        runs[-1].append(e)
    return runs


def outside_care(child: Child) -> list[str]:
    """Reviews and missing episodes are of a child in care: each falls in a period."""
    spans = [
        (run[0].started_on, run[-1].ended_on if run[-1].end_reason != "X1" else None)
        for run in periods_of(child.episodes)
    ]

    def inside(day: date) -> bool:
        return any(start <= day and (end is None or day <= end) for start, end in spans)

    found = [f"A review on {d:%d/%m/%Y} is outside care" for d, _ in child.reviews if not inside(d)]
    found += [
        f"A missing episode from {d:%d/%m/%Y} is outside care"
        for _, d, _ in child.missing
        if not inside(d)
    ]
    return found
