"""Kith's own 903 return round-trips: the demo authority's return, imported into an empty Kith,
is exported again the same, for every table the import keeps (OC2, social worker episodes and
whether a girl is a mother are not imported: they are a year's summary and Kith's own records),
adoptions and care leavers too."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from kith.accounts.roles import Role
from kith.care.models import CarePeriod
from kith.people.models import Person
from kith.returns.census import CollectionYear
from kith.returns.ssda903_files import write_ssda903
from kith.returns.ssda903_import import import_folder
from kith.test import make_user

# What the import keeps, table by table (the header's MOTHER and MC_DOB are derived from the
# child's own children, whom a return does not name).
KEPT = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN"],
    "episodes": None,
    "reviews": None,
    "uasc": None,
    "missing": None,
    "previous_permanence": None,
    "ad1": None,
    "placed_for_adoption": None,
    "oc3": None,
}


def _table(folder: Path, name: str) -> list[tuple[str, ...]]:
    with (folder / f"{name}.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    columns = KEPT[name] or (list(rows[0]) if rows else [])
    return sorted(tuple(row[c] for c in columns) for row in rows)


@pytest.mark.django_db(transaction=True)
def test_kith_s_own_return_imports_into_an_empty_kith_and_exports_the_same(tmp_path):
    call_command(
        "seed_demo", "--children", "1500", "--seed", "3", "--today", "2026-11-21",
        stdout=io.StringIO(),
    )  # fmt: skip
    first = tmp_path / "first"
    counts = write_ssda903(CollectionYear(2026), first)
    looked_after = CarePeriod.objects.count()
    call_command("flush", "--no-input", verbosity=0)
    assert not Person.objects.exists()

    outcome = import_folder(first, by=make_user(Role.DATA_OFFICER))
    assert outcome.refused == "" and outcome.rejected == []
    assert outcome.imported == counts["header"] and outcome.matched == 0
    assert 0 < CarePeriod.objects.count() <= looked_after
    again = tmp_path / "again"
    write_ssda903(CollectionYear(2026), again)
    for name in KEPT:
        assert _table(again, name) == _table(first, name), name
