from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kith.cases"
    label = "cases"
    verbose_name = "Contacts and cases"
