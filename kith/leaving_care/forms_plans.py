"""The needs assessment's and pathway plan's forms: narrative first, in the young person's
words; only the date is structured."""

from __future__ import annotations

from kith.lib.forms import DateField
from kith.recording.forms import RecordForm, _text


class NeedsAssessmentForm(RecordForm):
    needed = ("assessed_on", "in_my_words", "needs")

    assessed_on = DateField(label="Date of the assessment", past=True, required=False)
    in_my_words = _text("What I need, in my words")
    needs = _text(
        "Their needs", help_text="Home, money, health, learning and work, family and friends"
    )
    views_of_others = _text("What carers, school and others said")


class PathwayPlanForm(RecordForm):
    needed = ("agreed_on", "about_me")

    agreed_on = DateField(label="Date of the plan", required=False)
    about_me = _text("About me and what I want, in my words")
    home = _text("Where I live", help_text="Now, and where I want to live next")
    learning_and_work = _text("Education, training and work")
    money = _text("Money", help_text="Income, benefits, the leaving care grant, budgeting")
    health = _text("Health and wellbeing")
    family_and_friends = _text("Family and friends")
    support = _text("Who helps me, and how", help_text="My personal adviser, and anyone else")
    if_things_go_wrong = _text("If things go wrong")
