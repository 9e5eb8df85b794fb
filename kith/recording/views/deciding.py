"""A manager's decisions: authorising a record or returning it to the worker, and the list of
everything waiting for them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kith.accounts.models import Team
from kith.accounts.policies import MANAGERS, SignedInRequest, policy
from kith.cases.actions import EditConflict
from kith.recording import actions
from kith.recording.access import get_record_for
from kith.recording.forms import ReturnForm
from kith.recording.kinds import kind_of
from kith.recording.queries import waiting_for
from kith.recording.views.write_page import sent_version


@policy(MANAGERS)
@require_POST
def decide(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    """Authorise a record, or return it to the worker with comments."""
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    version = sent_version(request) or 0  # a decision must say which version it read
    back = request.POST.get("back") == "waiting"
    try:
        if request.POST.get("decision") == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Say what needs to change before returning the record.")
                return redirect("recording:record", chosen.slug, record.pk)
            actions.return_to_worker(
                record,
                by=request.user,
                version=version,
                comments=form.cleaned_data["comments"],
            )
            messages.success(request, f"The {chosen.name} is returned to {record.author}.")
        else:
            actions.authorise(record, by=request.user, version=version)
            messages.success(request, f"The {chosen.name} is authorised.")
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    except EditConflict:
        messages.error(
            request, "The record changed while you were reading it. Read it again, then decide."
        )
    if back:
        return redirect("recording:waiting")
    return redirect("recording:record", chosen.slug, record.pk)


@policy(MANAGERS)
def waiting(request: SignedInRequest) -> HttpResponse:
    """Everything waiting for this manager's authorisation, oldest first, each with authorise
    and return in place."""
    teams = list(Team.objects.led_by(request.user).values_list("pk", flat=True))
    records = waiting_for(request.user, teams)
    return render(
        request,
        "recording/waiting.html",
        {"records": records, "return_form": ReturnForm(), "today": timezone.localdate()},
    )
