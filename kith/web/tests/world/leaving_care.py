"""Care leavers: the restricted girl's leaving care support (her contact notes, birthday check,
staying put arrangement, needs assessment and pathway plan carrying the marker), and three
ordinary young people of 19, each looked after from 15 to 18 and in a case of the allocated
worker's: Wren, whom the personal adviser persona advises; Noor, whom another adviser does;
and Tamsin, whose support is not set up yet.

The personal adviser persona is named as the restricted girl's adviser too, and sits in the
allocated worker's team: as close to her as an adviser can be, and still they must never see
her, nor the team's other cases."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kith.accounts.roles import Role
from kith.care.models import CarePeriod, LegalStatusChange
from kith.leaving_care.models import (
    AdviserContact,
    BirthdayCheck,
    CareLeaver,
    LivingArrangement,
)
from kith.leaving_care.plans import NeedsAssessment, PathwayPlan
from kith.leaving_care.status import birthday
from kith.lib.working_days import add_months
from kith.recording.models import Status
from kith.test import make_case, make_person, make_user
from kith.web.tests.world.marker import marked

if TYPE_CHECKING:
    from kith.web.tests.world import World


def add_leaving_care(world: World, today: date) -> None:
    worker, adviser = world.users["social worker"], world.users["personal adviser"]
    case = world.restricted["case"]
    hers = marked(
        CareLeaver,
        child=case.child,
        case=case,
        adviser=adviser,
        adviser_since=today - timedelta(days=30),
        started_on=today - timedelta(days=30),
        recorded_by=worker,
    )
    _support(hers, worker, today, today, marked)
    world.restricted.update(leaver=hers, **_plans(case, worker, today, marked))
    wren = _young_person(world, "Wren", "Ashby", today, adviser)
    noor = _young_person(
        world, "Noor", "Kessel", today, make_user(Role.PERSONAL_ADVISER, team=adviser.team)
    )
    tamsin = _young_person(world, "Tamsin", "Voss", today, None)
    world.ordinary.update(
        young_person=wren["child"],
        leaver=wren["leaver"],
        leaver_case=wren["case"],
        other_leaver=noor["leaver"],
        other_leaver_case=noor["case"],
        new_leaver_case=tamsin["case"],
        **_plans(wren["case"], worker, today, _plain),
    )


def _young_person(
    world: World, first: str, family: str, today: date, adviser: Any
) -> dict[str, Any]:
    """19, looked after from 15 to 18 (former relevant), in an open case of the worker's;
    supported by the adviser, if there is one, since their 18th birthday."""
    worker = world.users["social worker"]
    born = add_months(today, -(12 * 19 + 2))
    child = make_person(first_name=first, family_name=family, date_of_birth=born, sex="F")
    came_in, left = birthday(born, 15), birthday(born, 18)
    case = make_case(child, worker=worker, referral_date=came_in - timedelta(days=30))
    period = CarePeriod.objects.create(
        case=case, child=child, started_on=came_in, ended_on=left, end_reason="E5", need="N1",
        recorded_by=worker,
    )  # fmt: skip
    LegalStatusChange.objects.create(
        period=period, status="C2", started_on=came_in, recorded_by=worker
    )
    found: dict[str, Any] = {"child": child, "case": case, "leaver": None}
    if adviser is not None:
        leaver = CareLeaver.objects.create(
            child=child, case=case, adviser=adviser, adviser_since=left, started_on=left,
            recorded_by=worker,
        )  # fmt: skip
        _support(leaver, worker, today, birthday(born, 19), _plain)
        found["leaver"] = leaver
    return found


def _support(leaver: CareLeaver, worker: Any, today: date, checked_on: date, make: Any) -> None:
    """A contact, the check around their 19th birthday and staying put."""
    make(
        AdviserContact,
        leaver=leaver,
        contacted_on=today - timedelta(days=10),
        method="met",
        recorded_by=worker,
    )
    make(
        BirthdayCheck,
        leaver=leaver,
        age=19,
        checked_on=checked_on,
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitable=True,
        recorded_by=worker,
    )
    make(
        LivingArrangement,
        leaver=leaver,
        kind="staying_put",
        started_on=leaver.started_on,
        recorded_by=worker,
    )


def _plans(case: Any, worker: Any, today: date, make: Any) -> dict[str, Any]:
    return {
        "needs_assessment": make(
            NeedsAssessment, case=case, author=worker, status=Status.FINAL, assessed_on=today
        ),
        "pathway_plan": make(
            PathwayPlan, case=case, author=worker, status=Status.FINAL, agreed_on=today
        ),
    }


def _plain(model: Any, **fields: Any) -> Any:
    for name in ("note", "with_whom", "in_my_words", "needs", "about_me", "home", "support"):
        if name in {f.name for f in model._meta.concrete_fields}:
            fields.setdefault(name, f"Ordinary {name.replace('_', ' ')}")
    return model._default_manager.create(**fields)
