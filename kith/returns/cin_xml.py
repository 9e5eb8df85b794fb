"""The children in need census as the XML file the DfE collects (CIN census 2025 to 2026:
business and technical specification; element names and order from the DfE schema, with Sex in
place of GenderCurrent since 2024 to 2025). Written a child at a time, so a large authority's
file streams out in constant memory.

No namespace (the community validator cannot read one), UTF-8, dates as YYYY-MM-DD, and yes/no
items as 1 and 0 (the form every validator rule reads as intended).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone

from kith.returns.census import CensusChild, CensusEpisode, CollectionYear

SOFTWARE = "Kith"
RELEASE = "1.0"


def _el(name: str, value: object, indent: int) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = escape(str(value))
    return f"{'  ' * indent}<{name}>{text}</{name}>\n"


def header(year: CollectionYear, made: datetime | None = None) -> str:
    made = timezone.localtime(made or timezone.now()).replace(microsecond=0, tzinfo=None)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<Message>\n"
        "  <Header>\n"
        "    <CollectionDetails>\n"
        + _el("Collection", "CIN", 3)
        + _el("Year", year.year, 3)
        + _el("ReferenceDate", year.end, 3)
        + "    </CollectionDetails>\n"
        "    <Source>\n"
        + _el("SourceLevel", "L", 3)
        + _el("LEA", settings.KITH_LA_CODE, 3)
        + _el("SoftwareCode", SOFTWARE, 3)
        + _el("Release", RELEASE, 3)
        + _el("SerialNo", "001", 3)
        + _el("DateTime", made.isoformat(), 3)
        + "    </Source>\n"
        "  </Header>\n"
        "  <Children>\n"
    )


FOOTER = "  </Children>\n</Message>\n"


def child(c: CensusChild) -> str:
    parts = [
        "    <Child>\n",
        "      <ChildIdentifiers>\n",
        _el("LAchildID", c.la_child_id, 4),
        _el("UPN", c.upn, 4),
        _el("FormerUPN", c.former_upn, 4),
        _el("UPNunknown", c.upn_unknown if not c.upn else "", 4),
        _el("PersonBirthDate", c.birth, 4),
        _el("ExpectedPersonBirthDate", c.expected_birth if c.birth is None else None, 4),
        _el("Sex", c.sex, 4),
        _el("PersonDeathDate", c.death, 4),
        "      </ChildIdentifiers>\n",
        "      <ChildCharacteristics>\n",
        _el("Ethnicity", c.ethnicity, 4),
    ]
    if c.disabilities:
        parts.append("        <Disabilities>\n")
        parts += [_el("Disability", code, 5) for code in c.disabilities]
        parts.append("        </Disabilities>\n")
    parts.append("      </ChildCharacteristics>\n")
    parts += [episode(e) for e in c.episodes]
    parts.append("    </Child>\n")
    return "".join(parts)


def episode(e: CensusEpisode) -> str:
    # Kith closes a referral with no further action on its own date as "closed ... no further
    # action" (RC8); the census reads ReferralNFA alone for that, and RC8 there would say an
    # assessment happened (validator query 8825Q). A closure imported as recorded is written.
    kith_nfa = e.no_further_action and e.reason == "RC8" and e.closed == e.referral
    parts = [
        "      <CINdetails>\n",
        _el("CINreferralDate", e.referral, 4),
        _el("ReferralSource", e.source, 4),
        _el("PrimaryNeedCode", "" if e.no_further_action and e.need == "N0" else e.need, 4),
        _el("CINclosureDate", None if kith_nfa else e.closed, 4),
        _el("ReasonForClosure", e.reason if e.closed and not kith_nfa else "", 4),
        _el("DateOfInitialCPC", e.conference, 4),
    ]
    for a in e.assessments:
        parts += [
            "        <Assessments>\n",
            _el("AssessmentActualStartDate", a.started, 5),
            _el("AssessmentAuthorisationDate", a.authorised, 5),
        ]
        if a.authorised and a.factors:
            parts.append("          <FactorsIdentifiedAtAssessment>\n")
            parts += [_el("AssessmentFactors", code, 6) for code in a.factors]
            parts.append("          </FactorsIdentifiedAtAssessment>\n")
        parts.append("        </Assessments>\n")
    for p in e.plans:
        parts += [
            "        <CINPlanDates>\n",
            _el("CINPlanStartDate", p.started, 5),
            _el("CINPlanEndDate", p.ended, 5),
            "        </CINPlanDates>\n",
        ]
    for s in e.enquiries:
        parts += [
            "        <Section47>\n",
            _el("S47ActualStartDate", s.started, 5),
            _el("InitialCPCtarget", s.target, 5),
            _el("DateOfInitialCPC", s.conference, 5),
            _el("ICPCnotRequired", s.not_required, 5),
            "        </Section47>\n",
        ]
    parts.append(_el("ReferralNFA", e.no_further_action, 4))
    for cp in e.protection_plans:
        parts += [
            "        <ChildProtectionPlans>\n",
            _el("CPPstartDate", cp.started, 5),
            _el("CPPendDate", cp.ended, 5),
            _el("InitialCategoryOfAbuse", cp.initial_category, 5),
            _el("LatestCategoryOfAbuse", cp.latest_category, 5),
            _el("NumberOfPreviousCPP", cp.previous_plans, 5),
        ]
        if cp.reviews:
            parts.append("          <Reviews>\n")
            parts += [_el("CPPreviewDate", day, 6) for day in cp.reviews]
            parts.append("          </Reviews>\n")
        parts.append("        </ChildProtectionPlans>\n")
    parts.append("      </CINdetails>\n")
    return "".join(parts)


def document(year: CollectionYear, children: Iterable[CensusChild]) -> Iterator[str]:
    """The whole file, a piece at a time."""
    yield header(year)
    for c in children:
        yield child(c)
    yield FOOTER
