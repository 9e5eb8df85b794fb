from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kith.accounts"
    label = "accounts"
    verbose_name = "People who use Kith"

    def ready(self) -> None:
        from kith.accounts import signals  # noqa: F401  (sign-in and sign-out are audited)
