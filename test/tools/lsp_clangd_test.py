#!/usr/bin/env python3
"""Drives refcycle-clangd over stdio the way an editor does.

Usage: lsp_clangd_test.py CLANGD REFCYCLE_TIDY SOURCE_DIR WORK_DIR

For every SOURCE_DIR/*.cpp (files in the shapes of the real-bug benchmark's
hits, written here: a shared_ptr cycle, a queued handler that needs to keep
its object alive, a callback that holds its own socket, a table entry an
early return keeps), whose first line says `// LSP: CHECK 'NAME' LINE`:
copies it into WORK_DIR/<name>/ with a compile_commands.json and a .clangd
that enables refcycle-*, then: initialize, didOpen, waits for
publishDiagnostics, checks that a CHECK diagnostic naming NAME is on LINE,
asks for code actions on it and applies the first quick fix's
WorkspaceEdit. The expected text is what `refcycle-tidy --fix-notes` makes
of the same file (clangd offers the fix-its of notes as quick fixes of the
warning); when the check offers no fix-it, clangd must offer no quick fix
either. Exits non-zero with a message on any failure.
"""

import json
import os
import pathlib
import queue
import shutil
import subprocess
import sys
import threading
import time

TIMEOUT = 120


class LspClient:
    def __init__(self, argv, cwd):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.next_id = 0
        self.messages = queue.Queue()
        self.stderr_lines = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode('ascii').strip()
                if not line:
                    break
                key, _, value = line.partition(':')
                headers[key.strip().lower()] = value.strip()
            body = out.read(int(headers['content-length']))
            self.messages.put(json.loads(body))

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode('utf-8', 'replace'))

    def send(self, payload):
        data = json.dumps(payload).encode('utf-8')
        self.proc.stdin.write(b'Content-Length: %d\r\n\r\n' % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({'jsonrpc': '2.0', 'method': method, 'params': params})

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({'jsonrpc': '2.0', 'id': rid, 'method': method,
                   'params': params})
        msg = self.wait_for(lambda m: m.get('id') == rid and 'method' not in m,
                            'response to ' + method)
        if 'error' in msg:
            fail('%s failed: %s' % (method, msg['error']))
        return msg['result']

    def wait_for(self, predicate, what):
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                fail('timed out waiting for ' + what)
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                fail('timed out waiting for ' + what)
            if msg is None:
                fail('clangd exited while waiting for %s' % what)
            if 'method' in msg and 'id' in msg:
                # A server->client request (e.g. window/workDoneProgress/create).
                self.send({'jsonrpc': '2.0', 'id': msg['id'], 'result': None})
                continue
            if predicate(msg):
                return msg

    def shutdown(self):
        try:
            self.request('shutdown', None)
            self.notify('exit', None)
            self.proc.wait(timeout=10)
        except Exception:  # pylint: disable=broad-except
            self.proc.kill()


CLIENT = None


def fail(message):
    print('FAIL: ' + message, file=sys.stderr)
    if CLIENT is not None:
        sys.stderr.write(''.join(CLIENT.stderr_lines[-30:]))
        CLIENT.proc.kill()
    sys.exit(1)


def offset_of(text, position):
    lines = text.splitlines(keepends=True)
    return sum(len(l) for l in lines[:position['line']]) + position['character']


def apply_edits(text, edits):
    # Apply from the end so earlier offsets stay valid.
    for edit in sorted(edits, key=lambda e: offset_of(text, e['range']['start']),
                       reverse=True):
        start = offset_of(text, edit['range']['start'])
        end = offset_of(text, edit['range']['end'])
        text = text[:start] + edit['newText'] + text[end:]
    return text


def edits_for(workspace_edit, uri):
    edits = []
    for change in workspace_edit.get('documentChanges') or []:
        if change.get('textDocument', {}).get('uri') == uri:
            edits.extend(change['edits'])
    edits.extend((workspace_edit.get('changes') or {}).get(uri, []))
    return edits


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

    CLIENT = LspClient([clangd, '--log=error', '--clang-tidy',
                        '--background-index=false',
                        '--compile-commands-dir=' + str(work)], cwd=str(work))
    CLIENT.request('initialize', {
        'processId': os.getpid(), 'rootUri': work.resolve().as_uri(),
        'capabilities': {'textDocument': {
            'publishDiagnostics': {'relatedInformation': True},
            'codeAction': {'codeActionLiteralSupport': {
                'codeActionKind': {'valueSet': ['quickfix']}}}}}})
    CLIENT.notify('initialized', {})
    CLIENT.notify('textDocument/didOpen', {'textDocument': {
        'uri': uri, 'languageId': 'cpp', 'version': 1, 'text': text}})
    published = CLIENT.wait_for(
        lambda m: m.get('method') == 'textDocument/publishDiagnostics'
        and m['params']['uri'] == uri, 'publishDiagnostics')
    diags = published['params']['diagnostics']
    ours = [d for d in diags if d.get('code') == check]
    if not ours:
        fail('%s: no %s diagnostic; got: %s' % (source.name, check, json.dumps(diags)))
    diag = ours[0]
    if name not in diag['message']:
        fail('%s: unexpected message: %s' % (source.name, diag['message']))
    if diag['range']['start']['line'] != line - 1:
        fail('%s: diagnostic on line %d, expected line %d' %
             (source.name, diag['range']['start']['line'] + 1, line))

    actions = CLIENT.request('textDocument/codeAction', {
        'textDocument': {'uri': uri}, 'range': diag['range'],
        'context': {'diagnostics': [diag], 'only': ['quickfix']}})
    fixes = [a for a in actions or [] if isinstance(a, dict) and a.get('edit')]
    if expected == text:
        CLIENT.shutdown()
        if fixes:
            fail('%s: refcycle-tidy --fix-notes changes nothing, but clangd offers '
                 '%s' % (source.name, json.dumps(fixes)))
        return ('ok: %s: %s (the check offers no fix-it here; neither does clangd)'
                % (source.name, diag['message']))
    if not fixes:
        fail('%s: no quick fix offered; code actions: %s' % (source.name,
                                                            json.dumps(actions)))
    fixed = apply_edits(text, edits_for(fixes[0]['edit'], uri))
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
