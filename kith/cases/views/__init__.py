"""The cases app's pages, one concept a module:

- front_door: the contacts list, recording a contact, the contact's page
- decision: the decision on a contact
- matching: finding the child a contact is about, or adding them
- refer_before_found: a referral kept while its child is found (shared by the three above)
- referrer: what the referrer is told, and the letter
- allocation: allocating a case
- closing: no further action on a referral
- caseloads: a worker's and a team's open cases

Only what other code imports from here is named below (the menu reads these pages' policies);
urls.py imports each module.
"""

from kith.cases.views.caseloads import caseload
from kith.cases.views.front_door import contacts

__all__ = ["caseload", "contacts"]
