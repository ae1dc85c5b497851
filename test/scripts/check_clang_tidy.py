#!/usr/bin/env python3
"""Runs clang-tidy with the refcycle checks on one lit test file and verifies it.

This plays the role LLVM's check_clang_tidy.py plays for clang-tools-extra:

  check_clang_tidy.py [runner options] <source> <check-names> <temp-base>
                      [-- <clang-tidy args> [-- <compiler args>]]

The source is copied to <temp-base>.<ext> with every CHECK line blanked (line
numbers stay the same), clang-tidy runs on the copy with --fix (or
--fix-notes), and then:

  // CHECK-MESSAGES: lines are matched against the warnings and errors; any
                     other warning or error fails the test.
  // CHECK-NOTES:    lines are matched against warnings, errors and notes; any
                     other one fails the test.
  // CHECK-FIXES:    lines are matched against the fixed file. Without them
                     the fixed file must be byte-for-byte the input: a fix-it
                     that a test did not ask for is a failure.
  A file with none of these asserts that clang-tidy prints no warning at all.

With --compile-fixed the fixed file is compiled with clang++ -fsyntax-only and
the compiler arguments, so a fix-it that breaks the build fails the test.
--check-suffix=A,B selects CHECK-MESSAGES-A / CHECK-FIXES-A ... instead.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys


def fail(message, details=None):
    sys.stderr.write("check_clang_tidy: error: %s\n" % message)
    if details:
        sys.stderr.write(details if details.endswith("\n") else details + "\n")
    sys.exit(1)


def run(args, what, allow_failure=False, **kwargs):
    sys.stdout.write("RUN: %s\n" % " ".join(shlex.quote(a) for a in args))
    try:
        proc = subprocess.run(args, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True,
                              **kwargs)
    except OSError as error:
        fail("cannot run %s (%s): %s" % (what, args[0], error))
    if proc.returncode != 0 and not allow_failure:
        fail("%s exited with code %d" % (what, proc.returncode), proc.stdout)
    return proc


def split_args(argv):
    """Splits '<runner args> [-- <tidy args> [-- <compiler args>]]' as
    clang-tidy's own runner does. Done before argparse, which would drop the
    first '--' itself and so lose an empty tidy argument list."""
    if "--" not in argv:
        return argv, [], []
    at = argv.index("--")
    own, rest = argv[:at], argv[at + 1:]
    if "--" not in rest:
        return own, rest, []
    at = rest.index("--")
    return own, rest[:at], rest[at + 1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clang-tidy", required=True, help="clang-tidy executable")
    parser.add_argument("--load", default="", help="plugin to pass to --load, if any")
    parser.add_argument("--filecheck", required=True, help="FileCheck executable")
    parser.add_argument("--clangxx", default="", help="clang++ for --compile-fixed")
    parser.add_argument("--runtime-include", default="",
                        help="refcycle runtime include directory, added for --compile-fixed")
    parser.add_argument("--check-suffix", "-check-suffix", "-check-suffixes",
                        default="", help="comma-separated CHECK prefix suffixes")
    parser.add_argument("--fix-notes", "-fix-notes", action="store_true",
                        help="apply the fix-its attached to notes too")
    parser.add_argument("--compile-fixed", action="store_true",
                        help="compile the fixed file with clang++ -fsyntax-only")
    parser.add_argument("--allow-compile-errors", action="store_true",
                        help="the input does not compile; only refcycle output is checked")
    parser.add_argument("source")
    parser.add_argument("checks")
    parser.add_argument("temp_base")
    own_args, tidy_args, compiler_args = split_args(sys.argv[1:])
    args = parser.parse_args(own_args)

    if not os.path.isfile(args.clang_tidy):
        fail("clang-tidy executable '%s' does not exist; build the project first"
             % args.clang_tidy)
    if args.load and not os.path.isfile(args.load):
        fail("plugin '%s' does not exist; build the 'refcycle_tidy' target first"
             % args.load)
    if not os.path.isfile(args.filecheck):
        fail("FileCheck '%s' does not exist; install llvm-N-tools" % args.filecheck)

    if not any(a.startswith("-std=") for a in compiler_args):
        compiler_args = ["-std=c++17"] + compiler_args

    suffixes = [s for s in args.check_suffix.split(",") if s]
    def prefixes(kind):
        return [kind + "-" + s for s in suffixes] if suffixes else [kind]
    messages_prefixes = prefixes("CHECK-MESSAGES")
    notes_prefixes = prefixes("CHECK-NOTES")
    fixes_prefixes = prefixes("CHECK-FIXES")

    with open(args.source, encoding="utf-8") as handle:
        original = handle.read()

    def uses(prefix_list):
        return any(re.search(r"//\s*%s(-NOT|-NEXT|-SAME|-DAG)?:" % re.escape(p), original)
                   for p in prefix_list)
    has_messages = uses(messages_prefixes)
    has_notes = uses(notes_prefixes)
    has_fixes = uses(fixes_prefixes)
    if has_messages and has_notes:
        fail("use either CHECK-MESSAGES or CHECK-NOTES in one run, not both")

    # Blank the CHECK lines, keeping line numbers, so that fix-its and the
    # CHECK-FIXES patterns never see the patterns themselves.
    cleaned = re.sub(r"//\s*CHECK-[A-Z0-9-]*:[^\r\n]*", "//", original)
    extension = os.path.splitext(args.source)[1] or ".cpp"
    temp_file = args.temp_base + extension
    os.makedirs(os.path.dirname(os.path.abspath(temp_file)), exist_ok=True)
    with open(temp_file, "w", encoding="utf-8") as handle:
        handle.write(cleaned)

    command = [args.clang_tidy]
    if args.load:
        command.append("--load=" + args.load)
    command += [temp_file, "--fix-notes" if args.fix_notes else "--fix",
                "--checks=-*," + args.checks]
    # An empty config keeps .clang-tidy files above the build tree out of the
    # test, unless the test gives its own configuration.
    if not any(re.match(r"--?config(-file)?=", a) for a in tidy_args):
        command.append("--config={}")
    command += tidy_args
    command += ["--"] + compiler_args
    tidy = run(command, "clang-tidy", allow_failure=True)
    output = tidy.stdout
    sys.stdout.write("------------------------ clang-tidy output -----------------------\n")
    sys.stdout.write(output)
    sys.stdout.write("------------------------------------------------------------------\n")
    if tidy.returncode != 0 and not args.allow_compile_errors:
        fail("clang-tidy exited with code %d" % tidy.returncode)
    if "refcycle: this plugin was built for" in output:
        fail("the plugin refused to load into this clang-tidy", output)

    output_file = temp_file + ".msg"
    with open(output_file, "w", encoding="utf-8") as handle:
        handle.write(output)
    with open(temp_file, encoding="utf-8") as handle:
        fixed = handle.read()

    def filecheck(input_file, prefix_list, implicit_not, extra=()):
        command = [args.filecheck, "-input-file=" + input_file, args.source,
                   "-check-prefixes=" + ",".join(prefix_list)]
        if implicit_not:
            command.append("-implicit-check-not=" + implicit_not)
        command += list(extra)
        run(command, "FileCheck for " + ",".join(prefix_list))

    if has_fixes:
        filecheck(temp_file, fixes_prefixes, None, ["-strict-whitespace"])
    elif fixed != cleaned:
        diff = run(["diff", "-u", args.source, temp_file], "diff", allow_failure=True)
        fail("clang-tidy changed the file but the test has no %s lines"
             % fixes_prefixes[0], diff.stdout)

    not_compiler_error = "{{warning|error}}:" if not args.allow_compile_errors else "warning:"
    if has_messages:
        filecheck(output_file, messages_prefixes, not_compiler_error)
    elif has_notes:
        filecheck(output_file, notes_prefixes,
                  "{{note|warning|error}}:" if not args.allow_compile_errors else "{{note|warning}}:")
    else:
        unexpected = [line for line in output.splitlines()
                      if re.search(r"\b(warning|error): ", line)
                      and not (args.allow_compile_errors and " error: " in line)]
        if unexpected:
            fail("expected no warnings, but clang-tidy printed:", "\n".join(unexpected))

    if args.compile_fixed:
        if not args.clangxx or not os.path.isfile(args.clangxx):
            fail("--compile-fixed needs clang++ ('%s' not found)" % args.clangxx)
        command = [args.clangxx, "-fsyntax-only"] + compiler_args
        if args.runtime_include:
            command.append("-I" + args.runtime_include)
        command.append(temp_file)
        run(command, "compiling the fixed file")


if __name__ == "__main__":
    main()
