from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "kith.leaving_care"
    label = "leaving_care"
    verbose_name = "Leaving care"

    def ready(self) -> None:
        from kith.leaving_care.forms_plans import NeedsAssessmentForm, PathwayPlanForm
        from kith.leaving_care.plans import NeedsAssessment, PathwayPlan
        from kith.recording.kinds import Kind
        from kith.recording.kinds import register as register_kind

        # The needs assessment and the pathway plan are records in the young person's case,
        # with their care history and support drawn in beside them.
        for kind in (
            Kind(
                "needs-assessment",
                NeedsAssessment,
                NeedsAssessmentForm,
                "needs assessment",
                "Assess the young person's needs",
                starts_today=False,
            ),
            Kind(
                "pathway-plan",
                PathwayPlan,
                PathwayPlanForm,
                "pathway plan",
                "Write the pathway plan",
            ),
        ):
            register_kind(kind)
