from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from kith.accounts.demo import NAMED_USERS
from kith.accounts.models import ServiceArea, Team, User
from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.demo.builder import DEFAULT_PASSWORD
from kith.people.identifiers import is_valid_nhs_number, is_valid_upn
from kith.people.models import Person, Residence

TODAY = date(2026, 11, 21)


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, "--today", TODAY.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def built(db):
    return seed("--children", "120", "--seed", "7")


def snapshot():
    return {
        "people": list(
            Person.objects.order_by("pk").values_list(
                "first_name", "family_name", "date_of_birth", "nhs_number", "upn", "ethnicity"
            )
        ),
        "users": list(User.objects.order_by("pk").values_list("username", "role", "team__name")),
        "addresses": list(
            Residence.objects.order_by("pk").values_list("address__line_1", "address__postcode")
        ),
    }


class DemoAuthorityTests:
    def test_it_builds_the_number_of_children_asked_for(self, built):
        # Children recorded twice on purpose (planted duplicates) come on top.
        planted = AuditEvent.objects.get(verb=Verb.DEMO_AUTHORITY_BUILT)
        children = [p for p in Person.objects.all() if p.age_on(TODAY) < 18]
        assert "120 children" in built
        assert len(children) == 120 + planted.detail.get("planted duplicates", 0)

    def test_there_are_staff_in_every_role(self, built):
        roles = set(User.objects.values_list("role", flat=True))
        assert roles == {str(r) for r in Role}

    def test_every_team_has_a_manager_and_every_service_area_a_head_except_partners(self, built):
        for team in Team.objects.filter(service_area__is_partner_agency=False):
            if team.members.filter(role=Role.SOCIAL_WORKER).exists():
                assert team.manager is not None, team
        assert not ServiceArea.objects.filter(is_partner_agency=False, head=None).exists()

    def test_the_named_sign_ins_are_printed_and_work(self, built, client):
        for username, *_ in NAMED_USERS:
            assert username in built
        assert f"Password for all of them: {DEFAULT_PASSWORD}" in built
        response = client.post(
            "/sign-in/", {"username": "social.worker", "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302

    def test_the_named_worker_s_manager_is_the_named_team_manager(self, built):
        worker = User.objects.get(username="social.worker")
        assert worker.team.manager.username == "team.manager"
        assert worker.team.service_area.head.username == "head.of.service"

    def test_identifiers_are_valid_and_never_a_real_person_s(self, built):
        nhs = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
        upns = list(Person.objects.exclude(upn="").values_list("upn", flat=True))
        assert nhs and upns
        assert all(n.startswith("999") and is_valid_nhs_number(n) for n in nhs)
        assert all(is_valid_upn(u) and u[4] == "0" for u in upns)
        assert len(set(nhs)) == len(nhs)

    def test_only_school_age_children_have_upns(self, built):
        for person in Person.objects.exclude(upn=""):
            assert 5 <= person.age_on(TODAY) < 18

    def test_everyone_lives_somewhere_and_families_share_a_home(self, built):
        recorded_twice = Person.objects.filter(ethnicity="NOBT", residences=None)
        assert not Person.objects.filter(residences=None).exclude(pk__in=recorded_twice).exists()
        households = Residence.objects.values("address").distinct().count()
        assert households < Person.objects.count()

    def test_names_include_welsh_families(self, built):
        assert Person.objects.filter(first_language="Welsh").exists()

    def test_the_build_is_audited(self, built):
        event = AuditEvent.objects.get(verb=Verb.DEMO_AUTHORITY_BUILT)
        assert event.detail["seed"] == 7
        assert event.detail["steps"] == [
            "accounts",
            "people",
            "cases",
            "recording",
            "protection",
            "care",
            "permanence",
            "leaving_care",
            "timescales",
            "children",
        ]


def build_and_undo(*args):
    """Build an authority, take its snapshot, and roll the build back."""

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        seed(*args)
        taken = snapshot()
        raise Undo
    return taken


class RepeatabilityTests:
    def test_the_same_seed_builds_the_same_authority(self, db):
        first = build_and_undo("--children", "40", "--seed", "11")
        seed("--children", "40", "--seed", "11")
        assert snapshot() == first

    def test_a_different_seed_builds_a_different_one(self, db):
        first = build_and_undo("--children", "40", "--seed", "11")
        seed("--children", "40", "--seed", "12")
        assert snapshot()["people"] != first["people"]


class SafetyTests:
    def test_it_never_builds_over_an_existing_authority(self, built):
        before = Person.objects.count()
        with pytest.raises(CommandError, match="never deletes anything"):
            seed()
        assert Person.objects.count() == before

    def test_if_empty_leaves_an_existing_authority_alone_and_prints_the_sign_ins(self, built):
        before = snapshot()
        out = seed("--if-empty")
        assert "already built; nothing was changed" in out
        assert "social.worker" in out
        assert snapshot() == before

    def test_the_demo_password_can_come_from_the_environment(self, db, monkeypatch):
        monkeypatch.setenv("KITH_DEMO_PASSWORD", "a-trainers-own-password-2026")
        out = seed("--children", "5")
        assert "the one in KITH_DEMO_PASSWORD" in out
        assert "a-trainers-own-password-2026" not in out
        assert User.objects.get(username="admin").check_password("a-trainers-own-password-2026")

    def test_zero_children_is_refused(self, db):
        with pytest.raises(CommandError, match="at least 1"):
            seed("--children", "0")


class FamiliesTests:
    """The people issue's part of the demo: relationships, professionals, other names,
    nicknames and a realistic share of near-duplicates."""

    def test_children_have_mothers_siblings_gps_and_schools(self, built):
        from kith.people.models import Involvement, Relationship

        assert Relationship.objects.filter(kind="mother").exists()
        assert Relationship.objects.filter(kind="sibling").exists()
        assert Involvement.objects.filter(kind="gp").exists()
        assert Involvement.objects.filter(kind="school").exists()

    def test_some_mothers_have_a_previous_family_name(self, built):
        from kith.people.models import OtherName

        assert OtherName.objects.filter(kind="previous_family_name").exists()

    def test_everyone_can_be_found_by_name(self, built):
        from kith.people.models import NameKey

        assert not Person.objects.filter(name_keys=None).exists()
        assert NameKey.objects.count() > Person.objects.count()

    def test_planted_duplicates_are_found_by_find_duplicates(self, db):
        out = seed("--children", "1500", "--seed", "3")
        assert "planted duplicates" in out
        report = StringIO()
        call_command("find_duplicates", stdout=report)
        assert "likely duplicate pairs and" in report.getvalue()
        assert report.getvalue().count("~") >= 10
