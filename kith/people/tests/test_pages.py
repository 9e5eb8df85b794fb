from datetime import date

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.actions import index_names
from kith.people.models import Involvement, OtherName, Person, Relationship, Residence
from kith.test import make_home, make_person, signed_in_client

FIND = reverse("people:find")
NEW = reverse("people:new")


def url(name, *args):
    return reverse(f"people:{name}", args=args)


@pytest.fixture
def family(db):
    mum = make_person(first_name="Kerry", family_name="Jones", date_of_birth=date(1988, 6, 1))
    ellie = make_person(first_name="Ellie", family_name="Jones", nhs_number="9434765919")
    home = make_home(ellie)
    Residence.objects.create(person=mum, address=home.address)
    Relationship.objects.create(
        first=mum, second=ellie, kind="mother", has_parental_responsibility=True
    )
    for p in (mum, ellie):
        index_names(p)
    return {"mum": mum, "ellie": ellie}


@pytest.fixture
def worker(persona):
    return signed_in_client(persona[Role.SOCIAL_WORKER])


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


class FindPageTests:
    def test_it_lists_matches_with_age_address_and_reasons(self, worker, family):
        html = worker.get(FIND, {"q": "ellie jnoes"}).content.decode()
        assert "Ellie Jones" in html
        assert "14 Mar 2015" in html
        assert "12 Mill Road" in html
        assert "Family name sounds like Jnoes" in html

    def test_the_search_and_its_terms_are_audited(self, persona, worker, family):
        worker.get(FIND, {"q": "ellie jones"})
        event = AuditEvent.objects.get(verb=Verb.PERSON_SEARCHED)
        assert event.by == persona[Role.SOCIAL_WORKER]
        assert event.detail == {
            "terms": "ellie jones",
            "results": 1,
            "found": [family["ellie"].pk],
        }
        # Each person the results show is a read of its own (audit/reads.py).
        shown = AuditEvent.objects.get(verb=Verb.PERSON_SHOWN)
        assert shown.person == family["ellie"]
        assert shown.detail == {"page": "/people/?q=ellie+jones"}

    def test_nobody_found_says_what_to_try(self, worker, family):
        page = worker.get(FIND, {"q": "zzzzzz"})
        assert b"Nobody found" in page.content

    def test_htmx_gets_only_the_results(self, worker, family):
        html = worker.get(FIND, {"q": "jones"}, headers={"HX-Request": "true"}).content.decode()
        assert "Ellie Jones" in html
        assert "<html" not in html

    def test_partner_agencies_cannot_search(self, persona):
        assert signed_in_client(persona[Role.PARTNER]).get(FIND).status_code == 403

    def test_the_search_page_uses_a_fixed_number_of_queries(
        self, worker, family, django_assert_max_num_queries
    ):
        for n in range(15):
            p = make_person(first_name=f"Child{n}", family_name="Jones")
            make_home(p)
            index_names(p)
        with django_assert_max_num_queries(14):
            page = worker.get(FIND, {"q": "jones"})
        assert page.content.decode().count("P00") == 17


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


class NewPersonTests:
    def form(self, **extra):
        return {
            "first_name": "Ellie",
            "family_name": "Jones",
            "sex": "F",
            "nhs_number": "",
            **date_fields("date_of_birth", date(2015, 3, 14)),
            **extra,
        }

    def test_likely_matches_are_shown_before_anything_is_saved(self, worker, family):
        page = worker.post(NEW, self.form())
        html = page.content.decode()
        assert "Is this someone we already know?" in html
        assert "Date of birth matches" in html
        assert Person.objects.count() == 2

    def test_a_typo_still_raises_the_warning(self, worker, family):
        page = worker.post(NEW, self.form(family_name="Jnoes"))
        assert b"Is this someone we already know?" in page.content

    def test_confirming_a_new_person_adds_them(self, persona, worker, family):
        response = worker.post(NEW, self.form(confirmed_new="True"))
        made = Person.objects.latest("pk")
        assert response["Location"] == url("person", made.pk)
        assert made.created_by == persona[Role.SOCIAL_WORKER]
        assert AuditEvent.objects.filter(verb=Verb.PERSON_CREATED, person=made).exists()

    def test_someone_new_is_added_straight_away(self, worker, family):
        response = worker.post(NEW, self.form(first_name="Mo", family_name="Khan"))
        assert response.status_code == 302
        assert Person.objects.filter(first_name="Mo").exists()

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"family_name": ""}, "Enter family name"),
            ({"sex": ""}, "Select sex"),
            ({"nhs_number": "123"}, "NHS number must be 10 numbers"),
            ({"nhs_number": "9434765918"}, "This is not a real NHS number"),
            (
                {"date_of_birth_day": "31", "date_of_birth_month": "2"},
                "Date of birth must be a real date",
            ),
            ({"date_of_birth_year": "2099"}, "Date of birth must be today or in the past"),
            ({"date_of_birth_month": ""}, "Date of birth must include a month"),
            ({"date_of_birth_year": "15"}, "Year must include 4 numbers"),
        ],
    )
    def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
        self, worker, db, changes, message
    ):
        page = worker.post(NEW, self.form(first_name="Maisie", **changes))
        html = page.content.decode()
        assert message in html
        assert 'value="Maisie"' in html
        assert not Person.objects.filter(first_name="Maisie").exists()


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


class MergePageTests:
    def test_a_data_officer_compares_then_merges_then_undoes(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        copy = make_person(first_name="Elly", family_name="Jones")
        form = {
            "other": copy.person_number,
            "why": "Same child, same NHS number on the school record",
        }
        compare = officer.post(url("merge", family["ellie"].pk), form)
        assert b"Merge in: " + copy.person_number.encode() in compare.content
        assert Person.objects.get(pk=copy.pk).merged_into is None
        officer.post(url("merge", family["ellie"].pk), {**form, "confirm": "yes"})
        assert Person.objects.get(pk=copy.pk).merged_into == family["ellie"]
        merge = family["ellie"].merges_kept.get()
        officer.post(url("undo_merge", family["ellie"].pk, merge.pk))
        assert Person.objects.get(pk=copy.pk).merged_into is None

    def test_merging_a_record_into_itself_is_refused(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        page = officer.post(
            url("merge", family["ellie"].pk), {"other": family["ellie"].person_number, "why": "x"}
        )
        assert b"cannot be merged into itself" in page.content

    def test_an_unknown_number_is_refused(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        page = officer.post(url("merge", family["ellie"].pk), {"other": "P9999999", "why": "x"})
        assert b"There is no record with that person number" in page.content

    def test_undo_is_post_only(self, persona, family):
        officer = signed_in_client(persona[Role.DATA_OFFICER])
        assert officer.get(url("undo_merge", family["ellie"].pk, 1)).status_code == 405


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
