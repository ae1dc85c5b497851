#!/usr/bin/env python3
"""refcycle-clangd in Neovim's built-in LSP client (what users run).

Usage: nvim_lsp_test.py NVIM CLANGD REFCYCLE_TIDY SOURCE_DIR WORK_DIR

Prepares the same project as lsp_clangd_test.py, runs nvim_lsp.lua in
`nvim --headless --clean` (start refcycle-clangd, wait for the
refcycle-shared-ptr-cycle diagnostic, apply the first quick fix, write the
file) and checks that the file is what `refcycle-tidy --fix-notes` makes of it.
"""

import os
import pathlib
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp_clangd_test as lsp  # noqa: E402  pylint: disable=wrong-import-position


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    nvim, clangd, tidy, source_dir, work_dir = map(os.path.abspath, sys.argv[1:])
    work = pathlib.Path(work_dir)
    src, text, expected = lsp.prepare(tidy, pathlib.Path(source_dir) / 'cycle.cpp', work,
                                      'refcycle-shared-ptr-cycle')
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'nvim_lsp.lua')
    try:
        proc = subprocess.run(
            [nvim, '--headless', '--clean', '-n', '-i', 'NONE',
             '--cmd', 'let g:refcycle_clangd = %s' % repr(clangd).replace('\\\\', '\\'),
             '--cmd', 'let g:refcycle_work = %s' % repr(str(work)).replace('\\\\', '\\'),
             '-c', 'luafile ' + script],
            cwd=str(work), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=240, check=False)
    except subprocess.TimeoutExpired:
        print('FAIL: nvim did not finish in 240 s', file=sys.stderr)
        return 1
    out = proc.stdout.decode('utf-8', 'replace')
    print(out)
    if proc.returncode != 0:
        print('FAIL: nvim exited with %d' % proc.returncode, file=sys.stderr)
        return 1
    if 'diagnostic: ' not in out:
        print('FAIL: the script did not see the diagnostic', file=sys.stderr)
        return 1
    fixed = src.read_text()
    if fixed != expected:
        print('FAIL: after the quick fix the file is:\n%s\nexpected:\n%s'
              % (fixed, expected), file=sys.stderr)
        return 1
    print('ok: %s' % ('quick fix applied as refcycle-tidy --fix-notes does'
                      if expected != text else 'no fix-it offered, file unchanged'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
