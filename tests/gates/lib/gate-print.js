// Gate "print": print.html becomes a PDF in headless Chromium (print media, CSS page size); every
// chapter (article.print-chapter, or each <article> in <main>) must start on a new page, at its top:
// the PDF's named destinations (the print contents link each chapter) give page and height, with a
// fallback to the text of each page (pdftotext). A few pages become PNG (pdftoppm) in out/.
// print.html is also the "print version" link of every page, so on screen at 1280 px its widest
// paragraph must keep a readable measure (chapter pages: 46rem), with screenshots at 1280 and 360 px.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const c = require("./common");

const { root, label } = c.args();
const MAX_MEASURE_REM = 48;

(async () => {
  const rel = "print.html";
  if (!fs.existsSync(path.join(root, rel))) { c.finish(false, "print.html is missing"); return; }
  fs.mkdirSync(c.OUT, { recursive: true });
  const pdf = path.join(c.OUT, `${label}-print.pdf`);
  const browser = await c.launch();
  let chapters;
  let screen = { rem: 0 };
  const t0 = Date.now();
  try {
    for (const [w, h] of [[1280, 800], [360, 800]]) {
      const sctx = await c.newContext(browser, { viewport: { width: w, height: h } });
      const sp = await c.open(sctx, { key: "print", rel, url: c.fileUrl(root, rel) });
      const shot = path.join(c.OUT, `${label}-print-screen-${w}.png`);
      await sp.screenshot({ path: shot });
      if (w === 1280) {
        screen = await sp.evaluate(() => {
          // In rem, so small print (figure notes) does not count as a longer line.
          const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
          let w = 0;
          for (const p of document.querySelectorAll("main p")) {
            const r = p.getBoundingClientRect();
            if (r.width > 0) w = Math.max(w, r.width / rem);
          }
          return { rem: w };
        });
      }
      console.log(`  screen ${w}px: ${shot}`);
      await sctx.close();
    }
    const ctx = await c.newContext(browser, {});
    const page = await c.open(ctx, { key: "print", rel, url: c.fileUrl(root, rel) });
    await page.emulateMedia({ media: "print" });
    chapters = await page.evaluate(() => {
      let arts = [...document.querySelectorAll("article.print-chapter")];
      if (!arts.length) arts = [...document.querySelectorAll("main article")];
      return arts.map((a) => {
        const h = a.querySelector("h1, h2");
        const lab = a.querySelector(".chapter-label");
        return { id: a.id, title: h ? h.textContent.trim() : "", label: lab ? lab.textContent.trim() : "", svg: a.querySelectorAll("svg").length };
      });
    });
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    await ctx.close();
  } finally {
    await browser.close();
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const nPages = Number((/^Pages:\s+(\d+)/m.exec(info) || [])[1] || 0);
  const pageH = Number((/^Page size:\s+[\d.]+ x ([\d.]+)/m.exec(info) || [])[1] || 842);
  const dests = new Map();
  try {
    for (const m of execFileSync("pdfinfo", ["-dests", pdf], { encoding: "utf8" }).matchAll(/^\s*(\d+)\s+\[\s*XYZ\s+(\S+)\s+(\S+)[^\]]*\]\s+"(.*)"$/gm)) {
      dests.set(m[4], { page: Number(m[1]), y: Number(m[3]) });
    }
  } catch (e) { /* older poppler: no -dests */ }
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 256 << 20 }).split("\f");
  const squash = (s) => s.replace(/\s+/g, "");
  const bad = [];
  let prevPage = 0;
  console.log(`  ${pdf}: ${nPages} pages (A4 height ${pageH}pt), ${chapters.length} chapters, rendered in ${secs}s`);
  for (const ch of chapters) {
    const name = `${ch.label ? ch.label + " " : ""}${ch.title || ch.id}`;
    let pg = 0, how = "";
    const d = dests.get(ch.id);
    if (d) {
      pg = d.page;
      how = `destination #${ch.id} at y=${d.y}`;
      if (d.y < pageH * 0.8) bad.push(`${name} starts at y=${d.y} of ${pageH}pt on page ${pg}, not at the top of a page`);
    } else {
      // Fallback: the first page after the previous chapter that shows the title near its top.
      const t = squash(ch.title);
      for (let i = Math.max(prevPage, 1); i <= text.length; i++) {
        const body = squash(text[i - 1] || "");
        const at = t ? body.indexOf(t) : -1;
        if (at >= 0) { pg = i; how = `title found at char ${at} of the page text`; if (at > 80) bad.push(`${name}: title appears mid-page ${i}`); break; }
      }
      if (!pg) bad.push(`${name}: not found in the PDF`);
    }
    if (pg && pg <= prevPage) bad.push(`${name} starts on page ${pg}, the page the previous chapter is on (or before)`);
    console.log(`  ${pg && pg > prevPage ? "ok " : "BAD"} p.${String(pg).padStart(3)}  ${name}  (${how || "?"})`);
    if (pg) prevPage = Math.max(prevPage, pg);
  }
  if (nPages < chapters.length) bad.push(`${nPages} pages for ${chapters.length} chapters`);
  const measure = `widest paragraph on screen at 1280px: ${screen.rem.toFixed(1)}rem (at most ${MAX_MEASURE_REM}rem)`;
  console.log(`  ${screen.rem <= MAX_MEASURE_REM ? "ok " : "BAD"} ${measure}`);
  if (screen.rem > MAX_MEASURE_REM) bad.push(`print.html is unstyled on screen: ${measure}`);
  // A few pages as pictures: cover, contents, the chart-heaviest chapter's first two pages, the last page.
  const chart = chapters.reduce((a, b) => (b.svg > (a ? a.svg : -1) ? b : a), null);
  const cp = chart && dests.get(chart.id) ? dests.get(chart.id).page : 0;
  const want = [...new Set([1, 2, cp, cp + 1, nPages].filter((n) => n >= 1 && n <= nPages))];
  const pngs = [];
  for (const n of want) {
    const base = path.join(c.OUT, `${label}-print-p${String(n).padStart(3, "0")}`);
    execFileSync("pdftoppm", ["-f", String(n), "-l", String(n), "-r", "70", "-png", "-singlefile", pdf, base]);
    pngs.push(base + ".png");
  }
  const show = (f) => (path.relative(process.cwd(), f).startsWith("..") ? f : path.relative(process.cwd(), f));
  console.log("  pages as PNG: " + pngs.map(show).join(" "));
  bad.forEach((b) => console.log("  FAIL: " + b));
  c.finish(bad.length === 0 && chapters.length > 0,
    `print.html → ${nPages}-page PDF; ${chapters.length} chapters, ${bad.length} problem(s); screen measure ${screen.rem.toFixed(1)}rem` +
    (bad.length ? ` [${bad.slice(0, 5).join("; ")}${bad.length > 5 ? "; …" : ""}]` : "") + (chapters.length ? "" : "; no chapters (article.print-chapter) found"));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
