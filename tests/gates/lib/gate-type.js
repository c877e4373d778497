// Gate "type": typography a reader notices. The cover and every report page, at 360×800 and
// 1280×800 (JS on):
//   - the header's search box shows its whole placeholder (at 1280 px: with the placeholder as
//     its value, the box does not scroll: scrollWidth ≤ clientWidth);
//   - a paragraph holding a superscript or subscript (a footnote mark) is no taller than its lines
//     (height ≤ lines × line-height + 2 px: the mark does not stretch its line);
//   - text in English (lang en) is not justified;
//   - at 360 px no heading in <main> ends with a line of a single character (a CJK widow),
//     counting each character's line with Range.getClientRects.
"use strict";
const c = require("./common");

const { root } = c.args();

function measure(wide) {
  const problems = [];
  const short = (el) => el.textContent.trim().replace(/\s+/g, " ").slice(0, 24);
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  if (wide) {
    for (const input of document.querySelectorAll("header input[placeholder]")) {
      if (!visible(input)) continue;
      // The placeholder typed in as the value: the box scrolls when the text does not fit
      // (canvas measureText misses the search box's inner decorations).
      const saved = input.value;
      input.value = input.placeholder;
      const need = input.scrollWidth, room = input.clientWidth;
      input.value = saved;
      if (need > room) problems.push(`search placeholder "${input.placeholder}" needs ${need} px, the box has ${room} px`);
    }
  }
  // Lines of an element: distinct tops of its text's client rects, the text of raised marks left out.
  const lineCount = (el) => {
    const tops = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t.parentElement.closest("sup, sub")) continue;
      const r = document.createRange();
      r.selectNodeContents(t);
      for (const b of r.getClientRects()) if (b.width >= 1 && !tops.some((u) => Math.abs(u - b.top) < 3)) tops.push(b.top);
    }
    return tops.length;
  };
  for (const p of document.querySelectorAll("main p")) {
    if (!p.querySelector("sup, sub") || !visible(p)) continue;
    const lh = parseFloat(getComputedStyle(p).lineHeight);
    if (!(lh > 0)) continue;
    const n = lineCount(p);
    const h = p.getBoundingClientRect().height - parseFloat(getComputedStyle(p).paddingTop) - parseFloat(getComputedStyle(p).paddingBottom);
    if (h > n * lh + 2) problems.push(`paragraph with a raised mark «${short(p)}» is ${h.toFixed(1)} px tall for ${n} line(s) of ${lh.toFixed(1)} px`);
  }
  for (const el of document.querySelectorAll("main p, main li")) {
    const lang = (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
    if (/^en\b/i.test(lang) && visible(el) && getComputedStyle(el).textAlign === "justify")
      problems.push(`English text justified: «${short(el)}»`);
  }
  if (!wide) {
    for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4")) {
      if (!visible(h)) continue;
      const chars = [];
      const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const s = t.data;
        for (let i = 0; i < s.length; i++) {
          if (/\s/.test(s[i])) continue;
          const r = document.createRange();
          r.setStart(t, i);
          r.setEnd(t, i + 1);
          const b = r.getClientRects()[0];
          if (b && b.width > 0) chars.push(b.top);
        }
      }
      if (!chars.length) continue;
      const last = chars[chars.length - 1];
      const onLast = chars.filter((t) => Math.abs(t - last) < 3).length;
      if (onLast === 1 && chars.some((t) => Math.abs(t - last) >= 3))
        problems.push(`heading «${short(h)}» ends with one character on its last line`);
    }
  }
  return problems;
}

(async () => {
  const pages = ["index.html", ...c.readingOrder(root)];
  const browser = await c.launch();
  const bad = [];
  try {
    for (const w of [360, 1280]) {
      const ctx = await c.newContext(browser, { viewport: { width: w, height: 800 } });
      for (const rel of pages) {
        const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) });
        const problems = await page.evaluate(measure, w > 600);
        await page.close();
        console.log(`  ${problems.length ? "FAIL" : "ok"}: ${rel} at ${w}px`);
        for (const p of problems.slice(0, 5)) console.log(`    ${p}`);
        for (const p of problems) bad.push(`${rel} at ${w}px: ${p}`);
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  c.finish(bad.length === 0, `${pages.length} pages at 360 and 1280 px: ${bad.length} problem(s)` +
    (bad.length ? ` [${bad.slice(0, 3).join("; ")}${bad.length > 3 ? "; …" : ""}]` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
