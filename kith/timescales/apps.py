from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "kith.timescales"
    label = "timescales"
    verbose_name = "Timescales and deadlines"

    def ready(self) -> None:
        # Whenever a case's records change, its deadlines are brought into line.
        from kith.cases import changes
        from kith.timescales.deadlines import refresh_case

        changes.register(refresh_case)
