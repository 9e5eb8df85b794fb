"""Making (and, when it is switched on, sending) the DfE data feed: from the command line
(export_csc_feed) or every morning as a job."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kith.audit.log import record
from kith.audit.verbs import Verb
from kith.jobs.kinds import Kind
from kith.jobs.models import Job
from kith.jobs.queue import JobFailed
from kith.returns import feed, sender
from kith.returns.models import FeedSend


def make_feed(
    output: Path, *, everyone: bool, held_back: Callable[[str, list[str]], None] | None = None
) -> FeedSend:
    """Every child whose record changed since the last feed (or every child), checked against
    the DfE's schema, written to `output` and sent when sending is switched on. A child whose
    record does not meet the schema is held back (and `held_back` told) and sent once fixed.
    Raises sender.SendFailed when the DfE cannot be reached; what was sent is remembered."""
    made = FeedSend.objects.create(sent=sender.enabled())
    children = purged = 0
    receipts: list[str] = []
    kept_back: list[str] = []
    try:
        with open(output, "w", encoding="utf-8") as out:
            out.write("[")
            for batch in feed.build(everyone=everyone):
                batch.hold_back_invalid()
                for child_id, wrong in batch.held_back:
                    kept_back.append(child_id)
                    if held_back is not None:
                        held_back(child_id, wrong)
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
        raise
    finally:
        made.children, made.purged, made.receipts = children, purged, receipts
        if kept_back and not made.problem:
            made.problem = (
                f"{len(kept_back)} held back: their records do not meet the DfE's schema "
                f"({', '.join(kept_back[:10])})"
            )
        made.save(update_fields=["children", "purged", "receipts", "problem"])
        record(
            by=None,
            verb=Verb.FEED_MADE,
            detail={"children": children, "purged": purged, "sent": sender.enabled()},
        )
    return made


NOT_SENT = (
    "The DfE could not be reached, or did not accept the feed (the returns page says which). "
    "What was not sent goes with tomorrow morning's feed, or an administrator can run it now "
    "from the Jobs page."
)


def daily(job: Job) -> str:
    """The morning's feed: the children changed since yesterday's, kept under MEDIA_ROOT."""
    folder = Path(settings.MEDIA_ROOT) / "feed"
    folder.mkdir(parents=True, exist_ok=True)
    output = folder / f"feed-{timezone.localtime():%Y-%m-%d-%H%M}.json"
    try:
        made = make_feed(output, everyone=False)
    except sender.SendFailed as failure:
        raise JobFailed(NOT_SENT) from failure
    where = "sent to the DfE" if made.sent else "made (sending is switched off)"
    children = f"{made.children:,} child{'' if made.children == 1 else 'ren'}"
    return f"{children} {where}, {made.purged:,} withdrawn."


DAILY_KIND = Kind(
    "data feed",
    "Sending the DfE data feed",
    run=daily,
    every_day_at=time(6, 0),
    only_if=sender.enabled,
    # Sent batches are remembered as they go, so a second try sends only what is left (a
    # batch sent just before a worker died may be sent twice: the DfE keeps the latest).
)
