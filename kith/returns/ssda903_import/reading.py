"""Reading a folder of SSDA903 CSV files into each child's rows, checked for what cannot be
history. Tables are known by their columns, as the DfE and the community validator know them.
The adoption tables are read in adoption.py, the care leavers' in leaving.py."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
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
from kith.returns.census import CollectionYear
from kith.returns.ssda903_import.adoption import read_adoptions
from kith.returns.ssda903_import.child import (
    Child,
    Episode,
    NotAReturn,
    Parsed,
    day,
    known,
    periods_of,
)
from kith.returns.ssda903_import.leaving import read_leaving

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
NOT_IMPORTED = ("oc2", "sw_episodes", "dolo")
# Placement types withdrawn since, which earlier returns hold (reference/codes.md 3.4).
WITHDRAWN_PLACEMENTS = {"H5", "P2", "Z1", "P0", "P4", "T1", "R4", "R5", "S1"}
SEXES = {"1": "M", "2": "F", "M": "M", "F": "F", "U": "U"}


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


def parse_folder(folder: Path, year: int | None = None) -> Parsed:
    """Each child's rows in the return in `folder`. `year`, the collection year (named by the
    year it ends), says which birthday a care leaver's row is about; if not given, it is the
    year of the latest date the return holds (every child looked after has a review, a move
    or an episode in the year)."""
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
        child.born = day(row["DOB"], "The date of birth", child.problems)
        child.ethnicity, child.upn = row["ETHNIC"], row["UPN"]
    for row in tables["episodes"]:
        _episode(children, row)
    for row in tables.get("reviews", []):
        child = known(children, row)
        held = day(row["REVIEW"], "A review's date", child.problems)
        if row["REVIEW_CODE"] and row["REVIEW_CODE"] not in ReviewParticipation.values:
            child.problems.append(f"Review participation '{row['REVIEW_CODE']}' is not a 903 code")
        if held:
            child.reviews.append((held, row["REVIEW_CODE"]))
    for row in tables.get("missing", []):
        child = known(children, row)
        start = day(row["MIS_START"], "A missing episode's start", child.problems)
        end = day(row["MIS_END"], "A missing episode's end", child.problems, blank=True)
        if row["MISSING"] not in MissingKind.values:
            child.problems.append(f"Missing type '{row['MISSING']}' is not M or A")
        if start and end and end < start:
            child.problems.append(f"A missing episode ends ({end:%d/%m/%Y}) before it starts")
        if start:
            child.missing.append((row["MISSING"], start, end))
    for row in tables.get("uasc", []):
        child = known(children, row)
        child.unaccompanied = True
        child.unaccompanied_until = day(row["DUC"], "The UASC end date", child.problems, blank=True)
    for row in tables.get("previous_permanence", []):
        _previous_permanence(known(children, row), row)
    for child in children.values():
        child.episodes.sort(key=lambda e: e.started_on)
    year = year or _latest_year(children.values())
    read_adoptions(children, tables.get("placed_for_adoption", []), tables.get("ad1", []))
    read_leaving(children, tables.get("oc3", []), year)
    for child in children.values():
        child.problems += episode_problems(child.episodes)
        if not child.episodes and child.leaving is None:
            child.problems.append("No episodes")
        child.problems += outside_care(child)
    return Parsed(children, names, [names[t] for t in NOT_IMPORTED if t in names], year)


def _latest_year(children: Iterable[Child]) -> int | None:
    """The collection year of the latest day in the return's episodes, reviews and missing
    episodes."""
    days = [d for c in children for e in c.episodes for d in (e.started_on, e.ended_on) if d]
    days += [d for c in children for d, _ in c.reviews]
    days += [d for c in children for _, start, end in c.missing for d in (start, end) if d]
    return CollectionYear.of(max(days)).year if days else None


# The authorities outside England an earlier order may have been made in (LA_PERM).
OUTSIDE_ENGLAND = {"WAL", "SCO", "NIR", "NUK"}


def _previous_permanence(child: Child, row: dict[str, str]) -> None:
    """PREV_PERM, and for an order its date (a date the return gives only in part, zz for
    what is not known, is left blank: Kith holds whole dates) and authority."""
    code = row["PREV_PERM"]
    if code and code not in PreviousPermanence.values:
        child.problems.append(f"Earlier permanence '{code}' is not a 903 code")
    child.previous_permanence = code
    if code in ("", PreviousPermanence.NONE):
        return
    la, on = row["LA_PERM"], row["DATE_PERM"]
    if la and not (la in OUTSIDE_ENGLAND or (len(la) == 3 and la.isdigit())):
        child.problems.append(f"The earlier order's authority '{la}' is not a 903 code (LA_PERM)")
    child.previous_permanence_la = la
    if "z" not in on.lower():
        child.previous_permanence_on = day(
            on, "The earlier order's date (DATE_PERM)", child.problems, blank=True
        )


def _episode(children: dict[str, Child], row: dict[str, str]) -> None:
    child = known(children, row)
    problems = child.problems
    start = day(row["DECOM"], "An episode's start (DECOM)", problems)
    end = day(row["DEC"], "An episode's end (DEC)", problems, blank=True)
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


def outside_care(child: Child) -> list[str]:
    """Reviews and missing episodes are of a child in care: each falls in a period."""
    spans = [
        (run[0].started_on, run[-1].ended_on if run[-1].end_reason != "X1" else None)
        for run in periods_of(child.episodes)
    ]

    def inside(on: date) -> bool:
        return any(start <= on and (end is None or on <= end) for start, end in spans)

    found = [f"A review on {d:%d/%m/%Y} is outside care" for d, _ in child.reviews if not inside(d)]
    found += [
        f"A missing episode from {d:%d/%m/%Y} is outside care"
        for _, d, _ in child.missing
        if not inside(d)
    ]
    return found
