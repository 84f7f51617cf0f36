// Search as a reader uses it, in Debian's headless Chromium: the site of
// qa/search_fixture.py, served over HTTP under a base path, its index in
// three parts merged in the browser. Checks that
//   - a word in exactly one briefing finds that briefing first (and only it),
//     its excerpt marking the word;
//   - "sanction" finds the briefings that say "sanctions" (stemming);
//   - a tag filter alone lists exactly that tag's briefings, newest first;
//     a year filter narrows a query to that year;
//   - words only in a draft or a scheduled briefing, or in none, find
//     nothing and show the empty state;
//   - the masthead's search box submits to the search page (no script
//     needed to get there) and the search runs from the address;
//   - no request fails, no request leaves the server, no horizontal scroll
//     at 375 px, and axe-core finds no serious or critical violation on the
//     search page with results, in light and dark.
//
//   node qa/search.mjs --base http://127.0.0.1:PORT/news/ --expected FILE
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const axePath = require.resolve('axe-core/axe.min.js', { paths: [here] });

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
};
let base = arg('--base');
const expectedFile = arg('--expected');
if (!base || !expectedFile) {
  console.error('usage: node qa/search.mjs --base URL --expected FILE');
  process.exit(2);
}
if (!base.endsWith('/')) base += '/';
const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
const basePath = new URL(base).pathname;
const abs = (href) => basePath + href;

const failures = [];
const check = (ok, what) => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const broken = [];
  const external = [];
  page.on('response', (r) => { if (r.status() >= 400) broken.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => broken.push(`failed ${r.url()}`));
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url()); });
  page.on('pageerror', (e) => broken.push(`script error: ${e.message}`));

  // Waits for the search the page is running to settle and returns what it shows.
  const results = async () => {
    const settled = () => ['found', 'none', 'failed'].includes(document.getElementById('search-status').dataset.state);
    await page.waitForFunction(settled, null, { timeout: 20000 });
    // Let a pending debounce and its search run too.
    await page.waitForTimeout(400);
    await page.waitForFunction(settled, null, { timeout: 20000 });
    return page.evaluate(() => ({
      status: document.getElementById('search-status').textContent,
      state: document.getElementById('search-status').dataset.state,
      hrefs: [...document.querySelectorAll('#search-results li h2 a')].map((a) => new URL(a.href).pathname),
      marks: [...document.querySelectorAll('#search-results li .excerpt mark')].map((m) => m.textContent.toLowerCase()),
      empty: !document.getElementById('search-empty').hidden,
      more: !document.getElementById('search-more').hidden,
    }));
  };
  const type = async (text) => {
    await page.fill('#search-q', '');
    await page.type('#search-q', text, { delay: 20 });
    return results();
  };

  console.log('search: a word in one briefing');
  await page.goto(`${base}search/?q=${expected.unique.word}`, { waitUntil: 'load' });
  let r = await results();
  check(same(r.hrefs, [abs(expected.unique.href)]), `"${expected.unique.word}" finds only ${expected.unique.href} (got ${r.hrefs.join(', ')})`);
  const bare = (m) => m.replace(/[^\p{L}\p{N}]/gu, '');
  check(r.marks.map(bare).includes(expected.unique.word), `its excerpt marks the word (marks: ${r.marks.join(', ')})`);

  console.log('search: stemming');
  r = await type('sanction');
  check(same([...r.hrefs].sort(), expected.sanctions.map(abs).sort()), `"sanction" finds the briefings saying "sanctions" (got ${r.hrefs.join(', ')})`);
  check(r.marks.some((m) => m.startsWith('sanction')), `the match is marked (marks: ${r.marks.join(', ')})`);

  console.log('search: a year filter');
  await page.selectOption('#search-year', '2024');
  r = await results();
  check(same(r.hrefs, expected.sanctions_2024.map(abs)), `"sanction" in 2024 finds only ${expected.sanctions_2024.join(', ')} (got ${r.hrefs.join(', ')})`);
  check(page.url().includes('year=2024') && page.url().includes('q=sanction'), `the address holds the query and filter (${page.url()})`);

  console.log('search: a tag filter alone');
  await page.selectOption('#search-year', '');
  await page.fill('#search-q', '');
  await page.selectOption('#search-tag', 'Energy');
  r = await results();
  while (r.more) {
    await page.click('#search-more button');
    await page.waitForTimeout(300);
    r = await results();
  }
  check(same(r.hrefs, [...expected.energy].reverse().map(abs)), `tag Energy lists its ${expected.energy.length} briefings newest first (got ${r.hrefs.length}: ${r.hrefs.join(', ')})`);
  await page.selectOption('#search-tag', '');

  console.log('search: nothing to find');
  for (const word of expected.never) {
    r = await type(word);
    check(r.hrefs.length === 0 && r.empty && r.state === 'none' && r.status.includes(word), `"${word}" finds nothing and says so ("${r.status}")`);
  }

  console.log('search: from the masthead');
  await page.goto(base, { waitUntil: 'load' });
  await page.fill('form.site-search input[name=q]', expected.unique.word);
  await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('form.site-search input[name=q]', 'Enter')]);
  r = await results();
  check(new URL(page.url()).pathname === `${basePath}search/`, `the masthead box submits to ${basePath}search/ (${page.url()})`);
  check(same(r.hrefs, [abs(expected.unique.href)]), `and the search runs from the address (got ${r.hrefs.join(', ')})`);

  console.log('search page: layout and accessibility with results');
  await page.goto(`${base}search/?q=sanction`, { waitUntil: 'load' });
  await results();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(scroll <= 0, `no horizontal scroll at ${width} px, ${scheme}`);
    }
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const res = await window.axe.run(document, { resultTypes: ['violations'] });
      return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s)`);
    });
    check(violations.length === 0, `axe-core, ${scheme}: ${violations.length ? violations.join('; ') : 'no serious or critical violations'}`);
  }
  check(broken.length === 0, `no failed request or script error${broken.length ? ': ' + broken.join('; ') : ''}`);
  check(external.length === 0, `no request leaves the server${external.length ? ': ' + external.join('; ') : ''}`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(`search: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('search: every check passed');
