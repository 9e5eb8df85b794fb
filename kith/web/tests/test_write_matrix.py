"""The write matrix: every page that accepts a POST, sent a good form by every persona, with and
without a reason given to open the family's records. Only those with the right to record on
what the page changes succeed; for everyone else the records are exactly as they were.

The expected writers are written out in writes/ from the practice rules (docs/decisions/0008),
not read from the code: the allocated worker's team and managers record on the boy's case; the
front door and the conference chair also work with his family; a reason given to open a record
(break-glass) lets you read it, never change it.
"""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps
from django.db import transaction

from kith.test import signed_in_client
from kith.web.tests.test_every_url_has_a_policy import OURS
from kith.web.tests.world import PERSONAS, World, build, give_reasons, with_return_run
from kith.web.tests.writes import (
    accounts,
    care,
    casework,
    children,
    leaving_care,
    people,
    permanence,
    protection,
    service,
)
from kith.web.tests.writes.writers import Write

# Every page, from the module for its part of Kith (a page two parts use, such as a new record
# of a kind leaving care adds, has the writes of both).
WRITES: dict[str, list[Write]] = {}
for part in (
    accounts,
    people,
    casework,
    protection,
    care,
    permanence,
    leaving_care,
    children,
    service,
):
    for name, writes in part.WRITES.items():
        WRITES.setdefault(name, []).extend(writes)

# What a record is made of: every table of the apps that hold children's records. Sign-ins,
# sessions and the audit log change with every request and are not records.
RECORD_APPS = (
    "people",
    "cases",
    "recording",
    "protection",
    "care",
    "permanence",
    "leaving_care",
    "children",
    "timescales",
    "returns",
)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for label in RECORD_APPS:
        for model in sorted(apps.get_app_config(label).get_models(), key=lambda m: m.__name__):
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(f"{model.__name__}{list(rows)}".encode())
    return digest.hexdigest()


def test_every_page_is_in_the_write_matrix():
    names = {name for _, name, _ in OURS}
    assert names == set(WRITES), f"Add to WRITES: {sorted(names - set(WRITES))}"


@pytest.fixture
def world(db, settings) -> World:
    return with_return_run(build())


WRITE_CASES = [(name, i) for name, writes in WRITES.items() for i in range(len(writes))]


@pytest.mark.parametrize(("name", "i"), WRITE_CASES, ids=[f"{n}#{i}" for n, i in WRITE_CASES])
def test_only_those_with_the_right_to_record_change_anything(world, name, i):
    write = WRITES[name][i]
    wrong: list[str] = []
    for who in PERSONAS:
        for reason in (False, True):
            allowed = write.with_reason if reason and write.with_reason else write.writers
            user = world.users[who]
            saved = transaction.savepoint()
            try:
                if reason:
                    give_reasons(world, user)
                before = fingerprint()
                url = write.url(world).format(son=world.ordinary["son"].pk)
                response = signed_in_client(user).post(url, write.form(world))
                changed = fingerprint() != before
            finally:
                transaction.savepoint_rollback(saved)
            if changed != (who in allowed):
                status = response.status_code
                where = response.get("Location", "")
                wrong.append(
                    f"{who}{' with a reason' if reason else ''}: "
                    f"{'changed' if changed else 'changed nothing'} ({status} {where})"
                )
    assert not wrong, f"POST {name}:\n" + "\n".join(wrong)
