"""Demo step: looked-after children (3 in 100, at least 25), each with the case that brought
them into care and a story in it: care orders, accommodation by agreement, emergency protection,
placement orders; placements of every kind, moves, hospital and holiday stays; reviews, missing
episodes, health, education and youth justice checks, care plans and visits; ended periods and
returns. Unaccompanied asylum-seeking children are people of their own (no family here), 18 by
now, so the count of children stays the one asked for. Placements are at council offices in and
around West Sussex (whose DfE number the demo borrows): real postcodes, never a home."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care import models as care
from kith.care.demo_places import PLACES, add_places
from kith.care.models import Placement
from kith.care.plans import CarePlan
from kith.cases.models import Allocation, Case, Contact
from kith.demo.builder import TOWNS, Demo
from kith.lib.working_days import add_working_days
from kith.people.actions import index_names
from kith.people.identifiers import demo_nhs_number
from kith.people.models import Address, Person, Residence
from kith.recording.codes import AssessmentOutcome
from kith.recording.demo import _Writer  # the records every case has, written the same way
from kith.recording.models import Status

SHARE, AT_LEAST = 0.03, 25
HERE, AWAY = list(PLACES)[:9], list(PLACES)[9:]  # West Sussex, and its neighbours
REASONS = ["CARPL"] * 6 + ["CLOSE", "ALLEG", "STAND", "CREQB", "CREQB", "CREQO", "CHILD", "LAREQ"]
PARTICIPATION = ["PN1"] * 5 + ["PN2", "PN3", "PN4", "PN5", "PN6", "PN6", "PN7"]
ENDINGS = ["E4A"] * 4 + ["E4B", "E13", "E41", "E47"]
EARLIER = ["Z1"] * 8 + ["P4"]
NEEDS = {f"N{i}" for i in range(1, 9)}  # the 903's categories of need
HOMES = ["Oak House", "Willow Lodge", "The Beeches", "Hazel Court", "Rowan House"]
UASC_NAMES = ["Dawit", "Yonas", "Ahmad", "Samir", "Bereket", "Hamid", "Tesfay", "Omar", "Arben"]
UASC_FAMILY = ["Tesfaye", "Haile", "Ahmadi", "Karimi", "Osman", "Gebre", "Rahimi", "Berhe"]
UASC_FROM = [("BAFR", "Tigrinya"), ("AOTH", "Pashto"), ("AOTH", "Dari"), ("OOTH", "Arabic")]
PLAN = {"needs": "{name} needs carers who keep to routines, and time with family.",
        "permanence_plan": "{name} will grow up with these carers unless home becomes safe.",
        "contingency": "If the placement ends, a foster home near school, the same contact.",
        "child_wishes": '"I want to stay where I am and see my mum more."'}  # fmt: skip


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _at(day: date, hour: int = 10) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    return min(moment, timezone.now() - timedelta(minutes=1))


def _days(n: int) -> timedelta:
    return timedelta(days=n)


class _Care:
    """Builds the stories, collecting their rows to save together."""

    def __init__(self, demo: Demo) -> None:
        self.demo, self.rng, self.today = demo, demo.rng, demo.today
        self.writer = _Writer(demo)
        self.chairs = list(User.objects.filter(role=Role.CHAIR).order_by("pk"))
        self.front = list(User.objects.filter(role=Role.FRONT_DOOR).order_by("pk"))
        self.teams = demo.built["social_work_teams"]
        self.workers: dict[int, list[User]] = {}
        for worker in demo.built["social_workers"]:
            self.workers.setdefault(worker.team_id, []).append(worker)
        self.rows: dict[type, list[Any]] = {}
        self.cases: list[Case] = []
        self.still_missing, self.stays = False, 0
        self.by: dict[str, User] = {}  # who records the story being built
        self.between = demo.date_between  # the earliest day if the latest is before it

    def add(self, row: Any) -> Any:
        self.rows.setdefault(type(row), []).append(row)
        return row

    def new(self, model: type, **fields: Any) -> Any:
        return self.add(model(**fields, **self.by))

    def case(self, child: int, first: str, born: date, start: date, n: int) -> Case:
        rng = self.rng
        referred = max(start - _days(rng.randint(10, 150)), born - _days(150))
        team = rng.choice(self.teams)
        worker, front = rng.choice(self.workers[team.pk]), rng.choice(self.front)
        source = rng.choice(["6", "2A", "3A", "5A", "1A", "8"])
        case = Case.objects.create(
            child_id=child, referral_date=referred, referral_source=source, team=team,
            worker=worker, opened_by=front, opened_at=_at(referred, 15),
        )  # fmt: skip
        self.add(Contact(
            received_at=_at(referred, 11), child_id=child, child_name=first, source=source,
            referrer_name="Duty officer", worries=f"{first} was left alone at home at night.",
            consent="not_asked_risk", outcome="referral", decision_reasons="Likely harm.",
            decided_at=_at(referred, 14), decided_by=front, case=case, recorded_by=front,
        ))  # fmt: skip
        done = min(add_working_days(referred, rng.randint(10, 40)), start)
        assessment = self.writer.assessment(case, worker.pk, first, status=Status.AUTHORISED,
            outcome=AssessmentOutcome.CHILD_IN_NEED, done_on=done)  # fmt: skip
        assessment.outcome = AssessmentOutcome.LOOKED_AFTER
        assessment.recommendation = AssessmentOutcome.LOOKED_AFTER.label
        # Who held it: the first worker, often another team's from the day care began, and more.
        held = [(team, worker, referred)]
        if rng.random() < 0.5:
            team = rng.choice([t for t in self.teams if t != team] or [team])
            held.append((team, rng.choice(self.workers[team.pk]), start))
        day = start + _days(rng.randint(200, 500))
        while day < self.today - _days(20):
            if rng.random() < 0.4 and not (day.month == 3 and day.day > 25):  # not year's end
                held.append((team, rng.choice(self.workers[team.pk]), day))
            day += _days(rng.randint(200, 500))
        named = self.demo.named_users.get(str(Role.SOCIAL_WORKER))
        began = max(day - _days(300), held[-1][2] + _days(9), start + _days(10))
        began += _days(7) * (began.month == 3 and began.day > 25)  # not at the year's end
        if n < 3 and named is not None and began < self.today - _days(7):  # the demo's worker
            held.append((team := named.team, named, began))
        for i, (team, worker, began) in enumerate(held):
            ends = _at(held[i + 1][2], 9) if i + 1 < len(held) else None
            self.add(Allocation(case=case, team=team, worker=worker, by=team.manager or front,
                started_at=_at(began, 9 if i else 15), ended_at=ends,
                note="Reallocated" if i else "Referral accepted"))  # fmt: skip
        case.team, case.worker = team, worker
        self.cases.append(case)
        self.by = {"recorded_by": worker}
        return case

    def period(self, case: Case, born: date, start: date, end: date | None, **more: Any) -> Any:
        rng, named = self.rng, self.demo.named_users.get(str(Role.CHAIR))
        recent = start > self.today - _days(730)  # not known yet: P4, and no order's details
        period = care.CarePeriod.objects.create(
            case=case, child_id=case.child_id, started_on=start, ended_on=end,
            need=case.primary_need if case.primary_need in NEEDS else "N1",
            previous_permanence=more.pop("previous", "Z1" if recent else rng.choice(EARLIER)),
            iro=named if named and rng.random() < 0.35 else rng.choice(self.chairs),
            end_reason=more.pop("end_reason", rng.choice(ENDINGS)) if end else "",
            **more, **self.by,
        )  # fmt: skip
        last = (end or self.today) - _days(1)
        statuses = self.statuses(period, born, start, last)
        self.placements(period, born, start, last, statuses)
        self.reviews(period, born, start, last)
        if _age(born, last) >= 11 and rng.random() < 0.4:
            self.missing(period, start, last, still=end is None and not self.still_missing)
        self.checks(case, born, start, last)
        return period

    def statuses(self, period: care.CarePeriod, born: date, start: date, last: date) -> dict:
        rng, alone = self.rng, period.unaccompanied
        first = "V2" if alone else rng.choice(["C1"] * 5 + ["V2"] * 3 + ["L2"])
        found, day = {start: first}, start
        if first == "L2":  # an emergency protection order, then an interim care order
            day += _days(rng.randint(3, 14))
            found[day] = first = "C1"
        if first == "V2" and not alone and rng.random() < 0.2:
            day += _days(rng.randint(60, 200))
            found[day] = first = "C1"
        if first == "C1":
            day += _days(rng.randint(90, 300))
            found[day] = "C2"
            if period.is_open and _age(born, day) < 5 and rng.random() < 0.5:
                found[day + _days(rng.randint(60, 240))] = "E1"  # placed for adoption
        found = {d: s for d, s in found.items() if d <= last}
        for day, status in found.items():
            self.new(care.LegalStatusChange, period=period, status=status, started_on=day)
        return found

    def placement(self, born: date, day: date, status: str, home: str) -> dict[str, Any]:
        rng, age = self.rng, _age(born, day)
        elsewhere = [p for p in HERE if p != home]
        if status == "E1":  # adopters found by the regional adoption agency (URN XXXXXXX)
            return {"kind": "A6", "provider": "PR1", "carer": "Adopters", "urn": "XXXXXXX",
                    "postcode": rng.choice(elsewhere)}  # fmt: skip
        kinds = ["U6"] * 6 + ["U1", "U2", "U3", "U3", "U4", "U4"] + ["U5"] * (age < 5)
        kinds += ["K2"] * (2 if age >= 11 else 0)
        kinds += ["K3"] * (
            (8 if home else 40) if age >= 16 else 0
        )  # most alone at 16: K3 + (["P1"] if status in ("C1", "C2") else [])
        kind = rng.choice(kinds + (["R1"] if 8 <= age < 16 else []))
        if kind == "P1":
            return {"kind": kind, "provider": "PR0", "carer": "Mother", "postcode": home}
        provider = "PR1" if kind == "R1" else rng.choice(["PR1", "PR1", "PR4", "PR5"])
        where = elsewhere if provider == "PR1" or kind == "K3" or rng.random() < 0.7 else AWAY
        carer = f"Mr and Mrs {rng.choice(self.demo.family_names)}"
        if kind[0] != "U":
            carer = rng.choice(HOMES) + (" supported lodgings" if kind == "K3" else "")
        urn = "" if kind == "R1" else str(rng.randrange(2_000_000, 2_999_999))
        return {"kind": kind, "provider": provider, "carer": carer, "urn": urn,
                "postcode": rng.choice(where), "meant_until_18": kind in ("U1", "U4")}  # fmt: skip

    def placements(self, period: Any, born: date, start: date, last: date, statuses: dict) -> None:
        rng = self.rng
        home = "" if period.unaccompanied else rng.choice(HERE)
        days = sorted({self.between(start + _days(14), last - _days(5)) for _ in range(30)})
        moves = rng.choices([0, 1, 2, 3, 5, 9], [35, 25, 15, 12, 8, 5])[0]
        chosen = {start, *rng.sample(days, min(moves, len(days)))}
        adopters = next((d for d, s in statuses.items() if s == "E1"), None)
        if adopters:
            chosen = {d for d in chosen if d < adopters} | {min(adopters + _days(70), last)}
        rows: list[Placement] = []
        for day in sorted(chosen):
            status = [s for d, s in sorted(statuses.items()) if d <= day][-1]
            fields = self.placement(born, day, status, home)
            if rows and rows[-1].kind == "U6" and rng.random() < 0.15 and status != "E1":
                kept = ("provider", "carer", "urn", "postcode")  # the same carers, long-term now
                fields = {k: getattr(rows[-1], k) for k in kept} | {"kind": "U4"}
                fields |= {"meant_until_18": True, "same_carer": True}
                rows[-1].change_reason = "PLACE"
            elif rows:
                rows[-1].change_reason = rng.choice(REASONS)
            rows.append(Placement(period=period, started_on=day, home_postcode=home, **fields))
        # A stay in hospital or on holiday (or while the carers are away), then back again.
        before, away = rows[-1], rows[-1].started_on + _days(rng.randint(20, 90))
        changes = [d for d in statuses if away <= d <= away + _days(25)]
        room = before.kind[0] in "UK" and away + _days(25) < last and not changes
        if room and rng.random() < 0.3:
            kind, self.stays = ["T1", "T2", "T3"][self.stays % 3], self.stays + 1
            before.change_reason = ""  # not asked of a move into a temporary placement
            where = [p for p in (AWAY if kind == "T2" else HERE) if p != home]
            carer = "Westholm General Hospital" if kind == "T1" else "Respite carers"
            rows.append(Placement(period=period, started_on=away, kind=kind, carer=carer,
                                       postcode=rng.choice(where), home_postcode=home))  # fmt: skip
            back = {k: v for k, v in before.__dict__.items() if not k.startswith("_")}
            returned = away + _days(rng.randint(3, 18))
            back |= {"id": None, "same_carer": False, "started_on": returned}
            rows.append(Placement(**back))
        for row in rows:
            row.recorded_by = self.by["recorded_by"]
            self.add(row)

    def reviews(self, period: Any, born: date, start: date, last: date) -> None:
        rng = self.rng
        held, gap = start + _days(rng.randint(15, 32)), (80, 100)
        while held <= last:
            young = _age(born, held) < 4
            review = self.new(care.CareReview, period=period, held_on=held, chair=period.iro,
                participation="PN0" if young else rng.choice(PARTICIPATION),
                child_views="" if young else '"I like my room. I want more time with Mum."',
                discussion="The placement meets the child's needs; contact goes well.")  # fmt: skip
            due = held + _days(30)
            self.add(
                care.Recommendation(review=review, what="Book the dentist", who="Carer", due_on=due)
            )
            held, gap = held + _days(rng.randint(*gap)), (165, 200)

    def missing(self, period: Any, start: date, last: date, *, still: bool) -> None:
        rng, back = self.rng, date.min
        days = sorted({self.between(start + _days(10), last - _days(8)) for _ in range(4)})
        for day in days[: rng.randint(1, 4)]:
            if back < day <= last - _days(8) and not (day.month == 3 and day.day > 26):
                back = day + _days(rng.randint(0, 4))
                self.new(care.MissingEpisode, period=period, kind=rng.choice("MMMA"),
                         started_on=day, ended_on=back, where_found="At a friend's house",
                         interview_offered=True, interview_on=back + _days(2))  # fmt: skip
        if still:  # gone since the day before yesterday
            self.still_missing = True
            self.new(care.MissingEpisode, period=period, kind="M", started_on=last - _days(1))

    def checks(self, case: Case, born: date, start: date, last: date) -> None:
        rng = self.rng

        def check(kind: str, day: date, **fields: Any) -> None:
            if start <= day <= last:
                self.new(care.CheckRecord, case=case, child_id=case.child_id, kind=kind,
                         done_on=day, **fields)  # fmt: skip

        day = start + _days(rng.randint(10, 35))
        check("iha", day)
        while day <= last:
            day += _days((182 if _age(born, day) < 5 else 365) + rng.randint(-20, 25))
            check("health_review", day)
        if _age(born, start) >= 5:
            check("school", start + _days(7), school="Westholm Academy", school_urn="136281")
        day = start + _days(rng.randint(20, 90))
        while day <= last:
            age = _age(born, day)
            check("dental", day + _days(rng.randint(0, 40)))
            check("immunisations", day, answer=rng.random() < 0.85)
            if age >= 3:  # no score under 4 or over 16 (SDQ1)
                scored = rng.random() < 0.85 and 4 <= age < 17
                why = "SDQ1" if not 4 <= age < 17 else rng.choice(["SDQ2", "SDQ3", "SDQ4", "SDQ5"])
                score = rng.randint(2, 32) if scored else None
                check("sdq", day, sdq_score=score, sdq_reason="" if scored else why)
            if age >= 13 and rng.random() < 0.1:
                got = rng.random() < 0.5
                check("substance", day + _days(30), received=got,
                      answer=None if got else rng.random() < 0.5)  # fmt: skip
            if age >= 10 and rng.random() < 0.05:
                check("conviction", day + _days(60))
            if age >= 5:
                check("pep", day + _days(15), next_review_on=day + _days(182))
                check("pep", day + _days(197), next_review_on=day + _days(365))
            if age >= 11 and rng.random() < 0.06:
                check("exclusion", day + _days(70), days=rng.randint(1, 5))
            day += _days(365)

    def paperwork(self, period: Any, first: str) -> None:
        """A care plan for most, and the statutory visits of the last year to those in care."""
        rng, case, author = self.rng, period.case, self.by["recorded_by"].pk
        agreed = period.started_on + _days(rng.randint(0, 12))
        if rng.random() < 0.6 and agreed <= (period.ended_on or self.today):
            words = {k: v.format(name=first) for k, v in PLAN.items()}
            common = self.writer.common(case, author, agreed, Status.FINAL)
            self.writer.add(CarePlan(**common, agreed_on=agreed, **words))
        day = max(period.started_on + _days(3), self.today - _days(365))
        while period.is_open and day < self.today:
            self.writer.visits(case, author, first, day, min(day + _days(40), self.today), 1)
            day += _days(42)

    def save(self) -> None:
        Case.objects.bulk_update(self.cases, ["team", "worker"], batch_size=2000)
        for model in (Contact, Allocation, care.LegalStatusChange, Placement, care.CareReview,
                      care.Recommendation, care.MissingEpisode, care.CheckRecord):  # fmt: skip
            model._default_manager.bulk_create(self.rows.pop(model, []), batch_size=2000)
        self.cases = []
        self.writer.save()


def _unaccompanied(demo: Demo, n: int) -> list[tuple[int, str, date]]:
    """Young people who arrived alone, have no family here and have turned 18 since."""
    rng, people, homes = demo.rng, [], []
    used: set[str] = demo.built.setdefault("used nhs", set())
    for _ in range(n):
        nhs = next(n for n in iter(lambda: demo_nhs_number(rng), "") if n not in used)
        used.add(nhs)
        ethnicity, language = rng.choice(UASC_FROM)
        town = rng.choice(TOWNS)
        where = f"{rng.choice(demo.postcode_districts[town])} {rng.randint(1, 9)}AB"
        homes.append(Address(line_1="Flat 3, Rowan House", town=town, postcode=where))
        people.append(Person(
            first_name=rng.choice(UASC_NAMES), family_name=rng.choice(UASC_FAMILY),
            date_of_birth=demo.today - _days(18 * 365 + rng.randint(40, 240)),
            date_of_birth_is_estimated=rng.random() < 0.5, sex=rng.choice("MMMMMMMMMF"),
            ethnicity=ethnicity, first_language=language, needs_interpreter=True,
            immigration_status="Asylum seeker, arrived unaccompanied", nhs_number=nhs,
            upn_unknown="UN2", disabilities=["NONE"],
        ))  # fmt: skip
    Address.objects.bulk_create(homes)
    Person.objects.bulk_create(people)
    for person, home in zip(people, homes, strict=True):
        Residence.objects.create(person=person, address=home, kind="placement")
        index_names(person)
    return [(p.pk, p.first_name, p.date_of_birth) for p in people if p.date_of_birth]


def build(demo: Demo) -> None:
    if not demo.built.get("social_workers") or not User.objects.filter(role=Role.CHAIR).exists():
        return
    story, rng, today = _Care(demo), demo.rng, demo.today
    add_places()  # how far each placement is from home
    wanted = max(AT_LEAST, round(demo.children * SHARE))
    planted = {pk for pair in demo.built.get("planted_duplicates", []) for pk in pair}
    known = set(Case.objects.values_list("child_id", flat=True)) | planted
    young = Person.objects.filter(date_of_birth__gt=demo.years_ago(17.6), date_of_death=None)
    children = [
        (pk, first, born)
        for pk, first, born in young.order_by("pk").values_list("pk", "first_name", "date_of_birth")
        if pk not in known and born is not None and born < today - _days(30)
    ]
    alone = max(2, wanted // 20)
    chosen = rng.sample(children, min(wanted - alone, len(children)))
    chosen += _unaccompanied(demo, alone)
    periods = 0
    for n, (pk, first, born) in enumerate(chosen):
        if n >= len(chosen) - alone:  # arrived at 15 to 17; care ends at 18, moving on
            start = story.between(born + _days(5660), born + _days(6300))
            case = story.case(pk, first, born, start, n)
            leap = (born.month, born.day) == (2, 29)
            adult = born.replace(year=born.year + 18, day=28 if leap else born.day)
            decided = adult - _days(rng.randint(30, 300))  # leave to remain, say
            until = decided if decided < adult and rng.random() < 0.3 else rng.choice([adult, None])
            more = {"unaccompanied": True, "unaccompanied_until": until, "previous": "Z1"}
            story.paperwork(story.period(case, born, start, adult, end_reason="E5", **more), first)
            periods += 1
            continue
        start = story.between(max(born + _days(1), today - _days(2900)), today - _days(21))
        case = story.case(pk, first, born, start, n)
        while True:
            end = None
            if (today - start).days > 120 and rng.random() < 0.25:
                end = story.between(start + _days(60), today - _days(7))
            story.paperwork(story.period(case, born, start, end), first)
            periods += 1
            if end is None or rng.random() < 0.5:
                break
            # Back in care, in a later year (the community validator's rule SW12 cannot yet
            # tell two periods in one year from a social worker left out).
            start = max(end + _days(rng.randint(14, 300)), date(end.year + (end.month > 3), 4, 1))
            if start > today - _days(40):
                break
        if n % 500 == 499:
            story.save()
    story.save()
    demo.count("looked-after children", len(chosen))
    demo.count("periods of care", periods)
