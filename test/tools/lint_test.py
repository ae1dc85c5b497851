#!/usr/bin/env python3
"""Tests of scripts/refcycle-lint, run as a user runs it.

Usage: lint_test.py --lint scripts/refcycle-lint --tidy REFCYCLE_TIDY
           [--clang-tidy CLANG_TIDY --plugin PLUGIN] --schema SARIF_SCHEMA
           --data test/tools/lint --work WORK_DIR [unittest args]

Each test copies the small project in --data to a fresh directory with its own
compile_commands.json and runs refcycle-lint on it. SARIF output is validated
against the SARIF 2.1.0 JSON schema with the jsonschema module (Debian:
python3-jsonschema).
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import unittest

ARGS = None
CYCLE = 'refcycle-shared-ptr-cycle'


def write_database(root, sources):
    """root/build/compile_commands.json compiling the named files of src/."""
    build = root / 'build'
    build.mkdir()
    entries = [{'directory': str(build), 'file': str(root / 'src' / f),
                'arguments': ['clang++', '-std=c++17', '-I' + str(root / 'include'),
                              '-c', str(root / 'src' / f)]} for f in sources]
    (build / 'compile_commands.json').write_text(json.dumps(entries, indent=1))
    return root


def make_project(name, files=('nodes.cpp', 'uses_tree.cpp', 'clean.cpp')):
    root = pathlib.Path(ARGS.work) / name
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ARGS.data, root)
    return write_database(root, files)


def make_files_project(name, files, sources):
    """A project of the given files ({relative path: text}) whose database
    compiles the named sources of src/."""
    root = pathlib.Path(ARGS.work) / name
    shutil.rmtree(root, ignore_errors=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return write_database(root, sources)


def lint(root, *args, tool=None):
    tool = tool or ['--clang-tidy', ARGS.tidy]
    proc = subprocess.run([sys.executable, ARGS.lint, '-p', 'build', *tool, *args],
                          cwd=str(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


class TextOutput(unittest.TestCase):
    def test_findings_fail_the_run_with_clang_style_diagnostics(self):
        root = make_project('text')
        code, out, err = lint(root, '-j', '2')
        self.assertEqual(code, 1, err)
        self.assertIn("src/nodes.cpp:12:25: warning: 'Doc::view' closes a shared_ptr "
                      "ownership cycle: 'View' -> 'Doc' -> 'View'; objects in this cycle "
                      "are never freed [%s]" % CYCLE, out)
        self.assertIn("src/nodes.cpp:8:24: note: 'View::doc' owns 'Doc' here", out)
        self.assertIn('   12 |   std::shared_ptr<View> view;', out)
        # The header cycle is reported once although two files include it.
        self.assertEqual(out.count("include/tree.h:14:25: warning:"), 1, out)
        self.assertIn('refcycle-lint: 2 findings in 3 files', err)

    def test_progress_lines(self):
        root = make_project('progress')
        _, _, err = lint(root, '-j', '1')
        for i, name in enumerate(['nodes.cpp', 'uses_tree.cpp', 'clean.cpp'], 1):
            self.assertIn('[%d/3] src/%s' % (i, name), err)
        _, _, quiet = lint(root, '--quiet')
        self.assertNotIn('[1/3]', quiet)

    def test_parallel_output_is_deterministic(self):
        root = make_project('parallel')
        one = lint(root, '-j', '1')
        many = lint(root, '-j', '3')
        self.assertEqual(one[:2], many[:2])

    def test_exit_zero_and_clean_files(self):
        root = make_project('exitzero')
        self.assertEqual(lint(root, '--exit-zero')[0], 0)
        code, out, err = lint(root, str(root / 'src' / 'clean.cpp'))
        self.assertEqual((code, out), (0, ''), err)
        self.assertIn('0 findings in 1 file', err)

    def test_plugin_mode_finds_the_same(self):
        if not ARGS.plugin:
            self.skipTest('no --plugin given')
        root = make_project('plugin')
        standalone = lint(root)
        plugin = lint(root, tool=['--clang-tidy', ARGS.clang_tidy, '--plugin', ARGS.plugin])
        self.assertEqual(standalone[:2], plugin[:2])


class Sarif(unittest.TestCase):
    def run_sarif(self, root, *extra, output_flag='--output'):
        out_file = root / 'out.sarif'
        code, out, err = lint(root, '--format', 'sarif', output_flag, str(out_file), *extra)
        self.assertEqual(code, 1, err)
        self.assertEqual(out, '')
        return json.loads(out_file.read_text())

    def test_valid_against_the_sarif_2_1_0_schema(self):
        import jsonschema  # pylint: disable=import-outside-toplevel
        schema = json.loads(pathlib.Path(ARGS.schema).read_text())
        root = make_project('sarif-schema')
        doc = self.run_sarif(root)
        jsonschema.validate(doc, schema)
        # -o is --output.
        self.assertEqual(self.run_sarif(root, output_flag='-o'), doc)
        # The validator is not a no-op: a broken document is rejected.
        broken = json.loads(json.dumps(doc))
        broken['runs'][0]['results'][0]['level'] = 'fatal'
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)

    def test_results_rules_notes_and_relative_paths(self):
        root = make_project('sarif-content')
        docs = root / 'docs'
        docs.mkdir()
        (docs / (CYCLE + '.md')).write_text(
            '# %s\n\nFinds classes that own each other through `std::shared_ptr`. '
            'More text.\n\n## Options\n' % CYCLE)
        doc = self.run_sarif(root, '--docs', str(docs))
        run = doc['runs'][0]
        self.assertEqual(doc['version'], '2.1.0')
        rules = run['tool']['driver']['rules']
        self.assertEqual([r['id'] for r in rules], [CYCLE])
        self.assertEqual(rules[0]['shortDescription']['text'],
                         'Finds classes that own each other through std::shared_ptr.')
        self.assertIn('## Options', rules[0]['help']['markdown'])
        results = run['results']
        self.assertEqual(len(results), 2)
        first = results[0]
        loc = first['locations'][0]['physicalLocation']
        self.assertEqual(loc['artifactLocation'], {'uri': 'include/tree.h',
                                                   'uriBaseId': 'SRCROOT'})
        self.assertEqual(loc['region'], {'startLine': 14, 'startColumn': 25})
        self.assertEqual(first['ruleId'], CYCLE)
        related = first['relatedLocations']
        self.assertEqual(related[0]['message']['text'], "'Leaf::tree' owns 'Tree' here")
        self.assertEqual(related[0]['physicalLocation']['region']['startLine'], 10)
        self.assertIn('refcycleFingerprint/v1', first['partialFingerprints'])
        self.assertTrue(run['originalUriBaseIds']['SRCROOT']['uri'].endswith('/'))

    def test_sarif_module_writes_fixes(self):
        sys.path.insert(0, os.path.dirname(os.path.realpath(ARGS.lint)))
        import refcycle_sarif as sarif  # pylint: disable=import-outside-toplevel
        import jsonschema  # pylint: disable=import-outside-toplevel
        f = sarif.Finding(CYCLE, 'm', '/p/a.h', 3, 5, notes=[sarif.Note('/p/b.h', 1, 1, 'n')],
                          fixes=[sarif.Fix('make it weak', [sarif.Replacement(
                              '/p/a.h', 3, 3, 3, 18, 'std::weak_ptr')])])
        doc = sarif.make_sarif([f], {}, 'refcycle-lint', '0', root='/p')
        jsonschema.validate(doc, json.loads(pathlib.Path(ARGS.schema).read_text()))
        change = doc['runs'][0]['results'][0]['fixes'][0]['artifactChanges'][0]
        self.assertEqual(change['artifactLocation']['uri'], 'a.h')
        self.assertEqual(change['replacements'][0]['insertedContent']['text'], 'std::weak_ptr')
        self.assertEqual(change['replacements'][0]['deletedRegion']['endColumn'], 18)


    def test_sarif_command_line_for_other_tools(self):
        import jsonschema  # pylint: disable=import-outside-toplevel
        work = pathlib.Path(ARGS.work) / 'sarif-cli'
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        findings = [{'check': CYCLE, 'message': 'm', 'path': str(work / 'a.h'), 'line': 2,
                     'column': 3, 'notes': [{'path': str(work / 'b.h'), 'line': 1,
                                             'message': 'n'}],
                     'fixes': [{'description': 'd', 'replacements': [
                         {'path': str(work / 'a.h'), 'start_line': 2, 'start_column': 3,
                          'end_line': 2, 'end_column': 5, 'text': 'x'}]}]}]
        module = os.path.join(os.path.dirname(ARGS.lint), 'refcycle_sarif.py')
        cmd = [sys.executable, module, '--tool', 'refcycle-graph', '--version', '1',
               '--root', str(work), '--output', str(work / 'out.sarif')]
        proc = subprocess.run(cmd, input=json.dumps(findings).encode(), check=False)
        self.assertEqual(proc.returncode, 0)
        doc = json.loads((work / 'out.sarif').read_text())
        jsonschema.validate(doc, json.loads(pathlib.Path(ARGS.schema).read_text()))
        self.assertEqual(doc['runs'][0]['tool']['driver']['name'], 'refcycle-graph')
        self.assertEqual(doc['runs'][0]['results'][0]['relatedLocations'][0]
                         ['physicalLocation']['artifactLocation']['uri'], 'b.h')
        proc = subprocess.run(cmd, input=b'[{"check": 1}]', stderr=subprocess.PIPE,
                              check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b'malformed findings', proc.stderr)
        self.assertNotIn(b'Traceback', proc.stderr)


class Baseline(unittest.TestCase):
    def test_only_new_findings_fail(self):
        root = make_project('baseline')
        base = root / 'baseline.json'
        code, _, err = lint(root, '--write-baseline', str(base))
        self.assertEqual(code, 0, err)
        recorded = json.loads(base.read_text())
        self.assertEqual(len(recorded['findings']), 2)
        self.assertEqual(lint(root, '--baseline', str(base))[0], 0)

        # Unrelated edits above the findings shift their lines: still known.
        for name in ('src/nodes.cpp', 'include/tree.h'):
            path = root / name
            path.write_text('// a new comment\n\n' + path.read_text())
        code, out, err = lint(root, '--baseline', str(base))
        self.assertEqual((code, out), (0, ''), err)
        self.assertIn('0 findings in 3 files (2 more in the baseline)', err)

        # A new cycle fails, and only it is reported.
        path = root / 'src' / 'clean.cpp'
        path.write_text(path.read_text().replace('std::weak_ptr<Owner> owner',
                                                 'std::shared_ptr<Owner> owner'))
        code, out, err = lint(root, '--baseline', str(base))
        self.assertEqual(code, 1, err)
        self.assertIn("src/clean.cpp:6:26: warning: 'Owned::owner' closes", out)
        self.assertNotIn('nodes.cpp', out)

    def test_corrupt_baseline(self):
        root = make_project('baseline-corrupt')
        for content in ('{not json', '{"format": "other", "findings": []}', '[1, 2]'):
            base = root / 'bad.json'
            base.write_text(content)
            code, _, err = lint(root, '--baseline', str(base))
            self.assertEqual(code, 2, err)
            self.assertIn(str(base), err)
            self.assertIn('corrupt baseline', err)
            self.assertNotIn('Traceback', err)
        code, _, err = lint(root, '--baseline', str(root / 'missing.json'))
        self.assertEqual(code, 2)
        self.assertIn('missing.json: baseline not found', err)


class BadInput(unittest.TestCase):
    def test_missing_compile_commands(self):
        root = make_project('no-db')
        (root / 'build' / 'compile_commands.json').unlink()
        code, _, err = lint(root)
        self.assertEqual(code, 2)
        self.assertIn('build/compile_commands.json: no such file', err)
        self.assertNotIn('Traceback', err)

    def test_malformed_compile_commands(self):
        root = make_project('bad-db')
        db = root / 'build' / 'compile_commands.json'
        for content, message in (('[{"file": ', 'not valid JSON'),
                                 ('{"a": 1}', 'expected a JSON list'),
                                 ('[{"file": "x.cpp"}]', 'entry 0 lacks')):
            db.write_text(content)
            code, _, err = lint(root)
            self.assertEqual(code, 2, err)
            self.assertIn('build/compile_commands.json: ' + message, err)
            self.assertNotIn('Traceback', err)

    def test_file_that_does_not_compile(self):
        root = make_project('broken', files=('broken.cpp', 'nodes.cpp'))
        code, out, err = lint(root)
        self.assertEqual(code, 2, err)
        self.assertIn('src/broken.cpp does not compile (1 error)', err)
        self.assertIn("use of undeclared identifier 'undeclared_name'", err)
        self.assertIn("'Doc::view' closes", out)  # the other files are still checked
        self.assertNotIn('Traceback', err)
        code, _, _ = lint(root, '--allow-compile-errors')
        self.assertEqual(code, 1)

    def test_argument_the_driver_cannot_use(self):
        # A compile command with an argument the driver takes for a file
        # (a tab-indented flag, as some generators write): the file does not
        # compile, the others are still checked, and no tool failure.
        root = make_project('driver', files=('nodes.cpp', 'clean.cpp'))
        db = root / 'build' / 'compile_commands.json'
        entries = json.loads(db.read_text())
        entries[1]['arguments'].insert(1, '\t\t-Wall')
        db.write_text(json.dumps(entries))
        code, out, err = lint(root)
        self.assertEqual(code, 2, err)
        self.assertIn('src/clean.cpp does not compile (1 error of the compiler '
                      'driver); it was not checked', err)
        self.assertIn("error: no such file or directory: '\t\t-Wall'", err)
        self.assertNotIn('exited with', err)
        self.assertIn("'Doc::view' closes", out)
        code, _, err = lint(root, '--allow-compile-errors')
        self.assertEqual(code, 1, err)

    def test_failed_run_leaves_outputs_untouched(self):
        root = make_project('atomic')
        out_file = root / 'out.sarif'
        out_file.write_text('previous')
        (root / 'bad.json').write_text('{')
        code, _, _ = lint(root, '--format', 'sarif', '-o', str(out_file),
                          '--baseline', str(root / 'bad.json'))
        self.assertEqual(code, 2)
        self.assertEqual(out_file.read_text(), 'previous')
        code, _, err = lint(root, '--format', 'sarif', '--output',
                            str(root / 'no' / 'such' / 'dir' / 'out.sarif'))
        self.assertEqual(code, 2)
        self.assertIn('No such file or directory', err)
        self.assertNotIn('Traceback', err)
        leftovers = [p.name for p in root.iterdir() if p.name.startswith('.out.sarif')]
        self.assertEqual(leftovers, [])

    def test_unknown_tool(self):
        root = make_project('no-tool')
        code, _, err = lint(root, tool=['--clang-tidy', str(root / 'nope')])
        self.assertEqual(code, 2)
        self.assertIn('nope: not found or not executable', err)


class WholeProgram(unittest.TestCase):
    """--whole-program: cycles judged over all files together."""

    FILES = {
        # A cycle whose teardown (jobs.clear()) only worker.cpp sees, and
        # that use.cpp runs from outside the cycle (done()).
        'include/job.h': '#include <memory>\n#include <vector>\nstruct Job;\n'
                         'struct Worker {\n  std::vector<std::shared_ptr<Job>> jobs;\n'
                         '  void finish();\n};\nstruct Job {\n'
                         '  std::shared_ptr<Worker> worker;\n};\n',
        'src/worker.cpp': '#include "job.h"\nvoid Worker::finish() { jobs.clear(); }\n',
        'src/use.cpp': '#include "job.h"\n'
                       'void use(Worker &w) { w.jobs.push_back(std::make_shared<Job>()); }\n'
                       'void done(Worker &w) { w.finish(); }\n',
        # A cycle no single file sees: no file includes both headers.
        'include/a.h': '#include <memory>\nstruct B;\nstruct A {\n'
                       '  std::shared_ptr<B> b;\n};\n',
        'include/b.h': '#include <memory>\nstruct A;\nstruct B {\n'
                       '  std::shared_ptr<A> a;\n};\n',
        'src/a.cpp': '#include "a.h"\nA makeA() { return {}; }\n',
        'src/b.cpp': '#include "b.h"\nB makeB() { return {}; }\n',
    }

    def make(self, name):
        return make_files_project(name, self.FILES, ('worker.cpp', 'use.cpp', 'a.cpp', 'b.cpp'))

    def test_per_file_reports_the_torn_down_cycle_only(self):
        root = self.make('per-file')
        code, out, err = lint(root, '--quiet', '--no-whole-program')
        self.assertEqual(code, 1, err)
        self.assertIn("include/job.h:9:27: warning: 'Job::worker' closes a shared_ptr "
                      "ownership cycle", out)
        self.assertNotIn("'B::a'", out)
        self.assertEqual(err.strip(), 'refcycle-lint: 1 finding in 4 files')
        # Named files are judged file by file unless asked otherwise: the
        # releases in the other files are not seen.
        code, named, err = lint(root, '--quiet', str(root / 'src' / 'use.cpp'),
                                str(root / 'src' / 'a.cpp'))
        self.assertEqual(code, 1, err)
        self.assertIn("'Job::worker' closes a shared_ptr ownership cycle", named)
        self.assertEqual(err.strip(), 'refcycle-lint: 1 finding in 2 files')

    def test_whole_program_is_the_default_for_the_whole_database(self):
        root = self.make('default')
        code, out, err = lint(root, '--quiet')
        self.assertEqual(code, 1, err)
        self.assertNotIn("'Job::worker'", out)
        self.assertIn("include/b.h:4:22: warning: 'B::a' closes a shared_ptr ownership "
                      "cycle", out)
        self.assertIn('whole program: 1 cycle torn down in another file not reported, '
                      '1 seen only across files', err)

    def test_default_without_graph_tool_falls_back_to_per_file(self):
        root = self.make('default-nograph')
        # A copy of the tool alone in a directory: no refcycle-graph next to
        # it, none next to the script (a copy of it too), none in PATH.
        alone = root / 'alone'
        alone.mkdir()
        shutil.copy(ARGS.tidy, alone / 'refcycle-tidy')
        shutil.copy(ARGS.lint, alone / 'refcycle-lint')
        shutil.copy(pathlib.Path(ARGS.lint).parent / 'refcycle_sarif.py', alone)
        shutil.copy(pathlib.Path(ARGS.lint).parent / 'refcycle_facts.py', alone)
        env = dict(os.environ, PATH='/usr/bin:/bin')
        proc = subprocess.run([sys.executable, str(alone / 'refcycle-lint'), '-p',
                               str(root / 'build'), '--root', str(root), '--quiet'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, env=env, check=False)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("'Job::worker' closes a shared_ptr ownership cycle", proc.stdout)
        self.assertIn('refcycle-lint: warning: no refcycle-graph found', proc.stderr)
        self.assertIn('cycles are judged file by file (--no-whole-program silences '
                      'this)', proc.stderr)

    def test_whole_program_judges_cycles_across_files(self):
        root = self.make('whole')
        code, out, err = lint(root, '--quiet', '--whole-program')
        self.assertEqual(code, 1, err)
        self.assertNotIn("'Job::worker'", out)
        self.assertIn("include/b.h:4:22: warning: 'B::a' closes a shared_ptr ownership "
                      "cycle: 'A' -> 'B' -> 'A'; objects in this cycle are never freed "
                      "[%s]" % CYCLE, out)
        self.assertIn("include/a.h:4:22: note: 'A::b' owns 'B' here", out)
        self.assertIn('refcycle-lint: 1 finding in 4 files; whole program: 1 cycle torn '
                      'down in another file not reported, 1 seen only across files', err)
        # The same in SARIF, and through the plugin.
        sarif_file = root / 'out.sarif'
        code, _, err = lint(root, '--quiet', '--whole-program', '--format', 'sarif',
                            '--output', str(sarif_file))
        self.assertEqual(code, 1, err)
        results = json.loads(sarif_file.read_text())['runs'][0]['results']
        self.assertEqual([r['ruleId'] for r in results], [CYCLE])
        self.assertEqual(results[0]['locations'][0]['physicalLocation']['artifactLocation']
                         ['uri'], 'include/b.h')
        if ARGS.plugin:
            plugin = lint(root, '--quiet', '--whole-program',
                          '--refcycle-graph', str(pathlib.Path(ARGS.tidy).parent / 'refcycle-graph'),
                          tool=['--clang-tidy', ARGS.clang_tidy, '--plugin', ARGS.plugin])
            self.assertEqual(plugin[:2], (code, out))

    def test_missing_graph_tool(self):
        root = self.make('nograph')
        code, _, err = lint(root, '--quiet', '--whole-program',
                            '--refcycle-graph', str(root / 'no-such-tool'))
        self.assertEqual(code, 2)
        self.assertIn('no-such-tool: not found or not executable', err)


class ProgramLifetime(unittest.TestCase):
    """--whole-program: a callback bound to an object that another file
    shows to live as long as the program is not reported."""

    FILES = {
        'include/window.h': '#include <functional>\n#include <vector>\n'
                            'struct Bus {\n  std::vector<std::function<void()>> handlers;\n'
                            '  void subscribe(std::function<void()> h) '
                            '{ handlers.push_back(std::move(h)); }\n};\n'
                            'extern Bus bus;\n'
                            'class Window {\npublic:\n  void start();\n  void redraw() {}\n};\n'
                            'class Dialog {\npublic:\n  void open();\n  void close() {}\n};\n'
                            'extern Window *g_window;\nextern Dialog *g_dialog;\n',
        'src/window.cpp': '#include "window.h"\n'
                          'void Window::start() { bus.subscribe([this] { redraw(); }); }\n'
                          'void Dialog::open() { bus.subscribe([this] { close(); }); }\n'
                          'void dismiss() { delete g_dialog; g_dialog = nullptr; }\n',
        # main gives both global pointers a new object; only the window is
        # never deleted (another file deletes the dialog).
        'src/main.cpp': '#include "window.h"\nBus bus;\n'
                        'Window *g_window;\nDialog *g_dialog;\n'
                        'int main() {\n  g_window = new Window;\n  g_window->start();\n'
                        '  g_dialog = new Dialog;\n  g_dialog->open();\n}\n',
        # A callback holding its own session, which session.cpp empties once
        # it has run: not for the sessions that never get there, so the
        # whole program reports it too.
        'include/session.h': '#include <functional>\n#include <memory>\n'
                             'class Session {\npublic:\n'
                             '  void setOnReady(std::function<void()> f) '
                             '{ on_ready_ = std::move(f); }\n'
                             '  void ready();\n  void close() {}\n\nprivate:\n'
                             '  std::function<void()> on_ready_;\n};\n',
        'src/session.cpp': '#include "session.h"\n'
                           'void Session::ready() { on_ready_(); on_ready_ = nullptr; }\n',
        'src/connect.cpp': '#include "session.h"\n'
                           'void connect(std::shared_ptr<Session> s) '
                           '{ s->setOnReady([s] { s->close(); }); }\n',
    }

    def make(self, name):
        return make_files_project(name, self.FILES,
                                  ('window.cpp', 'main.cpp', 'session.cpp', 'connect.cpp'))

    WINDOW = ("src/window.cpp:2:38: warning: lambda captures 'this' and is stored in "
              "'Bus::handlers', which may outlive this 'Window'; bind through a weak "
              "reference [refcycle-dangling-capture]")
    DIALOG = ("src/window.cpp:3:37: warning: lambda captures 'this' and is stored in "
              "'Bus::handlers', which may outlive this 'Dialog'; bind through a weak "
              "reference [refcycle-dangling-capture]")

    SESSION = ("src/connect.cpp:2:58: warning: callback stored in 'Session::on_ready_' "
               "holds 's', a strong reference to the 'Session' that stores it; the "
               "'Session' keeps itself alive and is never freed [refcycle-dangling-capture]")

    def test_per_file_reports_all(self):
        root = self.make('lifetime-per-file')
        code, out, err = lint(root, '--quiet', '--no-whole-program')
        self.assertEqual(code, 1, err)
        self.assertIn(self.WINDOW, out)
        self.assertIn(self.DIALOG, out)
        self.assertIn(self.SESSION, out)
        self.assertEqual(err.strip(), 'refcycle-lint: 3 findings in 4 files')

    def test_whole_program_drops_the_long_lived_object(self):
        root = self.make('lifetime-whole')
        code, out, err = lint(root, '--quiet')
        self.assertEqual(code, 1, err)
        self.assertNotIn("'Window'", out)
        self.assertIn(self.DIALOG, out)
        self.assertIn(self.SESSION, out)
        self.assertEqual(err.strip(), 'refcycle-lint: 2 findings in 4 files; whole program: '
                         '1 callback bound to an object that lives as long as the '
                         'program not reported')

    def test_old_lifetimes_file_is_refused(self):
        sys.path.insert(0, str(pathlib.Path(ARGS.lint).parent))
        import refcycle_facts  # pylint: disable=import-outside-toplevel
        facts = pathlib.Path(ARGS.work) / 'lifetime-old-facts'
        shutil.rmtree(facts, ignore_errors=True)
        # No facts directory (no file wrote facts): nothing to drop.
        self.assertEqual(refcycle_facts.whole_program_drops(str(facts)), {})
        facts.mkdir(parents=True)
        (facts / 'a.cpp-1.lifetimes').write_text('refcycle-lifetimes\t0\ntu\ta.cpp\n')
        with self.assertRaisesRegex(refcycle_facts.FactsError, 'lifetimes format version 0'):
            refcycle_facts.whole_program_drops(str(facts))
        # W lives for the program; P only while no file releases c:@g (one
        # does); Q's pointer c:@h is released by none.
        (facts / 'a.cpp-1.lifetimes').write_text(
            'refcycle-lifetimes\t2\ntu\ta.cpp\nlifetime\tc:@S@W\tW\tw\t-\n'
            'lifetime\tc:@S@P\tP\tg\tc:@g\nlifetime\tc:@S@Q\tQ\th\tc:@h\n'
            'bound\tc:@S@W\t/x/a\\tb.cpp\t3\t7\nbound\tc:@S@D\t/x/d.cpp\t4\t1\n'
            'bound\tc:@S@P\t/x/p.cpp\t5\t2\nbound\tc:@S@Q\t/x/q.cpp\t6\t2\n')
        (facts / 'b.cpp-2.lifetimes').write_text(
            'refcycle-lifetimes\t2\ntu\tb.cpp\nreleased\tc:@g\n'
            # E owns its P part for life; its L part's member is reset in a
            # file.
            'owns\tc:@S@E\tc:@S@P\tc:@S@E@FI@p\tE\nowns\tc:@S@E\tc:@S@L\tc:@S@E@FI@l\tE\n'
            'reset\tc:@S@E@FI@l\npart\tc:@S@E\tc:@S@P\t/x/p.cpp\t8\t3\n'
            'part\tc:@S@E\tc:@S@L\t/x/l.cpp\t9\t3\n')
        self.assertEqual(refcycle_facts.whole_program_drops(str(facts)),
                         {(os.path.realpath('/x/a\tb.cpp'), 3, 7): 'W',
                          (os.path.realpath('/x/q.cpp'), 6, 2): 'Q',
                          (os.path.realpath('/x/p.cpp'), 8, 3): 'E'})


class OwnedPart(unittest.TestCase):
    """--whole-program: a part that registers a callback in a table of the
    object that made it is not reported when another file shows that the
    owner keeps it for life; it is when some file replaces the part."""

    FILES = {
        'include/editor.h': '#include <functional>\n#include <vector>\n'
                            'struct KeyTable {\n  std::vector<std::function<void()>> handlers;\n'
                            '  void bind(std::function<void()> h) '
                            '{ handlers.push_back(std::move(h)); }\n};\n'
                            'class Editor;\n'
                            'class Panel {\npublic:\n  explicit Panel(Editor *e);\n'
                            '  void next() {}\n};\n'
                            'class Lens {\npublic:\n  explicit Lens(Editor *e);\n'
                            '  void zoom() {}\n};\n'
                            'class Editor {\npublic:\n  Editor();\n  void swapLens();\n'
                            '  KeyTable keys;\n  Panel *panel_;\n  Lens *lens_;\n};\n',
        'src/parts.cpp': '#include "editor.h"\n'
                         'Panel::Panel(Editor *e) { e->keys.bind([this] { next(); }); }\n'
                         'Lens::Lens(Editor *e) { e->keys.bind([this] { zoom(); }); }\n',
        'src/editor.cpp': '#include "editor.h"\n'
                          'Editor::Editor() : panel_(new Panel(this)), lens_(new Lens(this)) {}\n',
        'src/swap.cpp': '#include "editor.h"\n'
                        'void Editor::swapLens() { lens_ = new Lens(this); }\n',
    }

    PANEL = ("src/parts.cpp:2:40: warning: lambda captures 'this' and is stored in "
             "'KeyTable::handlers', which may outlive this 'Panel'; bind through a weak "
             "reference [refcycle-dangling-capture]")
    LENS = ("src/parts.cpp:3:38: warning: lambda captures 'this' and is stored in "
            "'KeyTable::handlers', which may outlive this 'Lens'; bind through a weak "
            "reference [refcycle-dangling-capture]")

    def make(self, name):
        return make_files_project(name, self.FILES, ('parts.cpp', 'editor.cpp', 'swap.cpp'))

    def test_per_file_reports_both(self):
        root = self.make('owned-part-per-file')
        code, out, err = lint(root, '--quiet', '--no-whole-program')
        self.assertEqual(code, 1, err)
        self.assertIn(self.PANEL, out)
        self.assertIn(self.LENS, out)

    def test_whole_program_drops_the_part_kept_for_life(self):
        root = self.make('owned-part-whole')
        code, out, err = lint(root, '--quiet')
        self.assertEqual(code, 1, err)
        self.assertNotIn("'Panel'", out)
        self.assertIn(self.LENS, out)
        self.assertEqual(err.strip(), 'refcycle-lint: 1 finding in 3 files; whole program: '
                         '1 callback of a part in storage of the owner that keeps it '
                         'for life not reported')


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    for name in ('--lint', '--tidy', '--schema', '--data', '--work'):
        parser.add_argument(name, required=True)
    parser.add_argument('--clang-tidy')
    parser.add_argument('--plugin')
    ARGS, rest = parser.parse_known_args()
    for name in ('lint', 'tidy', 'schema', 'data', 'work', 'plugin'):
        if getattr(ARGS, name):
            setattr(ARGS, name, os.path.abspath(getattr(ARGS, name)))
    pathlib.Path(ARGS.work).mkdir(parents=True, exist_ok=True)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == '__main__':
    main()
