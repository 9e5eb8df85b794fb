"""Who may read the audit log, and what of it: a user's looks only to those who manage them, and
a restricted person (and what was typed about them) only to those named on the restriction."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.access import may_audit_user
from kith.audit.log import record
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.restriction import restrict_record
from kith.test import make_person, make_service_area, make_team, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def looks(persona):
    """The worker looked at an ordinary child and at a restricted one (while named on it), and
    searched for the restricted one by name."""
    worker, head = persona[Role.SOCIAL_WORKER], persona[Role.HEAD_OF_SERVICE]
    ordinary = make_person(first_name="Ellie")
    hidden = make_person(first_name="Secretname")
    restrict_record(hidden, by=head, why="Adoption order made")
    record(by=worker, verb=Verb.PERSON_VIEWED, person=ordinary, why="Duty call")
    record(by=worker, verb=Verb.RECORD_OPENED_WITH_REASON, person=hidden, why="Secretreason")
    record(
        by=worker,
        verb=Verb.PERSON_SEARCHED,
        detail={"terms": "secretname jones", "results": 1, "found": [hidden.pk]},
    )
    record(by=worker, verb=Verb.PERSON_SEARCHED, detail={"terms": "ellie", "found": [ordinary.pk]})
    return worker, ordinary, hidden


class WhoManagesWhomTests:
    def test_a_team_manager_reads_their_own_team_only(self, persona):
        manager = persona[Role.TEAM_MANAGER]
        assert may_audit_user(manager, persona[Role.SOCIAL_WORKER])
        assert not may_audit_user(manager, make_user())  # another team
        assert not may_audit_user(manager, persona[Role.DATA_OFFICER])

    def test_a_head_of_service_reads_their_service_area_only(self, persona):
        head = persona[Role.HEAD_OF_SERVICE]
        same_area = make_team(service_area=persona[Role.SOCIAL_WORKER].team.service_area)
        assert may_audit_user(head, make_user(team=same_area))
        assert not may_audit_user(head, make_user(team=make_team(service_area=make_service_area())))

    def test_data_officers_and_administrators_read_everyone(self, persona):
        anyone = make_user()
        assert may_audit_user(persona[Role.DATA_OFFICER], anyone)
        assert may_audit_user(persona[Role.ADMINISTRATOR], anyone)

    def test_anyone_else_reads_only_their_own(self, persona):
        chair = persona[Role.CHAIR]
        assert may_audit_user(chair, chair)
        assert not may_audit_user(chair, persona[Role.SOCIAL_WORKER])

    def test_a_manager_of_another_team_gets_no_page(self, persona, looks):
        worker, _, _ = looks
        elsewhere = make_user(Role.TEAM_MANAGER)
        elsewhere.team.manager = elsewhere
        elsewhere.team.save()
        page = signed_in_client(elsewhere).get(reverse("audit:user", args=[worker.pk]))
        assert page.status_code == 404


class RestrictedRowsTests:
    def test_a_restricted_person_and_what_was_typed_about_them_are_withheld(self, persona, looks):
        worker, _, hidden = looks
        page = signed_in_client(persona[Role.TEAM_MANAGER]).get(
            reverse("audit:user", args=[worker.pk])
        )
        html = page.content.decode()
        assert "A restricted record" in html
        assert "Ellie" in html and "Duty call" in html and "ellie" in html
        for secret in ("Secretname", "secretname", "Secretreason", hidden.person_number):
            assert secret not in html

    def test_the_csv_withholds_the_same(self, persona, looks):
        worker, _, hidden = looks
        page = signed_in_client(persona[Role.DATA_OFFICER]).get(
            reverse("audit:user", args=[worker.pk]), {"format": "csv"}
        )
        text = page.content.decode()
        assert "A restricted record" in text and "Duty call" in text
        for secret in ("Secretname", "secretname", "Secretreason", hidden.person_number):
            assert secret not in text

    def test_those_named_on_the_restriction_see_it_all(self, persona, looks):
        worker, _, hidden = looks
        assert hidden.restricted
        html = (
            signed_in_client(persona[Role.HEAD_OF_SERVICE])
            .get(reverse("audit:user", args=[worker.pk]))
            .content.decode()
        )
        assert "Secretname" in html and "Secretreason" in html and "secretname jones" in html

    def test_the_admin_log_withholds_them_and_cannot_open_or_search_them(self, persona, looks):
        _, _, hidden = looks
        admin = signed_in_client(persona[Role.ADMINISTRATOR])
        listing = admin.get("/admin/audit/auditevent/").content.decode()
        assert "A restricted record" in listing
        assert "Secretname" not in listing and "Secretreason" not in listing
        row = AuditEvent.objects.filter(person=hidden).first()
        assert admin.get(f"/admin/audit/auditevent/{row.pk}/change/").status_code in (302, 403)
        found = admin.get("/admin/audit/auditevent/", {"q": "Secretreason"}).content.decode()
        assert "0 audit events" in found or "0 results" in found


def test_a_spreadsheet_never_runs_a_cell_as_a_formula(persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = make_person()
    for typed in ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tTAB"):
        record(by=worker, verb=Verb.PERSON_VIEWED, person=child, why=typed)
    page = signed_in_client(persona[Role.TEAM_MANAGER]).get(
        reverse("audit:person", args=[child.pk]), {"format": "csv"}
    )
    reasons = [row[6] for row in csv.reader(io.StringIO(page.content.decode()))][1:]
    typed_rows = [r for r in reasons if r]
    assert typed_rows and all(r.startswith("'") for r in typed_rows)
