"""Pages and files about children are never kept in a browser's or a proxy's cache: every
response to someone signed in, and every download, says `Cache-Control: no-store`."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.test import PASSWORD, make_case, make_person, signed_in_client
from kith.web.middleware import NoStoreMiddleware

NO_STORE = "kith.web.middleware.NoStoreMiddleware"
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
AUTHENTICATION = "django.contrib.auth.middleware.AuthenticationMiddleware"


def test_it_is_listed_below_whitenoise_and_after_sign_in(settings):
    """Just after AuthenticationMiddleware (it asks who is signed in), so below WhiteNoise
    (static files never reach it)."""
    middleware = list(settings.MIDDLEWARE)
    assert middleware.index(WHITENOISE) < middleware.index(AUTHENTICATION)
    assert middleware.index(AUTHENTICATION) + 1 == middleware.index(NO_STORE)


def directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def not_stored(response) -> bool:
    return "no-store" in directives(response) and response["Pragma"] == "no-cache"


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


class SignedInTests:
    def test_a_page_is_not_stored(self, worker):
        response = signed_in_client(worker).get(reverse("accounts:home"))
        assert response.status_code == 200
        assert not_stored(response)

    def test_a_page_not_found_is_not_stored_either(self, worker):
        response = signed_in_client(worker).get("/no-such-page/")
        assert response.status_code == 404 and not_stored(response)

    def test_a_pdf_is_not_stored(self, worker):
        child = make_person()
        make_case(child, worker=worker)
        response = signed_in_client(worker).get(
            reverse("children:chronology", args=[child.pk]), {"format": "pdf"}
        )
        assert response["Content-Type"] == "application/pdf"
        assert not_stored(response)

    def test_a_csv_download_is_not_stored(self, persona, worker):
        child = make_person()
        record(by=worker, verb=Verb.PERSON_VIEWED, person=child)
        response = signed_in_client(persona[Role.TEAM_MANAGER]).get(
            reverse("audit:person", args=[child.pk]), {"format": "csv"}
        )
        assert response["Content-Disposition"].startswith("attachment")
        assert not_stored(response)

    def test_a_view_s_own_stricter_header_is_kept(self, worker):
        response = signed_in_client(worker).get(reverse("accounts:sign_out"))  # never_cache
        assert directives(response) == {
            "max-age=0",
            "no-cache",
            "no-store",
            "must-revalidate",
            "private",
        }
        assert not_stored(response)

    def test_a_static_file_keeps_its_cache(self, worker):
        response = signed_in_client(worker).get("/static/kith-mark.svg")
        assert response.status_code == 200
        assert "no-store" not in directives(response) and "Pragma" not in response


class NotSignedInTests:
    def test_the_sign_in_page_keeps_its_own_header_untouched(self, db, client):
        response = client.get(reverse("accounts:sign_in"))
        assert response.status_code == 200
        assert directives(response) == {
            "max-age=0",
            "no-cache",
            "no-store",
            "must-revalidate",
            "private",
        }
        assert "Pragma" not in response  # the middleware left it alone

    def test_signing_in_answers_with_no_store(self, worker, client):
        response = client.post(
            reverse("accounts:sign_in"), {"username": worker.username, "password": PASSWORD}
        )
        assert response.status_code == 302 and not_stored(response)

    def test_a_page_for_nobody_in_particular_is_left_alone(self, db, client):
        response = client.get("/no-such-page/")
        assert response.status_code == 404 and "Cache-Control" not in response

    def test_a_download_is_not_stored_even_for_someone_not_signed_in(self):
        def download(request):
            return FileResponse(io.BytesIO(b"a,b\n"), as_attachment=True, filename="list.csv")

        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        assert not_stored(NoStoreMiddleware(download)(request))
        plain = NoStoreMiddleware(lambda r: HttpResponse("hello"))(request)
        assert "Cache-Control" not in plain
