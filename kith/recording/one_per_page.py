"""One record per page. Each page a record is written on carries a random token from the
moment it opens (Record.form_token), so a page that has not yet heard of its record's number
(Save pressed twice, an autosave racing a save, a slow network sending it twice) finds the record
it made instead of making a second. Used inside the actions' transactions (recording/actions.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kith.accounts.models import User
from kith.cases.models import Case
from kith.recording.models import Record


class AlreadySaved(Exception):
    """The page was sent again after its record was finished (Save pressed twice, a slow
    network sending it twice): nothing more to do but show the record."""

    def __init__(self, record: Record) -> None:
        super().__init__("This record was already saved.")
        self.record = record


def _this_page(model: type[Record], case: Case, by: User, token: str) -> Record | None:
    """The record this page made already (by its token), locked for this transaction."""
    if not token:
        return None
    return (
        model._default_manager.select_for_update()
        .filter(case=case, author=by, form_token=token[:32])
        .first()
    )


def open_record(
    record: Record | None, model: type[Record], case: Case, by: User, token: str
) -> tuple[Record, bool]:
    """The record to save into, and whether it was made just now. A page that has not yet
    heard of its record finds the one its token made, inside this transaction: two presses of
    Save, or an autosave and a save at once, never make two records (the token is unique in
    the database, so the second of two racing inserts finds the first)."""
    if record is not None:
        return record, False
    found = _this_page(model, case, by, token)
    if found is not None:
        return found, False
    if not case.is_open:
        raise ValidationError(
            "This case is closed. A new worry about the child starts with a new contact."
        )
    try:
        with transaction.atomic():
            made = model._default_manager.create(case=case, author=by, form_token=token[:32])
    except IntegrityError:
        found = _this_page(model, case, by, token)
        if found is None:
            raise
        return found, False
    return made, True


def page_version(record: Record, version: int | None, *, by_token: bool) -> int | None:
    """The version to check. A page that found its record by its own token may not yet know
    the version its autosave reached: the record is its own, so it saves on the current one."""
    return record.version if by_token and version is None else version
