from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone

from kith.accounts.models import SignedInSession
from kith.accounts.two_step import required_for

LAST_SEEN = "kith_last_seen"
# Write the time of the last request to the session at most this often, not on every request.
RESOLUTION_SECONDS = 30


def is_poll(request: HttpRequest) -> bool:
    """A request a page makes by itself to bring part of it up to date (the census progress
    asks every second, with ?poll=1): nobody is using Kith because of it."""
    return request.GET.get("poll") == "1"


class IdleTimeoutMiddleware:
    """Sign someone out when they have not used Kith for KITH_IDLE_TIMEOUT_MINUTES, and tell
    them why on the sign-in page. A laptop left open on a desk must not stay signed in, even
    with a page on it that keeps polling: a poll is checked like any request but does not
    count as using Kith."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN)
            limit = settings.KITH_IDLE_TIMEOUT_MINUTES * 60
            if last_seen is not None and now - last_seen > limit:
                request.kith_idle_sign_out = True  # type: ignore[attr-defined]
                logout(request)
                messages.info(
                    request,
                    f"You were signed out because you had not used Kith for "
                    f"{settings.KITH_IDLE_TIMEOUT_MINUTES} minutes. Sign in again to carry on.",
                )
                if request.headers.get("X-Kith-Autosave"):
                    # A form keeping its draft: it tells the person, and keeps their words in
                    # the browser until they sign in again (frontend/drafts.js).
                    return JsonResponse({"state": "signed_out"}, status=401)
                # Back to the page they were on: a form sent is shown again after signing in,
                # with the words its page kept (frontend/drafts.js).
                response = redirect_to_login(
                    request.get_full_path() if request.method == "GET" else request.path
                )
                if getattr(request, "htmx", False):
                    response["HX-Redirect"] = response["Location"]
                return response
            if last_seen is None or (now - last_seen > RESOLUTION_SECONDS and not is_poll(request)):
                request.session[LAST_SEEN] = now
                SignedInSession.objects.filter(session_key=request.session.session_key).update(
                    last_seen_at=timezone.now()
                )
        return self.get_response(request)


class TwoStepRequiredMiddleware:
    """Administrators must sign in with a code as well as a password: until they have, every
    page but setting it up (and signing out) sends them to set it up."""

    ALLOWED = ("accounts:two_step_set_up", "accounts:sign_out", "accounts:sign_in_code")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not required_for(user) or user.is_verified():  # type: ignore[union-attr]
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.ALLOWED:
            return None
        return redirect("accounts:two_step_set_up")
