from django.apps import AppConfig


class PermanenceConfig(AppConfig):
    name = "kith.permanence"
    label = "permanence"
    verbose_name = "Permanence and adoption"

    def ready(self) -> None:
        from kith.care import rules
        from kith.people import subject_access
        from kith.permanence.rules import adoption_order_problems
        from kith.permanence.subject_access import sections

        # An adoption order ends care only after the child was placed with matched adopters.
        rules.ENDING_CHECKS.append(adoption_order_problems)
        subject_access.register(sections)
