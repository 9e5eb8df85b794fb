"""The community SSDA903 validator (csc-validator-be-903, Data to Insight), run as a subprocess
in its own virtual environment (it pins pandas<2 and numpy<1.25): an independent check of the
SSDA903 files Kith makes (a directory of the DfE's CSV tables), with the DfE's rule codes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings

RUNNER = Path(__file__).parent / "external" / "run_903_validator.py"
# How many issue rows a run keeps (a very poor return could have hundreds of thousands).
KEPT = 5000


def python() -> Path:
    return Path(settings.KITH_903_VALIDATOR_PYTHON)


def available() -> bool:
    return python().exists()


def run(
    this_dir: Path,
    previous_dir: Path | None = None,
    year: int = 2026,
    *,
    la: str,
    timeout: int = 1800,
) -> dict[str, Any]:
    """The validator's findings for one year's CSV files (and last year's, which some rules
    compare with): error_codes, query_codes, crashed_rules, skipped_rules, counts (rows flagged
    per rule), tables (which file is which table) and issues (one row per flagged record);
    {"fatal": ...} when the files could not be read. `year` is the collection year (2026 for
    2025 to 2026). `la` is the authority's ONS code (e.g. E10000032, not the DfE's three-digit
    number): the validator compares it with the authority of each placement's postcode to tell
    placements inside the authority from those outside."""
    command = [
        str(python()),
        str(RUNNER),
        "--year",
        str(year),
        "--la",
        la,
        "--this",
        str(this_dir),
    ]
    if previous_dir is not None:
        command += ["--previous", str(previous_dir)]
    ran = subprocess.run(  # noqa: S603 (fixed programs, files Kith wrote)
        command, capture_output=True, text=True, timeout=timeout, check=False
    )
    try:
        found: dict[str, Any] = json.loads(ran.stdout)
    except json.JSONDecodeError:
        return {"fatal": (ran.stderr or ran.stdout or "The validator gave no answer")[-2000:]}
    found["issues"] = found.get("issues", [])[:KEPT]
    return found
