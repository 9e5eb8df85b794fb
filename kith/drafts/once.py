"""A form that makes something new is made once, however many times it is sent.

Each such form carries a random token from the moment its page opened (`{% sent_once %}`). The
view makes the new thing inside `sent_once(request)`: the token is claimed in the same
transaction, unique in the database, so a second sending (Save pressed twice, a slow network
sending it again, two at the same instant) is stopped with AlreadySent and sent where the first
one's result is. If saving fails (a problem to put right), the claim is undone with it and the
corrected form can be sent again. Records in a case have their own token (recording/actions.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from kith.drafts.models import SentForm

FIELD = "once"


class AlreadySent(Exception):
    """This form was sent before; `result` is where what it made is ("" if not known)."""

    def __init__(self, result: str) -> None:
        super().__init__("This form was already sent.")
        self.result = result


@contextmanager
def sent_once(request: HttpRequest) -> Iterator[Callable[[str], None]]:
    """Claim the form's token, then make the new thing inside the block; yields `done(url)`
    to say where it is. A form without a token (a page from before tokens) is not checked."""
    token = request.POST.get(FIELD, "")[:64]
    with transaction.atomic():
        claimed = None
        if token:
            try:
                with transaction.atomic():
                    claimed = SentForm.objects.create(token=token, user=request.user)  # type: ignore[misc]
            except IntegrityError:
                first = SentForm.objects.filter(token=token).first()
                raise AlreadySent(first.result if first else "") from None

        def done(url: str) -> None:
            if claimed is not None:
                SentForm.objects.filter(pk=claimed.pk).update(result=url[:300])

        yield done
