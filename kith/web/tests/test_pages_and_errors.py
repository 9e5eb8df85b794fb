import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from django.urls import reverse

from kith.accounts.roles import Role
from kith.test import signed_in_client
from kith.web.views import server_error


def test_the_root_sends_someone_not_signed_in_to_sign_in(db, client):
    assert client.get("/")["Location"] == reverse("accounts:sign_in")


def test_the_root_sends_someone_signed_in_to_their_work(persona):
    assert signed_in_client(persona[Role.SOCIAL_WORKER]).get("/")["Location"] == reverse(
        "accounts:home"
    )


class NotFoundTests:
    def test_a_missing_page_says_what_to_do_next(self, persona):
        page = signed_in_client(persona[Role.SOCIAL_WORKER]).get("/no-such-page/")
        assert page.status_code == 404
        html = page.content.decode()
        assert "Page not found" in html
        assert "check it is correct" in html
        assert 'href="/people/"' in html  # find a person, for staff

    def test_it_works_for_someone_not_signed_in_too(self, db, client):
        page = client.get("/no-such-page/")
        assert page.status_code == 404
        assert b"Page not found" in page.content


def test_the_server_error_page_apologises_and_says_what_to_do(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "what you typed should still be in the form" in html
    assert "Kith" in html


@pytest.mark.parametrize("url", ["/sign-in/", "/home/"])
def test_every_page_carries_the_security_headers(persona, url):
    response = signed_in_client(persona[Role.SOCIAL_WORKER]).get(url, follow=True)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_scripts_or_styles(persona):
    """The content security policy forbids them; a page that used one would break."""
    html = signed_in_client(persona[Role.TEAM_MANAGER]).get("/team/").content.decode()
    assert "<script>" not in html
    assert "<style" not in html
    assert " style=" not in html
    assert " onclick=" not in html


class DatabaseOutOfReachTests:
    """The page for a database out of reach (503, try again), and only for that: a lock or a
    deadlock is a failure of its own (500). The outage itself: test_database_outage.py."""

    def failing_with(self, failure):  # type: ignore[no-untyped-def]
        try:
            raise failure
        except Exception:
            return server_error(RequestFactory().get("/"))

    def test_a_lost_connection_says_try_again_in_a_minute(self, db, monkeypatch):
        with monkeypatch.context() as patched:  # undone before the test database is
            patched.setattr("kith.web.views.connection.is_usable", lambda: False)
            response = self.failing_with(OperationalError("server closed the connection"))
        assert (response.status_code, response["Retry-After"]) == (503, "30")
        assert "cannot reach its records just now" in response.content.decode()
        assert self.failing_with(InterfaceError("connection already closed")).status_code == 503

    def test_a_lock_on_a_working_database_is_a_server_error(self, db):
        response = self.failing_with(OperationalError("database is locked"))
        assert response.status_code == 500
        assert "Sorry, there is a problem with the service" in response.content.decode()
