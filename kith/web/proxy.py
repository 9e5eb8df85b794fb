from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from kith.lib.proxies import is_trusted_proxy

# Headers only a proxy of ours may set: whom it forwards for, and whether the browser used https.
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


class TrustedProxyMiddleware:
    """Drop X-Forwarded-For and X-Forwarded-Proto from any request that did not come straight
    from one of KITH_TRUSTED_PROXIES. Otherwise anyone could claim https (and be handed secure
    cookies and redirects as if they had it) or write a false address into the audit log. First
    in the list, so nothing reads the headers before they are checked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR"), settings.KITH_TRUSTED_PROXIES):
            for header in PROXY_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
