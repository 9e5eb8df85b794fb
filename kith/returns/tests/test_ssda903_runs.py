"""The SSDA903 return made from the returns page as a job, beside the CIN census: a ZIP of the
DfE's CSV files, shown on the run's page and downloaded (audited), made again as the same return
when it failed, and checked with the community validator (with last year's return beside it)
when asked."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.returns import validator_903
from kith.returns.models import ReturnKind, ReturnRun, RunStatus
from kith.returns.ssda903 import COLUMNS
from kith.returns.ssda903_files import file_name
from kith.returns.tests.test_ssda903 import in_care
from kith.test import page_text, signed_in_client

pytestmark = pytest.mark.django_db

MAKE = {"return": "ssda903", "ssda903-year": "2026"}


@pytest.fixture
def officer(persona):
    return signed_in_client(persona[Role.DATA_OFFICER])


def test_a_data_officer_makes_and_downloads_the_ssda903_return(
    officer, persona, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    in_care(persona[Role.SOCIAL_WORKER], date(2025, 10, 1))
    page = page_text(officer.get(reverse("returns:returns")))
    assert "Make the SSDA903 return (children looked after)" in page
    assert "Make the census file" in page  # beside the census
    response = officer.post(reverse("returns:returns"), MAKE)
    run = ReturnRun.objects.get()
    assert response["Location"] == reverse("returns:run", args=[run.pk])
    assert (run.kind, run.status, run.children, run.year) == ("ssda903", RunStatus.DONE, 1, 2026)
    assert str(run).startswith("SSDA903 return (children looked after) 2025 to 2026")
    page = page_text(officer.get(response["Location"]))
    assert "SSDA903 return (children looked after)" in page and "The file is ready" in page
    assert "Download ssda903-2026-E10000032.zip" in page
    listed = page_text(officer.get(reverse("returns:returns")))
    assert "SSDA903 return (children looked after)</td><td" in listed

    download = officer.get(reverse("returns:download", args=[run.pk]))
    assert download["Content-Type"] == "application/zip"
    assert 'filename="ssda903-2026-E10000032.zip"' in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as made:
        assert sorted(made.namelist()) == sorted(file_name(t) for t in COLUMNS)
        header = made.read("header.csv").decode().splitlines()
    assert header[0] == ",".join(COLUMNS["header"]) and len(header) == 2
    # Only the ZIP is left: no partial file, and no folder the CSV files were written into.
    assert [p.name for p in (tmp_path / "returns").iterdir()] == [f"{run.pk}-{run.filename}"]
    made_event = AuditEvent.objects.get(verb=Verb.RETURN_MADE)
    assert made_event.detail == {"return": "ssda903", "year": 2026, "run": run.pk}
    assert AuditEvent.objects.filter(
        verb=Verb.RETURN_DOWNLOADED, detail__return="ssda903", detail__run=run.pk
    ).exists()


def test_a_year_not_chosen_says_so_and_starts_nothing(officer):
    page = page_text(officer.post(reverse("returns:returns"), {"return": "ssda903"}))
    assert "There is a problem" in page and 'href="#id_ssda903-year"' in page
    assert not ReturnRun.objects.exists()


def test_while_it_is_made_and_when_it_failed_the_page_says_so(officer, persona):
    run = ReturnRun.objects.create(
        kind=ReturnKind.SSDA903, year=2026, started_by=persona[Role.DATA_OFFICER], done=20000
    )
    url = reverse("returns:run", args=[run.pk])
    assert "Making the files: 20000 rows written so far." in page_text(officer.get(url))
    ReturnRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, problem="It broke.")
    page = page_text(officer.get(url))
    assert "The file was not made" in page and "It broke." in page
    assert 'name="ssda903-year" value="2026"' in page  # made again as the same return
    assert officer.get(reverse("returns:download", args=[run.pk])).status_code == 404


def test_the_run_page_lists_the_903_validator_s_rules_errors_first(officer, persona):
    run = ReturnRun.objects.create(
        kind=ReturnKind.SSDA903,
        year=2026,
        started_by=persona[Role.DATA_OFFICER],
        status=RunStatus.DONE,
        children=3,
        check_with_validator=True,
        validation={
            "error_codes": ["101", "302"],
            "query_codes": ["EPI"],
            "crashed_rules": [],
            "counts": {"101": 2, "302": 1, "EPI": 1},
            "issues": [
                {"rule_code": "EPI", "rule_description": "WARNING: no episodes"},
                {"rule_code": "101", "rule_description": "Gender code is not valid."},
                {"rule_code": "101", "rule_description": "Gender code is not valid."},
            ],
        },
    )
    page = page_text(officer.get(reverse("returns:run", args=[run.pk])))
    assert "2 error rules" in page and "1 query" in page
    rows = page[page.index('data-testid="validator-rules"') :]
    assert rows.index("Error 101") < rows.index("Error 302") < rows.index("Query EPI")
    assert "Gender code is not valid." in rows


def test_checked_with_the_community_validator_beside_last_year_s_return(
    request, settings, tmp_path
):
    """The demo authority (as test_ssda903_demo.py builds it) has no errors; the rules that
    compare the years ran, so last year's return was beside this one."""
    assert validator_903.available(), f"{validator_903.python()} is missing: bin/setup --test"
    settings.MEDIA_ROOT = tmp_path
    call_command(
        "seed_demo", "--children", "1500", "--seed", "3", "--today", "2026-11-21",
        stdout=io.StringIO(),
    )  # fmt: skip
    # The personas after the demo: seed_demo builds only into an empty database.
    officer = signed_in_client(request.getfixturevalue("persona")[Role.DATA_OFFICER])
    officer.post(reverse("returns:returns"), MAKE | {"ssda903-check": "on"})
    run = ReturnRun.objects.get(kind=ReturnKind.SSDA903)
    assert run.status == RunStatus.DONE and run.check_with_validator, run.problem
    found = run.validation
    assert "fatal" not in found, found["fatal"]
    assert found["error_codes"] == [] and "counts" in found and found["year"] == 2026
    assert not {"NoE", "202", "502", "205B"} & set(found["skipped_rules"])
    page = page_text(officer.get(reverse("returns:run", args=[run.pk])))
    assert "What the community validator found" in page and "No errors" in page
    assert [p.name for p in (Path(tmp_path) / "returns").iterdir()] == [f"{run.pk}-{run.filename}"]
