from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "kith.returns"
    label = "returns"
    verbose_name = "Statutory returns"

    def ready(self) -> None:
        from kith.jobs.kinds import register
        from kith.returns import feeding, runs

        register(runs.KIND)
        register(feeding.DAILY_KIND)
