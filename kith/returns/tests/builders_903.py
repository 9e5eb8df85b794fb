"""Records the SSDA903 tests build: a period of care with its legal statuses and placements, a
decision to place for adoption (and the match), leaving care support and a birthday check.
Made directly, as the pages' actions would have left them, so a test can put a child's whole
history in the past."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from kith.accounts.models import User
from kith.care.models import CarePeriod, LegalStatusChange, Placement
from kith.cases.models import Allocation, Case
from kith.leaving_care.models import BirthdayCheck, CareLeaver
from kith.people.models import Person
from kith.permanence.models import AdoptionPlan
from kith.returns.census import CollectionYear
from kith.returns.ssda903 import COLUMNS, Missing, rows
from kith.test import make_person

# Real postcodes (council offices in West Sussex), so the community validator can place them.
HOME, PLACED = "BN11 1HA", "RH12 1RL"
FOSTER = {"kind": "U6", "provider": "PR1", "carer": "Mr and Mrs Okafor", "urn": "2345678"}


def tables(year: int, missing: list[Missing] | None = None) -> dict[str, list[dict[str, str]]]:
    """The year's return, table by table, each row checked to have its table's columns."""
    found: dict[str, list[dict[str, str]]] = {table: [] for table in COLUMNS}
    for table, row in rows(CollectionYear(year), missing):
        assert list(row) == COLUMNS[table], table
        found[table].append(row)
    return found


def of(found: list[dict[str, str]], person: Person) -> list[dict[str, str]]:
    """The rows of one child (by Kith's own person number, as the return names them)."""
    return [row for row in found if row["CHILD"] == f"P{person.pk:07d}"]


def child(born: date, sex: str = "F", **fields: Any) -> Person:
    return make_person(date_of_birth=born, sex=sex, upn="", upn_unknown="UN5", **fields)


def care(
    by: User,
    person: Person,
    started: date,
    *,
    ended: date | None = None,
    end_reason: str = "",
    statuses: dict[date, str] | None = None,
    moves: dict[date, dict[str, Any]] | None = None,
    **fields: Any,
) -> CarePeriod:
    """A period of care from `started` (C2 and a foster placement unless told), with the legal
    statuses and moves given by date (each move's "why_moved" the reason the placement before
    ended, CARPL unless told), ended if `ended`; in a case of its own allocated to `by`,
    referred the day care began and closed when it ended."""
    case = Case.objects.filter(child=person, closed_on__isnull=True).first()
    if case is None:
        case = Case.objects.create(
            child=person,
            referral_date=started,
            referral_source="10",
            primary_need="N1",
            opened_by=by,
            closed_on=ended,
            closure_reason="RC7" if ended else "",
            team=by.team,
            worker=by,
        )
        moment = timezone.make_aware(datetime.combine(started, time(10)))
        Allocation.objects.create(case=case, team=by.team, worker=by, by=by, started_at=moment)
    fields.setdefault("previous_permanence", "Z1")
    period = CarePeriod.objects.create(
        case=case,
        child=person,
        started_on=started,
        need="N1",
        ended_on=ended,
        end_reason=end_reason,
        recorded_by=by,
        **fields,
    )
    for day, status in ({started: "C2"} | (statuses or {})).items():
        LegalStatusChange.objects.create(
            period=period, status=status, started_on=day, recorded_by=by
        )
    placements = {started: FOSTER} | (moves or {})
    before: Placement | None = None
    for day, placed in placements.items():
        placed = dict(placed)
        why = placed.pop("why_moved", "CARPL")  # the reason the placement before ended
        if before is not None:
            before.change_reason = why
            before.save(update_fields=["change_reason"])
        before = Placement.objects.create(
            period=period,
            started_on=day,
            postcode=PLACED,
            home_postcode=HOME,
            recorded_by=by,
            **(FOSTER | placed),
        )
    return period


def adoption_plan(by: User, period: CarePeriod, decided: date, **fields: Any) -> AdoptionPlan:
    fields.setdefault("decision_maker", "Agency decision maker")
    return AdoptionPlan.objects.create(period=period, decided_on=decided, recorded_by=by, **fields)


def matched(by: User, period: CarePeriod, decided: date, on: date, **fields: Any) -> AdoptionPlan:
    """A decision, and the match with a married couple who were not the child's carers."""
    adopters = {
        "matched_on": on,
        "adopters_number": 2,
        "adopters_sex": "MF",
        "adopters_legal_status": "L11",
        "foster_carers_adopting": False,
    }
    return adoption_plan(by, period, decided, **(adopters | fields))


def leaver(by: User, person: Person, started: date, **fields: Any) -> CareLeaver:
    """Leaving care support, in the young person's latest case."""
    case = Case.objects.filter(child=person).order_by("-referral_date").first()
    assert case is not None
    return CareLeaver.objects.create(
        child=person, case=case, started_on=started, recorded_by=by, **fields
    )


def birthday_check(
    by: User, support: CareLeaver, age: int, on: date, in_touch: str = "YES", **fields: Any
) -> BirthdayCheck:
    if in_touch == "YES":
        fields.setdefault("activity", "F2")
        fields.setdefault("accommodation", "D")
        fields.setdefault("suitable", True)
    return BirthdayCheck.objects.create(
        leaver=support, age=age, checked_on=on, in_touch=in_touch, recorded_by=by, **fields
    )


def small_authority(by: User) -> dict[str, Person]:
    """An authority's worth of the return's adoption and care leavers' tables, each child
    valid (test_ssda903_validated.py): an adoption, decisions standing and ceased, earlier
    orders, and care leavers of 17, 18, 19 and 20 in 2025 to 2026."""
    # Adopted in the year by their foster carers (A5), after a placement order.
    adopted = child(date(2022, 2, 1))
    period = care(
        by,
        adopted,
        date(2023, 5, 1),
        ended=date(2026, 1, 15),
        end_reason="E11",
        statuses={date(2024, 6, 1): "E1"},
        moves={
            date(2025, 6, 1): {"kind": "A5", "urn": "XXXXXXX", "same_carer": True},
        },
    )
    matched(by, period, date(2024, 3, 1), date(2025, 5, 1), foster_carers_adopting=True)
    # Waiting, placed with adopters the agency found (A6).
    waiting = child(date(2023, 3, 1), sex="M")
    period = care(
        by,
        waiting,
        date(2024, 1, 8),
        statuses={date(2025, 2, 3): "E1"},
        moves={date(2025, 11, 3): {"kind": "A6", "urn": "XXXXXXX"}},
    )
    adoption_plan(by, period, date(2024, 11, 4), matched_on=date(2025, 10, 1))
    # No longer to be adopted: a decision that ceased in the year, the child still in care.
    ceased = child(date(2022, 7, 1))
    period = care(by, ceased, date(2024, 1, 10))
    adoption_plan(by, period, date(2025, 5, 1), ended_on=date(2025, 11, 3), end_reason="RD1")
    # Back in care in the year after a special guardianship order from Kith's own care.
    guarded = child(date(2015, 4, 1), sex="M")
    care(by, guarded, date(2021, 1, 4), ended=date(2023, 8, 14), end_reason="E45")
    care(by, guarded, date(2025, 9, 1), previous_permanence="P2")
    # Adopted in Wales before, as the worker found out.
    care(
        by,
        child(date(2014, 4, 1)),
        date(2025, 10, 1),
        previous_permanence="P1",
        previous_permanence_on=date(2016, 5, 3),
        previous_permanence_la="WAL",
    )
    # Care leavers: 17, 18 and 19 in the year, their care in last year's return or this one's.
    for born, started, ended, age, in_touch, answers in [
        (date(2008, 9, 10), date(2023, 1, 1), date(2025, 3, 1), 17, "YES", {}),
        (date(2007, 6, 20), date(2022, 2, 1), date(2025, 2, 1), 18, "RHOM", {}),
        (date(2006, 12, 5), date(2021, 5, 1), date(2024, 12, 5), 19, "NO", {}),
        (
            date(2006, 5, 1),
            date(2021, 5, 1),
            date(2024, 5, 1),
            19,
            "YES",
            {"activity": "P5", "accommodation": "Z", "suitable": True},
        ),
    ]:
        young = child(born, sex="M")
        care(by, young, started, ended=ended, end_reason="E17" if age == 19 else "E4A")
        support = leaver(by, young, ended)
        birthday_check(by, support, age, born.replace(year=born.year + age), in_touch, **answers)
    # 20 in the year, who died: their care ended before last year's return.
    died = child(date(2005, 10, 1), sex="M")
    care(by, died, date(2020, 1, 1), ended=date(2023, 10, 1), end_reason="E17")
    birthday_check(by, leaver(by, died, date(2023, 10, 1)), 20, date(2025, 10, 1), "DIED")
    return {"adopted": adopted, "died": died}
