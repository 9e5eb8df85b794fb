"""Forms for child protection records. One form per record, with a small form per child where
the record covers several children (a prefix per child's case).

One concept a module: `strategy_discussions`, `enquiries`, `conferences` (recording and amending
one), `conference_documents` (an agency's report), `plans` (the plan, its end, its core groups),
and `shared` (a record's date against the child, a child's part, words written once for brothers
and sisters). The forms the pages and tests use are named here, as before the split.
"""

from kith.protection.forms.conference_documents import REPORT_TYPES, ReportForm
from kith.protection.forms.conferences import (
    ConferenceAmendForm,
    ConferenceChildForm,
    ConferenceForm,
)
from kith.protection.forms.enquiries import EnquiryForm
from kith.protection.forms.plans import CoreGroupForm, EndPlanForm, ProtectionPlanForm
from kith.protection.forms.strategy_discussions import Participants, StrategyChildForm, StrategyForm

__all__ = [
    "REPORT_TYPES",
    "ConferenceAmendForm",
    "ConferenceChildForm",
    "ConferenceForm",
    "CoreGroupForm",
    "EndPlanForm",
    "EnquiryForm",
    "Participants",
    "ProtectionPlanForm",
    "ReportForm",
    "StrategyChildForm",
    "StrategyForm",
]
