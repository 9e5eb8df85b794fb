"""Opening a record outside one's own work once a reason is given (break-glass)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from kith.accounts.policies import STAFF, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.access import may_ask_reason, may_open, reason_lasts, visible
from kith.people.break_glass import open_with_reason
from kith.people.forms import ReasonForm
from kith.people.models import Person


@policy(STAFF)
def reason(request: SignedInRequest, pk: int) -> HttpResponse:
    """Break-glass: a record outside the user's work opens once they say why."""
    found = Person.objects.filter(visible(request.user), pk=pk).first()
    if found is None:
        raise Http404("No such person")
    if not may_ask_reason(request.user):
        raise PermissionDenied(
            "A personal adviser opens only the records of the young people they advise."
        )
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("people:person", args=[found.pk])
    if request.method != "POST" and may_open(request.user, found):
        return redirect(back)
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            open_with_reason(found, by=request.user, why=form.cleaned_data["why"])
            return redirect(back)
        record(
            by=request.user,
            verb=Verb.REASON_REFUSED,
            person=found,
            why=request.POST.get("why", "")[:1000],
        )
    return render(
        request,
        "people/reason.html",
        {"person": found, "form": form, "hours": int(reason_lasts().total_seconds() // 3600)},
    )
