from hypothesis import settings

pytest_plugins = ["kith.test"]

# Property tests (hypothesis): the same examples on every run, so CI never fails by chance, and
# no time limit on one example (CI's machines are slower than a laptop).
settings.register_profile("kith", derandomize=True, deadline=None, database=None)
settings.load_profile("kith")


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Tests marked `postgresql` check what only PostgreSQL enforces (triggers); they run in
    CI's PostgreSQL pass and are deselected, not skipped, when the database is SQLite."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if "postgresql" not in item.keywords]
    dropped = [item for item in items if "postgresql" in item.keywords]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
