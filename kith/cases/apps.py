from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kith.cases"
    label = "cases"
    verbose_name = "Contacts and cases"

    def ready(self) -> None:
        # Whose work a child is decides who opens their record without a reason; the people
        # app asks, but cannot import this one (the arrows point one way).
        from kith.cases.access import in_work, works_with
        from kith.people.access import register

        register(in_work=in_work, works_with=works_with)
