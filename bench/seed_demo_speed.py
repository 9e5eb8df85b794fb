"""How fast the demo authority is generated.

Builds a fresh authority of --children children into a new database (a temporary SQLite file,
or the PostgreSQL database in DATABASE_URL, which must be empty) and prints children per second,
rows per second and peak memory.

    .venv/bin/python bench/seed_demo_speed.py --children 50000
    bin/with-postgres .venv/bin/python bench/seed_demo_speed.py --children 50000
"""

from __future__ import annotations

import argparse
import resource

from _authority import build_authority, set_up_django


def main() -> None:
    parser = argparse.ArgumentParser(description="How fast the demo authority is generated.")
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    set_up_django()
    from django.apps import apps
    from django.db import connection

    demo, seconds = build_authority(args.children, args.seed)
    rows = sum(
        model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("accounts", "people", "audit")
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database:            {connection.vendor}")
    print(f"children:            {demo.counts['children']:,}")
    print(f"people:              {demo.counts['people']:,}")
    print(f"rows written:        {rows:,}")
    print(f"seconds:             {seconds:.2f}")
    print(f"children per second: {demo.counts['children'] / seconds:,.0f}")
    print(f"rows per second:     {rows / seconds:,.0f}")
    print(f"peak memory:         {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
