"""Amending a finished record: the same questions, plus why. The original stays in the
record's history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.cases.access import may_record_on
from kith.cases.actions import EditConflict
from kith.drafts import actions as drafts
from kith.lib.forms import problems
from kith.recording import actions
from kith.recording.access import get_record_for
from kith.recording.forms import AmendmentForm
from kith.recording.kinds import kind_of
from kith.recording.reading import answers_of
from kith.recording.views.write_page import initial_values, sent_version


@policy(RECORDERS)
def amend(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    """Correct a finished record: the same questions, plus why."""
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    found = record.case
    if not may_record_on(request.user, found):
        raise PermissionDenied("Only the allocated worker's team can amend this record.")
    if not record.is_final or record.living:
        return redirect("recording:record", chosen.slug, record.pk)
    initial = initial_values(record, chosen)[0]
    data = drafts.data_for(request)
    form = chosen.form(data, case=found, submitting=True, initial=initial)
    why = AmendmentForm(data)
    drafts.quiet_if_put_back(request, form, why)
    conflict = None
    if request.method == "POST" and form.is_valid() and why.is_valid():
        try:
            actions.amend(
                record,
                by=request.user,
                version=sent_version(request) or 0,
                values=form.values(),
                why=why.cleaned_data["why"],
            )
        except EditConflict as clash:
            conflict = clash.current
            data = request.POST.copy()
            data["version"] = str(conflict.version)
            form = chosen.form(data, case=found, submitting=True, initial=initial)
            form.is_valid()
            form.add_error(
                None,
                "Someone else changed this record after you opened it. Their version is shown; "
                "yours is below and has not been saved: check it, then save again.",
            )
        else:
            drafts.forget(request)
            messages.success(request, f"The {chosen.name} is amended. The original is kept.")
            return redirect("recording:record", chosen.slug, record.pk)
    found_problems = problems(why, form)
    return render(
        request,
        "recording/amend.html",
        {
            "case": found,
            "kind": chosen,
            "record": record,
            "form": form,
            "why": why,
            "problems": found_problems,
            "conflict": conflict,
            "theirs": answers_of(conflict, chosen, found) if conflict else None,
        },
    )
