"""Drawing the family network picture: symbols, names and lines as SVG.

Drawn on the server as SVG with presentation attributes only, because the pages' Content
Security Policy allows no inline styles or scripts. Every name is escaped here, since the
drawing is marked safe for the template.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from datetime import date
from statistics import mean

from django.utils.dateformat import format as format_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kith.people.genogram.family import Links, _Family
from kith.people.genogram.layout import CELL, SIZE, Placed, _Layout
from kith.people.models import Person

WRAP = 18  # about what fits under a symbol at 14px
INK, GREY = "#0b0c0c", "#505a5f"  # GOV.UK text colours: both over 7:1 on white


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
