// Gate "layout": no horizontal scrolling at 390 px on any checked page (JavaScript on and off),
// and screenshots for a person to look at: the cover and the chart-heaviest chapter at 1280×800
// and 390×844, light and dark, plus each chart of that chapter (up to 8) → tests/gates/out/*.png.
"use strict";
const fs = require("fs");
const path = require("path");
const c = require("./common");

const { root, label } = c.args();
const NARROW = 390;

function overflow(limit) {
  const de = document.documentElement;
  const culprits = [];
  if (de.scrollWidth > limit) {
    // The outermost elements sticking out past the right edge and not inside a scroll box.
    const scrolls = (el) => { for (let e = el.parentElement; e; e = e.parentElement) { const o = getComputedStyle(e).overflowX; if (o === "auto" || o === "scroll" || o === "hidden") return true; } return false; };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > limit + 1 && r.width > 0 && !scrolls(el) && !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 1 && culprits.length && culprits[culprits.length - 1].el.contains(el))) {
        culprits.push({ el, desc: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "") + ` (left ${Math.round(r.left)}, width ${Math.round(r.width)}, right ${Math.round(r.right)})` });
      }
    }
  }
  return { scrollWidth: de.scrollWidth, culprits: culprits.slice(0, 8).map((x) => x.desc) };
}

(async () => {
  const { pages, problems } = c.checkedPages(root);
  for (const p of problems) console.log("  " + p);
  fs.mkdirSync(c.OUT, { recursive: true });
  const browser = await c.launch();
  const bad = [];
  const shots = [];
  try {
    for (const js of [true, false]) {
      const ctx = await c.newContext(browser, { viewport: { width: NARROW, height: 844 }, javaScriptEnabled: js });
      for (const p of pages) {
        const page = await c.open(ctx, p, { javaScriptEnabled: js });
        const o = await page.evaluate(overflow, NARROW);
        const name = `${c.pageName(p)} at ${NARROW}px, JS ${js ? "on" : "off"}`;
        if (o.scrollWidth > NARROW) {
          bad.push(`${name}: scrollWidth ${o.scrollWidth} > ${NARROW}`);
          console.log(`  FAIL: ${name}: document scrollWidth ${o.scrollWidth} > ${NARROW}; sticking out: ${o.culprits.join(", ") || "?"}`);
        } else console.log(`  ok: ${name}: scrollWidth ${o.scrollWidth}`);
        await page.close();
      }
      await ctx.close();
    }
    const shotPages = pages.filter((p) => p.key === "cover" || p.key === "chart");
    for (const scheme of ["light", "dark"]) {
      for (const [w, h] of [[1280, 800], [NARROW, 844]]) {
        const ctx = await c.newContext(browser, { viewport: { width: w, height: h }, colorScheme: scheme });
        for (const p of shotPages) {
          const page = await c.open(ctx, p);
          const base = path.join(c.OUT, `${label}-${p.key}-${w}-${scheme}`);
          await page.screenshot({ path: base + ".png" });
          shots.push(base + ".png");
          if (p.key === "chart") {
            // Each chart on its own (first 8): light/dark at 1280, and at 390 in light.
            const figs = page.locator("main figure:has(svg)");
            const n = Math.min(await figs.count(), w === NARROW && scheme === "dark" ? 1 : 8);
            for (let i = 0; i < n; i++) {
              const f = `${base}-fig${i + 1}.png`;
              await figs.nth(i).screenshot({ path: f });
              shots.push(f);
            }
          }
          await page.close();
        }
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
  }
  const show = (f) => (path.relative(process.cwd(), f).startsWith("..") ? f : path.relative(process.cwd(), f));
  console.log("  screenshots:");
  for (const s of shots) console.log("    " + show(s));
  c.finish(bad.length === 0 && problems.length === 0, `no horizontal scroll at ${NARROW}px on ${pages.length} pages × JS on/off: ${bad.length} problem(s)` +
    (bad.length ? ` [${bad.join("; ")}]` : "") + `; ${shots.length} screenshots in ${show(c.OUT)}/`);
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
