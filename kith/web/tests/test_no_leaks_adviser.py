"""Hunting for leaks, as a personal adviser: they see the young people they advise and no one
else, on every page but those every member of staff sees (test_no_leaks.py builds the world and
lists the pages)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kith.test import signed_in_client
from kith.web.tests.test_no_leaks import PAGES, _text
from kith.web.tests.world import World, build, with_return_run


@pytest.fixture
def world(db) -> World:
    return with_return_run(build())


# Pages that show any member of staff people whose records they may not open: search (to ask
# for a reason, or not to add someone twice) and the front door's contacts.
FOR_ALL_STAFF = {"people:find", "cases:contacts"}


def test_a_personal_adviser_sees_only_the_young_people_they_advise(world):
    """The persona advises Wren (and, not named on her restriction, the restricted girl) and sits
    in the allocated worker's team: no page but those for all staff names anyone else, not the
    team's cases, not Noor whom another adviser advises, not Tamsin, not the family."""
    client = signed_in_client(world.users["personal adviser"])
    o = world.ordinary
    others = [
        *(o[k] for k in ("mother", "son", "father", "stranger")),
        *(o[k].child for k in ("other_leaver_case", "new_leaver_case", "toddler_case")),
    ]
    words = [w for p in others for w in (p.full_name.lower(), p.person_number.lower())]
    words += world.traces()
    seen: list[str] = []
    for name, urls in PAGES.items():
        if name in FOR_ALL_STAFF:
            continue
        for args, query in urls(world):
            url = reverse(name, args=args) + query
            text = _text(client.get(url))
            seen += [f"{url}: {w!r}" for w in words if w in text]
    assert not seen, "Shown to the personal adviser:\n" + "\n".join(seen)
    # And their own young person is on their caseload and opens.
    wren = o["young_person"].full_name.lower()
    assert wren in _text(client.get(reverse("leaving_care:caseload")))
    assert wren in _text(client.get(reverse("leaving_care:leaver", args=[o["leaver"].pk])))
