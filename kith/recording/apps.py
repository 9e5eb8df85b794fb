from django.apps import AppConfig


class RecordingConfig(AppConfig):
    name = "kith.recording"
    label = "recording"
    verbose_name = "Records in a case"
