"""Where a chronology's entries come from: one small function per kind of record, each reading
its records for a Reading (every one, the newest significant few, or the ones a worker marked)
in one query and turning each into an Entry. The chronology and the summary's significant
events are both built from this one list, so an entry reads the same on both; a new kind of
record is one more function in one of these modules: casework, protection, care, permanence
(with leaving care), family.
"""

from __future__ import annotations

from collections.abc import Callable

from kith.children.entries import Entry, Reading
from kith.children.sources.care import (
    came_into_care,
    care_reviews,
    left_care,
    legal_statuses,
    missing,
    moves,
)
from kith.children.sources.casework import (
    assessments,
    cases,
    child_in_need_plans,
    closures_waiting,
    contacts,
    notes,
    plan_reviews,
    visits,
)
from kith.children.sources.family import events, relationships
from kith.children.sources.permanence import (
    adoption_plans,
    adviser_contacts,
    arrangements,
    birthday_checks,
    leaving_care_support,
    long_term_matches,
    permanence_meetings,
)
from kith.children.sources.protection import (
    conferences,
    core_groups,
    ended_protection_plans,
    strategy_discussions,
)

Source = Callable[[Reading], list[Entry]]

# Every source, by the names a worker's mark keeps (ChronologyMark.source): never rename one
# without a migration of the marks. A source that makes two (or three) kinds of entry from one
# row is named for each.
SOURCES: dict[str, Source] = {
    "contact": contacts,
    "referral": cases,
    "case-closed": cases,
    "assessment": assessments,
    "visit": visits,
    "note": notes,
    "plan": child_in_need_plans,
    "plan-review": plan_reviews,
    "closure": closures_waiting,
    "strategy": strategy_discussions,
    "conference": conferences,
    "core-group": core_groups,
    "plan-ended": ended_protection_plans,
    "care-began": came_into_care,
    "care-ended": left_care,
    "placement": moves,
    "legal-status": legal_statuses,
    "care-review": care_reviews,
    "missing": missing,
    "permanence-meeting": permanence_meetings,
    "long-term-match": long_term_matches,
    "adoption-decided": adoption_plans,
    "adoption-matched": adoption_plans,
    "adoption-ended": adoption_plans,
    "leaving-care-began": leaving_care_support,
    "leaving-care-ended": leaving_care_support,
    "adviser-contact": adviser_contacts,
    "birthday-check": birthday_checks,
    "arrangement-began": arrangements,
    "relationship-began": relationships,
    "relationship-ended": relationships,
    "event": events,
}


# The sources whose records can be significant in themselves (a referral, an authorised
# assessment, a note flagged so): the summary reads only these, then what workers marked.
SIGNIFICANT_IN_THEMSELVES = {
    cases,
    assessments,
    notes,
    child_in_need_plans,
    strategy_discussions,
    conferences,
    ended_protection_plans,
    came_into_care,
    left_care,
    legal_statuses,
    missing,
    permanence_meetings,
    long_term_matches,
    adoption_plans,
    leaving_care_support,
    events,
}


def read(reading: Reading) -> list[Entry]:
    """Every source's entries for a reading (each source read once)."""
    sources = dict.fromkeys(SOURCES.values())
    if reading.significant_only:
        sources = dict.fromkeys(s for s in sources if s in SIGNIFICANT_IN_THEMSELVES)
    return [entry for source in sources for entry in source(reading)]


def read_one(source: str, reading: Reading) -> list[Entry]:
    """One source's entries for a reading, of the kind named (not its twin from the same row)."""
    return [entry for entry in SOURCES[source](reading) if entry.source == source]
