// Gate "chart-labels": no text of a chart is drawn over another. Every visible chart of every
// report page, at 1280 and 360 px (wide and narrow layouts): the box of each <text> (getBBox,
// taken through getScreenCTM so rotated labels are rotated boxes; the font's line gap, 0.12 em
// above and below, trimmed off) must not intersect the box of any other <text> of the same
// chart by more than 0.5 px either way.
"use strict";
const c = require("./common");

const { root } = c.args();

function overlaps() {
  const out = { texts: 0, charts: 0, pairs: [] };
  const svgs = [...document.querySelectorAll("main figure svg")].filter((s) => !s.parentElement.closest("svg") && s.getBoundingClientRect().width > 0);
  const quad = (t) => {
    const b = t.getBBox();
    const fs = parseFloat(getComputedStyle(t).fontSize);
    const trim = Math.min(0.12 * fs, b.height / 4);
    const m = t.getScreenCTM();
    const pt = (x, y) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
    const y0 = b.y + trim, y1 = b.y + b.height - trim;
    return [pt(b.x, y0), pt(b.x + b.width, y0), pt(b.x + b.width, y1), pt(b.x, y1)];
  };
  // Separating axis test on two convex quads; the overlap must exceed `slack` px on every axis.
  const intersect = (p, q, slack) => {
    for (const poly of [p, q]) {
      for (let i = 0; i < poly.length; i++) {
        const a = poly[i], b = poly[(i + 1) % poly.length];
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        const nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
        const proj = (poly2) => poly2.map((v) => v.x * nx + v.y * ny);
        const pp = proj(p), qq = proj(q);
        const lo = Math.max(Math.min(...pp), Math.min(...qq)), hi = Math.min(Math.max(...pp), Math.max(...qq));
        if (hi - lo <= slack) return false;
      }
    }
    return true;
  };
  for (const svg of svgs) {
    out.charts++;
    const fig = svg.closest("figure");
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0);
    const quads = texts.map(quad);
    out.texts += texts.length;
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (intersect(quads[i], quads[j], 0.5))
          out.pairs.push(`${fig && fig.id ? "#" + fig.id : "figure"} (${svg.getAttribute("class") || "svg"}): "${texts[i].textContent.slice(0, 16)}" × "${texts[j].textContent.slice(0, 16)}"`);
  }
  return out;
}

(async () => {
  const pages = c.readingOrder(root).filter((rel) => c.countSvg(c.read(root, rel)) > 0);
  const browser = await c.launch();
  const bad = [];
  let texts = 0, charts = 0;
  try {
    for (const width of [1280, 360]) {
      const ctx = await c.newContext(browser, { viewport: { width, height: 800 } });
      for (const rel of pages) {
        const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) });
        const m = await page.evaluate(overlaps);
        await page.close();
        texts += m.texts, charts += m.charts;
        console.log(`  ${m.pairs.length ? "FAIL" : "ok"}: ${rel} at ${width}px: ${m.charts} chart(s), ${m.texts} texts, ${m.pairs.length} overlapping pair(s)`);
        for (const p of m.pairs) { console.log(`    ${p}`); bad.push(`${rel} at ${width}px ${p}`); }
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  c.finish(bad.length === 0 && pages.length > 0, `${charts} charts (1280 + 360 px) on ${pages.length} pages, ${texts} texts: ${bad.length} overlapping pair(s)` +
    (bad.length ? ` [${bad.slice(0, 4).join("; ")}${bad.length > 4 ? "; …" : ""}]` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
