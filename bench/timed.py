"""One timed `brief build` for the bench scripts (feature.py, related.py).

Python 3.11 standard library only; Linux (os.wait4).
"""

import os
import re
import subprocess
import sys
import tempfile
import time


def brief_build(brief, site, out, *flags):
    """Runs `brief build --root SITE --output OUT --timings FLAGS...` and
    returns (wall seconds, laps): laps maps each stage of `--timings` to its
    milliseconds, plus "cpu" (user+sys of brief's own process, ms) and
    "rss" (its peak RSS, MiB). Exits with brief's output if it fails."""
    with tempfile.TemporaryFile("w+") as log:
        t0 = time.perf_counter()
        p = subprocess.Popen([brief, "build", "--root", site, "--output", out, "--timings", *flags],
                             stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read()
    if p.returncode != 0:
        sys.exit(f"brief failed on {site}:\n{text[-3000:]}")
    laps = {name: float(ms) for name, ms in re.findall(r"^\s*([a-z]+)\s+([\d.]+) ms", text, re.M)}
    laps["cpu"] = (usage.ru_utime + usage.ru_stime) * 1000
    laps["rss"] = usage.ru_maxrss / 1024
    return wall, laps
