"""The census as a year sees a child (hypothesis): whatever the child's story, the year's
return holds only what was open in the year, nothing dated after its 31 March, and reading it
again for the same year changes nothing."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kith.returns.census import (
    CensusAssessment,
    CensusChild,
    CensusEpisode,
    CensusPlan,
    CensusProtectionPlan,
    CollectionYear,
    in_year,
)

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2028, 12, 31))
YEARS = st.integers(2021, 2028).map(CollectionYear)


@st.composite
def spans(draw):  # type: ignore[no-untyped-def]
    start = draw(DAYS)
    length = draw(st.one_of(st.none(), st.integers(0, 900)))
    return start, None if length is None else start + timedelta(days=length)


@st.composite
def episodes(draw):  # type: ignore[no-untyped-def]
    referral, closed = draw(spans())
    assessments = [
        CensusAssessment(i, started, done, ["1C"])
        for i, (started, done) in enumerate(draw(st.lists(spans(), max_size=3)))
    ]
    plans = [CensusPlan(i, s, e) for i, (s, e) in enumerate(draw(st.lists(spans(), max_size=2)))]
    protection = [
        CensusProtectionPlan(i, s, e, "NEG", "NEG", 0, draw(st.lists(DAYS, max_size=3)))
        for i, (s, e) in enumerate(draw(st.lists(spans(), max_size=2)))
    ]
    return CensusEpisode(
        case_pk=draw(st.integers(1, 10**6)),
        reference="R",
        referral=referral,
        source="1A",
        need="N1",
        closed=closed,
        reason="RC1" if closed else "",
        no_further_action=draw(st.booleans()),
        assessments=assessments,
        plans=plans,
        protection_plans=protection,
        conference=draw(st.one_of(st.none(), DAYS)),
    )


@st.composite
def children(draw):  # type: ignore[no-untyped-def]
    return CensusChild(
        person_pk=1,
        la_child_id="P1",
        upn="",
        former_upn="",
        upn_unknown="UN1",
        birth=draw(st.one_of(st.none(), DAYS)),
        expected_birth=None,
        sex="F",
        death=draw(st.one_of(st.none(), DAYS)),
        ethnicity="WBRI",
        disabilities=["NONE"],
        # A case is one episode: no two share one (its case_pk).
        episodes=draw(st.lists(episodes(), max_size=3, unique_by=lambda e: e.case_pk)),
    )


def dates_in(value: object) -> list[date]:
    if isinstance(value, date):
        return [value]
    if isinstance(value, dict):
        return [d for v in value.values() for d in dates_in(v)]
    if isinstance(value, list):
        return [d for v in value for d in dates_in(v)]
    return []


@given(children(), YEARS)
def test_the_year_holds_only_what_was_open_in_it_and_nothing_after_its_end(child, year):
    seen = in_year(child, year)
    if seen is None:
        return
    assert seen.episodes
    kept = [e.case_pk for e in seen.episodes]
    assert kept == [e.case_pk for e in child.episodes if e.case_pk in kept]  # none invented
    for episode in seen.episodes:
        assert episode.referral <= year.end
        assert episode.closed is None or year.start <= episode.closed <= year.end
        assert (episode.reason != "") == (episode.closed is not None)
        for plan in [*episode.plans, *episode.protection_plans]:
            assert plan.started <= year.end
            assert plan.ended is None or year.start <= plan.ended <= year.end
        for a in episode.assessments:
            assert a.authorised is None or year.start <= a.authorised <= year.end
            assert a.factors == [] or a.authorised is not None
    everything = dates_in({**asdict(seen), "expected_birth": None})  # unborn: due later
    birth_or_referral = {seen.birth, *(e.referral for e in seen.episodes)}
    assert all(d <= year.end for d in everything if d not in birth_or_referral)


@given(children(), YEARS)
def test_reading_the_year_again_changes_nothing(child, year):
    seen = in_year(child, year)
    assert seen is None or in_year(seen, year) == seen


@given(children(), YEARS)
def test_a_child_not_born_by_the_year_s_end_is_an_unborn_child(child, year):
    seen = in_year(child, year)
    if seen is not None and child.birth is not None and child.birth > year.end:
        assert seen.birth is None and seen.expected_birth == child.birth and seen.sex == "U"


@given(DAYS)
def test_every_day_is_in_exactly_one_collection_year(day):
    year = CollectionYear.of(day)
    assert year.holds(day)
    assert not CollectionYear(year.year - 1).holds(day)
    assert not CollectionYear(year.year + 1).holds(day)
    assert CollectionYear.latest_complete(day).end < day
