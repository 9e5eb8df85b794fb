from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "kith.jobs"
    label = "jobs"
    verbose_name = "Work done in the background"
