"""Closing a case at its referral: no further action, with no assessment (a case closed after
its assessment is closed by a closure record, in recording)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.cases import actions
from kith.cases.access import get_case_for
from kith.cases.forms import NoFurtherActionForm
from kith.drafts import actions as drafts


@policy(RECORDERS)
def no_further_action(request: SignedInRequest, pk: int) -> HttpResponse:
    """The referral needs nothing more (no assessment): the case closes on its referral date."""
    found = get_case_for(request.user, pk, changeable=True)
    form = NoFurtherActionForm(drafts.data_for(request), initial={"version": found.version})
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_without_assessment(
                found,
                by=request.user,
                version=form.cleaned_data["version"],
                why=form.cleaned_data["why"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except actions.EditConflict:
            form.add_error(
                None, "Someone else changed this case after you opened it: reload and retry."
            )
        else:
            drafts.forget(request)
            messages.success(request, "No further action: the case is closed.")
            return redirect("recording:case", found.pk)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "title": "No further action on this referral",
            "caption": f"{found.child.full_name}, case {found.reference}",
            "case": found,
            "button": "Close the case",
        },
    )
