"""Two guards around every page: someone who must give a reason to open a record (break-glass)
is sent to the page that asks for it, and back afterwards; and no page that read a restricted
person its user is not named on is ever sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from kith.accounts.models import User
from kith.audit import reads
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.access import ReasonNeeded, may_ask_reason, visible
from kith.people.models import Person


class ReasonNeededMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if not isinstance(exception, ReasonNeeded):
            return None
        person = exception.person
        if not may_ask_reason(request.user):  # type: ignore[arg-type]
            return response_for_exception(
                request,
                PermissionDenied(
                    "A personal adviser opens only the records of the young people they advise."
                ),
            )
        record(
            by=request.user,
            verb=Verb.REASON_ASKED,
            person=person,
            detail={"page": request.get_full_path()[:300], "method": request.method},
        )
        back = request.get_full_path() if request.method == "GET" else ""
        url = reverse("people:reason", args=[person.pk])
        if back:
            url += "?" + urlencode({"next": back})
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)


class RestrictedRecordLeak(Exception):
    """A page read a restricted person its user is not named on. The page is not sent."""


class RestrictedRecordGuard:
    """The last line of the restriction rule (people/access.py): before a page goes out, check
    that nobody it read is a restricted person the user is not named on. Pages filter through
    `visible` so this never happens; if one forgets, the user gets an error page instead of the
    child's name, and the mistake is logged and audited where it can be put right."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        look = reads.current()
        if look is not None and look.people:
            hidden = hidden_from(look.user, look.people, look.for_returns)
            if hidden:
                raise RestrictedRecordLeak(
                    f"{request.get_full_path()[:300]} read restricted record(s) {hidden} that "
                    f"user {look.user.pk} is not named on"
                )
        return response


def hidden_from(user: User, people: dict[int, Any], exempt: set[int]) -> list[int]:
    """The restricted people among those read that the user may not see."""
    restricted = [
        pk
        for pk, person in people.items()
        if pk not in exempt and person.__dict__.get("restricted", True)
    ]
    if not restricted:
        return []
    hidden = Person.objects.filter(pk__in=restricted).exclude(visible(user))
    return sorted(hidden.values_list("pk", flat=True))
