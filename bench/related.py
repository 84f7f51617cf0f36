#!/usr/bin/env python3
"""What related briefings cost: cold builds of one corpus with `[related]
limit` at its default (4) and at 0 (off), alternating.

    python3 bench/related.py --corpus bench/work/corpus/n10000-s20240611/brief \\
        --brief target/release/brief --runs 5

Copies the corpus once onto --tmp (never touching it) and switches its
site.toml between the two settings before each build, so both read the
same files. Each build is `brief build --root COPY --output OUT --timings
--no-cache`, timed around the whole process, with the output folder removed
before it (outside the timed part). The settings take turns, run i
starting with a different one. Prints the medians of the wall time and of the `related`
and `render` laps for each setting, and the share of the build the
`related` lap takes. With --cards, a third setting takes its turn: limit 4
with the built-in `briefing.html` copied into the site's `templates/`
(`brief eject`), which then gets full cards in `briefing.related` instead
of links. Python 3.11 standard library only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

from timed import brief_build


def build(brief, site, out):
    """Wall time, user+sys CPU time (of brief's own process) and laps of a
    cold build."""
    shutil.rmtree(out, ignore_errors=True)
    return brief_build(brief, site, out, "--no-cache")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="a brief site (copied, never changed)")
    ap.add_argument("--brief", default="target/release/brief")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tmp", default="/dev/shm")
    ap.add_argument("--cards", action="store_true",
                    help="also time limit 4 with a site's own briefing.html (cards)")
    args = ap.parse_args()
    brief = os.path.abspath(args.brief)
    work = os.path.join(args.tmp, f"brief-related-{os.getpid()}")
    site = os.path.join(work, "site")
    out = os.path.join(work, "out")
    shutil.copytree(args.corpus, site, ignore=shutil.ignore_patterns(".brief-cache", "public"))
    with open(os.path.join(site, "site.toml")) as f:
        toml = f.read()
    if "[related]" in toml:
        sys.exit("the corpus's site.toml sets [related] already")
    settings = {"on": toml, "off": toml + "\n[related]\nlimit = 0\n"}
    own = os.path.join(site, "templates", "briefing.html")
    if args.cards:
        settings["cards"] = toml
        subprocess.run([brief, "eject", "briefing.html"], cwd=site, check=True, capture_output=True)
        with open(own) as f:
            template = f.read()
        os.remove(own)
    keys = list(settings)
    count = len(os.listdir(os.path.join(site, "content", "briefings")))
    results = {k: [] for k in settings}
    try:
        for i in range(args.runs):
            for key in keys[i % len(keys):] + keys[:i % len(keys)]:
                with open(os.path.join(site, "site.toml"), "w") as f:
                    f.write(settings[key])
                if key == "cards":
                    with open(own, "w") as f:
                        f.write(template)
                elif os.path.exists(own):
                    os.remove(own)
                wall, laps = build(brief, site, out)
                results[key].append((wall, laps))
                print(f"run {i + 1}/{args.runs} related={key}: {wall:.3f} s, "
                      f"related {laps.get('related', 0):.1f} ms, render {laps.get('render', 0):.0f} ms, "
                      f"user+sys {laps['cpu'] / 1000:.2f} s",
                      file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(key, f):
        return statistics.median(f(w, laps) for w, laps in results[key])

    print(f"{count} briefings, {args.runs} runs each, alternating; medians:\n")
    print("| related | wall (s) | user+sys (s) | `related` lap (ms) | `render` lap (ms) | related ÷ wall |")
    print("|---|--:|--:|--:|--:|--:|")
    for key in settings:
        wall = med(key, lambda w, l: w)
        rel = med(key, lambda w, l: l.get("related", 0.0))
        ren = med(key, lambda w, l: l.get("render", 0.0))
        cpu = med(key, lambda w, l: l["cpu"] / 1000)
        share = med(key, lambda w, l: l.get("related", 0.0) / 1000 / w)
        print(f"| {key} | {wall:.3f} | {cpu:.2f} | {rel:.1f} | {ren:.0f} | {100 * share:.2f}% |")
    on, off = med("on", lambda w, l: w), med("off", lambda w, l: w)
    ren_on = med("on", lambda w, l: l.get("render", 0.0))
    ren_off = med("off", lambda w, l: l.get("render", 0.0))
    cpu_on, cpu_off = med("on", lambda w, l: l["cpu"]), med("off", lambda w, l: l["cpu"])
    print(f"\nwall on ÷ off: {on / off:.3f}; user+sys on ÷ off: {cpu_on / cpu_off:.3f}; "
          f"render on ÷ off: {ren_on / ren_off:.3f}")
    if args.cards:
        ren_cards = med("cards", lambda w, l: l.get("render", 0.0))
        print(f"render with cards ÷ off: {ren_cards / ren_off:.3f}; cards ÷ links: {ren_cards / ren_on:.3f}")


if __name__ == "__main__":
    main()
