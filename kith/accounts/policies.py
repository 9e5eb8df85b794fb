"""Who may use each page, declared on the view itself.

Every view names one policy with @policy(...). DeclaredPolicyMiddleware refuses any view that
has not declared one, and kith/web/tests/test_every_url_has_a_policy.py fails the suite for the
same reason, so a new page can never be public by accident. Policies here are about the *kind*
of page (sign-in, team pages, admin); what a user may see of a particular child is decided by
each app's access.py when the record is fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from kith.accounts.roles import MANAGING_ROLES, ONLY_THEIR_OWN, READ_ONLY_ROLES, STAFF_ROLES, Role

if TYPE_CHECKING:
    from kith.accounts.models import User

View = Callable[..., HttpResponse]


class SignedInRequest(HttpRequest):
    """A request to a page whose policy needs sign-in: its user is a Kith user, never
    anonymous, so views can pass it on where a User is wanted (`by=request.user`)."""

    user: User


@dataclass(frozen=True)
class Policy:
    name: str
    description: str
    allows: Callable[[Any], bool]
    needs_sign_in: bool = True

    def permits(self, user: Any) -> bool:
        if not self.needs_sign_in:
            return True
        return bool(user.is_authenticated and user.is_active and self.allows(user))


PUBLIC = Policy("public", "Anyone, signed in or not (sign-in pages only)", lambda u: True, False)
SIGNED_IN = Policy("signed_in", "Anyone signed in, partner agencies included", lambda u: True)
STAFF = Policy("staff", "Authority staff (not partner agencies)", lambda u: u.role in STAFF_ROLES)
MANAGERS = Policy(
    "managers", "Team managers and heads of service", lambda u: u.role in MANAGING_ROLES
)
RECORDERS = Policy(
    "recorders",
    "Staff who record (not data officers, the virtual school or partner agencies)",
    lambda u: u.role in STAFF_ROLES - READ_ONLY_ROLES,
)
CASEWORK_STAFF = Policy(
    "casework_staff",
    "Authority staff (not partner agencies, nor personal advisers: they see their young people)",
    lambda u: u.role in STAFF_ROLES - ONLY_THEIR_OWN,
)
CASEWORK_RECORDERS = Policy(
    "casework_recorders",
    "Staff who record (not data officers, the virtual school, partner agencies or personal "
    "advisers)",
    lambda u: u.role in STAFF_ROLES - READ_ONLY_ROLES - ONLY_THEIR_OWN,
)
PERSONAL_ADVISERS = Policy(
    "personal_advisers", "Personal advisers", lambda u: u.role == Role.PERSONAL_ADVISER
)
DATA_OFFICERS = Policy("data_officers", "Data officers", lambda u: u.role == Role.DATA_OFFICER)
AUDITORS = Policy(
    "auditors",
    "Team managers, heads of service, data officers and administrators",
    lambda u: u.role in MANAGING_ROLES | {Role.DATA_OFFICER, Role.ADMINISTRATOR},
)
RESTRICTORS = Policy(
    "restrictors",
    "Heads of service and administrators",
    lambda u: u.role in {Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR},
)
ADMINISTRATORS = Policy("administrators", "Administrators", lambda u: u.role == Role.ADMINISTRATOR)

ALL_POLICIES = (
    PUBLIC,
    SIGNED_IN,
    STAFF,
    CASEWORK_STAFF,
    RECORDERS,
    CASEWORK_RECORDERS,
    MANAGERS,
    PERSONAL_ADVISERS,
    DATA_OFFICERS,
    AUDITORS,
    RESTRICTORS,
    ADMINISTRATORS,
)


def policy(declared: Policy) -> Callable[[View], View]:
    """Declare who may use a view. Not signed in: off to the sign-in page. Signed in but not
    allowed: the 403 page, which says who to ask."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if declared.needs_sign_in and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not declared.permits(request.user):
                raise PermissionDenied(declared.description)
            return view(request, *args, **kwargs)

        guarded.access_policy = declared  # type: ignore[attr-defined]
        return guarded

    return decorate


def declared_policy(view: Any) -> Policy | None:
    return getattr(view, "access_policy", None)


class DeclaredPolicyMiddleware:
    """Refuse any view that has not declared a policy (deny by default). The Django admin is the
    one exception: it checks for itself that the user is an administrator."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.namespace == "admin":
            return None
        if declared_policy(view) is None:
            raise PermissionDenied("This page has not declared who may use it.")
        return None
