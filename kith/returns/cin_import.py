"""Importing earlier CIN census returns, so an authority moving to Kith starts with its history:
people (matched to those already in Kith by their census ID or UPN, never duplicated), cases,
assessments, child in need plans, section 47 enquiries, conferences, child protection plans and
their reviews, and closures.

A file is read leniently (element order, stray text and unknown elements such as next year's
modules are ignored; the old GenderCurrent codes are read as Sex) and checked strictly for what
cannot be history: not a census file, unknown codes, dates that are not dates, are before 1900
or after the file was made, and things that end before they start. Each rejected child is
reported with every reason. By default nothing from a file with a rejected child is imported;
with `skip_rejected` the other children are. Either way no child is ever half-imported: each is
written whole, in one transaction with the rest of the file.

What the census says is kept as the census says it, even where the census's own rules would
query it (an invalid UPN, a plan starting before its referral): the data quality page shows
those to fix. Kith works out for itself what it derives elsewhere: the initial conference
target (15 working days from the strategy discussion) and the number of previous plans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as ET
from defusedxml import DefusedXmlException
from django.db import IntegrityError, transaction
from django.utils import timezone

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.cases.codes import ClosureReason, PrimaryNeed, ReferralSource
from kith.cases.models import Case
from kith.people.codes import Disability, Ethnicity, IdentifierKind, UpnUnknown
from kith.people.models import Identifier, Person
from kith.protection.codes import CategoryOfAbuse, ConferenceKind, EnquiryOutcome
from kith.protection.models import (
    Conference,
    ConferenceChild,
    Enquiry,
    ProtectionPlan,
    StrategyChild,
    StrategyDiscussion,
)
from kith.recording.codes import AssessmentFactor
from kith.recording.models import Assessment, ChildInNeedPlan, Closure, Status
from kith.returns.census import (
    CensusAssessment,
    CensusChild,
    CensusEnquiry,
    CensusEpisode,
    CensusPlan,
    CensusProtectionPlan,
    CollectionYear,
)
from kith.timescales.deadlines import refresh
from kith.timescales.rules import RULES

LA_CHILD_ID = re.compile(r"[A-Za-z0-9]{1,20}")  # census rules 1570 and 1580; the DfE feed's too
GENDER_TO_SEX = {"1": "M", "2": "F", "0": "U", "9": "U"}  # the census's coding until 2024
TRUE, FALSE = {"true", "1"}, {"false", "0"}
IMPORTED = "Imported from an earlier children in need census return."
EARLIEST = date(1900, 1, 1)
UPN_UNKNOWN = {*UpnUnknown.values, "UN6"}


class NotACensusFile(Exception):
    """The whole file is refused: not XML, or not a CIN census."""


@dataclass
class ParsedChild:
    child: CensusChild
    problems: list[str] = field(default_factory=list)
    gender_current: bool = False  # coded in the old way


@dataclass
class ParsedFile:
    name: str
    year: CollectionYear
    reference_date: date
    made_on: date
    children: list[ParsedChild]

    @property
    def rejected(self) -> list[ParsedChild]:
        return [c for c in self.children if c.problems]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(parent: Element | None, name: str) -> Element | None:
    if parent is None:
        return None
    for el in parent:
        if _local(el.tag) == name:
            return el
    return None


def _all(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else [el for el in parent if _local(el.tag) == name]


def _text(parent: Element | None, name: str) -> str:
    found = _find(parent, name)
    return (found.text or "").strip() if found is not None else ""


class _Reader:
    """Reads one child, noting every problem rather than stopping at the first."""

    def __init__(self, latest: date) -> None:
        self.latest = latest
        self.problems: list[str] = []

    def date_of(
        self, parent: Element | None, name: str, what: str, *, future: bool = False
    ) -> date | None:
        return self.day(_text(parent, name), what, future=future)

    def day(self, value: str, what: str, *, future: bool = False) -> date | None:
        if not value:
            return None
        try:
            day = date.fromisoformat(value[:10]) if len(value) == 10 else None
        except ValueError:
            day = None
        if day is None:
            self.problems.append(f"{what} '{value}' is not a date (YYYY-MM-DD)")
            return None
        if day < EARLIEST:
            self.problems.append(f"{what} {value} is before 1900")
            return None
        if day > self.latest and not future:
            self.problems.append(f"{what} {value} is after the file was made ({self.latest})")
            return None
        return day

    def code(self, parent: Element | None, name: str, what: str, allowed: Sequence[str]) -> str:
        value = _text(parent, name)
        if value and value not in allowed:
            self.problems.append(f"{what} '{value}' is not a census code")
            return ""
        return value

    def flag(self, parent: Element | None, name: str, what: str) -> bool | None:
        value = _text(parent, name).lower()
        if not value:
            return None
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        self.problems.append(f"{what} '{value}' is not true or false")
        return None

    def in_order(self, start: date | None, end: date | None, what: str) -> None:
        if start and end and end < start:
            self.problems.append(f"{what} ends ({end}) before it starts ({start})")


def parse(content: bytes, name: str = "") -> ParsedFile:
    """Read a census file into the census's view of each child, with each child's problems."""
    try:
        root = ET.fromstring(content)
    except (ET.ParseError, DefusedXmlException) as error:
        raise NotACensusFile(f"{name or 'The file'} is not readable XML ({error}).") from error
    children_el = _find(root, "Children")
    details = _find(_find(root, "Header"), "CollectionDetails")
    if _local(root.tag) != "Message" or children_el is None or details is None:
        raise NotACensusFile(f"{name or 'The file'} is not a children in need census return.")
    try:
        reference = date.fromisoformat(_text(details, "ReferenceDate"))
    except ValueError as error:
        raise NotACensusFile(
            f"{name or 'The file'} has no reference date the census can read."
        ) from error
    made_text = _text(_find(_find(root, "Header"), "Source"), "DateTime")
    try:
        made = datetime.fromisoformat(made_text.replace("Z", "+00:00")).date()
    except ValueError:
        made = reference
    latest = max(made, reference)
    children = [_child(el, n, latest) for n, el in enumerate(_all(children_el, "Child"), 1)]
    ids = [c.child.la_child_id for c in children]
    for c in children:
        if c.child.la_child_id and ids.count(c.child.la_child_id) > 1:
            c.problems.append(
                f"The LAchildID {c.child.la_child_id} is in the file more than once (census "
                "rule 8510)"
            )
    return ParsedFile(name, CollectionYear.of(reference), reference, latest, children)


def _child(el: Element, n: int, latest: date) -> ParsedChild:
    read = _Reader(latest)
    ids = _find(el, "ChildIdentifiers")
    characteristics = _find(el, "ChildCharacteristics")
    la_child_id = _text(ids, "LAchildID")
    if not la_child_id:
        read.problems.append("The child has no LAchildID")
    elif not LA_CHILD_ID.fullmatch(la_child_id):
        read.problems.append(
            f"The LAchildID '{la_child_id}' is not up to 20 letters and numbers (census rules "
            "1570, 1580)"
        )
    sex = _text(ids, "Sex")
    old = _text(ids, "GenderCurrent")
    if sex and sex not in ("M", "F", "U"):
        read.problems.append(f"Sex '{sex}' is not a census code (M, F or U)")
    if not sex and old:
        sex = GENDER_TO_SEX.get(old, "")
        if not sex:
            read.problems.append(f"GenderCurrent '{old}' is not a census code")
    birth = read.date_of(ids, "PersonBirthDate", "Date of birth")
    expected = read.date_of(ids, "ExpectedPersonBirthDate", "Expected date of birth", future=True)
    upn = _text(ids, "UPN")
    disabilities = [
        code
        for d in _all(_find(characteristics, "Disabilities"), "Disability")
        if (code := (d.text or "").strip())
    ]
    for code in disabilities:
        if code not in Disability.values:
            read.problems.append(f"Disability '{code}' is not a census code")
    child = CensusChild(
        person_pk=0,
        la_child_id=la_child_id,
        upn=upn,
        former_upn=_text(ids, "FormerUPN"),
        upn_unknown="" if upn else read.code(ids, "UPNunknown", "UPNunknown", sorted(UPN_UNKNOWN)),
        birth=birth,
        expected_birth=expected,
        sex=sex or "U",
        death=read.date_of(ids, "PersonDeathDate", "Date of death"),
        ethnicity=read.code(characteristics, "Ethnicity", "Ethnicity", Ethnicity.values) or "NOBT",
        disabilities=list(dict.fromkeys(c for c in disabilities if c in Disability.values)),
        episodes=[_episode(e, read, n, i) for i, e in enumerate(_all(el, "CINdetails"), 1)],
    )
    if not child.episodes:
        read.problems.append("The child has no CINdetails (an episode is needed)")
    open_episodes = [e for e in child.episodes if e.closed is None and not e.no_further_action]
    if len(open_episodes) > 1:
        read.problems.append("The child has more than one open episode (census rule 8815)")
    open_plans = [p for e in child.episodes for p in e.protection_plans if p.ended is None]
    if len(open_plans) > 1:
        read.problems.append(
            "The child has more than one open child protection plan (census rule 8935)"
        )
    referrals = [e.referral for e in child.episodes]
    if len(set(referrals)) < len(referrals):
        read.problems.append("Two episodes have the same referral date")
    return ParsedChild(_previous_plans(child), read.problems, bool(old and not _text(ids, "Sex")))


def _episode(el: Element, read: _Reader, child_n: int, n: int) -> CensusEpisode:
    referral = read.date_of(el, "CINreferralDate", "Referral date")
    if not _text(el, "CINreferralDate"):
        read.problems.append(f"Episode {n} has no referral date")
    nfa = read.flag(el, "ReferralNFA", f"Episode {n}'s ReferralNFA")
    closed = read.date_of(el, "CINclosureDate", f"Episode {n}'s closure date")
    read.in_order(referral, closed, f"Episode {n}")
    reason = read.code(el, "ReasonForClosure", "Reason for closure", ClosureReason.values)
    if nfa and closed is None and referral is not None:
        # A referral that went no further is closed when it is decided, as Kith closes its own.
        closed, reason = referral, ClosureReason.NFA_AFTER_ASSESSMENT
    assessments = []
    for a in _all(el, "Assessments"):
        start = read.date_of(a, "AssessmentActualStartDate", "Assessment start date")
        done = read.date_of(a, "AssessmentAuthorisationDate", "Assessment authorisation date")
        read.in_order(start, done, "An assessment")
        factors = [
            code
            for f in _all(_find(a, "FactorsIdentifiedAtAssessment"), "AssessmentFactors")
            if (code := (f.text or "").strip())
        ]
        for code in factors:
            if code not in AssessmentFactor.values:
                read.problems.append(f"Assessment factor '{code}' is not a census code")
        assessments.append(
            CensusAssessment(0, start, done, list(dict.fromkeys(factors)) if done else [])
        )
    plans = []
    for p in _all(el, "CINPlanDates"):
        start = read.date_of(p, "CINPlanStartDate", "Child in need plan start date")
        end = read.date_of(p, "CINPlanEndDate", "Child in need plan end date")
        read.in_order(start, end, "A child in need plan")
        if start:
            plans.append(CensusPlan(0, start, end))
    enquiries = []
    for s in _all(el, "Section47"):
        start = read.date_of(s, "S47ActualStartDate", "Section 47 start date")
        held = read.date_of(s, "DateOfInitialCPC", "Initial conference date")
        read.in_order(start, held, "A section 47 enquiry")
        not_required = read.flag(s, "ICPCnotRequired", "ICPCnotRequired")
        if start:
            enquiries.append(
                CensusEnquiry(
                    0,
                    start,
                    RULES["initial-conference"].due(start),
                    held,
                    bool(not_required) and held is None,
                    None,
                )
            )
    protection = []
    for p in _all(el, "ChildProtectionPlans"):
        start = read.date_of(p, "CPPstartDate", "Child protection plan start date")
        end = read.date_of(p, "CPPendDate", "Child protection plan end date")
        read.in_order(start, end, "A child protection plan")
        initial = read.code(
            p, "InitialCategoryOfAbuse", "Category of abuse", CategoryOfAbuse.values
        )
        latest = read.code(p, "LatestCategoryOfAbuse", "Category of abuse", CategoryOfAbuse.values)
        reviews: list[date] = []
        for r in _all(_find(p, "Reviews"), "CPPreviewDate"):
            day = read.day((r.text or "").strip(), "Review conference date")
            if day is not None:
                reviews.append(day)
        if start:
            protection.append(
                CensusProtectionPlan(
                    0, start, end, initial or latest, latest or initial, 0, reviews
                )
            )
    need = read.code(el, "PrimaryNeedCode", "Primary need", PrimaryNeed.values)
    return CensusEpisode(
        case_pk=0,
        reference=f"{child_n}.{n}",
        referral=referral or EARLIEST,
        source=read.code(el, "ReferralSource", "Referral source", ReferralSource.values),
        need=need or PrimaryNeed.NOT_STATED,
        closed=closed,
        reason=reason if closed else "",
        no_further_action=bool(nfa),
        assessments=assessments,
        plans=plans,
        enquiries=enquiries,
        protection_plans=protection,
        conference=read.date_of(el, "DateOfInitialCPC", "Initial conference date"),
    )


def _previous_plans(child: CensusChild) -> CensusChild:
    """Kith counts a child's earlier plans from their record, as it does for its own."""
    starts = sorted(p.started for e in child.episodes for p in e.protection_plans)
    episodes = [
        replace(
            e,
            protection_plans=[
                replace(p, previous_plans=sum(1 for s in starts if s < p.started))
                for p in e.protection_plans
            ],
        )
        for e in child.episodes
    ]
    return replace(child, episodes=episodes)


# --- Writing the history ------------------------------------------------------------------------


@dataclass
class Outcome:
    """What an import did, child by child, for the report."""

    name: str
    imported: int = 0
    matched: int = 0
    episodes: int = 0
    skipped_episodes: int = 0
    rejected: list[tuple[str, list[str]]] = field(default_factory=list)
    refused: str = ""  # the whole file, and why


def import_file(content: bytes, *, by: Any, name: str = "", skip_rejected: bool = False) -> Outcome:
    outcome = Outcome(name)
    try:
        parsed = parse(content, name)
    except NotACensusFile as refused:
        outcome.refused = str(refused)
        return outcome
    people = _match(parsed)
    for c in parsed.children:
        existing = people.get(c.child.la_child_id)
        if existing is not None and not c.problems:
            c.problems += _clashes(c.child, existing)
    outcome.rejected = [(c.child.la_child_id or "(no ID)", c.problems) for c in parsed.rejected]
    if outcome.rejected and not skip_rejected:
        total = len(parsed.children)
        outcome.refused = (
            f"Nothing was imported from {name or 'the file'}: {len(outcome.rejected)} of "
            f"{total} {'child was' if total == 1 else 'children were'} rejected. Correct "
            "them, or import the rest with --skip-rejected."
        )
        return outcome
    try:
        _import(parsed, people, outcome, by=by, name=name)
    except IntegrityError as error:  # a rule the checks above missed: nothing is kept
        outcome.refused = (
            f"Nothing was imported from {name or 'the file'}: it breaks a rule of Kith's "
            f"records ({error}). Tell your system administrator."
        )
        outcome.imported = outcome.matched = outcome.episodes = outcome.skipped_episodes = 0
    return outcome


def _import(
    parsed: ParsedFile, people: dict[str, Person], outcome: Outcome, *, by: Any, name: str
) -> None:
    with transaction.atomic():
        cases: list[int] = []
        for c in parsed.children:
            if c.problems:
                continue
            person = people.get(c.child.la_child_id)
            outcome.matched += person is not None
            if person is None:
                person = _new_person(c.child, by)
            else:
                _keep_census_id(person, c.child.la_child_id)
            written, skipped = _write(c.child, person, by)
            cases += written
            outcome.episodes += len(written)
            outcome.skipped_episodes += skipped
            outcome.imported += 1
            record(
                by=by,
                verb=Verb.CENSUS_IMPORTED,
                person=person,
                detail={"file": name[:200], "la_child_id": c.child.la_child_id},
            )
        refresh(cases)


def _match(parsed: ParsedFile) -> dict[str, Person]:
    """People already in Kith: by the census ID kept from an earlier import, Kith's own person
    number (a file Kith made), or the UPN."""
    ids = [c.child.la_child_id for c in parsed.children if c.child.la_child_id]
    found: dict[str, Person] = {}
    for ident in Identifier.objects.filter(
        kind=IdentifierKind.CENSUS_CHILD_ID, value__in=ids
    ).select_related("person"):
        found[ident.value] = ident.person
    # A file Kith made names its children by person number: the same child only if the date
    # of birth or UPN agrees too (another system's "P12" is not Kith's person 12).
    by_id = {c.child.la_child_id: c.child for c in parsed.children}
    own = {int(i[1:]): i for i in ids if i not in found and i[:1] == "P" and i[1:].isdigit()}
    for person in Person.objects.filter(pk__in=own):
        child = by_id[own[person.pk]]
        if (child.birth and child.birth == person.date_of_birth) or (
            child.upn and child.upn == person.upn
        ):
            found[own[person.pk]] = person
    upns = {c.child.upn: c.child.la_child_id for c in parsed.children if c.child.upn}
    for person in Person.objects.filter(upn__in=upns):
        found.setdefault(upns[person.upn], person)
    return found


def _clashes(child: CensusChild, person: Person) -> list[str]:
    if person.merged_into_id:
        return [f"{person.person_number} was merged into another record: import into that one"]
    open_now = Case.objects.filter(child=person, closed_on__isnull=True).first()
    if open_now is not None and any(
        e.closed is None and e.referral != open_now.referral_date for e in child.episodes
    ):
        return [f"{person.person_number} already has another open case in Kith"]
    return []


def _keep_census_id(person: Person, la_child_id: str) -> None:
    """A child matched by UPN keeps the ID earlier returns used, so the DfE links their years."""
    if (
        la_child_id != person.person_number
        and not Identifier.objects.filter(
            person=person, kind=IdentifierKind.CENSUS_CHILD_ID
        ).exists()
    ):
        Identifier.objects.create(
            person=person, kind=IdentifierKind.CENSUS_CHILD_ID, value=la_child_id
        )


def _new_person(child: CensusChild, by: Any) -> Person:
    person = Person.objects.create(
        first_name="",
        family_name=f"Census child {child.la_child_id}",
        date_of_birth=child.birth,
        expected_date_of_birth=child.expected_birth,
        date_of_death=child.death,
        sex=child.sex,
        ethnicity=child.ethnicity,
        disabilities=child.disabilities,
        upn=child.upn,
        upn_unknown=child.upn_unknown,
        created_by=by,
    )
    Identifier.objects.create(
        person=person, kind=IdentifierKind.CENSUS_CHILD_ID, value=child.la_child_id
    )
    if child.former_upn:
        Identifier.objects.create(
            person=person, kind=IdentifierKind.FORMER_UPN, value=child.former_upn
        )
    return person


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _write(child: CensusChild, person: Person, by: Any) -> tuple[list[int], int]:
    """Each episode as a case with its records. An episode already in Kith (the same referral
    date: last year's return, imported before) gains what this return adds: its closure, and
    the assessments, plans, enquiries, conferences and reviews not yet recorded."""
    known = {c.referral_date: c for c in Case.objects.filter(child=person)}
    written, skipped = [], 0
    for e in child.episodes:
        existing = known.get(e.referral)
        if existing is not None:
            if _bring_up_to_date(existing, e, by):
                written.append(existing.pk)
            else:
                skipped += 1
            continue
        case = Case.objects.create(
            child=person,
            referral_date=e.referral,
            referral_source=e.source or ReferralSource.UNKNOWN,
            primary_need=e.need,
            no_further_action=e.no_further_action,
            closed_on=e.closed,
            closure_reason=e.reason,
            opened_by=by,
            opened_at=_at(e.referral),
        )
        known[e.referral] = case
        written.append(case.pk)
        _records(case, e, by)
    return written, skipped


def _bring_up_to_date(case: Case, e: CensusEpisode, by: Any) -> bool:
    """Add to a case what a later return says about it. Returns whether anything was new."""
    newly_closed = case.closed_on is None and e.closed is not None
    if newly_closed:
        case.closed_on, case.closure_reason = e.closed, e.reason
        case.save(update_fields=["closed_on", "closure_reason"])
    changed = newly_closed
    assessments = {a.started_on: a for a in case.assessments.all()}
    for a in e.assessments:
        found = assessments.get(a.started)
        if found is not None and a.authorised and found.authorised_at is None:
            found.status, found.authorised_at = Status.AUTHORISED, _at(a.authorised)
            found.factors = a.factors
            found.save(update_fields=["status", "authorised_at", "factors"])
            changed = True
    plans = {p.starts_on: p for p in case.childinneedplans.all()}
    for p in e.plans:
        cin_plan = plans.get(p.started)
        if cin_plan is not None and p.ended and cin_plan.ends_on is None:
            cin_plan.ends_on = p.ended
            cin_plan.save(update_fields=["ends_on"])
            changed = True
    protection = {p.started_on: p for p in case.cp_plans.all()}
    for cp in e.protection_plans:
        found_plan = protection.get(cp.started)
        if found_plan is not None and cp.ended and found_plan.ended_on is None:
            found_plan.ended_on, found_plan.latest_category = cp.ended, cp.latest_category
            found_plan.save(update_fields=["ended_on", "latest_category"])
            changed = True
    enquiries = {s.started_on: s for s in case.enquiries.all()}
    held = set(
        ConferenceChild.objects.filter(case=case).values_list(
            "conference__held_on", "conference__kind"
        )
    )
    new = replace(
        e,
        closed=e.closed if newly_closed else None,  # its closure record, once
        assessments=[a for a in e.assessments if a.started not in assessments],
        plans=[p for p in e.plans if p.started not in plans],
        enquiries=[s for s in e.enquiries if s.started not in enquiries],
        protection_plans=[p for p in e.protection_plans if p.started not in protection],
        conference=e.conference if (e.conference, "initial") not in held else None,
    )
    for s in e.enquiries:  # an enquiry already here whose conference has since been held
        enquiry = enquiries.get(s.started)
        if enquiry is not None and s.conference and (s.conference, "initial") not in held:
            new.enquiries.append(s)
    reviews_since = {  # review conferences held since, on plans already here
        cp.started: [day for day in cp.reviews if (day, "review") not in held]
        for cp in e.protection_plans
        if cp.started in protection
    }
    if any(reviews_since.values()) or (
        new.assessments or new.plans or new.enquiries or new.protection_plans or new.conference
    ):
        changed = True
    _records(
        case,
        new,
        by,
        existing_enquiries=enquiries,
        existing_plans=protection,
        reviews_since=reviews_since,
    )
    return changed


def _records(
    case: Case,
    e: CensusEpisode,
    by: Any,
    *,
    existing_enquiries: dict[date, Enquiry] | None = None,
    existing_plans: dict[date, ProtectionPlan] | None = None,
    reviews_since: dict[date, list[date]] | None = None,
) -> None:
    for a in e.assessments:
        Assessment.objects.create(
            case=case,
            author=by,
            status=Status.AUTHORISED if a.authorised else Status.SUBMITTED,
            started_on=a.started,
            factors=a.factors,
            analysis=IMPORTED,
            authorised_at=_at(a.authorised) if a.authorised else None,
            submitted_at=_at(a.started) if a.started else None,
            created_at=_at(a.started or e.referral),
        )
    for p in e.plans:
        ChildInNeedPlan.objects.create(
            case=case,
            author=by,
            status=Status.FINAL,
            starts_on=p.started,
            ends_on=p.ended,
            needs=IMPORTED,
            created_at=_at(p.started),
        )
    conferences: dict[tuple[date, str], Conference] = {}

    def conference(day: date, kind: str) -> Conference:
        key = (day, kind)
        if key not in conferences:
            conferences[key] = Conference.objects.create(
                kind=kind,
                held_on=day,
                chair=by,
                attendance=IMPORTED,
                social_worker_report=IMPORTED,
                views=IMPORTED,
                recorded_by=by,
            )
        return conferences[key]

    plans_by_start = {cp.started: cp for cp in e.protection_plans}
    made_plans: dict[date, ProtectionPlan] = dict(existing_plans or {})
    for cp in e.protection_plans:
        made_plans[cp.started] = ProtectionPlan.objects.create(
            case=case,
            started_on=cp.started,
            ended_on=cp.ended,
            initial_category=cp.initial_category,
            latest_category=cp.latest_category,
            end_note=IMPORTED if cp.ended else "",
        )
    for s in e.enquiries:
        known = (existing_enquiries or {}).get(s.started)
        if known is not None:  # its conference was held since the last return
            if s.conference:
                known.outcome = EnquiryOutcome.CONFERENCE
                known.save(update_fields=["outcome"])
                plan = made_plans.get(s.conference)
                ConferenceChild.objects.get_or_create(
                    conference=conference(s.conference, ConferenceKind.INITIAL),
                    case=case,
                    defaults={
                        "enquiry": known,
                        "plan": plan,
                        "needs_plan": plan is not None,
                        "category": plan.initial_category if plan else "",
                    },
                )
            continue
        discussion = StrategyDiscussion.objects.create(
            held_at=_at(s.started),
            information_shared=IMPORTED,
            safety_plan=IMPORTED,
            recorded_by=by,
            recorded_at=_at(s.started),
        )
        decision = StrategyChild.objects.create(
            discussion=discussion, case=case, decision="s47", reason=IMPORTED
        )
        enquiry = Enquiry.objects.create(
            case=case,
            started_by=decision,
            started_on=s.started,
            outcome=EnquiryOutcome.CONFERENCE
            if s.conference
            else (EnquiryOutcome.NO_FURTHER_ACTION if s.not_required else ""),
            no_conference_reason=IMPORTED if s.not_required else "",
            findings=IMPORTED,
        )
        if s.conference:
            plan = made_plans.get(s.conference)
            ConferenceChild.objects.get_or_create(
                conference=conference(s.conference, ConferenceKind.INITIAL),
                case=case,
                defaults={
                    "enquiry": enquiry,
                    "plan": plan,
                    "needs_plan": plan is not None,
                    "category": plan.initial_category if plan else "",
                },
            )
    if e.conference:
        plan = made_plans.get(e.conference)
        ConferenceChild.objects.get_or_create(
            conference=conference(e.conference, ConferenceKind.INITIAL),
            case=case,
            defaults={
                "plan": plan,
                "needs_plan": plan is not None,
                "category": plan.initial_category if plan else "",
            },
        )
    reviews = {started: cp.reviews for started, cp in plans_by_start.items()}
    reviews |= reviews_since or {}
    for started, plan in made_plans.items():
        for day in reviews.get(started, []):
            ConferenceChild.objects.create(
                conference=conference(day, ConferenceKind.REVIEW),
                case=case,
                plan=plan,
                needs_plan=True,
                category=plan.latest_category,
            )
    if e.closed and not e.no_further_action:
        Closure.objects.create(
            case=case,
            author=by,
            status=Status.AUTHORISED,
            closed_on=e.closed,
            reason=e.reason,
            summary=IMPORTED,
            authorised_at=_at(e.closed),
            created_at=_at(e.closed),
        )
