"""Writing a record: starting one, or carrying on with a draft (or an agreed plan's update).
Every form keeps its draft as the worker types (frontend/drafts.js) and also works as a plain
POST without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.cases.access import get_case_for, may_record_on
from kith.cases.actions import EditConflict
from kith.cases.models import Case
from kith.recording.access import get_record_for
from kith.recording.kinds import Kind, kind_of
from kith.recording.models import Record, Status
from kith.recording.one_per_page import AlreadySaved
from kith.recording.reading import as_data
from kith.recording.views import writing_steps as steps
from kith.recording.views.write_page import (
    Sent,
    forms_for,
    render_write,
    sent_version,
    typed_answers,
)

CONFLICT = (
    "Someone else saved this record after you opened it. Your version is below and has not "
    "been saved: compare it with theirs, then save again."
)


def _write(request: SignedInRequest, case: Case, kind: Kind, record: Record | None) -> HttpResponse:
    """The one page every record is written on, new or draft (or an agreed plan's update):
    shown, or one step of writing it, chosen by the button pressed (the POST's "action")."""
    posted = request.method == "POST"
    action = request.POST.get("action", "save") if posted else ""
    version = sent_version(request)
    if record is not None and version is None:
        version = 0  # a page about a record that does not say which version: never current
    sent = Sent(
        request=request,
        case=case,
        kind=kind,
        record=record,
        version=version,
        typed=typed_answers(request, kind),
        token=form_token(request),
        submitting=action == "submit",
    )
    if action == "autosave":
        return steps.autosave(sent)
    if record is not None and record.is_locked:
        messages.info(request, "This record is finished. To correct it, make an amendment.")
        return redirect("recording:record", kind.slug, record.pk)
    if not posted:
        return _show(request, case, kind, record)
    step: Callable[[Sent], HttpResponse]
    if action == "add_action":
        step = steps.add_row
    elif sent.updating:
        step = steps.update_agreed_plan if action == "submit" else steps.keep_plan_update
    elif action == "submit":
        step = steps.submit
    else:
        step = steps.save_draft
    try:
        return step(sent)
    except AlreadySaved as done:
        messages.info(request, f"The {kind.name} was already saved.")
        return redirect("recording:record", kind.slug, done.record.pk)
    except ValidationError as refused:
        return steps.show_again(sent, record, problems=refused.messages)
    except EditConflict as clash:
        return steps.show_again(sent, record, problems=[CONFLICT], conflict=clash.current)


def form_token(request: SignedInRequest) -> str:
    """The page's token for its record (letters and digits, as the page was given): anything else,
    a NUL byte or a script, is no token (PostgreSQL refuses NUL in a query)."""
    sent = request.POST.get("token", "")
    return sent if re.fullmatch(r"[A-Za-z0-9_-]{1,32}", sent) else ""


def _show(request: SignedInRequest, case: Case, kind: Kind, record: Record | None) -> HttpResponse:
    """The page as it was left: a draft as last typed, with a blank row more if asked for."""
    data = as_data(record.draft, record.version) if record and record.draft else None
    rows = 1 if request.GET.get("more") else 0
    form, formset = forms_for(request, kind, case, record, data=data, rows=rows)
    return render_write(request, case, kind, record, form, formset, None)


@policy(RECORDERS)
def new(request: SignedInRequest, pk: int, kind: str) -> HttpResponse:
    found = get_case_for(request.user, pk, changeable=True)
    chosen = kind_of(kind)
    if not found.is_open:
        if request.POST.get("action") == "autosave":
            # Closed while the worker was typing: the page's draft keeper says so, and keeps
            # the words in the browser (a redirect would read to it as being signed out).
            return JsonResponse({"state": "closed"}, status=409)
        messages.error(
            request,
            "This case is closed. A new worry about the child starts with a new contact.",
        )
        return redirect("recording:case", found.pk)
    mine = chosen.model._default_manager.filter(case=found, author_id=request.user.pk)
    if request.method == "GET" and request.GET.get("fresh") != "1":
        # A draft already started is offered first, so drafts do not multiply.
        started = list(mine.filter(status=Status.DRAFT).order_by("-updated_at"))
        if started:
            return render(
                request,
                "recording/offer_draft.html",
                {"case": found, "kind": chosen, "started": started},
            )
    record = None
    # The page carries the draft's number after its first autosave. Before that, its token
    # (from the moment it opened) finds the record a first press of Save made: inside the
    # save's transaction (recording/actions.py), so two at once never make two.
    draft = request.POST.get("record", "")
    if draft.isdecimal():
        record = mine.filter(pk=int(draft)).first()
        if record is not None and record.is_locked:
            messages.info(request, f"The {chosen.name} was already saved.")
            return redirect("recording:record", chosen.slug, record.pk)
    return _write(request, found, chosen, record)


@policy(RECORDERS)
def edit(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    if not may_record_on(request.user, record.case):
        raise PermissionDenied("Only the allocated worker's team can change this record.")
    return _write(request, record.case, chosen, record)
