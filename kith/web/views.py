from __future__ import annotations

import sys

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from kith.accounts.policies import ADMINISTRATORS, PUBLIC, policy
from kith.audit.log import record
from kith.audit.verbs import Verb


@policy(PUBLIC)
def start(request: HttpRequest) -> HttpResponse:
    """The site's root: signed-in people go to their work, everyone else to sign in."""
    return redirect("accounts:home" if request.user.is_authenticated else "accounts:sign_in")


@policy(PUBLIC)
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """The Django admin's sign-in. People sign in through Kith's own page (with its throttling
    and audit); someone signed in who is not an administrator is refused, not sent round."""
    if request.user.is_authenticated:
        raise PermissionDenied(ADMINISTRATORS.description)
    return redirect_to_login(request.GET.get("next") or "/admin/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page. A signed-in person asking for something that is not there (or is a
    restricted record they are not named on: the two look the same) is audited, so guessing
    record numbers leaves a trail."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        record(
            by=request.user,
            verb=Verb.NOT_FOUND,
            detail={"path": request.path[:300], "method": request.method},
        )
    return render(request, "404.html", status=404)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page. Every refusal is audited, so a manager can see who tried what."""
    reason = str(exception) if exception else ""
    if request.user.is_authenticated:
        record(
            by=request.user,
            verb=Verb.ACCESS_REFUSED,
            detail={"path": request.path, "method": request.method, "reason": reason},
        )
    return render(request, "403.html", {"reason": reason}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request or context processors: the failure may be in what they use.
    context = {
        "service_name": settings.KITH_SERVICE_NAME,
        "authority_name": settings.KITH_AUTHORITY_NAME,
    }
    # Django calls this while handling the failure, so the failure is the one being handled. A
    # database that cannot be reached (restarting, a network blip) is not Kith broken: say so,
    # and ask the browser to try again shortly. The next request reconnects by itself.
    if _database_unreachable(sys.exc_info()[1]):
        page = loader.render_to_string("503.html", context)
        return HttpResponse(page, status=503, headers={"Retry-After": "30"})
    return HttpResponse(loader.render_to_string("500.html", context), status=500)


def _database_unreachable(failure: BaseException | None) -> bool:
    """The failure is the database out of reach, not a lock, a deadlock or a slow query (which
    are failures of their own): the connection is gone, or never came."""
    if isinstance(failure, InterfaceError):
        return True
    if not isinstance(failure, OperationalError):
        return False
    try:
        return connection.connection is None or not connection.is_usable()
    except Exception:
        return True


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form came back without its security token: usually a page left open so long that the
    token expired, or a form sent twice. Say so plainly; the browser's Back button still has
    what was typed."""
    return render(request, "csrf_failure.html", status=403)
