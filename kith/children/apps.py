from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "kith.children"
    label = "children"
    verbose_name = "The whole child: summary and chronology"
