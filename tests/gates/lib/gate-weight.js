// Gate "weight": bytes of each checked page plus the CSS and JS it loads (data downloads and
// images excluded); fails when any report page (chapter, front matter, appendix) weighs more
// than 150 KB (150 × 1024 bytes) of HTML+CSS+JS.
"use strict";
const fs = require("fs");
const path = require("path");
const { fileURLToPath } = require("url");
const c = require("./common");

const { root } = c.args();
const LIMIT = Number(process.env.GATES_MAX_CHAPTER_BYTES || 150 * 1024);

function attrs(s) {
  const a = {};
  for (const m of s.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) a[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? "";
  return a;
}

function cssBytes(abs, seen) {
  if (seen.has(abs) || !fs.existsSync(abs)) return 0;
  seen.add(abs);
  let n = fs.statSync(abs).size;
  const css = fs.readFileSync(abs, "utf8");
  for (const m of css.matchAll(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)/g)) {
    if (/^[a-z]+:/i.test(m[1])) continue;
    n += cssBytes(path.resolve(path.dirname(abs), m[1]), seen);
  }
  return n;
}

// HTML + stylesheets + scripts of one page (each file once), from the raw HTML.
function weigh(rel) {
  const abs = path.join(root, rel);
  const html = fs.readFileSync(abs, "utf8");
  const base = c.fileUrl(root, rel);
  const seen = new Set();
  let css = 0, js = 0, inlineCss = 0, inlineJs = 0;
  const local = (v) => {
    if (!v || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(v)) return null;
    try { return fileURLToPath(new URL(v, base).href.split(/[?#]/)[0]); } catch (e) { return null; }
  };
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const a = attrs(m[1]);
    if (!/\bstylesheet\b/i.test(a.rel || "")) continue;
    const f = local(a.href);
    if (f) css += cssBytes(f, seen);
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const a = attrs(m[1]);
    if (a.src !== undefined) {
      const f = local(a.src);
      if (f && !seen.has(f) && fs.existsSync(f)) { seen.add(f); js += fs.statSync(f).size; }
    } else inlineJs += Buffer.byteLength(m[2]);
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) inlineCss += Buffer.byteLength(m[1]);
  const htmlBytes = Buffer.byteLength(html);
  return { rel, html: htmlBytes, css, js, inlineCss, inlineJs, total: htmlBytes + css + js, svg: c.countSvg(html) };
}

const { pages, problems } = c.checkedPages(root);
for (const p of problems) console.log("  " + p);
const line = (w, name) => `  ${name.padEnd(34)} ${c.fmtKB(w.total).padStart(9)} = HTML ${c.fmtKB(w.html)} (inline CSS ${c.fmtKB(w.inlineCss)}, JS ${c.fmtKB(w.inlineJs)}) + CSS ${c.fmtKB(w.css)} + JS ${c.fmtKB(w.js)}; ${w.svg} svg`;
console.log("  checked pages (HTML + CSS + JS it loads):");
for (const p of pages) console.log(line(weigh(p.rel), c.pageName(p)));
const reportPages = c.readingOrder(root).map(weigh).sort((a, b) => b.total - a.total);
const over = reportPages.filter((w) => w.total > LIMIT);
console.log(`  report pages, heaviest first (limit ${c.fmtKB(LIMIT)}):`);
for (const w of reportPages.slice(0, 5)) console.log(line(w, w.rel) + (w.total > LIMIT ? "   <-- OVER LIMIT" : ""));
if (reportPages.length > 5) console.log(`  … ${reportPages.length - 5} lighter pages`);
for (const rel of ["print.html", "search.html"]) if (fs.existsSync(path.join(root, rel))) console.log(line(weigh(rel), rel + " (not limited)"));
const heaviest = reportPages[0];
c.finish(over.length === 0 && problems.length === 0,
  `${reportPages.length} report pages, heaviest ${heaviest ? heaviest.rel + " " + c.fmtKB(heaviest.total) : "-"} ` +
  `(limit ${c.fmtKB(LIMIT)}): ${over.length} over` + (over.length ? ` [${over.map((w) => w.rel + " " + c.fmtKB(w.total)).join(", ")}]` : ""));
