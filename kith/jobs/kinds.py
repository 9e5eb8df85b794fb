"""The kinds of job there are. Each app registers the work it does in the background from its
AppConfig.ready, so the jobs app runs work it knows nothing about (and imports none of it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time

from kith.jobs.models import Job


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what a person reads on the jobs page: "Making the CIN census file"
    run: Callable[[Job], str]  # does the work; returns what it did, in words
    # Run again when a worker died mid-job? Only for work that can start over safely.
    again_if_cut_short: bool = True
    # Told when the job is given up (failed, or cut short too often), to mark its own record.
    given_up: Callable[[Job], None] | None = None
    # A job run by the worker every day from this time (local), if only_if says so.
    every_day_at: time | None = None
    only_if: Callable[[], bool] | None = None
    # Offered on the Jobs page for an administrator to start (daily jobs always are).
    on_request: bool = False

    @property
    def offered(self) -> bool:
        return self.every_day_at is not None or self.on_request


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    KINDS[kind.name] = kind


def label_of(name: str) -> str:
    kind = KINDS.get(name)
    return kind.label if kind else name
