// The search page of brief's theme: Pagefind's search API over the parts
// of the site's index (newest first), run in the reader's browser. The page works as a plain form too: the
// query, tag and year are in its address (`?q=…&tag=…&year=…`), so a
// search box on any page can submit to it.

const form = document.querySelector("form.search-form");
const input = form.querySelector("#search-q");
const tagSelect = form.querySelector("#search-tag");
const yearSelect = form.querySelector("#search-year");
const status = document.getElementById("search-status");
const empty = document.getElementById("search-empty");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE = 10;

// What the page says, from the template (in the site's language), with
// `{n}`, `{what}`, `{tag}` and `{year}` filled in here. A text with plural
// forms is `{category: text}`, chosen with the language's plural rules.
const words = {
  searching: "Searching…",
  none: "No briefings match {what}.",
  found: { one: "{n} briefing matches {what}.", other: "{n} briefings match {what}." },
  tagged: "tagged {tag}",
  from: "from {year}",
  nothing: "There are no briefings to search yet.",
  failed: "Search could not be loaded. Reload the page to try again.",
  ...JSON.parse(form.dataset.words || "{}"),
};
const plurals = new Intl.PluralRules(document.documentElement.lang || "en");
function say(key, values = {}) {
  let text = words[key];
  if (typeof text === "object") text = text[plurals.select(values.n)] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : `{${name}}`));
}

// The status line says it in words, and in `data-state` for scripts and
// tests: idle, searching, found, none or failed.
function state(key, values) {
  status.dataset.state = { searching: "searching", none: "none", found: "found", failed: "failed" }[key] || "idle";
  status.textContent = say(key, values);
}

// Paths, not URLs: the site may be served from another origin than the
// one it was built for (a preview, a mirror).
const path = (url) => new URL(url, location.href).pathname;
const parts = form.dataset.parts.split(" ").filter(Boolean).map((url) => {
  const basePath = path(url);
  // A part is named by its period: `2024`, `2024-q3` or `2024-07`.
  return { basePath, year: basePath.split("/").filter(Boolean).pop().slice(0, 4) };
});
const base = path(form.dataset.base);

// Each part is searched by its own copy of Pagefind (its own module, as
// each is imported from its own folder), so that results can be put in
// order across parts: by relevance for a query, newest first for a filter
// alone. Parts are loaded the first time a search needs them; a year
// filter needs only that year's.
async function engine(part) {
  if (!part.engine) {
    part.engine = (async () => {
      const pagefind = await import(part.basePath + "pagefind.js");
      await pagefind.options({ basePath: part.basePath, baseUrl: base, excerptLength: 28 });
      await pagefind.init();
      return pagefind;
    })();
  }
  return part.engine;
}

let results = [];
let shown = 0;
let generation = 0;

// Pagefind's excerpt is HTML: text (escaped when indexed) with matches in
// <mark>. Only text and <mark> are carried over.
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const p = document.createElement("p");
  p.className = "excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      p.append(node.textContent);
    } else if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    }
  }
  return p;
}

function item(data) {
  const li = document.createElement("li");
  const h2 = document.createElement("h2");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h2.append(a);
  const meta = document.createElement("p");
  meta.className = "meta";
  if (data.meta.date) {
    const date = document.createElement("span");
    date.textContent = data.meta.date;
    meta.append(date);
  }
  let tags = [];
  try {
    tags = JSON.parse(data.meta.tags || "[]");
  } catch (_) {
    tags = [];
  }
  if (tags.length) {
    const span = document.createElement("span");
    span.className = "tags";
    span.textContent = tags.join(", ");
    if (meta.childNodes.length) meta.append(" · ");
    meta.append(span);
  }
  li.append(h2, meta, excerpt(data.excerpt || ""));
  return li;
}

async function showMore() {
  const slice = results.slice(shown, shown + PAGE);
  const mine = generation;
  const data = await Promise.all(slice.map((r) => r.data()));
  if (mine !== generation) return;
  for (const d of data) list.append(item(d));
  shown += slice.length;
  more.hidden = shown >= results.length;
}

function describe(query, tag, year) {
  const bits = [];
  if (query) bits.push(`“${query}”`);
  if (tag) bits.push(say("tagged", { tag }));
  if (year) bits.push(say("from", { year }));
  return bits.join(", ");
}

async function run() {
  const query = input.value.trim();
  const tag = tagSelect.value;
  const year = yearSelect.value;
  const mine = ++generation;
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (tag) params.set("tag", tag);
  if (year) params.set("year", year);
  const address = params.toString() ? `?${params}` : location.pathname;
  history.replaceState(null, "", address);
  list.replaceChildren();
  empty.hidden = true;
  more.hidden = true;
  results = [];
  shown = 0;
  if (!query && !tag && !year) {
    status.textContent = "";
    status.dataset.state = "idle";
    return;
  }
  if (!parts.length) {
    state("nothing");
    return;
  }
  state("searching");
  let found;
  try {
    const filters = {};
    if (tag) filters.tag = tag;
    if (year) filters.year = year;
    const options = { filters };
    if (!query) options.sort = { date: "desc" };
    const searched = parts.filter((p) => !year || p.year === year);
    const each = await Promise.all(
      searched.map(async (p) => (await (await engine(p)).search(query || null, options)).results),
    );
    // Parts are newest first and each lists its results newest first
    // when there is no query; with one, the most relevant come first.
    found = each.flat();
    if (query) found.sort((a, b) => b.score - a.score);
  } catch (error) {
    if (mine === generation) {
      state("failed");
    }
    throw error;
  }
  if (mine !== generation) return;
  results = found;
  const what = describe(query, tag, year);
  if (!results.length) {
    state("none", { what });
    empty.hidden = false;
    return;
  }
  state("found", { n: results.length, what });
  await showMore();
}

let timer = 0;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(run, 200);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
input.addEventListener("input", soon);
tagSelect.addEventListener("change", run);
yearSelect.addEventListener("change", run);
more.querySelector("button").addEventListener("click", showMore);

const initial = new URLSearchParams(location.search);
input.value = initial.get("q") || "";
for (const [select, key] of [[tagSelect, "tag"], [yearSelect, "year"]]) {
  const value = initial.get(key);
  if (value && [...select.options].some((o) => o.value === value || o.text === value)) {
    select.value = value;
  }
}
if (input.value || tagSelect.value || yearSelect.value) run();
if (!input.value) input.focus();
