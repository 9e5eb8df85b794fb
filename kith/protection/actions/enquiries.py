"""A section 47 enquiry's findings and outcome, written once for the brothers' and sisters'
enquiries from the same strategy discussion where the worker chooses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kith.accounts.models import User
from kith.audit.verbs import Verb
from kith.cases.actions import claim
from kith.cases.changes import changed
from kith.protection.actions.shared import audit
from kith.protection.codes import EnquiryOutcome
from kith.protection.models import Enquiry


@transaction.atomic
def update_enquiries(
    enquiry: Enquiry,
    *,
    by: User,
    version: int | None,
    also: list[tuple[Enquiry, int]],
    **fields: Any,
) -> list[Enquiry]:
    """The same findings and outcome for an enquiry and its brothers' and sisters' from the same
    strategy discussion, written once: each enquiry stays the child's own record (with its own
    version check), and all are saved or none."""
    done = [update_enquiry(enquiry, by=by, version=version, **fields)]
    for other, seen in also:
        if other.started_by.discussion_id != enquiry.started_by.discussion_id:
            raise ValidationError("Only enquiries from the same strategy discussion go together.")
        done.append(update_enquiry(other, by=by, version=seen, **fields))
    return done


@transaction.atomic
def update_enquiry(enquiry: Enquiry, *, by: User, version: int | None, **fields: Any) -> Enquiry:
    """The enquiry's findings and outcome. No conference needs its reason."""
    outcome = fields.get("outcome")
    if (
        outcome
        and outcome != EnquiryOutcome.CONFERENCE
        and not fields.get("no_conference_reason", "").strip()
    ):
        raise ValidationError("Say why no conference is needed.")
    claim(enquiry, version)
    for name, value in fields.items():
        setattr(enquiry, name, value)
    enquiry.save(update_fields=list(fields))
    audit(by, Verb.ENQUIRY_UPDATED, enquiry.case, enquiry=enquiry.pk)
    changed(enquiry.case)
    return enquiry
