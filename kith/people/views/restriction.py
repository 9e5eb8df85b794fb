"""Restricting a record to named people, naming or removing them, and lifting the
restriction."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kith.accounts.models import User
from kith.accounts.policies import RESTRICTORS, SignedInRequest, policy
from kith.people.access import get_person_for
from kith.people.models import RestrictedAccess
from kith.people.restriction import (
    lift_restriction,
    name_on_record,
    remove_from_record,
    restrict_record,
)


@policy(RESTRICTORS)
def restriction(request: SignedInRequest, pk: int) -> HttpResponse:
    """Restrict a record to named people, name or remove people, or lift the restriction. A
    decision about who may see the record, not a change to what it says: heads of service and
    administrators make it on any record they may open (docs/decisions/0008)."""
    found = get_person_for(request.user, pk, current=True)
    action = request.POST.get("action", "")
    why = request.POST.get("why", "").strip()
    error = ""
    if request.method == "POST":
        if action in ("restrict", "lift") and len(why.split()) < 3:
            error = "Say why, in a few words: the reason is kept with the record"
        elif action == "restrict":
            restrict_record(found, by=request.user, why=why)
            messages.success(request, f"{found.full_name}'s record is now restricted.")
            return redirect("people:restriction", found.pk)
        elif action == "lift":
            lift_restriction(found, by=request.user, why=why)
            messages.success(request, "The restriction has been lifted.")
            return redirect("people:restriction", found.pk)
        elif action == "name":
            user = User.objects.filter(
                username=request.POST.get("username", "").strip().lower(), is_active=True
            ).first()
            if user is None:
                error = "There is nobody with that sign-in name"
            else:
                name_on_record(found, user, by=request.user)
                messages.success(request, f"{user.get_full_name()} can now open the record.")
                return redirect("people:restriction", found.pk)
        elif action == "remove":
            access = get_object_or_404(
                RestrictedAccess,
                pk=request.POST.get("access") or 0,
                person=found,
                ended_at__isnull=True,
            )
            remove_from_record(access, by=request.user)
            messages.success(
                request, f"{access.user.get_full_name()} can no longer open the record."
            )
            return redirect("people:restriction", found.pk)
        else:  # not one of the page's buttons (an old page, or a form put together by hand)
            error = "Choose what to do with one of the buttons on this page"
    named = RestrictedAccess.objects.filter(person=found, ended_at__isnull=True).select_related(
        "user"
    )
    return render(
        request,
        "people/restriction.html",
        {"person": found, "named": list(named), "error": error, "why": why, "action": action},
        status=400 if error else 200,
    )
