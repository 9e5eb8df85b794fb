"""Every change to a record in a case: autosave, save a draft, submit, update an agreed plan,
authorise, return, amend.

Each runs in one transaction, checks the version the form was opened on (a concurrent edit is
reported with both versions, never overwritten), keeps a RecordVersion of every save that
counts, and writes an audit event. Autosaves keep the draft (even half-typed answers) but are
not versions: the draft is the worker's until they save it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record as audit
from kith.audit.verbs import Verb
from kith.cases.access import may_authorise
from kith.cases.actions import claim
from kith.cases.changes import changed
from kith.cases.models import Case
from kith.recording import rules
from kith.recording.models import (
    Assessment,
    ChildInNeedPlan,
    Closure,
    PlanAction,
    PlanReview,
    Record,
    RecordVersion,
    Status,
)
from kith.recording.one_per_page import AlreadySaved, open_record, page_version

# Checks other apps add before a case may close (child protection: no plan left open). They
# register at start-up because this app cannot import them (the arrows point one way).
CLOSURE_CHECKS: list[Callable[[Case], list[str]]] = []


def closure_problems(case: Case) -> list[str]:
    return rules.closure_blockers(list(case.assessments.all())) + [
        problem for check in CLOSURE_CHECKS for problem in check(case)
    ]


def _keep_version(record: Record, *, by: User, what: str) -> RecordVersion:
    number = RecordVersion.objects.filter(kind=record.kind, record_id=record.pk).count() + 1
    return RecordVersion.objects.create(
        kind=record.kind,
        record_id=record.pk,
        number=number,
        status=record.status,
        values=record.snapshot(),
        what=what,
        by=by,
    )


def _audit(record: Record, verb: Verb, by: User, why: str = "") -> None:
    audit(
        by=by,
        verb=verb,
        person=record.case.child,
        why=why,
        detail={"case": record.case_id, "record": f"{record.kind} {record.pk}"},
    )


def _apply(
    record: Record, values: dict[str, Any], actions: list[dict[str, Any]] | None
) -> list[str]:
    """Set what was typed on the record (and a plan's actions); the fields it set, for the
    save that follows (only those, so a column nobody typed in is never written back)."""
    typed = [name for name in values if name in record.recorded_fields]
    for name in typed:
        setattr(record, name, values[name])
    if actions is not None and isinstance(record, ChildInNeedPlan):
        PlanAction.replace_all(record, actions)
    return typed


@transaction.atomic
def autosave(
    record: Record | None,
    *,
    model: type[Record],
    case: Case,
    by: User,
    version: int | None,
    typed: dict[str, Any],
    token: str = "",
) -> Record:
    """Keep exactly what was typed in the draft. The first autosave creates the record."""
    by_token = record is None
    record, made = open_record(record, model, case, by, token)
    if made:
        _audit(record, Verb.RECORD_SAVED, by)
    else:
        _refuse_if_locked(record)
        claim(record, page_version(record, version, by_token=by_token))
    record.draft = typed
    record.updated_at = timezone.now()
    record.save(update_fields=["draft", "updated_at"])
    return record


@transaction.atomic
def save_draft(
    record: Record | None,
    *,
    model: type[Record],
    case: Case,
    by: User,
    version: int | None,
    values: dict[str, Any],
    typed: dict[str, Any],
    actions: list[dict[str, Any]] | None = None,
    token: str = "",
) -> Record:
    """Save the record as a draft: the answers that are right so far, a plan's actions, and
    exactly what was typed (to show again), kept as a version. The first save creates the
    record. An agreed plan is no draft: it changes only when a whole update is saved."""
    by_token = record is None
    record, made = open_record(record, model, case, by, token)
    if not made:
        if by_token and record.is_locked:
            raise AlreadySaved(record)
        _refuse_if_locked(record)
        if record.is_final:
            raise ValidationError("An agreed plan changes only when the whole update is saved.")
        claim(record, page_version(record, version, by_token=by_token))
    typed_in = _apply(record, values, actions)
    record.updated_at = timezone.now()
    record.draft = typed
    record.save(update_fields=[*typed_in, "updated_at", "draft"])
    _keep_version(record, by=by, what="Saved as a draft")
    _audit(record, Verb.RECORD_SAVED, by)
    return record


@transaction.atomic
def submit_record(
    record: Record | None,
    *,
    model: type[Record],
    case: Case,
    by: User,
    version: int | None,
    values: dict[str, Any],
    actions: list[dict[str, Any]] | None = None,
    token: str = "",
) -> Record:
    """Submit the record: one that needs a manager waits for them; any other becomes final. It
    must first pass what a finished record needs (a closure nothing blocks, a plan with an
    action); its draft is then cleared and it is kept as a version. The first save creates the
    record; a finished one is only amended."""
    by_token = record is None
    record, made = open_record(record, model, case, by, token)
    if not made:
        if by_token and record.is_locked:
            raise AlreadySaved(record)
        _refuse_if_locked(record)
        claim(record, page_version(record, version, by_token=by_token))
    if _is_agreed_plan(record):
        # An agreed plan sent again is updated: the page that started it, sent again without
        # ever learning the plan's number, finds it by its token.
        what = "Updated"
    elif record.needs_authorisation:
        what = "Submitted for authorisation"
    else:
        what = "Recorded"
    _finish(record, case=case, by=by, values=values, actions=actions, what=what)
    return record


@transaction.atomic
def update_agreed_plan(
    plan: Record,
    *,
    by: User,
    version: int | None,
    values: dict[str, Any],
    actions: list[dict[str, Any]] | None,
) -> Record:
    """Save a whole, checked update of an agreed plan (a plan is a living document). Its new
    actions replace the old ones, which are kept as replaced, and the update is a new version,
    so the family's earlier plan is never lost."""
    if not _is_agreed_plan(plan):
        raise ValidationError("This plan is not agreed yet: save it or submit it instead.")
    claim(plan, version)
    _finish(plan, case=plan.case, by=by, values=values, actions=actions, what="Updated")
    return plan


def _is_agreed_plan(record: Record) -> bool:
    """A living record (a plan) once agreed: final, or authorised where it needs it (an update
    goes back to the manager)."""
    return record.living and record.is_final


def _finish(
    record: Record,
    *,
    case: Case,
    by: User,
    values: dict[str, Any],
    actions: list[dict[str, Any]] | None,
    what: str,
) -> None:
    """Apply the answers and finish the record, if it has what a finished record needs."""
    typed_in = _apply(record, values, actions)
    if isinstance(record, Closure):
        blockers = closure_problems(case)
        if blockers:
            raise ValidationError(blockers)
    if isinstance(record, ChildInNeedPlan) and not record.current_actions():
        raise ValidationError("Add at least one action: what will happen, and who will do it")
    now = timezone.now()
    record.updated_at = now
    record.status = Status.SUBMITTED if record.needs_authorisation else Status.FINAL
    record.submitted_at = now
    record.draft = {}
    record.save(update_fields=[*typed_in, "updated_at", "status", "submitted_at", "draft"])
    _keep_version(record, by=by, what=what)
    _audit(record, Verb.RECORD_SUBMITTED, by)
    changed(case)


def _refuse_if_locked(record: Record) -> None:
    if record.is_locked:
        raise ValidationError(
            "This record is finished and locked. To correct it, make an amendment: the "
            "original stays in its history."
        )


@transaction.atomic
def authorise(record: Record, *, by: User, version: int | None) -> Record:
    """A manager's sign-off. Authorising an assessment sets the case's main need and gives the
    census its completion date; authorising a closure closes the case."""
    problem = rules.authorisation_problem(record.author_id, by.pk)
    if problem:
        raise ValidationError(problem)
    if not may_authorise(by, record.case):
        raise ValidationError("Only the manager of the team holding this case can authorise it.")
    if record.status != Status.SUBMITTED:
        raise ValidationError("This record is not waiting for authorisation.")
    case = Case.objects.get(pk=record.case_id)
    if isinstance(record, Closure):
        if not case.is_open:
            raise ValidationError(
                f"The case was already closed on {case.closed_on:%-d %B %Y}: return this "
                "closure to the worker."
            )
        blockers = closure_problems(case)
        if blockers:
            raise ValidationError(blockers)
    claim(record, version)
    now = timezone.now()
    record.status = Status.AUTHORISED
    record.authorised_at = now
    record.authorised_by = by
    record.returned_comments = ""
    record.save(update_fields=["status", "authorised_at", "authorised_by", "returned_comments"])
    if isinstance(record, Assessment) and record.primary_need:
        Case.objects.filter(pk=case.pk).update(primary_need=record.primary_need)
    if isinstance(record, Closure):
        _close_case(case, record, by=by)
    _keep_version(record, by=by, what="Authorised")
    _audit(record, Verb.RECORD_AUTHORISED, by)
    changed(case)
    return record


def _close_case(case: Case, closure: Closure, *, by: User) -> None:
    Case.objects.filter(pk=case.pk).update(
        closed_on=closure.closed_on, closure_reason=closure.reason, version=F("version") + 1
    )
    case.allocations.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    audit(
        by=by,
        verb=Verb.CASE_CLOSED,
        person=case.child,
        detail={"case": case.pk, "closure": closure.pk},
    )


@transaction.atomic
def return_to_worker(record: Record, *, by: User, version: int | None, comments: str) -> Record:
    """Send a submitted record back with comments: it becomes a draft again."""
    if not may_authorise(by, record.case):
        raise ValidationError("Only the manager of the team holding this case can return it.")
    if record.status != Status.SUBMITTED:
        raise ValidationError("This record is not waiting for authorisation.")
    claim(record, version)
    record.status = Status.DRAFT
    record.returned_comments = comments
    record.submitted_at = None
    record.save(update_fields=["status", "returned_comments", "submitted_at"])
    _keep_version(record, by=by, what=f"Returned: {comments}")
    _audit(record, Verb.RECORD_RETURNED, by, why=comments)
    return record


@transaction.atomic
def amend(
    record: Record,
    *,
    by: User,
    version: int | None,
    values: dict[str, Any],
    why: str,
) -> Record:
    """Correct a finished record. Its earlier versions stay in the history; the amendment
    says who changed what, when and why."""
    if not record.is_final:
        raise ValidationError("Only a finished record is amended; change the draft instead.")
    claim(record, version)
    typed_in = _apply(record, values, None)
    record.updated_at = timezone.now()
    record.save(update_fields=[*typed_in, "updated_at"])
    _carry_to_case(record)
    _keep_version(record, by=by, what=f"Amended: {why}")
    _audit(record, Verb.RECORD_AMENDED, by, why=why)
    changed(record.case)
    return record


def _carry_to_case(record: Record) -> None:
    """An amendment to what the case's returns read from a record (the closure's date and
    reason, the latest assessment's main need) corrects the case too."""
    case = record.case
    if isinstance(record, Closure) and record.status == Status.AUTHORISED:
        Case.objects.filter(pk=case.pk, no_further_action=False).update(
            closed_on=record.closed_on, closure_reason=record.reason, version=F("version") + 1
        )
    if isinstance(record, Assessment) and record.status == Status.AUTHORISED:
        latest = (
            Assessment.objects.filter(case=case, status=Status.AUTHORISED)
            .order_by("-authorised_at", "-pk")
            .first()
        )
        if latest is not None and latest.pk == record.pk and record.primary_need:
            Case.objects.filter(pk=case.pk).update(
                primary_need=record.primary_need, version=F("version") + 1
            )


@transaction.atomic
def review_plan(
    plan: ChildInNeedPlan, *, by: User, version: int | None, **fields: Any
) -> PlanReview:
    """Record a plan review. Its decision is a suggestion for what comes next (ending the plan
    is an update to the plan, closing the case a closure)."""
    if not plan.is_final:
        raise ValidationError("Agree the plan before reviewing it.")
    claim(plan, version)
    review = PlanReview.objects.create(plan=plan, recorded_by=by, **fields)
    audit(
        by=by,
        verb=Verb.PLAN_REVIEWED,
        person=plan.case.child,
        detail={"case": plan.case_id, "record": f"plan {plan.pk}", "review": review.pk},
    )
    return review
