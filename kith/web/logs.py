"""One JSON object a line for every request: when, its id, who (by user id), what kind of
request, the answer's status and how long it took. Never the query string or a form's
contents, which can hold a child's name ("Find a person" puts what was typed there)."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

requests = logging.getLogger("kith.requests")
# An id a proxy in front of Kith gave the request is kept if it looks like one.
GIVEN_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JsonLines(logging.Formatter):
    """A log record as one JSON object: its message and whatever it carries in `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["error"] = record.exc_info[0].__name__ if record.exc_info[0] else "error"
        return json.dumps(line, default=str)


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if GIVEN_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        requests.info(
            "request",
            extra={
                "fields": {
                    "request_id": request_id,
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                    "method": request.method,
                    "page": _page(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                }
            },
        )
        return response


def _page(request: HttpRequest) -> str:
    """The page's name ("people:person"), or its path without the query string: record
    numbers, never names."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return "not found"
    return match.view_name or request.path
