"""The editor step of the real-bug benchmark (bench/bugs/run --editor).

For every hit whose finding carries a fix-it (fixits.py), the file of the
finding is opened in refcycle-clangd, as an editor opens it: the bug's
compile_commands.json, refcycle-* enabled through clangd's user
configuration, positions in code points. Then:

  shown   clangd publishes the finding (same check, same line);
  same    one of its quick fixes leaves every file it edits exactly as
          the check's fix-it (applied the way --fix-notes does) leaves it.

A finding in a header is shown only when clangd can analyse the header on
its own (with the flags of a file that includes it); a class template that
only the including file instantiates is not analysed there, and the step
says so instead of counting a quick fix.
"""

import os
import pathlib

import fixits
import refcycle_lsp as lsp

CLANGD_CONFIG = """Diagnostics:
  ClangTidy:
    Add: [refcycle-*]
    FastCheckFilter: None
"""


def _read(path):
    # newline="": the text as it is on disk (CRLF stays CRLF), as clangd
    # and clang-tidy see it.
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as handle:
        return handle.read()


def _expected(replacements):
    """{path: text after the check's replacements} (their offsets count
    bytes, applied as fixits.py applies them; LSP positions here count code
    points)."""
    by_file = {}
    for path, offset, length, text in replacements:
        by_file.setdefault(path, []).append((offset, length, text))
    out = {}
    for path, edits in by_file.items():
        with open(path, "rb") as handle:
            data = fixits.apply_byte_edits(handle.read(), edits)
        out[path] = data.decode("utf-8", "surrogateescape")
    return out


def _same_result(action, expected):
    edit = action["edit"]
    uris = lsp.edited_uris(edit)
    wanted = {pathlib.Path(p).resolve().as_uri(): p for p in expected}
    if not uris or not uris <= set(wanted):
        return False
    for uri, path in wanted.items():
        text = lsp.apply_edits(_read(path), lsp.edits_for(edit, uri))
        if text != expected[path]:
            return False
    return True


def check(clangd, database, tree, work, findings, timeout=180):
    """findings: (check, absolute path, line, message, replacements) of the
    hit's diagnostics that carry a fix-it. Returns {"shown": bool,
    "same": bool, "why": str}: the worst over the findings."""
    xdg = os.path.join(work, "xdg")
    os.makedirs(os.path.join(xdg, "clangd"), exist_ok=True)
    with open(os.path.join(xdg, "clangd", "config.yaml"), "w", encoding="utf-8") as out:
        out.write(CLANGD_CONFIG)
    env = dict(os.environ, XDG_CONFIG_HOME=xdg)
    result = {"shown": True, "same": True, "why": ""}
    by_path = {}
    for finding in findings:
        by_path.setdefault(finding[1], []).append(finding)
    for path, group in sorted(by_path.items()):
        client = lsp.LspClient([clangd, "--log=error", "--clang-tidy",
                                "--background-index=false",
                                "--compile-commands-dir=" + database],
                               cwd=tree, env=env, timeout=timeout)
        try:
            lsp.initialize(client, pathlib.Path(tree).resolve().as_uri())
            uri = pathlib.Path(path).resolve().as_uri()
            diags = lsp.open_and_diagnose(client, uri, _read(path))
            for name, _, line, _, replacements in group:
                shown = [d for d in diags if d.get("code") == name
                         and d["range"]["start"]["line"] == line - 1]
                if not shown:
                    result.update(shown=False, same=False,
                                  why="%s:%d not shown when the file is opened"
                                  % (os.path.relpath(path, tree), line))
                    continue
                expected = _expected(replacements)
                actions = []
                for diag in shown:
                    actions += lsp.quick_fixes(client, uri, diag)
                if not any(_same_result(a, expected) for a in actions):
                    result.update(same=False,
                                  why="%s:%d: %s" % (os.path.relpath(path, tree), line,
                                                     "no quick fix" if not actions else
                                                     "quick fix differs from the fix-it"))
        except lsp.LspError as error:
            result.update(shown=False, same=False, why=str(error))
        finally:
            client.shutdown()
    return result
