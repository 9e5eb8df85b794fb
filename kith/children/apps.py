from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "kith.children"
    label = "children"
    verbose_name = "The whole child: summary and chronology"

    def ready(self) -> None:
        # Marks and events typed into a chronology move with the child's record on a merge.
        from kith.children.models import ChronologyEvent, ChronologyMark
        from kith.people.merging import ATTACHED

        ATTACHED.extend([(ChronologyEvent, "child"), (ChronologyMark, "child")])
