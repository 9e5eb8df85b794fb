"""The returns pages, for data officers: make and download the CIN census or the SSDA903 return
(with progress while it is made, and the community validator's findings when asked), and the
data quality page that lists every child the census would query, each linked to the record to
fix."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kith.accounts.policies import DATA_OFFICERS, SignedInRequest, policy
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.jobs.watchdog import a_worker_is_alive
from kith.returns import runs, runs_903, validator
from kith.returns.census import CollectionYear
from kith.returns.forms import CensusForm, SSDA903Form, year_choices
from kith.returns.models import FeedSend, ReturnKind, ReturnRun, RunStatus
from kith.returns.quality import problems_in


@policy(DATA_OFFICERS)
def returns(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    posted = request.POST or None
    # Each return has its own form on the page; the SSDA903's says which it is.
    kind = ReturnKind.SSDA903 if request.POST.get("return") == "ssda903" else ReturnKind.CIN
    census = CensusForm(
        posted if kind == ReturnKind.CIN else None,
        today=today,
        can_check=runs.can_check(ReturnKind.CIN),
    )
    ssda903 = SSDA903Form(
        posted if kind == ReturnKind.SSDA903 else None,
        today=today,
        can_check=runs.can_check(ReturnKind.SSDA903),
    )
    form = ssda903 if kind == ReturnKind.SSDA903 else census
    if request.method == "POST" and form.is_valid():
        run = runs.start(
            CollectionYear(int(form.cleaned_data["year"])),
            by=request.user,
            check=bool(form.cleaned_data.get("check")),
            kind=kind,
        )
        return redirect("returns:run", run.pk)
    return render(
        request,
        "returns/returns.html",
        {
            "form": form,  # the one posted, for the error summary
            "census": census,
            "ssda903": ssda903,
            "runs": ReturnRun.objects.select_related("started_by")[:10],
            "can_check": runs.can_check(ReturnKind.CIN),
            "can_check_903": runs.can_check(ReturnKind.SSDA903),
            "feed": FeedSend.objects.first(),
        },
    )


@policy(DATA_OFFICERS)
def run(request: SignedInRequest, pk: int) -> HttpResponse:
    """The run's progress while it is made (the page asks for it again every second, with
    ?poll=1 so that asking does not count as the data officer using Kith), then its file."""
    found = get_object_or_404(ReturnRun.objects.select_related("job"), pk=pk)
    context = {
        "run": found,
        "running": found.status == RunStatus.RUNNING,
        "worker_alive": settings.KITH_JOBS_AT_ONCE or a_worker_is_alive(),
    }
    if found.validation and "fatal" not in found.validation and found.kind == ReturnKind.SSDA903:
        context["rules_903"] = runs_903.by_rule(found.validation)
    elif found.validation and "fatal" not in found.validation:
        rules = validator.by_rule(found.validation)
        people, hidden = validator.people_for([c for r in rules for c in r.children], request.user)
        context["findings"] = [
            {
                "rule": r,
                "children": [(c, people.get(c), c in hidden) for c in r.children[:50]],
            }
            for r in rules
        ]
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "returns/_run_progress.html", context)
    return render(request, "returns/run.html", context)


@policy(DATA_OFFICERS)
def download(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ReturnRun, pk=pk, status=RunStatus.DONE)
    path = runs.path_of(found)
    if not path.exists():
        raise Http404("The file is no longer there")
    record(
        by=request.user,
        verb=Verb.RETURN_DOWNLOADED,
        detail={
            "return": runs.AUDITED_AS[ReturnKind(found.kind)],
            "year": found.year,
            "run": found.pk,
        },
    )
    return FileResponse(  # type: ignore[return-value]
        open(path, "rb"),
        as_attachment=True,
        filename=found.filename,
        content_type=found.content_type,
    )


@policy(DATA_OFFICERS)
def quality(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    choices = dict(year_choices(today))
    chosen = request.GET.get("year", "")
    if chosen not in choices:
        chosen = str(CollectionYear.of(today).year)
    year = CollectionYear(int(chosen))
    groups, children = problems_in(year, request.user)
    record(
        by=request.user,
        verb=Verb.DATA_QUALITY_VIEWED,
        detail={"year": year.year, "rules": len(groups)},
    )
    return render(
        request,
        "returns/quality.html",
        {
            "year": year,
            "chosen": chosen,
            "choices": choices.items(),
            "groups": groups,
            "children": children,
            "errors": sum(len(g.found) for g in groups if not g.query),
            "queries": sum(len(g.found) for g in groups if g.query),
        },
    )
