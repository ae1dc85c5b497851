#!/usr/bin/env python3
"""Fix-its end to end on the examples project.

Usage: fixits_test.py --tidy REFCYCLE_TIDY --lint scripts/refcycle-lint
           --examples examples/ --runtime-include runtime/include
           --cxx CXX [--apply-replacements CLANG_APPLY_REPLACEMENTS] --work DIR

For each way of applying fixes (refcycle-tidy --fix-notes file by file; and
--export-fixes of every file, then one clang-apply-replacements
--ignore-insert-conflict run), on a
fresh copy of examples/:
  1. configure it (compile_commands.json) and list its findings;
  2. apply the fix-its;
  3. build the fixed copy (it must still compile);
  4. list the findings again: none of those that had a fix-it may remain, and
     no new finding may appear. Running the fixes a second time changes
     nothing (idempotent).
Works with whatever findings examples/ has; it says how many it fixed.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

ARGS = None


def run(cmd, cwd, check=True):
    proc = subprocess.run(cmd, cwd=str(cwd), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    out = proc.stdout.decode('utf-8', 'replace')
    if check and proc.returncode != 0:
        fail('%s exited with %d:\n%s' % (' '.join(map(str, cmd)), proc.returncode, out))
    return proc.returncode, out


def fail(message):
    print('FAIL: ' + message, file=sys.stderr)
    sys.exit(1)


def setup(name):
    root = pathlib.Path(ARGS.work) / name
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ARGS.examples, root / 'examples',
                    ignore=shutil.ignore_patterns('build*'))
    run(['cmake', '-S', 'examples', '-B', 'examples/build', '-G', 'Ninja',
         '-DCMAKE_EXPORT_COMPILE_COMMANDS=ON', '-DCMAKE_CXX_COMPILER=' + ARGS.cxx,
         '-DREFCYCLE_RUNTIME_INCLUDE=' + ARGS.runtime_include], root)
    return root / 'examples'


def findings(project):
    """{(check, file, message): has_fix} over the whole project, via SARIF."""
    out = project / 'findings.sarif'
    code, log = run([sys.executable, ARGS.lint, '-p', 'build', '--quiet', '--exit-zero',
                     '--clang-tidy', ARGS.tidy, '--format', 'sarif', '--output',
                     str(out)], project, check=False)
    if code != 0:
        fail('refcycle-lint failed on %s:\n%s' % (project, log))
    result = {}
    for r in json.loads(out.read_text())['runs'][0]['results']:
        loc = r['locations'][0]['physicalLocation']['artifactLocation']['uri']
        result[(r['ruleId'], loc, r['message']['text'])] = bool(r.get('fixes'))
    out.unlink()
    return result


def sources(project):
    db = json.loads((project / 'build' / 'compile_commands.json').read_text())
    return [os.path.join(e['directory'], e['file']) for e in db]


def fix_notes(project):
    for src in sources(project):
        run([ARGS.tidy, '-p', 'build', '--checks=-*,refcycle-*', '--header-filter=.*',
             '--fix-notes', '--quiet', src], project, check=False)


def export_and_apply(project):
    fixes = project / 'build' / 'fixes'
    shutil.rmtree(fixes, ignore_errors=True)
    fixes.mkdir()
    for i, src in enumerate(sources(project)):
        run([ARGS.tidy, '-p', 'build', '--checks=-*,refcycle-*', '--header-filter=.*',
             '--quiet', '--export-fixes=%s/%d.yaml' % (fixes, i), src], project,
            check=False)
    # Two fix-its of one file may insert different #includes at the same
    # place; without this flag clang-apply-replacements refuses the file.
    run([ARGS.apply_replacements, '--ignore-insert-conflict', str(fixes)], project)


def snapshot(project):
    return {p: p.read_bytes() for p in sorted(project.rglob('*'))
            if p.is_file() and 'build' not in p.relative_to(project).parts}


def check_mode(name, apply):
    project = setup(name)
    before = findings(project)
    fixable = {k for k, has_fix in before.items() if has_fix}
    apply(project)
    run(['cmake', '--build', 'build'], project)
    after = findings(project)
    still = sorted(k for k in fixable if k in after)
    if still:
        fail('%s: fixed findings still reported: %s' % (name, still))
    new = sorted(set(after) - set(before))
    if new:
        fail('%s: the fixes introduced findings: %s' % (name, new))
    first = snapshot(project)
    apply(project)
    if snapshot(project) != first:
        fail('%s: applying the fixes again changed the code' % name)
    print('ok: %s: %d finding(s), %d with a fix-it, all fixed; %d without one '
          'remain; the fixed project builds' % (name, len(before), len(fixable),
                                               len(after)))


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    for name in ('--tidy', '--lint', '--examples', '--runtime-include', '--cxx', '--work'):
        parser.add_argument(name, required=True)
    parser.add_argument('--apply-replacements')
    ARGS = parser.parse_args()
    for name in ('tidy', 'lint', 'examples', 'runtime_include', 'work'):
        setattr(ARGS, name, os.path.abspath(getattr(ARGS, name)))
    check_mode('fix-notes', fix_notes)
    if ARGS.apply_replacements:
        check_mode('export-fixes', export_and_apply)
    else:
        print('skipped: export-fixes + clang-apply-replacements (not installed; '
              'Debian package clang-tools-N)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
