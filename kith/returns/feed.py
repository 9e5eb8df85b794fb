"""The DfE children's social care data feed: each child's record as the DfE's daily child-level
JSON payload (kith/returns/schemas/dfe-csc-api-openapi.json, schema CSC), built from the same
census view of the record as the CIN census, for every child whose payload changed since the
last send, and checked against the DfE's schema before it leaves Kith.

What was last sent about each child is kept (FeedChild): a record no longer in the child's
payload (a plan recorded against the wrong case and moved, an episode of a person merged into
another) is sent once more with `purge: true`, and a person merged away is purged whole. The
schema does not say whether leaving something out deletes it, so each changed child is sent
whole. A looked-after child's placements (the 903's episodes), UASC status and SDQ scores come
from their care record (returns/feed_care.py), their adoption and a care leaver's latest birthday
check from permanence and leaving care (returns/feed_permanence.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from kith.cases.models import Case
from kith.people.access import for_the_returns
from kith.people.codes import AddressType, IdentifierKind
from kith.people.models import Identifier, Person, Residence
from kith.returns.census import BATCH, CensusChild, CensusEpisode, read
from kith.returns.feed_care import CareForFeed, care_for_feed
from kith.returns.feed_permanence import BLOCKS, Block
from kith.returns.models import FeedChild

SCHEMA = Path(__file__).parent / "schemas" / "dfe-csc-api-openapi.json"
SCHEMA_URI = "urn:dfe-csc-api:openapi"
# The DfE takes at most this many children in one request (CSC maxItems).
PER_REQUEST = 100

Sent = dict[str, Any]  # what was sent about one child: {episode id: {kind: [ids]}}


@cache
def _validator() -> Draft202012Validator:
    spec = json.loads(SCHEMA.read_text())
    registry: Registry = Registry().with_resource(
        SCHEMA_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{SCHEMA_URI}#/components/schemas/CSC"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def problems(payload: list[dict[str, Any]]) -> list[str]:
    """Where a payload breaks the DfE's schema, in words (none: it is valid)."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or 'the payload'}: {error.message}"
        for error in _validator().iter_errors(payload)
    ]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """The schema allows no nulls: an unknown value is left out."""
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def _episode(
    e: CensusEpisode, placements: list[dict[str, Any]], blocks: dict[str, Block]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    assessments = [
        _clean(
            {
                "child_and_family_assessment_id": f"A{a.pk}",
                "start_date": _day(a.started),
                "authorisation_date": _day(a.authorised),
                "factors": sorted(set(a.factors)) if a.authorised else [],
            }
        )
        for a in e.assessments
    ]
    plans = [
        _clean(
            {
                "child_in_need_plan_id": f"CINP{p.pk}",
                "start_date": _day(p.started),
                "end_date": _day(p.ended),
            }
        )
        for p in e.plans
    ]
    enquiries = []
    for s in e.enquiries:
        required = True if s.conference else (False if s.not_required else None)
        enquiries.append(
            _clean(
                {
                    "section_47_assessment_id": f"S47{s.pk}",
                    "start_date": _day(s.started),
                    "icpc_required_flag": required,
                    "icpc_date": _day(s.conference),
                    "end_date": _day(s.conference or (s.decided if s.not_required else None)),
                }
            )
        )
    protection = [
        _clean(
            {
                "child_protection_plan_id": f"CPP{p.pk}",
                "start_date": _day(p.started),
                "end_date": _day(p.ended),
            }
        )
        for p in e.protection_plans
    ]
    body = _clean(
        {
            "social_care_episode_id": e.reference,
            "referral_date": _day(e.referral),
            "referral_source": e.source,
            "referral_no_further_action_flag": e.no_further_action,
            "closure_date": _day(e.closed),
            "closure_reason": e.reason if e.closed else "",
            "child_and_family_assessments": assessments,
            "child_in_need_plans": plans,
            "section_47_assessments": enquiries,
            "child_protection_plans": protection,
            "child_looked_after_placements": placements,
            **{name: block for name, (_, block) in blocks.items()},
        }
    )
    body["referral_no_further_action_flag"] = e.no_further_action  # False is a value, not "none"
    ids = {
        "child_and_family_assessments": [a["child_and_family_assessment_id"] for a in assessments],
        "child_in_need_plans": [p["child_in_need_plan_id"] for p in plans],
        "section_47_assessments": [s["section_47_assessment_id"] for s in enquiries],
        "child_protection_plans": [p["child_protection_plan_id"] for p in protection],
        "child_looked_after_placements": [p["child_looked_after_placement_id"] for p in placements],
        **{name: [blocks[name][0]] if name in blocks else [] for name in BLOCKS},
    }
    return body, ids


ID_OF = {
    "child_and_family_assessments": "child_and_family_assessment_id",
    "child_in_need_plans": "child_in_need_plan_id",
    "section_47_assessments": "section_47_assessment_id",
    "child_protection_plans": "child_protection_plan_id",
    "child_looked_after_placements": "child_looked_after_placement_id",
}


def child_payload(
    c: CensusChild,
    person: Person,
    postcode: str,
    before: Sent | None,
    care: CareForFeed | None = None,
) -> tuple[dict[str, Any], Sent, str]:
    """One child's object in the feed, with purges for what was sent before and is gone; what
    it sends (to remember), and a digest of the child as they are now (to notice changes)."""
    care = care or CareForFeed()
    episodes, sent = [], {}
    for e in c.episodes:
        body, ids = _episode(e, care.placements.get(e.case_pk, []), care.blocks.get(e.case_pk, {}))
        episodes.append(body)
        sent[e.reference] = ids
    now = digest(_whole(c, person, postcode, episodes, care))
    for reference, kinds in (before or {}).items():
        current = sent.get(reference)
        if current is None:
            episodes.append({"social_care_episode_id": reference, "purge": True})
            continue
        body = next(b for b in episodes if b["social_care_episode_id"] == reference)
        for kind, ids in kinds.items():
            if kind in BLOCKS:  # one object: another record's block replaces it, none purges it
                if ids and not current.get(kind):
                    body[kind] = {"purge": True}
                continue
            for gone in [i for i in ids if i not in current.get(kind, [])]:
                body.setdefault(kind, []).append({ID_OF[kind]: gone, "purge": True})
    return _whole(c, person, postcode, episodes, care), sent, now


def _whole(
    c: CensusChild,
    person: Person,
    postcode: str,
    episodes: list[dict[str, Any]],
    care: CareForFeed,
) -> dict[str, Any]:
    details = _clean(
        {
            # The feed takes a UPN only as 13 characters; a wrong one (kept from an imported
            # return) is left out here and shown on the data quality page to put right.
            "unique_pupil_number": c.upn if len(c.upn) == 13 else "",
            "former_unique_pupil_number": c.former_upn if len(c.former_upn) == 13 else "",
            "unique_pupil_number_unknown_reason": c.upn_unknown,
            "first_name": person.first_name,
            "surname": person.family_name,
            "date_of_birth": _day(c.birth),
            "expected_date_of_birth": _day(c.expected_birth if c.birth is None else None),
            "sex": c.sex,
            "ethnicity": c.ethnicity,
            "disabilities": sorted(set(c.disabilities)),
            "postcode": postcode,
            # Blank while the child is one, and for a child never one (the schema says so).
            "uasc_end_date": _day(care.unaccompanied_until)
            if care.unaccompanied
            and care.unaccompanied_until
            and care.unaccompanied_until <= timezone.localdate()
            else None,
        }
    )
    if care.unaccompanied is not None:
        details["uasc_flag"] = care.unaccompanied
    return _clean(
        {
            "la_child_id": c.la_child_id,
            "mis_child_id": str(c.person_pk),
            "child_details": details,
            "health_and_wellbeing": {"sdq_assessments": care.sdq} if care.sdq else None,
            "social_care_episodes": episodes,
        }
    )


def digest(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass
class Batch:
    """Children to send, and what to remember about each once they are sent."""

    children: list[dict[str, Any]] = field(default_factory=list)
    # For each child sent, what to remember (person, sent, digest), or None (an old ID purged).
    remember: list[tuple[int, Sent, str] | None] = field(default_factory=list)
    purged: int = 0
    held_back: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, child: dict[str, Any], remember: tuple[int, Sent, str] | None) -> None:
        self.children.append(child)
        self.remember.append(remember)
        self.purged += bool(child.get("purge")) and len(child) == 2

    def hold_back_invalid(self) -> None:
        """A child whose payload breaks the DfE's schema is held back and reported, not sent,
        so it cannot stop everyone else's; it is sent once it is put right."""
        kept = [
            (child, memo, problems([child]))
            for child, memo in zip(self.children, self.remember, strict=True)
        ]
        self.children = [c for c, _, wrong in kept if not wrong]
        self.remember = [m for _, m, wrong in kept if not wrong]
        self.held_back += [(str(c.get("la_child_id")), w) for c, _, w in kept if w]


def _postcodes(ids: list[int]) -> dict[int, str]:
    today = timezone.localdate()
    found: dict[int, str] = {}
    for person_id, postcode in (
        Residence.objects.filter(person_id__in=ids, kind=AddressType.HOME)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("start_date")
        .values_list("person_id", "address__postcode")
    ):
        found[person_id] = postcode
    return found


def people_in_feed() -> Iterator[list[int]]:
    """Everyone with a case (a child in need episode), and everyone the feed has sent before."""
    ids = set(Case.objects.values_list("child_id", flat=True))
    ids |= set(FeedChild.objects.values_list("person_id", flat=True))
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        yield ordered[start : start + BATCH]


def build(everyone: bool = False) -> Iterator[Batch]:
    """The feed, a batch of at most PER_REQUEST children at a time: every child whose payload
    changed since it was last sent (or every child), and a purge for each person merged away."""
    batch = Batch()
    for ids in people_in_feed():
        with for_the_returns():  # every child, restricted or not (the DfE's own feed)
            people = Person.objects.in_bulk(ids)
        before = {f.person_id: f for f in FeedChild.objects.filter(person_id__in=ids)}
        postcodes = _postcodes(ids)
        census = {c.person_pk: c for c in read(ids)}
        care = care_for_feed(ids)
        for pk in ids:
            last = before.get(pk)
            c = census.get(pk)
            old = _la_child_id(last) if last and last.sent != {"purged": True} else None
            if c is None:  # merged into another record: the DfE forgets this one
                if old is not None and not _held(old, pk):
                    batch.add({"la_child_id": old, "purge": True}, (pk, {"purged": True}, ""))
                elif old is not None:
                    # The record kept took its ID (a census ID moves with a merge): no purge.
                    FeedChild.objects.filter(person_id=pk).update(sent={"purged": True})
            else:
                moved = old is not None and old != c.la_child_id
                if moved and old is not None and not _held(old, pk):
                    # The child's ID changed (a merge brought an earlier census ID): the DfE
                    # forgets the old one, and is sent the child whole under the new one.
                    batch.add({"la_child_id": old, "purge": True}, None)
                payload, sent, mark = child_payload(
                    c,
                    people[pk],
                    postcodes.get(pk, ""),
                    None if moved else _sent(last),
                    care.get(pk),
                )
                if everyone or last is None or moved or last.digest != mark:
                    batch.add(payload, (pk, {**sent, "la_child_id": c.la_child_id}, mark))
            if len(batch.children) >= PER_REQUEST:
                yield batch
                batch = Batch()
    if batch.children:
        yield batch


def _held(la_child_id: str, but: int) -> bool:
    """Whether someone else (in Kith, not merged away) goes by this ID now."""
    if la_child_id[:1] == "P" and la_child_id[1:].isdigit():
        return False  # a person number is only ever its own person's
    return (
        Identifier.objects.filter(
            kind=IdentifierKind.CENSUS_CHILD_ID,
            value=la_child_id,
            person__merged_into__isnull=True,
        )
        .exclude(person_id=but)
        .exists()
    )


def _sent(last: FeedChild | None) -> Sent | None:
    if last is None:
        return None
    return {k: v for k, v in last.sent.items() if k not in ("la_child_id", "purged")}


def _la_child_id(last: FeedChild) -> str:
    return str(last.sent.get("la_child_id") or f"P{last.person_id:07d}")


def remember(batch: Batch) -> None:
    """Keep what was sent, so the next feed sends only changes and purges what has gone."""
    now = timezone.now()
    memos = [m for m in batch.remember if m is not None]
    known = FeedChild.objects.in_bulk([person for person, _, _ in memos], field_name="person_id")
    new, changed = [], []
    for person_id, sent, mark in memos:
        row = known.get(person_id)
        if row is None:
            new.append(FeedChild(person_id=person_id, sent=sent, digest=mark, sent_at=now))
        else:
            row.sent, row.digest, row.sent_at = sent, mark, now
            changed.append(row)
    FeedChild.objects.bulk_create(new)
    FeedChild.objects.bulk_update(changed, ["sent", "digest", "sent_at"])
