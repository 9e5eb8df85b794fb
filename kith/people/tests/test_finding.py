"""Finding a person, and adding one after seeing who Kith may already know."""

from datetime import date

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.people.actions import index_names
from kith.people.models import OtherName, Person
from kith.people.restriction import restrict_record
from kith.test import date_fields, make_home, make_person, signed_in_client

FIND = reverse("people:find")
NEW = reverse("people:new")


def url(name, *args):
    return reverse(f"people:{name}", args=args)


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
        with django_assert_max_num_queries(15):  # one of them the names within a slip of "jones"
            page = worker.get(FIND, {"q": "jones"})
        assert page.content.decode().count("P00") == 17


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
        assert "Same date of birth" in html
        assert Person.objects.count() == 2

    def test_a_typo_still_raises_the_warning(self, worker, family):
        page = worker.post(NEW, self.form(family_name="Jnoes"))
        assert b"Is this someone we already know?" in page.content

    def test_a_slip_in_a_name_and_a_wrong_digit_in_the_date_still_raise_it(self, worker, family):
        page = worker.post(
            NEW, self.form(first_name="Elie", **date_fields("date_of_birth", date(2016, 3, 14)))
        )
        html = page.content.decode()
        assert "Is this someone we already know?" in html
        assert "First names spelt alike" in html
        assert "Date of birth is one digit different" in html

    def test_a_twin_is_shown_as_possibly_a_twin(self, worker, family):
        html = worker.post(NEW, self.form(first_name="Megan")).content.decode()
        assert "Is this someone we already know?" in html
        assert "Possibly a twin" in html
        assert "Different first names" in html

    def test_someone_of_the_same_name_born_years_apart_is_not_raised(self, worker, family):
        response = worker.post(
            NEW, self.form(**date_fields("date_of_birth", date(1999, 8, 20)), sex="F")
        )
        assert response.status_code == 302

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
            ({"date_of_birth_day": "9" * 23}, "Date of birth must be a real date"),
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


# Edges found in review: each once broke something.
def test_a_radio_group_s_error_links_to_its_first_option(worker):
    html = worker.post(url("new"), {"family_name": "Jones"}).content.decode()
    assert 'href="#id_sex_0"' in html
    assert 'id="id_sex-error"' in html
    assert 'id="id_sex_0"' in html


def test_a_wrong_date_marks_its_boxes(worker):
    html = worker.post(
        url("new"),
        {
            "family_name": "Jones",
            "sex": "F",
            **{"date_of_birth_day": "40", "date_of_birth_month": "1", "date_of_birth_year": "2015"},
        },
    ).content.decode()
    assert (
        'govuk-input--error"\n               id="id_date_of_birth_day"' in html
        or "govuk-date-input__input govuk-input--width-2 govuk-input--error" in html
    )


def test_the_warning_before_adding_uses_a_fixed_number_of_queries(
    worker, family, django_assert_max_num_queries
):
    for n in range(15):
        make_person(first_name="Ellie", family_name="Jones", date_of_birth=date(2015, 3, n + 1))
    form = NewPersonTests().form()
    with django_assert_max_num_queries(14):
        page = worker.post(NEW, form)
    assert "Is this someone we already know?" in page.content.decode()


def test_the_warning_judges_a_former_or_known_as_name_too(worker, db):
    lisa = make_person(first_name="Lisa", family_name="Davison")  # born 14 March 2015
    OtherName.objects.create(person=lisa, kind="previous_family_name", family_name="Matthews")
    bob = make_person(first_name="Karl", family_name="Smith", preferred_name="Bob", sex="M")
    for person in (lisa, bob):
        index_names(person)
    form = NewPersonTests().form
    html = worker.post(NEW, form(first_name="Lisa", family_name="Matthews")).content.decode()
    assert "Lisa Davison" in html
    assert "By their other name Lisa Matthews" in html
    html = worker.post(NEW, form(first_name="Bob", family_name="Smith", sex="M")).content.decode()
    assert "Karl Smith" in html
    assert "Possibly a twin" not in html


def test_the_warning_never_judges_a_restricted_person(persona, worker, family):
    restrict_record(family["ellie"], by=persona[Role.HEAD_OF_SERVICE], why="Adoption order made")
    response = worker.post(NEW, NewPersonTests().form())
    assert response.status_code == 302  # added: nobody the worker may see is Ellie
