"""Restricted records: invisible in search and inaccessible except to named people, who are
named and removed with an audit trail."""

import re
from datetime import date

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.models import Person, Relationship, RestrictedAccess
from kith.people.restriction import name_on_record, restrict_record
from kith.people.search import parse, search
from kith.test import make_home, make_person, signed_in_client


@pytest.fixture
def adopted(persona):
    child = make_person(first_name="Ellie", family_name="Jones")
    mum = make_person(first_name="Kerry", family_name="Jones", date_of_birth=date(1988, 1, 1))
    Relationship.objects.create(first=mum, second=child, kind="mother")
    restrict_record(child, by=persona[Role.HEAD_OF_SERVICE], why="Adoption order made")
    return child, mum


def test_a_restricted_record_cannot_be_found_by_someone_not_named(persona, adopted):
    child, mum = adopted
    # Found as if Ellie had no record at all: her mother, for the family name typed.
    assert [m.person for m in search(parse("ellie jones"), viewer=persona[Role.SOCIAL_WORKER])] == [
        mum
    ]
    assert [
        m.person for m in search(parse("ellie jones"), viewer=persona[Role.HEAD_OF_SERVICE])
    ] == [child]


def test_opening_it_looks_exactly_like_a_missing_record(persona, adopted):
    child, _ = adopted
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    restricted = client.get(reverse("people:person", args=[child.pk]))
    missing = client.get(reverse("people:person", args=[999999]))
    assert restricted.status_code == missing.status_code == 404
    # The pages differ only in their (random) security tokens.
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub(b"", restricted.content) == token.sub(b"", missing.content)
    for name in ["family_network", "change_identity", "add_relationship", "subject_access"]:
        assert client.get(reverse(f"people:{name}", args=[child.pk])).status_code in (403, 404)


def test_the_child_does_not_appear_on_the_parent_s_record(persona, adopted):
    _, mum = adopted
    html = (
        signed_in_client(persona[Role.SOCIAL_WORKER])
        .get(reverse("people:person", args=[mum.pk]))
        .content.decode()
    )
    assert "Ellie" not in html


def test_a_named_person_sees_it_and_naming_is_audited(persona, adopted):
    child, _ = adopted
    worker = persona[Role.SOCIAL_WORKER]
    name_on_record(child, worker, by=persona[Role.HEAD_OF_SERVICE])
    assert (
        signed_in_client(worker).get(reverse("people:person", args=[child.pk])).status_code == 200
    )
    event = AuditEvent.objects.get(
        verb=Verb.RESTRICTED_ACCESS_GRANTED, detail__username=worker.username
    )
    assert event.by == persona[Role.HEAD_OF_SERVICE]
    assert AuditEvent.objects.get(verb=Verb.RECORD_RESTRICTED).why == "Adoption order made"


def test_the_restriction_page_names_and_removes_people(persona, adopted):
    child, _ = adopted
    head = signed_in_client(persona[Role.HEAD_OF_SERVICE])
    url = reverse("people:restriction", args=[child.pk])
    head.post(url, {"action": "name", "username": persona[Role.TEAM_MANAGER].username})
    access = RestrictedAccess.objects.get(user=persona[Role.TEAM_MANAGER])
    head.post(url, {"action": "remove", "access": access.pk})
    assert RestrictedAccess.objects.get(pk=access.pk).ended_at is not None
    assert AuditEvent.objects.filter(verb=Verb.RESTRICTED_ACCESS_ENDED).count() == 1
    assert (
        signed_in_client(persona[Role.TEAM_MANAGER])
        .get(reverse("people:person", args=[child.pk]))
        .status_code
        == 404
    )


def test_an_unknown_sign_in_name_gets_a_message(persona, adopted):
    child, _ = adopted
    page = signed_in_client(persona[Role.HEAD_OF_SERVICE]).post(
        reverse("people:restriction", args=[child.pk]), {"action": "name", "username": "nobody"}
    )
    assert b"There is nobody with that sign-in name" in page.content


def test_a_form_with_no_known_button_is_refused_with_a_message(persona, adopted):
    child, _ = adopted
    page = signed_in_client(persona[Role.HEAD_OF_SERVICE]).post(
        reverse("people:restriction", args=[child.pk]), {"action": "", "why": "a b c"}
    )
    assert page.status_code == 400
    assert b"Choose what to do with one of the buttons on this page" in page.content


def test_restricting_needs_a_reason_and_keeps_what_was_typed(persona):
    child = make_person()
    page = signed_in_client(persona[Role.HEAD_OF_SERVICE]).post(
        reverse("people:restriction", args=[child.pk]), {"action": "restrict", "why": "staff"}
    )
    assert b"Say why, in a few words" in page.content
    assert b">staff</textarea>" in page.content
    assert not Person.objects.get(pk=child.pk).restricted


def test_lifting_the_restriction(persona, adopted):
    child, _ = adopted
    signed_in_client(persona[Role.HEAD_OF_SERVICE]).post(
        reverse("people:restriction", args=[child.pk]),
        {"action": "lift", "why": "Restriction no longer needed after review"},
    )
    assert not Person.objects.get(pk=child.pk).restricted
    assert (
        signed_in_client(persona[Role.SOCIAL_WORKER])
        .get(reverse("people:person", args=[child.pk]))
        .status_code
        == 200
    )


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.DATA_OFFICER])
def test_only_heads_of_service_and_administrators_restrict(persona, role):
    child = make_person()
    make_home(child)
    assert (
        signed_in_client(persona[role])
        .get(reverse("people:restriction", args=[child.pk]))
        .status_code
        == 403
    )


def test_a_restricted_record_changes_nothing_a_slip_or_a_mistyped_date_finds(persona, db):
    """A restricted child whose name or birthday is nearer what was typed must not push the
    people the worker may see out of the results, nor show that someone was there."""
    visible_one = make_person(
        first_name="Zephyrina", family_name="Quillfeather", date_of_birth=date(2015, 3, 14)
    )
    worker = persona[Role.SOCIAL_WORKER]

    def found(text):
        return [m.person for m in search(parse(text), viewer=worker)]

    before = (found("zephyrine quillfeather"), found("zephyrina 14/03/2016"))
    hidden = make_person(
        first_name="Zephyrine", family_name="Quillfeather", date_of_birth=date(2016, 3, 14)
    )
    restrict_record(hidden, by=persona[Role.HEAD_OF_SERVICE], why="Adoption order made")
    after = (found("zephyrine quillfeather"), found("zephyrina 14/03/2016"))
    assert before == after == ([visible_one], [visible_one])
