"""The access matrix: every page the project registers, opened by every persona, gets the
outcome its policy and the record's restriction say it should.

A page missing from PAGES fails the suite, so a new page must say here what it needs (which
record it is about, what a permitted GET returns) before it can land. The rules by relationship
to the child (allocated worker, team, chair, break-glass) add their personas and expectations
here when cases exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from kith.accounts.policies import declared_policy
from kith.accounts.roles import Role
from kith.people.merging import merge_people
from kith.people.models import Involvement, Relationship
from kith.people.restriction import restrict_record
from kith.test import (
    make_home,
    make_person,
    make_team,
    make_user,
    signed_in_client,
)
from kith.web.tests.access_world import care_leaver, casework
from kith.web.tests.test_every_url_has_a_policy import OURS


@dataclass(frozen=True)
class Page:
    args: tuple[str, ...] = ()  # names of objects in the world, in URL order
    ok: int = 200  # what a permitted GET returns
    about_person: bool = False  # the first argument is a person: restriction applies
    query: str = ""
    method: str = "get"
    # Where a permitted persona gets something else, by persona (already done, say).
    ok_for: tuple[tuple[str, int], ...] = ()
    # The page changes a case, or the record of a child with an open case: only those with a
    # working relationship to the case may (cases/access.py, people/access.py).
    relationship: bool = False
    # Outside their work, a persona is first asked for a reason (break-glass, people/access.py).
    asks_reason: bool = True
    # Personas outside RELATED who may still use a relationship page (a chair, conferences).
    also: tuple[str, ...] = ()
    # Who opens the page's record without a reason, where it is not the world's child's
    # (OPENS): the care leaver's pages open for the people of their case and their adviser.
    opens: frozenset[str] | None = None


# Who has a working relationship to the world's cases: the allocated worker, their team, their
# manager and the head of service above.
RELATED = {"social worker", "same-team colleague", "team manager", "head of service"}
# Who opens the world's child's records without giving a reason: those in the case's work, the
# front door (the case is open), data officers (every record, read-only), the chair (who chairs
# the child's conference and reviews their care) and the virtual school head (the child is
# looked after). Everyone else on the staff is asked for a reason first (people:reason).
OPENS = RELATED | {"front door", "data officer", "chair", "virtual school"}
# Who opens the world's care leaver's records without a reason: their case's people, the front
# door (the case is open), data officers, and the personal adviser who advises them. Neither
# the chair nor the virtual school head: the young person is no longer looked after.
LEAVER_OPENS = frozenset(RELATED | {"front door", "data officer", "personal adviser"})

PAGES: dict[str, Page] = {
    "web:start": Page(ok=302),
    "web:healthz": Page(),
    "accounts:sign_in": Page(ok=302),  # signed in already: on to their work
    "accounts:sign_in_code": Page(ok=302),  # no password step pending: back to sign in
    "accounts:sign_out": Page(),
    "accounts:two_step_set_up": Page(ok_for=(("administrator", 302),)),  # already set up
    "accounts:home": Page(),
    "accounts:team": Page(),
    "accounts:sessions": Page(),
    "admin_sign_in": Page(ok=403),  # signed in but reached the admin's sign-in: not theirs
    "drafts:save": Page(ok=405),  # POST only: a form keeping its draft
    "audit:person": Page(args=("person",), about_person=True),
    "audit:user": Page(args=("worker",)),
    "people:find": Page(query="q=jones"),
    "people:new": Page(),
    "people:person": Page(args=("person",), about_person=True),
    "people:reason": Page(
        args=("person",),
        about_person=True,
        asks_reason=False,
        ok=302,  # they may open it already: on to the record
        ok_for=(
            *((who, 200) for who in ("other-team worker", "business support", "administrator")),
            # No reason opens another record for a personal adviser: the page refuses them.
            ("personal adviser", 403),
        ),
    ),
    "people:family_network": Page(args=("person",), about_person=True),
    "people:change_identity": Page(args=("person",), about_person=True, relationship=True),
    "people:change_background": Page(args=("person",), about_person=True, relationship=True),
    "people:change_identifiers": Page(args=("person",), about_person=True, relationship=True),
    "people:add_other_name": Page(args=("person",), about_person=True, relationship=True),
    "people:add_identifier": Page(args=("person",), about_person=True, relationship=True),
    "people:add_address": Page(args=("person",), about_person=True, relationship=True),
    "people:end_address": Page(args=("person", "residence"), about_person=True, relationship=True),
    "people:add_relationship": Page(args=("person",), about_person=True, relationship=True),
    "people:change_relationship": Page(
        args=("person", "relationship"), about_person=True, relationship=True
    ),
    "people:add_involvement": Page(args=("person",), about_person=True, relationship=True),
    "people:change_involvement": Page(
        args=("person", "involvement"), about_person=True, relationship=True
    ),
    "people:add_unborn": Page(args=("person",), about_person=True, relationship=True),
    "people:merge": Page(args=("person",), about_person=True),
    "people:restriction": Page(args=("person",), about_person=True),
    "people:subject_access": Page(args=("person",), about_person=True),
    "people:undo_merge": Page(args=("person", "merge"), ok=302, about_person=True, method="post"),
    "cases:caseload": Page(),
    "cases:contacts": Page(),
    "cases:new_contact": Page(),
    "cases:contact": Page(args=("contact",), about_person=True),
    # Contacts are decided by the front door and the child's own workers (cases/access.py).
    "cases:decide": Page(
        args=("contact",), about_person=True, relationship=True, also=("front door",)
    ),
    "cases:feedback": Page(
        args=("decided_contact",), about_person=True, relationship=True, also=("front door",)
    ),
    "cases:letter": Page(args=("contact",), about_person=True),
    "cases:match": Page(
        args=("contact",), about_person=True, relationship=True, also=("front door",)
    ),
    "cases:allocate": Page(args=("case",), about_person=True),
    "cases:no_further_action": Page(args=("case",), about_person=True, relationship=True),
    "recording:case": Page(args=("case",), about_person=True),
    "recording:new": Page(args=("case", ":visit"), about_person=True, relationship=True),
    "recording:record": Page(args=(":visit", "visit"), about_person=True),
    "recording:edit": Page(args=(":note", "note"), about_person=True, relationship=True),
    "recording:amend": Page(args=(":visit", "visit"), about_person=True, relationship=True),
    "recording:history": Page(args=(":visit", "visit"), about_person=True),
    "recording:decide": Page(
        args=(":assessment", "assessment"), ok=302, about_person=True, method="post"
    ),
    "recording:review_plan": Page(args=("plan",), about_person=True, relationship=True),
    "recording:plan_pdf": Page(args=("plan",), about_person=True),
    "recording:waiting": Page(),
    "protection:conferences": Page(),
    "children:overdue": Page(),
    "children:summary": Page(args=("person",), about_person=True),
    "children:chronology": Page(args=("person",), about_person=True),
    "children:mark": Page(
        args=("person",), about_person=True, ok=302, method="post", relationship=True
    ),
    "children:add_event": Page(args=("person",), about_person=True, relationship=True),
    "protection:new_strategy": Page(args=("case",), about_person=True, relationship=True),
    "protection:strategy": Page(args=("discussion",), about_person=True),
    "protection:enquiry": Page(args=("enquiry",), about_person=True),
    "protection:new_conference": Page(
        args=("case", ":initial"), about_person=True, relationship=True, also=("chair",)
    ),
    "protection:conference": Page(args=("conference",), about_person=True),
    "protection:amend_conference": Page(
        args=("conference",), about_person=True, relationship=True, also=("chair",)
    ),
    "protection:enquiry_conference": Page(args=("enquiry",), about_person=True, ok=302),
    "protection:conference_letter": Page(args=("conference", "case"), about_person=True),
    "protection:report": Page(args=("conference", "report"), about_person=True),
    "protection:plan": Page(args=("cp_plan",), about_person=True),
    "protection:edit_plan": Page(args=("cp_plan",), about_person=True, relationship=True),
    "protection:end_plan": Page(args=("cp_plan",), about_person=True, relationship=True),
    "protection:new_core_group": Page(args=("cp_plan",), about_person=True, relationship=True),
    "timescales:rules": Page(),
    "returns:returns": Page(),
    "returns:run": Page(args=("return_run",)),
    "returns:download": Page(args=("return_run",)),
    "returns:quality": Page(),
    "timescales:change": Page(args=(":first-core-group",)),
    "jobs:jobs": Page(),
    "jobs:run_now": Page(args=(":deadlines",), ok=302, method="post"),
    "timescales:reason": Page(args=("missed_deadline",), about_person=True, relationship=True),
    # The world's child is looked after already: coming into care again goes to their care.
    "care:come_into_care": Page(args=("case",), about_person=True, relationship=True, ok=302),
    "care:reviewing": Page(),
    "care:period": Page(args=("care_period",), about_person=True),
    "care:move": Page(args=("care_period",), about_person=True, relationship=True),
    "care:legal_status": Page(args=("care_period",), about_person=True, relationship=True),
    "care:details": Page(args=("care_period",), about_person=True, relationship=True),
    "care:end": Page(args=("care_period",), about_person=True, relationship=True),
    # The reviewing officer records reviews (care/access.py may_review).
    "care:new_review": Page(
        args=("care_period",), about_person=True, relationship=True, also=("chair",)
    ),
    "care:review": Page(args=("care_review",), about_person=True),
    "care:new_missing": Page(args=("care_period",), about_person=True, relationship=True),
    "care:edit_missing": Page(args=("missing",), about_person=True, relationship=True),
    "care:new_check": Page(args=("care_period",), about_person=True, relationship=True),
    "care:correct_placement": Page(args=("placement",), about_person=True, relationship=True),
    "care:new_short_break": Page(args=("case",), about_person=True, relationship=True),
    # The road to permanence: the world's child has a plan for adoption.
    "permanence:period": Page(args=("care_period",), about_person=True),
    "permanence:meeting": Page(args=("care_period",), about_person=True, relationship=True),
    "permanence:long_term_match": Page(args=("care_period",), about_person=True, relationship=True),
    "permanence:decide": Page(args=("care_period",), about_person=True, relationship=True),
    "permanence:match": Page(args=("adoption_plan",), about_person=True, relationship=True),
    "permanence:no_longer": Page(args=("adoption_plan",), about_person=True, relationship=True),
    "permanence:adoption": Page(),
    # Leaving care: the caseload, and the world's care leaver's pages (their case's people and
    # the personal adviser who advises them). Support is set up from a case: the world's
    # child is not a care leaver, so the page only says so.
    "leaving_care:caseload": Page(),
    "leaving_care:start": Page(args=("case",), about_person=True, relationship=True),
    "leaving_care:leaver": Page(args=("leaver",), about_person=True, opens=LEAVER_OPENS),
    # The letter goes to the young person: printed, like the changes, by those who work with
    # them.
    **{
        f"leaving_care:{name}": Page(
            args=("leaver", *more),
            about_person=True,
            relationship=True,
            also=("personal adviser",),
            opens=LEAVER_OPENS,
        )
        for name, more in (
            ("letter", ()),
            ("support", ()),
            ("end", ()),
            ("contact", ()),
            ("birthday", (":19",)),
            ("arrangement", ()),
        )
    },
}

# The generic record pages with the leaving care kinds (leaving_care/plans.py): the care
# leaver's needs assessment and pathway plan, by the people of their case and their adviser.
_KIND: dict[str, Any] = {"about_person": True, "opens": LEAVER_OPENS}
_RECORDS_KIND: dict[str, Any] = {**_KIND, "relationship": True, "also": ("personal adviser",)}
KIND_PAGES: dict[str, tuple[str, Page]] = {
    "new pathway plan": (
        "recording:new",
        Page(args=("leaver_case", ":pathway-plan"), **_RECORDS_KIND),
    ),
    "new needs assessment": (
        "recording:new",
        Page(args=("leaver_case", ":needs-assessment"), **_RECORDS_KIND),
    ),
    "pathway plan": ("recording:record", Page(args=(":pathway-plan", "pathway_plan"), **_KIND)),
    "pathway plan history": (
        "recording:history",
        Page(args=(":pathway-plan", "pathway_plan"), **_KIND),
    ),
    # A living record is changed by a new version, not amended: back to the plan.
    "amend pathway plan": (
        "recording:amend",
        Page(args=(":pathway-plan", "pathway_plan"), ok=302, **_RECORDS_KIND),
    ),
    "needs assessment": (
        "recording:record",
        Page(args=(":needs-assessment", "needs_assessment"), **_KIND),
    ),
    "amend needs assessment": (
        "recording:amend",
        Page(args=(":needs-assessment", "needs_assessment"), **_RECORDS_KIND),
    ),
    # A personal adviser records only for the young people they advise: not in the world's
    # child's case.
    "new pathway plan in another case": (
        "recording:new",
        Page(args=("case", ":pathway-plan"), about_person=True, relationship=True),
    ),
}

PERSONAS = [
    "social worker",
    "same-team colleague",
    "other-team worker",
    "team manager",
    "head of service",
    "chair",
    "front door",
    "data officer",
    "virtual school",
    "business support",
    "partner",
    "administrator",
    "personal adviser",
]


def test_every_page_is_in_the_matrix():
    names = {name for _, name, _ in OURS}
    assert names == set(PAGES), f"Add to PAGES: {sorted(names - set(PAGES))}"


@pytest.fixture
def world(persona) -> dict[str, Any]:
    """Who is who, and a record of each kind: an ordinary one and a restricted one, each with
    an address, a relationship, a professional and a merge, so every page has its objects."""
    other_team = make_team(
        "Safeguarding Team 2", service_area=persona[Role.SOCIAL_WORKER].team.service_area
    )
    people = {
        "social worker": persona[Role.SOCIAL_WORKER],
        "same-team colleague": make_user(Role.SOCIAL_WORKER, team=persona[Role.SOCIAL_WORKER].team),
        "other-team worker": make_user(Role.SOCIAL_WORKER, team=other_team),
        "team manager": persona[Role.TEAM_MANAGER],
        "head of service": persona[Role.HEAD_OF_SERVICE],
        "chair": persona[Role.CHAIR],
        "front door": persona[Role.FRONT_DOOR],
        "data officer": persona[Role.DATA_OFFICER],
        "virtual school": persona[Role.VIRTUAL_SCHOOL],
        "business support": persona[Role.BUSINESS_SUPPORT],
        "partner": persona[Role.PARTNER],
        "administrator": persona[Role.ADMINISTRATOR],
        # Advises the world's care leaver (open and restricted alike), in the allocated
        # worker's team: no one else's records open for them, not the team's, and no reason
        # given opens one.
        "personal adviser": make_user(Role.PERSONAL_ADVISER, team=persona[Role.SOCIAL_WORKER].team),
    }
    records = {}
    for kind in ("open", "restricted"):
        child = make_person(first_name=f"Child {kind}")
        parent = make_person(first_name=f"Parent {kind}", date_of_birth=date(1990, 1, 1))
        copy = make_person(first_name=f"Copy {kind}")
        records[kind] = {
            "person": child,
            "residence": make_home(child),
            "relationship": Relationship.objects.create(first=parent, second=child, kind="mother"),
            "involvement": Involvement.objects.create(
                person=child, kind="gp", organisation="Surgery"
            ),
            "merge": merge_people(child, copy, by=persona[Role.DATA_OFFICER], why="Same child"),
            "worker": persona[Role.SOCIAL_WORKER],
            **casework(
                child, persona[Role.SOCIAL_WORKER], persona[Role.FRONT_DOOR], persona[Role.CHAIR]
            ),
            **care_leaver(
                persona[Role.SOCIAL_WORKER], people["personal adviser"], f"Leaver {kind}"
            ),
        }
    # Only the head of service is named on the restricted records (the child and the care
    # leaver, whose personal adviser is not named either).
    for key in ("person", "young_person"):
        restrict_record(
            records["restricted"][key],
            by=persona[Role.HEAD_OF_SERVICE],
            why="Child of a member of staff",
        )
    return {"people": people, "records": records}


def expected(page: Page, who: str, user: Any, view: Any, restricted: bool) -> int:
    policy = declared_policy(view)
    assert policy is not None
    if not policy.permits(user):
        return 403
    if restricted and user.role != Role.HEAD_OF_SERVICE:
        return 404  # restricted: as if it did not exist
    if page.about_person and page.asks_reason and who not in (page.opens or OPENS):
        # To the page that asks for a reason; a personal adviser may give none (403).
        return 403 if who == "personal adviser" else 302
    if page.relationship and who not in RELATED and who not in page.also:
        return 403  # may use such pages, but not on this child's case
    return dict(page.ok_for).get(who, page.ok)


CASES = [(name, persona) for _, name, _ in OURS for persona in PERSONAS]


@pytest.mark.parametrize(("name", "who"), CASES, ids=[f"{n}|{p}" for n, p in CASES])
def test_each_persona_gets_what_the_rules_say(world, name, who):
    _check(world, name, PAGES[name], who)


KIND_CASES = [(key, persona) for key in KIND_PAGES for persona in PERSONAS]


@pytest.mark.parametrize(("key", "who"), KIND_CASES, ids=[f"{k}|{p}" for k, p in KIND_CASES])
def test_each_persona_gets_what_the_rules_say_of_leaving_care_records(world, key, who):
    name, page = KIND_PAGES[key]
    _check(world, name, page, who)


def _check(world: dict[str, Any], name: str, page: Page, who: str) -> None:
    view = next(v for _, n, v in OURS if n == name)
    user = world["people"][who]
    client = signed_in_client(user)
    opens = page.opens or OPENS
    for kind in ("open", "restricted") if page.about_person else ("open",):
        objects = world["records"][kind]
        url = reverse(name, args=[a[1:] if a[0] == ":" else objects[a].pk for a in page.args])
        send = client.post if page.method == "post" else client.get
        response = send(url + (f"?{page.query}" if page.query else ""))
        want = expected(page, who, user, view, kind == "restricted")
        assert response.status_code == want, (
            f"{who} {page.method.upper()} {url} ({kind}): {response.status_code}, expected {want}"
        )
        if want == 302 and page.about_person and page.asks_reason and who not in opens:
            assert "/reason/" in response["Location"], response["Location"]
