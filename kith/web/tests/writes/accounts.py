"""Sign-in, the user's own pages and the audit log's: none of them changes a record."""

from __future__ import annotations

from django.urls import reverse

from kith.web.tests.writes.writers import NOBODY, Write, url

WRITES: dict[str, list[Write]] = {
    "web:start": [Write(url("web:start"), lambda w: {}, NOBODY)],
    "web:healthz": [Write(url("web:healthz"), lambda w: {}, NOBODY)],
    "accounts:sign_in": [Write(url("accounts:sign_in"), lambda w: {}, NOBODY)],
    "accounts:sign_in_code": [Write(url("accounts:sign_in_code"), lambda w: {}, NOBODY)],
    "accounts:sign_out": [Write(url("accounts:sign_out"), lambda w: {}, NOBODY)],
    "accounts:two_step_set_up": [
        Write(url("accounts:two_step_set_up"), lambda w: {"code": "123456"}, NOBODY)
    ],
    "accounts:home": [Write(url("accounts:home"), lambda w: {}, NOBODY)],
    "accounts:team": [Write(url("accounts:team"), lambda w: {}, NOBODY)],
    "accounts:sessions": [Write(url("accounts:sessions"), lambda w: {}, NOBODY)],
    "admin_sign_in": [Write(url("admin_sign_in"), lambda w: {}, NOBODY)],
    "audit:person": [Write(url("audit:person", "mother"), lambda w: {}, NOBODY)],
    "audit:user": [
        Write(
            lambda w: reverse("audit:user", args=[w.users["social worker"].pk]),
            lambda w: {},
            NOBODY,
        )
    ],
}
