"""A person's pages, a module a concept: finding, record, addresses, family, professionals,
merging, restriction, break_glass and subject_access (people/urls.py names each page)."""

# The menu reads the policy of "Find a person" from its view (web/navigation.py).
from kith.people.views.finding import find

__all__ = ["find"]
