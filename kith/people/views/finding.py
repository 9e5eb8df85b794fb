"""Finding a person, and adding a person only after seeing anyone Kith may already know."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kith.accounts.policies import (
    CASEWORK_RECORDERS,
    CASEWORK_STAFF,
    SignedInRequest,
    policy,
)
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.people import actions
from kith.people.duplicates.before_adding import people_it_may_be
from kith.people.forms import NewPersonForm
from kith.people.models import Person, Residence
from kith.people.search import MAX_RESULTS, parse, search

CURRENT_RESIDENCE = Prefetch(
    "residences",
    queryset=Residence.objects.filter(end_date__isnull=True).select_related("address"),
    to_attr="current_residences",
)


@policy(CASEWORK_STAFF)
def find(request: SignedInRequest) -> HttpResponse:
    """Find a person, as you type. The search terms are audited, like every look at a record."""
    query = request.GET.get("q", "").strip()[:200]
    matches = []
    if query:
        matches = search(parse(query), viewer=request.user)
        with_homes = Person.objects.filter(pk__in=[m.person.pk for m in matches]).prefetch_related(
            CURRENT_RESIDENCE
        )
        homes = {p.pk: p.current_residences for p in with_homes}  # type: ignore[attr-defined]
        for match in matches:
            match.person.current_residences = homes[match.person.pk]  # type: ignore[attr-defined]
        record(
            by=request.user,
            verb=Verb.PERSON_SEARCHED,
            detail={
                "terms": query,
                "results": len(matches),
                "found": [m.person.pk for m in matches],
            },
        )
    template = "people/_results.html" if request.htmx else "people/find.html"  # type: ignore[attr-defined]
    return render(
        request, template, {"query": query, "matches": matches, "max_results": MAX_RESULTS}
    )


@policy(CASEWORK_RECORDERS)
def new_person(request: SignedInRequest) -> HttpResponse:
    """Add a person. Before anything is saved, anyone Kith may already know is shown with the
    reasons, so a second record is never made by accident."""
    form = NewPersonForm(drafts.data_for(request))
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirmed_new"]:
            likely = people_it_may_be(
                first_name=data["first_name"],
                family_name=data["family_name"],
                date_of_birth=data["date_of_birth"],
                sex=data["sex"],
                nhs_number=data["nhs_number"],
                viewer=request.user,
            )
            if likely:
                return render(
                    request, "people/check_new_person.html", {"form": form, "matches": likely}
                )
        try:
            with sent_once(request) as done:
                created = actions.create_person(
                    by=request.user,
                    first_name=data["first_name"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    date_of_birth_is_estimated=data["date_of_birth_is_estimated"],
                    sex=data["sex"],
                    nhs_number=data["nhs_number"],
                )
                done(reverse("people:person", args=[created.pk]))
        except AlreadySent as sent:
            messages.info(request, "This person was already added: here is their record.")
            return redirect(sent.result or reverse("people:find"))
        drafts.forget(request)
        messages.success(request, f"{created.full_name} has been added as {created.person_number}.")
        return redirect("people:person", created.pk)
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": "Add a person",
            "button": "Continue",
            "cancel": reverse("people:find"),
        },
    )
