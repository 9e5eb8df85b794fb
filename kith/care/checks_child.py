"""The SSDA903 rules about the child themselves, as the period of care shows them: their date
of birth, sex, ethnicity and UPN (the return's Header), their age when care began and while it
goes on, and the day they stopped being an unaccompanied asylum-seeking child (UASC)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from kith.care.checks_base import Problem, Seen, birthday, care_check, on, short_breaks
from kith.people.codes import UpnUnknown

# Rule 103's ethnic codes (the same 20 as Kith's own list, people/codes.py).
ETHNIC = frozenset(
    {
        *("WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND"),
        *("APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"),
    }
)
REASONS = dict(UpnUnknown.choices)
UPN = re.compile(r"(^((?![IOS])[A-Z]){1}(\d{12}|\d{11}[A-Z]{1})$)|^(UN[1-5])$")


def upn(seen: Seen) -> str:
    """What the return writes as the UPN: the UPN, or the reason there is none, or UN1 (not of
    school age) for a child under 5 on 31 March with neither (as kith.returns.ssda903 does)."""
    child = seen.child
    if child.upn or child.upn_unknown:
        return child.upn or child.upn_unknown
    born = seen.born
    return "UN1" if born is not None and birthday(born, 5) > seen.end else ""


@care_check("102")
def date_of_birth(seen: Seen) -> Iterator[Problem]:
    # Rule 102 (lac2022_23): DOB must be a date; Kith writes it blank when there is none.
    if seen.born is None:
        yield Problem(
            "102",
            "The child's date of birth is not recorded: add it (an estimate, marked as one, if "
            "it is not known)",
            seen.person("Add the date of birth"),
            about="child",
        )


@care_check("103")
def ethnicity(seen: Seen) -> Iterator[Problem]:
    # Rule 103 (lac2022_23): ETHNIC one of its 20 codes: blank is the error Kith can make.
    if seen.child.ethnicity not in ETHNIC:
        yield Problem(
            "103",
            "The child's ethnicity is not recorded: choose it, or say it is not yet known or "
            "was refused",
            seen.person("Record the ethnicity", "people:change_background"),
            about="child",
        )


@care_check("232")
def sex_known(seen: Seen) -> Iterator[Problem]:
    # Rule 232 (lac2024_25): SEX of U (unknown) is an error.
    if seen.child.sex.upper() == "U":
        yield Problem(
            "232",
            "The child's sex is recorded as unknown: record it as male or female",
            seen.person("Record the sex"),
            about="child",
        )


@care_check("168", "442", "209")
def upn_given(seen: Seen) -> Iterator[Problem]:
    value = upn(seen)
    fix = seen.person("Correct the UPN", "people:change_identifiers")
    # Rule 168 (lac2022_23): a UPN (a letter but I, O or S, then 12 digits, or 11 and a
    # letter) or UN1 to UN5.
    if value and not UPN.match(value):
        if seen.child.upn:
            message = (
                f"The UPN {value} is not one the return accepts (a letter, then 12 digits or 11 "
                "and a letter): check it with the school"
            )
        else:
            message = (
                f"The reason given for no UPN ('{REASONS.get(value, value)}') is not one the "
                "looked-after return accepts: add the UPN, or choose another reason"
            )
        yield Problem("168", message, fix, about="child")
    # Rule 442 (lac2022_23): the UPN (or why there is none) is given for every child with an
    # episode under a legal status other than short breaks (V3, V4).
    if not value and any(not short_breaks(e) for e in seen.episodes):
        yield Problem(
            "442",
            "The child has no UPN and no reason why: add the UPN, or say why there is none",
            fix,
            about="child",
        )
    # Rule 209 (lac2022_23): UN1 (not of school age) is wrong for a child who was 4 on the
    # 31 August before the collection year began.
    cutoff = date(seen.start.year - 1, 8, 31)
    if value == "UN1" and seen.born is not None and birthday(seen.born, 4) <= cutoff:
        yield Problem(
            "209",
            f"The child has no UPN because they are 'not yet of school age', but they were 4 by "
            f"{on(cutoff)}: add the UPN, or the real reason there is none",
            fix,
            about="child",
        )


@care_check("302")
def born_before_care(seen: Seen) -> Iterator[Problem]:
    # Rule 302 (lac2022_23): the child's first episode in the return (DECOM) must not be
    # before the date of birth; the same day is allowed.
    first = seen.episodes[0].started_on
    if seen.born is not None and seen.born > first:
        yield Problem(
            "302",
            f"The child is recorded as looked after from {on(first)}, before their date of "
            f"birth ({on(seen.born)}): check the date of birth",
            seen.person(),
            about="child",
        )


@care_check("352")
def started_under_18(seen: Seen) -> Iterator[Problem]:
    # Rule 352 (lac2022_23): an episode that starts care (RNE S) must start before the 18th
    # birthday; starting on it is an error.
    for episode in seen.episodes:
        if episode.reason_new == "S" and seen.born is not None:
            eighteen = birthday(seen.born, 18)
            if eighteen <= episode.started_on:
                yield Problem(
                    "352",
                    f"Care began on {on(episode.started_on)}, when the child was already 18 "
                    f"(from {on(eighteen)}): a young person cannot start to be looked after at "
                    "18. Check the date of birth",
                    seen.person(),
                    about="child",
                )


@care_check("359")
def looked_after_at_18(seen: Seen) -> Iterator[Problem]:
    # Rule 359 (lac2022_23): an episode still open on 31 March for a child whose 18th birthday
    # was before then is an error, unless accommodated under section 20 (V2) in a children's
    # home (K2). Shown from the day after the 18th birthday: from then it will be one, unless
    # care ends.
    last = seen.episodes[-1]
    if last.ended_on is not None or seen.born is None:
        return
    eighteen = birthday(seen.born, 18)
    in_home = last.legal_status == "V2" and last.placement.kind == "K2"
    if eighteen < seen.today and not in_home:
        yield Problem(
            "359",
            f"The child turned 18 on {on(eighteen)} and is still recorded as looked after: "
            "record the end of care (only a young person accommodated by agreement in a "
            "children's home stays looked after at 18)",
            seen.change("Record the end of care", "care:end"),
            about="child",
        )


@care_check("304")
def unaccompanied_until_18(seen: Seen) -> Iterator[Problem]:
    # Rule 304 (lac2022_23): DUC, the day the child stopped being a UASC, on or before their
    # 18th birthday. The return writes the date recorded if it is by 31 March (else the 18th
    # birthday), and only if it is on or after 1 April.
    period = seen.shown.period
    until = period.unaccompanied_until
    if not period.unaccompanied or until is None or seen.born is None:
        return
    eighteen = birthday(seen.born, 18)
    if seen.start <= until <= seen.end and until > eighteen:
        yield Problem(
            "304",
            f"The child is recorded as an unaccompanied asylum-seeking child until "
            f"{on(until)}, after their 18th birthday ({on(eighteen)}): it ends on the 18th "
            "birthday at the latest. Correct the date",
            seen.care("Correct the date", "care:details"),
            about="child",
        )
