"""Edges found by an independent review of the returns, each kept fixed by a test."""

from datetime import date

import pytest

from kith.accounts.roles import Role
from kith.people.merging import merge_people
from kith.people.models import Identifier
from kith.returns import feed
from kith.returns.cin_import import import_file
from kith.returns.tests.test_edges_import import census, child, episode
from kith.returns.tests.test_feed import _child, everything
from kith.test import make_case

pytestmark = pytest.mark.django_db


def test_a_merge_bringing_a_census_id_keeps_the_survivor_and_withdraws_its_old_id(persona):
    worker = persona[Role.SOCIAL_WORKER]
    kept, duplicate = _child(first_name="Ann"), _child(first_name="Anne")
    make_case(
        kept,
        worker=worker,
        referral_date=date(2024, 5, 1),
        closed_on=date(2024, 6, 1),
        closure_reason="RC7",
    )
    make_case(duplicate, worker=worker, referral_date=date(2025, 5, 1))
    Identifier.objects.create(person=duplicate, kind="census_child_id", value="OLD1")
    everything()
    merge_people(kept, duplicate, by=worker, why="Same child")
    sent = everything()
    ids = [(c["la_child_id"], c.get("purge", False)) for c in sent]
    # The survivor is sent as OLD1 (never purged under it), and its old ID is withdrawn.
    assert ("OLD1", True) not in ids or ("OLD1", False) not in ids, ids
    assert (f"P{kept.pk:07d}", True) in ids, ids


def test_an_imported_short_upn_is_left_out_of_the_feed(persona):
    import_file(
        census(2024, child("X1", episode("2023-05-01"), upn="A12345678901")),
        by=persona[Role.DATA_OFFICER],
    )
    make_case(_child(), worker=persona[Role.SOCIAL_WORKER], referral_date=date(2025, 5, 1))
    [batch] = list(feed.build())
    # Kept "as the census says" on import (the data quality page shows it), but the feed
    # schema needs 13 characters: the UPN is left out, and the rest of the child is sent.
    assert feed.problems(batch.children) == []
