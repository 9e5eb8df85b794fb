"""The demo's adoptions, at every step: the agency decision maker's decision, the placement
order, the match with adopters (sometimes the child's own foster carers), placed for adoption,
the adoption order, and plans that ended (the court made no placement order, no adopters came
forward, the adopters' placement ended). Each step is the action a worker's page calls, so the
legal status, the placements, the 903's episodes and the journey agree."""

from __future__ import annotations

from datetime import date
from typing import Any

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care import actions as care_actions
from kith.care.codes import ADOPTION, FOSTER_CARE
from kith.care.demo import HERE, _age, _Care, _days
from kith.care.models import CarePeriod, Placement
from kith.cases.models import Case
from kith.demo.builder import Demo
from kith.people.models import Person
from kith.permanence import actions
from kith.permanence import demo_words as words
from kith.permanence.demo_endings import close_case, end_care_on, fresh, last_change
from kith.recording.demo import _Writer

# The stages every demo shows, the ones needing longest in care first; then more journeys in
# roughly the proportions an authority sees.
STAGES = ["adopted", "disrupted", "matched", "placed", "no_adopters", "order", "refused", "decided"]
MORE = ["placed", "order", "adopted", "decided", "matched", "adopted", "placed", "order"]
SHARE = 0.5  # of the young children on a care order with no plan for adoption yet
ENDS = {"refused": "RD2", "no_adopters": "RD3"}  # the court made no order; no adopters
ORDER = ["decided", "order", "matched", "placed", "disrupted", "ended"]


class Adoptions:
    def __init__(self, demo: Demo, writer: _Writer) -> None:
        self.demo, self.rng, self.today, self.writer = demo, demo.rng, demo.today, writer
        heads = User.objects.filter(role=Role.HEAD_OF_SERVICE).order_by("pk")
        self.makers = [f"{u.get_full_name()}, agency decision maker" for u in heads]
        self.taken: set[int] = set()
        self.carers = False  # foster carers adopting: every demo shows it

    def by(self, period: CarePeriod) -> User:
        return period.case.worker or User.objects.get(pk=period.recorded_by_id)

    def build(self) -> None:
        pool = self.candidates()
        if len(pool) < len(STAGES):  # a small authority: a few more young children in care
            self.bring_into_care(len(STAGES) - len(pool) + 2)
        self.existing()
        pool = self.candidates()
        wanted = max(len(STAGES), round(len(pool) * SHARE))
        for stage in (STAGES + MORE * (wanted // len(MORE) + 1))[:wanted]:
            for period in pool:
                if period.pk in self.taken:
                    continue
                dates = self.schedule(stage, period)
                if dates is not None:
                    self.carry_out(period, dates, stage)
                    break

    def candidates(self) -> list[CarePeriod]:
        """Young children on a care order (interim or full) with no plan for adoption yet,
        longest in care first."""
        found = []
        for period in (
            CarePeriod.objects.filter(ended_on__isnull=True, unaccompanied=False)
            .exclude(pk__in=self.taken)
            .select_related("case__worker", "child")
            .prefetch_related("statuses", "adoption_plans", "missing_episodes")
            .order_by("started_on", "pk")
        ):
            born, statuses = period.child.date_of_birth, [s.status for s in period.statuses.all()]
            if born is None or not statuses or statuses[-1] not in ("C1", "C2") or "E1" in statuses:
                continue
            if _age(born, period.started_on) >= 5 or _age(born, self.today) >= 8:
                continue
            if period.adoption_plans.all() or any(
                e.still_missing for e in period.missing_episodes.all()
            ):
                continue
            found.append(period)
        return found

    def bring_into_care(self, n: int) -> None:
        demo, rng, today = self.demo, self.rng, self.today
        story = _Care(demo)
        story.still_missing = True
        planted = {pk for pair in demo.built.get("planted_duplicates", []) for pk in pair}
        known = set(Case.objects.values_list("child_id", flat=True)) | planted
        young = Person.objects.filter(
            date_of_birth__gt=demo.years_ago(4.5),
            date_of_birth__lt=demo.years_ago(1.3),
            date_of_death=None,
        ).order_by("pk")
        found = young.values_list("pk", "first_name", "date_of_birth")
        pool = [(pk, first, born) for pk, first, born in found if pk not in known and born]
        for pk, first, born in rng.sample(pool, min(n, len(pool))):
            start = story.between(max(born + _days(30), today - _days(900)), today - _days(420))
            case = story.case(pk, first, born, start, 99)
            story.paperwork(story.period(case, born, start, None, previous="Z1"), first)
        story.save()
        demo.count("looked-after children", min(n, len(pool)))

    def existing(self) -> None:
        """The care step's placement orders, the child placed with adopters 10 weeks on: the
        decision before, the match between, and for most placed long enough, adopted."""
        rng, today = self.rng, self.today
        for period in (
            CarePeriod.objects.filter(ended_on__isnull=True, statuses__status="E1")
            .distinct()
            .select_related("case__worker", "child")
            .prefetch_related("statuses", "placements", "adoption_plans")
            .order_by("pk")
        ):
            if period.adoption_plans.all():
                continue
            order = next(s.started_on for s in period.statuses.all() if s.status == "E1")
            decided = max(period.started_on, order - _days(rng.randint(20, 120)))
            dates = {"decided": decided, "order": order}
            placed = next(
                (p.started_on for p in period.placements.all() if p.kind in ADOPTION), None
            )
            if placed is not None and placed >= order:
                dates["placed"] = placed
                dates["matched"] = max(order, placed - _days(rng.randint(7, 35)))
                if placed <= today - _days(100) and (
                    placed < today - _days(400) or rng.random() < 0.8
                ):
                    dates["adopted"] = min(placed + _days(rng.randint(90, 300)), today - _days(2))
            reached = next(k for k in ("adopted", "placed", "order") if k in dates)
            self.carry_out(period, dates, reached, had=True)

    def schedule(self, stage: str, period: CarePeriod) -> dict[str, date] | None:
        """The dates of a journey to `stage`, worked back from today; None if the period has
        no room (a new legal status or placement comes after the last one)."""
        rng, today = self.rng, self.today

        def back(day: date, lo: int, hi: int) -> date:
            return day - _days(rng.randint(lo, hi))

        d: dict[str, date] = {}
        if stage == "adopted":
            d["adopted"] = back(today, 3, 540)
            d["placed"] = back(d["adopted"], 80, 260)
        elif stage == "placed":
            d["placed"] = back(today, 10, 200)
        elif stage == "disrupted":
            d["ended"] = back(today, 10, 150)
            d["disrupted"] = back(d["ended"], 7, 40)
            d["placed"] = back(d["disrupted"], 30, 150)
        elif stage == "matched":
            d["matched"] = back(today, 3, 60)
        elif stage == "order":
            d["order"] = back(today, 5, 170)
        elif stage == "no_adopters":
            d["ended"] = back(today, 5, 90)
            d["order"] = back(d["ended"], 200, 400)
        elif stage == "refused":
            d["ended"] = back(today, 10, 150)
            d["decided"] = back(d["ended"], 60, 200)
        if "placed" in d:
            d["matched"] = back(d["placed"], 7, 35)
        if "matched" in d:
            d["order"] = back(d["matched"], 20, 170)
        if "order" in d:
            d["decided"] = back(d["order"], 20, 120)
        d.setdefault("decided", back(today, 5, 100))
        d["decided"] = max(d["decided"], period.started_on + _days(21))
        steps = [d[k] for k in ORDER if k in d]
        if steps != sorted(steps) or max(d.values()) >= today:
            return None
        if d.get("adopted", date.max) <= d.get("placed", date.min):
            return None
        free = last_change(period)
        statuses = [s.started_on for s in period.statuses.all()]
        if "order" in d and d["order"] <= max(statuses, default=period.started_on):
            return None
        if "placed" in d and d["placed"] <= free:
            return None
        return d

    def carry_out(
        self, period: CarePeriod, d: dict[str, date], stage: str, *, had: bool = False
    ) -> None:
        rng, name, by = self.rng, period.child.first_name, self.by(period)
        plan = actions.decide_adoption(
            period,
            by=by,
            decided_on=d["decided"],
            decision_maker=rng.choice(self.makers or ["The agency decision maker"]),
            note=words.DECISION.format(name=name),
        )
        if "order" in d and not had:
            care_actions.change_legal_status(
                fresh(period), by=by, version=None, status="E1", started_on=d["order"]
            )
        before = Placement.objects.filter(period=period).order_by("started_on", "pk").last()
        assert before is not None
        carers = stage != "disrupted" and before.kind in FOSTER_CARE and not had
        carers = carers and (rng.random() < 0.3 or not self.carers)  # some, and at least one
        self.carers = self.carers or carers
        if "matched" in d:
            plan = actions.record_match(
                plan,
                by=by,
                version=None,
                matched_on=d["matched"],
                foster_carers_adopting=carers,
                **self.adopters(),
            )
        if "placed" in d and not had:
            move = self.with_adopters(before, carers)
            care_actions.record_move(
                fresh(period), by=by, version=None, started_on=d["placed"], **move
            )
        if "disrupted" in d:
            back = {k: getattr(before, k) for k in ("kind", "provider", "carer", "urn")}
            back |= {"postcode": before.postcode, "home_postcode": before.home_postcode}
            care_actions.record_move(
                fresh(period),
                by=by,
                version=None,
                change_reason="CREQO",
                started_on=d["disrupted"],
                **back,
            )
        if "ended" in d:
            reason = {"refused": "RD2", "no_adopters": "RD3"}.get(stage) or rng.choice(
                ["RD1", "RD4"]
            )
            actions.no_longer_adoption(
                plan, by=by, version=None, ended_on=d["ended"], end_reason=reason
            )
            plan.note += "\n\n" + words.ENDED[reason].format(name=name)
            plan.save(update_fields=["note"])
            statuses = list(fresh(period).statuses.all())
            if (
                reason == "RD2"
                and statuses[-1].status == "C1"
                and statuses[-1].started_on < d["ended"]
            ):
                care_actions.change_legal_status(
                    fresh(period), by=by, version=None, status="C2", started_on=d["ended"]
                )
        if "adopted" in d:
            self.adopted(period, d["adopted"], by)
        self.taken.add(period.pk)

    def adopted(self, period: CarePeriod, day: date, by: User) -> None:
        rng, name = self.rng, period.child.first_name
        reason = rng.choice(["E11", "E11", "E12"])
        end_care_on(period, day, reason, by=by, note="The adoption order was made.")
        closed = min(day + _days(rng.randint(14, 60)), self.today - _days(1))
        close_case(
            period.case_id,
            max(closed, day),
            "RC1",
            writer=self.writer,
            summary=words.ADOPTED_SUMMARY.format(name=name),
            onward=words.ADOPTION_SUPPORT,
        )

    def with_adopters(self, before: Placement, carers: bool) -> dict[str, Any]:
        """The move to prospective adopters: the foster carers themselves (A5, the same
        carers), or new ones the regional adoption agency found (A6, URN XXXXXXX)."""
        common = {"provider": "PR1", "urn": "XXXXXXX", "home_postcode": before.home_postcode}
        if carers:
            return common | {
                "kind": "A5",
                "carer": before.carer,
                "postcode": before.postcode,
                "same_carer": True,
                "change_reason": "CARPL",
            }
        elsewhere = [p for p in HERE if p != before.home_postcode]
        return common | {
            "kind": "A6",
            "carer": "Prospective adopters",
            "postcode": self.rng.choice(elsewhere),
            "change_reason": "CARPL",
        }

    def adopters(self) -> dict[str, Any]:
        rng = self.rng
        sex = rng.choices(["MF", "FF", "MM", "F1", "M1"], [68, 10, 7, 13, 2])[0]
        if sex in ("F1", "M1"):
            return {"adopters_number": 1, "adopters_sex": sex, "adopters_legal_status": "L0"}
        legal = rng.choice(
            ["L11", "L11", "L11", "L3"] if sex == "MF" else ["L12", "L12", "L2", "L4"]
        )
        return {"adopters_number": 2, "adopters_sex": sex, "adopters_legal_status": legal}
