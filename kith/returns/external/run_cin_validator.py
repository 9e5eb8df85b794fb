"""Run the community CIN census validator (csc-validator-be-cin) on one file and print what it
found as one JSON object. Runs with the validator's own Python (.venv-cin-validator), never
Kith's: it needs pandas<2. Kith's code is not imported here.

    .venv-cin-validator/bin/python kith/returns/external/run_cin_validator.py FILE.xml

Unlike the validator's own command line this also reports the rules about the whole return
(2883, 2886Q, 2887Q, 2888Q), which never reach its CSV report, and any rule that crashed (the
validator prints "Error with rule ..." and counts the rule as passed).
Exit status: 0 ran (read "error_codes" for the verdict), 2 could not read the file.
"""

import argparse
import contextlib
import importlib
import io
import json
import sys
import warnings
import xml.etree.ElementTree as ET


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("xml")
    parser.add_argument("--ruleset", default="cin2025_26")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pandas FutureWarnings from inside the rules

    from cin_validator import cin_validator

    registry = importlib.import_module(f"cin_validator.rules.{args.ruleset}").registry
    try:
        root = ET.parse(args.xml).getroot()  # noqa: S314 (Kith's own file, as the validator reads it)
        data = cin_validator.process_data(cin_validator.convert_data(root))
    except Exception as exc:  # not XML, a namespace, no Header or Children
        print(json.dumps({"fatal": f"{type(exc).__name__}: {exc}"}))
        return 2
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        validator = cin_validator.CinValidator(data, registry)
    crashed = [
        line for line in captured.getvalue().splitlines() if line.startswith("Error with rule")
    ]
    kinds = {str(code): rule.rule_type.name for code, rule in registry.items()}
    report = validator.user_report
    issues = [] if report.empty else report.astype(str).to_dict(orient="records")
    for row in issues:
        row["rule_type"] = kinds.get(str(row["rule_code"]), "?")
    whole_return = []
    if not validator.la_rule_issues.empty:
        for code, message in validator.la_rule_issues[["rule_code", "rule_description"]].values:
            whole_return.append(
                {
                    "rule_code": str(code),
                    "rule_type": kinds.get(str(code), "?"),
                    "rule_description": str(message),
                }
            )
    found = issues + whole_return
    print(
        json.dumps(
            {
                "ruleset": args.ruleset,
                "error_codes": sorted({r["rule_code"] for r in found if r["rule_type"] == "ERROR"}),
                "query_codes": sorted({r["rule_code"] for r in found if r["rule_type"] == "QUERY"}),
                "crashed_rules": crashed,
                "whole_return": whole_return,
                "issues": issues,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
