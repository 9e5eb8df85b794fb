"""The append-only record of who did or saw what. Write to it only through `record()`."""
