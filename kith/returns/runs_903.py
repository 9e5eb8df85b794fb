"""Making the SSDA903 return (children looked after) from the returns page as a job, as runs.py
makes the CIN census: the DfE's CSV files, one a table, downloaded as one ZIP, checked with the
community validator (csc-validator-be-903) beside last year's return when asked. Apart from
runs.py because the files' writer (ssda903_files) takes its words for a full disk from there."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from kith.jobs.kinds import Kind
from kith.jobs.models import Job
from kith.jobs.queue import JobFailed
from kith.returns import validator_903
from kith.returns.census import CollectionYear
from kith.returns.models import ReturnRun, RunStatus
from kith.returns.runs import DISK_FULL, SSDA903, not_made, path_of
from kith.returns.ssda903_files import NotWritten, file_name, write_ssda903


def make(job: Job) -> str:
    """The job: write the year's CSV files (and, to check them, last year's, which some of the
    validator's rules compare with) into a folder of the run's own under MEDIA_ROOT, zip this
    year's under another name and rename the ZIP into place when whole (as runs.make does), then
    check them if asked. The folders go, whatever happens, so a full disk leaves nothing."""
    run = ReturnRun.objects.get(pk=job.args["run"])
    year = CollectionYear(run.year)
    ReturnRun.objects.filter(pk=run.pk).update(total=0, done=0)
    job.tell(0, 0)
    run.file = f"returns/{run.pk}-{run.filename}"
    path = path_of(run)
    path.parent.mkdir(parents=True, exist_ok=True)

    def progress(done: int) -> None:  # rows written, told every 10,000
        ReturnRun.objects.filter(pk=run.pk).update(done=done)
        job.tell(done)

    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # this attempt's own
    work = Path(tempfile.mkdtemp(prefix=f".{run.pk}-ssda903-", dir=path.parent))
    this, previous = work / str(year.year), work / str(year.year - 1)
    try:
        counts = write_ssda903(year, this, progress)
        if run.check_with_validator:
            write_ssda903(CollectionYear(year.year - 1), previous)
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
            for table in counts:
                out.write(this / file_name(table), file_name(table))
        os.replace(partial, path)
        found = (
            validator_903.run(this, previous, year=year.year, la=settings.KITH_LA_ONS_CODE)
            if run.check_with_validator
            else None
        )
    except NotWritten as failure:  # in words already (a full disk)
        partial.unlink(missing_ok=True)
        raise JobFailed(str(failure)) from failure
    except OSError as failure:
        partial.unlink(missing_ok=True)
        if failure.errno in (errno.ENOSPC, errno.EDQUOT):
            raise JobFailed(DISK_FULL) from failure
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    children = counts["header"]
    ReturnRun.objects.filter(pk=run.pk).update(
        file=run.file,
        children=children,
        validation=found,
        status=RunStatus.DONE,
        finished_at=timezone.now(),
    )
    return f"{children:,} children in the SSDA903 return {year.year - 1} to {year.year}."


def by_rule(found: dict[str, Any]) -> list[dict[str, Any]]:
    """The validator's findings for the run's page: each rule it flagged (errors first), what
    the rule found, and how many rows of the files it flagged."""
    described: dict[str, str] = {}
    for issue in found.get("issues", []):
        described.setdefault(str(issue["rule_code"]), str(issue.get("rule_description", "")))
    queries = set(found.get("query_codes", []))
    flagged = sorted(found.get("counts", {}).items(), key=lambda c: (c[0] in queries, c[0]))
    return [
        {"code": code, "description": described.get(code, ""), "query": code in queries, "rows": n}
        for code, n in flagged
    ]


KIND = Kind(
    SSDA903, "Making the SSDA903 return (children looked after)", run=make, given_up=not_made
)
