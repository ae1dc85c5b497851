#!/usr/bin/env python3
"""Drives refcycle-clangd over stdio the way an editor does.

Usage: lsp_clangd_test.py CLANGD REFCYCLE_TIDY SOURCE_DIR WORK_DIR

For every SOURCE_DIR/*.cpp (files in the shapes of the real-bug benchmark's
hits, written here: a shared_ptr cycle, a queued handler that needs to keep
its object alive, a callback that holds its own socket, a table entry an
early return keeps), whose first line says `// LSP: CHECK 'NAME' LINE`:
copies it into WORK_DIR/<name>/ with a compile_commands.json and a .clangd
that enables refcycle-*, then: initialize, didOpen, waits for
publishDiagnostics, checks that a CHECK diagnostic naming NAME is on LINE (a file may have
several findings; LINE picks the one whose quick fix is checked),
asks for code actions on it and applies the first quick fix's
WorkspaceEdit. The expected text is what `refcycle-tidy --fix-notes` makes
of the same file (clangd offers the fix-its of notes as quick fixes of the
warning); when the check offers no fix-it, clangd must offer no quick fix
either. Exits non-zero with a message on any failure.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                os.pardir, os.pardir, 'scripts'))
import refcycle_lsp as lsp  # noqa: E402  pylint: disable=wrong-import-position

CLIENT = None


def fail(message):
    print('FAIL: ' + message, file=sys.stderr)
    if CLIENT is not None:
        sys.stderr.write(''.join(CLIENT.stderr_lines[-30:]))
        CLIENT.proc.kill()
    sys.exit(1)


def tidy_fixed_text(tidy, work, src, check):
    """The file as refcycle-tidy --fix-notes leaves it (on a scratch copy)."""
    scratch = work / 'tidy'
    scratch.mkdir()
    copy = scratch / src.name
    shutil.copy(src, copy)
    run = subprocess.run([tidy, '--checks=-*,refcycle-*', '--fix-notes',
                          str(copy), '--', '-std=c++17'],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         check=False)
    if check not in run.stdout.decode('utf-8', 'replace'):
        fail('refcycle-tidy found nothing in %s:\n%s' % (src, run.stdout.decode()))
    return copy.read_text()


def prepare(tidy, source, work, check):
    """A fresh project in work: the source, compile_commands.json, .clangd.

    Returns (path of the source, its text, the text refcycle-tidy
    --fix-notes makes of it)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    src = work / source.name
    shutil.copy(source, src)
    (work / 'compile_commands.json').write_text(json.dumps([{
        'directory': str(work), 'file': str(src),
        'arguments': ['clang++', '-std=c++17', '-c', str(src)]}]))
    (work / '.clangd').write_text(
        'Diagnostics:\n  ClangTidy:\n    Add: [refcycle-*]\n'
        '    FastCheckFilter: None\n')
    text = src.read_text()
    return src, text, tidy_fixed_text(tidy, work, src, check)


def check_file(clangd, tidy, source, work):
    """One file through refcycle-clangd; returns the line to print."""
    global CLIENT
    header = source.read_text().splitlines()[0].split()
    if len(header) != 5 or header[:2] != ['//', 'LSP:']:
        fail("%s: the first line must be // LSP: CHECK 'NAME' LINE" % source)
    check, name, line = header[2], header[3].strip("'"), int(header[4])
    src, text, expected = prepare(tidy, source, work, check)
    uri = src.resolve().as_uri()

    CLIENT = lsp.LspClient([clangd, '--log=error', '--clang-tidy',
                            '--background-index=false',
                            '--compile-commands-dir=' + str(work)], cwd=str(work))
    try:
        lsp.initialize(CLIENT, work.resolve().as_uri())
        diags = lsp.open_and_diagnose(CLIENT, uri, text)
    except lsp.LspError as error:
        fail('%s: %s' % (source.name, error))
    ours = [d for d in diags if d.get('code') == check]
    if not ours:
        fail('%s: no %s diagnostic; got: %s' % (source.name, check, json.dumps(diags)))
    on_line = [d for d in ours if d['range']['start']['line'] == line - 1]
    if not on_line:
        fail('%s: no %s diagnostic on line %d; it is on line %s' %
             (source.name, check, line,
              ', '.join(str(d['range']['start']['line'] + 1) for d in ours)))
    diag = on_line[0]
    if name not in diag['message']:
        fail('%s: unexpected message: %s' % (source.name, diag['message']))

    try:
        fixes = lsp.quick_fixes(CLIENT, uri, diag)
    except lsp.LspError as error:
        fail('%s: %s' % (source.name, error))
    if expected == text:
        CLIENT.shutdown()
        if fixes:
            fail('%s: refcycle-tidy --fix-notes changes nothing, but clangd offers '
                 '%s' % (source.name, json.dumps(fixes)))
        return ('ok: %s: %s (the check offers no fix-it here; neither does clangd)'
                % (source.name, diag['message']))
    if not fixes:
        fail('%s: no quick fix offered' % source.name)
    fixed = lsp.apply_edits(text, lsp.edits_for(fixes[0]['edit'], uri))
    CLIENT.shutdown()
    if fixed != expected:
        fail('%s: quick fix %r produced:\n%s' % (source.name, fixes[0].get('title'),
                                                  fixed))
    return 'ok: %s: %s -> %r' % (source.name, diag['message'], fixes[0].get('title'))


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    clangd, tidy, source_dir, work_dir = map(os.path.abspath, sys.argv[1:])
    sources = sorted(pathlib.Path(source_dir).glob('*.cpp'))
    if len(sources) < 4:
        fail('expected at least four sources in %s' % source_dir)
    for source in sources:
        print(check_file(clangd, tidy, source, pathlib.Path(work_dir) / source.stem))
    return 0


if __name__ == '__main__':
    sys.exit(main())
