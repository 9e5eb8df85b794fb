"""Finding people recorded twice, across the whole authority, and before a person is added.

- comparing.py: two records compared field by field, each field's level of agreement;
- weights.py: how much each level says (Fellegi-Sunter), learnt from the authority's records;
- blocking.py: which pairs are worth comparing;
- scan.py: the whole-authority scan, and the check before adding a person.
"""
