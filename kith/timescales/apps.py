from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "kith.timescales"
    label = "timescales"
    verbose_name = "Timescales and deadlines"

    def ready(self) -> None:
        from kith.care.deadlines import care_deadlines
        from kith.cases import changes
        from kith.jobs.kinds import register as register_job
        from kith.leaving_care.deadlines import leaving_care_deadlines
        from kith.lib import timescales
        from kith.permanence.deadlines import permanence_deadlines
        from kith.protection.deadlines import conference_deadlines, plan_deadlines
        from kith.recording.deadlines import assessment_deadlines
        from kith.timescales.deadlines import NIGHTLY_KIND, refresh_case, register
        from kith.timescales.models import local_changes

        # The authority's own timescales count wherever a timescale is read.
        timescales.read_local_changes_from(local_changes)
        # The records that set deadlines off: the referral (the assessment); enquiries,
        # plans, conferences, core groups and visits; a looked-after child's care plan,
        # reviews, visits, health assessments and education plan; the permanence planning
        # meeting and the adoption scorecard; a care leaver's assessment, pathway plan
        # reviews, contact and birthday checks.
        for producer in (
            assessment_deadlines,
            conference_deadlines,
            plan_deadlines,
            care_deadlines,
            permanence_deadlines,
            leaving_care_deadlines,
        ):
            register(producer)
        # Whenever a case's records change, its deadlines are brought into line.
        changes.register(refresh_case)
        # And every night, every open case's (kith/jobs runs it).
        register_job(NIGHTLY_KIND)
