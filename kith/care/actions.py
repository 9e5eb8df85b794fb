"""Changes to a looked-after child's record: coming into care (siblings together), a move, a
new legal status, the end of care, reviews, missing episodes and health and education checks.
Each is one transaction with its audit event, checks the version the worker's page was opened
on (cases.actions.claim), and tells the case's derivations (deadlines) that it changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.care import rules
from kith.care.codes import PREVIOUS_BY_ENDING
from kith.care.models import (
    CarePeriod,
    CareReview,
    CheckRecord,
    LegalStatusChange,
    MissingEpisode,
    Placement,
    Recommendation,
)
from kith.cases.actions import claim
from kith.cases.changes import changed
from kith.cases.models import Case
from kith.protection.actions.plans import end_plan
from kith.protection.codes import PlanEndReason
from kith.protection.models import ProtectionPlan


def _audit(by: User, verb: Verb, period: CarePeriod, **detail: Any) -> None:
    record(
        by=by,
        verb=verb,
        person=period.child,
        detail={"case": period.case_id, "period": period.pk, **detail},
    )


@dataclass(frozen=True)
class Coming:
    """What one page says about the children coming into care together."""

    started_on: date
    legal_status: str
    need: str
    previous_permanence: str
    placement: dict[str, Any]  # kind, provider, carer, urn, postcode, home_postcode, ...
    unaccompanied: bool = False
    iro: User | None = None
    end_protection_plan: bool = False


def earlier_order(child_id: int, before: date) -> tuple[str, date] | None:
    """The adoption, special guardianship or child arrangements order the child's last period
    of care in Kith ended in (the 903's PREV_PERM, its date): Kith's own record, never asked."""
    last = (
        CarePeriod.objects.filter(child_id=child_id, ended_on__lte=before)
        .order_by("-ended_on", "-pk")
        .first()
    )
    code = PREVIOUS_BY_ENDING.get(last.end_reason) if last else None
    return (code, last.ended_on) if code and last and last.ended_on else None


@transaction.atomic
def come_into_care(cases: list[Case], *, by: User, coming: Coming) -> list[CarePeriod]:
    """Each child comes into care on the same day, with the same legal status and first
    placement (brothers and sisters placed together); an open child protection plan ends with
    "became looked after" when the worker says so."""
    periods = []
    for case in cases:
        if not case.is_open:
            raise ValidationError(f"{case.child.full_name}'s case is closed")
        if CarePeriod.objects.filter(child_id=case.child_id, ended_on__isnull=True).exists():
            raise ValidationError(f"{case.child.full_name} is already looked after")
        earlier = earlier_order(case.child_id, coming.started_on)
        period = CarePeriod.objects.create(
            case=case,
            child_id=case.child_id,
            started_on=coming.started_on,
            need=coming.need,
            previous_permanence=earlier[0] if earlier else coming.previous_permanence,
            previous_permanence_on=earlier[1] if earlier else None,
            previous_permanence_la=settings.KITH_LA_CODE if earlier else "",
            unaccompanied=coming.unaccompanied,
            iro=coming.iro,
            recorded_by=by,
        )
        LegalStatusChange.objects.create(
            period=period, status=coming.legal_status, started_on=coming.started_on, recorded_by=by
        )
        Placement.objects.create(
            period=period, started_on=coming.started_on, recorded_by=by, **coming.placement
        )
        if coming.end_protection_plan:
            plan = ProtectionPlan.objects.filter(case=case, ended_on__isnull=True).first()
            if plan is not None and plan.started_on > coming.started_on:
                raise ValidationError(
                    f"{case.child.full_name}'s child protection plan began after this date: "
                    "check the date the child came into care"
                )
            if plan is not None:
                end_plan(
                    plan,
                    by=by,
                    version=None,
                    ended_on=coming.started_on,
                    end_reason=PlanEndReason.BECAME_LOOKED_AFTER,
                    end_note="The child became looked after.",
                )
        _audit(by, Verb.CAME_INTO_CARE, period)
        changed(case)
        periods.append(period)
    return periods


@transaction.atomic
def record_move(
    period: CarePeriod, *, by: User, version: int | None, change_reason: str, **fields: Any
) -> Placement:
    """The child moved: the new placement starts, and the one before ends the same day with
    the reason it ended."""
    placements = list(period.placements.all())
    problem = rules.move_problem(fields.get("started_on"), period, placements)
    if problem:
        raise ValidationError({"started_on": problem})
    claim(period, version)
    if placements:
        # The placement that ended changes too: a correction opened before the move is stale.
        Placement.objects.filter(pk=placements[-1].pk).update(
            change_reason=change_reason, version=F("version") + 1
        )
    placement = Placement.objects.create(period=period, recorded_by=by, **fields)
    _audit(by, Verb.PLACEMENT_RECORDED, period, placement=placement.pk)
    changed(period.case)
    return placement


@transaction.atomic
def change_legal_status(
    period: CarePeriod, *, by: User, version: int | None, status: str, started_on: date
) -> LegalStatusChange:
    statuses = list(period.statuses.all())
    problem = rules.status_problem(started_on, status, period, statuses)
    if problem:
        raise ValidationError({"started_on": problem})
    problem = rules.following_problem(status, statuses) or rules.status_suits_placement(
        status, list(period.placements.all()), started_on
    )
    if problem:
        raise ValidationError({"status": problem})
    claim(period, version)
    change = LegalStatusChange.objects.create(
        period=period, status=status, started_on=started_on, recorded_by=by
    )
    _audit(by, Verb.LEGAL_STATUS_RECORDED, period, status=status)
    changed(period.case)
    return change


@transaction.atomic
def end_care(
    period: CarePeriod,
    *,
    by: User,
    version: int | None,
    ended_on: date,
    end_reason: str,
    end_note: str = "",
) -> CarePeriod:
    if not period.is_open:
        raise ValidationError("This period of care has already ended.")
    problem = rules.end_problem(
        ended_on, period, list(period.statuses.all()), list(period.placements.all())
    )
    if problem:
        raise ValidationError({"ended_on": problem})
    found = rules.ending_problems(period, ended_on, end_reason)
    if found:
        raise ValidationError(found)
    claim(period, version)
    period.ended_on, period.end_reason, period.end_note = ended_on, end_reason, end_note
    period.save(update_fields=["ended_on", "end_reason", "end_note"])
    _audit(by, Verb.CARE_ENDED, period, reason=end_reason)
    changed(period.case)
    return period


@transaction.atomic
def change_details(
    period: CarePeriod, *, by: User, version: int | None, **fields: Any
) -> CarePeriod:
    """The period's own answers: its reviewing officer, unaccompanied status, earlier order."""
    claim(period, version)
    for name, value in fields.items():
        setattr(period, name, value)
    period.save(update_fields=list(fields))
    _audit(by, Verb.CARE_DETAILS_CHANGED, period, fields=sorted(fields))
    changed(period.case)
    return period


@transaction.atomic
def record_review(
    period: CarePeriod, *, by: User, recommendations: list[dict[str, Any]], **fields: Any
) -> CareReview:
    problem = rules.not_before_care(
        fields.get("held_on"), period, "A review"
    ) or rules.on_or_before_end(fields.get("held_on"), period, "A review")
    if problem:
        raise ValidationError({"held_on": problem})
    review = CareReview.objects.create(period=period, recorded_by=by, **fields)
    Recommendation.objects.bulk_create(
        Recommendation(review=review, **row) for row in recommendations
    )
    _audit(by, Verb.CARE_REVIEW_RECORDED, period, review=review.pk)
    changed(period.case)
    return review


@transaction.atomic
def record_missing(
    period: CarePeriod,
    *,
    by: User,
    episode: MissingEpisode | None = None,
    version: int | None = None,
    still_missing: bool = False,
    **fields: Any,
) -> MissingEpisode:
    """A new missing episode, or the one already recorded brought up to date (the child came
    back, the return interview was done)."""
    others = [e for e in period.missing_episodes.all() if episode is None or e.pk != episode.pk]
    found = rules.missing_problems(
        fields.get("started_on"), fields.get("ended_on"), still_missing, period, others
    )
    if found:
        raise ValidationError(found)
    if episode is None:
        episode = MissingEpisode.objects.create(period=period, recorded_by=by, **fields)
    else:
        claim(episode, version)
        for name, value in fields.items():
            setattr(episode, name, value)
        episode.save(update_fields=list(fields))
    _audit(by, Verb.MISSING_RECORDED, period, missing=episode.pk)
    changed(period.case)
    return episode


@transaction.atomic
def record_check(case: Case, *, by: User, **fields: Any) -> CheckRecord:
    check = CheckRecord.objects.create(case=case, child_id=case.child_id, recorded_by=by, **fields)
    record(
        by=by,
        verb=Verb.CARE_CHECK_RECORDED,
        person=case.child,
        detail={"case": case.pk, "check": check.pk, "kind": check.kind},
    )
    changed(case)
    return check


# What a correction may change, and keeps as it was before (in its audit event).
CORRECTABLE = (
    "started_on",
    "kind",
    "provider",
    "carer",
    "urn",
    "postcode",
    "home_postcode",
    "same_carer",
    "meant_until_18",
    "temporary_approval",
    "change_reason",
)


@transaction.atomic
def correct_placement(
    placement: Placement, *, by: User, version: int | None, why: str, **fields: Any
) -> Placement:
    """A placement typed wrong, put right: what it said before and why it changed are kept in
    the audit log (never overwritten silently)."""
    period = placement.period
    placements = list(period.placements.all())
    problem = rules.correction_problem(fields.get("started_on"), placement, placements, period)
    if problem:
        raise ValidationError({"started_on": problem})
    claim(placement, version)
    before = {name: str(getattr(placement, name)) for name in CORRECTABLE if name in fields}
    for name, value in fields.items():
        setattr(placement, name, value)
    placement.save(update_fields=[*fields, "version"])
    _audit(by, Verb.PLACEMENT_CORRECTED, period, placement=placement.pk, why=why, before=before)
    changed(period.case)
    return placement
