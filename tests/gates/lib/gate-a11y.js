// Gate "a11y": axe-core in headless Chromium finds no serious or critical violation on the checked
// pages (cover, chart-heaviest chapter, first appendix, figures.html, search.html?q=…), in the light
// and in the dark colour scheme (so colour contrast is checked in both).
"use strict";
const fs = require("fs");
const c = require("./common");

const { root } = c.args();
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const BLOCKING = new Set(["serious", "critical"]);

(async () => {
  const { pages, problems } = c.checkedPages(root);
  for (const p of problems) console.log("  " + p);
  const browser = await c.launch();
  let blocking = 0, other = 0, runs = 0;
  const seen = new Map(); // rule -> {impact, help, where:Set}
  try {
    for (const scheme of ["light", "dark"]) {
      const ctx = await c.newContext(browser, { colorScheme: scheme });
      for (const p of pages) {
        const page = await c.open(ctx, p);
        await page.addScriptTag({ content: axeSource });
        const res = await page.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: (n.failureSummary || "").split("\n").slice(1, 3).join(" ").trim(), html: n.html.slice(0, 160) })),
          }));
        });
        runs++;
        for (const v of res) {
          const isBlocking = BLOCKING.has(v.impact);
          if (isBlocking) blocking += v.nodes.length; else other += v.nodes.length;
          const tag = isBlocking ? "VIOLATION" : "note";
          console.log(`  ${tag} [${v.impact}] ${v.id} on ${c.pageName(p)} (${scheme}): ${v.help} — ${v.nodes.length} node(s)`);
          for (const n of v.nodes.slice(0, isBlocking ? 6 : 2)) {
            console.log(`      ${n.target}  ${n.summary}`.slice(0, 400));
            if (isBlocking) console.log(`        ${n.html.replace(/\s+/g, " ")}`);
          }
          if (v.nodes.length > (isBlocking ? 6 : 2)) console.log(`      … ${v.nodes.length - (isBlocking ? 6 : 2)} more`);
          const key = v.id;
          if (!seen.has(key)) seen.set(key, { impact: v.impact, where: new Set() });
          seen.get(key).where.add(`${p.key}/${scheme}`);
        }
        if (page.jsErrors.length) console.log(`  note: ${c.pageName(p)} (${scheme}): ${page.jsErrors.join("; ")}`);
        await page.close();
      }
      if (ctx.external.length) console.log(`  note: blocked external requests: ${[...new Set(ctx.external)].join(", ")}`);
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  const rules = [...seen].filter(([, v]) => BLOCKING.has(v.impact)).map(([k, v]) => `${k}(${[...v.where].join(",")})`);
  const ok = blocking === 0 && problems.length === 0;
  c.finish(ok, `${runs} axe runs on ${pages.length} pages × light/dark: ${blocking} serious/critical node(s)` +
    (rules.length ? ` [${rules.join("; ")}]` : "") + `, ${other} minor/moderate` +
    (problems.length ? `; ${problems.join("; ")}` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
