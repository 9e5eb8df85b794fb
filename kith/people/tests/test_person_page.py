"""The person page: every part of the record, read and audited, and who may open or change it."""

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.models import Involvement, OtherName, Relationship
from kith.test import make_person, signed_in_client


def url(name, *args):
    return reverse(f"people:{name}", args=args)


class PersonPageTests:
    def test_it_shows_every_part_of_the_record(self, worker, family):
        Involvement.objects.create(
            person=family["ellie"], kind="gp", organisation="Mill Road Surgery"
        )
        OtherName.objects.create(person=family["ellie"], kind="alias", first_name="Nell")
        html = worker.get(url("person", family["ellie"].pk)).content.decode()
        for text in [
            "Ellie Jones",
            "14 March 2015",
            "943 476 5919",
            "WH1 2AB",
            "Kerry Jones",
            "Mother",
            "Mill Road Surgery",
            "Nell",
            family["ellie"].person_number,
        ]:
            assert text in html, text

    def test_the_relationship_reads_the_right_way_from_each_side(self, worker, family):
        html = worker.get(url("person", family["mum"].pk)).content.decode()
        assert "Daughter" in html

    def test_missing_details_that_matter_are_listed_with_links_to_fix(self, worker, family):
        html = worker.get(url("person", family["ellie"].pk)).content.decode()
        assert "Missing details that matter" in html
        assert "No UPN for a child of school age" in html
        assert url("change_identifiers", family["ellie"].pk) in html

    def test_every_look_is_audited(self, persona, worker, family):
        worker.get(url("person", family["ellie"].pk))
        event = AuditEvent.objects.get(verb=Verb.PERSON_VIEWED)
        assert (event.person, event.by) == (family["ellie"], persona[Role.SOCIAL_WORKER])

    def test_a_merged_record_leads_to_the_survivor(self, worker, family):
        copy = make_person(first_name="Elly", family_name="Jones", merged_into=family["ellie"])
        response = worker.get(url("person", copy.pk))
        assert response["Location"] == url("person", family["ellie"].pk)

    def test_a_missing_person_is_not_found(self, worker):
        assert worker.get(url("person", 999999)).status_code == 404

    def test_the_page_uses_a_fixed_number_of_queries(
        self, worker, family, django_assert_max_num_queries
    ):
        ellie = family["ellie"]
        for n in range(10):
            sibling = make_person(first_name=f"Sib{n}")
            Relationship.objects.create(first=sibling, second=ellie, kind="sibling")
            Involvement.objects.create(person=ellie, kind="school", organisation=f"School {n}")
        # 17 for the person, 2 for the children's services panel (cases, contacts), 1 for
        # access by relationship (the family; nobody's case here, so no more), 3 for the right
        # to record (an open case? the family again), 3 for the census checks (the person,
        # their census references, their cases: none), and 1 to audit everyone it shows.
        with django_assert_max_num_queries(27):
            worker.get(url("person", ellie.pk))

    def test_a_data_officer_reads_but_has_no_change_links(self, persona, family):
        html = (
            signed_in_client(persona[Role.DATA_OFFICER])
            .get(url("person", family["ellie"].pk))
            .content.decode()
        )
        assert "Ellie Jones" in html
        assert url("change_identity", family["ellie"].pk) not in html
        assert url("merge", family["ellie"].pk) in html


class WhoMayDoWhatTests:
    @pytest.mark.parametrize("role", [Role.PARTNER, Role.DATA_OFFICER])
    def test_partners_and_data_officers_cannot_change_a_record(self, persona, family, role):
        client = signed_in_client(persona[role])
        assert client.get(url("change_identity", family["ellie"].pk)).status_code == 403
        assert (
            client.post(url("add_involvement", family["ellie"].pk), {"version": 1}).status_code
            == 403
        )

    @pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PARTNER])
    def test_only_data_officers_merge(self, persona, family, role):
        assert (
            signed_in_client(persona[role]).get(url("merge", family["ellie"].pk)).status_code == 403
        )

    def test_partners_cannot_open_a_person(self, persona, family):
        assert (
            signed_in_client(persona[Role.PARTNER])
            .get(url("person", family["ellie"].pk))
            .status_code
            == 403
        )
        assert not AuditEvent.objects.filter(verb=Verb.PERSON_VIEWED).exists()
