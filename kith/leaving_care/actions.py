"""Changes to a care leaver's support: setting it up (only for a young person whose care
history makes them a care leaver), the personal adviser and support to 25, contact, the
birthday checks, staying put or staying close, and the end of support. Each is one transaction
with its audit event, checks the version the page was opened on, and tells the case's
derivations (deadlines) that it changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kith.accounts.models import User
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.actions import claim
from kith.cases.changes import changed
from kith.cases.models import Case
from kith.leaving_care import rules
from kith.leaving_care.codes import SupportEnd
from kith.leaving_care.models import (
    AdviserContact,
    BirthdayCheck,
    CareLeaver,
    LivingArrangement,
)
from kith.leaving_care.queries import status_of
from kith.leaving_care.status import birthday


def _still_open(leaver: CareLeaver) -> None:
    if not leaver.is_open:
        raise ValidationError(
            "This young person's support has ended: nothing more is recorded in it."
        )


def _audit(by: User, verb: Verb, leaver: CareLeaver, **detail: Any) -> None:
    record(
        by=by,
        verb=verb,
        person=leaver.child,
        detail={"case": leaver.case_id, "leaver": leaver.pk, **detail},
    )


@transaction.atomic
def start_support(
    case: Case, *, by: User, started_on: date, adviser: User | None = None
) -> CareLeaver:
    child = case.child
    problem = rules.support_problem(status_of(child, started_on), child.full_name)
    if problem:
        raise ValidationError({"started_on": problem})
    if CareLeaver.objects.filter(child=child, ended_on__isnull=True).exists():
        raise ValidationError(f"{child.full_name} already has leaving care support.")
    leaver = CareLeaver.objects.create(
        child=child,
        case=case,
        started_on=started_on,
        adviser=adviser,
        adviser_since=started_on if adviser else None,
        recorded_by=by,
    )
    _audit(by, Verb.LEAVING_CARE_RECORDED, leaver, what="started")
    changed(case)
    return leaver


@transaction.atomic
def change_support(
    leaver: CareLeaver, *, by: User, version: int | None, **fields: Any
) -> CareLeaver:
    """The personal adviser (from a day) and support to 25. A new adviser is the young
    person's from the day given, or today: never from the day the last one began."""
    _still_open(leaver)
    before = leaver.adviser_id
    if "adviser" in fields and getattr(fields["adviser"], "pk", None) != before:
        if fields.get("adviser") is None:
            fields["adviser_since"] = None
        elif fields.get("adviser_since") in (None, leaver.adviser_since):
            fields["adviser_since"] = timezone.localdate()
    claim(leaver, version)
    for name, value in fields.items():
        setattr(leaver, name, value)
    leaver.save(update_fields=[*fields, "version"])
    _audit(by, Verb.LEAVING_CARE_RECORDED, leaver, fields=sorted(fields), adviser_before=before)
    changed(leaver.case)
    return leaver


@transaction.atomic
def end_support(
    leaver: CareLeaver, *, by: User, version: int | None, ended_on: date, end_reason: str
) -> CareLeaver:
    if not leaver.is_open:
        raise ValidationError("This support has already ended.")
    if ended_on < leaver.started_on:
        raise ValidationError({"ended_on": "Support cannot end before it began"})
    born = leaver.child.date_of_birth
    if end_reason == SupportEnd.AGE and born is not None and ended_on < birthday(born, 21):
        at_21 = birthday(born, 21)
        raise ValidationError({"end_reason": f"They reach 21 on {at_21:%-d %B %Y}: choose why"})
    claim(leaver, version)
    leaver.ended_on, leaver.end_reason = ended_on, end_reason
    leaver.save(update_fields=["ended_on", "end_reason", "version"])
    LivingArrangement.objects.filter(leaver=leaver, ended_on__isnull=True).update(ended_on=ended_on)
    _audit(by, Verb.LEAVING_CARE_RECORDED, leaver, what="ended", reason=end_reason)
    changed(leaver.case)
    return leaver


@transaction.atomic
def record_contact(leaver: CareLeaver, *, by: User, **fields: Any) -> AdviserContact:
    _still_open(leaver)
    if fields["contacted_on"] < leaver.started_on:
        raise ValidationError(
            {"contacted_on": f"Support began on {leaver.started_on:%-d %B %Y}: contact is after"}
        )
    contact = AdviserContact.objects.create(leaver=leaver, recorded_by=by, **fields)
    _audit(by, Verb.LEAVING_CARE_CONTACT, leaver, contact=contact.pk)
    changed(leaver.case)
    return contact


@transaction.atomic
def record_birthday_check(
    leaver: CareLeaver,
    *,
    by: User,
    check: BirthdayCheck | None = None,
    version: int | None = None,
    **fields: Any,
) -> BirthdayCheck:
    _still_open(leaver)
    found = rules.check_problems(
        leaver.child.date_of_birth,
        fields.get("age"),
        fields.get("checked_on"),
        fields.get("in_touch", ""),
        fields.get("activity", ""),
        fields.get("accommodation", ""),
        fields.get("suitable"),
    )
    if found:
        raise ValidationError(found)
    if check is None:
        if BirthdayCheck.objects.filter(leaver=leaver, age=fields["age"]).exists():
            raise ValidationError(
                "This birthday's check was recorded by someone else meanwhile: go back to the "
                "young person's page and change it there."
            )
        check = BirthdayCheck.objects.create(leaver=leaver, recorded_by=by, **fields)
    else:
        claim(check, version)
        for name, value in fields.items():
            setattr(check, name, value)
        check.save(update_fields=[*fields, "version"])
    _audit(by, Verb.LEAVING_CARE_CONTACT, leaver, check=check.pk, age=check.age)
    changed(leaver.case)
    return check


@transaction.atomic
def record_arrangement(leaver: CareLeaver, *, by: User, **fields: Any) -> LivingArrangement:
    _still_open(leaver)
    ended = fields.get("ended_on")
    if ended is not None and ended < fields["started_on"]:
        raise ValidationError({"ended_on": "It cannot end before it began"})
    arrangement = LivingArrangement.objects.create(leaver=leaver, recorded_by=by, **fields)
    _audit(by, Verb.LEAVING_CARE_RECORDED, leaver, arrangement=arrangement.pk)
    changed(leaver.case)
    return arrangement
