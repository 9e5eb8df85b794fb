from typing import Any

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kith.cases"
    label = "cases"
    verbose_name = "Contacts and cases"

    def ready(self) -> None:
        # Whose work a child is decides who opens their record without a reason; the people
        # app asks, but cannot import this one (the arrows point one way).
        from kith.cases.access import in_work, records_on, works_with
        from kith.cases.models import Case, Contact
        from kith.people.access import register
        from kith.people.merging import ATTACHED, MERGE_CHECKS

        register(in_work=in_work, works_with=works_with, records_on=records_on)
        # A merged record's contacts and cases move to the record kept, like its addresses.
        ATTACHED.extend([(Case, "child"), (Contact, "child")])
        MERGE_CHECKS.append(_both_open)


def _both_open(survivor: Any, merged: Any) -> str | None:
    from kith.cases.models import Case

    if Case.objects.filter(child=survivor, closed_on__isnull=True).exists() and (
        Case.objects.filter(child=merged, closed_on__isnull=True).exists()
    ):
        return (
            "Both records have an open case, and a child has one open case at a time. Close "
            "one of the cases (its work goes on in the other), then merge the records."
        )
    return None
