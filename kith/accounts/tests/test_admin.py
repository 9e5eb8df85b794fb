"""Administrators manage users and teams in the Django admin; nobody else gets in."""

import pytest
from django.contrib.auth.hashers import check_password

from kith.accounts.models import Team, User
from kith.accounts.roles import Role
from kith.test import make_team, signed_in_client


def test_an_administrator_opens_the_user_list(persona):
    page = signed_in_client(persona[Role.ADMINISTRATOR]).get("/admin/accounts/user/")
    assert page.status_code == 200
    assert persona[Role.SOCIAL_WORKER].username.encode() in page.content


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SOCIAL_WORKER, Role.PARTNER])
def test_other_roles_are_refused_the_admin(persona, role):
    page = signed_in_client(persona[role]).get("/admin/", follow=True)
    assert page.status_code == 403
    assert b"This page is for: administrators" in page.content


def test_someone_not_signed_in_is_sent_to_kith_s_sign_in_page(db, client):
    page = client.get("/admin/", follow=True)
    assert page.redirect_chain[-1][0] == "/sign-in/?next=/admin/"


def test_an_administrator_adds_a_user_whose_password_must_pass_the_validators(persona):
    client = signed_in_client(persona[Role.ADMINISTRATOR])
    team = make_team("Assessment Team 3")
    form = {
        "username": "new.worker",
        "first_name": "Nia",
        "last_name": "Rees",
        "role": Role.SOCIAL_WORKER,
        "team": team.pk,
        "password1": "password",
        "password2": "password",
        "usable_password": "true",
    }
    page = client.post("/admin/accounts/user/add/", form)
    assert page.status_code == 200
    assert b"This password is too short" in page.content
    assert b"This password is too common" in page.content
    assert not User.objects.filter(username="new.worker").exists()

    form["password1"] = form["password2"] = "a-long-and-uncommon-phrase-2026"
    assert client.post("/admin/accounts/user/add/", form).status_code == 302
    added = User.objects.get(username="new.worker")
    assert added.team == team
    assert check_password("a-long-and-uncommon-phrase-2026", added.password)


def test_an_administrator_sets_a_team_s_manager(persona):
    client = signed_in_client(persona[Role.ADMINISTRATOR])
    team = persona[Role.SOCIAL_WORKER].team
    manager = persona[Role.TEAM_MANAGER]
    page = client.get(f"/admin/accounts/team/{team.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/accounts/team/{team.pk}/change/",
        {"name": team.name, "service_area": team.service_area.pk, "manager": manager.pk},
    )
    assert response.status_code == 302
    assert Team.objects.get(pk=team.pk).manager == manager


def test_users_and_teams_cannot_be_deleted_in_the_admin(persona):
    client = signed_in_client(persona[Role.ADMINISTRATOR])
    user = persona[Role.SOCIAL_WORKER]
    assert client.get(f"/admin/accounts/user/{user.pk}/delete/").status_code == 403
    assert client.get(f"/admin/accounts/team/{user.team.pk}/delete/").status_code == 403
