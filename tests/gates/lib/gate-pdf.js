// Gate "pdf": the PDF that `annalist pdf` makes, made from the site (`annalist pdf --site SITE`,
// the same printing as `annalist pdf PROJECT` after its build) and read back with poppler and qpdf:
// its outline (bookmarks) names every chapter, every page after the cover shows its number in the
// bottom margin, no link points to a file:// URL, and no page ends with a figure or table caption.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const c = require("./common");

const { root, label } = c.args();
const ANNALIST = process.env.ANNALIST || path.resolve(c.HERE, "../../build/annalist");
const FOOTER_PT = 60; // the bottom margin is 18 mm = 51 pt; a page number sits in it

const run = (cmd, args) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28 });
const decode = (s) =>
  s.replace(/<[^>]*>/g, "").replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d)).replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&nbsp;/g, " ").replace(/&amp;/g, "&");
const squash = (s) => s.replace(/\s+/g, "");

// Chapters of print.html: each article.print-chapter's id and the text of its first <h1>.
function chapters(html) {
  const out = [];
  const re = /<article\b[^>]*class="[^"]*\bprint-chapter\b[^"]*"[^>]*>([\s\S]*?)<\/article>/g;
  for (let m; (m = re.exec(html));) {
    const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(m[1]);
    const id = /\bid="([^"]+)"/.exec(m[0].slice(0, m[0].indexOf(">")));
    out.push({ id: id ? id[1] : "?", title: h1 ? decode(h1[1]).trim() : null });
  }
  return out;
}

// The text of every caption (<figcaption>, <caption>), without spaces.
function captions(html) {
  return new Set([...html.matchAll(/<(figcaption|caption)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => squash(decode(m[2]))));
}

function outlineTitles(pdf) {
  const json = JSON.parse(run("qpdf", ["--json", "--json-key=outlines", pdf]));
  const titles = [];
  (function walk(items) { for (const o of items || []) { titles.push(o.title); walk(o.kids); } })(json.outlines);
  return titles;
}

// Every /URI of the PDF's objects.
function uris(pdf) {
  const json = JSON.parse(run("qpdf", ["--json=2", "--json-key=qpdf", pdf]));
  const out = [];
  const str = (v) => (typeof v !== "string" ? "" : v.startsWith("u:") ? v.slice(2)
    : v.startsWith("b:") ? Buffer.from(v.slice(2), "hex").toString("latin1") : v);
  (function walk(v) {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) { if (k === "/URI") out.push(str(x)); else walk(x); }
    }
  })(json.qpdf);
  return out;
}

// Per page: its height and its text blocks (poppler's -bbox-layout) as {text, yMax}.
function pages(pdf) {
  const xml = run("pdftotext", ["-bbox-layout", pdf, "-"]);
  const out = [];
  for (const pm of xml.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const blocks = [];
    for (const bm of pm[2].matchAll(/<block xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/block>/g)) {
      const lines = [...bm[3].matchAll(/<line\b[^>]*>([\s\S]*?)<\/line>/g)].map((l) =>
        [...l[1].matchAll(/<word\b[^>]*>([\s\S]*?)<\/word>/g)].map((w) => decode(w[1])).join(" "));
      blocks.push({ yMin: +bm[1], yMax: +bm[2], text: lines.join(" ") });
    }
    out.push({ height: +pm[1], blocks });
  }
  return out;
}

(() => {
  const html = fs.existsSync(path.join(root, "print.html")) ? fs.readFileSync(path.join(root, "print.html"), "utf8") : null;
  if (!html) { c.finish(false, "print.html is missing"); return; }
  if (!fs.existsSync(ANNALIST)) { c.finish(false, `${ANNALIST} is missing: build annalist first (or set ANNALIST)`); return; }
  fs.mkdirSync(c.OUT, { recursive: true });
  const pdf = path.join(c.OUT, `${label}-annalist.pdf`);
  const t0 = Date.now();
  try {
    run(ANNALIST, ["pdf", "--site", root, "-o", pdf, "-q"]);
  } catch (e) {
    c.finish(false, `annalist pdf --site failed (exit ${e.status}): ${String(e.stderr || "").trim().slice(0, 300)}`);
    return;
  }
  const problems = [];
  const chs = chapters(html);
  const outline = new Set(outlineTitles(pdf).map(squash));
  for (const ch of chs) {
    if (!ch.title) problems.push(`chapter #${ch.id} has no <h1>, so no bookmark`);
    else if (!outline.has(squash(ch.title))) problems.push(`no bookmark for chapter «${ch.title}» (#${ch.id})`);
  }
  for (const u of uris(pdf)) if (/^file:/i.test(u)) problems.push(`link to ${u}`);
  const caps = captions(html);
  const ps = pages(pdf);
  ps.forEach((p, i) => {
    const n = i + 1;
    const footer = p.blocks.filter((b) => b.yMin > p.height - FOOTER_PT);
    if (n > 1 && !footer.some((b) => b.text.trim() === String(n))) {
      problems.push(`page ${n}: no page number in the footer${footer.length ? ` (found «${footer.map((b) => b.text).join(" | ").slice(0, 60)}»)` : ""}`);
    }
    const body = p.blocks.filter((b) => b.yMin <= p.height - FOOTER_PT);
    const last = body.reduce((a, b) => (!a || b.yMax > a.yMax ? b : a), null);
    if (!last) return;
    // Stranded: the lowest block of the page is a caption and nothing else (a figure without a
    // drawing, its caption and notes together, is whole).
    if (caps.has(squash(last.text))) problems.push(`page ${n} ends with the caption «${last.text.slice(0, 50)}»: what it names starts on page ${n + 1}`);
  });
  for (const p of problems) console.log("  " + p);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  c.finish(problems.length === 0,
    `annalist pdf: ${ps.length} pages, ${chs.length} chapters, ${outline.size} bookmarks, ${caps.size} captions; ` +
    `${problems.length} problem(s) (${secs}s) → ${pdf}`);
})();
