"""No way round the rules: each of the leaks found by trying Kith as an attacker, kept shut.

A restricted child in an ordinary family; the family's pages, the mother's move, a merge and a
reason given must never reveal her, move her, lift her restriction or lend lasting access.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.people.access import family_of, may_open, may_record_about, standing_access
from kith.people.merging import merge_people, undo_merge
from kith.people.models import Address, BreakGlass, Person, Relationship, Residence
from kith.people.restriction import restrict_record
from kith.test import date_fields, make_case, make_person, make_team, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(persona):
    """A mother, her son (the worker's case) and her daughter, restricted: all at one address."""
    worker, head = persona[Role.SOCIAL_WORKER], persona[Role.HEAD_OF_SERVICE]
    mother = make_person(first_name="Kerry", date_of_birth=date(1988, 1, 1))
    son = make_person(first_name="Sam", sex="M")
    daughter = make_person(first_name="Hidden")
    home = Address.objects.create(line_1="1 Weir Lane", town="Westholm", postcode="WH1 1AA")
    for person in (mother, son, daughter):
        Residence.objects.create(person=person, address=home, start_date=date(2018, 1, 1))
    Relationship.objects.create(first=mother, second=son, kind="mother")
    to_daughter = Relationship.objects.create(
        first=mother, second=daughter, kind="mother", start_date=date(2016, 1, 1)
    )
    make_case(son, worker=worker)
    restrict_record(daughter, by=head, why="Child of a member of staff")
    return {"mother": mother, "son": son, "daughter": daughter, "to_daughter": to_daughter}


def test_moving_the_mother_and_her_household_leaves_the_restricted_daughter_alone(persona, family):
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    url = reverse("people:add_address", args=[family["mother"].pk])
    page = client.get(url).content.decode()
    assert "Sam Jones" in page and "Hidden" not in page
    client.post(
        url,
        {
            "version": family["mother"].version,
            "line_1": "9 New Street",
            "town": "Westholm",
            "kind": "home",
            "replaces_current": "on",
            "household_moves": "on",
            **date_fields("start_date", timezone.localdate()),
        },
    )
    moved = {r.person_id for r in Residence.objects.filter(address__line_1="9 New Street")}
    assert moved == {family["mother"].pk, family["son"].pk}
    assert family["daughter"].residences.get().end_date is None


def test_the_mother_s_relationship_with_her_daughter_cannot_be_opened_or_changed(persona, family):
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    url = reverse(
        "people:change_relationship", args=[family["mother"].pk, family["to_daughter"].pk]
    )
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 1, "kind": "friend"}).status_code == 404
    assert Relationship.objects.get(pk=family["to_daughter"].pk).kind == "mother"


def test_the_mother_s_chronology_does_not_mention_her_daughter(persona, family):
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    page = client.get(reverse("children:chronology", args=[family["mother"].pk]))
    assert "Hidden" not in page.content.decode()
    named = signed_in_client(persona[Role.HEAD_OF_SERVICE])
    page = named.get(reverse("children:chronology", args=[family["mother"].pk]))
    assert "Relationship with Hidden Jones began" in page.content.decode()


def test_my_work_counts_a_restricted_child_allocated_to_the_worker_but_never_names_her(
    persona, family
):
    make_case(family["daughter"], worker=persona[Role.SOCIAL_WORKER])
    page = signed_in_client(persona[Role.SOCIAL_WORKER]).get(reverse("accounts:home"))
    html = page.content.decode()
    assert "Hidden" not in html
    assert "1 child allocated to you has a restricted record you are not named on" in html


class MergingTests:
    def test_merging_a_restricted_record_into_an_ordinary_one_keeps_it_restricted(
        self, persona, family
    ):
        officer, head = persona[Role.DATA_OFFICER], persona[Role.HEAD_OF_SERVICE]
        ordinary = make_person(first_name="Hidden", family_name="Jones")
        merge = merge_people(ordinary, family["daughter"], by=officer, why="Same child")
        ordinary.refresh_from_db()
        family["daughter"].refresh_from_db()
        assert ordinary.restricted and family["daughter"].restricted
        # Those named on the merged record can still open the one kept; nobody else can.
        assert (
            signed_in_client(head).get(reverse("people:person", args=[ordinary.pk])).status_code
            == 200
        )
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        assert worker.get(reverse("people:person", args=[ordinary.pk])).status_code == 404
        assert worker.get(reverse("people:person", args=[family["daughter"].pk])).status_code == 404
        # Undoing the merge lifts nothing: that is a decision with a reason of its own.
        undo_merge(merge, by=officer)
        assert Person.objects.get(pk=ordinary.pk).restricted

    def test_restricting_a_record_restricts_the_records_merged_into_it(self, persona):
        kept = make_person(first_name="Ava")
        copy = make_person(first_name="Ava")
        merge_people(kept, copy, by=persona[Role.DATA_OFFICER], why="Same child")
        restrict_record(kept, by=persona[Role.HEAD_OF_SERVICE], why="Adoption order made")
        assert Person.objects.get(pk=copy.pk).restricted
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        assert worker.get(reverse("people:person", args=[copy.pk])).status_code == 404
        head = signed_in_client(persona[Role.HEAD_OF_SERVICE])
        assert head.get(reverse("people:person", args=[copy.pk])).status_code == 302


class BreakGlassTests:
    """A reason given opens a record to read, for a while; nothing done with it lasts."""

    @pytest.fixture
    def elsewhere(self, persona):
        """A child in another team's work, and the worker's own child."""
        other_team = make_team(service_area=persona[Role.SOCIAL_WORKER].team.service_area)
        theirs = make_case(
            make_person(first_name="Theo"), worker=make_user(Role.SOCIAL_WORKER, team=other_team)
        )
        mine = make_case(make_person(first_name="Mia"), worker=persona[Role.SOCIAL_WORKER])
        return theirs.child, mine.child

    def _reason(self, user, person):
        BreakGlass.objects.create(
            person=person,
            user=user,
            reason="Out of hours call",
            ends_at=timezone.now() + timedelta(hours=8),
        )

    def test_a_reason_opens_a_record_to_read_but_not_to_change(self, persona, elsewhere):
        theo, _ = elsewhere
        worker = persona[Role.SOCIAL_WORKER]
        self._reason(worker, theo)
        assert may_open(worker, theo)
        assert not may_record_about(worker, theo)
        client = signed_in_client(worker)
        assert client.get(reverse("people:change_identity", args=[theo.pk])).status_code == 403
        assert (
            client.post(
                reverse("children:add_event", args=[theo.pk]),
                {"what": "All is well", **date_fields("happened_on", timezone.localdate())},
            ).status_code
            == 403
        )

    def test_a_relationship_recorded_with_only_a_reason_lends_no_lasting_access(
        self, persona, elsewhere
    ):
        theo, mia = elsewhere
        worker = persona[Role.SOCIAL_WORKER]
        self._reason(worker, theo)
        client = signed_in_client(worker)
        client.post(
            reverse("people:add_relationship", args=[mia.pk]),
            {"version": mia.version, "other": theo.pk, "direction": "they_are", "kind": "sibling"},
        )
        made = Relationship.objects.get(first=theo, second=mia)
        assert made.recorded_by == worker and not made.counts_for_access
        BreakGlass.objects.update(ends_at=timezone.now() - timedelta(seconds=1))
        assert not standing_access(worker, theo)
        assert theo.pk not in family_of(mia)

    def test_a_friend_never_counts_as_family(self, persona, elsewhere):
        _, mia = elsewhere
        friend = make_person(first_name="Jo", date_of_birth=date(2015, 1, 1))
        worker = persona[Role.SOCIAL_WORKER]
        signed_in_client(worker).post(
            reverse("people:add_relationship", args=[mia.pk]),
            {"version": mia.version, "other": friend.pk, "direction": "they_are", "kind": "friend"},
        )
        assert not Relationship.objects.get(first=friend, second=mia).counts_for_access

    def test_real_family_recorded_by_someone_whose_work_covers_both_counts(
        self, persona, elsewhere
    ):
        _, mia = elsewhere
        dad = make_person(first_name="Lee", sex="M", date_of_birth=date(1980, 1, 1))
        worker = persona[Role.SOCIAL_WORKER]
        signed_in_client(worker).post(
            reverse("people:add_relationship", args=[mia.pk]),
            {"version": mia.version, "other": dad.pk, "direction": "they_are", "kind": "father"},
        )
        assert Relationship.objects.get(first=dad, second=mia).counts_for_access
        assert dad.pk in family_of(mia)
