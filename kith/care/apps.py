from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "kith.care"
    label = "care"
    verbose_name = "Children looked after"

    def ready(self) -> None:
        from kith.care.access import reviews, virtual_school
        from kith.care.drawn_in import drawn_in
        from kith.care.forms_plans import CarePlanForm, PlacementPlanForm
        from kith.care.models import CarePeriod, CheckRecord
        from kith.care.plans import CarePlan, PlacementPlan
        from kith.care.rules import open_care_blocks_closure
        from kith.care.subject_access import sections
        from kith.people import subject_access
        from kith.people.access import register
        from kith.people.merging import ATTACHED
        from kith.recording.actions import CLOSURE_CHECKS
        from kith.recording.kinds import Kind
        from kith.recording.kinds import register as register_kind

        # The reviewing officer and the virtual school head work with looked-after children.
        register(works_with=reviews)
        register(works_with=virtual_school)
        subject_access.register(sections)
        # A merged record's periods of care and checks move to the record kept, with its cases.
        ATTACHED.extend([(CarePeriod, "child"), (CheckRecord, "child")])
        CLOSURE_CHECKS.append(open_care_blocks_closure)
        # The care plan and placement plan are records in the case, with what Kith already
        # holds drawn in beside them.
        for kind in (
            Kind(
                "care-plan",
                CarePlan,
                CarePlanForm,
                "care plan",
                "Write the care plan",
                aside="care/_plan_aside.html",
                drawn_in=drawn_in,
            ),
            Kind(
                "placement-plan",
                PlacementPlan,
                PlacementPlanForm,
                "placement plan",
                "Write the placement plan",
                aside="care/_plan_aside.html",
                drawn_in=drawn_in,
            ),
        ):
            register_kind(kind)
