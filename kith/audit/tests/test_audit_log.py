import pytest
from django.db import DatabaseError, connection, transaction

from kith.audit.log import answering_from, record
from kith.audit.models import AppendOnlyError, AuditEvent
from kith.audit.verbs import Verb
from kith.test import make_person, make_user


def test_record_writes_who_what_whom_why_and_detail(db):
    user = make_user()
    child = make_person()
    with answering_from("192.0.2.7"):
        event = record(
            by=user,
            verb=Verb.PERSON_VIEWED,
            person=child,
            why="Duty cover",
            detail={"page": "summary"},
        )
    saved = AuditEvent.objects.get(pk=event.pk)
    assert (saved.by, saved.verb, saved.person, saved.why) == (
        user,
        "person_viewed",
        child,
        "Duty cover",
    )
    assert saved.detail == {"page": "summary"}
    assert saved.ip_address == "192.0.2.7"
    assert saved.at is not None


def test_what_was_typed_is_kept_even_with_a_character_the_database_cannot_hold(db):
    """A NUL typed into a reason or a search (PostgreSQL text and JSON cannot hold one) is
    kept as U+FFFD, and the event is written: the log never fails because of what was typed."""
    event = record(
        by=make_user(),
        verb=Verb.PERSON_SEARCHED,
        why="out\x00of hours",
        detail={"terms": "a\x00b", "found": [1, 2], "nested": {"k\x00": ["x\x00"]}},
    )
    saved = AuditEvent.objects.get(pk=event.pk)
    assert saved.why == "out\ufffdof hours"
    assert saved.detail == {
        "terms": "a\ufffdb",
        "found": [1, 2],
        "nested": {"k\ufffd": ["x\ufffd"]},
    }


def test_an_action_deep_in_a_page_records_where_the_page_was_asked_from(db):
    """No action is handed the request: the address comes from the request being answered."""
    from django.urls import reverse
    from django.utils import timezone

    from kith.accounts.roles import Role
    from kith.test import date_fields, page_text, signed_in_client

    client = signed_in_client(make_user(role=Role.FRONT_DOOR))
    response = client.post(
        reverse("cases:new_contact"),
        {
            **date_fields("received_on", timezone.localdate()),
            "received_time": "00:01",
            "referrer_name": "A neighbour",
            "source": "1B",
            "child_name": "Sam Rivers",
            "worries": "Shouting every night.",
        },
        REMOTE_ADDR="198.51.100.23",
    )
    assert response.status_code == 302, page_text(response)[:1500]
    event = AuditEvent.objects.filter(verb=Verb.CONTACT_RECORDED).get()
    assert event.ip_address == "198.51.100.23"
    # Outside a request (the demo builder, a command) there is no address to record.
    assert record(by=None, verb=Verb.SIGN_IN_FAILED).ip_address is None


def test_an_anonymous_actor_is_recorded_as_nobody(db, rf):
    from django.contrib.auth.models import AnonymousUser

    event = record(by=AnonymousUser(), verb=Verb.SIGN_IN_FAILED)
    assert event.by is None


def test_every_verb_has_a_plain_description(db):
    for verb in Verb:
        assert verb.description
        assert verb.description[0].isupper()
    assert AuditEvent(verb="person_viewed").what == "Looked at a person's record"
    assert AuditEvent(verb="something_new").what == "Something new"


class AppendOnlyTests:
    @pytest.fixture
    def event(self, db):
        return record(by=None, verb=Verb.SIGN_IN_FAILED, detail={"username": "x"})

    def test_a_saved_event_cannot_be_saved_again(self, event):
        event.why = "rewritten"
        with pytest.raises(AppendOnlyError):
            event.save()

    def test_an_event_cannot_be_deleted(self, event):
        with pytest.raises(AppendOnlyError):
            event.delete()

    def test_events_cannot_be_updated_or_deleted_in_bulk(self, event):
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.filter(pk=event.pk).update(why="rewritten")
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.filter(pk=event.pk).delete()
        assert AuditEvent.objects.get(pk=event.pk).why == ""


@pytest.mark.postgresql
class DatabaseEnforcementTests:
    """On PostgreSQL even raw SQL cannot change the log (migration audit 0002)."""

    @pytest.fixture
    def event(self, db):
        return record(by=None, verb=Verb.SIGN_IN_FAILED, detail={"username": "x"})

    def test_raw_sql_cannot_update_an_audit_row(self, event):
        with (
            pytest.raises(DatabaseError, match="cannot be changed or removed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE audit_auditevent SET why = 'rewritten'")
        assert AuditEvent.objects.get(pk=event.pk).why == ""

    def test_raw_sql_cannot_delete_an_audit_row(self, event):
        with (
            pytest.raises(DatabaseError, match="cannot be changed or removed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("DELETE FROM audit_auditevent")
        assert AuditEvent.objects.filter(pk=event.pk).exists()
