"""A referral chosen before the child is found on record: the decision is put aside on the
contact's decision page while the worker finds (or adds) the child, then offered again as
typed. Shared by the pages that record a contact, decide on it and find its child."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kith.accounts.policies import SignedInRequest
from kith.cases.models import Contact
from kith.drafts import actions as drafts
from kith.drafts.models import FormDraft

DECISION_FIELDS = ("outcome", "decision_reasons", "team", "primary_need")


def find_the_child_then_refer(request: SignedInRequest, contact: Contact) -> HttpResponse:
    """A referral chosen before the child is found on record: keep the decision on the
    contact's decision page and go to find the child. Nothing typed is lost or typed again."""
    drafts.put_aside(
        user=request.user,
        page=reverse("cases:decide", args=[contact.pk]),
        title="Decision on a contact",
        typed={name: request.POST.getlist(name) for name in DECISION_FIELDS},
    )
    messages.success(
        request,
        f"Contact {contact.reference} is recorded. Now find the child's record, or add them: "
        "the referral you chose is then ready to record.",
    )
    return redirect("cases:match", contact.pk)


def on_to_the_decision(
    request: SignedInRequest, contact: Contact, child: Any, *, added: bool = False
) -> HttpResponse:
    """The child is found: on to the decision put aside for them, if there is one."""
    said = (
        f"{child.full_name} is added and the contact is on their record"
        if added
        else (f"The contact is now on {child.full_name}'s record")
    )
    decision = reverse("cases:decide", args=[contact.pk])
    if (
        not contact.is_decided
        and FormDraft.objects.filter(user=request.user, page=decision).exists()
    ):
        messages.success(request, f"{said}. Now record the referral you chose: it is below.")
        return redirect(decision)
    messages.success(request, f"{said}.")
    return redirect("cases:contact", contact.pk)
