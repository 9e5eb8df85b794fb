"""Hunting for leaks: a restricted child's marker must appear nowhere, and every person a page
shows must be in the audit log.

Every page the project registers is fetched (with the records of the ordinary family and of the
restricted child, as a whole page and as an htmx fragment where it has one, as PDF and CSV
where it offers them, and the Django admin's audit list) by every persona not named on the
restriction, with and without a reason given to open the ordinary family's records. Nothing in
any body, redirect or download may carry the restricted child's marker, person number, case
reference or the address of one of her pages. And wherever a page names one of the ordinary
family, the audit log must say the user was shown them in that request.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.audit.models import AuditEvent
from kith.jobs.queue import start as start_job
from kith.people.middleware import RestrictedRecordLeak
from kith.returns.census import CollectionYear
from kith.test import signed_in_client
from kith.web.tests.test_every_url_has_a_policy import OURS
from kith.web.tests.world import PERSONAS, World, build, give_reasons, with_return_run
from kith.web.tests.world.marker import MARK, TRACE

Urls = Callable[[World], Iterator[tuple[list[Any], str]]]


def _each(*keys: str, query: str = "") -> Urls:
    """The page once for each named object, ordinary (o.) or restricted (r.)."""

    def urls(w: World) -> Iterator[tuple[list[Any], str]]:
        for key in keys:
            side, name = key.split(".")
            yield [(w.ordinary if side == "o" else w.restricted)[name].pk], query

    return urls


def _people(query: str = "") -> Urls:
    return _each("o.mother", "o.son", "o.father", "o.stranger", "r.person", "r.copy", query=query)


def _pairs(first: list[str], second: list[str], query: str = "") -> Urls:
    def urls(w: World) -> Iterator[tuple[list[Any], str]]:
        for a in first:
            for b in second:
                yield [_obj(w, a).pk, _obj(w, b).pk], query

    return urls


def _obj(w: World, key: str) -> Any:
    side, name = key.split(".")
    return (w.ordinary if side == "o" else w.restricted)[name]


def _none(*queries: str) -> Urls:
    return lambda w: (([], q) for q in (queries or ("",)))


# The care leaver's records (leaving_care/plans.py), on the generic record pages.
LEAVING_CARE_RECORDS = (
    ("needs-assessment", "needs_assessment"),
    ("pathway-plan", "pathway_plan"),
)


def _records(w: World) -> Iterator[tuple[list[Any], str]]:
    for kind, key in (
        ("visit", "visit"),
        ("visit", "draft"),
        ("note", "note"),
        ("assessment", "assessment"),
        ("plan", "plan"),
        *LEAVING_CARE_RECORDS,
    ):
        yield [kind, w.restricted[key].pk], ""
    for kind, key in (
        ("visit", "visit"),
        ("note", "draft_note"),
        ("assessment", "assessment"),
        ("plan", "plan"),
        *LEAVING_CARE_RECORDS,
    ):
        yield [kind, w.ordinary[key].pk], ""


def _new_records(w: World) -> Iterator[tuple[list[Any], str]]:
    for case in (w.ordinary["case"], w.restricted["case"]):
        for kind in ("visit", "note", "assessment", "plan", "closure"):
            yield [case.pk, kind], ""
    for case in (w.ordinary["leaver_case"], w.ordinary["case"], w.restricted["case"]):
        for kind, _ in LEAVING_CARE_RECORDS:
            yield [case.pk, kind], ""


def _leavers(w: World) -> Iterator[tuple[list[Any], str]]:
    for leaver in (w.ordinary["leaver"], w.ordinary["other_leaver"], w.restricted["leaver"]):
        yield [leaver.pk], ""


def _birthdays(w: World) -> Iterator[tuple[list[Any], str]]:
    for args, query in _leavers(w):
        for age in range(17, 22):
            yield [*args, age], query


def _users(w: World) -> Iterator[tuple[list[Any], str]]:
    for user in w.users.values():
        yield [user.pk], ""
        yield [user.pk], "?format=csv"
        yield [user.pk], "?verb=person_searched"


def _deadlines(w: World) -> Iterator[tuple[list[Any], str]]:
    for case in (w.ordinary["case"], w.restricted["case"]):
        for deadline in case.deadlines.all():
            yield [deadline.pk], ""


def _runs(w: World) -> Iterator[tuple[list[Any], str]]:
    yield [w.ordinary["return_run"].pk], ""


# The collection year the world's records fall in (the latest one is open to data officers).
THIS_YEAR = CollectionYear.of(timezone.localdate())
PEOPLE_PAIRS = ["o.mother", "o.son", "o.father", "r.person"]
RELATIONSHIPS = ["r.rel_mother", "r.rel_brother", "r.rel_father"]
SEARCHES = [
    f"?q={MARK}",
    "?q=pennock",
    "?q=07/07/2016",
    "?q=quill",
]

# Every page, and the addresses to fetch it at. A page missing here fails the suite.
PAGES: dict[str, Urls] = {
    "web:start": _none(),
    "web:healthz": _none(),
    "accounts:sign_in": _none(),
    "accounts:sign_in_code": _none(),
    "accounts:sign_out": _none(),
    "accounts:two_step_set_up": _none(),
    "accounts:home": _none(),
    "accounts:team": _none(),
    "accounts:sessions": _none(),
    "admin_sign_in": _none(),
    "people:find": _none(*SEARCHES),
    "people:new": _none(),
    "people:person": _people(),
    "people:reason": _people(),
    "people:family_network": _people(),
    "people:change_identity": _people(),
    "people:change_background": _people(),
    "people:change_identifiers": _people(),
    "people:add_other_name": _people(),
    "people:add_identifier": _people(),
    "people:add_address": _people(),
    "people:end_address": lambda w: (
        ([p.pk, r.pk], "")
        for p in (w.ordinary["mother"], w.hidden)
        for r in w.hidden.residences.all()
    ),
    "people:add_relationship": _people(f"?q={MARK}"),
    "people:change_relationship": _pairs(PEOPLE_PAIRS, RELATIONSHIPS),
    "people:add_involvement": _people(),
    "people:change_involvement": _pairs(["o.mother", "r.person"], ["r.involvement"]),
    "people:add_unborn": _people(),
    "people:merge": _people(),
    "people:restriction": _people(),
    "people:subject_access": lambda w: (
        ([_obj(w, k).pk], q)
        for k in ("o.mother", "o.son", "o.father", "r.person")
        for q in ("", "?format=pdf")
    ),
    "people:undo_merge": _pairs(["o.mother", "r.person"], ["r.merge"]),
    "cases:caseload": _none(),
    "cases:contacts": _none(),
    "cases:new_contact": lambda w: (
        ([], f"?child={_obj(w, k).pk}") for k in ("o.mother", "o.son", "r.person")
    ),
    "cases:contact": _each("o.waiting_contact", "o.decided_contact", "r.contact"),
    "cases:decide": _each("o.waiting_contact", "r.contact"),
    "cases:feedback": _each("o.decided_contact", "r.contact"),
    "cases:letter": _each("o.decided_contact", "r.contact"),
    "cases:match": _each("o.unmatched_contact", "r.contact", query=f"?q={MARK}"),
    "cases:allocate": _each("o.case", "o.fresh_case", "r.case"),
    "cases:no_further_action": _each("o.fresh_case", "r.case"),
    "recording:case": _each("o.case", "r.case"),
    "recording:new": _new_records,
    "recording:record": _records,
    "recording:edit": _records,
    "recording:decide": _records,
    "recording:amend": _records,
    "recording:history": _records,
    "recording:review_plan": _each("o.plan", "r.plan"),
    "recording:plan_pdf": _each("o.plan", "r.plan"),
    "recording:waiting": _none(),
    "protection:conferences": _none(),
    "protection:new_strategy": _each("o.case", "r.case"),
    "protection:new_conference": lambda w: (
        ([case.pk, kind], "")
        for case in (w.ordinary["case"], w.restricted["case"])
        for kind in ("initial", "review")
    ),
    "protection:strategy": _each("o.discussion"),
    "protection:enquiry": _each("o.son_enquiry", "r.enquiry"),
    "protection:conference": _each("o.conference"),
    "protection:amend_conference": _each("o.conference"),
    "protection:enquiry_conference": _each("o.son_enquiry", "r.enquiry"),
    "protection:conference_letter": _pairs(["o.conference"], ["o.case", "r.case"]),
    "protection:report": _pairs(["o.conference"], ["o.report"]),
    "protection:plan": _each("o.son_plan", "r.cp_plan"),
    "protection:edit_plan": _each("o.son_plan", "r.cp_plan"),
    "protection:end_plan": _each("o.son_plan", "r.cp_plan"),
    "protection:new_core_group": _each("o.son_plan", "r.cp_plan"),
    "children:summary": _people(),
    "children:chronology": lambda w: (
        ([_obj(w, k).pk], q)
        for k in ("o.mother", "o.son", "o.father", "r.person")
        for q in ("", "?family=on", f"?family=on&words={MARK}", "?family=on&format=pdf")
    ),
    "children:mark": _people(),
    "children:overdue": lambda w: iter(
        [([], ""), ([], f"?worker={w.users['social worker'].pk}"), ([], "?what=Visit")]
    ),
    "children:add_event": _people(),
    "timescales:rules": _none(),
    "timescales:change": lambda w: iter([(["first-core-group"], "")]),
    "timescales:reason": _deadlines,
    "returns:returns": _none(),
    "returns:run": _runs,
    "returns:download": _runs,
    "returns:quality": _none("", f"?year={THIS_YEAR.year}"),
    "jobs:jobs": _none(),
    "jobs:run_now": lambda w: iter([(["deadlines"], "")]),
    "audit:person": lambda w: (
        ([_obj(w, k).pk], q)
        for k in ("o.mother", "o.son", "o.father", "r.person")
        for q in ("", "?format=csv")
    ),
    "audit:user": _users,
    "drafts:save": _none(),
    "care:come_into_care": _each("o.case", "r.case"),
    "care:reviewing": _none(),
    "care:period": _each("o.care_period", "r.care_period"),
    "care:move": _each("o.care_period", "r.care_period"),
    "care:legal_status": _each("o.care_period", "r.care_period"),
    "care:details": _each("o.care_period", "r.care_period"),
    "care:end": _each("o.care_period", "r.care_period"),
    "care:new_review": _each("o.care_period", "r.care_period"),
    "care:review": _each("o.care_review", "r.care_review"),
    "care:new_missing": _each("o.care_period", "r.care_period"),
    "care:edit_missing": _each("o.missing", "r.missing"),
    "care:new_check": _each("o.care_period", "r.care_period"),
    "care:correct_placement": _each("o.placement", "r.placement"),
    "care:new_short_break": _each("o.case", "r.case"),
    "permanence:adoption": _none(),
    "permanence:period": _each("o.care_period", "r.care_period"),
    "permanence:meeting": _each("o.care_period", "r.care_period"),
    "permanence:long_term_match": _each("o.care_period", "r.care_period"),
    "permanence:decide": _each("o.care_period", "r.care_period"),
    "permanence:match": _each("o.adoption_plan", "r.adoption_plan"),
    "permanence:no_longer": _each("o.adoption_plan", "r.adoption_plan"),
    "leaving_care:caseload": _none(),
    "leaving_care:start": _each("o.new_leaver_case", "o.leaver_case", "o.case", "r.case"),
    "leaving_care:leaver": _leavers,
    "leaving_care:support": _leavers,
    "leaving_care:end": _leavers,
    "leaving_care:contact": _leavers,
    "leaving_care:birthday": _birthdays,
    "leaving_care:arrangement": _leavers,
    "leaving_care:letter": _leavers,
}
# Pages that answer an htmx request with a fragment of their own.
FRAGMENTS = {"people:find", "people:subject_access", "returns:run"}
# The census holds every child, restricted or not, by number and never by name (its rules are
# the DfE's); the marker (names, words) must still not be in it. Downloading it is audited as
# one event for the file, which lists the children it holds.
NUMBERS_ALLOWED = {"returns:download"}


def test_every_page_is_hunted():
    names = {name for _, name, _ in OURS}
    assert names == set(PAGES), f"Add to PAGES: {sorted(names - set(PAGES))}"


def _text(response: Any) -> str:
    """Everything a response says: body (PDFs as their text), redirect and htmx headers."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw.startswith(b"%PDF"):
        from pypdf import PdfReader

        body = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages)
    else:
        body = raw.decode("utf-8", errors="replace")
    headers = "\n".join(response.get(h, "") for h in ("Location", "HX-Redirect"))
    return f"{body}\n{headers}".lower()


def _admin_urls(w: World) -> list[str]:
    about_her = AuditEvent.objects.filter(person__in=[w.hidden, w.restricted["copy"]])
    return [
        "/admin/",
        "/admin/audit/auditevent/",
        f"/admin/audit/auditevent/?q={MARK}",
        *(f"/admin/audit/auditevent/{e.pk}/change/" for e in about_her[:10]),
        "/admin/accounts/user/",
    ]


@pytest.fixture
def world(db, settings) -> World:
    w = with_return_run(build())
    # The subject access bundles the data officer asked for (each a job, made at once in the
    # tests), so that "?format=pdf" has a PDF to hunt through.
    for key in ("o.mother", "o.son", "o.father", "r.person"):
        start_job("subject access", by=w.users["data officer"], person=_obj(w, key).pk)
    return w


NAMED = {"head of service"}
# Break-glass changes what those outside the family's work can open: they crawl twice. So does
# the personal adviser, with a reason left from before they were one (none opens a record for
# them, and the restricted child never).
OUTSIDERS = ("other-team worker", "business support", "administrator", "chair", "personal adviser")
CRAWLS = [(who, False) for who in PERSONAS] + [(who, True) for who in OUTSIDERS]


@pytest.mark.parametrize(
    ("who", "with_reason"),
    CRAWLS,
    ids=[f"{w}{' with a reason' if r else ''}" for w, r in CRAWLS],
)
def test_a_restricted_child_leaves_no_trace_and_every_look_is_audited(world, who, with_reason):
    user = world.users[who]
    if with_reason:
        give_reasons(world, user)
    client = signed_in_client(user)
    # The one persona named on the restriction may see her: their crawl proves that the pages
    # still work for the named (the last guard never refuses them) and that looks are audited.
    traces = [] if who in NAMED else world.traces()
    shown = {p.pk: (p.full_name.lower(), p.person_number.lower()) for p in _ordinary_people(world)}
    leaks: list[str] = []
    unaudited: list[str] = []
    for name, urls in PAGES.items():
        for args, query in urls(world):
            url = reverse(name, args=args) + query
            for htmx in (False, True) if name in FRAGMENTS else (False,):
                last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
                try:
                    response = client.get(url, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
                except RestrictedRecordLeak as stopped:  # refused, but only by the last guard
                    leaks.append(f"{url}: read her record ({stopped})")
                    continue
                text = _text(response)
                for trace in [TRACE] if name in NUMBERS_ALLOWED and traces else traces:
                    if trace in text:
                        leaks.append(f"{url}{' (htmx)' if htmx else ''}: {trace!r}")
                if response.status_code == 200 and name not in NUMBERS_ALLOWED:
                    unaudited += _not_audited(user, url, text, shown, last or 0)
    if user.is_superuser:
        for url in _admin_urls(world):
            text = _text(client.get(url))
            leaks += [f"{url}: {t!r}" for t in traces if t in text]
    assert not leaks, "The restricted child shows through:\n" + "\n".join(leaks)
    assert not unaudited, "Shown without a read event:\n" + "\n".join(unaudited)


def _ordinary_people(world: World) -> list[Any]:
    return [world.ordinary[k] for k in ("mother", "son", "father", "stranger", "young_person")]


def _not_audited(
    user: Any, url: str, text: str, shown: dict[int, tuple[str, str]], since: int
) -> list[str]:
    named = [pk for pk, words in shown.items() if any(w in text for w in words)]
    if not named:
        return []
    audited = set(
        AuditEvent.objects.filter(by=user, pk__gt=since, person_id__in=named).values_list(
            "person_id", flat=True
        )
    )
    return [f"{url}: person {pk}" for pk in named if pk not in audited]
