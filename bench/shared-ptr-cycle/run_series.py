#!/usr/bin/env python3
"""Times refcycle-shared-ptr-cycle on a series of generated translation units
(bench/shared-ptr-cycle/generate.py) and prints the check's time against the
number of edges, to show that it grows linearly.

  run_series.py --clang-tidy PATH [--load PLUGIN]
                [--series 1000:5000,2000:10000,...] [--repeat N]

Each point is classes:edges; the default series ends at 20,000 classes and
100,000 edges. For every point it runs bench/check_profile.py (clang-tidy
--enable-check-profile) and prints one row: classes, edges, the check's wall
time, the whole clang-tidy run's wall time, and microseconds of check time
per edge (flat when growth is linear).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SERIES = "1000:5000,2500:12500,5000:25000,10000:50000,20000:100000"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--load", default="")
    parser.add_argument("--series", default=DEFAULT_SERIES)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--check", default="refcycle-shared-ptr-cycle")
    args = parser.parse_args()

    print("%8s %8s %10s %10s %12s" % ("classes", "edges", "check_s", "total_s", "us/edge"))
    with tempfile.TemporaryDirectory(prefix="spc-series.") as work:
        for point in args.series.split(","):
            classes, edges = (int(x) for x in point.split(":"))
            tu = os.path.join(work, "gen_%d_%d.cpp" % (classes, edges))
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"),
                            "--classes", str(classes), "--edges", str(edges),
                            "-o", tu], check=True)
            command = [sys.executable, os.path.join(HERE, "..", "check_profile.py"),
                       "--check", args.check, "--clang-tidy", args.clang_tidy,
                       "--tu", tu, "--repeat", str(args.repeat),
                       "--tidy-arg=-config={CheckOptions: {%s.SharedPointerTypes: "
                       "'::bench::Rc'}}" % args.check]
            if args.load:
                command += ["--load", args.load]
            output = subprocess.run(command, check=True, stdout=subprocess.PIPE,
                                    universal_newlines=True).stdout
            check = float(re.search(r"check_wall_s: ([0-9.]+)", output).group(1))
            total = float(re.search(r"total_wall_s: ([0-9.]+)", output).group(1))
            print("%8d %8d %10.3f %10.3f %12.2f" % (classes, edges, check, total,
                                                     1e6 * check / max(1, edges)))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
