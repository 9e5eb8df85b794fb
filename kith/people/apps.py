from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "kith.people"
    label = "people"
    verbose_name = "People and families"

    def ready(self) -> None:
        from kith.jobs.kinds import register
        from kith.people import subject_access_bundles
        from kith.people.duplicates import job as duplicate_scan

        register(subject_access_bundles.KIND)
        register(duplicate_scan.KIND)
