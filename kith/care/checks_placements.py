"""The SSDA903 rules about each placement's own answers: its postcodes, Ofsted URN and provider,
the child's age for the type of placement, placements for adoption, and why a placement
ended."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kith.care.checks_base import (
    NOT_PROVIDED,
    Problem,
    Seen,
    about,
    age,
    birthday,
    care_check,
    on,
    placed,
    postcode,
    provider,
    short_breaks,
    with_previous,
)
from kith.care.codes import ADOPTION, FOSTER_CARE, TEMPORARY, PlacementType, Provider

KIND = dict(PlacementType.choices)
PROVIDER = dict(Provider.choices)


def _first(text: str) -> str:
    return text[:1].upper() + text[1:]


@care_check("392b", "392d", "214", "398")
def postcodes(seen: Seen) -> Iterator[Problem]:
    uasc = seen.uasc()
    for e in seen.episodes:
        p = e.placement
        home, there = postcode(p.home_postcode), postcode(p.postcode)
        # Rule 392b (lac2022_23): both postcodes, for every episode but short breaks (V3, V4),
        # unless the child is (or last year was) an unaccompanied asylum-seeking child.
        if not uasc and not short_breaks(e) and not (home and there):
            what = {
                (False, True): "home postcode for the child",
                (True, False): "placement postcode",
            }.get((bool(home), bool(there)), "home or placement postcode")
            yield Problem("392b", f"{_first(placed(p))} has no {what}", seen.correct(p), about(p))
        # Rule 392d (lac2022_23): the home and placement postcodes differ, but for a placement
        # with parents (P1).
        if p.kind != "P1" and home and home == there:
            yield Problem(
                "392d",
                f"{_first(placed(p))} has the same postcode as the child's home "
                f"({p.postcode}): only a child placed with parents lives at home",
                seen.correct(p),
                about(p),
            )
        if not short_breaks(e):
            continue
        # Rule 214 (lac2022_23): no placement postcode or URN for short breaks (V3, V4).
        if there or p.urn:
            yield Problem(
                "214",
                f"{_first(placed(p))} is for short breaks, but has a placement postcode or "
                "Ofsted URN: the return takes neither for short breaks",
                seen.correct(p),
                about(p),
            )
        # Rule 398 (lac2022_23): no home or placement postcode for short breaks either.
        if home or there:
            yield Problem(
                "398",
                f"{_first(placed(p))} is for short breaks, but has a home or placement "
                "postcode: the return takes neither for short breaks",
                seen.correct(p),
                about(p),
            )


# Rules 218 and 222 (lac2025_26): the placement types with no Ofsted URN.
NO_URN = frozenset({"P1", "P3", "R1", "R2", "R5"}) | NOT_PROVIDED


@care_check("218", "222", "242")
def ofsted_urn(seen: Seen) -> Iterator[Problem]:
    for e in seen.episodes:
        p = e.placement
        # Rule 218: a URN for every other type, in an episode open on or ending after 1 April
        # (every episode in the year's return). The validator spares a placement outside
        # England, from its postcode's authority, which Kith cannot tell: the message says so.
        if not p.urn and p.kind not in NO_URN:
            yield Problem(
                "218",
                f"{_first(placed(p))} has no Ofsted URN (only a placement outside England has "
                "none)",
                seen.correct(p),
                about(p),
            )
        # Rule 222: no URN (but XXXXXXX) for those types.
        if p.urn and p.urn != "XXXXXXX" and p.kind in NO_URN:
            yield Problem(
                "222",
                f"{_first(placed(p))} has an Ofsted URN, but a placement of this type "
                f"('{KIND[p.kind]}') has none",
                seen.correct(p),
                about(p),
            )
        # Rule 242: XXXXXXX only for placements for adoption (A3 to A6) and fostering (U1-U6).
        if p.urn == "XXXXXXX" and p.kind not in ADOPTION | FOSTER_CARE:
            yield Problem(
                "242",
                f"{_first(placed(p))} has the URN XXXXXXX, which is only for fostering and "
                "adoption placements",
                seen.correct(p),
                about(p),
            )


# Rules 527 to 531 and 550 (lac2022_23): which providers cannot provide which placement types.
NOT_BY = [
    ("527", "PR1", frozenset({"P1", "R2", "R5"})),
    ("528", "PR2", frozenset({"P1", "R2", "R5"})),
    ("529", "PR3", frozenset({"P1", "K1", "K2"}) | ADOPTION | FOSTER_CARE),
    ("530", "PR4", frozenset({"P1"})),
    ("531", "PR5", frozenset({"P1"})),
]


@care_check("526", "527", "528", "529", "530", "531", "550")
def placement_provider(seen: Seen) -> Iterator[Problem]:
    for e in seen.episodes:
        p = e.placement
        given = provider(p)
        # Rule 526 (lac2025_26): a provider for every type but T0 to T4 and Z11 to Z14.
        if not given and p.kind not in NOT_PROVIDED:
            yield Problem(
                "526",
                f"{_first(placed(p))} has no provider"
                + (" (placed with parents: the parents)" if p.kind == "P1" else ""),
                seen.correct(p),
                about(p),
            )
        wrong = [code for code, by, kinds in NOT_BY if given == by and p.kind in kinds]
        # Rule 550: PR0 (parents) only for a placement with parents (P1).
        if given == "PR0" and p.kind != "P1":
            wrong.append("550")
        for code in wrong:
            yield Problem(
                code,
                f"{_first(placed(p))} is '{KIND[p.kind]}', which '{PROVIDER[given]}' cannot "
                "provide",
                seen.correct(p),
                about(p),
            )


# Rules 371 (K3 from 16, lac2024_25), 372 (R5 from 10), 373 (S1 from 4), 374 (P3 from 14):
# DECOM before that birthday is an error. The validator reads only ended episodes; the age
# when an episode began does not change, so an open one shows here at once.
FROM_AGE = {"K3": ("371", 16), "R5": ("372", 10), "S1": ("373", 4), "P3": ("374", 14)}


@care_check("371", "372", "373", "374")
def placement_age(seen: Seen) -> Iterator[Problem]:
    born = seen.born
    for e in seen.episodes:
        p = e.placement
        if p.kind in FROM_AGE and born is not None:
            code, years = FROM_AGE[p.kind]
            if e.started_on < birthday(born, years):
                yield Problem(
                    code,
                    f"The child was {age(born, e.started_on)} on {on(e.started_on)}, in "
                    f"{placed(p)} ('{KIND[p.kind]}'): that is for children of {years} and "
                    "over. Check the date of birth, or the type of placement",
                    seen.person(),
                    about(p),
                )


@care_check("217", "336")
def placed_for_adoption(seen: Seen) -> Iterator[Problem]:
    for before, e in with_previous(seen):
        p = e.placement
        # Rule 217 (lac2022_23): A3 or A5 (placed for adoption with the current foster
        # carer), from 1 April 2015, begins with RNE S, T or U: the carer stays the same.
        with_carer = p.kind in ("A3", "A5") and e.started_on >= date(2015, 4, 1)
        if with_carer and e.reason_new not in ("S", "T", "U"):
            why = (
                f"the legal status changed on {on(e.started_on)} during it"
                if e.reason_new == "L"
                else "the move into it is not recorded as 'The carer stays the same'"
            )
            yield Problem(
                "217",
                f"{_first(placed(p))} is a placement for adoption with the child's foster "
                f"carer, but {why}: the return takes it only as the same carer",
                seen.correct(p),
                f"episode {e.started_on}",
            )
        # Rule 336 (lac2022_23): A3 or A4 (placed for adoption with consent) follows a
        # placement for adoption or in foster care (not checked on the child's first episode).
        earlier = before.placement.kind if before is not None else ""
        if p.kind in ("A3", "A4") and earlier and earlier not in ADOPTION | FOSTER_CARE:
            yield Problem(
                "336",
                f"Before {placed(p)} (placed for adoption with consent) the child was not in "
                f"foster care but '{KIND[earlier]}': a child placed for adoption comes from "
                "foster care",
                seen.correct(p),
                f"episode {e.started_on}",
            )


def reason_written(seen: Seen, i: int) -> str:
    """REASON_PLACE_CHANGE as the return writes it: on an episode ended by a move (X1), but
    not when the next placement is a temporary one."""
    e = seen.episodes[i]
    following = seen.episodes[i + 1] if i + 1 < len(seen.episodes) else None
    if e.ended_on is None or e.end_reason != "X1":
        return ""
    if following is not None and following.placement.kind in TEMPORARY:
        return ""
    return e.change_reason


@care_check("225", "234")
def why_placements_ended(seen: Seen) -> Iterator[Problem]:
    episodes = seen.episodes
    for i, e in enumerate(episodes):
        reason = reason_written(seen, i)
        following = episodes[i + 1] if i + 1 < len(episodes) else None
        # Rule 225 (lac2022_23): why a placement ended, on an episode ended by a move (REC X1,
        # next RNE P, B, T or U), neither placement temporary.
        if (
            following is not None
            and e.end_reason == "X1"
            and not reason
            and e.placement.kind not in TEMPORARY
            and following.reason_new in ("P", "B", "T", "U")
            and following.placement.kind not in TEMPORARY
        ):
            yield Problem(
                "225",
                f"Why {placed(e.placement)} ended (on {on(following.started_on)}) is not recorded",
                seen.correct(e.placement),
                about(e.placement),
            )
        # Rule 234 (lac2025_26): CUSTOD (the child went into custody) only when the child was
        # 10 or over when the episode began.
        born = seen.born
        if reason == "CUSTOD" and born is not None and birthday(born, 10) > e.started_on:
            yield Problem(
                "234",
                f"{_first(placed(e.placement))} is recorded as ending because the child went "
                "into custody, but they were under 10: check the date of birth, or why it ended",
                seen.person(),
                about(e.placement),
            )
