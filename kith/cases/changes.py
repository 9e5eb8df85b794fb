"""A case's records changed: tell whoever derives something from them (timescales keeps each
case's deadlines in line). The apps that derive register a listener; every action that saves
something a derivation reads calls `changed(case)` inside its transaction, so the derived rows
commit (or roll back) with the record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Listener = Callable[[Any], None]
LISTENERS: list[Listener] = []


def register(listener: Listener) -> None:
    if listener not in LISTENERS:
        LISTENERS.append(listener)


def changed(*cases: Any) -> None:
    for case in cases:
        for listener in LISTENERS:
            listener(case)
