"""Child protection pages. Records covering several children (a strategy discussion, a
conference) are written once, from one child's case, with a decision for each child.

One concept a module:

- `strategy_discussions`: recording a strategy discussion for the family, and reading it.
- `enquiries`: a section 47 enquiry's findings and outcome.
- `protection_conferences`: recording an initial or review conference, its page (where reports
  are attached), and the chairs' list of conferences due. Not `conferences`: that is the
  chairs' page's own name, which the navigation reads from here.
- `conference_amendments`: correcting a conference, and the way there from an enquiry.
- `conference_documents`: an agency's report opened, and the letter to the family.
- `plans`: the child protection plan, its update, its end, and its core group meetings.
- `shared`: what the pages do alike (audit a look, answer a form sent twice, say for whom).

urls.py imports each page from its module; this package names only what other apps read here.
"""

from kith.protection.views.protection_conferences import conferences

__all__ = ["conferences"]
