"""python manage.py export_csc_feed --output FILE.json [--all]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.returns import feed, sender
from kith.returns.models import FeedSend


class Command(BaseCommand):
    help = (
        "Make the DfE children's social care data feed: every child whose record changed since "
        "the last feed (or every child, with --all), checked against the DfE's schema, written "
        "to a file and, when KITH_CSC_FEED_URL is set, sent to the DfE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="Where to write the JSON.")
        parser.add_argument(
            "--all", action="store_true", help="Every child, not only those changed."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        made = FeedSend.objects.create(sent=sender.enabled())
        children = purged = 0
        receipts: list[str] = []
        held_back: list[str] = []
        try:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write("[")
                for batch in feed.build(everyone=options["all"]):
                    batch.hold_back_invalid()
                    for child_id, wrong in batch.held_back:
                        held_back.append(child_id)
                        self.stderr.write(
                            f"Held back {child_id}, whose record does not meet the DfE's "
                            f"schema: {'; '.join(wrong[:3])}"
                        )
                    if not batch.children:
                        continue
                    if sender.enabled():
                        receipts.append(sender.post(batch.children))
                    for child in batch.children:
                        out.write(("," if children else "") + "\n" + json.dumps(child))
                        children += 1
                    purged += batch.purged
                    with transaction.atomic():
                        feed.remember(batch)
                out.write("\n]\n")
        except sender.SendFailed as failure:
            made.problem = str(failure)
            raise CommandError(str(failure)) from failure
        finally:
            made.children, made.purged, made.receipts = children, purged, receipts
            if held_back and not made.problem:
                made.problem = (
                    f"{len(held_back)} held back: their records do not meet the DfE's schema "
                    f"({', '.join(held_back[:10])})"
                )
            made.save(update_fields=["children", "purged", "receipts", "problem"])
            record(
                by=None,
                verb=Verb.FEED_MADE,
                detail={"children": children, "purged": purged, "sent": sender.enabled()},
            )
        where = "sent to the DfE and written" if sender.enabled() else "written (not sent)"
        self.stdout.write(
            f"The data feed: {children:,} child{'' if children == 1 else 'ren'} "
            f"({purged:,} withdrawn) {where} to {options['output']}."
        )
