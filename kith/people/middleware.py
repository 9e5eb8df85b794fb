"""Send someone who must give a reason to open a record (break-glass) to the page that asks
for it, and back to where they were going afterwards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.people.access import ReasonNeeded


class ReasonNeededMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if not isinstance(exception, ReasonNeeded):
            return None
        person = exception.person
        record(
            by=request.user,
            verb=Verb.REASON_ASKED,
            person=person,
            detail={"page": request.get_full_path()[:300], "method": request.method},
            request=request,
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
