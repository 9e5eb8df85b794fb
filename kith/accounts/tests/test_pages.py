import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import make_team, make_user, signed_in_client

HOME = reverse("accounts:home")
TEAM = reverse("accounts:team")


class HomeTests:
    @pytest.mark.parametrize("role", list(Role))
    def test_everyone_signed_in_has_a_home_page_naming_them_and_their_team(self, persona, role):
        user = persona[role]
        page = signed_in_client(user).get(HOME)
        assert page.status_code == 200
        html = page.content.decode()
        assert user.get_full_name() in html
        assert user.team.name in html
        assert Role(role).label in html

    def test_a_partner_is_told_what_they_can_and_cannot_see(self, persona):
        page = signed_in_client(persona[Role.PARTNER]).get(HOME)
        assert "Partner agencies see only what children's services share" in page.content.decode()
        assert b"Find a person" not in page.content

    def test_someone_not_signed_in_is_sent_to_sign_in(self, db, client):
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:sign_in") + "?next=/home/"

    def test_the_home_page_uses_a_fixed_number_of_queries(
        self, persona, django_assert_max_num_queries
    ):
        client = signed_in_client(persona[Role.TEAM_MANAGER])
        # 9, one for the records opened with a reason in the manager's teams, the manager's
        # own cases and drafts (children/work.py: one per kind of draft), and their teams'
        # work today (team_work: one per kind of record, of draft and of waiting record; the
        # care plan and placement plan are two kinds more, the needs assessment and pathway
        # plan two more again).
        with django_assert_max_num_queries(37):
            client.get(HOME)


class NavigationTests:
    """The menu shows only pages the role may open."""

    CASEWORK = ["My work", "Find a person", "Cases", "Contacts"]
    EXPECTED = {
        Role.SOCIAL_WORKER: CASEWORK,
        Role.TEAM_MANAGER: [*CASEWORK, "To authorise", "Conferences", "Team"],
        Role.HEAD_OF_SERVICE: [*CASEWORK, "To authorise", "Conferences", "Team"],
        Role.FRONT_DOOR: CASEWORK,
        Role.CHAIR: [*CASEWORK, "Conferences", "Looked after"],
        Role.DATA_OFFICER: [*CASEWORK, "Adoption", "Returns"],
        Role.VIRTUAL_SCHOOL: [*CASEWORK, "Looked after"],
        Role.PERSONAL_ADVISER: ["My work", "Cases", "Care leavers"],
        Role.BUSINESS_SUPPORT: CASEWORK,
        Role.PARTNER: ["My work"],
        Role.ADMINISTRATOR: [*CASEWORK, "Timescales", "Jobs", "Admin"],
    }

    @pytest.mark.parametrize("role", list(Role))
    def test_each_role_sees_its_own_menu(self, persona, role):
        page = signed_in_client(persona[role]).get(HOME)
        labels = [item["label"] for item in page.context["navigation"]]
        assert labels == self.EXPECTED[role]

    def test_the_current_page_is_marked(self, persona):
        page = signed_in_client(persona[Role.TEAM_MANAGER]).get(TEAM)
        current = [item["label"] for item in page.context["navigation"] if item["active"]]
        assert current == ["Team"]


class TeamPageTests:
    def test_a_team_manager_sees_their_team(self, persona):
        page = signed_in_client(persona[Role.TEAM_MANAGER]).get(TEAM)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Safeguarding Team 1" in html
        assert persona[Role.SOCIAL_WORKER].get_full_name() in html

    def test_a_head_of_service_sees_every_team_in_their_area(self, persona):
        area = persona[Role.HEAD_OF_SERVICE].team.service_area
        second = make_team("Safeguarding Team 2", service_area=area)
        make_user(Role.SOCIAL_WORKER, team=second, first_name="Bryn", last_name="Owen")
        elsewhere = make_team("Children in Care Team")
        make_user(Role.SOCIAL_WORKER, team=elsewhere, first_name="Nia", last_name="Rees")
        html = signed_in_client(persona[Role.HEAD_OF_SERVICE]).get(TEAM).content.decode()
        assert "Safeguarding Team 1" in html
        assert "Bryn Owen" in html
        assert "Nia Rees" not in html

    def test_people_who_have_left_are_not_listed(self, persona):
        leaver = persona[Role.SOCIAL_WORKER]
        leaver.is_active = False
        leaver.save()
        html = signed_in_client(persona[Role.TEAM_MANAGER]).get(TEAM).content.decode()
        assert leaver.get_full_name() not in html

    @pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PARTNER, Role.DATA_OFFICER])
    def test_other_roles_are_refused_and_the_attempt_audited(self, persona, role):
        page = signed_in_client(persona[role]).get(TEAM)
        assert page.status_code == 403
        assert b"You cannot open this page" in page.content
        assert b"team managers and heads of service" in page.content
        event = AuditEvent.objects.get(verb=Verb.ACCESS_REFUSED)
        assert event.by == persona[role]
        assert event.detail["path"] == TEAM

    def test_the_team_page_uses_a_fixed_number_of_queries(
        self, persona, django_assert_max_num_queries
    ):
        team = persona[Role.TEAM_MANAGER].team
        for _ in range(10):
            make_user(Role.SOCIAL_WORKER, team=team)
        client = signed_in_client(persona[Role.TEAM_MANAGER])
        # 10 for the people, 10 for the caseloads, 1 for the timeliness chart (team_work), and
        # the kinds of record waiting (the care plan and placement plan, the needs assessment
        # and pathway plan among them).
        with django_assert_max_num_queries(26):
            client.get(TEAM)
