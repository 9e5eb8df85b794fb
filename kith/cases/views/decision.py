"""The decision on a contact at the front door: no further action, advice, early help, or a
referral that opens the child's case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.cases import actions
from kith.cases.access import get_contact_for
from kith.cases.codes import ContactOutcome
from kith.cases.forms import DecisionForm
from kith.cases.views.refer_before_found import find_the_child_then_refer
from kith.drafts import actions as drafts


@policy(RECORDERS)
def decide(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_contact_for(request.user, pk, to_decide=True)
    if found.is_decided:
        messages.info(request, "A decision has already been recorded for this contact.")
        return redirect("cases:contact", found.pk)
    sent = drafts.data_for(request)
    if sent is not None and not sent.get("version"):
        # A decision put aside while the child was found: it is decided on the contact as it is.
        sent = sent.copy()
        sent["version"] = str(found.version)
    form = DecisionForm(
        sent, initial={"version": found.version}, child_known=found.child is not None
    )
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["outcome"] == ContactOutcome.REFERRAL and found.child is None:
            drafts.forget(request)
            return find_the_child_then_refer(request, found)
        try:
            actions.decide_contact(
                found,
                by=request.user,
                version=data["version"],
                outcome=data["outcome"],
                decision_reasons=data["decision_reasons"],
                team=data.get("team"),
                primary_need=data.get("primary_need") or "",
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        except actions.EditConflict:
            form.add_error(
                None,
                "Someone else recorded something on this contact after you opened it. "
                "Open the contact again to see it before deciding.",
            )
        else:
            drafts.forget(request)
            messages.success(request, "The decision is recorded.")
            return redirect("cases:contact", found.pk)
    return render(request, "cases/decide.html", {"contact": found, "form": form})
