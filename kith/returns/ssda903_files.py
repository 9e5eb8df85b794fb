"""Writing the SSDA903 return as the DfE's CSV files (UTF-8, dates as dd/mm/YYYY, a file per
table) into a folder, whole or not at all.

The files are written into a folder of their own beside the one asked for and renamed into its
place when every one is whole (as runs.py does for the census file), so a folder cut short by a
full disk or a killed process is never there to be sent. A folder that already holds the files
of an earlier run is replaced; one holding anything else is left alone and refused.
"""

from __future__ import annotations

import csv
import errno
import os
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from kith.returns.census import CollectionYear
from kith.returns.runs import DISK_FULL
from kith.returns.ssda903 import COLUMNS, Missing, rows

Progress = Callable[[int], None]


class NotWritten(Exception):
    """The files were not written, for the reason given in words."""


def file_name(table: str) -> str:
    return f"{table}.csv"


def ours(folder: Path) -> bool:
    """The folder is new, empty or holds only files Kith writes (not, say, a table of
    deprivations of liberty from another system put beside them, which replacing the folder
    would lose)."""
    names = {file_name(t) for t in COLUMNS}
    return not folder.exists() or all(p.name in names for p in folder.iterdir())


def write_ssda903(
    year: CollectionYear,
    folder: Path,
    progress: Progress | None = None,
    missing: list[Missing] | None = None,
) -> dict[str, int]:
    """Write the year's return into `folder`; how many rows each table holds. `progress(rows)`
    is told every 10,000 rows; what the record lacks for the rows is added to `missing`, if
    given."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise NotWritten(f"{folder} is a file, not a folder: choose a folder for the files.")
    if not ours(folder):
        raise NotWritten(
            f"{folder} holds other files. Choose a new or empty folder (or one holding only an "
            "earlier SSDA903 return, which is replaced)."
        )
    partial = folder.with_name(f".{folder.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    counts = dict.fromkeys(COLUMNS, 0)
    try:
        partial.mkdir(parents=True)
        with ExitStack() as files:
            writers = {}
            for table, columns in COLUMNS.items():
                out = files.enter_context(
                    open(partial / file_name(table), "w", encoding="utf-8", newline="")
                )
                writers[table] = csv.DictWriter(out, fieldnames=columns)
                writers[table].writeheader()
            for n, (table, row) in enumerate(rows(year, missing), 1):
                writers[table].writerow(row)
                counts[table] += 1
                if progress is not None and n % 10_000 == 0:
                    progress(n)
        _into_place(partial, folder)
    except OSError as failure:
        shutil.rmtree(partial, ignore_errors=True)
        if failure.errno in (errno.ENOSPC, errno.EDQUOT):
            raise NotWritten(DISK_FULL) from failure
        raise
    return counts


def _into_place(partial: Path, folder: Path) -> None:
    if folder.exists():
        earlier = folder.with_name(f".{folder.name}.{os.getpid()}.earlier")
        os.replace(folder, earlier)
        os.replace(partial, folder)
        shutil.rmtree(earlier, ignore_errors=True)
    else:
        os.replace(partial, folder)
