"""The professionals and agencies around a person: adding and changing them."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.people import actions
from kith.people.access import get_person_for
from kith.people.forms import InvolvementForm
from kith.people.models import Involvement
from kith.people.views._editing import _apply, _edit

INVOLVEMENT_FIELDS = (
    "kind",
    "organisation",
    "name",
    "role",
    "phone",
    "email",
    "start_date",
    "end_date",
)


@policy(RECORDERS)
def add_involvement(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    return _edit(
        request,
        found,
        InvolvementForm,
        title="Add a professional or agency",
        done="The professional has been added.",
        apply=_apply(actions.add_involvement, found, request, *INVOLVEMENT_FIELDS),
    )


@policy(RECORDERS)
def change_involvement(request: SignedInRequest, pk: int, involvement: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    item = get_object_or_404(Involvement, pk=involvement, person=found)
    return _edit(
        request,
        found,
        InvolvementForm,
        title=f"Change {item.organisation}",
        initial={n: getattr(item, n) for n in INVOLVEMENT_FIELDS},
        apply=_apply(actions.change_involvement, item, request, *INVOLVEMENT_FIELDS),
    )
