import re
from datetime import date
from itertools import pairwise

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse

from kith.people.genogram import SIZE, family_network
from kith.people.models import Relationship, Residence
from kith.test import make_home, make_person


def relate(first, kind, second, **fields):
    return Relationship.objects.create(first=first, kind=kind, second=second, **fields)


def symbol(network, person) -> str:
    """The SVG group that draws one person."""
    return re.search(rf'<g data-person="{person.pk}">(.*?)</g>', network.svg).group(1)


@pytest.fixture
def family(db):
    """Three generations: Ellie, her sister and an unborn sibling live with their mother;
    their father lives elsewhere; their mother's parents, one of whom has died."""
    nan = make_person(first_name="Margaret", date_of_birth=date(1960, 2, 1))
    grandad = make_person(
        first_name="Ron", sex="M", date_of_birth=date(1958, 5, 5), date_of_death=date(2020, 1, 9)
    )
    mum = make_person(first_name="Kerry", date_of_birth=date(1988, 6, 1))
    dad = make_person(
        first_name="Dean", family_name="Smith", sex="M", date_of_birth=date(1986, 1, 1)
    )
    ellie = make_person(first_name="Ellie", date_of_birth=date(2015, 3, 14))
    sister = make_person(first_name="Sophie", date_of_birth=date(2018, 9, 2))
    unborn = make_person(
        first_name="", sex="U", date_of_birth=None, expected_date_of_birth=date(2031, 1, 1)
    )
    relate(nan, "mother", mum)
    relate(grandad, "father", mum)
    for child in (ellie, sister, unborn):
        relate(mum, "mother", child, has_parental_responsibility=True)
    for child in (ellie, sister):
        relate(
            dad, "father", child, has_parental_responsibility=True, contact_restriction="supervised"
        )
    relate(mum, "partner", dad, end_date=date(2020, 4, 1))
    relate(sister, "sibling", ellie)
    relate(unborn, "sibling", ellie)

    home = make_home(ellie)
    for person in (mum, sister):
        Residence.objects.create(person=person, address=home.address)
    Residence.objects.create(person=nan, address=home.address, end_date=date(2019, 1, 1))
    make_home(dad, line_1="3 Canal Street")
    make_home(nan, line_1="8 Elm Close")
    return {
        "nan": nan,
        "grandad": grandad,
        "mum": mum,
        "dad": dad,
        "ellie": ellie,
        "sister": sister,
        "unborn": unborn,
    }


def test_each_generation_is_a_row(family):
    network = family_network(family["ellie"])
    rows = {p.person.first_name or "unborn": p.generation for p in network.placed}
    assert rows == {
        "Margaret": 0,
        "Ron": 0,
        "Kerry": 1,
        "Dean": 1,
        "Ellie": 2,
        "Sophie": 2,
        "unborn": 2,
    }


def test_couples_are_side_by_side(family):
    placed = {p.person.pk: p for p in family_network(family["ellie"]).placed}
    for a, b in [("nan", "grandad"), ("mum", "dad")]:
        one, other = placed[family[a].pk], placed[family[b].pk]
        assert one.generation == other.generation
        left, right = sorted([one.x, other.x])
        between = [p for p in placed.values() if p.generation == one.generation]
        assert not [p for p in between if left < p.x < right]


def test_the_household_boundary_holds_exactly_the_current_household(family):
    network = family_network(family["ellie"])
    left, top, width, height = network.household_box
    inside = {
        p.person.pk
        for p in network.placed
        if left < p.x < left + width and top < p.y + SIZE / 2 < top + height
    }
    household = {family[name].pk for name in ("ellie", "mum", "sister")}
    assert inside == household
    assert network.household == household
    assert 'stroke-dasharray="10 6"' in network.svg


def test_symbols_follow_sex_death_and_birth(family):
    network = family_network(family["ellie"])
    assert "<circle" in symbol(network, family["nan"])
    assert "<polygon" in symbol(network, family["dad"])
    assert symbol(network, family["grandad"]).count("<path") == 2  # the cross
    assert "<path" not in symbol(network, family["nan"])
    unborn = symbol(network, family["unborn"])
    assert unborn.count(",") == 3  # a triangle: three points
    assert "due 1 Jan 2031" in unborn
    assert "died 2020" in symbol(network, family["grandad"])
    assert 'stroke-width="4"' in symbol(network, family["ellie"])
    assert 'stroke-width="4"' not in symbol(network, family["sister"])


def test_an_ended_partnership_is_dashed(family):
    assert 'stroke-dasharray="8 6"' in family_network(family["ellie"]).svg


def test_the_picture_is_labelled_for_assistive_technology(family):
    svg = family_network(family["ellie"]).svg
    assert 'role="img"' in svg
    assert 'aria-labelledby="family-network-title family-network-desc"' in svg
    assert '<title id="family-network-title">Family network of Ellie Jones</title>' in svg
    assert "Family network of Ellie Jones: 7 people, 3 in her household." in svg
    assert "style" not in svg  # the Content Security Policy refuses inline styles


def test_the_words_say_what_each_person_is_to_the_subject(family):
    rows = {row.person.pk: row for row in family_network(family["ellie"]).rows}
    word = {pk: row.relationship for pk, row in rows.items()}
    assert word[family["mum"].pk] == "Mother"
    assert word[family["dad"].pk] == "Father"
    assert word[family["sister"].pk] == "Sister"
    assert word[family["unborn"].pk] == "Sibling"
    assert word[family["nan"].pk] == "Grandmother"
    assert word[family["grandad"].pk] == "Grandfather"
    assert family["ellie"].pk not in rows


def test_the_words_say_who_lives_with_them_holds_responsibility_and_contact(family):
    rows = {row.person.pk: row for row in family_network(family["ellie"]).rows}
    mum, dad, nan = rows[family["mum"].pk], rows[family["dad"].pk], rows[family["nan"].pk]
    assert (mum.lives_with, mum.parental_responsibility, mum.contact) == (True, True, "")
    assert (dad.lives_with, dad.parental_responsibility) == (False, True)
    assert dad.contact == "Supervised contact only"
    assert (nan.lives_with, nan.parental_responsibility) == (False, False)
    assert rows[family["grandad"].pk].deceased is True
    assert nan.deceased is False


def test_someone_two_steps_away_without_a_word_is_related_through_someone(family):
    friend = make_person(first_name="Jade", family_name="Price")
    relate(friend, "friend", family["sister"])
    rows = {row.person.pk: row for row in family_network(family["ellie"]).rows}
    assert rows[friend.pk].relationship == "Related through Sophie Jones"


def test_children_of_the_same_parents_are_brothers_and_sisters(family):
    brother = make_person(first_name="Jack", sex="M", date_of_birth=date(2012, 1, 1))
    relate(family["mum"], "mother", brother)
    relate(family["dad"], "father", brother)
    half = make_person(first_name="Lily", date_of_birth=date(2011, 1, 1))
    relate(family["dad"], "father", half)
    relate(make_person(first_name="Gemma", family_name="Price"), "mother", half)
    rows = {row.person.pk: row for row in family_network(family["ellie"]).rows}
    assert rows[brother.pk].relationship == "Brother"
    assert rows[half.pk].relationship == "Half-sister"


def test_names_are_escaped(family):
    stranger = make_person(first_name="<script>alert(1)</script>", family_name="X")
    relate(stranger, "friend", family["ellie"])
    svg = family_network(family["ellie"]).svg
    assert "&lt;script&gt;" in svg
    assert "<script" not in svg


def test_someone_with_no_relationships_is_drawn_alone(db):
    ellie = make_person()
    network = family_network(ellie)
    assert [p.person for p in network.placed] == [ellie]
    assert network.rows == []
    assert network.household_box is None
    assert "Family network of Ellie Jones: 1 person, no current address." in network.svg
    assert network.svg.count("<g data-person") == 1


def test_merged_records_are_left_out(family):
    duplicate = make_person(first_name="Kerry", family_name="Jnoes", merged_into=family["mum"])
    relate(duplicate, "mother", family["ellie"])
    their_mother = make_person(first_name="Joan")
    relate(their_mother, "mother", duplicate)
    network = family_network(family["ellie"])
    drawn = {p.person.pk for p in network.placed}
    assert duplicate.pk not in drawn
    assert their_mother.pk not in drawn
    assert len(network.rows) == 6


def test_people_three_steps_away_are_left_out(family):
    great = make_person(first_name="Edna", date_of_birth=date(1935, 1, 1))
    relate(great, "mother", family["nan"])
    drawn = {p.person.pk for p in family_network(family["ellie"]).placed}
    assert great.pk not in drawn


def test_the_page_shows_the_picture_and_the_same_in_words(family, rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    ellie = family["ellie"]
    context = {"person": ellie, "network": family_network(ellie), "today": date.today()}
    html = render_to_string("people/family_network.html", context, request=request)
    assert '<svg xmlns="http://www.w3.org/2000/svg" width="' in html
    assert "<figcaption" in html
    assert "The same in words" in html
    assert f'href="{reverse("people:person", args=[ellie.pk])}" class="govuk-back-link"' in html
    assert f'href="{reverse("people:person", args=[family["dad"].pk])}">Dean Smith</a>' in html
    assert "Supervised contact only" in html
    assert "No restriction" in html


def build_family(children: int):
    mum = make_person(first_name="Kerry", date_of_birth=date(1988, 6, 1))
    dad = make_person(first_name="Dean", sex="M", date_of_birth=date(1986, 1, 1))
    relate(make_person(first_name="Margaret"), "mother", mum)
    home = make_home(mum)
    kids = [make_person(first_name=f"Child {n}") for n in range(children)]
    for kid in kids:
        relate(mum, "mother", kid)
        relate(dad, "father", kid)
        Residence.objects.create(person=kid, address=home.address)
    for older, younger in pairwise(kids):
        relate(older, "sibling", younger)
    return kids[0]


@pytest.mark.parametrize("children", [1, 9])
def test_the_number_of_queries_does_not_grow_with_the_family(
    db, children, django_assert_max_num_queries
):
    subject = build_family(children)
    with django_assert_max_num_queries(4):
        network = family_network(subject)
    assert len(network.placed) == children + 3
