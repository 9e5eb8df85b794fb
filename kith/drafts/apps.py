from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "kith.drafts"
    label = "drafts"
    verbose_name = "Words typed and not yet saved"
