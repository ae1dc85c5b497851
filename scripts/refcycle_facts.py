"""Reads the lifetimes facts that refcycle-dangling-capture writes per
translation unit into a facts directory (checker/LifetimeFacts.h; format in
docs/whole-program.md), for refcycle-lint --whole-program and the benchmarks.

A `lifetime` record names a class that some file gives an object living as
long as the program (a global, a function-local static, a leaky singleton,
a local of main, or a part such an object owns for life). A `bound` record
names a finding of the check and the class of the object its callback is
bound to: the check stays silent on such a class in the file that shows the
long-lived object, so over the whole program the finding is dropped too.

An `owns` record names a class whose constructors, in some file, make a
part of another class with `this` and keep it for life in a member; a
`reset` record, a member that some file gives another value outside the
constructors. A `part` record names a finding on a part that registered a
callback in the storage of the object it was made by: dropped when that
object's class owns the part's class through a member no file resets.
"""

import os

LIFETIMES_FORMAT = 'refcycle-lifetimes'
LIFETIMES_VERSION = 2
CAPTURE_CHECK = 'refcycle-dangling-capture'


class FactsError(Exception):
    """A lifetimes file this reader cannot use."""


def _unescape(field):
    out, i = [], 0
    while i < len(field):
        ch = field[i]
        if ch == '\\' and i + 1 < len(field):
            nxt = field[i + 1]
            out.append({'\\': '\\', 't': '\t', 'n': '\n', 'r': '\r'}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return ''.join(out)


def _read_records(facts_dir):
    """Every record of every .lifetimes file in facts_dir, as lists of
    fields, with the path and line number of each."""
    if not os.path.isdir(facts_dir):
        return
    for name in sorted(os.listdir(facts_dir)):
        if not name.endswith('.lifetimes'):
            continue
        path = os.path.join(facts_dir, name)
        with open(path, encoding='utf-8', errors='replace') as handle:
            header = handle.readline().rstrip('\n').split('\t')
            if len(header) != 2 or header[0] != LIFETIMES_FORMAT:
                raise FactsError('%s: not a refcycle lifetimes file' % path)
            if header[1] != str(LIFETIMES_VERSION):
                raise FactsError('%s: lifetimes format version %s, this reader knows %d; '
                                 'rerun the checks with the same refcycle build'
                                 % (path, header[1], LIFETIMES_VERSION))
            for number, line in enumerate(handle, start=2):
                yield path, number, [_unescape(f) for f in line.rstrip('\n').split('\t')]


def read_lifetimes(facts_dir):
    """(classes, bound) over every .lifetimes file in facts_dir (none when
    it does not exist): {class key: (display name, variable)} of the classes
    with a program-lifetime object in some file, and the findings that
    depend on one, [(class key, path, line, column)]. A class made by a
    global pointer that other files can name counts only when no file
    releases that pointer (deletes, resets or reassigns it)."""
    classes, bound = {}, []
    conditional, released = [], set()
    for path, number, fields in _read_records(facts_dir):
        try:
            if fields[0] == 'lifetime':
                if fields[4] == '-':
                    classes.setdefault(fields[1], (fields[2], fields[3]))
                else:
                    conditional.append((fields[1], fields[2], fields[3], fields[4]))
            elif fields[0] == 'released':
                released.add(fields[1])
            elif fields[0] == 'bound':
                bound.append((fields[1], fields[2], int(fields[3]), int(fields[4])))
        except (IndexError, ValueError):
            raise FactsError('%s:%d: malformed record' % (path, number)) from None
    for key, name, variable, pointer in conditional:
        if pointer not in released:
            classes.setdefault(key, (name, variable))
    return classes, bound


def read_owned_parts(facts_dir):
    """(owned, parts): {(owner key, part key): owner name} of the classes
    that own a part of another class for life through a member no file
    resets, and the findings on parts that depend on it,
    [(owner key, part key, path, line, column)]."""
    owns, resets, parts = [], set(), []
    for path, number, fields in _read_records(facts_dir):
        try:
            if fields[0] == 'owns':
                owns.append((fields[1], fields[2], fields[3], fields[4]))
            elif fields[0] == 'reset':
                resets.add(fields[1])
            elif fields[0] == 'part':
                parts.append((fields[1], fields[2], fields[3], int(fields[4]),
                              int(fields[5])))
        except (IndexError, ValueError):
            raise FactsError('%s:%d: malformed record' % (path, number)) from None
    owned = {}
    for owner, part, field, name in owns:
        if field not in resets:
            owned.setdefault((owner, part), name)
    return owned, parts


def whole_program_part_drops(facts_dir):
    """{(real path, line, column): owner name} of the findings on a part
    that registered a callback in storage of the object it was made by,
    when that object's class owns the part for life in some file."""
    owned, parts = read_owned_parts(facts_dir)
    return {(os.path.realpath(path), line, column): owned[(owner, part)]
            for owner, part, path, line, column in parts if (owner, part) in owned}


def whole_program_lifetime_drops(facts_dir):
    """{(real path, line, column): class name} of the findings whose
    callback's object lives as long as the program in some file."""
    classes, bound = read_lifetimes(facts_dir)
    return {(os.path.realpath(path), line, column): classes[key][0]
            for key, path, line, column in bound if key in classes}


def whole_program_drops(facts_dir):
    """{(real path, line, column): class name} of the refcycle-dangling-capture
    findings the whole program does not report: the callback's object lives
    as long as the program in some file, or it is a part that registered in
    storage of an owner that, in some file, owns it for life."""
    drops = whole_program_lifetime_drops(facts_dir)
    for at, name in whole_program_part_drops(facts_dir).items():
        drops.setdefault(at, name)
    return drops
