"""Shared test helpers: personas for each role, a sign-in helper, small builders.

Loaded as a pytest plugin by the root conftest.py, so its fixtures are available everywhere.
"""

from __future__ import annotations

import html
import itertools
import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kith.accounts.models import ServiceArea, Team, User
from kith.accounts.roles import Role
from kith.people.actions import index_names
from kith.people.models import Address, Person, Residence

PASSWORD = "correct-horse-battery-staple"  # noqa: S105
_sequence = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # Real hashing takes half a second a time; tests sign in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_timescales() -> Any:
    # The local timescales are cached for a minute; a test's changes roll back with it.
    from kith.lib.timescales import forget

    forget()
    yield
    forget()


def make_service_area(name: str | None = None, **fields: Any) -> ServiceArea:
    return ServiceArea.objects.create(name=name or f"Service area {next(_sequence)}", **fields)


def make_team(
    name: str | None = None, *, service_area: ServiceArea | None = None, **fields: Any
) -> Team:
    return Team.objects.create(
        name=name or f"Team {next(_sequence)}",
        service_area=service_area or make_service_area(),
        **fields,
    )


def make_user(role: Role = Role.SOCIAL_WORKER, *, team: Team | None = None, **fields: Any) -> User:
    n = next(_sequence)
    fields.setdefault("username", f"{role.value}.{n}")
    fields.setdefault("first_name", role.label.split()[0])
    fields.setdefault("last_name", f"Tester{n}")
    user = User(role=role, team=team if team is not None else make_team(), **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_person(**fields: Any) -> Person:
    fields.setdefault("first_name", "Ellie")
    fields.setdefault("family_name", "Jones")
    fields.setdefault("date_of_birth", date(2015, 3, 14))
    fields.setdefault("sex", "F")
    person = Person.objects.create(**fields)
    index_names(person)  # findable, as people added through the pages are
    return person


def make_home(person: Person, **fields: Any) -> Residence:
    address = Address.objects.create(
        line_1=fields.pop("line_1", "12 Mill Road"),
        town=fields.pop("town", "Westholm"),
        postcode=fields.pop("postcode", "WH1 2AB"),
    )
    return Residence.objects.create(person=person, address=address, **fields)


def make_case(child: Person | None = None, **fields: Any) -> Any:
    """An open case, referred a fortnight ago (so records dated since are valid)."""
    from kith.cases.models import Allocation, Case

    fields.setdefault("referral_date", date.today() - timedelta(days=14))
    fields.setdefault("referral_source", "2A")
    worker = fields.get("worker")
    if worker is not None:
        fields.setdefault("team", worker.team)
    opened_by = fields.pop("opened_by", None) or worker or make_user()
    case = Case.objects.create(child=child or make_person(), opened_by=opened_by, **fields)
    if case.team is not None:
        Allocation.objects.create(case=case, team=case.team, worker=worker, by=opened_by)
    return case


def page_text(response: HttpResponse) -> str:
    """A page as the person reads it: its HTML with entities (&#x27;) as the characters."""
    return html.unescape(response.content.decode())


def date_fields(name: str, day: date) -> dict[str, str]:
    """A date as typed into a GOV.UK date input's three boxes."""
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def signed_in_client(user: User) -> Client:
    """A client signed in as `user`. Administrators must use two-step sign-in, so theirs is
    signed in with a confirmed authenticator device too."""
    client = Client()
    client.force_login(user)
    if user.role == Role.ADMINISTRATOR:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show for the device right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def persona(db: Any) -> dict[str, User]:
    """One user in each role, in a small authority: a social work team (worker and manager)
    under a head of service, and one user in every other role."""
    area = make_service_area("Safeguarding")
    team = make_team("Safeguarding Team 1", service_area=area)
    in_team = {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE}
    people = {
        role: make_user(role, team=team if role in in_team else make_team(f"{role.label} team"))
        for role in Role
    }
    team.manager = people[Role.TEAM_MANAGER]
    team.save()
    area.head = people[Role.HEAD_OF_SERVICE]
    area.save()
    return {str(role): user for role, user in people.items()}


def post_at_once(posts: list[tuple[Client, str, dict[str, Any]]]) -> list[HttpResponse]:
    """Send each (client, url, data) POST on its own thread with its own database connection,
    all let go at the same moment: how two people (or two presses of Save) race. Needs a
    transactional test (`django_db(transaction=True)`); the responses come back in order."""
    start = threading.Barrier(len(posts))
    responses: list[Any] = [None] * len(posts)
    errors: list[BaseException] = []

    def send(i: int, client: Client, url: str, data: dict[str, Any]) -> None:
        try:
            start.wait()
            responses[i] = client.post(url, data)
        except BaseException as error:  # reported below, not lost with the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return responses
