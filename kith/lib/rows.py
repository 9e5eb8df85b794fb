"""Repeating rows on a page, such as a plan's actions (a Django formset): made from what the page
sent, or from the rows saved so far, with blank rows to fill in.

The page says how many rows it sent (the formset's TOTAL_FORMS). The browser sends that number,
so it is held between the formset's fewest rows (`min_num`) and a most that no page needs,
whatever a tampered page says; a page that sent no count (a draft kept as typed) gets the fewest.
Asking for another row is one more blank row on the page the worker already has.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.forms import BaseFormSet
from django.http import QueryDict

# More rows than any page needs: a typed or tampered row count cannot make a huge page.
MOST = 50

FormSet = TypeVar("FormSet", bound="BaseFormSet[Any]")


def with_rows(
    sent: QueryDict, *, prefix: str, fewest: int, more: int = 0, most: int = MOST
) -> QueryDict:
    """A copy of what was sent, saying how many rows to show: as many as it sent (at least
    `fewest`, at most `most`), then `more` blank ones."""
    data = sent.copy()
    raw = str(data.get(f"{prefix}-TOTAL_FORMS") or "")
    total = min(int(raw), most) if raw.isdecimal() else 0
    data[f"{prefix}-TOTAL_FORMS"] = str(max(total, fewest) + more)
    initial = str(data.get(f"{prefix}-INITIAL_FORMS") or "")
    data[f"{prefix}-INITIAL_FORMS"] = initial if initial.isdecimal() else "0"
    return data


def rows_for(
    formset: type[FormSet],
    data: QueryDict | None,
    *,
    prefix: str,
    saved: list[dict[str, Any]] | None = None,
    more: int = 0,
) -> FormSet:
    """The rows to show: what was sent (its count made safe), or, when nothing was sent, the
    rows saved so far; either way with `more` blank rows after them."""
    if data is not None:
        counted = with_rows(data, prefix=prefix, fewest=formset.min_num, more=more)
        return formset(counted, prefix=prefix)
    shown = formset(prefix=prefix, initial=saved)
    shown.extra = more
    return shown
