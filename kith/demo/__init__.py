"""The demo authority: a realistic, synthetic local authority for demos, tests and benchmarks.

Each app that has demo records adds a `demo.py` with `build(demo: Demo) -> None`; seed_demo runs
them in INSTALLED_APPS order, so a later capability adds its records in one place of its own.
"""
