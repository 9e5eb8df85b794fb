"""The needs assessment and the pathway plan: records in the young person's case, narrative
first and in their words, with the drafts, versions and amendments every record has
(recording). The pathway plan is living: reviewed at least every 6 months, each review a
version. What Kith already holds (their care history, status, adviser, where they live and
what they do) is drawn in beside the page, never asked again."""

from __future__ import annotations

from django.db import models

from kith.recording.models import Record


class NeedsAssessment(Record):
    kind = "needs-assessment"
    date_field = "assessed_on"
    recorded_fields = ("assessed_on", "in_my_words", "needs", "views_of_others")

    assessed_on = models.DateField("Date of the assessment", null=True, blank=True)
    in_my_words = models.TextField("What I need, in my words", blank=True)
    needs = models.TextField(
        "Their needs", blank=True, help_text="Home, money, health, learning and work, family"
    )
    views_of_others = models.TextField("What carers, school and others said", blank=True)

    class Meta(Record.Meta):
        verbose_name = "needs assessment"


class PathwayPlan(Record):
    kind = "pathway-plan"
    date_field = "agreed_on"
    living = True
    recorded_fields = (
        "agreed_on",
        "about_me",
        "home",
        "learning_and_work",
        "money",
        "health",
        "family_and_friends",
        "support",
        "if_things_go_wrong",
    )

    agreed_on = models.DateField("Date of the plan", null=True, blank=True)
    about_me = models.TextField("About me and what I want, in my words", blank=True)
    home = models.TextField("Where I live", blank=True)
    learning_and_work = models.TextField("Education, training and work", blank=True)
    money = models.TextField("Money", blank=True)
    health = models.TextField("Health and wellbeing", blank=True)
    family_and_friends = models.TextField("Family and friends", blank=True)
    support = models.TextField("Who helps me, and how", blank=True)
    if_things_go_wrong = models.TextField("If things go wrong", blank=True)

    class Meta(Record.Meta):
        verbose_name = "pathway plan"
