"""Writing a record: starting one, or carrying on with a draft (or an agreed plan's update).
Every form keeps its draft as the worker types (frontend/drafts.js) and also works as a plain
POST without JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kith.accounts.policies import RECORDERS, policy
from kith.cases.access import get_case_for, may_record_on
from kith.cases.actions import EditConflict
from kith.cases.models import Case
from kith.recording import actions
from kith.recording.access import get_record_for
from kith.recording.kinds import Kind, kind_of
from kith.recording.models import Record, Status
from kith.recording.reading import as_data
from kith.recording.views.write_page import (
    done_message,
    forms_for,
    render_write,
    sent_version,
    typed_answers,
)


def _write(request: HttpRequest, case: Case, kind: Kind, record: Record | None) -> HttpResponse:
    """The one page every record is written on, new or draft (or an agreed plan's update)."""
    posted = request.method == "POST"
    action = request.POST.get("action", "save") if posted else ""
    version = sent_version(request)
    if record is not None and version is None:
        version = 0  # a page about a record that does not say which version: never current
    typed = typed_answers(request, kind)
    token = request.POST.get("token", "")
    by: Any = request.user
    if action == "autosave":
        return _autosave(request, case, kind, record, version, typed, token)
    if record is not None and record.is_locked:
        messages.info(request, "This record is finished. To correct it, make an amendment.")
        return redirect("recording:record", kind.slug, record.pk)
    if not posted:
        data = as_data(record.draft, record.version) if record and record.draft else None
        rows = 1 if request.GET.get("more") else 0
        form, formset = forms_for(request, kind, case, record, data=data, rows=rows)
        return render_write(request, case, kind, record, form, formset, None)

    updating = record is not None and record.living and record.is_final
    submitting = action == "submit"
    form, formset = forms_for(request, kind, case, record, data=request.POST, submitting=submitting)
    valid = form.is_valid() and (formset is None or formset.is_valid())
    actions_typed = formset.actions() if formset is not None else None
    problems: list[str] = []
    conflict = None
    try:
        if submitting and valid:
            try:
                record = actions.save(
                    record,
                    model=kind.model,
                    case=case,
                    by=by,
                    version=version,
                    values=form.values(),
                    typed={},
                    actions=actions_typed,
                    submit=True,
                    token=token,
                    request=request,
                )
            except ValidationError as refused:
                problems = refused.messages
            else:
                messages.success(request, done_message(record))
                return redirect("recording:record", kind.slug, record.pk)
        if submitting or updating:
            # Not ready, or an agreed plan (which changes only when an update is saved in
            # full): keep exactly what was typed, change nothing else.
            record = actions.autosave(
                record,
                model=kind.model,
                case=case,
                by=by,
                version=version,
                typed=typed,
                token=token,
            )
            if updating and not submitting:
                messages.info(
                    request, "Your changes are kept, but the plan is not updated until you save it."
                )
        else:
            record = actions.save(
                record,
                model=kind.model,
                case=case,
                by=by,
                version=version,
                values=form.values(),
                typed=typed,
                actions=actions_typed,
                token=token,
                request=request,
            )
            if valid and action != "add_action":
                messages.success(request, f"Your draft {kind.name} is saved.")
                return redirect("recording:case", case.pk)
            if action != "add_action":
                messages.info(request, "Saved as a draft. Check the answers marked below.")
        if action == "add_action":
            return redirect(reverse("recording:edit", args=[kind.slug, record.pk]) + "?more=1")
    except actions.AlreadySaved as done:
        messages.info(request, f"The {kind.name} was already saved.")
        return redirect("recording:record", kind.slug, done.record.pk)
    except ValidationError as refused:
        problems = refused.messages
    except EditConflict as clash:
        conflict = clash.current
        problems = [
            "Someone else saved this record after you opened it. Your version is below and has "
            "not been saved: compare it with theirs, then save again."
        ]
    # Show the page again with what was typed, on the version the record is at now (or the
    # next save would look stale).
    data = request.POST.copy()
    current = conflict or record
    if current is not None:
        data["version"] = str(current.version)
    form, formset = forms_for(request, kind, case, record, data=data, submitting=submitting)
    form.is_valid()
    if formset is not None:
        formset.is_valid()
    for problem in problems:
        form.add_error(None, problem)
    return render_write(request, case, kind, record, form, formset, conflict)


def _autosave(
    request: HttpRequest,
    case: Case,
    kind: Kind,
    record: Record | None,
    version: int | None,
    typed: dict[str, Any],
    token: str,
) -> JsonResponse:
    """Keep what was typed in the record's draft, for the page's draft keeper
    (frontend/drafts.js): when, the record's number and version, and where its words are kept
    from now on; or why not (someone else saved it, or it is finished)."""
    try:
        record = actions.autosave(
            record,
            model=kind.model,
            case=case,
            by=request.user,  # type: ignore[arg-type]
            version=version,
            typed=typed,
            token=token,
            request=request,
        )
    except EditConflict:
        return JsonResponse({"state": "conflict"}, status=409)
    except ValidationError:
        return JsonResponse({"state": "locked"}, status=409)
    return JsonResponse(
        {
            "state": "saved",
            "saved_at": f"{timezone.localtime(record.updated_at):%H:%M}",
            "record": record.pk,
            "version": record.version,
            "key": reverse("recording:edit", args=[kind.slug, record.pk]),
        }
    )


@policy(RECORDERS)
def new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    found = get_case_for(request.user, pk, changeable=True)
    chosen = kind_of(kind)
    if not found.is_open:
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
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    if not may_record_on(request.user, record.case):
        raise PermissionDenied("Only the allocated worker's team can change this record.")
    return _write(request, record.case, chosen, record)
