"""Run the community SSDA903 validator (csc-validator-be-903) on a directory of 903 CSV files
and print what it found as one JSON object. Runs with the validator's own Python
(.venv-903-validator), never Kith's: it needs pandas<2 and numpy<1.25. Kith's code is not
imported here.

    .venv-903-validator/bin/python kith/returns/external/run_903_validator.py \\
        --year 2026 --la E09000027 --this DIR [--previous DIR]

Every *.csv in DIR is read; the validator knows each table by its exact set of columns, not by
the file's name. --previous gives last year's files, which some rules compare with this year's
(without them those rules are skipped, listed in "skipped_rules"). The validator's own command
line hard-codes collection year 2023 and its file names, so this uses its library, as its web
front end does.

The 903 validator has no queries as the CIN one has (its rules carry a code, a message and the
fields they concern, no type): every rule it flags is an error, except a code ending in Q (none
yet), a rule whose message starts "WARNING:" (EPI, a child with no episodes), and a rule whose
message says it can see only this year's and last year's episodes and so may flag a child whose
care was earlier (1001 and 1002, which flag every care leaver of 20 or 21 in the OC3 table),
which are reported as queries. Every rule runs on every table given, the adoption (AD1,
PlacedAdoption) and care leavers' (OC3) tables too; one whose tables are missing is skipped
(listed in "skipped_rules"). A rule that crashed on the data is in "crashed_rules" (the validator
logs it and goes on), with the exception in "crash_reasons".
Exit status: 0 ran (read "error_codes" for the verdict), 2 could not read the input.
"""

import argparse
import contextlib
import io
import json
import logging
import sys
import warnings
from pathlib import Path

KEPT = 5000  # issue rows printed at most; "issues_total" counts them all


class _Crashes(logging.Handler):
    """Keeps the exception of each rule the validator reports as failed to run."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.reasons: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info and message.startswith("Rule code "):
            code = message.removeprefix("Rule code ").split(" ")[0]
            exc = record.exc_info[1]
            self.reasons[code] = f"{type(exc).__name__}: {exc}"


def _fatal(message: str) -> int:
    print(json.dumps({"fatal": message}))
    return 2


# How a rule's message says it sees only the two years' episodes it is given.
TWO_YEARS_ONLY = "can only test the current and previous year data"


def _is_query(code: str, message: str | None) -> bool:
    text = message or ""
    return (
        code.upper().endswith("Q")
        or text.upper().startswith("WARNING")
        or (TWO_YEARS_ONLY in text and "false positives" in text)
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", default="2026", help="collection year, e.g. 2026 for 2025-26")
    parser.add_argument("--la", required=True, help="the authority's ONS code, e.g. E09000027")
    parser.add_argument("--this", required=True, type=Path, help="this year's CSV files")
    parser.add_argument("--previous", type=Path, help="last year's CSV files")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pandas FutureWarnings and SettingWithCopy from the rules
    crashes = _Crashes()
    logging.basicConfig(handlers=[crashes], level=logging.ERROR, force=True)

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        from lac_validator.ingress import read_from_text
        from lac_validator.lac_validator import LacValidator, create_issue_df
        from lac_validator.report import Report
        from lac_validator.rules.ruleset_utils import get_year_ruleset
        from lac_validator.utils import process_uploaded_files

    year = str(args.year)
    try:
        with contextlib.redirect_stdout(captured):
            registry = get_year_ruleset(year)
    except (ImportError, ValueError):
        return _fatal(f"The validator has no ruleset for collection year {year!r}")

    # Which table each file is, read one by one so that a bad file is named; the validator
    # itself would keep the last of two files with the same columns without a word.
    fields = {"This year": args.this, "Prev year": args.previous}
    tables: dict[str, dict[str, str]] = {}
    paths: dict[str, list[str]] = {}
    for field, folder in fields.items():
        if folder is None:
            continue
        if not folder.is_dir():
            return _fatal(f"{folder} is not a directory")
        files = sorted(str(p) for p in folder.glob("*.csv"))
        if not files:
            return _fatal(f"{folder} holds no .csv files")
        paths[field] = files
        tables[field] = {}
        for path in files:
            try:
                with contextlib.redirect_stdout(captured):
                    dfs, _ = read_from_text(process_uploaded_files({field: [path]}))
            except Exception as exc:  # not CSV, not UTF-8, columns of no 903 table
                return _fatal(f"{Path(path).name}: {type(exc).__name__}: {exc}")
            table = next(iter(dfs)).removesuffix("_last")
            if table in tables[field]:
                return _fatal(
                    f"{Path(path).name} and {tables[field][table]} are both the {table} "
                    f"table ({field.lower()})"
                )
            tables[field][table] = Path(path).name

    with contextlib.redirect_stdout(captured):
        validator = LacValidator(
            metadata={"collectionYear": year, "localAuthority": args.la},
            files=process_uploaded_files(paths),
            registry=registry,
            selected_rules=None,
        )
        report = Report(validator.ds_results, registry)
        flagged = [c for c in report.report.columns if c.startswith("ERR_")]
        issue_df = create_issue_df(report.report, report.error_report) if flagged else None

    counts = {
        str(code): int(count)
        for code, count in report.error_report[["Code", "Count"]].values
        if int(count) > 0
    }
    messages = {str(code): rule.message for code, rule in registry.items()}
    issues: list[dict[str, object]] = []
    if issue_df is not None and not issue_df.empty:
        # create_issue_df gives a row per affected column: one row per flagged record instead.
        keys = ["child_id", "tables_affected", "row_id", "rule_code", "rule_description"]
        grouped = issue_df.astype({"child_id": str}).groupby(keys, sort=False, dropna=False)
        for (child, table, row, code, description), rows in grouped:
            issues.append(
                {
                    "child_id": child,
                    "table": table,
                    "row_id": int(row),
                    "rule_code": str(code),
                    "rule_description": str(description),
                    "columns_affected": [str(c) for c in rows["columns_affected"].dropna()],
                }
            )
    # Each flagged rule's first rows before any rule's later ones, so that the rows kept below
    # show every rule that fired.
    seen: dict[str, int] = {}
    ranked = []
    for issue in issues:
        code = str(issue["rule_code"])
        seen[code] = seen.get(code, 0) + 1
        ranked.append((seen[code], code, issue))
    issues = [issue for _, _, issue in sorted(ranked, key=lambda r: (r[0], r[1]))]
    print(
        json.dumps(
            {
                "ruleset": f"lac{int(year) - 1}_{year[2:4]}",
                "year": int(year),
                "la": args.la,
                "tables": tables,
                "error_codes": sorted(c for c in counts if not _is_query(c, messages.get(c))),
                "query_codes": sorted(c for c in counts if _is_query(c, messages.get(c))),
                "crashed_rules": sorted(str(c) for c in validator.fails),
                "crash_reasons": dict(sorted(crashes.reasons.items())),
                "skipped_rules": sorted(str(c) for c in validator.skips),
                "counts": dict(sorted(counts.items())),
                "issues_total": len(issues),
                "issues": issues[:KEPT],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
