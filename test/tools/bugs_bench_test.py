#!/usr/bin/env python3
"""bench/bugs as its users run it, without mirrors:

- `run --list` prints one line per entry in the documented form, and the
  manifest holds at least 60 bugs, 20 of each kind, and 10 projects;
- `split --check` finds every entry in a half;
- `run --check-expected --fixits` on smoke/manifest.json: each smoke bug gives its
  expected HIT or MISS per file and whole-program, a hit's fixed commit is
  silent, nothing crashes; the summary table is printed, and the hits'
  fix-its are offered, compile, silence the finding and agree with the
  smoke bug's own fix.
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys

LINE = re.compile(r"^(bug [a-z0-9][a-z0-9._-]* (cycle|capture|cache) (dev|test) "
                  r"(parseable|unparseable)|project [A-Za-z0-9._+-]+ (dev|test))$")


def run(command):
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, check=False)
    return proc.returncode, proc.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    failures = []

    code, out = run([sys.executable, os.path.join(args.bench, "run"), "--list"])
    lines = out.splitlines()
    bad = [l for l in lines if not LINE.match(l)]
    kinds = collections.Counter(l.split()[2] for l in lines if l.startswith("bug "))
    projects = sum(1 for l in lines if l.startswith("project "))
    if code != 0 or bad:
        failures.append("run --list: exit %d, malformed lines: %r" % (code, bad[:3]))
    if sum(kinds.values()) < 60 or min(kinds.get(k, 0) for k in ("cycle", "capture", "cache")) < 20:
        failures.append("run --list: too few bugs per kind: %s" % dict(kinds))
    if projects < 10:
        failures.append("run --list: %d precision projects, expected at least 10" % projects)

    code, out = run([sys.executable, os.path.join(args.bench, "split"), "--check"])
    if code != 0:
        failures.append("split --check: %s" % out.strip())

    shutil.rmtree(args.work, ignore_errors=True)
    code, out = run([sys.executable, os.path.join(args.bench, "run"),
                     "--manifest", os.path.join(args.bench, "smoke", "manifest.json"),
                     "--build", args.build, "--no-install", "--check-expected",
                     "--fixits", "--scratch", args.work, "-j", "2"])
    print(out)
    if code != 0:
        failures.append("run --check-expected on the smoke subset: exit %d" % code)
    # Bugs run, unparseable, hits and recall per TU; the one miss's shape.
    for expected in ("| cycle | dev | 2 | 0 | 2 | 1.00 |",
                     "| capture | dev | 2 | 0 | 2 | 1.00 |",
                     "| cache | dev | 3 | 0 | 2 | 0.67 |",
                     "1  cache: registry-leak-on-error-path", "crashes: 0",
                     # The fix-it step: offered, compiles, finding gone, agrees.
                     "| cache | dev | 2 | 1 | 1 of 1 | 1 of 1 | 1 of 1 |",
                     "| capture | dev | 2 | 2 | 2 of 2 | 2 of 2 | 2 of 2 |",
                     "| cycle | dev | 2 | 2 | 2 of 2 | 2 of 2 | 2 of 2 |"):
        if expected not in out:
            failures.append("smoke summary lacks %r" % expected)

    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
