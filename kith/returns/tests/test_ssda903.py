"""The SSDA903 return derived from the looked-after record: which children, episodes, reviews,
missing episodes, outcomes and social workers a collection year holds, as the record stood on
31 March; a fixed number of queries however many children; the files, written whole or not at
all."""

from __future__ import annotations

import errno
import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit import reads
from kith.care import actions
from kith.care.tests.builders import coming_into_care
from kith.cases.models import Allocation
from kith.people.models import Relationship
from kith.returns import ssda903_files
from kith.returns.census import CollectionYear
from kith.returns.ssda903 import COLUMNS, rows
from kith.returns.ssda903_files import NotWritten, write_ssda903
from kith.returns.ssda903_workers import worker_id
from kith.test import make_case, make_person, make_user

pytestmark = pytest.mark.django_db

Y2025, Y2026 = CollectionYear(2025), CollectionYear(2026)
PLACED = ("kind", "provider", "carer", "urn", "postcode", "home_postcode")


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


def in_care(worker, day, *, born=date(2015, 3, 14), sex="F", status="C1", **details):
    """A child who came into care on `day` (a referral a month before), as the page records
    it (care/tests/builders.py), with the period's other answers in `details`."""
    answers = coming_into_care(day)
    case = make_case(
        make_person(date_of_birth=born, sex=sex, upn="", upn_unknown=""),
        worker=worker,
        referral_date=date.fromordinal(day.toordinal() - 30),
    )
    coming = actions.Coming(
        started_on=day,
        legal_status=status,
        need=answers["need"],
        previous_permanence=answers["previous_permanence"],
        placement={k: answers[k] for k in PLACED},
        unaccompanied=details.pop("unaccompanied", False),
    )
    [period] = actions.come_into_care([case], by=worker, coming=coming)
    for name, value in details.items():
        setattr(period, name, value)
    period.save()
    return period


def move(period, worker, day, **fields):
    period.refresh_from_db()
    placement = {"kind": "U4", "provider": "PR4", "carer": "Ms Ahmed", "urn": "1234567"}
    placement |= {"postcode": "RH12 1RL", "home_postcode": "WH1 2AB"} | fields
    return actions.record_move(
        period, by=worker, version=None, change_reason="CARPL", started_on=day, **placement
    )


def tables(year):
    found = {table: [] for table in COLUMNS}
    for table, row in rows(year):
        assert list(row) == COLUMNS[table], table
        found[table].append(row)
    return found


def test_a_child_in_care_across_31_march_is_open_in_the_return(worker):
    period = in_care(worker, date(2025, 10, 1))
    move(period, worker, date(2026, 5, 10))  # after the year: not in it
    found = tables(Y2026)
    [episode] = found["episodes"]
    assert episode["DECOM"] == "01/10/2025" and (episode["RNE"], episode["LS"]) == ("S", "C1")
    assert (episode["DEC"], episode["REC"], episode["REASON_PLACE_CHANGE"]) == ("", "", "")
    assert (episode["PLACE"], episode["PLACE_PROVIDER"], episode["URN"]) == ("U6", "PR1", "123456")
    assert (episode["PL_POST"], episode["HOME_POST"]) == ("WH1 3DE", "WH1 2AB")
    [header] = found["header"]
    child = f"P{period.child_id:07d}"
    assert header == {
        "CHILD": child,
        "SEX": "F",
        "DOB": "14/03/2015",
        "ETHNIC": "NOBT",
        "UPN": "",  # school age, and no reason recorded for no UPN: the validator says so
        "MOTHER": "0",
        "MC_DOB": "",
    }
    [permanence] = found["previous_permanence"]
    assert (permanence["PREV_PERM"], permanence["LA_PERM"], permanence["DATE_PERM"]) == (
        "Z1",
        "",
        "",
    )
    assert found["oc2"] == []  # not looked after for 12 months by 31 March
    assert tables(Y2025)["episodes"] == []


def test_an_episode_that_began_before_the_year_is_in_it_whole(worker):
    period = in_care(worker, date(2024, 6, 1))
    actions.change_legal_status(
        period, by=worker, version=None, status="C2", started_on=date(2025, 2, 1)
    )
    move(period, worker, date(2025, 6, 1))
    episodes = tables(Y2026)["episodes"]
    assert [(e["DECOM"], e["RNE"], e["LS"], e["DEC"], e["REC"]) for e in episodes] == [
        ("01/02/2025", "L", "C2", "01/06/2025", "X1"),
        ("01/06/2025", "P", "C2", "", ""),
    ]
    assert episodes[0]["REASON_PLACE_CHANGE"] == "CARPL"
    assert tables(Y2026)["previous_permanence"] == []  # started to be looked after before
    last_year = tables(Y2025)["episodes"]  # its open episode is this year's first (rule 502)
    assert [(e["DECOM"], e["DEC"]) for e in last_year] == [
        ("01/06/2024", "01/02/2025"),
        ("01/02/2025", ""),
    ]


def test_a_move_into_a_temporary_placement_gives_no_reason_and_no_provider(worker):
    period = in_care(worker, date(2025, 5, 1))
    move(period, worker, date(2025, 7, 1), kind="T4", provider="PR1", urn="")
    move(period, worker, date(2025, 7, 5), kind="U6", provider="PR1", urn="123456")
    episodes = tables(Y2026)["episodes"]
    assert [(e["PLACE"], e["PLACE_PROVIDER"], e["REASON_PLACE_CHANGE"]) for e in episodes] == [
        ("U6", "PR1", ""),  # rule 226
        ("T4", "", ""),  # rule 213 (2025 to 2026)
        ("U6", "PR1", ""),
    ]


def test_care_that_ended_in_the_year_ends_its_last_episode(worker):
    period = in_care(worker, date(2025, 5, 1))
    actions.end_care(period, by=worker, version=None, ended_on=date(2025, 9, 1), end_reason="E4A")
    [episode] = tables(Y2026)["episodes"]
    assert (episode["DEC"], episode["REC"], episode["REASON_PLACE_CHANGE"]) == (
        "01/09/2025",
        "E4A",
        "",
    )


@pytest.mark.parametrize(
    ("started", "in_oc2"),
    [(date(2025, 4, 1), True), (date(2025, 4, 2), False), (date(2024, 1, 1), True)],
)
def test_oc2_holds_a_child_looked_after_for_12_months_at_31_march(worker, started, in_oc2):
    in_care(worker, started)
    assert len(tables(Y2026)["oc2"]) == (1 if in_oc2 else 0)


def test_oc2_is_counted_from_the_year_s_checks(worker):
    period = in_care(worker, date(2024, 1, 1), born=date(2012, 5, 1))
    case = period.case
    for kind, day, fields in [
        ("iha", date(2024, 1, 20), {}),
        ("health_review", date(2025, 1, 20), {}),  # before the year: not counted
        ("dental", date(2025, 6, 1), {}),
        ("immunisations", date(2025, 5, 1), {"answer": False}),
        ("immunisations", date(2026, 2, 1), {"answer": True}),  # the latest counts
        ("sdq", date(2025, 9, 1), {"sdq_score": 17}),
        ("substance", date(2025, 10, 1), {"received": False, "answer": True}),
        ("conviction", date(2026, 4, 2), {}),  # after the year: not counted
    ]:
        actions.record_check(case, by=worker, kind=kind, done_on=day, **fields)
    [oc2] = tables(Y2026)["oc2"]
    assert oc2 == {
        "CHILD": f"P{period.child_id:07d}",
        "DOB": "01/05/2012",
        "SDQ_SCORE": "17",
        "SDQ_REASON": "",
        "CONVICTED": "0",
        "HEALTH_CHECK": "",  # 5 or over
        "IMMUNISATIONS": "1",
        "TEETH_CHECK": "1",
        "HEALTH_ASSESSMENT": "0",
        "SUBSTANCE_MISUSE": "1",
        "INTERVENTION_RECEIVED": "0",
        "INTERVENTION_OFFERED": "1",
    }


def test_oc2_asks_of_a_young_child_only_what_fits_their_age(worker):
    period = in_care(worker, date(2023, 1, 1), born=date(2022, 6, 1))
    for day in (date(2025, 6, 1), date(2025, 12, 1)):
        actions.record_check(period.case, by=worker, kind="health_review", done_on=day)
    [oc2] = tables(Y2026)["oc2"]
    # Under 5: health surveillance up to date and two health assessments; too young for an
    # SDQ (under 4 on 31 March) or a conviction (under 10).
    assert (oc2["HEALTH_CHECK"], oc2["HEALTH_ASSESSMENT"]) == ("1", "1")
    assert (oc2["SDQ_SCORE"], oc2["SDQ_REASON"], oc2["CONVICTED"]) == ("", "", "")


def test_a_missing_episode_that_spans_the_year_start_is_in_both_years(worker):
    period = in_care(worker, date(2024, 6, 1))
    for started, ended in [
        (date(2024, 9, 1), date(2024, 9, 2)),
        (date(2025, 3, 28), date(2025, 4, 3)),
        (date(2026, 3, 30), None),
    ]:
        actions.record_missing(
            period,
            by=worker,
            kind="M",
            started_on=started,
            ended_on=ended,
            still_missing=ended is None,
        )
    found = [(m["MISSING"], m["MIS_START"], m["MIS_END"]) for m in tables(Y2026)["missing"]]
    assert found == [("M", "28/03/2025", "03/04/2025"), ("M", "30/03/2026", "")]
    before = [(m["MIS_START"], m["MIS_END"]) for m in tables(Y2025)["missing"]]
    assert before == [("01/09/2024", "02/09/2024"), ("28/03/2025", "")]  # as on 31 March


def test_reviews_in_the_year_with_how_the_child_took_part(worker, persona):
    period = in_care(worker, date(2025, 1, 10))
    for day, how in [(date(2025, 2, 5), "PN1"), (date(2025, 5, 1), "PN6")]:
        actions.record_review(
            period,
            by=worker,
            recommendations=[],
            held_on=day,
            chair=persona[Role.CHAIR],
            participation=how,
            discussion="Going well",
        )
    found = [(r["REVIEW"], r["REVIEW_CODE"]) for r in tables(Y2026)["reviews"]]
    assert found == [("01/05/2025", "PN6")]


def test_uasc_duc_is_the_day_it_ceased_by_31_march_or_the_18th_birthday(worker):
    born = date(2008, 8, 20)
    decided = in_care(
        worker,
        date(2025, 1, 5),
        born=born,
        unaccompanied=True,
        unaccompanied_until=date(2025, 11, 3),
    )
    still = in_care(worker, date(2025, 1, 5), born=born, unaccompanied=True)
    later = in_care(
        worker,
        date(2025, 1, 5),
        born=born,
        unaccompanied=True,
        unaccompanied_until=date(2026, 5, 1),
    )
    earlier = in_care(
        worker,
        date(2024, 2, 1),
        born=born,
        unaccompanied=True,
        unaccompanied_until=date(2025, 1, 1),
    )
    in_care(worker, date(2025, 1, 5), born=born)  # never an unaccompanied child
    duc = {row["CHILD"]: row["DUC"] for row in tables(Y2026)["uasc"]}
    assert duc == {
        f"P{decided.child_id:07d}": "03/11/2025",
        f"P{still.child_id:07d}": "20/08/2026",
        f"P{later.child_id:07d}": "20/08/2026",  # as it stood on 31 March
    }
    assert f"P{earlier.child_id:07d}" not in duc  # no longer one in the year (rule 104)
    last_year = {row["CHILD"]: row["DUC"] for row in tables(Y2025)["uasc"]}
    assert last_year[f"P{earlier.child_id:07d}"] == "01/01/2025"


def test_the_header_says_when_a_young_child_has_no_upn_and_who_is_a_mother(worker):
    baby = in_care(worker, date(2025, 6, 1), born=date(2022, 1, 5))
    girl = in_care(worker, date(2025, 6, 1), born=date(2009, 2, 1))
    boy = in_care(worker, date(2025, 6, 1), born=date(2009, 2, 1), sex="M")
    son = make_person(date_of_birth=date(2025, 12, 24), sex="M")
    Relationship.objects.create(first=girl.child, second=son, kind="mother")
    header = {row["CHILD"]: row for row in tables(Y2026)["header"]}
    assert header[f"P{baby.child_id:07d}"]["UPN"] == "UN1"  # under 5 on 31 March
    mother = header[f"P{girl.child_id:07d}"]
    assert (mother["MOTHER"], mother["MC_DOB"]) == ("1", "24/12/2025")
    assert header[f"P{boy.child_id:07d}"]["MOTHER"] == ""  # asked of girls only


def _allocate(case, team, user, day):
    moment = timezone.make_aware(datetime.combine(day, time(10)))
    Allocation.objects.filter(case=case, ended_at__isnull=True).update(ended_at=moment)
    Allocation.objects.create(case=case, team=team, worker=user, by=user, started_at=moment)


def test_social_worker_episodes_come_from_the_allocations(worker):
    period = in_care(worker, date(2025, 5, 1))
    case = period.case
    Allocation.objects.filter(case=case).update(
        started_at=timezone.make_aware(datetime(2025, 4, 1, 10))
    )
    colleague = make_user(team=worker.team)
    elsewhere = make_user()
    _allocate(case, worker.team, colleague, date(2025, 8, 1))
    _allocate(case, elsewhere.team, elsewhere, date(2025, 12, 1))
    _allocate(case, elsewhere.team, elsewhere, date(2026, 1, 10))  # the same worker carries on
    found = [
        (s["SW_ID"], s["SW_DECOM"], s["SW_DEC"], s["SW_REASON"])
        for s in tables(Y2026)["sw_episodes"]
    ]
    assert found == [
        # Allocated at the referral, counted from the day care began.
        (worker_id(worker.pk), "01/05/2025", "01/08/2025", "FCONTA"),
        (worker_id(colleague.pk), "01/08/2025", "01/12/2025", "OTHERS"),
        (worker_id(elsewhere.pk), "01/12/2025", "", "TSPROC"),
    ]
    assert worker_id(42) == "XX000042"


def test_every_child_is_read_for_the_return_restricted_or_not_and_audited(worker):
    period = in_care(worker, date(2025, 5, 1))
    period.child.restricted = True
    period.child.save()
    with reads.looking(make_user(Role.DATA_OFFICER), "/returns/") as look:
        assert len(tables(Y2026)["header"]) == 1
    assert look.for_returns == {period.child_id}


def test_the_return_is_read_in_a_fixed_number_of_queries(worker, django_assert_max_num_queries):
    for n in range(12):
        period = in_care(worker, date(2025, 1, 1 + n))
        move(period, worker, date(2025, 6, 1 + n))
    # The batch (the looked-after and the supported care leavers); the people, their census
    # IDs, periods, legal statuses, placements, reviews, missing episodes, adoption plans,
    # checks, allocations, children, leaving care support and birthday checks; and the next
    # batch (none).
    with django_assert_max_num_queries(17):
        found = tables(Y2026)
    assert len(found["header"]) == 12 and len(found["episodes"]) == 24


def test_the_command_writes_a_file_a_table_and_replaces_an_earlier_one(worker, tmp_path):
    in_care(worker, date(2025, 5, 1))
    folder = tmp_path / "903"
    out = io.StringIO()
    call_command("export_ssda903", "--year", "2026", "--output", str(folder), stdout=out)
    printed = out.getvalue()
    assert "(1 child)" in printed and "episodes.csv" in printed and "1 row" in printed
    assert "oc3.csv" in printed and "ad1.csv" in printed
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in COLUMNS)
    text = (folder / "episodes.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(COLUMNS["episodes"])
    call_command("export_ssda903", "--year", "2026", "--output", str(folder), stdout=out)
    assert len(list(folder.iterdir())) == len(COLUMNS)
    assert [p.name for p in tmp_path.iterdir()] == ["903"]  # nothing left beside it

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="holds other files"):
        call_command("export_ssda903", "--year", "2026", "--output", str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_full_disk_leaves_no_files_and_says_so(worker, tmp_path, monkeypatch):
    in_care(worker, date(2025, 5, 1))
    real_open = open

    def full(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "oc2.csv":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(ssda903_files, "open", full, raising=False)
    with pytest.raises(NotWritten, match="no room left on the server's disk"):
        write_ssda903(Y2026, tmp_path / "903")
    assert list(tmp_path.iterdir()) == []
