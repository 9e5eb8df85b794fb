"""Each demo care leaver's support: the personal adviser, contact (most recent within 8 weeks,
some overdue), the check around each birthday from 17 to 21 (in its window, with answers the
903's rules accept, checked by the rules a worker's page uses) and staying put or staying
close. Written in bulk, as the care step writes its records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kith.accounts.models import User
from kith.care.codes import FOSTER_CARE
from kith.care.demo import _at, _days
from kith.care.models import CarePeriod, Placement
from kith.demo.builder import Demo
from kith.leaving_care import demo_words as words
from kith.leaving_care.codes import InTouch
from kith.leaving_care.models import AdviserContact, BirthdayCheck, CareLeaver, LivingArrangement
from kith.leaving_care.rules import AGES, check_problems, window
from kith.leaving_care.status import birthday

OVERDUE = 0.1  # of young people whose adviser has not reached them for over 8 weeks
METHODS = ["met"] * 9 + ["phone"] * 5 + ["message"] * 4 + ["video", "tried"]
# Where a young person still in care lives, as the check's accommodation letter.
IN_CARE = {"K1": "C", "K2": "C", "R1": "C", "S1": "C", "K3": "D", "P1": "B"}
IN_CARE |= dict.fromkeys(("U1", "U2", "U3"), "B") | dict.fromkeys(("U4", "U5", "U6"), "Y")
NOT_SUITABLE = {"S", "X", "W", "V", "R"}


@dataclass
class Leaver:
    """A care leaver and what their support is written from."""

    child_id: int
    first: str
    born: date
    case_id: int
    periods: list[CarePeriod]
    eligible_on: date
    route: str = ""
    to_25: bool = False
    died_on: date | None = None
    support: CareLeaver | None = None
    arrangement: LivingArrangement | None = None
    slots: list[BirthdayCheck] = field(default_factory=list)

    @property
    def left_on(self) -> date | None:
        return self.periods[-1].ended_on

    def arranged_on(self, day: date) -> str:
        """Staying put or staying close on `day`, if they were."""
        a = self.arrangement
        if a is None or day < a.started_on or (a.ended_on is not None and day >= a.ended_on):
            return ""
        return a.kind

    def placement_on(self, day: date) -> Placement | None:
        """The placement they were in on `day`, if they were looked after then."""
        for period in self.periods:
            if period.started_on <= day and (period.ended_on is None or day < period.ended_on):
                found = [p for p in period.placements.all() if p.started_on <= day]
                return found[-1] if found else None
        return None


class Support:
    def __init__(self, demo: Demo, advisers: list[User]) -> None:
        self.demo, self.rng, self.today, self.advisers = demo, demo.rng, demo.today, advisers

    def write(self, leavers: list[Leaver]) -> None:
        rng, today = self.rng, self.today
        for leaver in leavers:
            started = min(leaver.eligible_on + _days(rng.randint(0, 21)), today)
            adviser = rng.choice(self.advisers)
            since = started
            if rng.random() < 0.2 and (today - started).days > 400:  # a new adviser since
                since = self.demo.date_between(started + _days(200), today - _days(60))
            case_worker = leaver.periods[-1].case.worker_id or adviser.pk
            leaver.support = CareLeaver(
                child_id=leaver.child_id, case_id=leaver.case_id, adviser=adviser,
                adviser_since=since, started_on=started, recorded_by_id=case_worker,
                recorded_at=_at(started, 11),
                to_25_asked_on=birthday(leaver.born, 21) - _days(rng.randint(10, 150))
                if leaver.to_25 else None,
                ended_on=leaver.died_on, end_reason="died" if leaver.died_on else "",
            )  # fmt: skip
        CareLeaver.objects.bulk_create([lv.support for lv in leavers if lv.support])
        contacts: list[AdviserContact] = []
        settled = [lv for lv in leavers if not lv.died_on and (today - lv.eligible_on).days > 200]
        overdue = {id(lv) for lv in settled if rng.random() < OVERDUE}
        if not overdue and settled:
            overdue = {id(rng.choice(settled))}
        for leaver in leavers:
            contacts += self.contacts(leaver, id(leaver) in overdue)
            leaver.arrangement = self.arrangement(leaver)
        AdviserContact.objects.bulk_create(contacts, batch_size=2000)
        LivingArrangement.objects.bulk_create(
            [lv.arrangement for lv in leavers if lv.arrangement], batch_size=2000
        )
        for leaver in leavers:
            self.slots(leaver)
        self.answer([s for lv in leavers for s in lv.slots], leavers)
        BirthdayCheck.objects.bulk_create([s for lv in leavers for s in lv.slots], batch_size=2000)
        self.demo.count("care leavers", len(leavers))
        self.demo.count("adviser contacts", len(contacts))
        self.demo.count("birthday checks", sum(len(lv.slots) for lv in leavers))

    def contacts(self, leaver: Leaver, overdue: bool) -> list[AdviserContact]:
        """Every few weeks from the day support began; for a few, not for over 8 weeks now."""
        rng, support = self.rng, leaver.support
        assert support is not None and support.adviser is not None
        until = leaver.died_on or self.today
        if overdue:
            until = self.today - _days(rng.randint(60, 110))
        others = [a for a in self.advisers if a != support.adviser] or [support.adviser]
        before = rng.choice(others)
        found, day = [], support.started_on + _days(rng.randint(3, 20))
        while day < until:
            by = support.adviser if day >= (support.adviser_since or day) else before
            method = rng.choice(METHODS)
            quote = rng.choice(words.IN_CARE if leaver.placement_on(day) else words.AFTER)
            note = words.TRIED if method == "tried" else quote
            found.append(
                AdviserContact(leaver=support, contacted_on=day, method=method, note=note,
                               recorded_by=by, recorded_at=_at(day, 17))
            )  # fmt: skip
            day += _days(rng.randint(20, 50))
        if overdue:
            day = self.today - _days(rng.randint(3, 20))
            found.append(AdviserContact(leaver=support, contacted_on=day, method="tried",
                                        note=words.TRIED, recorded_by=support.adviser,
                                        recorded_at=_at(day, 17)))  # fmt: skip
        return found

    def arrangement(self, leaver: Leaver) -> LivingArrangement | None:
        """Staying put with the foster carers, or staying close to the children's home, from
        the day care ended at 18; for most, to 21 or until they moved on."""
        rng, left = self.rng, leaver.left_on
        if not leaver.route or left is None or leaver.support is None:
            return None
        last = list(leaver.periods[-1].placements.all())[-1]
        ended = None
        if rng.random() < 0.35 or leaver.died_on or birthday(leaver.born, 21) <= self.today:
            ended = min(left + _days(rng.randint(200, 1000)), birthday(leaver.born, 21))
            ended = min(ended, leaver.died_on or ended)
            ended = ended if ended < self.today - _days(7) else None
        with_whom = last.carer
        if leaver.route == "staying_close":
            with_whom = f"A flat near {last.carer}, with its staff nearby"
        return LivingArrangement(
            leaver=leaver.support, kind=leaver.route, started_on=left, ended_on=ended,
            with_whom=with_whom, recorded_by=leaver.support.adviser, recorded_at=_at(left, 12),
        )  # fmt: skip

    def slots(self, leaver: Leaver) -> None:
        """A check around each birthday from 17 to 21 whose day has come (and some whose
        window has opened), in the window and while supported."""
        rng, support, died = self.rng, leaver.support, leaver.died_on
        assert support is not None
        for age in AGES:
            first, last = window(leaver.born, age)
            day = birthday(leaver.born, age)
            earliest = max(first, support.started_on)
            if last < support.started_on or first > self.today or (died and first > died):
                continue
            if died is not None and day > died:  # recorded after they died
                earliest = max(earliest, died + _days(7))
            elif day > self.today and rng.random() < 0.5:
                continue  # the window is open, the check not made yet
            checked = self.demo.date_between(earliest, min(last, self.today))
            leaver.slots.append(
                BirthdayCheck(leaver=support, age=age, checked_on=checked, in_touch="YES",
                              recorded_by=support.adviser, recorded_at=_at(checked, 16))
            )  # fmt: skip

    def answer(self, slots: list[BirthdayCheck], leavers: list[Leaver]) -> None:
        """How each was doing: in touch for most, and every other answer somewhere (a check
        after leaving care, at 18 or over, takes each one missing); died only for the young
        man who did."""
        rng = self.rng
        whose = {id(s): lv for lv in leavers for s in lv.slots}
        out = [s for s in slots if whose[id(s)].placement_on(s.checked_on) is None]
        for s in out:
            lv = whose[id(s)]
            if lv.died_on is not None and s.checked_on > lv.died_on:
                s.in_touch = InTouch.DIED
                continue
            home = lv.periods[-1].end_reason in ("E4B", "E13")
            r = rng.random()
            if home and (s.checked_on - (lv.left_on or s.checked_on)).days > 183 and r < 0.5:
                s.in_touch = InTouch.RETURNED_HOME
            elif r < 0.06:
                s.in_touch = InTouch.NO
            elif r < 0.09:
                s.in_touch = InTouch.REFUSED
            elif r < 0.14 and s.age >= 19:
                s.in_touch = InTouch.NOT_NEEDED
        present = {s.in_touch for s in slots}
        spare = [s for s in out if s.in_touch == "YES" and not whose[id(s)].died_on]
        spare = [
            s for s in spare if s.age >= 18 and not whose[id(s)].arranged_on(s.checked_on)
        ] or spare
        for code in (InTouch.NO, InTouch.REFUSED, InTouch.NOT_NEEDED, InTouch.RETURNED_HOME):
            if code not in present and spare:
                spare.pop(rng.randrange(len(spare))).in_touch = code
        for s in slots:
            self.fill(s, whose[id(s)])
            found = check_problems(
                whose[id(s)].born, s.age, s.checked_on, s.in_touch, s.activity,
                s.accommodation, s.suitable,
            )  # fmt: skip
            assert not found, (s.age, s.in_touch, s.accommodation, found)

    def fill(self, s: BirthdayCheck, lv: Leaver) -> None:
        """Their main activity and where they live, as the answer allows."""
        rng = self.rng
        if s.in_touch in (InTouch.DIED, InTouch.RETURNED_HOME):
            return
        if s.in_touch in (InTouch.NO, InTouch.REFUSED):
            s.accommodation, s.suitable = "R", False  # not known
            return
        placement = lv.placement_on(s.checked_on)
        if placement is not None:
            s.activity = rng.choice(["F2"] * 6 + ["P2", "F4", "G5", "G5", "G4"])
            s.accommodation = IN_CARE.get(placement.kind, "Y")
            s.suitable = rng.random() < 0.96
            return
        s.activity = rng.choice(
            ["F1", "F1", "F2", "F4", "F5", "F5", "P5", "G4", "G5", "G5", "G6"]
            if s.age >= 19
            else ["F2", "F2", "F2", "F4", "P5", "G5", "G6"]
        )
        if s.in_touch == InTouch.NOT_NEEDED:
            s.activity = rng.choice(["F1", "F5", "F4"])
        s.accommodation = self.home(s, lv)
        if s.accommodation in "SVWX":  # homeless, in a hostel or in custody: not in work
            s.activity = rng.choice(["G5", "G5", "G4"])
        s.suitable = s.accommodation not in NOT_SUITABLE and (
            s.accommodation == "Z" or rng.random() < 0.94
        )

    def home(self, s: BirthdayCheck, lv: Leaver) -> str:
        rng, arranged = self.rng, lv.arranged_on(s.checked_on)
        if arranged:
            return "Z" if arranged == "staying_put" and s.age >= 18 else rng.choice("DU")
        if s.in_touch == InTouch.NOT_NEEDED:
            return rng.choice("UUB")
        if s.age < 18:
            return rng.choice("DDDEEBK")
        last = list(lv.periods[-1].placements.all())[-1].kind
        if s.age == 18 and last in FOSTER_CARE and rng.random() < 0.3:
            return "E"  # supported lodgings
        if rng.random() < 0.1:  # a hard time: a hostel, bed and breakfast, homeless, custody
            return rng.choice("VVWWSX")
        return rng.choice("UUUUUUDDDBBBEETKR" if s.age >= 19 else "DDDEEUUBTK")
