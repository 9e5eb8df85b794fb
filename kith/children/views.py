"""The whole child on one page (the summary) and their story in order (the chronology)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kith.accounts.models import User
from kith.accounts.policies import MANAGERS, RECORDERS, STAFF, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.access import may_record_on
from kith.children import actions
from kith.children.actions import MarkedMeanwhile
from kith.children.chronology import chronology, entry
from kith.children.entries import Entry
from kith.children.forms import ChronologyEventForm, ChronologyFilter
from kith.children.queries import summary
from kith.children.work import overdue_in, team_work
from kith.drafts import actions as drafts
from kith.drafts.once import AlreadySent, sent_once
from kith.lib.pdf import pdf_response
from kith.people.access import get_person_for, may_open, may_record_about, visible
from kith.people.models import Person, Relationship
from kith.people.relationships import RelationshipKind

SIBLINGS = (RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING)
# Entries on one page of the chronology; the PDF has them all.
PER_PAGE = 100


@policy(STAFF)
def child_summary(request: SignedInRequest, pk: int) -> HttpResponse:
    child = get_person_for(request.user, pk)
    record(
        by=request.user,
        verb=Verb.PERSON_VIEWED,
        person=child,
        detail={"page": "summary"},
    )
    today = timezone.localdate()
    found = summary(child, today, request.user)
    return render(
        request,
        "children/summary.html",
        {
            "child": child,
            "s": found,
            "today": today,
            "can_record": found.case is not None and may_record_on(request.user, found.case),
        },
    )


def _siblings(user: User, child: Person) -> list[Person]:
    """Brothers and sisters the user may open, for the family chronology."""
    pairs = Relationship.objects.filter(kind__in=SIBLINGS).filter(first=child) | (
        Relationship.objects.filter(kind__in=SIBLINGS, second=child)
    )
    ids = {i for pair in pairs.values_list("first_id", "second_id") for i in pair} - {child.pk}
    people = Person.objects.filter(visible(user), pk__in=ids).order_by("date_of_birth")
    return [p for p in people if may_open(user, p)]


def _filtered(entries: list[Entry], data: dict[str, Any]) -> list[Entry]:
    kinds = set(data.get("kinds") or [])
    words = (data.get("words") or "").lower().split()
    start, end = data.get("start"), data.get("end")
    shown = [
        e
        for e in entries
        if (not kinds or e.kind in kinds)
        and (not data.get("agency") or e.agency == data["agency"])
        and (not data.get("significant") or e.significant)
        and (start is None or e.on >= start)
        and (end is None or e.on <= end)
        and all(w in f"{e.title} {e.text}".lower() for w in words)
    ]
    if data.get("order") == "oldest":
        shown.reverse()
    return shown


@policy(STAFF)
def child_chronology(request: SignedInRequest, pk: int) -> HttpResponse:
    child = get_person_for(request.user, pk)
    form = ChronologyFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    siblings = _siblings(request.user, child) if data.get("family") else []
    entries = _filtered(chronology([child, *siblings], request.user), data)
    wants_pdf = request.GET.get("format") == "pdf"
    record(
        by=request.user,
        verb=Verb.CHRONOLOGY_EXPORTED if wants_pdf else Verb.PERSON_VIEWED,
        person=child,
        detail={
            "page": "chronology",
            "filters": request.GET.urlencode()[:300],
            "family": [s.pk for s in siblings],
        },
    )
    pages = max(1, -(-len(entries) // PER_PAGE))
    try:
        page = min(max(1, int(request.GET.get("page", "1"))), pages)
    except ValueError:
        page = 1
    context = {
        "child": child,
        "form": form,
        "entries": entries[(page - 1) * PER_PAGE : page * PER_PAGE],
        "total": len(entries),
        "page": page,
        "pages": _pages(request, page, pages),
        "first_shown": (page - 1) * PER_PAGE + 1,
        "last_shown": min(page * PER_PAGE, len(entries)),
        "siblings": siblings,
        "today": timezone.localdate(),
        "can_mark": may_record_about(request.user, child),
    }
    if wants_pdf:
        return pdf_response(
            request,
            "children/chronology_pdf.html",
            {
                **context,
                "entries": entries,
                "authority_name": settings.KITH_AUTHORITY_NAME,
                "printed": timezone.localtime(),
                "by": request.user,
            },
            filename=f"chronology-{child.person_number}.pdf",
            download=True,
        )
    return render(request, "children/chronology.html", context)


def _pages(request: HttpRequest, page: int, pages: int) -> dict[str, Any]:
    """Links for the GOV.UK pagination component, keeping the filters."""
    if pages == 1:
        return {}
    query = request.GET.copy()

    def link(n: int) -> str:
        query["page"] = str(n)
        return "?" + query.urlencode()

    return {
        "previous": link(page - 1) if page > 1 else "",
        "next": link(page + 1) if page < pages else "",
        "items": [
            {"number": n, "href": link(n), "current": n == page}
            if n in (1, pages) or abs(n - page) <= 2
            else {"ellipsis": True}
            for n in range(1, pages + 1)
            if n in (1, pages) or abs(n - page) <= 3
        ],
    }


@policy(RECORDERS)
def add_event(request: SignedInRequest, pk: int) -> HttpResponse:
    """A significant event no record holds, typed straight into the chronology."""
    child = get_person_for(request.user, pk, changeable=True)
    form = ChronologyEventForm(drafts.data_for(request))
    drafts.quiet_if_put_back(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with sent_once(request) as done:
                actions.add_event(child, by=request.user, **form.cleaned_data)
                done(reverse("children:chronology", args=[child.pk]))
        except AlreadySent:
            messages.info(request, "This event was already added: it is in the chronology.")
            return redirect("children:chronology", child.pk)
        drafts.forget(request)
        messages.success(request, "The event is in the chronology.")
        return redirect("children:chronology", child.pk)
    return render(request, "children/add_event.html", {"child": child, "form": form})


@policy(RECORDERS)
@require_POST
def mark(request: SignedInRequest, pk: int) -> HttpResponse:
    """Mark a chronology entry significant (or not) and add an analysis of what it means."""
    child = get_person_for(request.user, pk, changeable=True)
    back = request.POST.get("back", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("children:chronology", args=[child.pk])
    found = entry(child, request.POST.get("key", ""), request.user)
    if found is None:
        messages.error(request, "That entry is no longer in the chronology: reload the page.")
        return redirect(back)
    seen = request.POST.get("seen") or "0"
    try:
        actions.mark_entry(
            found,
            significant=request.POST.get("significant") == "on",
            analysis=request.POST.get("analysis", "").strip()[:5000],
            seen=int(seen) if seen.isdecimal() else -1,
            by=request.user,
        )
    except MarkedMeanwhile as meanwhile:
        by = str(meanwhile.latest.by) if meanwhile.latest else "Someone"
        messages.error(
            request,
            f"{by} marked this entry after you opened the page. Their mark is shown now: mark "
            "it again if you disagree.",
        )
        return redirect(back)
    messages.success(request, "Your mark on the chronology is saved.")
    return redirect(back)


@policy(MANAGERS)
def overdue(request: SignedInRequest) -> HttpResponse:
    """Which work is overdue in the teams a manager leads: every item, of one worker or one
    kind if asked, with the child and a link to put it right. What waits for the manager's
    own authorisation is on their list to authorise, not here."""
    today = timezone.localdate()
    team = team_work(request.user, today)
    workers = {load.worker.pk: load.worker for load in team.loads}
    raw = request.GET.get("worker", "")
    worker = workers.get(int(raw)) if raw.isdecimal() else None
    what = request.GET.get("what", "")[:200]
    return render(
        request,
        "children/overdue.html",
        {
            "items": overdue_in(team, worker.pk if worker else None, what),
            "worker": worker,
            "what": what,
            "today": today,
        },
    )
