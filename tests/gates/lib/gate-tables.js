// Gate "tables": tables read on a phone. Every report page with a <table> in <main>, at 360×800
// and 1280×800 (JS on); details (<details>) are opened so that chart data tables count too:
//   - a cell holding only a date (2022-06-24, 2022-06, 2022年6月) or a number (1,105.8, −3.2%, 42)
//     renders on one line (Range.getClientRects: one line box);
//   - at 360 px no cell of 12 characters or more wraps to fewer than 6 characters a line
//     (the table is squeezed: long text tables must become stacked cards or scroll);
//   - a table wider than the column scrolls inside a labelled, focusable region (an ancestor with
//     overflow-x auto/scroll, role=region, a non-empty aria-label or aria-labelledby and
//     tabindex=0) that shows a visible hint while it scrolls: scroll shadows (a background that
//     scrolls with the content, attachment "local", over one that stays, "scroll") or a visible
//     .table-hint element.
"use strict";
const c = require("./common");

const { root } = c.args();

function measure(narrow) {
  const out = { tables: 0, cells: 0, problems: [] };
  const name = (t) => {
    const f = t.closest("figure");
    const cap = f && f.querySelector("figcaption");
    return (f && f.id ? "#" + f.id : "table") + (cap ? " «" + cap.textContent.trim().slice(0, 20) + "»" : "");
  };
  const lines = (el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    const tops = [];
    for (const b of r.getClientRects()) {
      if (b.width < 1) continue;
      if (!tops.some((t) => Math.abs(t - b.top) < 3)) tops.push(b.top);
    }
    return tops.length;
  };
  const unbreakable = /^(?:[−\-+]?[\d,]*\d(?:\.\d+)?%?|\d{4}(?:[-./]\d{1,2}){1,2}|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?)$/;
  for (const t of document.querySelectorAll("main table")) {
    const tr = t.getBoundingClientRect();
    if (tr.width === 0 || getComputedStyle(t).display === "none") continue;
    out.tables++;
    const who = name(t);
    const broken = [], squeezed = [];
    for (const cell of t.querySelectorAll("td, th")) {
      const text = cell.textContent.trim();
      if (!text || cell.getBoundingClientRect().width === 0) continue;
      out.cells++;
      const n = lines(cell);
      if (unbreakable.test(text) && n > 1) broken.push(`"${text}" on ${n} lines`);
      const len = [...text].length;
      if (narrow && len >= 12 && len / n < 6) squeezed.push(`"${text.slice(0, 12)}…" ${(len / n).toFixed(1)} characters a line`);
    }
    if (broken.length) out.problems.push(`${who}: ${broken.length} date/number cell(s) break: ${broken.slice(0, 3).join("; ")}`);
    if (squeezed.length) out.problems.push(`${who}: ${squeezed.length} cell(s) squeezed: ${squeezed.slice(0, 3).join("; ")}`);
    // Wider than the space it has: it must scroll in a labelled, focusable region with a hint.
    let box = null;
    for (let e = t.parentElement; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") { box = e; break; }
    }
    const main = document.querySelector("main").getBoundingClientRect();
    if (!box) {
      if (tr.right > Math.min(main.right, innerWidth) + 1) out.problems.push(`${who}: ${Math.round(tr.width)} px wide, cut off at ${Math.round(Math.min(main.right, innerWidth))} px and not in a scroll region`);
      continue;
    }
    if (box.scrollWidth <= box.clientWidth + 1) continue;
    const miss = [];
    if (getComputedStyle(box).overflowX === "hidden") miss.push("overflow hidden (columns cut off)");
    if (box.getAttribute("role") !== "region") miss.push("no role=region");
    if (!(box.getAttribute("aria-label") || "").trim() && !box.getAttribute("aria-labelledby")) miss.push("no aria-label");
    if (box.getAttribute("tabindex") !== "0") miss.push("not focusable (tabindex=0)");
    const hint = (box.closest("figure") || box).querySelector(".table-hint");
    const hr = hint && hint.getBoundingClientRect();
    const textHint = hint && hr.width > 0 && hr.height > 0 && getComputedStyle(hint).visibility !== "hidden";
    const bs = getComputedStyle(box);
    const att = bs.backgroundAttachment.split(",").map((a) => a.trim());
    const shadows = (bs.backgroundImage.match(/gradient\(/g) || []).length >= 2 && att.includes("local") && att.includes("scroll");
    if (!textHint && !shadows) miss.push("no visible scroll hint (scroll shadows or .table-hint)");
    if (miss.length) out.problems.push(`${who}: scrolls sideways (${box.scrollWidth} px in ${box.clientWidth} px) with ${miss.join(", ")}`);
  }
  return out;
}

(async () => {
  const pages = c.readingOrder(root).filter((rel) => /<table\b/i.test(c.read(root, rel)));
  const browser = await c.launch();
  const bad = [];
  let tables = 0, cells = 0;
  try {
    for (const w of [360, 1280]) {
      const ctx = await c.newContext(browser, { viewport: { width: w, height: 800 } });
      for (const rel of pages) {
        const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) });
        await page.evaluate(() => document.querySelectorAll("main details").forEach((d) => { d.open = true; }));
        await page.waitForTimeout(50);
        const m = await page.evaluate(measure, w < 600);
        await page.close();
        if (w === 360) tables += m.tables, cells += m.cells;
        console.log(`  ${m.problems.length ? "FAIL" : "ok"}: ${rel} at ${w}px: ${m.tables} table(s), ${m.cells} cells`);
        for (const p of m.problems) { console.log(`    ${p}`); bad.push(`${rel} at ${w}px ${p}`); }
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  c.finish(bad.length === 0 && pages.length > 0, `${tables} tables (${cells} cells) on ${pages.length} pages at 360 and 1280 px: ${bad.length} problem(s)` +
    (bad.length ? ` [${bad.slice(0, 3).join("; ")}${bad.length > 3 ? "; …" : ""}]` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
