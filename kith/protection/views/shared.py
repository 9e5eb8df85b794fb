"""What the child protection pages do alike: audit each look at a record, answer a form sent
twice with what the first made, say for whom a record written once was saved, and size the
plan's rows of actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.models import Case
from kith.drafts.once import AlreadySent


def looked(request: HttpRequest, cases: list[Case], what: str, pk: int) -> None:
    """Every look at a child protection record is audited, once for each child the reader may
    see on it."""
    for case in cases:
        record(
            by=request.user,
            verb=Verb.PROTECTION_VIEWED,
            person=case.child,
            detail={"case": case.pk, "page": what, "record": pk},
        )


def already_sent(request: HttpRequest, sent: AlreadySent, case: Case) -> HttpResponse:
    """The same form sent twice: the first made it; show that instead of a second."""
    messages.info(request, "This was already saved: here it is.")
    return redirect(sent.result or reverse("recording:case", args=[case.pk]))


def saved_for(what: str, records: Sequence[Any]) -> str:
    """'The enquiry is saved.' for one child; '… for Ellie Jones, Sam Jones and Rosa Jones.'
    when written once for several."""
    if len(records) < 2:
        return f"{what}."
    names = [r.case.child.full_name for r in records]
    return f"{what} for {', '.join(names[:-1])} and {names[-1]}."
