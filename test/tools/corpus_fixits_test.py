#!/usr/bin/env python3
"""bench/corpus/fixits end to end on a tiny generated project.

Usage: corpus_fixits_test.py --fixits bench/corpus/fixits --tidy REFCYCLE_TIDY
           --apply-replacements CLANG_APPLY_REPLACEMENTS --cxx CXX
           --runtime-include runtime/include --work DIR

Writes a two-TU project whose shared header has a shared_ptr cycle (a fix on a
note, reached from both TUs) and whose second TU has an unbounded cache, with
a hand-written compile_commands.json, and checks that
  1. fixits applies every fix, the fixed TUs compile, no fixed finding comes
     back, exit 0, and the project itself is left unchanged;
  2. when the applied code does not compile (a clang-apply-replacements that
     also appends an #error to what it edits), fixits says which TU broke and
     exits 1.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

HEADER = """\
#pragma once
#include <memory>
#include <vector>

struct Conn;
struct Server {
  std::vector<std::shared_ptr<Conn>> conns;
};
struct Conn {
  std::shared_ptr<Server> server;
  bool attached() const { return server ? true : false; }
};
"""

A_CPP = """\
#include "net.h"

int count(const Conn &c) { return c.attached() ? 1 : 0; }
"""

B_CPP = """\
#include "net.h"

#include <string>
#include <unordered_map>

int width(const std::string &name) {
  static std::unordered_map<std::string, int> widths;
  if (auto it = widths.find(name); it != widths.end())
    return it->second;
  int w = static_cast<int>(name.size());
  widths.emplace(name, w);
  return w;
}
"""

BREAKING_APPLY = """\
#!/usr/bin/env python3
import subprocess, sys, yaml, glob, os
real, args = sys.argv[1], sys.argv[2:]
code = subprocess.call([real] + args)
files = set()
for path in glob.glob(os.path.join(args[-1], '*.yaml')):
    for diag in yaml.safe_load(open(path))['Diagnostics']:
        for r in diag['DiagnosticMessage'].get('Replacements') or []:
            files.add(r['FilePath'])
for path in files:
    with open(path, 'a') as handle:
        handle.write('\\n#error broken by the test\\n')
sys.exit(code)
"""


def fail(message):
    print('FAIL: ' + message, file=sys.stderr)
    sys.exit(1)


def make_project(root, args):
    shutil.rmtree(root, ignore_errors=True)
    (root / 'src').mkdir(parents=True)
    (root / 'build').mkdir()
    (root / 'src' / 'net.h').write_text(HEADER)
    (root / 'src' / 'a.cpp').write_text(A_CPP)
    (root / 'src' / 'b.cpp').write_text(B_CPP)
    database = [{'directory': str(root / 'build'), 'file': str(root / 'src' / name),
                 'arguments': [args.cxx, '-std=c++17', '-I' + args.runtime_include,
                               '-c', str(root / 'src' / name),
                               '-o', name + '.o']}
                for name in ('a.cpp', 'b.cpp')]
    (root / 'build' / 'compile_commands.json').write_text(json.dumps(database, indent=1))


def snapshot(root):
    return {p: p.read_bytes() for p in sorted((root / 'src').rglob('*'))}


def run_fixits(args, root, apply):
    command = [sys.executable, args.fixits, '--clang-tidy', args.tidy,
               '--apply-replacements', apply, '-j', '2',
               '--project', 'tiny:%s:%s' % (root / 'src', root / 'build')]
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    print(proc.stdout)
    return proc.returncode, proc.stdout


def main():
    parser = argparse.ArgumentParser()
    for name in ('--fixits', '--tidy', '--apply-replacements', '--cxx',
                 '--runtime-include', '--work'):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    work = pathlib.Path(args.work).resolve()
    root = work / 'tiny'
    make_project(root, args)
    before = snapshot(root)

    code, out = run_fixits(args, root, args.apply_replacements)
    if code != 0:
        fail('fixits exited %d on the tiny project' % code)
    row = [line for line in out.splitlines() if line.startswith('| tiny |')]
    if not row:
        fail('no result row for the tiny project')
    cells = [c.strip() for c in row[0].strip('|').split('|')]
    # project, TUs, findings, applied, from notes, broke, came back, new, left, crashes
    if cells[1] != '2' or int(cells[2]) < 2 or cells[3] != cells[2] or cells[5:] != [
            '0', '0', '0', '0', '0']:
        fail('unexpected result row: %s' % row[0])
    if snapshot(root) != before:
        fail('fixits modified the project instead of a scratch copy')

    breaking = work / 'breaking-apply'
    breaking.write_text(BREAKING_APPLY)
    breaking.chmod(0o755)
    wrapper = work / 'apply-then-break'
    wrapper.write_text('#!/bin/sh\nexec "%s" "%s" "%s" "$@"\n'
                       % (sys.executable, breaking, args.apply_replacements))
    wrapper.chmod(0o755)
    code, out = run_fixits(args, root, str(wrapper))
    if code != 1:
        fail('fixits exited %d although the fixed code does not compile' % code)
    if 'the fixes broke' not in out:
        fail('fixits did not name the TU the fixes broke')
    if snapshot(root) != before:
        fail('fixits modified the project instead of a scratch copy')
    print('ok: fixits applies and verifies fixes, and notices a fix that breaks the build')
    return 0


if __name__ == '__main__':
    sys.exit(main())
