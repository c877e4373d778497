// Gate "previews": on every report page with footnote marks (.footnote-ref a) or cross-references
// (a.xref), at 1280×800 with JS on, the first of each kind focused from the keyboard and hovered
// shows a visible role=tooltip that the link names in aria-describedby, inside the viewport, with
// the note's text (its back links left out) or, for a reference, some text; Escape hides it.
"use strict";
const c = require("./common");

const { root } = c.args();

(async () => {
  const order = c.readingOrder(root).filter((rel) => /class="(footnote-ref|xref)"/.test(c.read(root, rel)));
  const browser = await c.launch();
  const bad = [];
  let checked = 0;
  try {
    const ctx = await c.newContext(browser, { javaScriptEnabled: true, viewport: { width: 1280, height: 800 } });
    for (const rel of order) {
      const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) });
      for (const sel of [".footnote-ref a", "a.xref"]) {
        const link = page.locator(sel).first();
        if (!(await link.count())) continue;
        for (const how of ["focus", "hover"]) {
          checked++;
          await page.keyboard.press("Escape");
          await page.mouse.move(0, 0);
          if (how === "focus") await link.focus(); else { await link.scrollIntoViewIfNeeded(); await link.hover(); }
          await page.waitForTimeout(how === "hover" ? 500 : 50);
          const r = await link.evaluate((a) => {
            const ids = (a.getAttribute("aria-describedby") || "").split(/\s+/);
            const tip = [...document.querySelectorAll('[role="tooltip"]')].find((t) => ids.includes(t.id));
            if (!tip) return { problem: "no role=tooltip named by the link's aria-describedby" };
            const b = tip.getBoundingClientRect(), cs = getComputedStyle(tip);
            if (tip.hidden || cs.display === "none" || cs.visibility === "hidden" || b.width < 2) return { problem: "the tooltip is not visible" };
            if (b.left < 0 || b.right > innerWidth + 1) return { problem: `the tooltip sticks out of the viewport (${Math.round(b.left)}–${Math.round(b.right)} px)` };
            const text = tip.textContent.trim();
            const href = a.getAttribute("href") || "";
            if (a.closest(".footnote-ref") && href.startsWith("#")) {
              const note = document.getElementById(decodeURIComponent(href.slice(1)));
              const copy = note && note.cloneNode(true);
              if (copy) copy.querySelectorAll(".footnote-back").forEach((x) => x.remove());
              const want = copy ? copy.textContent.replace(/\s+/g, " ").trim() : "";
              if (text !== want) return { problem: `the tooltip says "${text.slice(0, 60)}", the note "${want.slice(0, 60)}"` };
            } else if (!text) return { problem: "the tooltip is empty" };
            return { id: tip.id };
          });
          if (r.problem) { bad.push(`${rel} ${sel} (${how}): ${r.problem}`); continue; }
          await page.keyboard.press("Escape");
          const hidden = await page.evaluate((id) => { const t = document.getElementById(id); return !t || t.hidden || getComputedStyle(t).display === "none"; }, r.id);
          if (!hidden) bad.push(`${rel} ${sel} (${how}): Escape does not close the tooltip`);
        }
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  for (const b of bad) console.log("  " + b);
  c.finish(bad.length === 0, `${order.length} page(s) with notes or references, ${checked} focus/hover checks: ${bad.length} problem(s)`);
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
