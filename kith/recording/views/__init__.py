"""The case page and every record in it, one concept a module. Thin: access, form, action, then
redirect or render.

- reading: the case page, a record, and its history
- writing: starting or carrying on with a record (new, edit): the step is the button pressed
- writing_steps: one handler a step (autosave, add a row, save a draft, submit, update an
  agreed plan)
- write_page: the page records are written on (what was sent, its forms, showing it)
- deciding: a manager authorising or returning a record, and what waits for them
- amending: correcting a finished record
- plans: a plan's reviews, and the plan printed for the family

The URLs name each module's views (recording/urls.py); only what other apps use is here.
"""

from kith.recording.views.deciding import waiting

__all__ = ["waiting"]
