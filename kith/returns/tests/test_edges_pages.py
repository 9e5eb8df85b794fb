"""Edges found by an independent review of the returns, each kept fixed by a test."""

from datetime import date

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.returns.tests.test_pages import _child
from kith.test import make_case, page_text, signed_in_client

pytestmark = pytest.mark.django_db


def test_quality_page_does_not_name_a_restricted_child_to_an_officer_not_named_on_it(persona):
    officer = signed_in_client(persona[Role.DATA_OFFICER])
    child = _child(first_name="Secretia", family_name="Hidden", disabilities=[], restricted=True)
    make_case(child, worker=persona[Role.SOCIAL_WORKER], referral_date=date(2025, 5, 1))
    # The record itself does not exist for this officer ...
    assert officer.get(reverse("people:person", args=[child.pk])).status_code == 404
    # ... and the data quality page counts the problem without naming the child.
    page = page_text(officer.get(reverse("returns:quality"), {"year": "2026"}))
    assert "Secretia" not in page
    assert "A restricted record" in page and "1 error" in page
