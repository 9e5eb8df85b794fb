"""Importing earlier CIN census returns, so an authority moving to Kith starts with its history:
people (matched to those already in Kith by their census ID or UPN, never duplicated), cases,
assessments, child in need plans, section 47 enquiries, conferences, child protection plans and
their reviews, and closures.

A file is read leniently (element order, stray text and unknown elements such as next year's
modules are ignored; the old GenderCurrent codes are read as Sex) and checked strictly for what
cannot be history: not a census file, unknown codes, dates that are not dates, are before 1900
or after the file was made, and things that end before they start. Each rejected child is
reported with every reason. By default nothing from a file with a rejected child is imported;
with `skip_rejected` the other children are. Either way no child is ever half-imported: each is
written whole, in one transaction with the rest of the file.

What the census says is kept as the census says it, even where the census's own rules would
query it (an invalid UPN, a plan starting before its referral): the data quality page shows
those to fix. Kith works out for itself what it derives elsewhere: the initial conference
target (15 working days from the strategy discussion) and the number of previous plans.
"""

from __future__ import annotations

from kith.returns.cin_import.importing import Outcome, import_file
from kith.returns.cin_import.reading import NotACensusFile, ParsedChild, ParsedFile, parse

__all__ = ["NotACensusFile", "Outcome", "ParsedChild", "ParsedFile", "import_file", "parse"]
