"""The jobs page, for administrators: the workers and when each was last seen, every job with
its state and progress, and the daily jobs, which can be started now."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kith.accounts.policies import ADMINISTRATORS, SignedInRequest, policy
from kith.jobs import queue, watchdog
from kith.jobs.kinds import KINDS, label_of
from kith.jobs.models import Job, JobStatus, WorkerSeen

SHOWN = 100


@policy(ADMINISTRATORS)
def jobs(request: SignedInRequest) -> HttpResponse:
    now = timezone.now()
    workers = [
        {"worker": w, "alive": now - w.seen_at <= watchdog.WORKER_GONE_AFTER}
        for w in WorkerSeen.objects.order_by("-seen_at")[:20]
    ]
    return render(
        request,
        "jobs/jobs.html",
        {
            "workers": workers,
            "any_alive": any(w["alive"] for w in workers),
            "jobs": [
                (job, label_of(job.kind))
                for job in Job.objects.select_related("started_by")[:SHOWN]
            ],
            "offered": [(k, k.only_if is None or k.only_if()) for k in KINDS.values() if k.offered],
            "running": Job.objects.filter(
                status__in=(JobStatus.WAITING, JobStatus.RUNNING)
            ).exists(),
        },
    )


@policy(ADMINISTRATORS)
def run_now(request: SignedInRequest, kind: str) -> HttpResponse:
    """Start a job the page offers: a daily one now (after fixing what made last night's
    fail, say), or one run only when asked (the duplicate scan)."""
    found = KINDS.get(kind)
    if found is None or not found.offered:
        raise Http404("No such job to start")
    if request.method != "POST":
        return redirect("jobs:jobs")
    if found.only_if is not None and not found.only_if():
        messages.error(request, f"Not started: {found.label.lower()} is switched off here.")
        return redirect("jobs:jobs")
    queue.start(kind, by=request.user)
    messages.success(request, f"Started: {found.label.lower()}.")
    return redirect("jobs:jobs")
