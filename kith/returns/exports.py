"""Writing the returns to a file, with progress for the page that waits for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from kith.returns import cin_xml
from kith.returns.census import CollectionYear, children_in, in_year, read

Progress = Callable[[int], None]


def write_cin_census(year: CollectionYear, out: TextIO, progress: Progress | None = None) -> int:
    """Write the year's CIN census to `out`, a batch of children at a time. Returns how many
    children it holds; `progress(done)` is told after each batch."""
    out.write(cin_xml.header(year))
    written = done = 0
    for batch in children_in(year):
        for child in read(batch):
            found = in_year(child, year)
            if found is not None:
                out.write(cin_xml.child(found))
                written += 1
        done += len(batch)
        if progress is not None:
            progress(done)
    out.write(cin_xml.FOOTER)
    return written
