"""The strategy discussion page refuses a date before the children it decides about."""

from __future__ import annotations

from datetime import date

from kith.accounts.roles import Role
from kith.protection.models import StrategyDiscussion
from kith.protection.tests.builders import strategy
from kith.test import page_text, signed_in_client


def test_a_discussion_dated_1900_is_refused_naming_each_child(family, persona):
    ellie_case, sam_case = family
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    page = page_text(strategy(worker, ellie_case, sam_case, date(1900, 1, 1)))
    assert "The discussion must be on or after Ellie's date of birth, 14 March 2015" in page
    assert "The discussion must be on or after Sam's date of birth, 1 June 2018" in page
    assert not StrategyDiscussion.objects.exists()
