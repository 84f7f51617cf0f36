#!/usr/bin/env python3
"""What one feature costs: brief's builds of one corpus with it on and off.

    python3 bench/feature.py search --corpus bench/work/corpus/n10000-s20240611/brief \\
        --brief target/release/brief --runs 5
    python3 bench/feature.py cards --corpus ...

FEATURE is a site.toml table with an `enabled` switch: `search` or `cards`.
Copies the corpus twice onto tmpfs (never touching it): one with
`[FEATURE] enabled = true`, one with `false`. Then, for each run, the two
copies take turns (alternating which goes first) through:

  cold       .brief-cache/ and the output removed first;
  no change  the same inputs again (warm);
  edit one   one sentence appended to the newest briefing's body (warm);
  edit old   one sentence appended to a briefing from the middle of the
             archive (warm): for search, a part other than the newest.

Each build is `brief build --root COPY --output /dev/shm/... --timings`,
timed around the whole process (wall, and peak RSS from wait4); the change
is made outside the timed part. Prints the median wall time of each mode
with the feature off and on, their difference and ratio, the median peak
RSS, and the median of the feature's own stage (from `--timings`) in the
cold builds, also divided by the number of briefings.
Python 3.11 standard library only; Linux (wait4).
"""

import argparse
import os
import re
import shutil
import statistics
import sys

from timed import brief_build

MODES = ("cold", "no change", "edit one", "edit old")


def briefings(site):
    folder = os.path.join(site, "content", "briefings")
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".md")]


def measured(brief, site, out, stage):
    """A build's wall time, peak RSS in MiB, `stage`'s lap in ms, and its
    slowest stage as "name ms" (to tell a slow build's cause from noise)."""
    wall, laps = brief_build(brief, site, out)
    stages = {k: v for k, v in laps.items() if k not in ("cpu", "rss")}
    slowest = max(stages.items(), key=lambda kv: kv[1], default=("none", 0.0))
    return wall, laps["rss"], laps.get(stage, 0.0), f"{slowest[0]} {slowest[1]:.0f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("feature", choices=["search", "cards"])
    ap.add_argument("--corpus", required=True, help="a brief site (copied, never changed)")
    ap.add_argument("--brief", default="target/release/brief")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tmp", default="/dev/shm")
    ap.add_argument("--warm-only", action="store_true",
                    help="one untimed cold build of each copy, then only the warm modes")
    args = ap.parse_args()
    brief = os.path.abspath(args.brief)
    feature = args.feature
    work = os.path.join(args.tmp, f"brief-{feature}-{os.getpid()}")
    sites = {}
    for on in (True, False):
        site = os.path.join(work, "on" if on else "off")
        shutil.copytree(args.corpus, site, ignore=shutil.ignore_patterns(".brief-cache", "public"))
        with open(os.path.join(site, "site.toml")) as f:
            text = f.read()
        if re.search(rf"^\[{feature}\]", text, re.M):
            sys.exit(f"{args.corpus}/site.toml already has [{feature}]; use a corpus without it")
        with open(os.path.join(site, "site.toml"), "a") as f:
            f.write(f"\n[{feature}]\nenabled = {'true' if on else 'false'}\n")
        sites[on] = site
    files = briefings(sites[True])
    count = len(files)
    walls = {(on, m): [] for on in (True, False) for m in MODES}
    rss = {(on, m): [] for on in (True, False) for m in MODES}
    stage = []
    modes = MODES[1:] if args.warm_only else MODES
    try:
        if args.warm_only:
            for on in (True, False):
                measured(brief, sites[on], os.path.join(work, "out-on" if on else "out-off"), feature)
        for i in range(args.runs):
            order = (True, False) if i % 2 == 0 else (False, True)
            for on in order:
                site = sites[on]
                out = os.path.join(work, "out-on" if on else "out-off")
                for mode in modes:
                    if mode == "cold":
                        shutil.rmtree(os.path.join(site, ".brief-cache"), ignore_errors=True)
                        shutil.rmtree(out, ignore_errors=True)
                    elif mode.startswith("edit"):
                        target = briefings(site)[-1 if mode == "edit one" else len(files) // 2]
                        with open(target, "a") as f:
                            f.write(f"\nOne more sentence, run {i}.\n")
                    wall, peak, stage_ms, slowest = measured(brief, site, out, feature)
                    walls[(on, mode)].append(wall)
                    rss[(on, mode)].append(peak)
                    if on and mode == "cold":
                        stage.append(stage_ms)
                    print(f"run {i + 1}/{args.runs} {feature}={'on' if on else 'off'} {mode}: "
                          f"{wall:.3f} s, {peak:.0f} MiB, slowest stage {slowest}"
                          + (f" ({feature} stage {stage_ms:.0f} ms)" if on else ""),
                          file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{count} briefings, {args.runs} runs, medians:\n")
    print(f"| build | {feature} off (s) | {feature} on (s) | on − off (s) | on ÷ off "
          f"| peak RSS off (MiB) | peak RSS on (MiB) |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for mode in modes:
        off = statistics.median(walls[(False, mode)])
        on = statistics.median(walls[(True, mode)])
        print(f"| {mode} | {off:.3f} | {on:.3f} | {on - off:+.3f} | {on / off:.2f} "
              f"| {statistics.median(rss[(False, mode)]):.0f} | {statistics.median(rss[(True, mode)]):.0f} |")
    if not stage:
        return
    med = statistics.median(stage)
    print(f"\ncold {feature} stage: median {med / 1000:.1f} s, "
          f"{med / count:.2f} ms a briefing (wall, all cores)")


if __name__ == "__main__":
    main()
