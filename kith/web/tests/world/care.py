"""Both children looked after: the restricted girl (her carers, reviews, missing episode,
checks and care plan all carrying the marker) and her brother, in the same foster home, with
the same reviewing officer. A virtual school head reads the ordinary boy's care, never hers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from kith.care.models import (
    CarePeriod,
    CareReview,
    CheckRecord,
    LegalStatusChange,
    MissingEpisode,
    Placement,
    Recommendation,
)
from kith.care.plans import CarePlan, PlacementPlan
from kith.recording.models import Status
from kith.web.tests.world.marker import marked

if TYPE_CHECKING:
    from kith.web.tests.world import World


def add_care(world: World, today: date) -> None:
    worker, chair = world.users["social worker"], world.users["chair"]
    start = today - timedelta(days=60)
    for side, make in ((world.restricted, marked), (world.ordinary, _plain)):
        case = side["case"]
        period = make(
            CarePeriod,
            case=case,
            child=case.child,
            started_on=start,
            need="N1",
            iro=chair,
            recorded_by=worker,
            end_reason="",
        )
        LegalStatusChange.objects.create(
            period=period, status="C1", started_on=start, recorded_by=worker
        )
        for offset, kind in ((0, "U6"), (20, "K2")):
            side["placement"] = make(
                Placement,
                period=period,
                started_on=start + timedelta(days=offset),
                kind=kind,
                provider="PR1",
                urn="123456",
                change_reason="CARPL" if offset == 0 else "",
                recorded_by=worker,
            )
        review = make(
            CareReview,
            period=period,
            held_on=start + timedelta(days=15),
            chair=chair,
            participation="PN1",
            recorded_by=worker,
        )
        make(Recommendation, review=review, due_on=today)
        missing = make(
            MissingEpisode,
            period=period,
            kind="M",
            started_on=today - timedelta(days=5),
            ended_on=today - timedelta(days=4),
            interview_offered=True,
            recorded_by=worker,
        )
        make(
            CheckRecord,
            child=case.child,
            case=case,
            kind="school",
            done_on=start,
            sdq_reason="",
            recorded_by=worker,
        )
        for model in (CarePlan, PlacementPlan):
            make(model, case=case, author=worker, status=Status.FINAL, agreed_on=start)
        side.update(care_period=period, care_review=review, missing=missing)


def _plain(model: Any, **fields: Any) -> Any:
    for name in ("carer", "discussion", "what", "who", "school"):
        if name in {f.name for f in model._meta.concrete_fields}:
            fields.setdefault(name, f"Ordinary {name}")
    return model._default_manager.create(**fields)
