from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "kith.protection"
    label = "protection"
    verbose_name = "Child protection"

    def ready(self) -> None:
        # A conference chair sees the children whose conferences they chair.
        from kith.people import subject_access
        from kith.people.access import register
        from kith.protection.access import chairs
        from kith.protection.rules import open_plan_blocks_closure
        from kith.protection.subject_access import sections
        from kith.recording.actions import CLOSURE_CHECKS

        register(works_with=chairs)
        subject_access.register(sections)
        CLOSURE_CHECKS.append(open_plan_blocks_closure)
