"""Every request's events say where it came from (kith/audit/log.py), and every signed-in page
is a look: the people it reads are audited when it is done (kith/audit/reads.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kith.audit.log import answering_from, client_address
from kith.audit.reads import looking


class ReadAuditMiddleware:
    """Give each signed-in request a Look, and write its reads when the page is done (whatever
    the outcome: a page that failed half-way may still have read someone)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = client_address(request)
        with answering_from(address):
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated:
                return self.get_response(request)
            with looking(user, request.get_full_path(), address):
                return self.get_response(request)
