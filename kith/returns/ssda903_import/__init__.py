"""Importing earlier SSDA903 returns, so an authority moving to Kith starts with its children's
history in care: people (matched to those already here by the child ID kept from earlier
returns, Kith's own person number with the date of birth, or the UPN; never duplicated),
periods of care with their legal statuses and placements (from the episodes: the episodes Kith
then derives are the episodes the return said), reviews, missing episodes, UASC and the earlier
permanence order with its date and authority; decisions to place for adoption and adoptions
(adoption.py); care leavers' support and their birthday checks (leaving.py).

A return is a folder of the DfE's CSV files, each known by its columns. A child whose episodes
cannot be history (dates that are not dates, an episode ending before it starts, a gap or an
overlap inside a period of care, a reason for a new episode that says something other than what
changed, codes the 903 never had) is rejected with every reason; by default nothing is imported
from a return with a rejected child, and no child is ever half-imported.

Not imported, and said so: OC2 (a year's summary, not records) and social worker episodes (Kith
records allocations itself)."""

from __future__ import annotations

from kith.returns.ssda903_import.child import NotAReturn
from kith.returns.ssda903_import.importing import Outcome, import_folder
from kith.returns.ssda903_import.reading import parse_folder

__all__ = ["NotAReturn", "Outcome", "import_folder", "parse_folder"]
