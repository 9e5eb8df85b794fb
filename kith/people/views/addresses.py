"""Where a person lives: adding an address, which the household sharing their home may move to
with them, and ending one."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kith.accounts.policies import RECORDERS, SignedInRequest, policy
from kith.people import actions
from kith.people.access import get_person_for, may_record_about, visible
from kith.people.codes import AddressType
from kith.people.forms import AddressForm, EndAddressForm
from kith.people.models import Person, Residence
from kith.people.queries import person_page
from kith.people.views._editing import _edit, _fields


@policy(RECORDERS)
def add_address(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    today = timezone.localdate()
    # Only the people sharing their home move with them, never others at a placement.
    homes = [
        r.address_id
        for r in person_page(found, today, request.user).current
        if r.kind == AddressType.HOME
    ]
    # Only those the user may see, and of them only those whose records they may change: the
    # others stay where they are (a restricted child's address is never touched or named).
    sharing = list(
        Person.objects.current()
        .filter(
            visible(request.user),
            residences__address__in=homes,
            residences__end_date__isnull=True,
            residences__kind=AddressType.HOME,
        )
        .exclude(pk=found.pk)
        .distinct()
        .order_by("date_of_birth")
    )
    household = [p for p in sharing if may_record_about(request.user, p)]
    staying = [p for p in sharing if p not in household]

    def apply(d: dict[str, Any]) -> None:
        actions.move_to_address(
            found,
            by=request.user,
            version=d["version"],
            address=_fields(d, "line_1", "line_2", "town", "postcode"),
            kind=d["kind"],
            start_date=d["start_date"],
            end_previous=d["replaces_current"],
            household=household if d["household_moves"] else [],
        )

    return _edit(
        request,
        found,
        AddressForm,
        title="Add an address",
        done="The address has been added.",
        initial={"kind": "home", "replaces_current": True},
        apply=apply,
        template="people/address_form.html",
        context={"household": household, "staying": staying},
    )


@policy(RECORDERS)
def end_address(request: SignedInRequest, pk: int, residence: int) -> HttpResponse:
    found = get_person_for(request.user, pk, changeable=True)
    living = get_object_or_404(Residence, pk=residence, person=found)
    return _edit(
        request,
        found,
        EndAddressForm,
        title=f"When did they leave {living.address.line_1}?",
        done="The address has been ended.",
        apply=lambda d: actions.end_residence(
            living, by=request.user, version=d["version"], end_date=d["end_date"]
        ),
    )
