from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "kith.backups"
    label = "backups"
    verbose_name = "Backups and restoring them"
