from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class ContentSecurityPolicyMiddleware:
    """Send Kith's content security policy with every response (debug or not), so the browser
    tests prove that the pages work under it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.KITH_CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class NoStoreMiddleware:
    """Keep children's records out of the browser's cache and any proxy's: every response to
    someone signed in, and every file downloaded, says `Cache-Control: no-store`, so nothing is
    left on a shared computer's disk and the back button after signing out shows nothing. A
    view's own Cache-Control keeps its directives and gains no-store. Listed below WhiteNoise,
    so static files (the same for everyone) never reach it and keep their long cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or response.has_header("Content-Disposition"):
            patch_cache_control(response, no_store=True)
            response.setdefault("Pragma", "no-cache")
        return response
