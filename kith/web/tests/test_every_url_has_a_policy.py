"""Every page Kith serves declares who may use it, so a new page can never be public by
accident. The full role-by-page matrix comes with the access rules; this is the frame."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, include, path, reverse

from kith.accounts.policies import PUBLIC, declared_policy
from kith.test import make_user, signed_in_client


def all_patterns(resolver=None, prefix="", namespace=""):
    """(route, view name, view) for every URL pattern the project registers."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from all_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry.callback


OURS = [
    (route, name, view)
    for route, name, view in all_patterns()
    if not route.startswith("admin/") or name == "admin_sign_in"
]


def test_the_walk_finds_the_pages():
    names = {name for _, name, _ in OURS}
    assert {"accounts:sign_in", "accounts:home", "people:find", "web:start"} <= names


@pytest.mark.parametrize(("route", "name", "view"), OURS, ids=[r for r, _, _ in OURS])
def test_every_page_declares_a_policy(route, name, view):
    assert declared_policy(view) is not None, f"{route} ({name}) has no @policy(...)"


def test_the_admin_is_the_only_exception_and_checks_for_itself():
    admin_routes = [r for r, n, _ in all_patterns() if r.startswith("admin/")]
    assert admin_routes
    assert all(r.startswith("admin/") for r, n, v in all_patterns() if declared_policy(v) is None)


SIGNED_IN_PAGES = [
    (route, name)
    for route, name, view in OURS
    if declared_policy(view) is not PUBLIC and "<" not in route
]


@pytest.mark.parametrize(("route", "name"), SIGNED_IN_PAGES, ids=[r for r, _ in SIGNED_IN_PAGES])
def test_every_non_public_page_sends_someone_not_signed_in_to_sign_in(db, client, route, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in") + "?next=")


def undeclared(request):
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", undeclared), path("", include("kith.urls"))]


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_a_policy_is_refused_even_to_someone_signed_in(db):
    client = signed_in_client(make_user())
    response = client.get("/undeclared/")
    assert response.status_code == 403
    assert b"secret" not in response.content
