#!/usr/bin/env python3
"""Measures refcycle-graph on generated facts sets of growing size.

  run_series.py --tool build/llvm-19/bin/refcycle-graph [--work DIR]
                [--sizes 10000,100000,1000000] [--repeat 3]
                [--baseline OTHER-refcycle-graph]

For each size, generates a facts set (generate_facts.py, cached in --work,
default /tmp/refcycle-graph-bench) with edges/5 types, runs refcycle-graph on
it --repeat times and prints the best wall time, the best CPU time (user +
sys) and the largest peak resident memory of those runs (rusage of each child
alone), one row per size. On a machine shared with other work, wall time
includes waiting for a core; CPU time is the fairer number.

With --baseline, the other binary (e.g. refcycle-graph built from an older
commit) runs on the same facts in the same session, interleaved run by run,
and the last columns give its best CPU time and the ratio baseline / tool.
Both must print the same summary line (same cycles, types, edges).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(tool, facts):
    """One run: (wall s, cpu s, peak MiB, summary line)."""
    with tempfile.TemporaryFile(mode="w+") as err:
        start = time.monotonic()
        proc = subprocess.Popen([tool, "--no-progress", facts],
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    if proc.returncode != 0:
        sys.exit("run_series: %s failed:\n%s" % (tool, text))
    cpu = usage.ru_utime + usage.ru_stime
    lines = text.strip().splitlines()
    return wall, cpu, usage.ru_maxrss / 1024.0, lines[-1] if lines else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tool", required=True)
    parser.add_argument("--baseline", help="another refcycle-graph to compare")
    parser.add_argument("--work", default="/tmp/refcycle-graph-bench")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    header = "%10s %8s %8s %9s %9s %9s" % ("edges", "types", "files", "wall s",
                                           "cpu s", "peak MiB")
    if args.baseline:
        header += " %11s %11s %9s" % ("base cpu s", "base MiB", "cpu ratio")
    print(header + "  result")
    for size in [int(s) for s in args.sizes.split(",")]:
        facts = os.path.join(args.work, "facts-%d" % size)
        if not os.path.isdir(facts):
            subprocess.run([sys.executable, os.path.join(HERE, "generate_facts.py"),
                            "--edges", str(size), facts], check=True,
                           stdout=subprocess.DEVNULL)
        files = len([f for f in os.listdir(facts) if f.endswith(".facts")])
        runs, base_runs = [], []
        for _ in range(args.repeat):
            runs.append(measure(args.tool, facts))
            if args.baseline:
                base_runs.append(measure(args.baseline, facts))
        summary = runs[-1][3].replace("refcycle-graph: ", "")
        row = "%10d %8d %8d %9.2f %9.2f %9.0f" % (
            size, size // 5, files, min(r[0] for r in runs),
            min(r[1] for r in runs), max(r[2] for r in runs))
        if args.baseline:
            base_cpu = min(r[1] for r in base_runs)
            row += " %11.2f %11.0f %8.1fx" % (
                base_cpu, max(r[2] for r in base_runs),
                base_cpu / max(min(r[1] for r in runs), 1e-9))
            if base_runs[-1][3] != runs[-1][3]:
                summary += "  (baseline differs: %s)" % base_runs[-1][3]
        print(row + "  " + summary)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
