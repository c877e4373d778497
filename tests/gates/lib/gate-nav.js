// Gate "nav": navigation stays within reach while reading. Every report page taller than two
// screens is scrolled to the middle and to the end:
//   - at 1280×800 the link to the current page (`a[aria-current=page]` outside <main>, the sidebar)
//     and, when <main> has sections with ids, a link to one of them from outside <main> (the
//     page's contents) are on screen and not covered;
//   - at 1280×800 and 390×844 a back-to-top link (`href="#top"` or `#` or an id at the top of the
//     page) is on screen and not covered; at 390 px with JavaScript off, clicking it scrolls to the top.
"use strict";
const c = require("./common");

const { root } = c.args();

// Runs in the page: what of the navigation is on screen now.
function onScreen() {
  const main = document.querySelector("main");
  const shown = (a) => {
    const r = a.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) return false;
    const cs = getComputedStyle(a);
    if (cs.visibility === "hidden" || parseFloat(cs.opacity) < 0.5) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === a || a.contains(hit));
  };
  const outside = [...document.querySelectorAll("a[href]")].filter((a) => !main || !main.contains(a));
  const current = outside.filter((a) => a.getAttribute("aria-current") === "page");
  const sectionIds = new Set(main ? [...main.querySelectorAll("h2[id], h3[id], section[id]")].map((h) => h.id) : []);
  const toc = outside.filter((a) => { const h = a.getAttribute("href"); return h.startsWith("#") && sectionIds.has(decodeURIComponent(h.slice(1))); });
  const toTop = (a) => {
    const h = a.getAttribute("href");
    if (h === "#" || h === "#top") return true;
    if (!h.startsWith("#") || h.length < 2) return false;
    const t = document.getElementById(decodeURIComponent(h.slice(1)));
    return !!t && t.getBoundingClientRect().top + scrollY < 10 && t !== main;
  };
  const top = [...document.querySelectorAll("a[href]")].filter(toTop);
  return {
    current: current.length > 0, currentShown: current.some(shown),
    sections: sectionIds.size, tocShown: toc.some(shown),
    top: top.length > 0, topShown: top.some(shown),
  };
}

async function check(page, where, wide, bad) {
  const tall = await page.evaluate(() => document.documentElement.scrollHeight > 2 * innerHeight);
  if (!tall) return false;
  for (const frac of [0.5, 1]) {
    await page.evaluate((f) => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * f), frac);
    await page.waitForTimeout(100);
    const s = await page.evaluate(onScreen);
    const at = `${where}, scrolled to ${frac * 100}%`;
    const miss = [];
    if (wide && !s.currentShown) miss.push(s.current ? "the sidebar's link to this page is off screen" : "no link to this page (aria-current=page) outside <main>");
    if (wide && s.sections && !s.tocShown) miss.push("no link to a section of this page is on screen outside <main>");
    if (!s.topShown) miss.push(s.top ? "the back-to-top link is off screen or covered" : "no back-to-top link");
    console.log(`  ${miss.length ? "FAIL" : "ok"}: ${at}${miss.length ? ": " + miss.join("; ") : ""}`);
    for (const m of miss) bad.push(`${at}: ${m}`);
  }
  return true;
}

(async () => {
  const pages = c.readingOrder(root);
  const browser = await c.launch();
  const bad = [];
  let checked = 0;
  try {
    for (const [w, h] of [[1280, 800], [390, 844]]) {
      const ctx = await c.newContext(browser, { viewport: { width: w, height: h } });
      for (const rel of pages) {
        const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) });
        if (await check(page, `${rel} at ${w}px`, w > 1000, bad)) checked++;
        await page.close();
      }
      await ctx.close();
    }
    // The back-to-top link works without JavaScript: a plain link to the top.
    const ctx = await c.newContext(browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    for (const rel of pages) {
      const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) }, { javaScriptEnabled: false });
      const tall = await page.evaluate(() => document.documentElement.scrollHeight > 2 * innerHeight);
      if (tall) {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
        await page.waitForTimeout(100);
        const link = page.locator('a[href="#top"], a[href="#"]').last();
        if (await link.count()) {
          await link.click();
          await page.waitForTimeout(200);
          const y = await page.evaluate(() => scrollY);
          if (y > 0) { bad.push(`${rel}: back to top without JavaScript leaves the page at y=${y}`); console.log(`  FAIL: ${rel} at 390px, JS off: back to top leaves y=${y}`); }
          else console.log(`  ok: ${rel} at 390px, JS off: back to top reaches y=0`);
        }
      }
      await page.close();
    }
    await ctx.close();
  } finally {
    await browser.close();
  }
  if (checked === 0) bad.push("no report page is taller than two screens: nothing to check");
  c.finish(bad.length === 0, `${checked} page×width checks (1280 and 390 px, middle and end): ${bad.length} problem(s)` +
    (bad.length ? ` [${bad.slice(0, 4).join("; ")}${bad.length > 4 ? "; …" : ""}]` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
