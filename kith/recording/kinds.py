"""The kinds of record a case holds, and what each needs for its pages. Adding a kind is one
entry here, its model and its form; an app above this one (care's care plan) registers its own
kinds at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from kith.cases.models import Case
from kith.recording import forms
from kith.recording.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    Closure,
    Record,
    Visit,
)


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[Record]
    form: type[forms.RecordForm]
    name: str  # as in "Record a visit", "the visit"
    start: str  # the link that starts one
    has_actions: bool = False
    # Most records are written the day they happen: their date starts as today.
    starts_today: bool = True
    # What Kith already holds that the record is written from, shown beside the page (never
    # asked for again): a template, and what it reads for the case.
    aside: str = ""
    drawn_in: Callable[[Case, Any], dict[str, Any]] | None = None


KINDS = {
    kind.slug: kind
    for kind in (
        Kind("visit", Visit, forms.VisitForm, "visit", "Record a visit"),
        Kind("note", CaseNote, forms.CaseNoteForm, "case note", "Add a case note"),
        Kind(
            "assessment",
            Assessment,
            forms.AssessmentForm,
            "assessment",
            "Start a child and family assessment",
            starts_today=False,  # the day the assessment began is asked, not assumed
        ),
        Kind(
            "plan",
            ChildInNeedPlan,
            forms.PlanForm,
            "child in need plan",
            "Write a child in need plan",
            has_actions=True,
        ),
        Kind("closure", Closure, forms.ClosureForm, "closure", "Close the case"),
    )
}


def register(kind: Kind) -> None:
    KINDS.setdefault(kind.slug, kind)


def kind_of(slug: str) -> Kind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404("No such kind of record") from None
