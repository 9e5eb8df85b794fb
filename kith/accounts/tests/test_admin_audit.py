"""An administrator's changes to who may do what are in the audit log, from what to what."""

import pytest

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import make_team, signed_in_client

ADMIN_VERBS = [
    Verb.USER_ADDED,
    Verb.USER_ROLE_CHANGED,
    Verb.USER_TEAM_CHANGED,
    Verb.USER_DEACTIVATED,
    Verb.USER_REACTIVATED,
]


@pytest.fixture
def administrator(persona):
    return signed_in_client(persona[Role.ADMINISTRATOR])


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


def change(client, user, **changes):
    """Save the user's admin page as it stands, with `changes`."""
    form = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "role": user.role,
        "team": user.team_id or "",
        "is_active": "on" if user.is_active else "",
        **changes,
    }
    form = {k: v for k, v in form.items() if v != ""}
    response = client.post(f"/admin/accounts/user/{user.pk}/change/", form)
    assert response.status_code == 302, response.content
    user.refresh_from_db()


def audited():
    return list(AuditEvent.objects.filter(verb__in=ADMIN_VERBS).order_by("id"))


def test_a_change_of_role_and_team_is_audited_with_both_names(persona, administrator, worker):
    team = make_team("Assessment Team 3")
    old_team_id = worker.team_id
    change(administrator, worker, role=Role.TEAM_MANAGER, team=team.pk)
    assert (worker.role, worker.team) == (Role.TEAM_MANAGER, team)
    role, moved = audited()
    assert (role.verb, role.by, role.ip_address) == (
        Verb.USER_ROLE_CHANGED,
        persona[Role.ADMINISTRATOR],
        "127.0.0.1",
    )
    assert role.detail == {
        "user": worker.username,
        "user_id": worker.pk,
        "from": "Social worker",
        "to": "Team manager",
    }
    assert moved.verb == Verb.USER_TEAM_CHANGED
    assert moved.detail == {
        "user": worker.username,
        "user_id": worker.pk,
        "from": "Safeguarding Team 1",
        "to": "Assessment Team 3",
        "from_team_id": old_team_id,
        "to_team_id": team.pk,
    }


def test_taking_someone_out_of_any_team_is_audited(administrator, worker):
    change(administrator, worker, team="")
    (moved,) = audited()
    assert (moved.detail["from"], moved.detail["to"]) == ("Safeguarding Team 1", None)


def test_switching_access_off_and_back_on_is_audited(persona, administrator, worker):
    change(administrator, worker, is_active="")
    assert not worker.is_active
    change(administrator, worker, is_active="on")
    assert worker.is_active
    off, on = audited()
    assert (off.verb, on.verb) == (Verb.USER_DEACTIVATED, Verb.USER_REACTIVATED)
    assert off.detail == {"user": worker.username, "user_id": worker.pk}
    assert off.by == on.by == persona[Role.ADMINISTRATOR]


def test_saving_without_changing_role_team_or_access_audits_nothing_new(administrator, worker):
    change(administrator, worker, job_title="Senior practitioner")
    assert audited() == []


def test_adding_someone_is_audited_with_their_role_and_team(persona, administrator):
    team = make_team("Assessment Team 3")
    response = administrator.post(
        "/admin/accounts/user/add/",
        {
            "username": "nia.rees",
            "first_name": "Nia",
            "last_name": "Rees",
            "role": Role.FRONT_DOOR,
            "team": team.pk,
            "password1": "a-long-and-uncommon-phrase-2026",
            "password2": "a-long-and-uncommon-phrase-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    (added,) = audited()
    assert (added.verb, added.by) == (Verb.USER_ADDED, persona[Role.ADMINISTRATOR])
    assert added.detail == {
        "user": "nia.rees",
        "user_id": User.objects.get(username="nia.rees").pk,
        "role": "Front door (MASH) worker",
        "team": "Assessment Team 3",
    }


def test_a_refused_change_audits_nothing(administrator, worker):
    response = administrator.post(
        f"/admin/accounts/user/{worker.pk}/change/", {"username": "", "role": Role.TEAM_MANAGER}
    )
    assert response.status_code == 200
    assert audited() == []
