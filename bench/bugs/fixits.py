"""The fix-it step of the real-bug benchmark (bench/bugs/run --fixits).

For a bug the check found (a HIT per translation unit), the fix-its that
clang-tidy offers for that finding are applied the way `--fix-notes` does
(the warning's own fix, else the fix of its one note that has one) to a
copy of the buggy commit, and then:

  offered   the hit's finding carries a fix-it;
  compiles  every translation unit of the bug still compiles
            (clang++ -fsyntax-only with the bug's flags, and refcycle's
            runtime headers on the include path, as a project that takes
            the fixes that use refcycle::weak_method or lru_cache has them);
  gone      the check no longer reports the hit in the changed tree (same
            check, file and message reported fewer times by the number of
            hits);
  agrees    the fix changes what the maintainers changed. Rule: a line the
            fix-it replaces or inserts at lies in a file the upstream fix
            changes, within two lines of a line that `diff -U0 buggy fixed`
            reports changed (or, for pure insertions upstream, the line
            before which it inserts). It says the fix touches the same
            member, capture or cache the maintainers did, not that the
            code is the same.

The copy is a tree of hard links; a file the fix changes is written anew,
so the checkout it came from stays as it was.
"""

import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import subprocess

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _lint_module():
    """scripts/refcycle-lint, for its reader of clang-tidy's --export-fixes."""
    path = os.path.join(_ROOT, "scripts", "refcycle-lint")
    loader = importlib.machinery.SourceFileLoader("refcycle_lint", path)
    spec = importlib.util.spec_from_loader("refcycle_lint", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


_LINT = None


def _read_export(path):
    global _LINT
    if _LINT is None:
        _LINT = _lint_module()
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", errors="replace") as handle:
        doc = _LINT.parse_export_fixes(handle.read(), path) or {}
    return doc.get("Diagnostics") or []


def _line_of(data, offset):
    """The line of a byte offset (clang-tidy's offsets count bytes)."""
    return data.count(b"\n", 0, offset) + 1


def _read(path):
    with open(path, "rb") as handle:
        return handle.read()


def apply_byte_edits(data, edits):
    """data (bytes) with (byte offset, byte length, text) edits applied."""
    for offset, length, text in sorted(set(edits), reverse=True):
        data = data[:offset] + text.encode("utf-8", "surrogateescape") + data[offset + length:]
    return data


def _resolve(tree, directory, path):
    if os.path.isabs(path):
        return os.path.normpath(path)
    return os.path.normpath(os.path.join(directory or tree, path))


def _fix_of(diag):
    """The replacements --fix-notes applies for one diagnostic: its own, or
    those of its single note that has any."""
    own = (diag.get("DiagnosticMessage") or {}).get("Replacements") or []
    if own:
        return own
    with_fixes = [n for n in diag.get("Notes") or [] if n.get("Replacements")]
    return with_fixes[0]["Replacements"] if len(with_fixes) == 1 else []


def _run_tidy(tidy, database, tree, tus, check, config, export_dir):
    """Runs the check on each TU with its fixes exported (never applied:
    --fix-notes would imply --fix; the export lists the notes' fixes
    anyway, and _fix_of picks what --fix-notes would apply); returns the
    diagnostics with absolute paths and lines: (check, path, line, message,
    replacements as [(path, offset, length, text)])."""
    found = []
    os.makedirs(export_dir, exist_ok=True)
    for index, tu in enumerate(tus):
        export = os.path.join(export_dir, "%d.yaml" % index)
        if os.path.exists(export):
            os.remove(export)
        subprocess.run(tidy + ["-p", database, "--quiet", "--checks=-*," + check,
                               "--config-file=" + config, "--header-filter=.*",
                               "--export-fixes=" + export, tu],
                       cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        for diag in _read_export(export):
            message = diag.get("DiagnosticMessage") or {}
            directory = diag.get("BuildDirectory") or tree
            path = _resolve(tree, directory, message.get("FilePath") or "")
            if not os.path.isfile(path):
                continue
            line = _line_of(_read(path), int(message.get("FileOffset") or 0))
            fixes = [(_resolve(tree, directory, r["FilePath"]), int(r["Offset"]),
                      int(r["Length"]), r.get("ReplacementText") or "")
                     for r in _fix_of(diag)]
            key = (diag.get("DiagnosticName"), path, line, message.get("Message") or "")
            if all(key != f[:4] for f in found):
                found.append(key + (fixes,))
    return found


def _apply(fixes, tree, overlay):
    """Writes the fixed files into overlay (a hard-linked copy of tree);
    returns {relative path: [(first line, last line) replaced in the
    original]}."""
    by_file = {}
    for path, offset, length, text in fixes:
        by_file.setdefault(path, []).append((offset, length, text))
    touched = {}
    for path, edits in by_file.items():
        rel = os.path.relpath(path, tree)
        if rel.startswith(os.pardir):
            continue  # a system header or another tree: never ours to edit
        original = _read(path)
        content = apply_byte_edits(original, edits)
        target = os.path.join(overlay, rel)
        os.unlink(target)
        with open(target, "wb") as handle:
            handle.write(content)
        touched[rel] = [(_line_of(original, o), _line_of(original, o + max(l - 1, 0)))
                        for o, l, _ in edits]
    return touched


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


def upstream_changed_lines(buggy_tree, fixed_tree, rel):
    """The lines of rel at the buggy commit that the upstream fix changes
    (for an insertion, the line it is inserted after and the next)."""
    old, new = os.path.join(buggy_tree, rel), os.path.join(fixed_tree, rel)
    if not os.path.isfile(old) or not os.path.isfile(new):
        return set()
    proc = subprocess.run(["diff", "-U0", old, new], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, universal_newlines=True,
                          errors="replace", check=False)
    lines = set()
    for text in proc.stdout.splitlines():
        match = _HUNK.match(text)
        if not match:
            continue
        start, count = int(match.group(1)), int(match.group(2) or "1")
        if count == 0:
            lines.update((start, start + 1))
        else:
            lines.update(range(start, start + count))
    return lines


def agrees(touched, buggy_tree, fixed_tree, slack=2):
    for rel, ranges in touched.items():
        changed = upstream_changed_lines(buggy_tree, fixed_tree, rel)
        for first, last in ranges:
            if any(first - slack <= line <= last + slack for line in changed):
                return True
    return False


def _database(tree, compile_commands, directory):
    """A compile_commands.json in directory for the TUs, run in tree."""
    os.makedirs(directory, exist_ok=True)
    entries = [{"directory": tree, "file": tu, "arguments": ["clang++"] + arguments + ["-c", tu]}
               for tu, arguments in compile_commands]
    with open(os.path.join(directory, "compile_commands.json"), "w", encoding="utf-8") as out:
        json.dump(entries, out, indent=1)
    return directory


def judge_fix(hits, buggy_tree, fixed_tree, work, tidy, clangxx, config, compile_commands,
              clangd=None):
    """The fix-it outcome of one bug's hits (see the module comment).
    hits: (check, path relative to the tree, line, message, text) of the
    per-TU run; compile_commands: [(tu, flags without the compiler, -c and
    the file)]; clangd: refcycle-clangd, to run the editor step (editor.py)
    on the findings that carry a fix-it."""
    result = {"offered": False, "compiles": False, "gone": False, "agrees": False}
    check = hits[0][0]
    tus = [tu for tu, _ in compile_commands]
    shutil.rmtree(work, ignore_errors=True)
    database = _database(buggy_tree, compile_commands, os.path.join(work, "before-db"))
    before = _run_tidy(tidy, database, buggy_tree, tus, check, config,
                       os.path.join(work, "before"))
    hit_keys = {(h[0], os.path.normpath(os.path.join(buggy_tree, h[1])), h[2]) for h in hits}
    fixes = []
    for diag in before:
        if diag[:3] in hit_keys:
            fixes += diag[4]
    if not fixes:
        return result
    result["offered"] = True
    if clangd:
        import editor  # pylint: disable=import-outside-toplevel
        with_fixes = [d for d in before if d[:3] in hit_keys and d[4]]
        result["editor"] = editor.check(clangd, database, buggy_tree,
                                        os.path.join(work, "editor"), with_fixes)
    overlay = os.path.join(work, "tree")
    shutil.rmtree(overlay, ignore_errors=True)
    subprocess.run(["cp", "-al", buggy_tree, overlay], check=True)
    touched = _apply(fixes, buggy_tree, overlay)
    result["files"] = sorted(touched)
    runtime = ["-I", os.path.join(_ROOT, "runtime", "include")]
    compile_commands = [(tu, arguments + runtime) for tu, arguments in compile_commands]
    result["compiles"] = all(
        subprocess.run([clangxx, "-fsyntax-only"] + arguments + [tu], cwd=overlay,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False).returncode == 0
        for tu, arguments in compile_commands)
    after = _run_tidy(tidy, _database(overlay, compile_commands, os.path.join(work, "after-db")),
                      overlay, tus, check, config, os.path.join(work, "after"))

    def key(f, tree):
        return f[0], os.path.relpath(f[1], tree), f[3]
    gone = True
    for k in {key(d, buggy_tree) for d in before if d[:3] in hit_keys}:
        n_hits = sum(1 for d in before if d[:3] in hit_keys and key(d, buggy_tree) == k)
        n_before = sum(1 for d in before if key(d, buggy_tree) == k)
        n_after = sum(1 for d in after if key(d, overlay) == k)
        gone &= n_after <= n_before - n_hits
    result["gone"] = gone and result["compiles"]
    result["agrees"] = agrees(touched, buggy_tree, fixed_tree)
    shutil.rmtree(overlay, ignore_errors=True)
    return result
