"""How fast the demo authority is generated.

Builds a fresh authority of --children children into a new database (a temporary SQLite file,
or the PostgreSQL database in DATABASE_URL, which must be empty) and prints children per second,
rows per second and peak memory.

    .venv/bin/python bench/seed_demo_speed.py --children 50000
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="kith-bench-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["KITH_SQLITE_PATH"] = str(Path(workdir) / "bench.sqlite3")
    os.environ.setdefault("KITH_SECRET_KEY", "kith-benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kith.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from kith.accounts.models import User
    from kith.audit.models import AuditEvent
    from kith.people.models import Address, Person, Residence

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", children=args.children, seed=args.seed, stdout=io.StringIO())
    seconds = time.perf_counter() - started

    rows = sum(model.objects.count() for model in (User, Person, Address, Residence, AuditEvent))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database:            {connection.vendor}")
    print(f"children:            {args.children:,}")
    print(f"people:              {Person.objects.count():,}")
    print(f"rows written:        {rows:,}")
    print(f"seconds:             {seconds:.2f}")
    print(f"children per second: {args.children / seconds:,.0f}")
    print(f"rows per second:     {rows / seconds:,.0f}")
    print(f"peak memory:         {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
