// Renders pages of a served brief site in Debian's headless Chromium and
// checks what a reader's browser and a screen reader would trip on:
//   - no horizontal scroll at 375 px and 1280 px wide,
//   - no serious or critical axe-core violations, in light and dark,
//   - one <h1>, no script but JSON-LD, no request that leaves the local
//     server, no failed request, a skip link that shows when focused.
// With --shots DIR it also writes screenshots of the pages given a name
// (only the WIDTH-SCHEME variants named by --variants, e.g. desktop-light,
// when given). --lang and --dir require every page's <html lang> and dir.
//
//   node qa/browser.mjs --base http://127.0.0.1:PORT/ [--shots DIR] [--full]
//                       [--variants desktop-light,…] [--lang es] [--dir rtl]
//                       [name=]path ...
//
// Never downloads a browser: it drives /usr/bin/chromium (or $CHROMIUM).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const axePath = require.resolve('axe-core/axe.min.js', { paths: [here] });

const args = process.argv.slice(2);
let base = null;
let shots = null;
let full = false;
let overlay = null;
let variants = null;
let wantLang = null;
let wantDir = null;
const pages = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--base') base = args[++i];
  else if (a === '--shots') shots = args[++i];
  else if (a === '--full') full = true;
  else if (a === '--overlay') overlay = args[++i];
  else if (a === '--variants') variants = args[++i].split(',');
  else if (a === '--lang') wantLang = args[++i];
  else if (a === '--dir') wantDir = args[++i];
  else {
    const eq = a.indexOf('=');
    pages.push(eq > 0 ? { name: a.slice(0, eq), path: a.slice(eq + 1) } : { name: null, path: a });
  }
}
if (!base || pages.length === 0) {
  console.error('usage: node qa/browser.mjs --base URL [--shots DIR] [--full] [name=]path ...');
  process.exit(2);
}
if (!base.endsWith('/')) base += '/';
if (shots) fs.mkdirSync(shots, { recursive: true });

const WIDTHS = [
  { width: 375, height: 812, label: 'phone' },
  { width: 1280, height: 900, label: 'desktop' },
];
const SCHEMES = ['light', 'dark'];
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const failures = [];
const fail = (where, msg) => {
  failures.push(`${where}: ${msg}`);
  console.log(`  FAIL ${msg}`);
};
const counts = { runs: 0, serious: 0, critical: 0, moderate: 0, minor: 0 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
});
try {
  for (const vp of WIDTHS) {
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: 1,
      javaScriptEnabled: true, // for axe and the checks; the site itself ships none
    });
    const page = await context.newPage();
    const external = [];
    const broken = [];
    page.on('request', (req) => {
      const u = req.url();
      if (!u.startsWith(base) && !u.startsWith('data:')) external.push(u);
    });
    page.on('response', (res) => {
      // 404.html is fetched directly, so every response here should be 2xx/3xx.
      if (res.status() >= 400) broken.push(`${res.status()} ${res.url()}`);
    });
    page.on('requestfailed', (req) => broken.push(`failed ${req.url()}`));

    for (const p of pages) {
      const url = new URL(p.path, base).href;
      const where = `${p.path || '/'} @${vp.width}px`;
      console.log(`${where}`);
      external.length = 0;
      broken.length = 0;
      await page.emulateMedia({ colorScheme: 'light', media: 'screen' });
      const res = await page.goto(url, { waitUntil: 'load' });
      if (!res || !res.ok()) fail(where, `HTTP ${res ? res.status() : 'no response'}`);

      const facts = await page.evaluate(() => ({
        h1: document.querySelectorAll('h1').length,
        scripts: [...document.scripts].filter((s) => s.type !== 'application/ld+json').length,
        sheets: document.styleSheets.length,
        lang: document.documentElement.lang,
        dir: document.documentElement.dir || 'ltr',
        title: document.title,
      }));
      if (facts.h1 !== 1) fail(where, `${facts.h1} <h1> elements, want 1`);
      if (facts.scripts) fail(where, `${facts.scripts} script(s) besides JSON-LD`);
      if (facts.sheets < 1) fail(where, 'no stylesheet loaded');
      if (!facts.lang) fail(where, 'no lang on <html>');
      if (wantLang && facts.lang !== wantLang) fail(where, `<html lang="${facts.lang}">, want ${wantLang}`);
      if (wantDir && facts.dir !== wantDir) fail(where, `<html dir="${facts.dir}">, want ${wantDir}`);
      if (!facts.title) fail(where, 'empty <title>');

      // The skip link is the first thing the keyboard reaches, and shows.
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || !a.matches('.skip-link')) return { ok: false, what: a ? a.outerHTML.slice(0, 80) : 'nothing' };
        const r = a.getBoundingClientRect();
        const cs = getComputedStyle(a);
        return { ok: r.left >= 0 && r.top >= 0 && r.width > 0 && cs.outlineStyle !== 'none', what: `${r.left},${r.top} outline ${cs.outlineStyle}` };
      });
      if (!skip.ok) fail(where, `skip link not focused and visible on first Tab (${skip.what})`);
      await page.evaluate(() => document.activeElement && document.activeElement.blur());

      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
        const w = `${where} ${scheme}`;
        const scroll = await page.evaluate(() => ({
          sw: document.documentElement.scrollWidth,
          iw: window.innerWidth,
        }));
        if (scroll.sw > scroll.iw) fail(w, `horizontal scroll: scrollWidth ${scroll.sw} > innerWidth ${scroll.iw}`);

        if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
          await page.addScriptTag({ path: axePath });
        }
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ' — ' + n.failureSummary.split('\n').slice(1).join(' ').trim() : ''}`),
          }));
        });
        counts.runs++;
        for (const v of violations) {
          counts[v.impact] = (counts[v.impact] || 0) + 1;
          const line = `axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node(s))\n      ${v.nodes.slice(0, 5).join('\n      ')}`;
          if (v.impact === 'serious' || v.impact === 'critical') fail(w, line);
          else console.log(`  note ${scheme}: ${line}`);
        }

        if (shots && p.name && (!variants || variants.includes(`${vp.label}-${scheme}`))) {
          const file = path.join(shots, `${p.name}-${vp.label}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: full });
          console.log(`  screenshot ${file}`);
        }
      }
      for (const u of external) fail(where, `request outside the site: ${u}`);
      for (const b of broken) fail(where, `broken request: ${b}`);
    }
    await context.close();
  }
  // The dev server's error overlay (src/serve/live.js), as `brief serve`
  // shows it over a page: the real script, fed one build-error event by a
  // stand-in EventSource, checked by axe in light and dark.
  if (overlay) {
    const code = fs.readFileSync(overlay, 'utf8');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const scheme of SCHEMES) {
      const where = `serve overlay (${scheme})`;
      console.log(where);
      await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
      await page.goto(new URL(pages[0].path, base).href, { waitUntil: 'load' });
      await page.evaluate((source) => {
        const message = 'error: content/briefings/x.md:3:7: `tags` must be a list, even of one\n  |\n3 | tags: Energy\n  |       ^\n  = hint: write `tags: [Energy]`';
        window.EventSource = class {
          constructor() {
            this.listeners = {};
            setTimeout(() => (this.listeners['build-error'] || []).forEach((f) => f({ data: JSON.stringify(message) })), 0);
          }
          addEventListener(name, f) { (this.listeners[name] = this.listeners[name] || []).push(f); }
        };
        new Function(source)();
      }, code);
      await page.waitForSelector('[role=alert]');
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run('[role=alert]', { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ impact: v.impact, text: `${v.id}: ${v.help}` }));
      });
      counts.runs += 1;
      for (const v of violations) {
        counts[v.impact] = (counts[v.impact] || 0) + 1;
        if (v.impact === 'serious' || v.impact === 'critical') fail(where, `axe ${v.impact} ${v.text}`);
        else console.log(`  note: axe ${v.impact} ${v.text}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}

console.log(
  `axe: ${counts.runs} runs; violations by impact: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}`,
);
if (failures.length) {
  console.log(`\n${failures.length} browser check(s) failed:`);
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
console.log('browser checks: all passed');
