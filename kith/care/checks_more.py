"""The SSDA903 rules about reviews (how the child took part, for their age) and missing
episodes (within care, ended when care or the placement ends, after the child was born)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from kith.care.checks_base import Fix, Problem, Seen, birthday, care_check, on
from kith.care.episodes import in_force
from kith.care.models import MissingEpisode

TOOK_PART = frozenset({"PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"})


@care_check("440", "441")
def review_participation(seen: Seen) -> Iterator[Problem]:
    # Rules 440 and 441 (lac2022_23): PN0 (under 4) is an error for a review after the 4th
    # birthday, and PN1 to PN7 for one before it (on the birthday either is accepted). The
    # return leaves out reviews held during short breaks (rule 399).
    born = seen.born
    if born is None:
        return
    four = birthday(born, 4)
    for review in seen.shown.reviews:
        held = review.held_on
        status = in_force(seen.shown.statuses, held)
        if not seen.start <= held <= seen.end or (status and status.status in ("V3", "V4")):
            continue
        if review.participation == "PN0" and held > four:
            yield Problem(
                "440",
                f"The review on {on(held)} records the child as under 4, but they turned 4 on "
                f"{on(four)}: the review's answer or the date of birth is wrong",
                seen.person(),
                about=f"review {held}",
            )
        elif review.participation in TOOK_PART and held < four:
            yield Problem(
                "441",
                f"The review on {on(held)} records how the child took part, but they were "
                f"under 4 until {on(four)}: for a child under 4 it is 'Under 4 at the time of "
                "the review'. The review's answer or the date of birth is wrong",
                seen.person(),
                about=f"review {held}",
            )


def _fix(missing: MissingEpisode) -> Fix:
    return Fix("Correct the missing episode", reverse("care:edit_missing", args=[missing.pk]))


@care_check("575", "577", "578", "581", "580", "586")
def missing_episodes(seen: Seen) -> Iterator[Problem]:
    first, last = seen.episodes[0], seen.episodes[-1]
    began, ended = first.started_on, last.ended_on  # care as the year's return shows it
    for m in seen.shown.missing:
        if m.started_on > seen.end or (m.ended_on is not None and m.ended_on < seen.start):
            continue
        back = m.ended_on if m.ended_on is not None and m.ended_on <= seen.end else None
        at = f"missing {m.started_on}"
        # Rule 586 (lac2022_23): MIS_START after the date of birth (the same day is an error).
        if seen.born is not None and m.started_on <= seen.born:
            yield Problem(
                "586",
                f"The missing episode from {on(m.started_on)} begins on or before the child's "
                f"date of birth ({on(seen.born)}): correct its dates",
                _fix(m),
                about=at,
            )
        # Rules 578 and 581 (lac2022_23): MIS_START within care: not after its last episode
        # ended (578), nor before its first began (581). The validator reports both rules in
        # either case; the page shows the one that says what happened.
        if ended is not None and m.started_on > ended:
            yield Problem(
                "578",
                f"The missing episode from {on(m.started_on)} begins after care ended "
                f"({on(ended)}): correct its dates",
                _fix(m),
                about=at,
            )
        elif m.started_on < began:
            yield Problem(
                "581",
                f"The missing episode from {on(m.started_on)} begins before {on(began)}, when "
                "care began as this year's return shows it: correct its dates",
                _fix(m),
                about=at,
            )
        # Rule 575 (lac2022_23): an episode (a placement with its legal status) that ended,
        # with MIS_START between its start and end, means the missing episode has an end.
        changed = [
            e.ended_on
            for e in seen.episodes
            if e.ended_on is not None and e.started_on <= m.started_on <= e.ended_on
        ]
        if back is None and changed:
            yield Problem(
                "575",
                f"The child is still recorded as missing since {on(m.started_on)}, but their "
                f"placement or legal status changed on {on(changed[0])}: record the date they "
                "came back",
                _fix(m),
                about=at,
            )
        # Rule 577 (lac2022_23): a missing episode within care: none still open when care has
        # ended or begun before it, none ended after care ended or before it began.
        if back is None and ended is not None:
            message = (
                f"Care ended on {on(ended)}, but the child is still recorded as missing: "
                "record when they came back"
            )
        elif back is None and m.started_on < began:
            message = (
                f"The child is still recorded as missing since {on(m.started_on)}, before "
                f"{on(began)}: correct the dates, and record when they came back"
            )
        elif back is not None and ended is not None and back > ended:
            message = f"The child came back on {on(back)}, after care ended ({on(ended)})"
        elif back is not None and back < began:
            message = f"The child came back on {on(back)}, before {on(began)}"
        else:
            message = ""
        if message:
            if back is not None:
                message += ": correct the dates of the missing episode"
            yield Problem("577", message, _fix(m), about=at)
        # Rule 580 (lac2022_23): missing until the 18th birthday, on which an episode ended:
        # that episode ended with E8 (care ended for another reason).
        if back is None or seen.born is None or back != birthday(seen.born, 18):
            continue
        for e in seen.episodes:
            if e.ended_on == back and e.end_reason != "E8":
                yield Problem(
                    "580",
                    f"The child was missing until their 18th birthday ({on(back)}), when "
                    f"{'care ended' if e.end_reason != 'X1' else 'their placement changed'}: "
                    "care ends that day, 'for another reason', for a young person still "
                    "missing at 18",
                    _fix(m),
                    about=f"end {back}",
                )
