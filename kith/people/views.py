from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from kith.accounts.policies import STAFF, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.models import Person, Residence
from kith.people.search import MAX_RESULTS, find_people, parse

CURRENT_RESIDENCE = Prefetch(
    "residences",
    queryset=Residence.objects.filter(end_date__isnull=True).select_related("address"),
    to_attr="current_residences",
)


@policy(STAFF)
def find(request: HttpRequest) -> HttpResponse:
    """Find a person. The search terms are audited, like every look at a record."""
    query = request.GET.get("q", "").strip()[:200]
    people: list[Person] = []
    if query:
        terms = parse(query)
        people = list(find_people(terms).prefetch_related(CURRENT_RESIDENCE))
        record(
            by=request.user,
            verb=Verb.PERSON_SEARCHED,
            detail={"terms": query, "results": len(people)},
            request=request,
        )
    template = "people/_results.html" if request.htmx else "people/find.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"query": query, "people": people, "max_results": MAX_RESULTS},
    )


@policy(STAFF)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Person.objects.prefetch_related(CURRENT_RESIDENCE), pk=pk)
    record(by=request.user, verb=Verb.PERSON_VIEWED, person=found, request=request)
    residence = found.current_residences[0] if found.current_residences else None  # type: ignore[attr-defined]
    household: list[Person] = []
    if residence is not None:
        household = list(
            Person.objects.filter(
                residences__address=residence.address, residences__end_date__isnull=True
            )
            .exclude(pk=found.pk)
            .order_by("date_of_birth")
        )
    return render(
        request,
        "people/person.html",
        {
            "person": found,
            "residence": residence,
            "household": household,
            "today": timezone.localdate(),
        },
    )
