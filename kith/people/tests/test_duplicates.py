"""The duplicate scan and the warning before adding a person: each comparison, blocking rule and
judgement at its edge, and the scan on copies the corruption generator makes."""

import random
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from bench.corruption import KINDS, Record, corrupt, easy_set, twins
from kith.people.duplicates import weights as learnt
from kith.people.duplicates.blocking import candidate_pairs
from kith.people.duplicates.comparing import Candidate, compare, date_slip
from kith.people.duplicates.comparing import alike as comparing_alike
from kith.people.duplicates.scan import judge, scan
from kith.people.duplicates.weights import Weights, estimate
from kith.people.models import Person, Residence
from kith.people.terms import DAY_AND_MONTH, ONE_DIGIT, TRANSPOSED
from kith.test import make_home, make_person


def person(pk, first="ellie", family="jones", born=date(2015, 3, 14), **more):
    return Candidate.of(pk, first, family, born, **more)


class ComparingTests:
    def test_the_same_record_agrees_on_every_field(self):
        pair = compare(
            person(1, sex="F", postcode="WH1 2AB"), person(2, sex="F", postcode="wh12ab")
        )
        assert pair.levels == (0, 0, 0, 0, 0)

    def test_a_missing_field_is_no_evidence(self):
        assert compare(person(1, born=None), person(2)).levels[2] is None
        assert compare(person(1, first=""), person(2)).levels[0] is None

    def test_a_short_form_of_a_first_name_is_another_form(self):
        assert compare(person(1, first="eleanor"), person(2, first="ellie")).levels[0] == 1
        assert compare(person(1, first="ellen"), person(2, first="ellie")).levels[0] == 1
        assert compare(person(1, first="jonathan"), person(2, first="jona")).levels[0] == 1

    def test_a_slip_is_spelt_alike_and_another_name_is_different(self):
        assert compare(person(1), person(2, first="elie")).levels[0] == 2
        assert compare(person(1), person(2, family="jnoes")).levels[1] == 1
        assert compare(person(1), person(2, first="megan")).levels[0] == 3

    def test_swapped_names_agree_swapped_round(self):
        pair = compare(person(1), person(2, first="jones", family="ellie"))
        assert pair.swapped and pair.levels[:2] == (0, 0)
        assert pair.reasons()[:1] == ("same names, swapped round",)
        assert "same first name" not in pair.reasons()

    @pytest.mark.parametrize(
        ("a", "b", "why"),
        [
            (date(2015, 3, 4), date(2015, 4, 3), DAY_AND_MONTH),
            (date(2015, 3, 14), date(2016, 3, 14), ONE_DIGIT),
            (
                date(2015, 12, 21),
                date(2015, 12, 12),
                TRANSPOSED,
            ),
            (date(2015, 3, 14), date(2015, 3, 24), ONE_DIGIT),
            (date(2015, 3, 14), date(2017, 6, 14), ""),  # two digits, not next to each other
            (date(2015, 3, 14), date(2015, 3, 31), ""),  # 14 and 31: two digits, not swapped
        ],
    )
    def test_slips_in_a_date_of_birth(self, a, b, why):
        assert date_slip(a, b) == why

    @pytest.mark.parametrize(
        ("a", "b", "alike"),
        [
            ("ellie", "elie", True),  # one slip
            ("bradshaw", "bradsahw", True),  # one transposition
            ("jennifer", "jenifr", True),  # two slips in a long name, beginning the same
            ("claire", "elaine", False),  # two changes at the start: another name
            ("smith", "smyth", True),
            ("sheila", "chloe", False),  # sound alike, but begin with other letters
        ],
    )
    def test_names_spelt_alike(self, a, b, alike):
        assert comparing_alike(a, b) is alike

    def test_a_first_name_spelt_alike_on_a_child_of_the_other_sex_is_a_twin(self):
        jayden = person(1, "jayden", sex="M")
        assert compare(jayden, person(2, "jaiden", sex="F")).possibly_twins
        assert not compare(jayden, person(2, "jaiden", sex="M")).possibly_twins

    def test_twins_are_the_same_family_and_birthday_with_another_first_name(self):
        assert compare(person(1), person(2, first="megan")).possibly_twins
        assert not compare(
            person(1), person(2, first="megan", born=date(2015, 3, 15))
        ).possibly_twins
        assert not compare(person(1), person(2, first="elie")).possibly_twins


class JudgingTests:
    weights = Weights()

    def test_the_same_names_and_birthday_are_likely_one_person(self):
        found = judge(person(1), person(2), self.weights)
        assert found and found.likely and found.probability > 0.99

    def test_twins_are_listed_as_such_never_as_likely(self):
        found = judge(
            person(1, postcode="WH12AB"), person(2, first="megan", postcode="WH12AB"), self.weights
        )
        assert found and found.possibly_twins and not found.likely

    def test_brothers_and_sisters_born_near_the_same_day_are_not_listed(self):
        a = person(1, postcode="WH12AB")
        b = person(2, first="megan", born=date(2015, 3, 15), postcode="WH12AB")
        assert judge(a, b, self.weights) is None

    def test_different_nhs_numbers_are_two_people_and_the_same_one_person(self):
        assert judge(person(1, nhs="9434765919"), person(2, nhs="9990000018"), self.weights) is None
        same = judge(
            person(1, nhs="9434765919"), person(2, first="x", nhs="9434765919"), self.weights
        )
        assert same and same.reasons == ("same NHS number",)

    def test_a_rare_name_says_more_than_a_common_one(self):
        weights = Weights(family_names={"smith": 0.02})
        smiths = compare(person(1, family="smith"), person(2, family="smith"))
        rare = compare(person(1, family="zabrowski"), person(2, family="zabrowski"))
        assert weights.match_weight(rare, person(1, family="zabrowski"), person(2)) > (
            weights.match_weight(smiths, person(1, family="smith"), person(2))
        )

    def test_a_shared_home_says_less_for_one_family(self):
        weights = Weights(household=0.05)

        def home_part(family):
            """What the shared postcode adds to the pair's weight."""
            a = person(1, born=None, postcode="WH12AB")
            b = person(2, family=family, born=None, postcode="WH12AB")
            apart = person(2, family=family, born=None)
            return weights.match_weight(compare(a, b), a, b) - weights.match_weight(
                compare(a, apart), a, apart
            )

        assert home_part("jones") < home_part("khan")  # one family's home is worth less

    def test_the_score_is_the_same_whichever_record_comes_first(self):
        weights = Weights(first_names={"carly": 0.01}, family_names={"carter": 0.01})
        a, b = person(1, "carly", "carter"), person(2, "carter", "carly", born=None)
        assert weights.probability(compare(a, b), a, b) == weights.probability(compare(b, a), b, a)


class BlockingTests:
    def pairs(self, people):
        return [(a.pk, b.pk) for a, b in candidate_pairs(people)]

    def test_swapped_names_and_a_wrong_digit_meet(self):
        people = [person(1), person(2, "jones", "ellie"), person(3, born=date(2016, 3, 14))]
        assert sorted(tuple(sorted(p)) for p in self.pairs(people)) == [(1, 2), (1, 3), (2, 3)]

    def test_a_record_without_a_date_meets_its_names(self):
        assert self.pairs([person(1), person(2, family="jnes", born=None)]) == [(2, 1)]

    def test_each_pair_is_compared_once(self):
        people = [person(1, nhs="9434765919"), person(2, nhs="9434765919")]
        assert len(self.pairs(people)) == 1

    def test_a_household_meets_whatever_else_slipped(self):
        people = [
            person(1, postcode="WH12AB"),
            person(2, "elie", "jnes", date(2016, 4, 14), postcode="WH1 2AB"),
        ]
        assert len(self.pairs(people)) == 1

    def test_strangers_do_not_meet(self):
        assert self.pairs([person(1), person(2, "mo", "khan", date(1990, 1, 1))]) == []


FIRST_NAMES = [
    "Noah",
    "Jacob",
    "Ellie",
    "Amelia",
    "Oliver",
    "Isla",
    "Rhys",
    "Seren",
    "Harry",
    "Ava",
]
SYLLABLES = [
    "bra",
    "dshaw",
    "pri",
    "tchard",
    "ok",
    "afor",
    "wil",
    "liams",
    "ev",
    "ans",
    "mor",
    "gan",
]


def children(rng, n):
    """Children with made-up family names (seldom two alike), common first names and
    birthdays over eleven years."""
    return [
        make_person(
            first_name=rng.choice(FIRST_NAMES),
            family_name="".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize(),
            date_of_birth=date(2008, 1, 1) + timedelta(days=rng.randrange(4000)),
            sex=rng.choice("MF"),
        )
        for _ in range(n)
    ]


@pytest.fixture
def planted(db):
    """An authority of 300 children with easy copies of twenty and twins of five."""
    rng = random.Random(3)
    people = children(rng, 300)
    records = [Record(p.pk, p.first_name, p.family_name, p.date_of_birth, p.sex) for p in people]
    family_names = [r.family for r in records]
    made = {}
    for copy in easy_set(rng, records[:20], family_names) + twins(rng, records[20:25], FIRST_NAMES):
        r = copy.record
        again = make_person(
            first_name=r.first, family_name=r.family, date_of_birth=r.born, sex=r.sex
        )
        made[again.pk] = copy
    return made


def test_the_scan_finds_copies_and_keeps_twins_apart(planted):
    found = list(scan())
    likely = {(f.first, f.second) for f in found if f.likely}
    twin_pairs = {(f.first, f.second) for f in found if f.possibly_twins}
    copies = {tuple(sorted((pk, c.of))) for pk, c in planted.items() if c.errors != ("twin",)}
    twins_made = {tuple(sorted((pk, c.of))) for pk, c in planted.items() if c.errors == ("twin",)}
    assert len(likely & copies) >= 18  # of 20: a copy with its one name missing may not be sure
    assert likely <= copies  # nothing else is called a duplicate
    assert twins_made <= twin_pairs


def test_the_scan_keeps_the_weights_it_learnt_for_the_warning(planted):
    list(scan())
    assert learnt.latest().prior != Weights().prior


def test_weights_learnt_from_records_trust_agreement(planted):
    people = [
        Candidate.of(p.pk, p.first_name, p.family_name, p.date_of_birth, p.nhs_number, p.sex)
        for p in Person.objects.all()
    ]
    weights = estimate(people, seed=1)
    for field in ("first name", "family name", "date of birth"):
        assert weights.m[field][0] > weights.u[field][0] * 3  # ten first names: 1 in 10 agree
        assert weights.m[field][-1] < weights.u[field][-1]  # and disagreeing counts against


def test_the_command_lists_likely_pairs_then_twins(planted, capsys):
    call_command("find_duplicates")
    out = capsys.readouterr().out
    assert out.index("Likely recorded twice") < out.index("Possibly twins")
    assert "likely duplicate pairs and 5 pairs possibly twins" in out


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_scan_finds_a_copy_with_each_kind_of_error_made_at_the_same_home(db, kind):
    """One error of each kind the generator makes, on a second record made at the child's
    home (the front door took the address): the scan lists the pair as likely."""
    rng = random.Random(kind)
    people = children(rng, 150)
    child = make_person(
        first_name="Anwen", family_name="Pryce-Jones", date_of_birth=date(2012, 3, 4)
    )
    home = make_home(child)
    record = Record(child.pk, child.first_name, child.family_name, child.date_of_birth, child.sex)
    copy = corrupt(rng, record, 1, kinds=[kind], family_names=[p.family_name for p in people])
    assert copy.errors == (kind,)
    r = copy.record
    again = make_person(first_name=r.first, family_name=r.family, date_of_birth=r.born, sex=r.sex)
    Residence.objects.create(person=again, address=home.address)
    likely = {(f.first, f.second) for f in scan() if f.likely}
    assert (child.pk, again.pk) in likely


def test_a_name_only_a_few_people_have_is_not_kept_with_the_weights(planted):
    make_person(first_name="Zephyrine", family_name="Quillfeather")
    list(scan())
    kept = learnt.LearntWeights.objects.latest().weights
    assert "zephyrine" not in kept["first_names"]
    assert "quillfeather" not in kept["family_names"]
    assert kept["first_names"]  # the common ones are


def test_a_pair_in_a_block_too_big_to_compare_is_still_met_by_another_key():
    """Sixty-one children at one postcode (a children's home): the postcode's block is passed
    by, and two records of one child there still meet by their birthday."""
    home = {"postcode": "WH12AB"}
    others = [
        person(
            10 + n, f"child{chr(97 + n % 26)}{chr(97 + n // 26)}", "home", date(2010, 1, 1), **home
        )
        for n in range(61)
    ]
    pairs = BlockingTests().pairs([person(1, **home), person(2, **home), *others])
    assert (1, 2) in pairs


def test_the_command_lists_a_restricted_record_by_its_number_only(db, persona, capsys):
    from kith.accounts.roles import Role
    from kith.people.restriction import restrict_record

    secret = make_person(first_name="Zephyrine", family_name="Quillfeather")
    again = make_person(first_name="Zephyrine", family_name="Quillfeather")
    restrict_record(secret, by=persona[Role.HEAD_OF_SERVICE], why="Adoption order made")
    call_command("find_duplicates")
    out = capsys.readouterr().out
    assert f"{secret.person_number} (a restricted record)" in out
    assert f"{again.person_number} Zephyrine Quillfeather (born 14 Mar 2015)" in out
    assert out.count("Zephyrine") == 1


def test_weights_are_learnt_when_enough_pairs_share_a_birthday():
    """Four thousand people born over two years (so thousands of pairs share a birthday) and
    two hundred recorded twice, some with a slip: the estimate runs, and learns that one
    person's two records mostly agree on their names and two people's mostly do not."""
    rng = random.Random(11)
    firsts = [f"first{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(120)]
    families = [f"family{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(400)]
    people = [
        Candidate.of(
            pk,
            rng.choice(firsts),
            rng.choice(families),
            date(2014, 1, 1) + timedelta(days=rng.randrange(730)),
            sex=rng.choice("MF"),
        )
        for pk in range(4000)
    ]
    copies = [
        Candidate.of(10_000 + i, p.first if i % 4 else p.first[:-1], p.family, p.born, sex=p.sex)
        for i, p in enumerate(people[:200])
    ]
    weights = estimate(people + copies, seed=2)
    assert weights.m["first name"] != Weights().m["first name"]  # learnt, not the start
    assert weights.m["first name"][0] > 0.5 > weights.m["first name"][3]
    assert weights.m["family name"][0] > 0.8
    true_prior = 200 / (4200 * 4199 / 2)
    assert true_prior / 3 < weights.prior < true_prior * 3


def test_the_scan_as_a_job_keeps_its_list_by_number_and_names_no_one(
    planted, persona, settings, tmp_path
):
    from django.urls import reverse

    from kith.accounts.roles import Role
    from kith.jobs.models import Job, JobStatus
    from kith.people.duplicates.job import path_of
    from kith.test import page_text, signed_in_client

    settings.MEDIA_ROOT = tmp_path
    admin = signed_in_client(persona[Role.ADMINISTRATOR])
    assert "Looking for people recorded twice, when you ask" in page_text(
        admin.get(reverse("jobs:jobs"))
    )
    admin.post(reverse("jobs:run_now", args=["duplicate scan"]))
    job = Job.objects.get(kind="duplicate scan")
    assert job.status == JobStatus.DONE and "pairs possibly twins" in job.outcome
    listed = path_of(job).read_text()
    assert listed.index("Likely recorded twice") < listed.index("Possibly twins")
    assert "twins?" in listed and " ~ P" in listed
    names = {n for p in Person.objects.all() for n in (p.first_name, p.family_name) if n}
    for text in (listed, job.outcome, page_text(admin.get(reverse("jobs:jobs")))):
        assert not [n for n in names if f" {n} " in f" {text} "]  # numbers, never names
