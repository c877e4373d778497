// Shared helpers for the reader quality gates: finding pages, launching Debian's Chromium,
// and reporting a gate's result in the one format that tests/gates/run reads.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");

const HERE = path.resolve(__dirname, "..");
const OUT = process.env.GATES_OUT || path.join(HERE, "out");
const SEARCH_QUERY = process.env.GATES_SEARCH_QUERY || "跨境电商";
const CHROMIUM = process.env.GATES_CHROMIUM || "/usr/bin/chromium";

// Pages the theme generates besides the report's own pages.
const SPECIAL = new Set(["index.html", "print.html", "figures.html", "search.html", "data.html", "404.html"]);

function listHtml(root) {
  const out = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.html?$/i.test(e.name)) out.push(path.relative(root, p).split(path.sep).join("/"));
    }
  })(root);
  return out;
}

function read(root, rel) {
  return fs.readFileSync(path.join(root, rel), "utf8");
}

function fileUrl(root, rel, search) {
  return pathToFileURL(path.join(root, rel)).href + (search || "");
}

function countSvg(html) {
  return (html.match(/<svg\b/gi) || []).length;
}

// Report pages in reading order: the order index.html links them, then the rest by name.
function readingOrder(root) {
  const all = listHtml(root);
  const order = [];
  if (fs.existsSync(path.join(root, "index.html"))) {
    const idx = read(root, "index.html");
    const re = /\bhref\s*=\s*["']?([^"'\s>#?]+)/gi;
    let m;
    while ((m = re.exec(idx))) {
      const rel = path.posix.normalize(m[1]);
      if (all.includes(rel) && !order.includes(rel) && !SPECIAL.has(rel)) order.push(rel);
    }
  }
  for (const rel of all) if (!order.includes(rel) && !SPECIAL.has(path.posix.basename(rel))) order.push(rel);
  return order;
}

// The pages the browser gates look at: cover, the chapter with most inline SVG, the first appendix,
// the list of figures and the search page with a query (results rendered by JavaScript).
function checkedPages(root) {
  const pages = [];
  const problems = [];
  const add = (key, rel, search) => pages.push({ key, rel, search: search || "", url: fileUrl(root, rel, search) });
  const exists = (rel) => fs.existsSync(path.join(root, rel));
  if (exists("index.html")) add("cover", "index.html");
  else problems.push("index.html (the cover) is missing");
  const order = readingOrder(root);
  let best = null, bestN = 0;
  for (const rel of order) {
    const n = countSvg(read(root, rel));
    if (n > bestN) { best = rel; bestN = n; }
  }
  if (best) add("chart", best);
  else if (order.length) { add("chart", order[0]); }
  else problems.push("no report page (chapter) found");
  const appendix = order.find((rel) => /<body\b[^>]*\bclass\s*=\s*["'][^"']*\bpage-appendix\b/i.test(read(root, rel)));
  if (appendix) add("appendix", appendix);
  // A report without figures or tables has no list of them (the cover then does not link one).
  if (exists("figures.html")) add("figures", "figures.html");
  else if (/href="figures\.html"/.test(exists("index.html") ? read(root, "index.html") : ""))
    problems.push("figures.html is missing (the cover links it)");
  if (exists("search.html")) add("search", "search.html", "?q=" + encodeURIComponent(SEARCH_QUERY));
  else problems.push("search.html is missing");
  return { pages, problems, chartSvgCount: bestN };
}

function pageName(p) {
  return p.rel + (p.search ? decodeURIComponent(p.search) : "");
}

// Chromium flags for running as root in a container with no network but the package registries.
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage", "--allow-file-access-from-files", "--font-render-hinting=none",
];

async function launch() {
  const { chromium } = require("playwright-core");
  // Playwright's launch() gives the browser a fresh, temporary --user-data-dir of its own and
  // deletes it on close (it refuses --user-data-dir in args); we never download a browser.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60000,
    env: { ...process.env, TMPDIR: os.tmpdir() },
  });
}

// A browser context that can only read file:// URLs: every other request is aborted and recorded.
async function newContext(browser, opts = {}) {
  const ctx = await browser.newContext({
    viewport: opts.viewport || { width: 1280, height: 800 },
    colorScheme: opts.colorScheme || "light",
    javaScriptEnabled: opts.javaScriptEnabled !== false,
    reducedMotion: "reduce",
    deviceScaleFactor: 1,
  });
  ctx.external = [];
  await ctx.route((u) => u.protocol !== "file:" && u.protocol !== "data:" && u.protocol !== "blob:", (route) => {
    ctx.external.push(route.request().url());
    return route.abort();
  });
  ctx.setDefaultTimeout(60000);
  return ctx;
}

// Load a page and wait until it has settled: fonts, and for the search page the JS results.
async function open(ctx, p, opts = {}) {
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e.message || e)));
  page.on("requestfailed", (r) => {
    if (r.url().startsWith("file:")) errors.push("failed to load " + r.url() + " (" + (r.failure() || {}).errorText + ")");
  });
  page.jsErrors = errors;
  await page.goto(p.url, { waitUntil: "load" });
  if (p.key === "search" && opts.javaScriptEnabled !== false) {
    await page.waitForFunction(() => {
      const l = document.getElementById("search-results");
      const s = document.getElementById("search-status");
      return (l && l.children.length > 0) || (s && s.textContent.trim().length > 0);
    }, null, { timeout: 15000 }).catch(() => errors.push("search results never appeared"));
  }
  await page.evaluate(() => document.fonts && document.fonts.ready).catch(() => {});
  return page;
}

// Every gate ends with this line; tests/gates/run prints it in the summary.
function finish(ok, summary) {
  console.log(`GATE-RESULT: ${ok ? "PASS" : "FAIL"} ${summary}`);
  process.exitCode = ok ? 0 : 1;
}

function fmtKB(n) {
  return (n / 1024).toFixed(1) + " KB";
}

function args() {
  const [site, label] = process.argv.slice(2);
  if (!site || !fs.existsSync(site) || !fs.statSync(site).isDirectory()) {
    console.error(`usage: node ${path.basename(process.argv[1])} SITE_DIR [LABEL]  (no such directory: ${site})`);
    process.exit(2);
  }
  return { root: path.resolve(site), label: label || path.basename(path.resolve(site)) };
}

module.exports = {
  HERE, OUT, SEARCH_QUERY, CHROMIUM, SPECIAL, listHtml, read, fileUrl, countSvg, readingOrder, checkedPages,
  pageName, launch, newContext, open, finish, fmtKB, args,
};
