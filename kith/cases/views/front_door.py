"""Contacts at the front door: the list of those waiting for a decision, recording a contact
(and its decision, if it is made now), and the contact's own page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import (
    CASEWORK_RECORDERS,
    CASEWORK_STAFF,
    RECORDERS,
    SignedInRequest,
    policy,
)
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases import actions
from kith.cases.access import get_contact_for, may_decide, visible_contacts
from kith.cases.codes import ContactOutcome
from kith.cases.forms import ContactForm, DecisionForm
from kith.cases.models import Contact
from kith.cases.views.refer_before_found import find_the_child_then_refer
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.people.access import get_person_for

RECENT_DECISIONS = 25


@policy(CASEWORK_STAFF)
def contacts(request: SignedInRequest) -> HttpResponse:
    """The front door's list: contacts waiting for a decision, oldest first, each with its due
    date; then the latest decisions."""
    listed = visible_contacts(request.user).select_related("child", "recorded_by")
    waiting = list(listed.filter(outcome="").order_by("received_at"))
    decided = list(
        listed.exclude(outcome="")
        .select_related("decided_by")
        .order_by("-decided_at")[:RECENT_DECISIONS]
    )
    return render(
        request,
        "cases/contacts.html",
        {
            "waiting": waiting,
            "decided": decided,
            "today": timezone.localdate(),
            "can_record": RECORDERS.permits(request.user),
        },
    )


@policy(CASEWORK_RECORDERS)
def new_contact(request: SignedInRequest) -> HttpResponse:
    """Record a contact, and its decision if it is made now. From a person's record the child
    is already known; otherwise type what the referrer said and match the child later."""
    child = None
    child_pk = request.GET.get("child", "")
    if child_pk.isdecimal():
        # A new contact is new work arriving, not a change to what the record says: whoever
        # may read the child's record may record that someone got in touch about them.
        child = get_person_for(request.user, int(child_pk), current=True)
    now = timezone.localtime()
    form = ContactForm(
        drafts.data_for(request),
        child=child,
        # Deciding is for the front door and the child's own workers, never by a reason given.
        can_decide=may_decide(request.user, Contact(child=child)),
        initial={"received_on": now.date(), "received_time": now.strftime("%H:%M")},
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "received_at",
                "referrer_name",
                "referrer_organisation",
                "referrer_phone_or_email",
                "source",
                "worries",
                "consent",
                "child_name",
                "child_date_of_birth",
                "child_address",
            )
            if name in data
        }
        if child is not None:
            fields["child_name"] = child.full_name
        by: Any = request.user
        # A referral for a child not found on record yet: the contact is saved now, and the
        # decision waits on its decision page while the worker finds the child.
        refer_later = data.get("outcome") == ContactOutcome.REFERRAL and child is None
        try:
            # The contact and its decision are saved together or not at all, so correcting a
            # refused decision and saving again never records the contact twice; and the same
            # form sent twice records it once.
            with sent_once(request) as done:
                contact = actions.record_contact(by=by, child=child, **fields)
                if data.get("outcome") and not refer_later:
                    actions.decide_contact(
                        contact,
                        by=by,
                        version=contact.version,
                        outcome=data["outcome"],
                        decision_reasons=data["decision_reasons"],
                        team=data.get("team"),
                        primary_need=data.get("primary_need") or "",
                    )
                done(reverse("cases:contact", args=[contact.pk]))
        except AlreadySent as sent:
            messages.info(request, "This contact was already recorded: here it is.")
            return redirect(sent.result or reverse("cases:contacts"))
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            drafts.forget(request)
            if refer_later:
                return find_the_child_then_refer(request, contact)
            messages.success(request, f"Contact {contact.reference} is recorded.")
            return redirect("cases:contact", contact.pk)
    return render(request, "cases/new_contact.html", {"form": form, "child": child})


@policy(CASEWORK_STAFF)
def contact(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_contact_for(request.user, pk)
    record(
        by=request.user,
        verb=Verb.CONTACT_VIEWED,
        person=found.child,
        detail={"contact": found.pk},
    )
    can_decide = may_decide(request.user, found) and not found.is_decided
    return render(
        request,
        "cases/contact.html",
        {
            "contact": found,
            "today": timezone.localdate(),
            "can_decide": can_decide,
            "can_record": may_decide(request.user, found),
            "decision": DecisionForm(
                initial={"version": found.version}, child_known=found.child is not None
            )
            if can_decide
            else None,
        },
    )
