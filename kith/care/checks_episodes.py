"""The SSDA903 rules about the episodes as a whole: legal statuses (how long a short order
lasts, who may be on which), how care ended, temporary placements and short breaks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from kith.care.checks_base import (
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
from kith.care.codes import ADOPTION, TEMPORARY, LegalStatus, PlacementType
from kith.care.episodes import Episode

STATUS = dict(LegalStatus.choices)
KIND = dict(PlacementType.choices)


def _runs(seen: Seen, status: str, *, whole_period: bool) -> list[list[Episode]]:
    """The episodes under one legal status, in runs: each unbroken stretch, or (whole_period)
    every one in the period together, as rules 361 and 362 join them."""
    runs: list[list[Episode]] = []
    before = None
    for episode in seen.episodes:
        if episode.legal_status == status:
            if runs and (whole_period or before is runs[-1][-1]):
                runs[-1].append(episode)
            else:
                runs.append([episode])
        before = episode
    return runs


# Rules 361, 362 (whole period), 363, 364 (each unbroken stretch), lac2022_23: how long an
# order may last, in days from DECOM to DEC (the validator fills an open episode's DEC with 31
# March; here it is today, so it shows once the order has lasted too long).
SHORT_ORDERS = {
    "L1": ("361", 3, True, "Police protection", "72 hours"),
    "L2": ("362", 21, True, "The emergency protection order", "21 days"),
    "L3": ("363", 7, False, "The child assessment order", "7 days"),
    "J2": ("364", 21, False, "Accommodation under PACE", "21 days"),
}


@care_check("361", "362", "363", "364")
def short_orders(seen: Seen) -> Iterator[Problem]:
    for status, (code, limit, whole, what, most) in SHORT_ORDERS.items():
        for run in _runs(seen, status, whole_period=whole):
            began, last = run[0].started_on, run[-1]
            days = (seen.ends(last) - began).days
            if days <= limit:
                continue
            if last.ended_on is None:
                message = (
                    f"{what} has lasted {days} days (since {on(began)}): the return allows at "
                    f"most {most}. Record the legal status that followed it"
                )
                fix = seen.change("Record the legal status", "care:legal_status")
            else:
                message = (
                    f"{what} from {on(began)} lasted {days} days: the return allows at most {most}"
                )
                fix = None
            yield Problem(code, message, fix, about=f"{status} {began}")


def _where(e: Episode) -> tuple[str, str, str, str]:
    """What the return says of a placement: type, postcode, URN and provider."""
    p = e.placement
    return (p.kind, postcode(p.postcode), p.urn, provider(p))


@care_check("435", "436")
def moves_the_return_can_see(seen: Seen) -> Iterator[Problem]:
    for before, e in with_previous(seen):
        if before is None:
            continue
        same = [a == b for a, b in zip(_where(before), _where(e), strict=True)]
        # Rule 435 (lac2022_23): a move (RNE P or T) changes the type, postcode, URN or
        # provider (a blank one is never the same), and not the legal status.
        moved = e.reason_new in ("P", "T") and (
            e.legal_status != before.legal_status or (all(same) and all(_where(e)))
        )
        # Rule 436: a move with a new legal status (RNE B or U) changes both (here two blanks
        # are the same).
        both = e.reason_new in ("B", "U") and (e.legal_status == before.legal_status or all(same))
        if moved or both:
            yield Problem(
                "435" if moved else "436",
                f"The move on {on(e.started_on)} is to a placement of the same type, postcode, "
                "Ofsted URN and provider as the one before: the return cannot see that the "
                "child moved",
                None,
                about=f"episode {e.started_on}",
            )


@care_check("358")
def remanded_under_10(seen: Seen) -> Iterator[Problem]:
    # Rule 358 (lac2022_23): legal status J1, J2 or J3 only for a child over 10 when the
    # episode began (DOB + 10 years >= DECOM is an error: the 10th birthday itself too).
    if seen.born is None:
        return
    ten = birthday(seen.born, 10)
    for e in seen.episodes:
        if e.legal_status in ("J1", "J2", "J3") and ten >= e.started_on:
            yield Problem(
                "358",
                f"The legal status '{STATUS[e.legal_status]}' applies from "
                f"{on(e.started_on)}, on or before the child's 10th birthday: a child under 10 "
                "cannot be remanded, detained or sentenced. Check the date of birth",
                seen.person(),
                about=f"status {e.started_on}",
            )


@care_check("378")
def parents_not_section_20(seen: Seen) -> Iterator[Problem]:
    # Rule 378 (lac2022_23): placement P1 (with parents) and legal status V2 never together.
    for e in seen.episodes:
        if e.placement.kind == "P1" and e.legal_status == "V2":
            yield Problem(
                "378",
                f"From {on(e.started_on)} the child is placed with parents while accommodated "
                "by agreement (section 20): a child placed with parents is on an order"
                + (". Record the legal status, or the move, that applies" if seen.is_open else ""),
                seen.change("Record the legal status", "care:legal_status"),
                about=f"episode {e.started_on}",
            )


@care_check("408")
def placement_order(seen: Seen) -> Iterator[Problem]:
    # Rule 408 (lac2022_23): placement A5 or A6 (placed for adoption under a placement order)
    # only with legal status E1 (placement order granted).
    for e in seen.episodes:
        if e.placement.kind in ("A5", "A6") and e.legal_status != "E1":
            yield Problem(
                "408",
                f"From {on(e.started_on)} the child is placed for adoption under a placement "
                f"order, but their legal status is '{STATUS.get(e.legal_status, '')}'"
                + (": record the placement order" if seen.is_open else ""),
                seen.change("Record the placement order", "care:legal_status"),
                about=f"episode {e.started_on}",
            )


# Rules 386, 387, 389, 460 (lac2022_23): why care ended (REC) against the child's age on the
# day it ended (DEC): (code, reasons, years, an error if that birthday is on or before DEC
# (else if after it), what the reason says, the rule).
END_AGES = [
    ("386", ("E11", "E12"), 18, True, "adopted", "a child is adopted before they are 18"),
    ("387", ("E5", "E6"), 14, False, "moved to independent living", "that is from 14"),
    ("389", ("E7",), 16, False, "moved to adult social care", "that is from 16"),
    ("460", ("E17",), 18, False, "stayed with their carers at 18", "that is from 18"),
]


@care_check("386", "387", "389", "407", "460", "390", "381")
def how_care_ended(seen: Seen) -> Iterator[Problem]:
    last = seen.episodes[-1]
    ended, reason = last.ended_on, last.end_reason
    if ended is None or reason in ("", "X1"):
        return
    born = seen.born
    for code, reasons, years, reached, what, rule in END_AGES:
        if reason in reasons and born is not None:
            turned = birthday(born, years)
            if (turned <= ended) if reached else (turned > ended):
                yield Problem(
                    code,
                    f"Care ended on {on(ended)} because the child {what}, when they were "
                    f"{age(born, ended)}: {rule}. Check the date of birth, or why care ended",
                    seen.person(),
                    about="end",
                )
    # Rule 407: a special guardianship order (E45 to E48) ends care before the 18th birthday
    # or on it (DOB + 18 years < DEC is the error).
    special = reason in ("E45", "E46", "E47", "E48")
    if special and born is not None and birthday(born, 18) < ended:
        yield Problem(
            "407",
            f"Care ended on {on(ended)} with a special guardianship order, after the child's "
            "18th birthday: check the date of birth, or why care ended",
            seen.person(),
            about="end",
        )
    # Rule 390: adopted (E11, E12) only from a placement for adoption (A3 to A6).
    if reason in ("E11", "E12") and last.placement.kind not in ADOPTION:
        yield Problem(
            "390",
            f"Care ended on {on(ended)} with an adoption, but the child was not placed for "
            f"adoption then ({placed(last.placement)} is '{KIND[last.placement.kind]}')",
            None,
            about="end",
        )
    # Rule 381: care cannot end from a temporary placement (T0 to T4, REC not X1).
    if last.placement.kind in TEMPORARY:
        yield Problem(
            "381",
            f"Care ended on {on(ended)} while the child was in a temporary placement "
            f"({KIND[last.placement.kind].lower()}): care ends from the usual placement",
            None,
            about="end",
        )


# Rules 375 (T1, 6 weeks), 376 (T3, 3 weeks), 379 (T4, 7 days), lac2022_23: DEC later than
# DECOM + the days is an error. The validator reads only ended episodes; an open one shows here
# once today is past the limit, as its end will be.
TEMPORARY_DAYS = {
    "T1": ("375", 42, "6 weeks"),
    "T3": ("376", 21, "3 weeks"),
    "T4": ("379", 7, "7 days"),
}


@care_check("375", "376", "379")
def temporary_too_long(seen: Seen) -> Iterator[Problem]:
    for e in seen.episodes:
        if e.placement.kind not in TEMPORARY_DAYS:
            continue
        code, days, words = TEMPORARY_DAYS[e.placement.kind]
        if seen.ends(e) > e.started_on + timedelta(days=days):
            lasted = (seen.ends(e) - e.started_on).days
            still = e.ended_on is None
            yield Problem(
                code,
                f"The temporary placement ({KIND[e.placement.kind].lower()}) from "
                f"{on(e.started_on)} {'has lasted' if still else 'lasted'} {lasted} days: it "
                f"can last {words} at most"
                + (". Record the move back, or to a new placement" if still else ""),
                seen.change("Record the move", "care:move") if still else None,
                about=f"episode {e.started_on}",
            )


@care_check("377")
def carer_holidays(seen: Seen) -> Iterator[Problem]:
    # Rule 377 (lac2022_23): more than two T3 episodes (the foster carer on holiday) in the
    # return's year is an error.
    holidays = [e for e in seen.episodes if e.placement.kind == "T3"]
    if len(holidays) > 2:
        yield Problem(
            "377",
            f"The child has had {len(holidays)} temporary placements while their foster carer "
            "was on holiday this year: only two are allowed in 12 months",
            None,
            about="T3",
        )


@care_check("380", "383")
def into_and_out_of_temporary(seen: Seen) -> Iterator[Problem]:
    episodes = seen.episodes
    for i, e in enumerate(episodes):
        # Rule 380 (lac2022_23): a temporary placement begins with a move to a new carer (RNE
        # P or B): not the start of care, a same-carer move or a change of legal status.
        if e.placement.kind in TEMPORARY and e.reason_new not in ("P", "B"):
            why = {
                "S": "care cannot begin in a temporary placement",
                "L": "the legal status cannot change during a temporary placement",
            }.get(e.reason_new, "a temporary placement is always a change of carer")
            yield Problem(
                "380",
                f"From {on(e.started_on)} the child is in a temporary placement "
                f"({KIND[e.placement.kind].lower()}), but {why}",
                None,
                about=f"episode {e.started_on}",
            )
        # Rule 383 (lac2025_26): after a temporary placement the child goes back to the one
        # before: RNE P, the same placement type and the same placement postcode (a blank
        # postcode never matches).
        if i < 2 or episodes[i - 1].placement.kind not in TEMPORARY:
            continue
        usual = episodes[i - 2].placement
        back = postcode(e.placement.postcode)
        if e.reason_new != "P":
            why = "is not recorded as a move to a new carer with the legal status unchanged"
        elif e.placement.kind != usual.kind:
            why = "is to a different type of placement"
        elif not back or back != postcode(usual.postcode):
            why = "is not to the same postcode"
        else:
            continue
        yield Problem(
            "383",
            f"After a temporary placement the child goes back to the placement before it "
            f"({placed(usual)}), but the move on {on(e.started_on)} {why}",
            None,
            about=f"episode {e.started_on}",
        )


@care_check("382", "384", "365", "366")
def short_break_placements(seen: Seen) -> Iterator[Problem]:
    for e in seen.episodes:
        kind, where = e.placement.kind, placed(e.placement)
        if short_breaks(e) and kind in TEMPORARY:
            # Rule 382 (lac2022_23): short breaks (V3, V4) never in a temporary placement.
            yield Problem(
                "382",
                f"A child on short breaks cannot be in a temporary placement: {where}",
                None,
                about=about(e.placement),
            )
        if short_breaks(e) and kind in ("U1", "U4"):
            # Rule 384 (lac2022_23): short breaks never in long-term foster care (U1, U4).
            yield Problem(
                "384",
                f"A child on short breaks cannot be in long-term foster care: {where}",
                None,
                about=about(e.placement),
            )
        if e.legal_status != "V3":
            continue
        # Rule 365 (lac2022_23): a single short break (V3) lasts at most 17 days (DEC later
        # than DECOM + 17 days is an error; an open one counts to today here, 31 March there).
        if seen.ends(e) > e.started_on + timedelta(days=17):
            yield Problem(
                "365",
                f"The short break from {on(e.started_on)} "
                f"{'has lasted' if e.ended_on is None else 'lasted'} "
                f"{(seen.ends(e) - e.started_on).days} days: a single short break lasts at most "
                "17 days, each a period of care of its own"
                + (": end this one" if seen.is_open else ""),
                seen.change("Record the end of care", "care:end"),
                about=f"episode {e.started_on}",
            )
        # Rule 366 (lac2022_23): each short break (V3) is one episode, begun with RNE S.
        if e.reason_new != "S":
            yield Problem(
                "366",
                f"The placement or legal status changed during a short break (on "
                f"{on(e.started_on)}): each break is a period of care of its own, in one "
                "placement",
                None,
                about=f"episode {e.started_on}",
            )
