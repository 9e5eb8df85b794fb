"""Allocating a case to a team and a worker, by the managers of the team holding it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kith.accounts.policies import MANAGERS, SignedInRequest, policy
from kith.cases import actions
from kith.cases.access import get_case_for, may_allocate
from kith.cases.forms import AllocationForm
from kith.drafts import actions as drafts


@policy(MANAGERS)
def allocate(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_case_for(request.user, pk)
    if not may_allocate(request.user, found):
        raise PermissionDenied("Only the managers of the team holding this case can allocate it.")
    if not found.is_open:
        messages.info(request, "This case is closed, so it is not allocated to anyone now.")
        return redirect("recording:case", found.pk)
    form = AllocationForm(
        drafts.data_for(request),
        initial={"version": found.version, "team": found.team_id, "worker": found.worker_id},
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.allocate(
                found,
                by=request.user,
                version=data["version"],
                team=data["team"],
                worker=data["worker"],
                note=data["note"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except actions.EditConflict:
            form.add_error(
                None, "Someone else changed this case after you opened it: reload and retry."
            )
        else:
            drafts.forget(request)
            who = data["worker"].get_full_name() if data["worker"] else data["team"].name
            messages.success(request, f"The case is allocated to {who}.")
            return redirect("recording:case", found.pk)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": "Allocate the case",
            "caption": f"{found.child.full_name}, case {found.reference}",
            "case": found,
        },
    )
