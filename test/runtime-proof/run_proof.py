#!/usr/bin/env python3
"""Run-time proof of refcycle-dangling-capture's fix-its.

1. Builds the program as written with -fsanitize=address and runs it: it must
   fail with a heap-use-after-free report (the dangling shape is real).
2. Applies the check's fix-its (--fix-notes) to a copy, checks that the copy
   now uses refcycle::weak_method / weak_from_this(), builds it the same way
   and runs it: it must exit 0 with no AddressSanitizer report.

Exit code 77 (ctest: skipped) when AddressSanitizer programs cannot be built
or run on this machine.
"""

import argparse
import os
import shutil
import subprocess
import sys


def run(command, **kwargs):
    print("RUN:", " ".join(command))
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def fail(message, output=""):
    sys.stderr.write("run_proof: error: %s\n%s\n" % (message, output))
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", default="")
    parser.add_argument("--cxx", required=True, help="compiler with -fsanitize=address")
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0:abort_on_error=0")
    flags = ["-std=c++17", "-g", "-O0", "-fno-omit-frame-pointer", "-fsanitize=address",
             "-I" + args.runtime_include]

    # 0. Can this machine build and run an ASan program at all?
    probe = os.path.join(args.workdir, "probe.cpp")
    with open(probe, "w") as handle:
        handle.write("int main() { return 0; }\n")
    probe_exe = os.path.join(args.workdir, "probe")
    if run([args.cxx] + flags + [probe, "-o", probe_exe]).returncode != 0 or \
            run([probe_exe], env=env).returncode != 0:
        print("AddressSanitizer is not usable here; skipping")
        sys.exit(77)

    # 1. The original program reports a heap-use-after-free.
    original_exe = os.path.join(args.workdir, "original")
    build = run([args.cxx] + flags + [args.source, "-o", original_exe])
    if build.returncode != 0:
        fail("the original program does not build", build.stdout)
    original = run([original_exe], env=env)
    print(original.stdout)
    if original.returncode == 0 or "heap-use-after-free" not in original.stdout:
        fail("the original program did not report a heap-use-after-free", original.stdout)

    # 2. Apply the fix-its to a copy.
    fixed_source = os.path.join(args.workdir, "dangling_capture_fixed.cpp")
    shutil.copyfile(args.source, fixed_source)
    command = [args.clang_tidy]
    if args.plugin:
        command.append("--load=" + args.plugin)
    command += ["--checks=-*,refcycle-dangling-capture", "--fix-notes", fixed_source,
                "--", "-std=c++17", "-I" + args.runtime_include]
    tidy = run(command)
    print(tidy.stdout)
    if "refcycle-dangling-capture" not in tidy.stdout:
        fail("clang-tidy did not report the dangling callbacks", tidy.stdout)
    with open(fixed_source) as handle:
        fixed = handle.read()
    print(fixed)
    for expected in ("refcycle::weak_method(&Panel::reload, weak_from_this())",
                     "weak_this = weak_from_this()", "#include <refcycle/weak_method.hpp>"):
        if expected not in fixed:
            fail("the fixed file lacks '%s'" % expected, fixed)

    # 3. The fixed program runs clean under ASan.
    fixed_exe = os.path.join(args.workdir, "fixed")
    build = run([args.cxx] + flags + [fixed_source, "-o", fixed_exe])
    if build.returncode != 0:
        fail("the fixed program does not build", build.stdout)
    result = run([fixed_exe], env=env)
    print(result.stdout)
    if result.returncode != 0 or "AddressSanitizer" in result.stdout:
        fail("the fixed program does not run clean", result.stdout)
    if result.stdout.count("reloaded") != 1 or "done" not in result.stdout:
        fail("the fixed program did not behave as expected", result.stdout)
    print("run_proof: the original use-after-free is gone after the fix-its")


if __name__ == "__main__":
    main()
