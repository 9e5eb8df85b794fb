from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "kith.returns"
    label = "returns"
    verbose_name = "Statutory returns"

    def ready(self) -> None:
        from kith.jobs.kinds import register
        from kith.returns import feeding, runs, runs_903

        register(runs.KIND)
        register(runs_903.KIND)
        register(feeding.DAILY_KIND)
