// Structured data of built sites, checked offline with
// structured-data-testing-tool's Google and Facebook (Open Graph) presets:
// every page's JSON-LD must satisfy Google's rules for the types it uses
// (NewsArticle: headline, image, author, dates, publisher with logo, ...)
// and its <meta> tags Open Graph's (og:title, og:type, og:url, og:image
// and its alt text). Warnings are printed; any failure fails the run.
//
//   node qa/structured-data.mjs DIR...            every page of each site
//   node qa/structured-data.mjs --must-fail FILE  FILE must fail (so the
//                                                 check can fail at all)
//
// Email editions (email.html) and redirect pages of aliases (noindex) are
// not web pages a search engine or a share card reads, and are skipped.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import sdtt from 'structured-data-testing-tool';
import presets from 'structured-data-testing-tool/presets.js';

const { structuredDataTest } = sdtt;
const { Google, Facebook } = presets;

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...pages(path));
    else if (name.endsWith('.html') && name !== 'email.html') out.push(path);
  }
  return out.sort();
}

async function check(file) {
  const html = readFileSync(file);
  if (/<meta name="robots" content="noindex">/.test(html.toString('utf8'))) return null;
  try {
    return { ok: true, res: await structuredDataTest(html, { presets: [Google, Facebook] }) };
  } catch (err) {
    if (err.type !== 'VALIDATION_FAILED') throw err;
    return { ok: false, res: err.res };
  }
}

const label = (t) => `${t.group ? `${t.group}: ` : ''}${t.description || t.test}`;

const args = process.argv.slice(2);
if (args[0] === '--must-fail') {
  const r = await check(args[1]);
  if (!r || r.ok) {
    console.error(`structured data: ${args[1]} passed, but it must fail: the check checks nothing`);
    process.exit(1);
  }
  console.log(`structured data: ${args[1]} refused, as it must be (${r.res.failed.map(label).join('; ')})`);
  process.exit(0);
}

let checked = 0;
let failures = 0;
const warnings = new Map();
const types = new Set();
for (const dir of args) {
  for (const file of pages(dir)) {
    const r = await check(file);
    if (!r) continue;
    checked += 1;
    r.res.schemas.forEach((s) => types.add(s));
    for (const w of r.res.warnings) warnings.set(label(w), (warnings.get(label(w)) || 0) + 1);
    if (!r.ok) {
      failures += r.res.failed.length;
      for (const f of r.res.failed) console.error(`FAIL ${relative(dir, file)}: ${label(f)}`);
    }
  }
}
for (const [w, n] of warnings) console.log(`warning (${n} pages): ${w}`);
console.log(`structured data: ${checked} pages, schemas ${[...types].sort().join(', ')}, ${failures} failure(s)`);
if (checked === 0) {
  console.error('structured data: no pages checked');
  process.exit(1);
}
process.exit(failures > 0 ? 1 : 0);
