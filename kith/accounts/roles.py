"""The jobs people do in children's services, and what each job's pages are.

A role says what kind of work someone does; what they may see of a particular child also depends
on their relationship to that child (allocated worker, team, chair), which comes in access.py.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    FRONT_DOOR = "front_door", "Front door (MASH) worker"
    CHAIR = "chair", "Independent reviewing officer / child protection chair"
    DATA_OFFICER = "data_officer", "Data officer"
    VIRTUAL_SCHOOL = "virtual_school", "Virtual school head"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser (leaving care)"
    BUSINESS_SUPPORT = "business_support", "Business support"
    PARTNER = "partner", "Partner agency user"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles that lead other people's work: they see their team's (or service area's) caseloads.
MANAGING_ROLES = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})

# Everyone employed by the authority. Partner agency users are outside it: they see only what
# is shared with them, never the case record.
STAFF_ROLES = frozenset(Role) - {Role.PARTNER}

# Staff who read children's records for their work but never write in them.
READ_ONLY_ROLES = frozenset({Role.DATA_OFFICER, Role.VIRTUAL_SCHOOL})

# Roles whose work is only the people named as theirs: a personal adviser sees and records for
# the young people they advise, never a team's cases, the front door's queue, search across the
# authority, or a record opened with a reason.
ONLY_THEIR_OWN = frozenset({Role.PERSONAL_ADVISER})
