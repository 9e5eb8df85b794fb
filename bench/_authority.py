"""What every benchmark shares: Django set up on a fresh database, and a synthetic authority
built into it with the demo generator."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def set_up_django() -> None:
    """A new SQLite file, or the (empty) PostgreSQL database in DATABASE_URL."""
    if not os.environ.get("DATABASE_URL"):
        # A benchmark's own child process (bench/duplicates.py) opens its parent's file.
        path = os.environ.get("KITH_BENCH_SQLITE") or str(
            Path(tempfile.mkdtemp(prefix="kith-bench-")) / "bench.sqlite3"
        )
        os.environ["KITH_SQLITE_PATH"] = os.environ["KITH_BENCH_SQLITE"] = path
    os.environ.setdefault("KITH_SECRET_KEY", "kith-benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kith.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_authority(children: int, seed: int) -> tuple[Any, float]:
    """Build the demo authority; returns the Demo (with what it planted) and the seconds taken."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from kith.demo.builder import Demo, run_steps

    demo = Demo(
        seed=seed,
        children=children,
        today=timezone.localdate(),
        password_hash=make_password("kith-benchmark-only"),
    )
    started = time.perf_counter()
    with transaction.atomic():
        run_steps(demo)
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return demo, seconds


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
