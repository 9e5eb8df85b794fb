"""Only Kith's own proxies may say the browser used https, or whom they forward for."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import reverse

from kith.audit.log import client_address
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.web.proxy import TrustedProxyMiddleware

ROOT = Path(__file__).resolve().parents[3]
PROXY = "10.0.0.2"
BROWSER = "203.0.113.5"
SIGN_IN = reverse("accounts:sign_in")


@pytest.fixture
def proxies(settings):
    settings.KITH_TRUSTED_PROXIES = ["10.0.0.0/8"]


def seen_by_the_view(request):
    """What the views behind the middleware see of a request."""
    seen = {}

    def view(request):
        seen["secure"] = request.is_secure()
        seen["forwarded_for"] = request.META.get("HTTP_X_FORWARDED_FOR")
        return HttpResponse()

    TrustedProxyMiddleware(view)(request)
    return seen


class MiddlewareTests:
    def test_it_comes_first_so_nothing_reads_the_headers_before_it(self, settings):
        assert settings.MIDDLEWARE[0] == "kith.web.proxy.TrustedProxyMiddleware"
        assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")

    def test_a_browser_claiming_https_is_not_believed(self, rf, proxies):
        request = rf.get(
            "/", REMOTE_ADDR=BROWSER, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="1.2.3.4"
        )
        assert seen_by_the_view(request) == {"secure": False, "forwarded_for": None}

    def test_our_proxy_saying_https_is_believed(self, rf, proxies):
        request = rf.get(
            "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR=BROWSER
        )
        assert seen_by_the_view(request) == {"secure": True, "forwarded_for": BROWSER}

    def test_with_no_proxies_configured_nobody_is_believed(self, rf, settings):
        settings.KITH_TRUSTED_PROXIES = []
        request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
        assert seen_by_the_view(request)["secure"] is False


class ThroughThePagesTests:
    """With Kith redirecting http to https itself, a claim of https decides the redirect."""

    @pytest.fixture
    def redirecting(self, settings, proxies):
        settings.SECURE_SSL_REDIRECT = True

    def test_a_browser_claiming_https_is_still_sent_to_https(self, db, client, redirecting):
        page = client.get(SIGN_IN, REMOTE_ADDR=BROWSER, HTTP_X_FORWARDED_PROTO="https")
        assert page.status_code == 301
        assert page["Location"] == f"https://testserver{SIGN_IN}"

    def test_our_proxy_saying_https_gets_the_page(self, db, client, redirecting):
        page = client.get(
            SIGN_IN, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR=BROWSER
        )
        assert page.status_code == 200

    def test_a_browser_cannot_write_its_own_address_into_the_audit_log(self, db, client, proxies):
        client.post(
            SIGN_IN,
            {"username": "sam", "password": "wrong"},
            REMOTE_ADDR=BROWSER,
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
        assert AuditEvent.objects.get(verb=Verb.SIGN_IN_FAILED).ip_address == BROWSER

    def test_behind_our_proxy_the_audit_log_has_the_browser_s_address(self, db, client, proxies):
        client.post(
            SIGN_IN,
            {"username": "sam", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.51.100.1, {BROWSER}",
        )
        assert AuditEvent.objects.get(verb=Verb.SIGN_IN_FAILED).ip_address == BROWSER


class ClientAddressTests:
    """kith.audit.log.client_address reads the proxy's word itself too, so it is right even
    for a request that did not pass through the middleware."""

    def test_it_is_remote_addr_without_trusted_proxies(self, rf, settings):
        settings.KITH_TRUSTED_PROXIES = []
        request = rf.get("/", REMOTE_ADDR=BROWSER, HTTP_X_FORWARDED_FOR="198.51.100.1")
        assert client_address(request) == BROWSER

    def test_a_spoofed_forwarded_for_from_an_untrusted_client_is_ignored(self, rf, proxies):
        request = rf.get("/", REMOTE_ADDR=BROWSER, HTTP_X_FORWARDED_FOR="10.0.0.9, 198.51.100.1")
        assert client_address(request) == BROWSER

    def test_through_a_chain_of_proxies_it_is_the_browser(self, rf, proxies):
        request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{BROWSER}, 10.1.1.1")
        assert client_address(request) == BROWSER

    @pytest.mark.parametrize("garbage", ["", "unknown", "999.1.1.1", "<script>alert(1)</script>"])
    def test_garbage_from_our_proxy_gives_the_proxy_s_address(self, rf, proxies, garbage):
        request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=garbage)
        assert client_address(request) == PROXY

    def test_no_request_no_address(self):
        assert client_address(None) is None


def settings_with(**env):
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("KITH_") and k != "DATABASE_URL"
    }
    environ.update({"DJANGO_SETTINGS_MODULE": "kith.settings", "KITH_SECRET_KEY": "x" * 50, **env})
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "print(settings.KITH_TRUSTED_PROXIES)",
        ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


class SettingTests:
    def test_trusted_proxies_come_from_a_comma_separated_list(self):
        done = settings_with(KITH_TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.1")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "['10.0.0.0/8', '192.0.2.1/32']"

    def test_nobody_is_trusted_by_default(self):
        assert settings_with().stdout.strip() == "[]"

    def test_a_typo_stops_kith_naming_the_variable(self):
        done = settings_with(KITH_TRUSTED_PROXIES="10.0.0.0/8, 10.0.0.300")
        assert done.returncode != 0
        assert "KITH_TRUSTED_PROXIES must be IP addresses or networks" in done.stderr
