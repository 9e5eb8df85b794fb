"""The demo's young people looked after into their late teens, besides those the care step
brought into care: more 16- and 17-year-olds in care (eligible) and some who left care at 16
or 17 (relevant), children of the authority's own families; and young adults, people of their
own as the unaccompanied children are, in care from their early teens and leaving at 18 (or a
little before), some now 21 to 24 and supported to 25, and one who has died. Each has the care
story the care step writes (care/demo.py), and leaves care at 18 the way their last placement
suggests: staying put with foster carers, staying close to their children's home, or moving
on to a flat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kith.care.codes import FOSTER_CARE, TEMPORARY
from kith.care.demo import HERE, HOMES, _Care, _days
from kith.care.models import CarePeriod, Placement
from kith.cases.models import Case
from kith.demo.builder import Demo
from kith.leaving_care.status import birthday
from kith.people.actions import index_names
from kith.people.demo.families import DISABILITIES, ETHNICITY_WEIGHTS, _address
from kith.people.identifiers import demo_nhs_number
from kith.people.models import Person, Residence

YEAR = 365.25


@dataclass
class Young:
    """One young person whose care story was written here, and how it ended."""

    person_id: int
    first: str
    born: date
    period_id: int = 0
    route: str = ""  # "staying_put" or "staying_close" from 18, or ""
    to_25: bool = False
    died_on: date | None = None


def _years(n: float) -> timedelta:
    return timedelta(days=round(n * YEAR))


class Histories:
    def __init__(self, demo: Demo) -> None:
        self.demo, self.rng, self.today = demo, demo.rng, demo.today
        self.story = _Care(demo)
        self.story.still_missing = True  # the care step has the one still missing
        self.made: list[Young] = []
        planted = {pk for pair in demo.built.get("planted_duplicates", []) for pk in pair}
        self.known = set(Case.objects.values_list("child_id", flat=True)) | planted

    def children(self, youngest: float, oldest: float, n: int) -> list[tuple[int, str, date]]:
        """`n` children of the authority's families, of these ages, never known to us."""
        people = Person.objects.filter(
            date_of_birth__gt=self.demo.years_ago(oldest),
            date_of_birth__lt=self.demo.years_ago(youngest),
            date_of_death=None,
        ).order_by("pk")
        pool = [
            (pk, first, born)
            for pk, first, born in people.values_list("pk", "first_name", "date_of_birth")
            if pk not in self.known and born is not None
        ]
        chosen = self.rng.sample(pool, min(n, len(pool)))
        self.known |= {pk for pk, _, _ in chosen}
        return chosen

    def eligible(self, n: int) -> None:
        """In care now, at 16 or 17, since their early or mid teens."""
        for pk, first, born in self.children(16.05, 17.95, n):
            latest = min(born + _years(16.5), self.today - _days(120))
            start = self.story.between(born + _years(13.5), latest)
            self.write(Young(pk, first, born), start, None, "")

    def relevant(self, n: int) -> None:
        """Left care at 16 or 17: to supported lodgings, to family, or home unplanned."""
        for pk, first, born in self.children(16.6, 17.95, n):
            start = self.story.between(born + _years(14), born + _years(15.9))
            earliest = max(born + _years(16.2), start + _days(150))
            end = self.story.between(earliest, self.today - _days(30))
            reason = self.rng.choice(["E5", "E5", "E13", "E4B"])
            self.write(Young(pk, first, born), start, end, reason)

    def adults(self, n: int, youngest: float, oldest: float, *, to_25: bool = False) -> None:
        """Young adults who were in care from their early teens, most until 18."""
        for person in self.people(n, youngest, oldest):
            born = person.date_of_birth
            assert born is not None
            young = Young(person.pk, person.first_name, born, to_25=to_25)
            start = self.story.between(born + _years(13), born + _years(16.4))
            if self.rng.random() < 0.15 and not to_25:  # left a little before 18
                earliest = max(born + _years(16.5), start + _days(200))  # 13 weeks and more
                end = self.story.between(earliest, born + _years(17.8))
                self.write(young, start, end, self.rng.choice(["E5", "E13"]))
            else:
                self.write(young, start, birthday(born, 18), "")

    def died(self) -> None:
        """A young man who left care at 18 and died before his 21st birthday."""
        for person in self.people(1, 23.4, 24.3, sex="M"):
            born = person.date_of_birth
            assert born is not None
            died = birthday(born, 20) + _days(300 + self.rng.randint(0, 30))
            young = Young(person.pk, person.first_name, born, died_on=died)
            start = self.story.between(born + _years(13.5), born + _years(15.5))
            self.write(young, start, birthday(born, 18), "")
            person.date_of_death = died
            person.save(update_fields=["date_of_death"])

    def write(self, young: Young, start: date, end: date | None, reason: str) -> None:
        story = self.story
        case = story.case(young.person_id, young.first, young.born, start, 99)
        ending = {"end_reason": reason or "E5"} if end is not None else {}
        period = story.period(case, young.born, start, end, previous="Z1", **ending)
        if end is not None and not reason:
            reason = self.leave_at_18(young, period)
            CarePeriod.objects.filter(pk=period.pk).update(end_reason=reason)
        story.paperwork(period, young.first)
        young.period_id = period.pk
        self.made.append(young)

    def leave_at_18(self, young: Young, period: CarePeriod) -> str:
        """How care ends at 18, from the last placement; the first to leave a foster home stays
        put, and the first from a children's home stays close (so every demo shows both)."""
        rng = self.rng
        rows = [r for r in self.story.rows[Placement] if r.period_id == period.pk]
        routes = {y.route for y in self.made}
        settled = len(rows) < 2 or rows[-2].kind not in TEMPORARY
        if "staying_put" not in routes and settled and young.died_on is None:
            self.settle(rows, "U4")
        elif "staying_close" not in routes and settled and young.died_on is None:
            self.settle(rows, "K2")
        kind = rows[-1].kind
        if kind in FOSTER_CARE and ("staying_put" not in routes or rng.random() < 0.6):
            young.route = "staying_put"
            return "E17"
        if kind in ("K2", "R1") and ("staying_close" not in routes or rng.random() < 0.5):
            young.route = "staying_close"
            return "E5"
        if kind == "P1":
            return "E8"  # already living at home when the care order ended
        return rng.choice(["E5", "E5", "E6"])

    def settle(self, rows: list[Placement], kind: str) -> None:
        """The last placement made the kind this young person's leaving needs (a long-term
        foster home, or a children's home), before it is saved."""
        row = rows[-1]
        if row.kind == kind or (kind == "U4" and row.kind in FOSTER_CARE):
            return
        rng = self.rng
        if row.same_carer:  # new carers now, so not the same carers' change of status
            row.same_carer = False
            rows[-2].change_reason = "CARPL"
        row.kind, row.provider, row.postcode = kind, "PR1", rng.choice(HERE)
        row.urn = str(rng.randrange(2_000_000, 2_999_999))
        if kind == "U4":
            row.carer, row.meant_until_18 = f"Mr and Mrs {rng.choice(self.demo.family_names)}", True
        else:
            row.carer, row.meant_until_18 = rng.choice(HOMES), False

    def people(self, n: int, youngest: float, oldest: float, sex: str = "") -> list[Person]:
        """Young adults of their own (their families are not the authority's demo families)."""
        demo, rng = self.demo, self.rng
        used: set[str] = demo.built.setdefault("used nhs", set())
        ethnicities, weights = zip(*ETHNICITY_WEIGHTS, strict=True)
        people, homes = [], []
        for _ in range(n):
            nhs = next(n for n in iter(lambda: demo_nhs_number(rng), "") if n not in used)
            used.add(nhs)
            female = sex == "F" or (not sex and rng.random() < 0.45)
            first = rng.choice(demo.first_names_female if female else demo.first_names_male)
            people.append(
                Person(
                    first_name=first,
                    family_name=rng.choice(demo.family_names),
                    date_of_birth=demo.years_ago(rng.uniform(youngest, oldest)),
                    sex="F" if female else "M",
                    ethnicity=rng.choices(ethnicities, weights)[0],
                    first_language="English",
                    nhs_number=nhs,
                    upn_unknown=rng.choice(["UN2", "UN3", "UN5"]),  # adults: no UPN kept
                    disabilities=["NONE"]
                    if rng.random() < 0.85
                    else sorted(rng.sample(DISABILITIES, 1)),
                )
            )
            homes.append(_address(demo, welsh=False))
        for home in homes:
            home.save()
        Person.objects.bulk_create(people)
        Residence.objects.bulk_create(
            Residence(person=p, address=h, start_date=birthday(p.date_of_birth, 18))
            for p, h in zip(people, homes, strict=True)
            if p.date_of_birth
        )
        for person in people:
            index_names(person)
        return people

    def save(self) -> list[Young]:
        self.story.save()
        return self.made
