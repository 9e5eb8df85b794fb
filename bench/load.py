"""A working morning under load: Kith under bin/serve (gunicorn and a job worker) on PostgreSQL
with the demo authority, and locust playing social workers, front door staff, managers and a data
officer (bench/load/locustfile.py) at 50, 100 and 200 people at once. Prints p50, p95 and p99
per page and the errors, counted once everyone has signed in.

    python3.11 -m venv .venv-bench && .venv-bench/bin/pip install -r requirements-bench.txt
    bin/with-postgres .venv/bin/python bench/load.py                      # builds 50,000 children
    DATABASE_URL=postgres://… .venv/bin/python bench/load.py --users 50 100 200 --seconds 120

The database in DATABASE_URL is used as it is if it already holds an authority (so one built
once serves many runs), and the demo authority is built into it if it is empty.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _authority import ROOT, set_up_django

LOCUST = ROOT / ".venv-bench" / "bin" / "locust"


def people_at_work(searches: int = 300) -> dict[str, object]:
    """Who works this morning, and on what: each social worker's open cases and their
    children, the managers, the front door, a data officer, and names to search for."""
    from kith.accounts.models import User
    from kith.accounts.roles import Role
    from kith.cases.models import Case
    from kith.people.models import Person

    workers: dict[int, dict[str, object]] = {}
    for case_id, child_id, worker in Case.objects.filter(
        closed_on__isnull=True, worker__is_active=True, child__restricted=False
    ).values_list("pk", "child_id", "worker__username"):
        mine = workers.setdefault(worker, {"username": worker, "cases": [], "children": []})
        mine["cases"].append(case_id)  # type: ignore[union-attr]
        mine["children"].append(child_id)  # type: ignore[union-attr]

    def usernames(role: Role) -> list[dict[str, str]]:
        users = User.objects.filter(role=role, is_active=True).order_by("pk")
        return [{"username": u} for u in users.values_list("username", flat=True)]

    names = list(
        Person.objects.filter(restricted=False)
        .order_by("?")[:searches]
        .values_list("first_name", "family_name")
    )
    return {
        "social_worker": list(workers.values()),
        "team_manager": usernames(Role.TEAM_MANAGER),
        "front_door": usernames(Role.FRONT_DOOR),
        "data_officer": usernames(Role.DATA_OFFICER)[:1],
        "searches": [f"{first} {family}" for first, family in names],
    }


def serve(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "KITH_BIND": f"127.0.0.1:{port}",
        "KITH_WORKERS": str(workers),
        "KITH_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KITH_SECURE_COOKIES": "false",
        "KITH_SSL_REDIRECT": "false",
        "KITH_REQUEST_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen([str(ROOT / "bin" / "serve")], cwd=ROOT, env=env)
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("Kith did not answer /healthz under bin/serve")


def run_locust(
    port: int, users: int, seconds: int, folder: Path, people: Path, spawn_rate: float
) -> list[dict]:
    prefix = folder / f"u{users}"
    subprocess.run(
        [
            str(LOCUST),
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 20)),
            "--run-time",
            f"{round(users / spawn_rate) + 5 + seconds}s",  # arriving, then measured
            "--only-summary",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "KITH_LOAD_PEOPLE": str(people)},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_failures.csv") as f:
        for failure in csv.DictReader(f):
            print(f"  error: {failure['Name']}: {failure['Error']} ({failure['Occurrences']}x)")
    with open(f"{prefix}_stats.csv") as f:
        return list(csv.DictReader(f))


def report(users: int, rows: list[dict]) -> None:
    print(f"\n{users} people at once (think time {os.environ.get('KITH_LOAD_THINK', '5-15')} s)")
    print(f"{'page':26} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "All pages"
        print(
            f"{name:26} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>6} "
            f"{row['95%']:>6} {row['99%']:>6}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--users", type=int, nargs="+", default=[50, 100, 200])
    parser.add_argument("--seconds", type=int, default=120, help="measured, once all signed in")
    parser.add_argument("--web-workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--no-census", action="store_true", help="the data officer does not make the census"
    )
    parser.add_argument("--arrivals", type=float, default=1.0, help="people signing in a second")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Run it on PostgreSQL: bin/with-postgres .venv/bin/python bench/load.py")
    if not LOCUST.exists():
        raise SystemExit(f"locust is not installed: see {Path(__file__).name}'s first lines")
    set_up_django()
    from django.core.management import call_command

    from kith.people.models import Person

    if not Person.objects.exists():
        call_command("seed_demo", "--children", str(args.children))
    random.seed(17)
    folder = Path(tempfile.mkdtemp(prefix="kith-load-"))
    people = folder / "people.json"
    plan = {**people_at_work(), "census": not args.no_census}
    people.write_text(json.dumps(plan))
    print(
        f"{Person.objects.count():,} people; {len(plan['social_worker'])} social workers with "
        f"open cases, {len(plan['team_manager'])} managers, {len(plan['front_door'])} front "
        f"door; {args.web_workers} gunicorn workers x {os.environ.get('KITH_THREADS', '4')} "
        f"threads, {os.cpu_count()} cores"
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from django.db import connection

    connection.close()
    server = serve(port, args.web_workers)
    try:
        for users in args.users:
            report(users, run_locust(port, users, args.seconds, folder, people, args.arrivals))
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
