import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.log import record
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import make_person, signed_in_client


@pytest.fixture
def looked_at(persona):
    ellie = make_person()
    worker = persona[Role.SOCIAL_WORKER]
    signed_in_client(worker).get(reverse("people:person", args=[ellie.pk]))
    record(by=worker, verb=Verb.PERSON_SEARCHED, detail={"terms": "ellie jones"})
    return ellie, worker


class WhoHasLookedTests:
    def test_a_manager_sees_who_looked_at_a_record(self, persona, looked_at):
        ellie, worker = looked_at
        page = signed_in_client(persona[Role.TEAM_MANAGER]).get(
            reverse("audit:person", args=[ellie.pk])
        )
        html = page.content.decode()
        assert page.status_code == 200
        assert worker.get_full_name() in html
        assert "Looked at a person&#x27;s record" in html or "Looked at a person's record" in html

    def test_looking_at_the_audit_is_itself_audited(self, persona, looked_at):
        ellie, _ = looked_at
        signed_in_client(persona[Role.DATA_OFFICER]).get(reverse("audit:person", args=[ellie.pk]))
        event = AuditEvent.objects.get(verb=Verb.AUDIT_VIEWED)
        assert event.by == persona[Role.DATA_OFFICER]
        assert event.detail == {"person": ellie.pk}

    def test_the_list_exports_as_csv_and_the_export_is_audited(self, persona, looked_at):
        ellie, worker = looked_at
        response = signed_in_client(persona[Role.TEAM_MANAGER]).get(
            reverse("audit:person", args=[ellie.pk]), {"format": "csv"}
        )
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:4] == ["When", "Who", "Sign-in name", "What"]
        assert rows[1][2] == worker.username
        assert rows[1][4] == ellie.person_number
        assert AuditEvent.objects.filter(verb=Verb.AUDIT_EXPORTED).count() == 1

    def test_filters_narrow_by_what_and_when(self, persona, looked_at):
        ellie, _ = looked_at
        client = signed_in_client(persona[Role.TEAM_MANAGER])
        url = reverse("audit:person", args=[ellie.pk])
        assert client.get(url, {"verb": "person_viewed"}).context["page"].paginator.count == 1
        assert client.get(url, {"verb": "person_changed"}).context["page"].paginator.count == 0
        tomorrow = timezone.localdate() + timedelta(days=1)
        page = client.get(
            url,
            {"since_day": tomorrow.day, "since_month": tomorrow.month, "since_year": tomorrow.year},
        )
        assert b"From must be today or in the past" in page.content

    def test_a_to_date_before_the_from_date_is_refused(self, persona, looked_at):
        ellie, _ = looked_at
        page = signed_in_client(persona[Role.TEAM_MANAGER]).get(
            reverse("audit:person", args=[ellie.pk]),
            {
                "since_day": 2,
                "since_month": 1,
                "since_year": 2026,
                "until_day": 1,
                "until_month": 1,
                "until_year": 2026,
            },
        )
        assert b"To must be on or after from" in page.content

    @pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PARTNER, Role.FRONT_DOOR])
    def test_other_roles_cannot_see_the_audit(self, persona, looked_at, role):
        ellie, _ = looked_at
        assert (
            signed_in_client(persona[role])
            .get(reverse("audit:person", args=[ellie.pk]))
            .status_code
            == 403
        )

    def test_the_list_uses_a_fixed_number_of_queries(
        self, persona, looked_at, django_assert_max_num_queries
    ):
        ellie, worker = looked_at
        for _ in range(30):
            record(by=worker, verb=Verb.PERSON_VIEWED, person=ellie)
        client = signed_in_client(persona[Role.TEAM_MANAGER])
        with django_assert_max_num_queries(17):
            client.get(reverse("audit:person", args=[ellie.pk]))


class WhatHasUserLookedAtTests:
    def test_a_manager_sees_what_a_worker_looked_at_and_searched(self, persona, looked_at):
        ellie, worker = looked_at
        html = (
            signed_in_client(persona[Role.TEAM_MANAGER])
            .get(reverse("audit:user", args=[worker.pk]))
            .content.decode()
        )
        assert ellie.full_name in html
        assert "Searched for “ellie jones”" in html

    def test_the_team_page_links_to_each_member_s_audit(self, persona):
        html = (
            signed_in_client(persona[Role.TEAM_MANAGER])
            .get(reverse("accounts:team"))
            .content.decode()
        )
        assert reverse("audit:user", args=[persona[Role.SOCIAL_WORKER].pk]) in html
