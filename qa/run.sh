#!/usr/bin/env bash
# Theme QA for brief's built-in theme. One command, from anywhere:
#
#   bash qa/run.sh [--screenshots] [SITE_OUTPUT_DIR]
#
# 1. builds brief (cargo build --release; honours CARGO_TARGET_DIR),
# 2. builds the sample site (the repo root) into SITE_OUTPUT_DIR (default: a
#    temp dir) with --base-url http://127.0.0.1:PORT/, and a second fixture
#    site (qa/fixture.py: 14 briefings, a lead image, pagination), runs
#    `brief check` on both (internal links and #fragments), and serves both
#    with python3 -m http.server on loopback,
#    then validates sitemap.xml and sitemap-news.xml against the published
#    schemas in qa/schemas/ with xmllint (Debian's libxml2-utils), offline:
#    the sample site's, and the fixture's built again with --now on the day
#    of its newest briefings so that its news sitemap lists two,
#    then checks the structured data of every page of both sites and of the
#    full fixture (tests/fixtures/full: every front-matter field) offline
#    with structured-data-testing-tool's Google and Open Graph presets
#    (qa/structured-data.mjs): zero failures allowed, and a broken copy of a
#    page must be refused,
#    then runs the sample site's newest email edition, as a MIME message,
#    through SpamAssassin's local rules (Debian's spamassassin): under 2
#    points and no hidden-text rule,
# 3. runs the Nu HTML Checker (vnu.jar from the npm package vnu-jar) on every
#    HTML page of the three sites and on style.css: zero errors allowed,
# 4. checks the fixture's front page is under 30 KB (10 briefings on it),
# 5. drives Debian's headless Chromium with playwright-core: front page,
#    briefing pages, tags, a tag page, archive and 404 at 375 px and 1280 px,
#    light and dark: no horizontal scroll, no serious or critical axe-core
#    violations, one <h1>, no script, no request leaving the local server,
# 6. builds the Spanish and Arabic fixtures (tests/fixtures/es, tests/fixtures/ar),
#    runs `brief check`, the Nu HTML Checker and the browser checks over them
#    too, and asserts every page says the right `lang` and `dir` (the Arabic
#    site right to left, with no horizontal scroll at 375 px),
# 7. with --screenshots, writes docs/screenshots/*.png (front page and a
#    briefing, phone and desktop, light and dark; and the Spanish and Arabic
#    front page and briefing),
# 8. searches a site made for it (qa/search_fixture.py: three years, so a
#    three-part index, served under /news/) in Chromium (qa/search.mjs): a
#    word in one briefing finds it first, "sanction" finds "sanctions", a tag
#    or year filter narrows, drafts and scheduled briefings are never found,
#    an empty result says so, the masthead box submits to the search page;
#    no failed request, no horizontal scroll, axe-core clean, light and dark.
#
# It installs what is missing when run as root: chromium, a Java runtime
# and xmllint with apt-get, the npm tools with `npm ci --ignore-scripts` from
# qa/package-lock.json. It never lets a tool download a browser. Anything it
# cannot install is a loud failure, never a skip.
set -euo pipefail

QA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$QA_DIR/.." && pwd)"
cd "$REPO"

SCREENSHOTS=0
OUT=""
for arg in "$@"; do
  case "$arg" in
    --screenshots) SCREENSHOTS=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "qa: unknown option $arg" >&2; exit 2 ;;
    *) OUT="$arg" ;;
  esac
done

START=$(date +%s)
say() { printf '\n== qa [%ss]: %s\n' "$(( $(date +%s) - START ))" "$*"; }
die() { printf 'qa: FAILED: %s\n' "$*" >&2; exit 1; }

# --- prerequisites ----------------------------------------------------------
APT_UPDATED=0
apt_install() {
  # apt_install PACKAGE... : only as root with apt-get; otherwise fail loudly.
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing $*; install it (apt-get install -y $*) or run this as root on Debian"
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    apt-get update -qq || die "apt-get update failed"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

say "prerequisites"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "installing Debian's chromium"
  apt_install chromium
  [ -x "$CHROMIUM" ] || die "chromium installed but $CHROMIUM is missing"
fi
command -v java >/dev/null 2>&1 || { echo "installing a Java runtime"; apt_install default-jre-headless; }
command -v python3 >/dev/null 2>&1 || apt_install python3
command -v xmllint >/dev/null 2>&1 || { echo "installing Debian's libxml2-utils (xmllint)"; apt_install libxml2-utils; }
command -v spamassassin >/dev/null 2>&1 || { echo "installing Debian's spamassassin"; apt_install spamassassin; }
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { echo "installing node and npm"; apt_install nodejs npm; }
command -v cargo >/dev/null 2>&1 || die "cargo is required (install Rust with rustup)"

# npm tools, exactly as locked; reinstalled only when the lock changes.
LOCK_SUM="$(sha256sum "$QA_DIR/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$QA_DIR/node_modules/.qa-lock-sha256" 2>/dev/null || true)" != "$LOCK_SUM" ]; then
  echo "npm ci in qa/"
  # --ignore-scripts: no package may run an install script (none needs one,
  # and playwright-core must never fetch a browser).
  (cd "$QA_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed in qa/"
  echo "$LOCK_SUM" > "$QA_DIR/node_modules/.qa-lock-sha256"
fi
VNU="$QA_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
[ -f "$VNU" ] || die "vnu.jar missing at $VNU"
echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
echo "java: $(java -version 2>&1 | head -1)"
echo "vnu: $(java -jar "$VNU" --version)"
echo "xmllint: $(xmllint --version 2>&1 | head -1)"

# --- build ------------------------------------------------------------------
say "cargo build --release"
cargo build --release --quiet || die "cargo build failed"
TARGET="${CARGO_TARGET_DIR:-target}"
case "$TARGET" in /*) ;; *) TARGET="$REPO/$TARGET" ;; esac
BRIEF="$TARGET/release/brief"
[ -x "$BRIEF" ] || die "no brief binary at $BRIEF"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/brief-qa.XXXXXX")"
SERVER_PIDS=()
cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -n "$OUT" ] || OUT="$WORK/sample"
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
FIXTURE_OUT="$WORK/fixture-public"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
serve() {
  # serve DIR PORT: python's static server on loopback, until this script ends.
  python3 -m http.server --bind 127.0.0.1 --directory "$1" "$2" >"$WORK/server-$2.log" 2>&1 &
  SERVER_PIDS+=("$!")
  for _ in $(seq 1 50); do
    if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
      "http://127.0.0.1:$2/" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "the static server on port $2 did not start (see $WORK/server-$2.log)"
}

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT/"
say "brief build: sample site -> $OUT ($BASE)"
"$BRIEF" build --root "$REPO" --output "$OUT" --base-url "$BASE"

FIXTURE_PORT="$(free_port)"
FIXTURE_BASE="http://127.0.0.1:$FIXTURE_PORT/"
say "brief build: fixture site (qa/fixture.py) ($FIXTURE_BASE)"
python3 "$QA_DIR/fixture.py" "$REPO" "$WORK/fixture"
"$BRIEF" build --root "$WORK/fixture" --output "$FIXTURE_OUT" --base-url "$FIXTURE_BASE"

# The Spanish and Arabic editions (tests/fixtures/es and ar), at the tests'
# clock. Copies: a build writes its cache into the site's folder.
LANGS=(es ar)
declare -A LANG_PORT LANG_OUT
for lang in "${LANGS[@]}"; do
  LANG_PORT[$lang]="$(free_port)"
  LANG_OUT[$lang]="$WORK/$lang-public"
  cp -r "$REPO/tests/fixtures/$lang" "$WORK/$lang"
  say "brief build: the $lang fixture (tests/fixtures/$lang) (http://127.0.0.1:${LANG_PORT[$lang]}/)"
  "$BRIEF" build --root "$WORK/$lang" --output "${LANG_OUT[$lang]}" \
    --base-url "http://127.0.0.1:${LANG_PORT[$lang]}/" --now 2026-11-30T12:00:00Z \
    || die "the $lang fixture did not build"
done

say "brief check: every internal link and #fragment the theme writes"
"$BRIEF" check --root "$REPO" || die "broken links in the sample site"
"$BRIEF" check --root "$WORK/fixture" || die "broken links in the fixture site"
for lang in "${LANGS[@]}"; do
  "$BRIEF" check --root "$WORK/$lang" --now 2026-11-30T12:00:00Z || die "broken links in the $lang fixture"
done

# --- sitemaps against their schemas -------------------------------------------
say "xmllint: sitemap.xml and sitemap-news.xml against qa/schemas/ (offline)"
SCHEMAS="$QA_DIR/schemas"
xsd_check() {
  # xsd_check SCHEMA FILE: FILE must be valid against SCHEMA; --nonet keeps
  # xmllint from fetching anything the schemas name.
  if ! xmllint --noout --nonet --schema "$1" "$2" >"$WORK/xmllint.txt" 2>&1; then
    cat "$WORK/xmllint.txt" >&2
    die "$2 is not valid against qa/schemas/$(basename "$1")"
  fi
  echo "xmllint: $2 valid against $(basename "$1")"
}
news_count() {
  # news_count FILE: how many <news:news> entries FILE holds.
  xmllint --nonet --xpath 'count(/*/*/*[local-name()="news" and namespace-uri()="http://www.google.com/schemas/sitemap-news/0.9"])' "$1"
}
# The fixture's briefings are old: built again at noon on the day of its
# newest two (qa/fixture.py), its news sitemap lists them.
NEWEST="$(find "$WORK/fixture/content/briefings" -name '*-kitchen-sink.md' -printf '%f\n' | cut -c1-10)"
[ -n "$NEWEST" ] || die "no kitchen-sink briefing in the fixture"
NEWS_NOW="${NEWEST}T12:00:00Z"
"$BRIEF" build --root "$WORK/fixture" --output "$WORK/fixture-news" --base-url "$FIXTURE_BASE" --now "$NEWS_NOW" >/dev/null
for site in "$OUT" "$FIXTURE_OUT" "$WORK/fixture-news"; do
  xsd_check "$SCHEMAS/sitemap.xsd" "$site/sitemap.xml"
  xsd_check "$SCHEMAS/news-sitemap.xsd" "$site/sitemap-news.xml"
done
FIXTURE_NEWS="$(news_count "$WORK/fixture-news/sitemap-news.xml")"
echo "fixture at $NEWS_NOW: $FIXTURE_NEWS news entries"
[ "$FIXTURE_NEWS" = 2 ] || die "the fixture's news sitemap at $NEWS_NOW lists $FIXTURE_NEWS briefings, expected 2"
# The check must be able to fail: a language Google does not accept, and
# an entry without its headline, are refused.
sed 's#<news:language>[^<]*</news:language>#<news:language>english</news:language>#' \
  "$WORK/fixture-news/sitemap-news.xml" >"$WORK/bad-language.xml"
sed 's#<news:title>[^<]*</news:title>##' "$WORK/fixture-news/sitemap-news.xml" >"$WORK/bad-title.xml"
for bad in "$WORK/bad-language.xml" "$WORK/bad-title.xml"; do
  if xmllint --noout --nonet --schema "$SCHEMAS/news-sitemap.xsd" "$bad" >/dev/null 2>&1; then
    die "xmllint accepted $bad, which breaks the news schema: the schema check checks nothing"
  fi
done
echo "xmllint: broken copies refused, as they must be"

# --- structured data ----------------------------------------------------------
say "structured data: Google and Open Graph rules (structured-data-testing-tool, offline)"
# The full fixture uses every front-matter field (corrections, sources, a
# lead image, aliases, guid, extra) and every [publisher] key.
FULL_OUT="$WORK/full-public"
# A copy: a build writes its cache (.brief-cache/) into the site's folder.
cp -r "$REPO/tests/fixtures/full" "$WORK/full"
"$BRIEF" build --root "$WORK/full" --output "$FULL_OUT" --now 2026-11-30T12:00:00Z >/dev/null \
  || die "the full fixture (tests/fixtures/full) did not build"
node "$QA_DIR/structured-data.mjs" "$OUT" "$FIXTURE_OUT" "$FULL_OUT" \
  || die "structured data: pages break Google's or Open Graph's rules"
# The check must be able to fail: a briefing page without its share image
# and with a NewsArticle missing its headline is refused.
BROKEN_PAGE="$(find "$FULL_OUT/briefings" -name index.html | sort | head -1)"
sed -e 's#<meta property="og:image"[^>]*>##' -e 's#"headline":"[^"]*",##' "$BROKEN_PAGE" >"$WORK/broken-structured-data.html"
node "$QA_DIR/structured-data.mjs" --must-fail "$WORK/broken-structured-data.html" \
  || die "structured data: a broken page passed"

# --- the email edition through a spam filter -----------------------------------
say "SpamAssassin (local rules): the sample site's newest email edition"
EMAIL_DIR="$(dirname "$(find "$OUT/briefings" -name email.html | sort | tail -1)")"
python3 "$QA_DIR/mail.py" "$EMAIL_DIR/email.html" "$EMAIL_DIR/email.txt" >"$WORK/edition.eml"
spamassassin -t -L <"$WORK/edition.eml" >"$WORK/spam.txt" 2>/dev/null || true
SPAM_SCORE="$(sed -n 's/^Content analysis details: *(\(-\{0,1\}[0-9.]*\) points.*/\1/p' "$WORK/spam.txt")"
[ -n "$SPAM_SCORE" ] || die "spamassassin printed no score (see $WORK/spam.txt)"
sed -n '/^Content analysis details/,$p' "$WORK/spam.txt"
if grep -qE 'HTML_FONT_LOW_CONTRAST|HTML_FONT_SIZE_TINY|HIDDEN' "$WORK/spam.txt"; then
  die "the email edition hides text the way spam does"
fi
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 2.0 else 1)' "$SPAM_SCORE" \
  || die "the email edition scores $SPAM_SCORE with SpamAssassin's local rules (limit 2.0)"
echo "spamassassin: $SPAM_SCORE points"

# --- Nu HTML Checker ----------------------------------------------------------
say "Nu HTML Checker (vnu.jar), errors only"
mapfile -t HTML < <(find "$OUT" "$FIXTURE_OUT" "$FULL_OUT" "${LANG_OUT[@]}" -name '*.html' | sort)
[ "${#HTML[@]}" -gt 0 ] || die "no HTML pages were built"
if ! java -jar "$VNU" --errors-only --format gnu "${HTML[@]}" >"$WORK/vnu.txt" 2>&1; then
  cat "$WORK/vnu.txt"
  die "vnu: $(grep -c ': error' "$WORK/vnu.txt" || true) error(s) in ${#HTML[@]} pages"
fi
cat "$WORK/vnu.txt"
echo "vnu: ${#HTML[@]} pages, 0 errors"
if ! java -jar "$VNU" --css --errors-only --format gnu "$OUT/style.css" >"$WORK/vnu-css.txt" 2>&1; then
  cat "$WORK/vnu-css.txt"
  die "vnu: errors in style.css"
fi
echo "vnu: style.css, 0 errors"

# --- size -------------------------------------------------------------------
say "front page size"
FRONT_CARDS="$(grep -o 'class="card"' "$FIXTURE_OUT/index.html" | wc -l)"
FRONT_BYTES="$(wc -c <"$FIXTURE_OUT/index.html")"
echo "fixture front page: $FRONT_BYTES bytes with $FRONT_CARDS briefings (limit 30720)"
[ "$FRONT_CARDS" -ge 10 ] || die "the fixture front page shows $FRONT_CARDS briefings, expected 10"
[ "$FRONT_BYTES" -lt 30720 ] || die "the front page is $FRONT_BYTES bytes, over 30 KB"
CSS_BYTES="$(wc -c <"$OUT/style.css")"
echo "style.css: $CSS_BYTES bytes"

# --- headless Chromium ---------------------------------------------------------
serve "$OUT" "$PORT"
serve "$FIXTURE_OUT" "$FIXTURE_PORT"

# The sample site's pages: the front page, every briefing, one tag page, the
# tag index, the archive and the 404 page. The screenshots show the briefing
# with the most parts (a table, an update, two sources).
SAMPLE_PAGES=(front=)
SHOT_BRIEFING="briefings/us-weighs-force-against-cartels/"
if [ ! -d "$OUT/$SHOT_BRIEFING" ]; then
  SHOT_BRIEFING="briefings/$(basename "$(find "$OUT/briefings" -mindepth 1 -maxdepth 1 -type d | sort | head -1)")/"
fi
for dir in "$OUT"/briefings/*/; do
  rel="briefings/$(basename "$dir")/"
  if [ "$rel" = "$SHOT_BRIEFING" ]; then SAMPLE_PAGES+=("briefing=$rel"); else SAMPLE_PAGES+=("$rel"); fi
done
first_tag="$(find "$OUT/tags" -mindepth 2 -maxdepth 2 -name index.html | sort | head -1)"
SAMPLE_PAGES+=(tags/ "${first_tag#"$OUT"/}" archive/ 404.html)
FIXTURE_PAGES=("" page/2/ briefings/kitchen-sink/ tags/united-states/ tags/united-states/page/2/)

SHOT_ARGS=()
if [ "$SCREENSHOTS" = 1 ]; then SHOT_ARGS=(--shots "$REPO/docs/screenshots"); fi

say "Chromium + axe-core: sample site"
node "$QA_DIR/browser.mjs" --base "$BASE" --overlay "$REPO/src/serve/live.js" "${SHOT_ARGS[@]}" "${SAMPLE_PAGES[@]}" || die "browser checks failed on the sample site"
say "Chromium + axe-core: fixture site"
node "$QA_DIR/browser.mjs" --base "$FIXTURE_BASE" "${FIXTURE_PAGES[@]}" || die "browser checks failed on the fixture site"

# The Spanish and Arabic editions: every page in its language and direction,
# no horizontal scroll at 375 px (right to left too), axe in light and dark.
# With --screenshots: the front page and a briefing of each, one light
# desktop and one phone shot each (front-es-desktop-light.png, …).
for lang in "${LANGS[@]}"; do
  serve "${LANG_OUT[$lang]}" "${LANG_PORT[$lang]}"
  dir=ltr
  [ "$lang" = ar ] && dir=rtl
  shot="$(find "${LANG_OUT[$lang]}/briefings" -mindepth 1 -maxdepth 1 -type d | sort | tail -1)"
  LANG_PAGES=("front-$lang=" page/2/ "briefing-$lang=briefings/$(basename "$shot")/" tags/ archive/ 404.html)
  for d in "${LANG_OUT[$lang]}"/tags/*/; do LANG_PAGES+=("tags/$(basename "$d")/"); break; done
  LANG_SHOTS=()
  if [ "$SCREENSHOTS" = 1 ]; then LANG_SHOTS=(--shots "$REPO/docs/screenshots" --variants desktop-light,phone-dark); fi
  say "Chromium + axe-core: the $lang fixture ($dir)"
  node "$QA_DIR/browser.mjs" --base "http://127.0.0.1:${LANG_PORT[$lang]}/" --lang "$lang" --dir "$dir" \
    "${LANG_SHOTS[@]}" "${LANG_PAGES[@]}" || die "browser checks failed on the $lang fixture"
done

# --- search, as a reader uses it -------------------------------------------
SEARCH_PORT="$(free_port)"
SEARCH_BASE="http://127.0.0.1:$SEARCH_PORT/news/"
say "search in Chromium: qa/search_fixture.py, served under /news/ ($SEARCH_BASE)"
python3 "$QA_DIR/search_fixture.py" "$WORK/search" "$SEARCH_BASE"
"$BRIEF" build --root "$WORK/search/site" --output "$WORK/search-root/news" --now 2026-11-30T12:00:00Z >/dev/null \
  || die "the search fixture did not build"
serve "$WORK/search-root" "$SEARCH_PORT"
node "$QA_DIR/search.mjs" --base "$SEARCH_BASE" --expected "$WORK/search/expected.json" \
  || die "search checks failed"

say "all theme checks passed in $(( $(date +%s) - START )) s"
