"""python manage.py seed_demo [--children N] [--seed S] [--if-empty]"""

from __future__ import annotations

import os
import time
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from kith.accounts.demo import NAMED_USERS
from kith.accounts.models import ServiceArea
from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.demo.builder import DEFAULT_PASSWORD, Demo, run_steps


class Command(BaseCommand):
    help = (
        "Build a synthetic demo authority: service areas, teams, staff in every role, and "
        "families. The same seed (on the same day) always builds the same authority."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--children", type=int, default=300, help="How many children (default 300)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds an authority (used by bin/start).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Build as if today were this date (YYYY-MM-DD); for reproducible tests.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("KITH_DEMO_PASSWORD") or DEFAULT_PASSWORD
        if ServiceArea.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The demo authority is already built; nothing was changed.")
                self.print_sign_ins(password)
                return
            raise CommandError(
                "This database already holds an authority, and seed_demo never deletes "
                "anything. Use a new database (set KITH_SQLITE_PATH or DATABASE_URL) to build "
                "another demo."
            )
        if options["children"] < 1:
            raise CommandError("--children must be at least 1.")

        started = time.perf_counter()
        demo = Demo(
            seed=options["seed"],
            children=options["children"],
            today=options["today"] or timezone.localdate(),
            password_hash=make_password(password),
        )
        with transaction.atomic():
            steps = run_steps(demo)
            record(
                by=None,
                verb=Verb.DEMO_AUTHORITY_BUILT,
                detail={
                    "seed": demo.seed,
                    "children": demo.children,
                    "steps": steps,
                    "planted duplicates": demo.counts.get("planted duplicates", 0),
                },
            )
        seconds = time.perf_counter() - started
        made = demo.counts.get("children", 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Built the demo authority in {seconds:.1f} s "
                f"({made / seconds:,.0f} children a second): "
                + ", ".join(f"{n:,} {what}" for what, n in demo.counts.items())
            )
        )
        self.print_sign_ins(password)

    def print_sign_ins(self, password: str) -> None:
        self.stdout.write("\nDemo sign-ins (one for each role):")
        width = max(len(u[0]) for u in NAMED_USERS)
        for username, first, last, _role, title in NAMED_USERS:
            self.stdout.write(f"  {username:<{width}}  {first} {last}, {title}")
        self.stdout.write(
            "The administrator is asked to set up two-step sign-in (an authenticator app) first."
        )
        if password == DEFAULT_PASSWORD:
            self.stdout.write(f"Password for all of them: {password}")
        else:
            self.stdout.write("Password for all of them: the one in KITH_DEMO_PASSWORD")
