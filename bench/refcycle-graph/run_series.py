#!/usr/bin/env python3
"""Measures refcycle-graph on generated facts sets of growing size.

  run_series.py --tool build/llvm-22/bin/refcycle-graph [--work DIR]
                [--sizes 10000,100000,1000000] [--repeat 3]

For each size, generates a facts set (generate_facts.py, cached in --work,
default /tmp/refcycle-graph-bench) with edges/5 types, runs refcycle-graph on
it --repeat times and prints the best wall time, the CPU time of that run and
the peak resident memory (getrusage of the child), one row per size.
"""

import argparse
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(tool, facts):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run([tool, "--no-progress", facts], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, universal_newlines=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit("run_series: refcycle-graph failed:\n" + proc.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far (KiB on Linux);
    # sizes run from small to large, so it is this run's peak.
    return wall, cpu, after.ru_maxrss / 1024.0, proc.stderr.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tool", required=True)
    parser.add_argument("--work", default="/tmp/refcycle-graph-bench")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print("%10s %8s %8s %9s %9s %9s  %s" % ("edges", "types", "files", "wall s",
                                            "cpu s", "peak MiB", "result"))
    for size in [int(s) for s in args.sizes.split(",")]:
        facts = os.path.join(args.work, "facts-%d" % size)
        if not os.path.isdir(facts):
            subprocess.run([sys.executable, os.path.join(HERE, "generate_facts.py"),
                            "--edges", str(size), facts], check=True,
                           stdout=subprocess.DEVNULL)
        files = len([f for f in os.listdir(facts) if f.endswith(".facts")])
        runs = [measure(args.tool, facts) for _ in range(args.repeat)]
        wall, cpu, peak, summary = min(runs)
        print("%10d %8d %8d %9.2f %9.2f %9.0f  %s" % (
            size, size // 5, files, wall, cpu, peak,
            summary.replace("refcycle-graph: ", "")))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
