"""The family network picture: a genogram-style drawing of the people within two relationship
steps of a person, with the same information in words for the table under it.

Gathered (family.py), laid out (layout.py), put into words (words.py) and drawn (drawing.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import SafeString

from kith.accounts.models import User
from kith.people.genogram.drawing import _draw
from kith.people.genogram.family import _gather
from kith.people.genogram.layout import SIZE, Box, Placed, _generations, _order_rows, _place
from kith.people.genogram.words import Row, _rows
from kith.people.models import Person

__all__ = ["SIZE", "Network", "Placed", "Row", "family_network"]


@dataclass(frozen=True)
class Network:
    person: Person
    svg: SafeString
    width: int
    height: int
    rows: list[Row]
    placed: list[Placed]  # everyone drawn, the subject too, row by row from the top
    household: frozenset[int]  # pks of the people inside the household boundary
    household_box: Box | None


def family_network(person: Person, viewer: User | None = None) -> Network:
    """Gather, lay out and draw the family network of `person`, in four queries. People on
    restricted records the viewer is not named on are left out."""
    family = _gather(person, viewer)
    order = _order_rows(family, _generations(family))
    layout = _place(family, order)
    rows = _rows(family, [p.person.pk for p in layout.placed])
    words = {row.person.pk: row.relationship for row in rows}
    svg = _draw(family, layout, words, timezone.localdate())
    return Network(
        person, svg, layout.width, layout.height, rows, layout.placed, family.household, layout.box
    )
