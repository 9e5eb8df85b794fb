"""What every app stands on, with no app of Kith's in it: working days and the timescale rules,
GOV.UK form fields, reading the environment, the database settings, trusted proxies. Nothing
here imports an app (kith/tests/test_structure.py)."""
