"""The relationship pages: finding the other person, saying how they are related, changing it."""

from datetime import date

import pytest
from django.urls import reverse

from kith.people.actions import index_names
from kith.people.models import Relationship
from kith.test import make_person


def url(name, *args):
    return reverse(f"people:{name}", args=args)


class RelationshipPagesTests:
    def test_find_the_other_person_then_say_how_they_are_related(self, worker, family):
        gran = make_person(
            first_name="Ann", family_name="Pritchard", date_of_birth=date(1960, 2, 2)
        )
        index_names(gran)
        page = worker.get(url("add_relationship", family["ellie"].pk), {"q": "ann pritchard"})
        assert f"?other={gran.pk}".encode() in page.content
        response = worker.post(
            url("add_relationship", family["ellie"].pk),
            {"version": 1, "other": gran.pk, "kind": "grandparent", "direction": "they_are"},
        )
        assert response.status_code == 302
        rel = Relationship.objects.get(kind="grandparent")
        assert (rel.first, rel.second) == (gran, family["ellie"])
        assert "Grandmother" in worker.get(url("person", family["ellie"].pk)).content.decode()
        assert "Granddaughter" in worker.get(url("person", gran.pk)).content.decode()

    def test_a_relationship_to_oneself_is_refused(self, worker, family):
        response = worker.get(
            url("add_relationship", family["ellie"].pk), {"other": family["ellie"].pk}, follow=True
        )
        assert b"A person cannot be related to themselves" in response.content
        assert Relationship.objects.count() == 1

    def test_a_relationship_sent_without_the_other_person_is_refused_in_words(self, worker, family):
        page = worker.post(
            url("add_relationship", family["ellie"].pk),
            {"other": "", "direction": "they_are", "kind": "aunt_uncle", "version": "1"},
        )
        assert page.status_code == 400
        assert b"Find the person they are related to, then choose them" in page.content
        assert Relationship.objects.count() == 1

    def test_the_search_for_a_relative_leaves_out_the_person(self, worker, family):
        page = worker.get(url("add_relationship", family["ellie"].pk), {"q": "ellie jones"})
        assert f'?other={family["ellie"].pk}"'.encode() not in page.content

    def test_a_friend_cannot_hold_parental_responsibility(self, worker, family):
        friend = make_person(first_name="Jo", family_name="Bloggs")
        page = worker.post(
            url("add_relationship", family["ellie"].pk),
            {
                "version": 1,
                "other": friend.pk,
                "kind": "friend",
                "direction": "they_are",
                "has_parental_responsibility": "on",
            },
        )
        assert b"Only a parent" in page.content

    def test_a_relationship_is_changed_with_a_contact_restriction(self, worker, family):
        rel = Relationship.objects.get()
        worker.post(
            url("change_relationship", family["ellie"].pk, rel.pk),
            {
                "version": 1,
                "record_version": rel.version,
                "other": family["mum"].pk,
                "kind": "mother",
                "direction": "they_are",
                "has_parental_responsibility": "on",
                "contact_restriction": "supervised",
            },
        )
        assert Relationship.objects.get().contact_restriction == "supervised"
        assert b"Supervised contact only" in worker.get(url("person", family["ellie"].pk)).content

    def test_another_child_s_relationship_cannot_be_changed_through_this_record(
        self, worker, family
    ):
        stranger = make_person(first_name="Mo", family_name="Khan")
        rel = Relationship.objects.get()
        assert worker.get(url("change_relationship", stranger.pk, rel.pk)).status_code == 404


# Edges found in review: each once broke something.
def test_a_relationship_changed_from_the_other_record_is_not_overwritten(persona, worker):
    mum = make_person(first_name="Kerry", date_of_birth=date(1988, 1, 1))
    ellie = make_person()
    rel = Relationship.objects.create(first=mum, second=ellie, kind="mother")
    form = {"other": mum.pk, "kind": "mother", "direction": "they_are", "record_version": 1}
    worker.post(
        url("change_relationship", ellie.pk, rel.pk),
        {**form, "version": 1, "contact_restriction": "supervised"},
    )
    page = worker.post(
        url("change_relationship", mum.pk, rel.pk),
        {
            **form,
            "other": ellie.pk,
            "direction": "person_is",
            "version": 1,
            "contact_restriction": "",
        },
    )
    assert b"Someone else changed" in page.content
    assert Relationship.objects.get().contact_restriction == "supervised"


@pytest.mark.parametrize("tampered", ["²", "-1", "1e3"])
def test_odd_digits_in_a_link_are_not_found_not_a_crash(worker, tampered):
    ellie = make_person()
    assert worker.get(url("add_relationship", ellie.pk), {"other": tampered}).status_code == 404
