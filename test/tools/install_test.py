#!/usr/bin/env python3
"""cmake --install into a fresh prefix, then use it as a user would.

Usage: install_test.py --build BUILD_DIR --consumer test/tools/consumer
           --work DIR [--clangd] [--deb]

Checks that the prefix has the plugin, the tools, the runtime headers, the
CMake package and the docs; builds test/tools/consumer with
find_package(refcycle CONFIG) against it (refcycle::runtime and
REFCYCLE_TIDY_PLUGIN); runs the installed refcycle-lint on the consumer, which
must pick the installed refcycle-tidy and report the cycle in main.cpp.
With --deb also runs `cpack -G DEB` and checks the package's file list.
"""

import argparse
import os
import pathlib
import shutil
import subprocess
import sys


def run(cmd, cwd=None, env=None):
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    return proc.returncode, proc.stdout.decode('utf-8', 'replace')


def must(cmd, **kw):
    code, out = run(cmd, **kw)
    if code != 0:
        fail('%s exited with %d:\n%s' % (' '.join(map(str, cmd)), code, out))
    return out


def fail(message):
    print('FAIL: ' + message, file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--build', required=True)
    parser.add_argument('--consumer', required=True)
    parser.add_argument('--work', required=True)
    parser.add_argument('--clangd', action='store_true')
    parser.add_argument('--deb', action='store_true')
    args = parser.parse_args()
    work = pathlib.Path(args.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    prefix = work / 'prefix'

    must(['cmake', '--install', args.build, '--prefix', prefix])
    expected = ['bin/refcycle-tidy', 'bin/refcycle-lint', 'lib/librefcycle_tidy.so',
                'include/refcycle/refcycle.hpp', 'lib/cmake/refcycle/refcycleConfig.cmake',
                'lib/cmake/refcycle/refcycleConfigVersion.cmake',
                'lib/cmake/refcycle/refcycleTargets.cmake',
                'share/refcycle/python/refcycle_sarif.py',
                'share/refcycle/python/refcycle_facts.py', 'share/doc/refcycle/usage.md']
    if args.clangd:
        expected.append('bin/refcycle-clangd')
    # GNUInstallDirs may pick lib64 or lib/<multiarch>; accept those too.
    missing = [e for e in expected if not (prefix / e).exists() and not any(
        (prefix / e.replace('lib/', d + '/', 1)).exists() for d in ('lib64',))]
    if missing:
        fail('not installed: %s' % ', '.join(missing))
    out = must([prefix / 'bin' / 'refcycle-tidy', '--version'])
    if 'refcycle-tidy' not in out:
        fail('refcycle-tidy --version says:\n' + out)

    consumer_build = work / 'consumer-build'
    out = must(['cmake', '-S', args.consumer, '-B', consumer_build, '-G', 'Ninja',
                '-DCMAKE_PREFIX_PATH=' + str(prefix), '-DCMAKE_EXPORT_COMPILE_COMMANDS=ON'])
    if 'consumer: plugin ' + str(prefix) not in out:
        fail('REFCYCLE_TIDY_PLUGIN does not point into the prefix:\n' + out)
    must(['cmake', '--build', consumer_build])

    # The installed refcycle-lint runs the installed refcycle-tidy (PATH is
    # emptied of other refcycle tools) and finds the cycle in main.cpp.
    env = dict(os.environ, PATH='/usr/bin:/bin')
    env.pop('REFCYCLE_TIDY', None)
    code, out = run([sys.executable, prefix / 'bin' / 'refcycle-lint', '-p', consumer_build,
                     '--quiet', '--format', 'sarif', '--output', work / 'out.sarif'],
                    cwd=args.consumer, env=env)
    if code != 1:
        fail('installed refcycle-lint exited %d (expected 1: one finding):\n%s' % (code, out))
    sarif = (work / 'out.sarif').read_text()
    if '"ruleId": "refcycle-shared-ptr-cycle"' not in sarif or '"main.cpp"' not in sarif:
        fail('installed refcycle-lint did not report the cycle:\n' + sarif)

    if args.deb:
        deb_dir = work / 'deb'
        deb_dir.mkdir()
        must(['cpack', '-G', 'DEB', '-B', deb_dir, '--config',
              pathlib.Path(args.build) / 'CPackConfig.cmake'], cwd=args.build)
        debs = sorted(deb_dir.glob('*.deb'))
        if len(debs) != 1:
            fail('cpack made %s' % debs)
        listing = must(['dpkg-deb', '-c', debs[0]])
        wanted = ['./usr/bin/refcycle-tidy', './usr/bin/refcycle-lint',
                  '/librefcycle_tidy.so', './usr/include/refcycle/refcycle.hpp',
                  '/cmake/refcycle/refcycleConfig.cmake']
        if args.clangd:
            wanted.append('./usr/bin/refcycle-clangd')
        absent = [w for w in wanted if w not in listing]
        if absent:
            fail('%s lacks %s:\n%s' % (debs[0].name, absent, listing))
        info = must(['dpkg-deb', '-f', debs[0], 'Package', 'Depends'])
        print(info.strip())
    print('ok: installed, consumer built with find_package(refcycle), '
          'installed refcycle-lint found the cycle' + (', .deb complete' if args.deb else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
