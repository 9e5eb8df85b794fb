"""Reading a CIN census file into the census's view of each child (CensusChild, from
returns/census.py), noting every problem with each child rather than stopping at the first. Nothing
here touches Kith's tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as ET
from defusedxml import DefusedXmlException

from kith.cases.codes import ClosureReason, PrimaryNeed, ReferralSource
from kith.lib.timescales import RULES
from kith.people.codes import Disability, Ethnicity, UpnUnknown
from kith.protection.codes import CategoryOfAbuse
from kith.recording.codes import AssessmentFactor
from kith.returns.census import (
    CensusAssessment,
    CensusChild,
    CensusEnquiry,
    CensusEpisode,
    CensusPlan,
    CensusProtectionPlan,
    CollectionYear,
)

LA_CHILD_ID = re.compile(r"[A-Za-z0-9]{1,20}")  # census rules 1570 and 1580; the DfE feed's too
GENDER_TO_SEX = {"1": "M", "2": "F", "0": "U", "9": "U"}  # the census's coding until 2024
TRUE, FALSE = {"true", "1"}, {"false", "0"}
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
