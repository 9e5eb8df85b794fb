"""Every change to a contact or a case. Each runs in one transaction, checks the version the
form was opened on (a concurrent edit is reported, not overwritten), and writes one audit
event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone

from kith.accounts.models import Team, User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.changes import changed
from kith.cases.codes import ClosureReason, ContactOutcome
from kith.cases.models import Allocation, Case, Contact
from kith.people.actions import create_person
from kith.people.models import Person


class EditConflict(Exception):
    """Someone else saved the contact, case or record after this form was opened. `current`
    is it as it is now, to show beside what was typed."""

    def __init__(self, current: Any) -> None:
        super().__init__("The record was changed by someone else.")
        self.current: Any = current


def claim(obj: Model, version: int | None) -> None:
    """Move a contact, case or record to its next version, or raise EditConflict if the form was
    opened on another one (None: no form, e.g. the demo)."""
    model = type(obj)
    query = model._default_manager.filter(pk=obj.pk)
    if version is not None:
        query = query.filter(version=version)
    if query.update(version=F("version") + 1) != 1:
        raise EditConflict(model._default_manager.get(pk=obj.pk))
    obj.version = model._default_manager.values_list("version", flat=True).get(pk=obj.pk)  # type: ignore[attr-defined]


@transaction.atomic
def record_contact(*, by: User, **fields: Any) -> Contact:
    """Record who got in touch about which child, and what they are worried about."""
    contact = Contact.objects.create(recorded_by=by, **fields)
    record(
        by=by,
        verb=Verb.CONTACT_RECORDED,
        person=contact.child,
        detail={"contact": contact.pk},
    )
    return contact


@transaction.atomic
def match_contact(contact: Contact, *, child: Person, by: User, version: int | None) -> Contact:
    """Say which person record the contact is about (not once it has opened a case: the
    case is that child's)."""
    if contact.case_id is not None:
        raise ValidationError("This contact opened a case for the child, so its child stays.")
    if version is None:
        raise ValidationError("This page is out of date: open the contact again.")
    claim(contact, version)
    contact.child = child
    contact.save(update_fields=["child"])
    record(
        by=by,
        verb=Verb.CONTACT_MATCHED,
        person=child,
        detail={"contact": contact.pk},
    )
    return contact


@transaction.atomic
def add_child_from_contact(
    contact: Contact, *, by: User, version: int | None, **fields: Any
) -> Person:
    """Add the child as a new person (after the duplicate check) and match the contact."""
    child = create_person(by=by, **fields)
    match_contact(contact, child=child, by=by, version=version)
    return child


@transaction.atomic
def decide_contact(
    contact: Contact,
    *,
    by: User,
    version: int | None,
    outcome: str,
    decision_reasons: str,
    feedback: str = "",
    feedback_given_on: date | None = None,
    team: Team | None = None,
    primary_need: str = "",
) -> Contact:
    """Record what was decided. A referral to children's social care opens the child's case
    (a child in need episode) from the day the contact was received."""
    if contact.is_decided:
        raise ValidationError("A decision has already been recorded for this contact.")
    if outcome == ContactOutcome.REFERRAL and contact.child is None:
        raise ValidationError(
            "Say which child this is before referring: find them, or add them as a new person."
        )
    claim(contact, version)
    contact.outcome = outcome
    contact.decision_reasons = decision_reasons
    if feedback:
        contact.feedback = feedback
        contact.feedback_given_on = feedback_given_on
    contact.decided_at = timezone.now()
    contact.decided_by = by
    if outcome == ContactOutcome.REFERRAL:
        assert contact.child is not None
        contact.case = open_case(
            contact.child,
            by=by,
            referral_date=contact.received_on,
            referral_source=contact.source,
            team=team,
            primary_need=primary_need,
        )
    contact.save(
        update_fields=[
            "outcome",
            "decision_reasons",
            "feedback",
            "feedback_given_on",
            "decided_at",
            "decided_by",
            "case",
        ]
    )
    record(
        by=by,
        verb=Verb.CONTACT_DECIDED,
        person=contact.child,
        detail={"contact": contact.pk, "outcome": outcome},
    )
    return contact


@transaction.atomic
def record_feedback(
    contact: Contact,
    *,
    by: User,
    version: int | None,
    feedback: str,
    feedback_given_on: date | None,
) -> Contact:
    """What the referrer was told about the decision, and when."""
    if not contact.is_decided:
        raise ValidationError("Record the decision first, then what the referrer was told.")
    claim(contact, version)
    contact.feedback = feedback
    contact.feedback_given_on = feedback_given_on
    contact.save(update_fields=["feedback", "feedback_given_on"])
    record(
        by=by,
        verb=Verb.CONTACT_FEEDBACK,
        person=contact.child,
        detail={"contact": contact.pk},
    )
    return contact


def open_case(
    child: Person,
    *,
    by: User,
    referral_date: date,
    referral_source: str,
    team: Team | None = None,
    worker: User | None = None,
    primary_need: str = "",
    note: str = "Referral accepted",
) -> Case:
    """Open a case for the child from a referral. A child has one open case at a time: a new
    worry about a child already open goes to that case."""
    existing = Case.objects.filter(child=child, closed_on__isnull=True).first()
    if existing is not None:
        raise ValidationError(
            f"{child.full_name} already has an open case ({existing.reference}). "
            "Record this worry on that case, as a case note, and tell the allocated worker."
        )
    try:
        with transaction.atomic():
            case = Case.objects.create(
                child=child,
                referral_date=referral_date,
                referral_source=referral_source,
                team=team,
                worker=worker if team is not None else None,
                primary_need=primary_need,
                opened_by=by,
            )
    except IntegrityError:
        # Someone else opened one in the moment between the check above and now: the database
        # holds one open case per child, and says so in words, with what was typed kept.
        raise ValidationError(
            f"Someone else has just opened a case for {child.full_name}. Nothing you typed "
            "is lost: it is below, not saved. Open the child's record to see their case, then "
            "record this worry on it as a case note."
        ) from None
    if team is not None:
        Allocation.objects.create(case=case, team=team, worker=case.worker, by=by, note=note)
    record(
        by=by,
        verb=Verb.CASE_OPENED,
        person=child,
        detail={"case": case.pk},
    )
    changed(case)
    return case


@transaction.atomic
def allocate(
    case: Case,
    *,
    by: User,
    version: int | None,
    team: Team,
    worker: User | None,
    note: str = "",
) -> Case:
    """Give the case to a team and (usually) a worker. The previous allocation ends now and
    stays in the history."""
    if worker is not None and worker.team_id != team.pk:
        raise ValidationError(f"{worker.get_full_name()} is not in {team.name}.")
    if not case.is_open:
        raise ValidationError("This case is closed, so it is not allocated to anyone now.")
    claim(case, version)
    now = timezone.now()
    case.allocations.filter(ended_at__isnull=True).update(ended_at=now)
    Allocation.objects.create(case=case, team=team, worker=worker, by=by, note=note, started_at=now)
    case.team, case.worker = team, worker
    case.save(update_fields=["team", "worker"])
    record(
        by=by,
        verb=Verb.CASE_ALLOCATED,
        person=case.child,
        detail={"case": case.pk, "team": team.pk, "worker": worker.pk if worker else None},
    )
    return case


@transaction.atomic
def change_primary_need(case: Case, *, by: User, version: int | None, primary_need: str) -> Case:
    claim(case, version)
    case.primary_need = primary_need
    case.save(update_fields=["primary_need"])
    record(
        by=by,
        verb=Verb.CASE_CHANGED,
        person=case.child,
        detail={"case": case.pk, "primary_need": primary_need},
    )
    return case


@transaction.atomic
def close_without_assessment(case: Case, *, by: User, version: int | None, why: str) -> Case:
    """The referral itself leads to no further action (CIN census ReferralNFA): the case closes
    on its referral date with reason RC8, as the census expects."""
    if not case.is_open:
        raise ValidationError("This case is already closed.")
    if case.closures.exclude(status="authorised").exists():
        raise ValidationError(
            "A closure has been started on this case: finish or return it instead."
        )
    if case.assessments.exists():
        raise ValidationError(
            "An assessment has been started on this case: close the case instead, with the "
            "assessment's outcome."
        )
    claim(case, version)
    case.no_further_action = True
    case.closed_on = case.referral_date
    case.closure_reason = ClosureReason.NFA_AFTER_ASSESSMENT
    case.save(update_fields=["no_further_action", "closed_on", "closure_reason"])
    case.allocations.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    record(
        by=by,
        verb=Verb.CASE_CLOSED,
        person=case.child,
        why=why,
        detail={"case": case.pk, "no_further_action": True},
    )
    changed(case)
    return case
