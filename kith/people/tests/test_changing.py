"""The pages that change a person's record: identity, background, numbers, other names,
addresses, professionals and an unborn baby; and an edit that crosses someone else's."""

from datetime import date

import pytest
from django.urls import reverse

from kith.people.models import Involvement, Person, Relationship, Residence
from kith.test import date_fields, make_home, make_person


def url(name, *args):
    return reverse(f"people:{name}", args=args)


class ChangePagesTests:
    @pytest.mark.parametrize(
        "name",
        [
            "change_identity",
            "change_background",
            "change_identifiers",
            "add_other_name",
            "add_identifier",
            "add_address",
            "add_relationship",
            "add_involvement",
            "add_unborn",
        ],
    )
    def test_each_page_opens_with_the_record_s_values(self, worker, family, name):
        page = worker.get(url(name, family["ellie"].pk))
        assert page.status_code == 200
        assert "Ellie Jones" in page.content.decode()

    def test_a_change_saves_and_returns_to_the_record(self, worker, family):
        ellie = family["ellie"]
        response = worker.post(
            url("change_identity", ellie.pk),
            {
                "version": 1,
                "first_name": "Ellie",
                "family_name": "Jones",
                "preferred_name": "Nell",
                "sex": "F",
                **date_fields("date_of_birth", date(2015, 3, 14)),
            },
        )
        assert response["Location"] == url("person", ellie.pk)
        assert Person.objects.get(pk=ellie.pk).preferred_name == "Nell"

    def test_a_save_after_someone_else_s_is_stopped_and_both_versions_shown(self, worker, family):
        ellie = family["ellie"]
        form = {
            "version": 1,
            "first_name": "Ellie",
            "family_name": "Jones",
            "sex": "F",
            **date_fields("date_of_birth", date(2015, 3, 14)),
        }
        worker.post(url("change_identity", ellie.pk), {**form, "preferred_name": "Nell"})
        page = worker.post(
            url("change_identity", ellie.pk), {**form, "preferred_name": "Ellie-May"}
        )
        html = page.content.decode()
        assert "Someone else changed Ellie Jones" in html
        assert "The record as it is now" in html
        assert "known as Nell" in html
        assert 'value="Ellie-May"' in html
        assert 'name="version" value="2"' in html
        assert Person.objects.get(pk=ellie.pk).preferred_name == "Nell"

    def test_a_death_before_the_birth_is_refused(self, worker, family):
        page = worker.post(
            url("change_identity", family["ellie"].pk),
            {
                "version": 1,
                "family_name": "Jones",
                "sex": "F",
                **date_fields("date_of_birth", date(2015, 3, 14)),
                **date_fields("date_of_death", date(2014, 1, 1)),
            },
        )
        assert b"Date of death must be on or after the date of birth" in page.content

    def test_no_disability_cannot_be_chosen_with_another(self, worker, family):
        page = worker.post(
            url("change_background", family["ellie"].pk),
            {
                "version": 1,
                "ethnicity": "WBRI",
                "disabilities": ["NONE", "HEAR"],
            },
        )
        assert b"Select &#x27;No disability&#x27; on its own" in page.content

    def test_an_invalid_upn_is_refused(self, worker, family):
        page = worker.post(
            url("change_identifiers", family["ellie"].pk), {"version": 1, "upn": "A801200005001"}
        )
        assert b"This is not a real UPN" in page.content

    def test_an_address_with_a_bad_postcode_is_refused_and_kept(self, worker, family):
        page = worker.post(
            url("add_address", family["ellie"].pk),
            {
                "version": 1,
                "line_1": "3 New Street",
                "town": "Caerwen",
                "postcode": "NOT A CODE",
                "kind": "home",
            },
        )
        html = page.content.decode()
        assert "Enter a real postcode" in html
        assert 'value="3 New Street"' in html

    def test_an_address_is_added_and_the_household_can_move_with_them(self, worker, family):
        worker.post(
            url("add_address", family["ellie"].pk),
            {
                "version": 1,
                "line_1": "3 New Street",
                "town": "Caerwen",
                "postcode": "cw11aa",
                "kind": "home",
                "replaces_current": "on",
                "household_moves": "on",
            },
        )
        current = Residence.objects.filter(end_date__isnull=True).select_related("address")
        assert {r.address.postcode for r in current} == {"CW1 1AA"}
        assert {r.person for r in current} == {family["ellie"], family["mum"]}

    def test_an_address_is_ended(self, worker, family):
        home = Residence.objects.get(person=family["ellie"])
        worker.post(
            url("end_address", family["ellie"].pk, home.pk),
            {"version": 1, **date_fields("end_date", date(2026, 1, 1))},
        )
        assert Residence.objects.get(pk=home.pk).end_date == date(2026, 1, 1)

    def test_a_professional_is_added_and_changed(self, worker, family):
        ellie = family["ellie"]
        worker.post(
            url("add_involvement", ellie.pk),
            {
                "version": 1,
                "kind": "school",
                "organisation": "Westholm Primary",
                "email": "dsl@westholm.example",
            },
        )
        item = Involvement.objects.get()
        worker.post(
            url("change_involvement", ellie.pk, item.pk),
            {
                "version": 2,
                "kind": "school",
                "organisation": "Westholm Primary",
                "name": "Mrs Price",
            },
        )
        assert Involvement.objects.get().name == "Mrs Price"

    def test_a_bad_email_is_refused(self, worker, family):
        page = worker.post(
            url("add_involvement", family["ellie"].pk),
            {"version": 1, "kind": "gp", "organisation": "Mill Road", "email": "not an email"},
        )
        assert b"Enter an email address like name@example.org" in page.content

    def test_an_end_before_a_start_is_refused(self, worker, family):
        page = worker.post(
            url("add_other_name", family["ellie"].pk),
            {
                "version": 1,
                "kind": "alias",
                "first_name": "Nell",
                **date_fields("start_date", date(2020, 1, 1)),
                **date_fields("end_date", date(2019, 1, 1)),
            },
        )
        assert b"Used until must be on or after used from" in page.content

    def test_an_unborn_baby_is_added_with_their_mother(self, worker, family):
        mum = family["mum"]
        due = date.today().replace(year=date.today().year + 1, month=1, day=15)
        worker.post(
            url("add_unborn", mum.pk),
            {"family_name": "Jones", **date_fields("expected_date_of_birth", due)},
        )
        baby = Person.objects.get(expected_date_of_birth=due)
        assert baby.is_unborn and baby.sex == "U"
        assert Relationship.objects.get(second=baby).first == mum


# Edges found in review: each once broke something.
def test_a_form_without_its_version_is_refused(worker):
    ellie = make_person()
    page = worker.post(url("change_identifiers", ellie.pk), {"upn": ""})
    assert b"This page is out of date" in page.content


def test_a_merged_record_cannot_be_changed(worker):
    ellie = make_person()
    copy = make_person(merged_into=ellie)
    assert worker.get(url("add_involvement", copy.pk)).status_code == 404


def test_leaving_before_moving_in_is_refused(worker):
    ellie = make_person()
    home = make_home(ellie, start_date=date(2024, 6, 1))
    page = worker.post(
        url("end_address", ellie.pk, home.pk),
        {"version": 1, **date_fields("end_date", date(2020, 1, 1))},
    )
    assert b"Date they left must be on or after they moved in, 1 June 2024" in page.content
    assert Residence.objects.get(pk=home.pk).end_date is None


def test_a_new_home_cannot_start_before_the_current_one(worker):
    ellie = make_person()
    make_home(ellie, start_date=date(2024, 6, 1))
    page = worker.post(
        url("add_address", ellie.pk),
        {
            "version": 1,
            "line_1": "3 New Street",
            "town": "Caerwen",
            "kind": "home",
            "replaces_current": "on",
            **date_fields("start_date", date(2023, 1, 1)),
        },
    )
    assert b"Living here since must be after" in page.content
    assert Residence.objects.count() == 1


def test_only_the_people_sharing_a_home_move_with_them(worker):
    ellie = make_person()
    placement = make_home(ellie, kind="placement")
    other_child = make_person(first_name="Mo")
    Residence.objects.create(person=other_child, address=placement.address, kind="placement")
    worker.post(
        url("add_address", ellie.pk),
        {
            "version": 1,
            "line_1": "3 New Street",
            "town": "Caerwen",
            "kind": "home",
            "replaces_current": "on",
            "household_moves": "on",
        },
    )
    assert Residence.objects.get(person=other_child).end_date is None
