"""The family network picture: a genogram-style drawing of the people within two relationship
steps of a person, with the same information in words for the table under it.

Drawn on the server as SVG with presentation attributes only, because the pages' Content
Security Policy allows no inline styles or scripts. Every name is escaped here, since the
drawing is marked safe for the template.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from statistics import mean
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kith.people.access import visible_relationships
from kith.people.models import Person, Relationship, Residence
from kith.people.relationships import PARENTAL_KINDS, word_for_first, word_for_second
from kith.people.relationships import RelationshipKind as Kind

# How many generations the first person of a kind is drawn above the second; others are level.
ONE_ABOVE = PARENTAL_KINDS | {Kind.AUNT_UNCLE, Kind.PARTNER_OF_PARENT, Kind.CARER}
GENERATIONS_ABOVE: dict[str, int] = {**dict.fromkeys(ONE_ABOVE, 1), Kind.GRANDPARENT: 2}
# A step-parent is the partner of one parent, not of the other: only these kinds make the two
# parents of a child a couple. (A step-parent's PARTNER relationship still does.)
CO_PARENT_KINDS = PARENTAL_KINDS - {Kind.STEP_PARENT}
# Two steps that have a word of their own: (what the middle person is to the subject, what the
# far person is to the middle one) -> (kind, whether the far person is its first person).
PATH_WORDS = {
    ("parent", "parent"): (Kind.GRANDPARENT, True),
    ("parent", "sibling"): (Kind.AUNT_UNCLE, True),
    ("parent", "partner"): (Kind.PARTNER_OF_PARENT, True),
    ("child", "child"): (Kind.GRANDPARENT, False),
    ("sibling", "child"): (Kind.AUNT_UNCLE, False),
    ("partner", "child"): (Kind.PARTNER_OF_PARENT, False),
}

CELL, ROW, SIZE, MARGIN, MIN_WIDTH = 160, 184, 40, 30, 480
WRAP = 18  # about what fits under a symbol at 14px
INK, GREY = "#0b0c0c", "#505a5f"  # GOV.UK text colours: both over 7:1 on white

Links = dict[int, set[int]]
Box = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True)
class Row:
    """One related person, in words: the picture's text equivalent."""

    person: Person
    relationship: str  # what they are to the subject: "Mother", "Related through Kerry Jones"
    lives_with: bool
    parental_responsibility: bool
    contact: str  # the contact restriction's label, or "" if there is none
    deceased: bool


@dataclass(frozen=True)
class Placed:
    person: Person
    generation: int  # the row of the picture, 0 at the top
    x: float  # the middle of the symbol
    y: float  # the top of the symbol


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


@dataclass(frozen=True)
class _Layout:
    placed: list[Placed]
    box: Box | None
    width: int
    height: int


@dataclass(frozen=True)
class _Family:
    subject: Person
    edges: list[Relationship]
    people: dict[int, Person]
    household: frozenset[int]
    parents: Links  # child -> their parent-figures
    couples: Links


def family_network(person: Person, viewer: Any = None) -> Network:
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


def _gather(person: Person, viewer: Any) -> _Family:
    live = Relationship.objects.filter(
        visible_relationships(viewer),
        first__merged_into__isnull=True,
        second__merged_into__isnull=True,
    )
    near = {person.pk}
    for _ in range(2):  # one step, then two
        ends = live.filter(Q(first_id__in=near) | Q(second_id__in=near))
        near |= {pk for pair in ends.values_list("first_id", "second_id") for pk in pair}
    # Every relationship among them, so grandparents who are a couple are drawn as one.
    edges = list(
        live.filter(first_id__in=near, second_id__in=near)
        .select_related("first", "second")
        .order_by("pk")
    )
    people = {person.pk: person}
    for rel in edges:
        people.setdefault(rel.first_id, rel.first)
        people.setdefault(rel.second_id, rel.second)
    addresses: Links = defaultdict(set)
    # Current as on the person page: no end date, or one still to come (a planned move).
    current = Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())
    for residence in Residence.objects.filter(current, person_id__in=people):
        addresses[residence.person_id].add(residence.address_id)
    household = frozenset(pk for pk in people if addresses[pk] & addresses[person.pk])

    parents: Links = defaultdict(set)
    co_parents: Links = defaultdict(set)
    couples: Links = defaultdict(set)
    for rel in edges:
        if rel.kind in PARENTAL_KINDS:
            parents[rel.second_id].add(rel.first_id)
        if rel.kind in CO_PARENT_KINDS:
            co_parents[rel.second_id].add(rel.first_id)
        if rel.kind == Kind.PARTNER:
            couples[rel.first_id].add(rel.second_id)
            couples[rel.second_id].add(rel.first_id)
    for both in co_parents.values():
        for a, b in combinations(both, 2):
            couples[a].add(b)
            couples[b].add(a)
    return _Family(person, edges, people, household, parents, couples)


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


def _rows(family: _Family, reading_order: list[int]) -> list[Row]:
    """The text equivalent, in the picture's reading order."""
    subject = family.subject.pk
    direct: dict[int, list[Relationship]] = defaultdict(list)
    for rel in family.edges:
        if subject in (rel.first_id, rel.second_id):
            direct[_other(rel, subject)].append(rel)
    rows = []
    for pk in reading_order:
        if pk == subject:
            continue
        rels = direct[pk]
        words = [_word(rel, pk) + ("" if rel.is_current else " (ended)") for rel in rels]
        restrictions = [r.get_contact_restriction_display() for r in rels if r.contact_restriction]
        rows.append(
            Row(
                person=family.people[pk],
                relationship=", ".join(dict.fromkeys(words)) or _path_word(family, pk, direct),
                lives_with=pk in family.household,
                parental_responsibility=any(
                    r.has_parental_responsibility for r in rels if r.first_id == pk
                ),
                contact=restrictions[0] if restrictions else "",
                deceased=family.people[pk].is_deceased,
            )
        )
    return rows


def _other(rel: Relationship, pk: int) -> int:
    return rel.second_id if rel.first_id == pk else rel.first_id


def _word(rel: Relationship, pk: int) -> str:
    """What person `pk`, at one end of `rel`, is to the person at the other end."""
    if rel.first_id == pk:
        return word_for_first(rel.kind, rel.first.sex)
    return word_for_second(rel.kind, rel.second.sex)


def _role(rel: Relationship, pk: int) -> str:
    """Roughly what person `pk`, at one end of `rel`, is to the other: parent, child..."""
    if rel.kind in PARENTAL_KINDS:
        return "parent" if rel.first_id == pk else "child"
    if rel.kind in (Kind.SIBLING, Kind.HALF_SIBLING):
        return "sibling"
    return "partner" if rel.kind == Kind.PARTNER else "other"


def _path_word(family: _Family, pk: int, direct: dict[int, list[Relationship]]) -> str:
    """A word for someone two steps away if the path has one ("Grandmother" for a mother's
    mother, "Sister" for a child of both parents); otherwise who they are related through."""
    sex, edges = family.people[pk].sex, family.edges
    theirs, subjects = (
        {r.first_id for r in edges if r.second_id == child and r.kind in CO_PARENT_KINDS}
        for child in (pk, family.subject.pk)
    )
    if len(theirs & subjects) > 1:
        return word_for_first(Kind.SIBLING, sex)
    if theirs & subjects and subjects - theirs:  # recorded as the child of only one of them
        return word_for_first(Kind.HALF_SIBLING, sex)
    through = []
    for rel in family.edges:
        if pk in (rel.first_id, rel.second_id):
            middle = _other(rel, pk)
            for step in direct.get(middle, []):
                path = PATH_WORDS.get((_role(step, middle), _role(rel, pk)))
                if path:
                    kind, far_is_first = path
                    word = word_for_first if far_is_first else word_for_second
                    return word(kind, sex)
                through.append(family.people[middle].full_name)
    return f"Related through {through[0]}" if through else "Related"


def _life(person: Person, today: date) -> str:
    """The line under a name: their age, or when they are due, were born or died."""
    if person.expected_date_of_birth and person.is_unborn:
        return f"due {format_date(person.expected_date_of_birth, 'j M Y')}"
    if person.date_of_death:
        return f"died {person.date_of_death.year}"
    age = person.age_on(today)
    if person.date_of_birth and age == 0:
        return f"born {format_date(person.date_of_birth, 'j M Y')}"
    return "" if age is None else f"age {age}"


def _symbol(placed: Placed, word: str, is_subject: bool, today: date) -> str:
    """Square, circle or diamond by sex, a small triangle if unborn, crossed if they died; under
    it their name, what they are to the subject and their age."""
    person, x, y, r = placed.person, placed.x, placed.y, SIZE / 2
    look = f'fill="#ffffff" stroke="{INK}" stroke-width="{4 if is_subject else 2}"'
    if person.sex == "F" and not person.is_unborn:
        shape = f'<circle cx="{x}" cy="{y + r}" r="{r}" {look}/>'
    else:
        if person.is_unborn:
            points = [(x, y + 8), (x - 12, y + 30), (x + 12, y + 30)]
        elif person.sex == "M":
            points = [(x - r, y), (x + r, y), (x + r, y + SIZE), (x - r, y + SIZE)]
        else:
            points = [(x, y - 4), (x + r + 4, y + r), (x, y + SIZE + 4), (x - r - 4, y + r)]
        shape = f'<polygon points="{" ".join(f"{px},{py}" for px, py in points)}" {look}/>'
    if person.is_deceased:
        shape += _line([(x - r - 6, y - 6), (x + r + 6, y + SIZE + 6)])
        shape += _line([(x + r + 6, y - 6), (x - r - 6, y + SIZE + 6)])
    lines = [(line, INK) for line in _wrap(person.full_name)]
    lines += [(line, GREY) for line in _wrap(word)] + [(_life(person, today), INK)]
    text = "".join(
        f'<text x="{x}" y="{y + SIZE + 20 + 16 * i}" text-anchor="middle" font-size="14" '
        f'fill="{colour}">{escape(line)}</text>'
        for i, (line, colour) in enumerate(line for line in lines if line[0])
    )
    return f'<g data-person="{person.pk}">{shape}{text}</g>'


def _wrap(words: str) -> list[str]:
    lines = textwrap.wrap(words, WRAP)
    return [lines[0], lines[1][: WRAP - 1] + "…"] if len(lines) > 2 else lines


def _line(points: list[tuple[float, float]], dashed: bool = False) -> str:
    path = " L".join(f"{x},{y}" for x, y in points)
    dashes = ' stroke-dasharray="8 6"' if dashed else ""
    return f'<path d="M{path}" fill="none" stroke="{INK}" stroke-width="2"{dashes}/>'


def _draw(family: _Family, layout: _Layout, words: dict[int, str], today: date) -> SafeString:
    """The household boundary, then the lines, then the symbols over the lines' ends."""
    at = {p.person.pk: p for p in layout.placed}
    ended = {frozenset((r.first_id, r.second_id)) for r in family.edges if not r.is_current}
    ended -= {frozenset((r.first_id, r.second_id)) for r in family.edges if r.is_current}
    centre = {pk: (p.x, p.y + SIZE / 2) for pk, p in at.items()}
    parts = []
    if layout.box:
        bx, by, bw, bh = layout.box
        parts.append(
            f'<rect x="{bx}" y="{by}" width="{bw}" height="{bh}" rx="14" fill="none" '
            f'stroke="{GREY}" stroke-width="2" stroke-dasharray="10 6"/>'
        )
    pairs = {(min(a, b), max(a, b)) for a, partners in family.couples.items() for b in partners}
    for a, b in sorted(pairs):
        parts.append(_line([centre[a], centre[b]], dashed=frozenset((a, b)) in ended))
    # Children hang from a bar, which drops from their parents' line or from a lone parent.
    hanging: dict[frozenset[int], list[int]] = defaultdict(list)
    for child, parents in sorted(family.parents.items()):
        for group in _parent_groups(parents, family.couples):
            hanging[group].append(child)
    for n, (group, children) in enumerate(sorted(hanging.items(), key=lambda h: sorted(h[0]))):
        (first, *_), xs = sorted(group), [at[c].x for c in children]
        drop, start = mean(at[p].x for p in group), at[first].y + SIZE / 2
        line = [(drop, start)]
        if len(group) == 1:  # from under the symbol, across to a gap between people, and down
            side = 1 if mean(xs) > drop else -1
            rows = (at[first].y, min(at[c].y for c in children))
            others = [p.x for pk, p in at.items() if p.y in rows and pk != first]
            gaps = [drop + side * k * CELL / 2 for k in range(1, 6)]
            start = at[first].y + SIZE + 4
            line.append((drop, start))
            drop = next((g for g in gaps if all(abs(g - o) > CELL / 2 - 9 for o in others)), drop)
            line.append((drop, start))
        bar = min(at[c].y for c in children) - 22 - 12 * (n % 3)  # bars side by side differ
        parts.append(_line([*line, (drop, bar)]))
        parts.append(_line([(min([drop, *xs]), bar), (max([drop, *xs]), bar)]))
        for child in children:
            gone = all(frozenset((p, child)) in ended for p in group)
            parts.append(_line([(at[child].x, bar), centre[child]], dashed=gone))
    subject = family.subject.pk
    parts += [_symbol(p, words.get(pk, ""), pk == subject, today) for pk, p in at.items()]

    name = escape(family.subject.full_name)
    their = {"F": "her", "M": "his"}.get(family.subject.sex, "their")
    count = f"{len(at)} {'person' if len(at) == 1 else 'people'}"
    home = f"{len(family.household)} in {their} household" if layout.box else "no current address"
    return mark_safe(  # noqa: S308 - every name in it was escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.width}" '
        f'height="{layout.height}" class="kith-family-network" font-family="Arial, sans-serif" '
        f'viewBox="0 0 {layout.width} {layout.height}" role="img" '
        'aria-labelledby="family-network-title family-network-desc">'
        f'<title id="family-network-title">Family network of {name}</title>'
        f'<desc id="family-network-desc">Family network of {name}: {count}, {home}.</desc>'
        f"{''.join(parts)}</svg>"
    )


def _parent_groups(parents: set[int], couples: Links) -> list[frozenset[int]]:
    """A child's parent-figures as the couples and lone parents their lines hang from."""
    groups, left = [], sorted(parents)
    while left:
        first = left.pop(0)
        partner = next((p for p in left if p in couples[first]), None)
        if partner is not None:
            left.remove(partner)
        groups.append(frozenset({first} if partner is None else {first, partner}))
    return groups
