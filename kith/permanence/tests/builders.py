"""A looked-after child for the permanence tests, built through the care app's own actions so
the record is what the pages would have made."""

from __future__ import annotations

from datetime import date

from kith.accounts.models import User
from kith.care import actions as care
from kith.care.models import CarePeriod
from kith.cases.models import Case


def into_care(case: Case, day: date, by: User, legal_status: str = "C2") -> CarePeriod:
    return care.come_into_care(
        [case],
        by=by,
        coming=care.Coming(
            started_on=day,
            legal_status=legal_status,
            need="N1",
            previous_permanence="Z1",
            placement={"kind": "U6", "provider": "PR1", "carer": "Mr and Mrs Okafor"},
        ),
    )[0]


def adopters_placement(period: CarePeriod, day: date, by: User) -> None:
    care.record_move(
        period,
        by=by,
        version=None,
        change_reason="CARPL",
        started_on=day,
        kind="A6",
        provider="PR1",
        carer="Prospective adopters",
    )
