// Gate "chart-fit": every chart of every report page fits a 360 px phone column. At 360×800
// (light, JS on) each visible outermost <svg> in a <figure> of <main> is measured in the browser:
//   - no element of the chart (the <svg> and everything drawn in it) sticks out of its <figure>,
//     the figure does not scroll sideways, and it ends inside the viewport;
//   - no <text> is cut off by its own <svg> (drawn outside the viewBox);
//   - every <text> renders at 11 px or more: computed font-size × the SVG's scale on screen;
//   - every chart figure (figure.chart) shows exactly one of its layouts (wide or narrow).
// print.html is checked too, for everything but the text size: it has the wide layout only (its
// phone view is a preview of the printed page, smaller), and that layout must stay visible.
// Prints the smallest text size of each page and of the site, and how many texts are under 12 px.
"use strict";
const fs = require("fs");
const path = require("path");
const c = require("./common");

const { root } = c.args();
const WIDTH = 360;
const MIN_PX = 11;

function measure([width, minPx, checkText]) {
  const out = { charts: 0, texts: 0, under12: 0, minPx: Infinity, minWhat: "", problems: [] };
  const name = (el) => {
    const f = el.closest("figure");
    const cap = f && f.querySelector("figcaption");
    return (f && f.id ? "#" + f.id : "figure") + (cap ? " «" + cap.textContent.trim().slice(0, 24) + "»" : "");
  };
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).display !== "none"; };
  const svgs = [...document.querySelectorAll("main figure svg")].filter((s) => !s.parentElement.closest("svg") && visible(s));
  for (const fig of document.querySelectorAll("main figure.chart")) {
    const shown = [...fig.querySelectorAll(":scope > svg")].filter(visible).length;
    if (shown !== 1) out.problems.push(`${name(fig)}: ${shown} of its chart layouts shown (must be 1)`);
  }
  for (const svg of svgs) {
    out.charts++;
    const fig = svg.closest("figure");
    const fr = fig.getBoundingClientRect();
    const sr = svg.getBoundingClientRect();
    const who = name(svg);
    if (fig.scrollWidth > fig.clientWidth + 1) out.problems.push(`${who}: the figure scrolls sideways (content ${fig.scrollWidth} px in ${fig.clientWidth} px)`);
    if (fr.right > width + 0.5) out.problems.push(`${who}: the figure ends at x=${Math.round(fr.right)}, past the ${width} px viewport`);
    const sticking = [];
    for (const el of [svg, ...svg.querySelectorAll("*")]) {
      if (["title", "desc", "defs", "clipPath", "tspan"].includes(el.tagName)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const label = el.tagName + (el.textContent && el.tagName === "text" ? ` "${el.textContent.slice(0, 16)}"` : "");
      if (r.left < fr.left - 0.5 || r.right > fr.right + 0.5)
        sticking.push(`${label} (x ${Math.round(r.left)}–${Math.round(r.right)} outside the figure's ${Math.round(fr.left)}–${Math.round(fr.right)})`);
      else if (el.tagName === "text" && (r.left < sr.left - 0.5 || r.right > sr.right + 0.5 || r.top < sr.top - 0.5 || r.bottom > sr.bottom + 0.5))
        sticking.push(`${label} cut off by its svg (x ${Math.round(r.left)}–${Math.round(r.right)}, y ${Math.round(r.top)}–${Math.round(r.bottom)}; svg ${Math.round(sr.left)}–${Math.round(sr.right)}, ${Math.round(sr.top)}–${Math.round(sr.bottom)})`);
    }
    if (sticking.length) out.problems.push(`${who}: ${sticking.length} element(s) stick out: ${sticking.slice(0, 4).join("; ")}${sticking.length > 4 ? "; …" : ""}`);
    for (const t of checkText ? svg.querySelectorAll("text") : []) {
      if (!t.textContent.trim()) continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      out.texts++;
      if (px < 12 - 1e-6) out.under12++;
      if (px < out.minPx) { out.minPx = px; out.minWhat = `${who} "${t.textContent.slice(0, 16)}"`; }
      if (px < minPx - 1e-6) out.small = (out.small || 0) + 1;
    }
    if (out.small) { out.problems.push(`${who}: ${out.small} text(s) below ${minPx} px (smallest ${out.minPx.toFixed(1)} px)`); out.small = 0; }
  }
  return out;
}

(async () => {
  const pages = [...c.readingOrder(root), "print.html"].filter((rel) => fs.existsSync(path.join(root, rel)) && c.countSvg(c.read(root, rel)) > 0);
  const browser = await c.launch();
  const bad = [];
  let charts = 0, texts = 0, under12 = 0, minPx = Infinity, minWhat = "";
  try {
    const ctx = await c.newContext(browser, { viewport: { width: WIDTH, height: 800 } });
    for (const rel of pages) {
      const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) });
      const m = await page.evaluate(measure, [WIDTH, MIN_PX, rel !== "print.html"]);
      await page.close();
      charts += m.charts, texts += m.texts, under12 += m.under12;
      if (m.minPx < minPx) { minPx = m.minPx; minWhat = `${rel} ${m.minWhat}`; }
      console.log(`  ${m.problems.length ? "FAIL" : "ok"}: ${rel}: ${m.charts} chart(s), ${m.texts} texts, smallest ${m.texts ? m.minPx.toFixed(1) : "-"} px, ${m.under12} under 12 px`);
      for (const p of m.problems) { console.log(`    ${p}`); bad.push(`${rel} ${p}`); }
    }
    await ctx.close();
  } finally {
    await browser.close();
  }
  const small = texts ? `smallest text ${minPx.toFixed(1)} px (${minWhat}), ${under12} of ${texts} under 12 px` : "no chart text";
  c.finish(bad.length === 0 && pages.length > 0, `${charts} charts on ${pages.length} pages at ${WIDTH}px: ${bad.length} problem(s); ${small}`);
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
