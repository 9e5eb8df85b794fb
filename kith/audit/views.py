"""The audit pages: who has looked at a person's record, and what a user has looked at. Both
can be filtered and exported as CSV; looking and exporting are audited too. What each viewer
sees of a row is decided in audit/access.py."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, time
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.policies import AUDITORS, SignedInRequest, policy
from kith.audit.access import Row, audited_users, may_audit_user, rows, searched_for
from kith.audit.forms import AuditFilterForm
from kith.audit.log import record
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.access import get_person_for, visible
from kith.people.models import Person

PAGE_SIZE = 50
# Rows read at a time for a CSV download.
CSV_CHUNK = 2000


def _filtered(
    request: HttpRequest, events: QuerySet[AuditEvent]
) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["verb"]:
            events = events.filter(verb=data["verb"])
        zone = timezone.get_current_timezone()
        if data["since"]:
            events = events.filter(at__gte=datetime.combine(data["since"], time.min, zone))
        if data["until"]:
            events = events.filter(at__lte=datetime.combine(data["until"], time.max, zone))
    return form, events


def _as_seen_by(viewer: Any, events: list[AuditEvent]) -> list[Row]:
    """The events as the viewer may see them: a restricted person they are not named on is
    never read from the database, let alone named (audit/access.py)."""
    ids = searched_for(events)
    seen = set(Person.objects.filter(visible(viewer), pk__in=ids).values_list("pk", flat=True))
    shown = {e.person_id for e in events if e.person_id in seen}
    people = Person.objects.in_bulk(list(shown))
    return rows(events, people, seen)


def _cell(value: str) -> str:
    """A spreadsheet treats a cell starting with = + - @ (or a tab or return) as a formula: an
    audit row typed by anyone must never run as one when the file is opened."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_lines(viewer: Any, events: QuerySet[AuditEvent]) -> Iterator[list[str]]:
    yield ["When", "Who", "Sign-in name", "What", "Person number", "Person", "Reason", "Address"]
    events = events.select_related("by")
    last = None
    while True:
        chunk = list((events.filter(pk__lt=last) if last else events).order_by("-pk")[:CSV_CHUNK])
        if not chunk:
            return
        for row in _as_seen_by(viewer, chunk):
            event = row.event
            person = (
                ("", "A restricted record")
                if row.hidden
                else (row.person.person_number, row.person.full_name)
                if row.person
                else ("", "")
            )
            yield [
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                event.by.get_full_name() if event.by else "Not signed in",
                event.by.username if event.by else str(event.detail.get("username", "")),
                event.what,
                *person,
                row.why or (f"Searched for {row.terms}" if row.terms else ""),
                event.ip_address or "",
            ]
        last = chunk[-1].pk


def _csv(viewer: Any, events: QuerySet[AuditEvent], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for line in _csv_lines(viewer, events):
        writer.writerow([_cell(str(value)) for value in line])
    return response


def _page(
    request: HttpRequest,
    events: QuerySet[AuditEvent],
    context: dict[str, Any],
    filename: str,
    subject: dict[str, Any],
) -> HttpResponse:
    form, events = _filtered(request, events)
    if request.GET.get("format") == "csv" and not form.errors:
        record(
            by=request.user,
            verb=Verb.AUDIT_EXPORTED,
            detail={**subject, "filters": request.GET.dict()},
        )
        return _csv(request.user, events, filename)
    record(by=request.user, verb=Verb.AUDIT_VIEWED, detail=subject)
    page = Paginator(events.select_related("by"), PAGE_SIZE).get_page(request.GET.get("page"))
    by_ids = {e.by_id for e in page if e.by_id is not None}
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/events.html",
        {
            **context,
            "form": form,
            "page": page,
            "rows": _as_seen_by(request.user, list(page)),
            # The users whose own audit the viewer may follow a link to.
            "auditable": set(
                User.objects.filter(audited_users(request.user), pk__in=by_ids).values_list(
                    "pk", flat=True
                )
            ),
            "query": query.urlencode(),
        },
    )


@policy(AUDITORS)
def person_audit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Who has looked at this person's record, and what they did."""
    person = get_person_for(request.user, pk)
    events = AuditEvent.objects.filter(person=person)
    return _page(
        request,
        events,
        {
            "title": f"Who has looked at {person.full_name}'s record",
            "person": person,
            "by_person": True,
        },
        f"audit-{person.person_number}.csv",
        {"person": person.pk},
    )


@policy(AUDITORS)
def user_audit(request: SignedInRequest, pk: int) -> HttpResponse:
    """What this user has looked at and done: for those who manage them (audit/access.py)."""
    user = User.objects.select_related("team__service_area").filter(pk=pk).first()
    if user is None or not may_audit_user(request.user, user):
        raise Http404("No such user")
    events = AuditEvent.objects.filter(by=user)
    return _page(
        request,
        events,
        {
            "title": f"What {user.get_full_name() or user.username} has looked at",
            "subject_user": user,
            "by_person": False,
        },
        f"audit-{user.username}.csv",
        {"user": user.pk},
    )
