"""SARIF 2.1.0 output for refcycle's tools (python3 standard library only).

Shared by scripts/refcycle-lint and by any other refcycle tool that reports
findings (refcycle-graph --format sarif). Import it with the scripts directory
(or, installed, the directory of the refcycle-lint executable) on sys.path:

    import refcycle_sarif as sarif

    finding = sarif.Finding(
        check='refcycle-shared-ptr-cycle',
        message="'Child::parent' closes a shared_ptr ownership cycle: ...",
        path='/abs/or/relative/src/child.h', line=12, column=27,
        level='warning',                       # 'error' | 'warning' | 'note'
        notes=[sarif.Note('/abs/src/parent.h', 6, 26, "'Parent::child' owns 'Child' here")],
        fixes=[sarif.Fix('make it weak', [sarif.Replacement(
            '/abs/src/child.h', start_line=12, start_column=3,
            end_line=12, end_column=18, text='std::weak_ptr')])],
        fingerprint='optional stable id, e.g. from refcycle-lint baselines')
    rules = sarif.load_rules('docs/checks')  # {check: Rule}, help from the .md pages
    doc = sarif.make_sarif([finding], rules, tool_name='refcycle-lint',
                           tool_version='0.1.0', root='/abs/project/root')
    sarif.write_json_atomic('out.sarif', doc)

API
  Finding, Note, Fix, Replacement, Rule   plain data classes (see fields below)
  load_rules(docs_dir) -> dict[str, Rule] one rule per docs/checks/<check>.md;
                                          a missing directory gives {}
  make_sarif(findings, rules, tool_name, tool_version, root=None,
             information_uri=None) -> dict
      The SARIF log as a JSON-ready dict: one run, the rules of every check
      that has a finding (checks without a docs page get a short rule),
      results with the primary location, the notes as relatedLocations, fixes
      as artifactChanges, and partialFingerprints when a fingerprint is set.
      Paths under `root` are written relative to it with uriBaseId SRCROOT
      (what GitHub code scanning expects); other paths become file:// URIs.
      Lines and columns are 1-based; columns count characters.
  write_json_atomic(path, obj)            writes JSON through a temporary file
                                          in the same directory + os.replace
  write_text_atomic(path, text)           the same for text

Command line (for tools not written in Python): reads findings as JSON from
stdin and writes SARIF:

    python3 refcycle_sarif.py --tool NAME --version V [--root DIR]
        [--docs DIR] --output FILE  < findings.json

where findings.json is a list of objects with the Finding fields (notes: list
of {path, line, column, message}; fixes: list of {description, replacements:
[{path, start_line, start_column, end_line, end_column, text}]}).
"""

import argparse
import dataclasses
import json
import os
import pathlib
import re
import sys
import tempfile
import urllib.parse
from typing import Dict, List, Optional

SARIF_VERSION = '2.1.0'
SARIF_SCHEMA = ('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/'
                'schemas/sarif-schema-2.1.0.json')
SRCROOT = 'SRCROOT'


@dataclasses.dataclass
class Note:
    path: str
    line: int
    column: int
    message: str


@dataclasses.dataclass
class Replacement:
    path: str
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    text: str


@dataclasses.dataclass
class Fix:
    description: str
    replacements: List[Replacement]


@dataclasses.dataclass
class Finding:
    check: str
    message: str
    path: str
    line: int
    column: int
    level: str = 'warning'
    notes: List[Note] = dataclasses.field(default_factory=list)
    fixes: List[Fix] = dataclasses.field(default_factory=list)
    fingerprint: Optional[str] = None


@dataclasses.dataclass
class Rule:
    id: str
    short_description: str
    help_markdown: str = ''
    help_uri: Optional[str] = None


def _first_sentence(markdown):
    """The first prose paragraph's first sentence, without markdown marks."""
    for para in re.split(r'\n\s*\n', markdown):
        para = para.strip()
        if not para or para.startswith(('#', '```', '|', '-', '*', '>')):
            continue
        text = ' '.join(para.split())
        text = re.sub(r'`([^`]*)`', r'\1', text)
        text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)
        match = re.match(r'(.+?[.!?])(\s|$)', text)
        return match.group(1) if match else text
    return ''


def load_rules(docs_dir) -> Dict[str, Rule]:
    """One Rule per docs/checks/<check>.md page; {} when the dir is missing."""
    rules = {}
    directory = pathlib.Path(docs_dir)
    if not directory.is_dir():
        return rules
    for page in sorted(directory.glob('*.md')):
        text = page.read_text(encoding='utf-8', errors='replace')
        rules[page.stem] = Rule(id=page.stem,
                                short_description=_first_sentence(text) or page.stem,
                                help_markdown=text)
    return rules


def _rule_json(rule: Rule):
    out = {
        'id': rule.id,
        'name': ''.join(p.capitalize() for p in re.split(r'[-.]', rule.id) if p),
        'shortDescription': {'text': rule.short_description},
        'defaultConfiguration': {'level': 'warning'},
    }
    if rule.help_markdown:
        out['fullDescription'] = {'text': rule.short_description}
        out['help'] = {'text': rule.help_markdown, 'markdown': rule.help_markdown}
    if rule.help_uri:
        out['helpUri'] = rule.help_uri
    return out


def _artifact(path, root):
    """artifactLocation for path: relative to root under SRCROOT when inside it."""
    absolute = os.path.abspath(path)
    if root:
        rel = os.path.relpath(absolute, root)
        if not rel.startswith(os.pardir + os.sep) and rel != os.pardir:
            return {'uri': urllib.parse.quote(rel.replace(os.sep, '/')),
                    'uriBaseId': SRCROOT}
    return {'uri': pathlib.Path(absolute).as_uri()}


def _location(path, line, column, root, message=None):
    loc = {'physicalLocation': {
        'artifactLocation': _artifact(path, root),
        'region': {'startLine': max(1, int(line)),
                   'startColumn': max(1, int(column))}}}
    if message is not None:
        loc['message'] = {'text': message}
    return loc


def _fix_json(fix: Fix, root):
    by_file = {}
    for rep in fix.replacements:
        by_file.setdefault(rep.path, []).append({
            'deletedRegion': {'startLine': max(1, rep.start_line),
                              'startColumn': max(1, rep.start_column),
                              'endLine': max(1, rep.end_line),
                              'endColumn': max(1, rep.end_column)},
            'insertedContent': {'text': rep.text}})
    return {'description': {'text': fix.description},
            'artifactChanges': [{'artifactLocation': _artifact(p, root),
                                 'replacements': reps}
                                for p, reps in by_file.items()]}


def make_sarif(findings, rules, tool_name, tool_version, root=None,
               information_uri=None):
    """The SARIF 2.1.0 log (a dict) for findings; see the module docstring."""
    root = os.path.abspath(root) if root else None
    used = []
    index = {}
    for f in findings:
        if f.check not in index:
            index[f.check] = len(used)
            used.append(rules.get(f.check) or Rule(id=f.check,
                                                  short_description=f.check))
    results = []
    for f in findings:
        result = {
            'ruleId': f.check,
            'ruleIndex': index[f.check],
            'level': f.level if f.level in ('error', 'warning', 'note') else 'warning',
            'message': {'text': f.message},
            'locations': [_location(f.path, f.line, f.column, root)],
        }
        if f.notes:
            result['relatedLocations'] = [
                dict(_location(n.path, n.line, n.column, root, n.message), id=i)
                for i, n in enumerate(f.notes)]
        if f.fixes:
            result['fixes'] = [_fix_json(fix, root) for fix in f.fixes]
        if f.fingerprint:
            result['partialFingerprints'] = {'refcycleFingerprint/v1': f.fingerprint}
        results.append(result)
    driver = {'name': tool_name, 'version': tool_version,
              'rules': [_rule_json(r) for r in used]}
    if information_uri:
        driver['informationUri'] = information_uri
    run = {'tool': {'driver': driver}, 'columnKind': 'unicodeCodePoints',
           'results': results}
    if root:
        run['originalUriBaseIds'] = {
            SRCROOT: {'uri': pathlib.Path(root).as_uri() + '/'}}
    return {'$schema': SARIF_SCHEMA, 'version': SARIF_VERSION, 'runs': [run]}


def write_text_atomic(path, text):
    """Writes text to path via a temporary file and os.replace (never half-written)."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix='.' + os.path.basename(path) + '.',
                               dir=directory)
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_json_atomic(path, obj):
    write_text_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + '\n')


def finding_from_json(obj):
    """A Finding from one object of the JSON findings list (refcycle-graph
    --format=json, the input of this module's command line)."""
    return Finding(
        check=obj['check'], message=obj['message'], path=obj['path'],
        line=int(obj['line']), column=int(obj.get('column', 1)),
        level=obj.get('level', 'warning'),
        notes=[Note(n['path'], int(n['line']), int(n.get('column', 1)), n['message'])
               for n in obj.get('notes', [])],
        fixes=[Fix(x.get('description', ''), [Replacement(**r) for r in x['replacements']])
               for x in obj.get('fixes', [])],
        fingerprint=obj.get('fingerprint'))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Convert refcycle findings (JSON on stdin) to SARIF 2.1.0.')
    parser.add_argument('--tool', required=True)
    parser.add_argument('--version', required=True)
    parser.add_argument('--root')
    parser.add_argument('--docs', help='directory of <check>.md pages')
    parser.add_argument('--output', required=True)
    args = parser.parse_args(argv)
    try:
        findings = [finding_from_json(o) for o in json.load(sys.stdin)]
    except (ValueError, KeyError, TypeError) as err:
        print('refcycle_sarif: error: malformed findings on stdin: %s' % err,
              file=sys.stderr)
        return 2
    rules = load_rules(args.docs) if args.docs else {}
    try:
        write_json_atomic(args.output, make_sarif(findings, rules, args.tool,
                                                  args.version, args.root))
    except OSError as err:
        print('refcycle_sarif: error: cannot write %s: %s' % (args.output, err),
              file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main())
