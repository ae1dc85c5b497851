"""Shared by the benchmark scripts (bench/corpus/run, bench/bugs/run): find
the refcycle build, install Debian packages, run refcycle-lint over a
compilation database and read its SARIF back as plain findings.

Imported, not run."""

import json
import os
import shutil
import subprocess
import sys
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINT = os.path.join(ROOT, "scripts", "refcycle-lint")
CHECKS = ("refcycle-shared-ptr-cycle", "refcycle-dangling-capture", "refcycle-unbounded-cache")
# Lines clang-tidy prints when it crashes (an ASan build adds its own).
CRASH_MARKERS = ("PLEASE submit a bug report", "Stack dump:")


class BenchError(Exception):
    """A problem with the run itself; the script prints it and exits 2."""


def llvm_version(build_dir):
    """The LLVM release a refcycle build tree was configured for."""
    cache = os.path.join(build_dir, "CMakeCache.txt")
    try:
        with open(cache, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("REFCYCLE_LLVM_VERSION:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    raise BenchError("%s: not a configured refcycle build tree (no REFCYCLE_LLVM_VERSION "
                     "in CMakeCache.txt); build one with scripts/test or scripts/demo" % build_dir)


def tidy_command(build_dir, clang_tidy="", plugin=""):
    """[--clang-tidy X (--plugin P)] for refcycle-lint: the build's refcycle-tidy
    unless a clang-tidy (and plugin) are given."""
    if clang_tidy:
        return ["--clang-tidy", clang_tidy] + (["--plugin", plugin] if plugin else [])
    standalone = os.path.join(build_dir, "bin", "refcycle-tidy")
    if not os.access(standalone, os.X_OK):
        raise BenchError("%s: not built (cmake --build %s)" % (standalone, build_dir))
    graph = os.path.join(build_dir, "bin", "refcycle-graph")
    return ["--clang-tidy", standalone] + (["--refcycle-graph", graph]
                                           if os.access(graph, os.X_OK) else [])


def missing_packages(packages):
    missing = []
    for package in packages:
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                universal_newlines=True, check=False).stdout
        if "install ok installed" not in status:
            missing.append(package)
    return missing


def install_packages(packages):
    """apt-get installs the Debian packages not installed yet; a no-op, and
    offline, when all are."""
    missing = missing_packages(sorted(set(packages)))
    if not missing:
        return
    if os.geteuid() != 0:
        raise BenchError("missing Debian packages: %s (run as root, or install them)"
                         % " ".join(missing))
    print("installing %s" % " ".join(missing), flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=900", "update", "-qq"], env=env, check=False)
    proc = subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=900", "install", "-y", "-qq", "--no-install-recommends"]
                          + missing, env=env, stdout=subprocess.DEVNULL, check=False)
    if proc.returncode != 0:
        raise BenchError("apt-get install %s failed" % " ".join(missing))


class Finding:
    """One result of a SARIF log: the check, where (absolute path, line) and
    the message; notes as (path, line, text)."""

    __slots__ = ("check", "path", "line", "message", "notes", "fixes", "column")

    def __init__(self, check, path, line, message, notes=(), fixes=0, column=0):
        self.check, self.path, self.line, self.message = check, path, line, message
        self.notes, self.fixes, self.column = list(notes), fixes, column

    def __repr__(self):
        return "%s:%d: %s [%s]" % (self.path, self.line, self.message, self.check)


def _location_path(location, bases):
    physical = location.get("physicalLocation", {})
    artifact = physical.get("artifactLocation", {})
    uri = artifact.get("uri", "")
    base = bases.get(artifact.get("uriBaseId", ""), "")
    if base:
        uri = base.rstrip("/") + "/" + uri
    path = urllib.parse.unquote(urllib.parse.urlparse(uri).path) if uri.startswith("file:") \
        else urllib.parse.unquote(uri)
    return os.path.normpath(path), int(physical.get("region", {}).get("startLine", 0))


def read_sarif(path):
    """The findings of a refcycle-lint SARIF file, with absolute paths."""
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    findings = []
    for run in doc.get("runs", []):
        bases = {key: urllib.parse.unquote(urllib.parse.urlparse(value.get("uri", "")).path)
                 for key, value in run.get("originalUriBaseIds", {}).items()}
        for result in run.get("results", []):
            locations = result.get("locations") or [{}]
            file_path, line = _location_path(locations[0], bases)
            notes = []
            for related in result.get("relatedLocations", []):
                note_path, note_line = _location_path(related, bases)
                notes.append((note_path, note_line, related.get("message", {}).get("text", "")))
            region = locations[0].get("physicalLocation", {}).get("region", {})
            findings.append(Finding(result.get("ruleId", ""), file_path, line,
                                    result.get("message", {}).get("text", ""), notes,
                                    len(result.get("fixes", [])),
                                    int(region.get("startColumn", 0))))
    return findings


def run_lint(tool_args, database_dir, files, sarif_path, root, jobs=1, config_file="",
             whole_program=False, env=None, extra=()):
    """refcycle-lint over files of database_dir's compile_commands.json, the
    findings written to sarif_path. Returns (exit status, combined output)."""
    command = [sys.executable, LINT, "-p", database_dir, "-j", str(jobs),
               "--exit-zero", "--allow-compile-errors", "--quiet", "--root", root,
               "--format", "sarif", "--output", sarif_path] + list(tool_args) + list(extra)
    if config_file:
        command.append("--config-file=" + config_file)
    command.append("--whole-program" if whole_program else "--no-whole-program")
    command += files
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, env=env, check=False)
    return proc.returncode, proc.stdout


def crashes_in(output):
    return sum(output.count(marker) for marker in CRASH_MARKERS)


def which_or_fail(name):
    found = shutil.which(name)
    if not found:
        raise BenchError("%s: not found in PATH" % name)
    return found
