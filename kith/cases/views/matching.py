"""Finding the child a contact is about (or adding them as a new person), then on to the
decision put aside for them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases import actions
from kith.cases.access import get_contact_for
from kith.cases.forms import NewChildForm
from kith.cases.views.refer_before_found import on_to_the_decision
from kith.people.access import get_person_for
from kith.people.search import parse, search


@policy(RECORDERS)
def match(request: SignedInRequest, pk: int) -> HttpResponse:
    """Find the child a contact is about, or add them as a new person."""
    found = get_contact_for(request.user, pk, to_decide=True)
    by: Any = request.user
    if found.case_id is not None:
        messages.info(
            request, "This contact opened a case for the child, so its child cannot change."
        )
        return redirect("cases:contact", found.pk)
    if request.method == "POST" and request.POST.get("person", "").isdecimal():
        # Saying which child a contact is about changes the contact, not the child's record.
        child = get_person_for(request.user, int(request.POST["person"]), current=True)
        try:
            actions.match_contact(found, child=child, by=by, version=_version(request))
        except actions.EditConflict:
            messages.error(request, "Someone else changed this contact: check it and try again.")
        else:
            return on_to_the_decision(request, found, child)
        return redirect("cases:contact", found.pk)
    new_child = NewChildForm(
        request.POST or None,
        initial={
            "version": found.version,
            "first_name": found.child_name.split(" ")[0] if found.child_name else "",
            "family_name": " ".join(found.child_name.split(" ")[1:]),
            "date_of_birth": found.child_date_of_birth,
        },
    )
    if request.method == "POST" and new_child.is_valid():
        data = new_child.cleaned_data
        try:
            child = actions.add_child_from_contact(
                found,
                by=by,
                version=data["version"],
                first_name=data["first_name"],
                family_name=data["family_name"],
                date_of_birth=data["date_of_birth"],
            )
        except actions.EditConflict:
            new_child.add_error(None, "Someone else changed this contact: reload and try again.")
        else:
            return on_to_the_decision(request, found, child, added=True)
    query = request.GET.get("q", found.child_name if found.child_name != "Not known" else "")
    dob = found.child_date_of_birth
    terms = f"{query} {dob:%d/%m/%Y}" if dob and "q" not in request.GET else query
    matches = search(parse(terms), viewer=request.user) if terms.strip() else []
    if terms.strip():
        record(
            by=request.user,
            verb=Verb.PERSON_SEARCHED,
            detail={
                "terms": terms,
                "results": len(matches),
                "found": [m.person.pk for m in matches],
                "contact": found.pk,
            },
        )
    return render(
        request,
        "cases/match.html",
        {"contact": found, "query": terms, "matches": matches, "new_child": new_child},
    )


def _version(request: HttpRequest) -> int:
    """The version the page was opened on; 0 (never a record's) when it sent none."""
    raw = request.POST.get("version", "").strip()
    return int(raw) if raw.isdecimal() and len(raw) < 10 else 0
