#!/usr/bin/env python3
"""compare_sarif.py A.sarif B.sarif: the two SARIF logs are equal once the
properties bags refcycle-graph adds to each result are set aside."""

import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    for run in log["runs"]:
        for result in run["results"]:
            result.pop("properties", None)
    return log


a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    sys.exit("compare_sarif: %s and %s differ:\n%s\n---\n%s" % (
        sys.argv[1], sys.argv[2], json.dumps(a, indent=1, sort_keys=True),
        json.dumps(b, indent=1, sort_keys=True)))
print("compare_sarif: same SARIF")
