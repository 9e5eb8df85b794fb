"""The kinds of record a case holds, and what each needs for its pages. Adding a kind is one
entry here, its model and its form."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

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


def kind_of(slug: str) -> Kind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404("No such kind of record") from None
