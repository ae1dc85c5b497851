#!/usr/bin/env python3
"""Opens a local HTML page in headless Chromium, as a person's browser would.

  headless_chromium.py CHROMIUM PAGE --dump-dom OUT.html --screenshot OUT.png

Runs Chromium twice with a fresh profile directory each time (no sandbox, no
GPU, no first-run or background network traffic): once to write the DOM after
the page loaded, once to save a screenshot of it.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--hide-scrollbars"]


def run(chromium, extra, page):
    profile = tempfile.mkdtemp(prefix="refcycle-chromium-")
    try:
        return subprocess.run(
            [chromium] + FLAGS + ["--user-data-dir=" + profile] + extra + [page],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)
    except subprocess.TimeoutExpired:
        sys.exit("headless_chromium: %s did not finish within 180 s" % chromium)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chromium")
    parser.add_argument("page")
    parser.add_argument("--dump-dom", required=True)
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--window-size", default="1280,1600")
    args = parser.parse_args()
    page = "file://" + os.path.abspath(args.page)

    proc = run(args.chromium, ["--dump-dom"], page)
    if proc.returncode != 0 or not proc.stdout:
        sys.exit("headless_chromium: --dump-dom failed (exit %d):\n%s" %
                 (proc.returncode, proc.stderr.decode(errors="replace")))
    with open(args.dump_dom, "wb") as out:
        out.write(proc.stdout)

    shot = os.path.abspath(args.screenshot)
    proc = run(args.chromium, ["--screenshot=" + shot,
                               "--window-size=" + args.window_size], page)
    if proc.returncode != 0 or not os.path.isfile(shot) or os.path.getsize(shot) < 1000:
        sys.exit("headless_chromium: --screenshot failed (exit %d):\n%s" %
                 (proc.returncode, proc.stderr.decode(errors="replace")))
    with open(shot, "rb") as png:
        if png.read(8) != b"\x89PNG\r\n\x1a\n":
            sys.exit("headless_chromium: %s is not a PNG" % shot)
    print("headless_chromium: screenshot of %s saved to %s" % (page, shot))


if __name__ == "__main__":
    main()
