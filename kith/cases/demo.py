"""The demo authority's front door and caseloads: years of contacts (most ending in no further
action, advice or early help), the referrals among them that opened cases, and who holds each
case now. Each case gets a stage of its story; the recording app's demo step then writes the
records that stage needs (recording/demo.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.cases.codes import ClosureReason, Consent, ContactOutcome, ReferralSource
from kith.cases.models import Allocation, Case, Contact
from kith.demo.builder import Demo
from kith.lib.working_days import add_working_days
from kith.people.models import Person

# Of every hundred children, how many are ever the subject of a contact, and of those contacts
# how many become referrals (roughly the national picture: most contacts end at the front door).
CONTACT_SHARE = 0.3
REFERRAL_SHARE = 0.35
HISTORY_YEARS = 4
NAMED_WORKER_CASES = 12

SOURCE_WEIGHTS = [
    (ReferralSource.POLICE, 28),
    (ReferralSource.SCHOOL, 20),
    (ReferralSource.HEALTH_VISITOR, 5),
    (ReferralSource.GP, 4),
    (ReferralSource.A_AND_E, 3),
    (ReferralSource.FAMILY, 7),
    (ReferralSource.SELF, 1),
    (ReferralSource.ACQUAINTANCE, 3),
    (ReferralSource.HOUSING, 3),
    (ReferralSource.LA_SOCIAL_CARE, 5),
    (ReferralSource.EARLY_HELP, 6),
    (ReferralSource.OTHER, 5),
    (ReferralSource.ANONYMOUS, 3),
    (ReferralSource.UNKNOWN, 1),
]
REFERRERS = {
    ReferralSource.POLICE: ("PC Jordan Lewis", "Westholm Police"),
    ReferralSource.SCHOOL: ("Mrs Anwen Price", "designated safeguarding lead"),
    ReferralSource.HEALTH_VISITOR: ("Gemma Rowlands", "Health visiting team"),
    ReferralSource.GP: ("Dr Hassan", "Mill Road Surgery"),
    ReferralSource.A_AND_E: ("Charge nurse", "Westholm General A&E"),
    ReferralSource.FAMILY: ("The child's grandmother", ""),
    ReferralSource.SELF: ("The young person", ""),
    ReferralSource.ACQUAINTANCE: ("A neighbour", ""),
    ReferralSource.HOUSING: ("Tenancy officer", "Caerwen Homes"),
    ReferralSource.LA_SOCIAL_CARE: ("Adult social care duty worker", "Adult social care"),
    ReferralSource.EARLY_HELP: ("Family support worker", "Early help hub"),
    ReferralSource.OTHER: ("Project worker", "Women's Aid refuge"),
    ReferralSource.ANONYMOUS: ("Anonymous caller", ""),
    ReferralSource.UNKNOWN: ("Not recorded", ""),
}
WORRIES = [
    "Police attended a domestic incident at the home overnight. {name} was present and was "
    "heard crying upstairs. Mother had a cut lip; father was arrested and released on bail.",
    "{name} told a teaching assistant that there is often no food at home and she has been "
    "looking after her younger brother in the evenings.",
    "{name} has missed 14 days of school this half term. Home visits by the school were not "
    "answered. The family has recently moved.",
    "{name} came to school with a bruise on the upper arm and said 'Dad grabbed me'. Mother "
    "later said it happened while playing.",
    "Mother disclosed low mood and that she is struggling to get up in the mornings. {name} "
    "has been late to nursery most days.",
    "Neighbour reports shouting most nights and that {name} is often outside late in the "
    "evening without an adult.",
    "{name} attended A&E after drinking alcohol with older friends. This is the second time "
    "in two months.",
    "Housing report the flat is in a poor state: no working heating, dog faeces on the floor, "
    "and {name} sleeping on a sofa.",
]
DECISION_REASONS: dict[str, str] = {
    ContactOutcome.NO_FURTHER_ACTION: "No role for children's services: the school is "
    "supporting the family and parents are working with them.",
    ContactOutcome.ADVICE: "Advice given to the referrer about talking to the family and "
    "what to do if things get worse.",
    ContactOutcome.EARLY_HELP: "Needs are below the threshold for social care. Family agreed "
    "to a family support worker from early help.",
    ContactOutcome.SIGNPOSTED: "Signposted to the local domestic abuse service and the GP.",
    ContactOutcome.REFERRAL: "The worries meet the threshold for a child and family "
    "assessment. Referred to the assessment team.",
}
FEEDBACK = (
    "We have looked at what you told us and decided: {outcome}. Thank you for getting in touch."
)
# A referral's stage in its story: what the recording step writes for it.
STAGES_OPEN = [("new", 2), ("assessing", 3), ("waiting", 2), ("plan", 5), ("closing", 1)]
FIRST_NEEDS = ["N1", "N1", "N1", "N2", "N3", "N4", "N5", "N6", "N8", "N9"]


def build(demo: Demo) -> None:
    rng = demo.rng
    teams = demo.built["social_work_teams"]
    workers_by_team: dict[int, list[User]] = {}
    for worker in demo.built["social_workers"]:
        workers_by_team.setdefault(worker.team_id, []).append(worker)
    front_door = list(User.objects.filter(role=Role.FRONT_DOOR))
    planted = {copy for _, copy in demo.built.get("planted_duplicates", [])}
    born_after = demo.years_ago(18)
    children = [
        (pk, first, born)
        for pk, first, born in Person.objects.filter(
            date_of_birth__gt=born_after, date_of_death__isnull=True
        )
        .values_list("pk", "first_name", "date_of_birth")
        .order_by("pk")
        if pk not in planted and born is not None
    ]
    chosen = [c for c in children if rng.random() < CONTACT_SHARE]
    sources = [s for s, _ in SOURCE_WEIGHTS]
    weights = [w for _, w in SOURCE_WEIGHTS]
    contacts: list[Contact] = []
    cases: list[Case] = []
    stories: list[tuple[Case, str]] = []
    named = demo.named_users.get(str(Role.SOCIAL_WORKER))
    named_cases = 0
    for pk, first, born in chosen:
        # A referral may come before birth, but not more than about 28 weeks before (the census
        # queries referrals over 40 weeks before birth: rule 8606).
        history_start = max(demo.years_ago(HISTORY_YEARS), born - timedelta(days=196))
        n_contacts = rng.choices([1, 2, 3], weights=[70, 22, 8])[0]
        days = sorted(demo.date_between(history_start, demo.today) for _ in range(n_contacts))
        open_taken = False
        for i, day in enumerate(days):
            source = rng.choices(sources, weights)[0]
            referrer, organisation = REFERRERS[source]
            received = _moment(demo, day)
            is_last = i == len(days) - 1
            refer = rng.random() < REFERRAL_SHARE
            recent = (demo.today - day).days <= 2
            if recent and is_last and rng.random() < 0.5:
                outcome = ""  # still at the front door, waiting for a decision
            elif refer:
                outcome = ContactOutcome.REFERRAL
            else:
                outcome = rng.choices(
                    [
                        ContactOutcome.NO_FURTHER_ACTION,
                        ContactOutcome.ADVICE,
                        ContactOutcome.EARLY_HELP,
                        ContactOutcome.SIGNPOSTED,
                    ],
                    [40, 25, 25, 10],
                )[0]
            decider = rng.choice(front_door)
            decided_at = None
            if outcome:
                late = rng.random() < 0.08
                due = add_working_days(day, 1)
                decided_day = add_working_days(due, rng.randint(1, 3)) if late else day
                decided_at = _moment(demo, min(decided_day, demo.today))
                decided_at = max(decided_at, received)
            contact = Contact(
                received_at=received,
                child_id=pk,
                child_name=first,
                referrer_name=referrer,
                referrer_organisation=organisation,
                source=source,
                worries=rng.choice(WORRIES).format(name=first or "The child"),
                consent=rng.choice([Consent.GIVEN, Consent.GIVEN, Consent.NOT_ASKED_RISK]),
                outcome=outcome,
                decision_reasons=DECISION_REASONS[outcome] if outcome else "",
                decided_at=decided_at,
                decided_by=decider if outcome else None,
                feedback=FEEDBACK.format(outcome=ContactOutcome(outcome).label.lower())
                if outcome and rng.random() < 0.7
                else "",
                feedback_given_on=(
                    decided_at.date() if decided_at and rng.random() < 0.7 else None
                ),
                recorded_by=decider,
                recorded_at=received,
            )
            contacts.append(contact)
            if outcome != ContactOutcome.REFERRAL:
                continue
            # The last referral may still be open; earlier ones have closed.
            open_now = is_last and not open_taken and (demo.today - day).days < 300
            stage = (
                rng.choices([s for s, _ in STAGES_OPEN], [w for _, w in STAGES_OPEN])[0]
                if open_now
                else ("nfa_referral" if rng.random() < 0.1 else "closed")
            )
            if open_now and (demo.today - day).days > 60 and stage in ("new", "assessing"):
                stage = "plan"
            team = rng.choice(teams)
            worker = rng.choice(workers_by_team[team.pk])
            if open_now and named is not None and named_cases < NAMED_WORKER_CASES:
                team, worker = named.team, named
                named_cases += 1
            if stage == "new" and rng.random() < 0.4:
                worker = None  # waiting for the manager to allocate
            case = Case(
                child_id=pk,
                referral_date=day,
                referral_source=source,
                # The front door's first view of the main need; the assessment may change it.
                primary_need=rng.choice(FIRST_NEEDS),
                team=team,
                worker=worker,
                opened_by=decider,
                opened_at=decided_at or received,
            )
            if not open_now:
                if stage == "nfa_referral":
                    case.no_further_action = True
                    case.closed_on = day
                    case.closure_reason = ClosureReason.NFA_AFTER_ASSESSMENT
                else:
                    # Closed by the closure the recording step writes, on this date.
                    latest = (days[i + 1] if not is_last else demo.today) - timedelta(days=1)
                    case.closure_reason = rng.choices(
                        [
                            ClosureReason.SERVICES_ENDED,
                            ClosureReason.NFA_AFTER_ASSESSMENT,
                            ClosureReason.EARLY_HELP_AFTER_ASSESSMENT,
                            ClosureReason.MOVED_AUTHORITY,
                        ],
                        [50, 25, 20, 5],
                    )[0]
                    # Closed after assessment: soon after it; otherwise after months of work.
                    after = (25, 80) if case.closure_reason in ("RC8", "RC9") else (40, 240)
                    case.closed_on = max(day, min(day + timedelta(rng.randint(*after)), latest))
            open_taken = open_taken or open_now
            cases.append(case)
            stories.append((case, stage))
            contact.case = case
    Case.objects.bulk_create(cases, batch_size=2000)
    for contact in contacts:
        if contact.case is not None:
            contact.case_id = contact.case.pk
    Contact.objects.bulk_create(contacts, batch_size=2000)
    Allocation.objects.bulk_create(
        [
            Allocation(
                case=case,
                team=case.team,
                worker=case.worker,
                by=case.opened_by,
                started_at=case.opened_at,
                ended_at=_moment(demo, case.closed_on) if case.closed_on else None,
                note="Referral accepted",
            )
            for case in cases
            if case.team is not None
        ],
        batch_size=2000,
    )
    demo.built["case_stories"] = stories
    demo.count("contacts", len(contacts))
    demo.count("cases", len(cases))
    demo.count("open cases", sum(1 for c in cases if c.closed_on is None))


def _moment(demo: Demo, day: date) -> datetime:
    """A time in the working day (8:00 to 17:59) on `day`, never in the future."""
    moment = timezone.make_aware(
        datetime.combine(day, time(demo.rng.randint(8, 17), demo.rng.randint(0, 59)))
    )
    return min(moment, timezone.now() - timedelta(minutes=1))
