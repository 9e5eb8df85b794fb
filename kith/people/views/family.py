"""A person's family: the family network picture, their relationships, and an unborn baby
linked to their mother."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, STAFF, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.people import actions
from kith.people.access import get_person_for, visible_relationships
from kith.people.forms import RelationshipForm, UnbornForm
from kith.people.genogram import family_network as draw_family_network
from kith.people.models import Relationship
from kith.people.relationships import RelationshipKind
from kith.people.search import parse, search
from kith.people.views._editing import _edit, _fields


@policy(STAFF)
def family_network(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk)
    record(
        by=request.user,
        verb=Verb.PERSON_VIEWED,
        person=found,
        detail={"page": "family network"},
    )
    return render(
        request,
        "people/family_network.html",
        {
            "person": found,
            "network": draw_family_network(found, request.user),
            "today": timezone.localdate(),
        },
    )


RELATIONSHIP_FIELDS = (
    "kind",
    "has_parental_responsibility",
    "contact_restriction",
    "start_date",
    "end_date",
    "notes",
)


@policy(RECORDERS)
def add_relationship(request: SignedInRequest, pk: int) -> HttpResponse:
    """Step 1: find the other person (a search on the same page). Step 2: the relationship."""
    found = get_person_for(request.user, pk, changeable=True)
    other_pk = request.POST.get("other") or request.GET.get("other")
    if not other_pk:
        query = request.GET.get("q", "").strip()[:200]
        matches = (
            [m for m in search(parse(query), viewer=request.user) if m.person.pk != found.pk]
            if query
            else []
        )
        if query:
            record(
                by=request.user,
                verb=Verb.PERSON_SEARCHED,
                detail={
                    "terms": query,
                    "results": len(matches),
                    "found": [m.person.pk for m in matches],
                },
            )
        # A relationship sent without the person it is with (an old page, a form put together
        # by hand) is refused in words, on the page where the person is found.
        error = "Find the person they are related to, then choose them" if request.POST else ""
        return render(
            request,
            "people/relationship_find.html",
            {"person": found, "query": query, "matches": matches, "error": error},
            status=400 if error else 200,
        )
    if not re.fullmatch(r"[0-9]{1,12}", str(other_pk)):
        raise Http404
    # The other side needs only reading: whether the relationship opens either record to
    # those who work with the other is decided by who records it (people/actions.py).
    other = get_person_for(request.user, int(other_pk), current=True)

    def apply(d: dict[str, Any]) -> None:
        if other.pk == found.pk:
            raise forms.ValidationError("A person cannot be related to themselves")
        first, second = (other, found) if d["direction"] == "they_are" else (found, other)
        actions.add_relationship(
            found,
            by=request.user,
            version=d["version"],
            first=first,
            second=second,
            **_fields(d, *RELATIONSHIP_FIELDS),
        )

    if other.pk == found.pk:
        messages.info(request, "A person cannot be related to themselves. Choose someone else.")
        return redirect("people:add_relationship", found.pk)
    return _edit(
        request,
        found,
        RelationshipForm,
        title=f"How is {other.full_name} related to {found.full_name}?",
        done="The relationship has been added.",
        initial={"other": other.pk, "direction": "they_are"},
        apply=apply,
        template="people/relationship_form.html",
        context={"other": other},
    )


@policy(RECORDERS)
def change_relationship(request: SignedInRequest, pk: int, relationship: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    rel = get_object_or_404(
        Relationship.objects.filter(visible_relationships(request.user)).select_related(
            "first", "second"
        ),
        pk=relationship,
    )
    if found.pk not in (rel.first_id, rel.second_id):
        raise Http404
    other = rel.second if rel.first_id == found.pk else rel.first
    direction = "they_are" if rel.first_id == other.pk else "person_is"

    def apply(d: dict[str, Any]) -> None:
        first, second = (other, found) if d["direction"] == "they_are" else (found, other)
        actions.change_relationship(
            rel,
            found,
            by=request.user,
            version=d["version"],
            first=first,
            second=second,
            record_version=d["record_version"],
            **_fields(d, *RELATIONSHIP_FIELDS),
        )

    return _edit(
        request,
        found,
        RelationshipForm,
        title=f"Change how {other.full_name} is related to {found.full_name}",
        initial={
            "other": other.pk,
            "direction": direction,
            "record_version": rel.version,
            **{n: getattr(rel, n) for n in RELATIONSHIP_FIELDS},
        },
        apply=apply,
        template="people/relationship_form.html",
        context={"other": other},
    )


@policy(RECORDERS)
def add_unborn(request: SignedInRequest, pk: int) -> HttpResponse:
    """An unborn baby, linked to their mother from the start (for a pre-birth assessment)."""
    mother = get_person_for(request.user, pk, changeable=True)
    form = UnbornForm(drafts.data_for(request), initial={"family_name": mother.family_name})
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with sent_once(request) as done:
                baby = actions.create_person(
                    by=request.user,
                    family_name=form.cleaned_data["family_name"],
                    expected_date_of_birth=form.cleaned_data["expected_date_of_birth"],
                    sex="U",
                )
                actions.add_relationship(
                    baby,
                    by=request.user,
                    version=None,
                    first=mother,
                    second=baby,
                    kind=RelationshipKind.MOTHER,
                    has_parental_responsibility=True,
                )
                done(reverse("people:person", args=[baby.pk]))
        except AlreadySent as sent:
            messages.info(request, "The unborn baby was already added: here is their record.")
            return redirect(sent.result or reverse("people:person", args=[mother.pk]))
        drafts.forget(request)
        messages.success(request, f"The unborn baby has been added as {baby.person_number}.")
        return redirect("people:person", baby.pk)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "person": mother,
            "title": f"Add {mother.full_name}'s unborn baby",
            "cancel": reverse("people:person", args=[mother.pk]),
        },
    )
