"""A person's record: the person page, and changing who they are, their background, their
numbers, their other names and their reference numbers."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kith.accounts.policies import (
    AUDITORS,
    DATA_OFFICERS,
    RECORDERS,
    RESTRICTORS,
    STAFF,
    SignedInRequest,
    policy,
)
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people import actions
from kith.people.access import get_person_for, may_record_about
from kith.people.forms import (
    BackgroundForm,
    IdentifierForm,
    IdentifiersForm,
    IdentityForm,
    OtherNameForm,
)
from kith.people.queries import person_page
from kith.people.rules import missing_details
from kith.people.views._editing import _apply, _edit


@policy(STAFF)
def person(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk)
    record(by=request.user, verb=Verb.PERSON_VIEWED, person=found)
    if found.merged_into_id:
        survivor = found.merged_into
        assert survivor is not None
        messages.info(
            request,
            f"The record {found.person_number} was merged into this one, "
            f"{survivor.person_number}, because they are the same person.",
        )
        return redirect("people:person", found.merged_into_id)
    today = timezone.localdate()
    page = person_page(found, today, request.user)
    return render(
        request,
        "people/person.html",
        {
            "page": page,
            "person": found,
            "gaps": missing_details(found, today, page.current),
            "today": today,
            # Change links only for those who may record about the person (never by a
            # reason given); a contact about them may be recorded by anyone who may read it.
            "can_record": may_record_about(request.user, found),
            "can_record_contact": RECORDERS.permits(request.user),
            "can_merge": DATA_OFFICERS.permits(request.user),
            "can_audit": AUDITORS.permits(request.user),
            "can_restrict": RESTRICTORS.permits(request.user),
        },
    )


IDENTITY_FIELDS = (
    "first_name",
    "middle_names",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "date_of_birth_is_estimated",
    "expected_date_of_birth",
    "date_of_death",
    "sex",
    "gender_identity",
)
BACKGROUND_FIELDS = (
    "ethnicity",
    "first_language",
    "needs_interpreter",
    "religion",
    "immigration_status",
    "disabilities",
)


@policy(RECORDERS)
def change_identity(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        IdentityForm,
        title="Name, date of birth and sex",
        initial={name: getattr(found, name) for name in IDENTITY_FIELDS},
        apply=_apply(actions.change_person, found, request, *IDENTITY_FIELDS),
    )


@policy(RECORDERS)
def change_background(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        BackgroundForm,
        title="Ethnicity, language, religion and disability",
        initial={name: getattr(found, name) for name in BACKGROUND_FIELDS},
        apply=_apply(actions.change_person, found, request, *BACKGROUND_FIELDS),
    )


@policy(RECORDERS)
def change_identifiers(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        IdentifiersForm,
        title="NHS number and UPN",
        initial={
            "nhs_number": found.nhs_number,
            "upn": found.upn,
            "upn_unknown": found.upn_unknown,
        },
        apply=_apply(actions.change_person, found, request, "nhs_number", "upn", "upn_unknown"),
    )


@policy(RECORDERS)
def add_other_name(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        OtherNameForm,
        title="Add another name",
        done="The other name has been added.",
        apply=_apply(
            actions.add_other_name,
            found,
            request,
            "kind",
            "first_name",
            "family_name",
            "start_date",
            "end_date",
        ),
    )


@policy(RECORDERS)
def add_identifier(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        IdentifierForm,
        title="Add a reference number",
        done="The reference has been added.",
        apply=_apply(actions.add_identifier, found, request, "kind", "value"),
    )
