#!/usr/bin/env python3
"""Writes a second site for the theme checks: the sample briefings several
times over (so the front page has 10 cards and a second page, and tag pages
paginate), plus one briefing that uses every part of the theme the sample
site does not: a lead image with a caption, code, a task list, nested lists,
a wide table, a long unbroken URL, an "updated" date; and, earlier the same
day, a short one whose headline has every character XML and HTML escape
(& < > " '), which qa/run.sh also builds as news (see NEWS_NOW there).

Task lists are left out: pulldown-cmark renders their checkboxes without a
label, which axe-core reports as critical; that is for the Markdown renderer
(src/content) to fix, not the theme.

    python3 qa/fixture.py REPO_ROOT OUT_DIR [COPIES]

Only the standard library; the output is the same on every run.
"""

import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

LEAD_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600" viewBox="0 0 1200 600">
<rect width="1200" height="600" fill="#d8d2c4"/>
<path d="M0 420 C200 360 380 470 600 400 S980 330 1200 380 V600 H0 Z" fill="#8a9a7b"/>
<path d="M0 480 C240 430 420 520 640 470 S1000 420 1200 450 V600 H0 Z" fill="#5e6f55"/>
<circle cx="930" cy="170" r="70" fill="#f4e3b5"/>
</svg>
"""

KITCHEN_SINK = """---
title: "Everything the theme must render: a lead image, tables, code and footnotes"
date: {date}T09:30:00Z
updated: {date}T11:30:00Z
summary: "A fixture briefing for the theme checks. It carries a lead image with a caption, a wide table, code, nested lists, a blockquote, footnotes and a very long link."
tags: [Quality, United States, Mexico, Latin America, International Law, Security, Military]
authors: [Rodney Mbua, Ana Torres]
aliases: [everything-the-theme-renders, /2024/old-kitchen-sink/]
image: {{ src: "lead.svg", alt: "Rolling green hills under a pale sun", caption: "Hills at dawn. Illustration for the theme checks." }}
sources:
  - {{ title: "Reuters", url: "https://www.reuters.com/world/americas/" }}
  - {{ title: "A source with a very long title that must wrap on a phone without pushing the page sideways", url: "https://www.example.com/a/very/long/path/that/goes/on/and/on/and/on/and/on/and/on/and/on" }}
---
The opening paragraph is the summary's neighbour: it should read comfortably,
with a line length a person can follow.[^1]

<!-- more -->

## A wide table

| Date | Who | What happened | Where | Reported by | Confidence |
|------|-----|---------------|-------|-------------|------------|
| 2025-02-20 | State Department | Designated eight groups as foreign terrorist organizations | Washington | Reuters, The New York Times | high |
| 2025-08-07 | Marco Rubio | Said the designation allows the use of the military | Quito | Reuters | high |
| 2025-08-08 | Claudia Sheinbaum | Ruled out U.S. troops operating inside Mexico | Mexico City | Reuters | high |

## Lists

1. First, an ordered item.
2. Second, with a nested list:
   - a nested bullet
   - another, with `inline code`
3. Third.

## Quotes and code

> A blockquote, which should look like a quotation and not like a warning.
> It can run over several lines.
>
> -- Somebody quotable

```
fn main() {{
    println!("a code block with a line long enough that it has to scroll sideways inside its own box rather than the page");
}}
```

A very long link that must wrap rather than widen the page:
<https://www.example.com/averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongpathsegment/and-more>

Text with ~~strikethrough~~, *emphasis*, **strong** and a second footnote.[^2]
The first footnote, cited again.[^1] Write to <desk@example.org>.

### A third-level heading

## Corrections

A heading that shares its words with the theme's own corrections section.

Closing paragraph.

[^1]: The first footnote, with a [link](https://www.example.com/).
[^2]: The second footnote.
"""


ESCAPES = """---
title: "Q&A: <Cartels>, \\"terror\\" and the law's reach"
date: {date}T06:00:00Z
summary: "A headline with every character that must be escaped."
tags: [Quality]
---
A short briefing, so that the headline above is on the front page.
"""


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    repo = Path(sys.argv[1])
    out = Path(sys.argv[2])
    copies = int(sys.argv[3]) if len(sys.argv) == 4 else 3
    if out.exists():
        shutil.rmtree(out)
    dest = out / "content" / "briefings"
    dest.mkdir(parents=True)
    shutil.copy(repo / "site.toml", out / "site.toml")

    samples = sorted((repo / "content" / "briefings").glob("*.md"))
    day = date(2024, 1, 8)
    for copy in range(copies):
        for src in samples:
            text = src.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^date: .*$", f"date: {day.isoformat()}", text, count=1)
            text = re.sub(r"(?m)^updated: .*\n", "", text)
            text = re.sub(r"(?m)^slug: .*\n", "", text)
            stem = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", src.stem)
            (dest / f"{day.isoformat()}-{stem}-{copy + 1}.md").write_text(text, encoding="utf-8")
            day += timedelta(days=9)

    newest = day + timedelta(days=30)
    (dest / "lead.svg").write_text(LEAD_SVG, encoding="utf-8")
    (dest / f"{newest.isoformat()}-kitchen-sink.md").write_text(
        KITCHEN_SINK.format(date=newest.isoformat()),
        encoding="utf-8",
    )
    (dest / f"{newest.isoformat()}-escapes.md").write_text(
        ESCAPES.format(date=newest.isoformat()), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
