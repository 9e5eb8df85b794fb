from django.apps import AppConfig


class PermanenceConfig(AppConfig):
    name = "kith.permanence"
    label = "permanence"
    verbose_name = "Permanence and adoption"

    def ready(self) -> None:
        from kith.care import rules
        from kith.permanence.rules import adoption_order_problems

        # An adoption order ends care only after the child was placed with matched adopters.
        rules.ENDING_CHECKS.append(adoption_order_problems)
