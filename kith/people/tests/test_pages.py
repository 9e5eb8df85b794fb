import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.test import make_home, make_person, signed_in_client

FIND = reverse("people:find")


@pytest.fixture
def family(db):
    mum = make_person(first_name="Kerry", family_name="Jones", date_of_birth="1988-06-01")
    ellie = make_person(first_name="Ellie", family_name="Jones")
    home = make_home(ellie)
    home.address.residences.create(person=mum, kind="home")
    return {"mum": mum, "ellie": ellie}


class FindPageTests:
    def test_it_shows_the_search_box(self, persona):
        page = signed_in_client(persona[Role.SOCIAL_WORKER]).get(FIND)
        assert page.status_code == 200
        assert b"Find a person" in page.content

    def test_it_lists_matches_with_age_and_address(self, persona, family):
        page = signed_in_client(persona[Role.SOCIAL_WORKER]).get(FIND, {"q": "ellie jones"})
        html = page.content.decode()
        assert "Ellie JONES" in html
        assert "14 Mar 2015" in html
        assert "12 Mill Road" in html
        assert "Kerry" not in html

    def test_the_search_and_its_terms_are_audited(self, persona, family):
        signed_in_client(persona[Role.SOCIAL_WORKER]).get(FIND, {"q": "ellie jones"})
        event = AuditEvent.objects.get(verb=Verb.PERSON_SEARCHED)
        assert event.by == persona[Role.SOCIAL_WORKER]
        assert event.detail == {"terms": "ellie jones", "results": 1}

    def test_nobody_found_says_what_to_try(self, persona, family):
        page = signed_in_client(persona[Role.SOCIAL_WORKER]).get(FIND, {"q": "zzz"})
        assert b"Nobody found" in page.content
        assert b"Check the spelling" in page.content

    def test_htmx_gets_only_the_results(self, persona, family):
        page = signed_in_client(persona[Role.SOCIAL_WORKER]).get(
            FIND, {"q": "jones"}, headers={"HX-Request": "true"}
        )
        html = page.content.decode()
        assert "Ellie JONES" in html
        assert "<html" not in html

    def test_partner_agencies_cannot_search(self, persona):
        assert signed_in_client(persona[Role.PARTNER]).get(FIND).status_code == 403

    def test_the_search_uses_a_fixed_number_of_queries(
        self, persona, family, django_assert_max_num_queries
    ):
        for n in range(15):
            make_home(make_person(first_name=f"Child{n}", family_name="Jones"))
        client = signed_in_client(persona[Role.SOCIAL_WORKER])
        with django_assert_max_num_queries(10):
            page = client.get(FIND, {"q": "jones"})
        assert page.content.decode().count("JONES") == 17


class PersonPageTests:
    def test_it_shows_who_they_are_and_who_they_live_with(self, persona, family):
        url = reverse("people:person", args=[family["ellie"].pk])
        html = signed_in_client(persona[Role.SOCIAL_WORKER]).get(url).content.decode()
        assert "Ellie JONES" in html
        assert "14 March 2015" in html
        assert "WH1 2AB" in html
        assert "Kerry Jones" in html

    def test_every_look_is_audited_against_the_person(self, persona, family):
        url = reverse("people:person", args=[family["ellie"].pk])
        signed_in_client(persona[Role.SOCIAL_WORKER]).get(url)
        event = AuditEvent.objects.get(verb=Verb.PERSON_VIEWED)
        assert event.person == family["ellie"]
        assert event.by == persona[Role.SOCIAL_WORKER]

    def test_a_missing_person_is_not_found(self, persona):
        url = reverse("people:person", args=[999999])
        assert signed_in_client(persona[Role.SOCIAL_WORKER]).get(url).status_code == 404

    def test_partner_agencies_cannot_open_a_person(self, persona, family):
        url = reverse("people:person", args=[family["ellie"].pk])
        assert signed_in_client(persona[Role.PARTNER]).get(url).status_code == 403
        assert not AuditEvent.objects.filter(verb=Verb.PERSON_VIEWED).exists()
