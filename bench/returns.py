"""Statutory returns at the scale of a large authority: the CIN census XML for a collection year,
the DfE data feed for every child with a case, and the data quality pass over the year — how
many children a minute each handles and the peak Python memory, which should not grow with the
authority (run it at two sizes to see).

    bin/with-postgres .venv/bin/python bench/returns.py                 # 50,000 children
    bin/with-postgres .venv/bin/python bench/returns.py --children 10000
"""

from __future__ import annotations

import argparse
import io
import json
import time
import tracemalloc

from _authority import build_authority, set_up_django


class Discard:
    """A file that keeps nothing: the memory measured is Kith's, not the file's."""

    def write(self, text: str) -> int:
        return len(text)


def measured(work, again=None):  # type: ignore[no-untyped-def]
    """Time a piece of work, then run it again (or `again`) under tracemalloc for its peak
    memory: tracing slows Python down, so the two are measured apart."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    (again or work)()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    set_up_django()
    _demo, built = build_authority(args.children, args.seed)

    from django.db import connection, transaction
    from django.utils import timezone

    from kith.accounts.models import User
    from kith.cases.models import Case
    from kith.returns import feed
    from kith.returns.census import CollectionYear, count_in
    from kith.returns.exports import write_cin_census
    from kith.returns.quality import problems_in

    year = CollectionYear.latest_complete(timezone.localdate())
    with_cases = Case.objects.values("child_id").distinct().count()
    in_scope = count_in(year)
    print(f"Database: {connection.vendor}; authority built in {built:.0f} s")
    print(
        f"Authority: {args.children:,} children, {with_cases:,} with a case; "
        f"{in_scope:,} in the {year.label} census"
    )

    out = io.StringIO()
    written, seconds, peak = measured(
        lambda: write_cin_census(year, out), lambda: write_cin_census(year, Discard())
    )
    size = len(out.getvalue()) / 2**20
    print(
        f"CIN census XML: {written:,} children in {seconds:.1f} s = "
        f"{written / seconds * 60:,.0f} children a minute in the file, "
        f"{args.children / seconds * 60:,.0f} authority children a minute; "
        f"{size:.1f} MiB written; peak Python memory {peak:.1f} MiB"
    )

    def whole_feed() -> tuple[int, int]:
        children = size = 0
        with transaction.atomic():
            for batch in feed.build(everyone=True):
                children += len(batch.children)
                size += len(json.dumps(batch.children))
                feed.remember(batch)
        return children, size

    def dry_run() -> None:
        for batch in feed.build(everyone=True):
            json.dumps(batch.children)

    (sent, feed_size), seconds, peak = measured(whole_feed, dry_run)
    print(
        f"DfE data feed (every child, with what was sent remembered): {sent:,} children in "
        f"{seconds:.1f} s = {sent / seconds * 60:,.0f} children a minute; "
        f"{feed_size / 2**20:.1f} MiB of JSON; peak Python memory {peak:.1f} MiB"
    )
    (none, seconds, peak) = measured(lambda: list(feed.build()))
    print(f"DfE data feed again, nothing changed: {len(none)} batches in {seconds:.1f} s")

    officer = User.objects.get(username="data.officer")
    (groups, children), seconds, peak = measured(lambda: problems_in(year, officer))
    found = sum(len(g.found) for g in groups)
    print(
        f"Data quality page's pass over {children:,} children: {seconds:.1f} s, "
        f"{found:,} problems in {len(groups)} rules "
        f"({', '.join(f'{g.code}: {len(g.found)}' for g in groups) or 'none'}); "
        f"peak Python memory {peak:.1f} MiB"
    )


if __name__ == "__main__":
    main()
