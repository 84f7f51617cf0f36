#!/usr/bin/env python3
"""What share cards cost: brief's builds of one corpus with and without cards.

    python3 bench/cards.py --corpus bench/work/corpus/n10000-s20240611/brief \\
        --brief target/release/brief --runs 5

Copies the corpus twice onto tmpfs (never touching it): one copy with
`[cards] enabled = true`, one with `enabled = false` (the default). Then, for each
run, the two copies take turns (alternating which goes first) through:

  cold       .brief-cache/ and the output removed first;
  no change  the same inputs again (warm);
  edit one   one sentence appended to the newest briefing's body (warm).

Each build is `brief build --root COPY --output /dev/shm/... --timings`,
timed around the whole process; the change is made outside the timed
part. Prints the median wall time of each mode with and without cards,
their ratio, and the median of the `cards` stage of the cold builds divided
by the number of briefings (the cold cost per card, in ms, on 2 cores).
Python 3.11 standard library only.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

MODES = ("cold", "no change", "edit one")


def newest(site):
    folder = os.path.join(site, "content", "briefings")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md"))
    return os.path.join(folder, names[-1])


def build(brief, site, out):
    t0 = time.perf_counter()
    r = subprocess.run([brief, "build", "--root", site, "--output", out, "--timings"],
                       capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"brief failed on {site}:\n{r.stderr[-3000:]}")
    m = re.search(r"^\s*cards\s+([\d.]+) ms", r.stderr + r.stdout, re.M)
    return wall, float(m.group(1)) if m else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="a brief site (copied, never changed)")
    ap.add_argument("--brief", default="target/release/brief")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tmp", default="/dev/shm")
    ap.add_argument("--warm-only", action="store_true",
                    help="one untimed cold build of each copy first, then only the warm modes")
    args = ap.parse_args()
    modes = MODES[1:] if args.warm_only else MODES
    brief = os.path.abspath(args.brief)
    work = os.path.join(args.tmp, f"brief-cards-{os.getpid()}")
    sites = {}
    for cards in (True, False):
        site = os.path.join(work, "on" if cards else "off")
        shutil.copytree(args.corpus, site, ignore=shutil.ignore_patterns(".brief-cache", "public"))
        # Cards are off by default: each copy says which it is.
        with open(os.path.join(site, "site.toml"), "a") as f:
            f.write(f"\n[cards]\nenabled = {'true' if cards else 'false'}\n")
        sites[cards] = site
    count = len(os.listdir(os.path.join(sites[True], "content", "briefings")))
    walls = {(c, m): [] for c in (True, False) for m in MODES}
    stage = []
    laps = {m: [] for m in MODES}
    try:
        if args.warm_only:
            for cards in (True, False):
                out = os.path.join(work, "out-on" if cards else "out-off")
                build(brief, sites[cards], out)
        for i in range(args.runs):
            order = (True, False) if i % 2 == 0 else (False, True)
            for cards in order:
                site, out = sites[cards], os.path.join(work, "out-on" if cards else "out-off")
                for mode in modes:
                    if mode == "cold":
                        shutil.rmtree(os.path.join(site, ".brief-cache"), ignore_errors=True)
                        shutil.rmtree(out, ignore_errors=True)
                    elif mode == "edit one":
                        with open(newest(site), "a") as f:
                            f.write(f"\nOne more sentence, run {i}.\n")
                    wall, cards_ms = build(brief, site, out)
                    walls[(cards, mode)].append(wall)
                    if cards:
                        laps[mode].append(cards_ms)
                    if cards and mode == "cold":
                        stage.append(cards_ms)
                    print(f"run {i + 1}/{args.runs} cards={'on' if cards else 'off'} {mode}: "
                          f"{wall:.3f} s" + (f" (cards stage {cards_ms:.0f} ms)" if cards else ""),
                          file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{count} briefings, {args.runs} runs, medians:\n")
    print("| build | without cards (s) | with cards (s) | with ÷ without | `cards` stage (ms) |")
    print("|---|--:|--:|--:|--:|")
    for mode in modes:
        off = statistics.median(walls[(False, mode)])
        on = statistics.median(walls[(True, mode)])
        lap = statistics.median(laps[mode])
        print(f"| {mode} | {off:.3f} | {on:.3f} | {on / off:.2f} | {lap:.0f} |")
    if stage:
        print(f"\ncold cards stage: median {statistics.median(stage) / 1000:.1f} s, "
              f"{statistics.median(stage) / count:.2f} ms a card (wall, all cores)")


if __name__ == "__main__":
    main()
