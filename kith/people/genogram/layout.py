"""Where each person goes in the family network picture: a row for each generation, couples
side by side, children under their parents, and the household together in one box."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date
from statistics import mean

from kith.people.genogram.family import _Family
from kith.people.models import Person
from kith.people.relationships import PARENTAL_KINDS
from kith.people.relationships import RelationshipKind as Kind

# How many generations the first person of a kind is drawn above the second; others are level.
ONE_ABOVE = PARENTAL_KINDS | {Kind.AUNT_UNCLE, Kind.PARTNER_OF_PARENT, Kind.CARER}
GENERATIONS_ABOVE: dict[str, int] = {**dict.fromkeys(ONE_ABOVE, 1), Kind.GRANDPARENT: 2}
CELL, ROW, SIZE, MARGIN, MIN_WIDTH = 160, 184, 40, 30, 480

Box = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True)
class Placed:
    person: Person
    generation: int  # the row of the picture, 0 at the top
    x: float  # the middle of the symbol
    y: float  # the top of the symbol


@dataclass(frozen=True)
class _Layout:
    placed: list[Placed]
    box: Box | None
    width: int
    height: int


def _generations(family: _Family) -> dict[int, int]:
    """Each person's generation relative to the subject, negative above them. Where the
    records disagree, the shortest path from the subject wins."""
    links: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for rel in family.edges:
        up = GENERATIONS_ABOVE.get(rel.kind, 0)
        links[rel.second_id].append((rel.first_id, -up))
        links[rel.first_id].append((rel.second_id, up))
    level, queue = {family.subject.pk: 0}, deque([family.subject.pk])
    while queue:
        pk = queue.popleft()
        for other, step in links[pk]:
            if other not in level:
                level[other] = level[pk] + step
                queue.append(other)
    return level


def _order_rows(family: _Family, generation: dict[int, int]) -> list[list[int]]:
    """Each row's people from left to right: under their parents, couples side by side, then
    oldest first; and the household together, so that one box can go round it."""
    top = min(generation.values())
    rows: dict[int, list[int]] = defaultdict(list)
    for pk, level in generation.items():
        rows[level - top].append(pk)
    index: dict[int, int] = {}  # place in their row, for their children's order

    def key(pk: int) -> tuple[float, date, int]:
        above = [index[p] for p in family.parents[pk] if p in index]
        person = family.people[pk]
        born = person.date_of_birth or person.expected_date_of_birth or date.max
        return (mean(above) if above else float("inf"), born, pk)

    order = []
    for number in range(max(rows) + 1):
        ordered: list[int] = []
        for pk in sorted(rows[number], key=key):
            if pk not in ordered:  # between their partners if they have more than one
                partners = sorted(family.couples[pk] & set(rows[number]) - set(ordered), key=key)
                ordered += [*partners[1:2], pk, partners[0], *partners[2:]] if partners else [pk]
        home = [pk for pk in ordered if pk in family.household]
        if home:
            away = [pk for pk in ordered if pk not in family.household]
            split = ordered.index(home[0])
            ordered = away[:split] + home + away[split:]
        index.update((pk, i) for i, pk in enumerate(ordered))
        order.append(ordered)
    return order


def _place(family: _Family, order: list[list[int]]) -> _Layout:
    """A position for everyone. The rows the household spans keep its members in the same
    columns, with nobody else among them, so a box drawn round them holds exactly them."""
    rows_home = [n for n, row in enumerate(order) if set(row) & family.household]
    span = range(min(rows_home), max(rows_home) + 1) if rows_home else range(0)
    split = {}
    for n in span:
        home = [pk for pk in order[n] if pk in family.household]
        start = order[n].index(home[0]) if home else len(order[n]) // 2
        split[n] = (order[n][:start], home, order[n][start + len(home) :])
    left, wide, right = (max((len(s[i]) for s in split.values()), default=0) for i in range(3))
    columns = max([left + wide + right] + [len(r) for n, r in enumerate(order) if n not in span])
    width = max(2 * MARGIN + columns * CELL, MIN_WIDTH)
    height = 2 * MARGIN + (len(order) - 1) * ROW + SIZE + 100

    def x(column: float, of: int) -> float:  # centred in the picture's width
        return (width - of * CELL) / 2 + column * CELL + CELL / 2

    placed = []
    for n, row in enumerate(order):
        y = MARGIN + n * ROW
        if n in span:
            before, home, after = split[n]
            columns_of: list[float] = [left - len(before) + i for i in range(len(before))]
            shift = (wide - len(home)) / 2  # centred, over the children they live with
            columns_of += [left + shift + i for i in range(len(home))]
            columns_of += [left + wide + i for i in range(len(after))]
            placed += [
                Placed(family.people[pk], n, x(column, left + wide + right), y)
                for pk, column in zip(before + home + after, columns_of, strict=True)
            ]
        else:
            placed += [Placed(family.people[pk], n, x(i, len(row)), y) for i, pk in enumerate(row)]
    box = None
    if wide:
        top, bottom = MARGIN + span.start * ROW - 14, MARGIN + span[-1] * ROW + SIZE + 94
        box = (x(left, left + wide + right) - CELL / 2 + 6, top, wide * CELL - 12, bottom - top)
    return _Layout(placed, box, width, height)
