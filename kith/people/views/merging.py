"""Merging two records of the same person, after seeing both side by side, and undoing it."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kith.accounts.policies import DATA_OFFICERS, SignedInRequest, policy
from kith.people.access import get_person_for, visible
from kith.people.forms import MergeForm
from kith.people.merging import MergeRefused, merge_people, undo_merge
from kith.people.models import Merge, Person
from kith.people.queries import person_page


@policy(DATA_OFFICERS)
def merge(request: SignedInRequest, pk: int) -> HttpResponse:
    """A data officer merges another record into this one, after seeing both side by side."""
    survivor = get_person_for(request.user, pk, current=True)
    form = MergeForm(request.POST or None)
    other = None
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["other"].strip().upper().lstrip("P")
        found = re.fullmatch(r"[0-9]{1,12}", number)
        other = (
            Person.objects.current().filter(visible(request.user), pk=int(number)).first()
            if found
            else None
        )
        if other is None:
            form.add_error("other", "There is no record with that person number")
        elif "confirm" in request.POST:
            try:
                merge_people(survivor, other, by=request.user, why=form.cleaned_data["why"])
            except MergeRefused as refused:
                form.add_error("other", str(refused))
            else:
                messages.success(
                    request,
                    f"{other.person_number} has been merged into {survivor.person_number}. "
                    "You can undo this from the record's history.",
                )
                return redirect("people:person", survivor.pk)
        elif other.pk == survivor.pk:
            form.add_error(
                "other", "A record cannot be merged into itself. Enter the other record's number"
            )
            other = None
    today = timezone.localdate()
    return render(
        request,
        "people/merge.html",
        {
            "form": form,
            "person": survivor,
            "other": other if other and not form.errors else None,
            "pages": [
                person_page(p, today, request.user)
                for p in (survivor, other)
                if p and not form.errors
            ],
        },
    )


@policy(DATA_OFFICERS)
@require_POST
def undo(request: SignedInRequest, pk: int, merge_pk: int) -> HttpResponse:
    survivor = get_person_for(request.user, pk, current=True)
    done = get_object_or_404(Merge, pk=merge_pk, survivor=survivor)
    try:
        undo_merge(done, by=request.user)
    except MergeRefused as refused:
        messages.info(request, str(refused))
    else:
        messages.success(
            request,
            f"The merge has been undone: {done.merged.person_number} is a separate record again.",
        )
    return redirect("people:person", pk)
