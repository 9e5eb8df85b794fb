"""The write matrix's expectations (test_write_matrix.py), one concept a module:

- writers: what a write is, and the groups of personas expected to make one
- accounts: sign-in, the user's own pages and the audit log's
- people: a person's record
- casework: contacts, cases and the records in them
- protection: child protection
- children: the child's summary, overdue list and chronology
- service: timescales and the statutory returns
"""
