"""The audit pages: who has looked at a person's record, and what a user has looked at. Both
can be filtered and exported as CSV; looking and exporting are audited too."""

from __future__ import annotations

import csv
from datetime import datetime, time
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.policies import AUDITORS, policy
from kith.audit.forms import AuditFilterForm
from kith.audit.log import record
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.access import get_person_for

PAGE_SIZE = 50


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


def _csv(events: QuerySet[AuditEvent], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        ["When", "Who", "Sign-in name", "What", "Person number", "Person", "Reason", "Address"]
    )
    for event in events.select_related("by", "person").iterator(chunk_size=2000):
        writer.writerow(
            [
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                event.by.get_full_name() if event.by else "Not signed in",
                event.by.username if event.by else event.detail.get("username", ""),
                event.what,
                event.person.person_number if event.person else "",
                event.person.full_name if event.person else "",
                event.why,
                event.ip_address or "",
            ]
        )
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
            request=request,
        )
        return _csv(events, filename)
    record(by=request.user, verb=Verb.AUDIT_VIEWED, detail=subject, request=request)
    page = Paginator(events.select_related("by", "person"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/events.html",
        {**context, "form": form, "page": page, "query": query.urlencode()},
    )


@policy(AUDITORS)
def person_audit(request: HttpRequest, pk: int) -> HttpResponse:
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
def user_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """What this user has looked at and done."""
    user = get_object_or_404(User, pk=pk)
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
