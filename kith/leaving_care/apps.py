from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "kith.leaving_care"
    label = "leaving_care"
    verbose_name = "Leaving care"

    def ready(self) -> None:
        from kith.cases import access as cases_access
        from kith.leaving_care.access import advises, advises_in
        from kith.leaving_care.forms_plans import NeedsAssessmentForm, PathwayPlanForm
        from kith.leaving_care.models import CareLeaver
        from kith.leaving_care.plans import NeedsAssessment, PathwayPlan
        from kith.leaving_care.rules import open_support_blocks_closure
        from kith.leaving_care.subject_access import sections
        from kith.people import subject_access
        from kith.people.access import register
        from kith.people.merging import ATTACHED
        from kith.recording.actions import CLOSURE_CHECKS
        from kith.recording.kinds import Kind
        from kith.recording.kinds import register as register_kind

        # A personal adviser works with (reads, and records in the case of) the young people
        # they advise now, and no one else.
        register(works_with=advises)
        cases_access.ALSO_RECORD.append(advises_in)
        # A merged record's support moves with its cases; an open support keeps its case open.
        ATTACHED.append((CareLeaver, "child"))
        CLOSURE_CHECKS.append(open_support_blocks_closure)
        subject_access.register(sections)
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
