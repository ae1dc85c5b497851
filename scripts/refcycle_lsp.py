"""A minimal Language Server Protocol client over stdio (python3 standard
library only), for driving refcycle-clangd the way an editor does.

Shared by the LSP test (test/tools/lsp_clangd_test.py) and the editor step of
the real-bug benchmark (bench/bugs/editor.py). Import it with the scripts
directory on sys.path:

    import refcycle_lsp as lsp

    client = lsp.LspClient([clangd, '--clang-tidy', ...], cwd=project)
    client.request('initialize', {...})
    ...
    text = lsp.apply_edits(text, lsp.edits_for(action['edit'], uri))

Every failure (a timeout, an error response, the server exiting) raises
LspError; the caller decides whether that fails a test or is counted.
"""

import json
import queue
import re
import subprocess
import threading
import time


class LspError(Exception):
    pass


class LspClient:
    def __init__(self, argv, cwd, env=None, timeout=120):
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.timeout = timeout
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
            raise LspError('%s failed: %s' % (method, msg['error']))
        return msg['result']

    def wait_for(self, predicate, what):
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError('timed out waiting for ' + what)
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                raise LspError('timed out waiting for ' + what) from None
            if msg is None:
                raise LspError('clangd exited while waiting for %s' % what)
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


def initialize(client, root_uri):
    """The initialize handshake of a client that takes quick fixes and
    related information."""
    # Positions count code points (utf-32), as Python's str indexes do:
    # the LSP default, UTF-16 units, differs on non-ASCII text.
    client.request('initialize', {
        'processId': None, 'rootUri': root_uri,
        'capabilities': {
            'general': {'positionEncodings': ['utf-32']},
            'offsetEncoding': ['utf-32'],
            'textDocument': {
                'publishDiagnostics': {'relatedInformation': True},
                'codeAction': {'codeActionLiteralSupport': {
                    'codeActionKind': {'valueSet': ['quickfix']}}}}}})
    client.notify('initialized', {})


def open_and_diagnose(client, uri, text):
    """didOpen, then the diagnostics clangd publishes for the file."""
    client.notify('textDocument/didOpen', {'textDocument': {
        'uri': uri, 'languageId': 'cpp', 'version': 1, 'text': text}})
    published = client.wait_for(
        lambda m: m.get('method') == 'textDocument/publishDiagnostics'
        and m['params']['uri'] == uri, 'publishDiagnostics')
    return published['params']['diagnostics']


def quick_fixes(client, uri, diag):
    """The code actions with an edit that clangd offers for diag."""
    actions = client.request('textDocument/codeAction', {
        'textDocument': {'uri': uri}, 'range': diag['range'],
        'context': {'diagnostics': [diag], 'only': ['quickfix']}})
    return [a for a in actions or [] if isinstance(a, dict) and a.get('edit')]


_LINE = re.compile(r'[^\r\n]*(?:\r\n|\r|\n|$)')


def offset_of(text, position):
    """The index in text of an LSP position: lines end at \r\n, \r or \n
    only (str.splitlines also splits at form feeds and other separators)."""
    offset = 0
    for number, match in enumerate(_LINE.finditer(text)):
        if number == position['line']:
            return offset + position['character']
        offset = match.end()
        if offset >= len(text):
            break
    return offset + position['character']


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


def edited_uris(workspace_edit):
    uris = {change.get('textDocument', {}).get('uri')
            for change in workspace_edit.get('documentChanges') or []}
    uris.update((workspace_edit.get('changes') or {}).keys())
    return {u for u in uris if u}
