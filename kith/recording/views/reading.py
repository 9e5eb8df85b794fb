"""Reading a case and its records: the case page, a record, and every version of it. Each read
of a child's record writes its audit event."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kith.accounts.policies import STAFF, SignedInRequest, policy
from kith.audit.log import record as audit
from kith.audit.verbs import Verb
from kith.cases.access import get_case_for, may_allocate, may_authorise, may_record_on
from kith.cases.models import Case
from kith.recording.access import get_record_for
from kith.recording.forms import ReturnForm
from kith.recording.kinds import KINDS, kind_of
from kith.recording.models import Record, RecordVersion
from kith.recording.queries import case_page
from kith.recording.reading import answers_of


def _looked(request: HttpRequest, case: Case, what: str, record: Record | None = None) -> None:
    detail: dict[str, Any] = {"case": case.pk, "page": what}
    if record is not None:
        detail["record"] = f"{record.kind} {record.pk}"
    audit(
        by=request.user,
        verb=Verb.RECORD_VIEWED if record else Verb.CASE_VIEWED,
        person=case.child,
        detail=detail,
    )


@policy(STAFF)
def case(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_case_for(request.user, pk)
    _looked(request, found, "case")
    today = timezone.localdate()
    return render(
        request,
        "recording/case.html",
        {
            "case": found,
            "page": case_page(found, today),
            "today": today,
            "kinds": KINDS,
            "can_record": may_record_on(request.user, found),
            "can_allocate": may_allocate(request.user, found),
        },
    )


@policy(STAFF)
def show(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    found = record.case
    _looked(request, found, chosen.name, record)
    today = timezone.localdate()
    page = case_page(found, today)
    return render(
        request,
        "recording/record.html",
        {
            "case": found,
            "kind": chosen,
            "record": record,
            "answers": answers_of(record, chosen, found),
            "steps": page.steps,
            "can_record": may_record_on(request.user, found),
            "can_authorise": may_authorise(request.user, found)
            and record.author_id != request.user.pk,
            "return_form": ReturnForm(),
            "versions": RecordVersion.objects.filter(kind=record.kind, record_id=record.pk).count(),
            # The census's rules name the records they are about like this (returns/rules/).
            "census_about": f"{chosen.slug} {record.pk}",
        },
    )


@policy(STAFF)
def history(request: SignedInRequest, kind: str, pk: int) -> HttpResponse:
    """Every saved version of the record, with what changed each time."""
    chosen = kind_of(kind)
    record = get_record_for(request.user, chosen, pk)
    _looked(request, record.case, f"{chosen.name} history", record)
    versions = list(
        RecordVersion.objects.filter(kind=record.kind, record_id=record.pk).select_related("by")
    )
    fields = chosen.form.base_fields
    labels = {name: str(field.label) for name, field in fields.items()} | {"actions": "Actions"}
    words = {
        name: {str(k): str(v) for k, v in getattr(field, "choices", [])}
        for name, field in fields.items()
    }
    rows = []
    before: dict[str, Any] = {}
    for version in versions:
        changed = [
            (
                labels.get(name, name),
                _plain(before.get(name), words.get(name, {})),
                _plain(value, words.get(name, {})),
            )
            for name, value in version.values.items()
            if before.get(name) != value
        ]
        rows.append((version, changed))
        before = version.values
    return render(
        request,
        "recording/history.html",
        {"case": record.case, "kind": chosen, "record": record, "rows": list(reversed(rows))},
    )


def _plain(value: Any, words: dict[str, str]) -> str:
    """A saved answer in words: codes as their labels, dates as dates, actions as a list."""
    if value in (None, "", []):
        return "(blank)"
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(f"{a.get('what')} ({a.get('who')})" for a in value)
    if isinstance(value, list):
        return "; ".join(words.get(str(v), str(v)) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return f"{date.fromisoformat(value):%-d %B %Y}"
        except ValueError:
            pass
    return words.get(str(value), str(value))
