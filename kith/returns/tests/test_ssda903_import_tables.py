"""Importing a return's adoption and care leavers' tables and earlier orders: Kith's own return
of a small authority, imported into an empty Kith, is exported again the same; a second import
duplicates nothing; a row that cannot be a child's history rejects the child with its reasons;
the summary says what was imported."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from kith.accounts.roles import Role
from kith.leaving_care.models import BirthdayCheck, CareLeaver
from kith.people.models import Person
from kith.permanence.models import AdoptionPlan
from kith.returns.census import CollectionYear
from kith.returns.ssda903 import COLUMNS
from kith.returns.ssda903_files import write_ssda903
from kith.returns.ssda903_import import import_folder
from kith.returns.tests.builders_903 import small_authority
from kith.test import make_user

TABLES = ("ad1", "placed_for_adoption", "oc3", "previous_permanence")


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _sorted(folder: Path, table: str) -> list[tuple[str, ...]]:
    return sorted(tuple(row.values()) for row in _rows(folder, table))


def _rewrite(folder: Path, table: str, change: dict[str, str], row: int = 0) -> None:
    rows = _rows(folder, table)
    rows[row] |= change
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS[table])
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def exported(transactional_db, tmp_path):
    """The small authority's return for 2025 to 2026, Kith then emptied."""
    small_authority(make_user())
    folder = tmp_path / "2026"
    write_ssda903(CollectionYear(2026), folder)
    call_command("flush", "--no-input", verbosity=0)
    return folder


@pytest.mark.django_db(transaction=True)
def test_the_tables_round_trip_and_a_second_import_adds_nothing(exported, tmp_path):
    officer = make_user(Role.DATA_OFFICER)
    outcome = import_folder(exported, by=officer)
    assert outcome.refused == "" and outcome.rejected == [], outcome.rejected
    assert outcome.year == 2026 and outcome.not_imported == ["oc2.csv", "sw_episodes.csv"]
    # Two children only in OC3 (care leavers whose care ended before the year) are imported
    # with their support and check alone.
    assert (outcome.decisions, outcome.adoptions, outcome.leavers, outcome.checks) == (3, 1, 5, 5)
    again = tmp_path / "again"
    write_ssda903(CollectionYear(2026), again)
    for table in TABLES:
        assert _sorted(again, table) == _sorted(exported, table), table
    # The check is dated the birthday, the return not saying when it was made.
    check = BirthdayCheck.objects.get(age=17)
    born = check.leaver.child.date_of_birth
    assert born is not None and check.checked_on == born.replace(year=born.year + 17)
    # Their support goes on, but for those 21 by now (then it ended on the birthday).
    for support in CareLeaver.objects.select_related("child"):
        born = support.child.date_of_birth
        assert born is not None
        until = born.replace(year=born.year + 21)
        assert support.ended_on == (until if until < timezone.localdate() else None)

    counts = (AdoptionPlan.objects.count(), CareLeaver.objects.count())
    second = import_folder(exported, by=officer)
    assert second.matched == second.imported == outcome.imported
    assert (second.decisions, second.leavers, second.checks) == (0, 5, 0)
    assert (AdoptionPlan.objects.count(), CareLeaver.objects.count()) == counts
    assert BirthdayCheck.objects.count() == 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("table", "change", "reason"),
    [
        ("oc3", {"ACTIV": "F3"}, "ACTIV 'F3' is not a 903 code"),
        ("oc3", {"IN_TOUCH": "RHOM", "ACTIV": "F2", "ACCOM": "D1"}, "(rule 344)"),
        ("oc3", {"ACCOM": "S1"}, "ACCOM 'S1' is not a 903 code"),
        ("oc3", {"ACCOM": ""}, "some of IN_TOUCH, ACTIV and ACCOM, not all"),
        ("oc3", {"DOB": "01/01/2012"}, "no birthday from 17 to 21 falls in 2025 to 2026"),
        ("ad1", {"NB_ADOPTR": "1"}, "1 adopter(s), but SEX_ADOPTR is MF"),
        ("ad1", {"DATE_MATCH": "01/01/2020"}, "is before the decision to adopt"),
        ("placed_for_adoption", {"REASON_PLACED_CEASED": "RD9"}, "'RD9' is not a 903 code"),
        ("placed_for_adoption", {"DATE_PLACED_CEASED": ""}, "needs both its date and its reason"),
        ("placed_for_adoption", {"DATE_PLACED": "01/01/2019"}, "is outside care"),
        ("previous_permanence", {"LA_PERM": "XYZ"}, "'XYZ' is not a 903 code (LA_PERM)"),
    ],
)
def test_a_row_that_cannot_be_history_rejects_the_child(exported, table, change, reason):
    row = 0
    if table == "placed_for_adoption":  # the decision that ceased
        row = next(i for i, r in enumerate(_rows(exported, table)) if r["DATE_PLACED_CEASED"])
    if table == "previous_permanence":  # the order from Wales
        row = next(i for i, r in enumerate(_rows(exported, table)) if r["LA_PERM"] == "WAL")
    if table == "oc3" and "DOB" in change:
        header = _rows(exported, table)[row]["CHILD"]
        index = next(i for i, r in enumerate(_rows(exported, "header")) if r["CHILD"] == header)
        _rewrite(exported, "header", change, index)
    _rewrite(exported, table, change, row)
    child = _rows(exported, table)[row]["CHILD"]
    outcome = import_folder(exported, by=make_user(Role.DATA_OFFICER))
    assert outcome.refused.startswith("Nothing was imported")
    [(rejected, reasons)] = outcome.rejected
    assert rejected == child and any(reason in r for r in reasons), reasons
    assert not Person.objects.exists()
    assert not AdoptionPlan.objects.exists() and not CareLeaver.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_adoption_for_a_child_whose_care_did_not_end_in_one_is_refused(exported, tmp_path):
    folder = tmp_path / "moved"
    shutil.copytree(exported, folder)
    episodes = _rows(folder, "episodes")
    adopted = _rows(folder, "ad1")[0]["CHILD"]
    last = max(
        (i for i, r in enumerate(episodes) if r["CHILD"] == adopted),
        key=lambda i: episodes[i]["DECOM"][-4:] + episodes[i]["DECOM"][3:5],
    )
    _rewrite(folder, "episodes", {"REC": "E13"}, last)
    outcome = import_folder(folder, by=make_user(Role.DATA_OFFICER), skip_rejected=True)
    assert dict(outcome.rejected)[adopted] == [
        "An adoption (AD1), but the return does not end the child's care in one"
    ]
    assert outcome.imported > 0 and outcome.adoptions == 0


@pytest.mark.django_db(transaction=True)
def test_the_command_reports_the_tables_imported(exported):
    make_user(Role.DATA_OFFICER)
    out = io.StringIO()
    call_command("import_ssda903", str(exported), "--year", "2026", stdout=out)
    printed = out.getvalue()
    assert "collection year 2025 to 2026" in printed
    said = "3 new decisions to place for adoption, 1 adoption, 5 care leavers with 5 new birthday"
    assert said in printed
