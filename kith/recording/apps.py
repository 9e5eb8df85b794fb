from django.apps import AppConfig


class RecordingConfig(AppConfig):
    name = "kith.recording"
    label = "recording"
    verbose_name = "Records in a case"

    def ready(self) -> None:
        # A subject access bundle includes the person's contacts, cases and records.
        from kith.people.subject_access import register
        from kith.recording.subject_access import sections

        register(sections)
