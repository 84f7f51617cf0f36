#!/usr/bin/env python3
"""Writes a site for the search checks (qa/search.mjs) and what a reader
should find in it: 24 briefings over three years (so the index has three
parts, merged in the browser), one word that only one briefing uses, a
plural that a singular query must find through stemming, a tag on a dozen
briefings, and a draft and a scheduled briefing whose words must never be
found. The base URL has a path (/news/), as a site on a shared host would.

    python3 qa/search_fixture.py OUT_DIR BASE_URL

Writes OUT_DIR/site/ (the site) and OUT_DIR/expected.json. Only the
standard library; the output is the same on every run.
"""

import json
import sys
from pathlib import Path

TAGS = ["Energy", "Trade", "Security", "Elections"]
FILLER = (
    "Officials met on Tuesday to review the figures. The committee asked for "
    "more time, and the ministry said it would publish its own estimate. "
    "Analysts expect the debate to continue into next month."
)


def main():
    out = Path(sys.argv[1])
    base = sys.argv[2].rstrip("/") + "/"
    site = out / "site"
    posts = site / "content" / "briefings"
    posts.mkdir(parents=True, exist_ok=True)
    (site / "site.toml").write_text(
        f'title = "Search Check"\nbase_url = "{base}"\ndescription = "A site for the search checks"\n'
        'language = "en"\ntimezone = "UTC"\n\n[build]\nper_page = 10\n'
    )
    expected = {"energy": [], "sanctions": [], "sanctions_2024": []}
    n = 0
    for year in (2024, 2025, 2026):
        for k in range(8):
            n += 1
            month = 1 + k
            slug = f"b{year}-{k + 1:02d}"
            tags = [TAGS[n % 4]] + ([TAGS[(n + 1) % 4]] if k % 3 == 0 else [])
            if n in (2, 7, 12, 17, 22):
                tags = ["Energy"] + [t for t in tags if t != "Energy"]
            body = [FILLER]
            title = f"Briefing {n}: the {tags[0].lower()} file"
            if n == 11:
                title = "A feathered serpent returns to the museum"
                body.append("The exhibition centres on Quetzalcoatl, the feathered serpent.")
                expected["unique"] = {"word": "quetzalcoatl", "href": f"briefings/{slug}/"}
            if n in (3, 20):
                body.append("Washington announced new sanctions on three exporters.")
                expected["sanctions"].append(f"briefings/{slug}/")
                if year == 2024:
                    expected["sanctions_2024"].append(f"briefings/{slug}/")
            if "Energy" in tags:
                expected["energy"].append(f"briefings/{slug}/")
            front = (
                f'---\ntitle: "{title}"\ndate: {year}-{month:02d}-{10 + k:02d}T09:00:00Z\n'
                f"tags: {json.dumps(tags)}\n---\n\n"
            )
            (posts / f"{slug}.md").write_text(front + "\n\n".join(body) + "\n")
    (posts / "draft.md").write_text(
        '---\ntitle: "Not yet"\ndate: 2026-05-01T09:00:00Z\ndraft: true\ntags: ["Energy"]\n---\n\n'
        "A zanzibarine secret that no reader may find.\n"
    )
    (posts / "later.md").write_text(
        '---\ntitle: "Embargoed"\ndate: 2027-01-05T09:00:00Z\ntags: ["Energy"]\n---\n\n'
        "An embargoedword that no reader may find before January.\n"
    )
    expected["never"] = ["zanzibarine", "embargoedword", "xylophonic"]
    (out / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


if __name__ == "__main__":
    main()
