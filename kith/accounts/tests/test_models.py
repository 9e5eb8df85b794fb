import pytest

from kith.accounts.roles import Role
from kith.test import make_user


@pytest.mark.parametrize("role", list(Role))
def test_only_administrators_can_open_the_django_admin(db, role):
    assert make_user(role).is_staff is (role == Role.ADMINISTRATOR)


def test_changing_an_administrator_s_role_closes_the_admin_to_them(db):
    user = make_user(Role.ADMINISTRATOR)
    user.role = Role.SOCIAL_WORKER
    user.save()
    assert user.is_staff is False


def test_partner_agency_users_are_not_authority_staff(db):
    assert make_user(Role.PARTNER).is_staff_member is False
    assert make_user(Role.CHAIR).is_staff_member is True


def test_managers_lead_others(db):
    assert make_user(Role.TEAM_MANAGER).leads_others
    assert make_user(Role.HEAD_OF_SERVICE).leads_others
    assert not make_user(Role.SOCIAL_WORKER).leads_others
