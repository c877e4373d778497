// Gate "nojs": with JavaScript disabled, each checked page still shows its main text, its charts
// (inline SVG) and its tables: visible text length and the number of visible <svg>/<table> are
// compared with the same page with JavaScript on. The search page cannot search without JS; it
// must still say so (visible text in <main>).
"use strict";
const c = require("./common");

const { root } = c.args();

function measure() {
  const main = document.querySelector("main") || document.body;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && cs.visibility !== "hidden" && Number(cs.opacity) > 0.05;
  };
  const svgs = [...main.querySelectorAll("svg")].filter((s) => !s.parentElement.closest("svg"));
  const tables = [...main.querySelectorAll("table")];
  return {
    text: main.innerText.replace(/\s+/g, "").length,
    svg: svgs.filter(visible).length, svgAll: svgs.length,
    table: tables.filter(visible).length, tableAll: tables.length,
    hiddenMain: !visible(main),
  };
}

(async () => {
  const { pages, problems } = c.checkedPages(root);
  for (const p of problems) console.log("  " + p);
  const browser = await c.launch();
  const bad = [];
  const rows = [];
  try {
    const on = await c.newContext(browser, { javaScriptEnabled: true });
    const off = await c.newContext(browser, { javaScriptEnabled: false });
    for (const p of pages) {
      const a = await c.open(on, p);
      const withJs = await a.evaluate(measure);
      await a.close();
      const b = await c.open(off, p, { javaScriptEnabled: false });
      const noJs = await b.evaluate(measure);
      await b.close();
      const name = c.pageName(p);
      rows.push(`  ${name}: text ${noJs.text}/${withJs.text} chars, svg ${noJs.svg}/${withJs.svg} visible (of ${noJs.svgAll}), ` +
        `tables ${noJs.table}/${withJs.table} visible (of ${noJs.tableAll})  [no-JS/JS]`);
      if (noJs.hiddenMain) bad.push(`${name}: <main> is not visible without JavaScript`);
      if (p.key === "search") {
        if (noJs.text < 10) bad.push(`${name}: without JavaScript the search page says nothing (${noJs.text} chars in <main>)`);
        continue;
      }
      if (noJs.text < 0.95 * withJs.text) bad.push(`${name}: only ${noJs.text} of ${withJs.text} characters of text visible without JavaScript`);
      if (noJs.svg < withJs.svg) bad.push(`${name}: ${noJs.svg} charts (svg) visible without JavaScript, ${withJs.svg} with`);
      if (noJs.table < withJs.table) bad.push(`${name}: ${noJs.table} tables visible without JavaScript, ${withJs.table} with`);
      if (p.key === "chart" && noJs.svgAll > 0 && noJs.svg === 0) bad.push(`${name}: none of its ${noJs.svgAll} charts is visible without JavaScript`);
    }
    await on.close();
    await off.close();
  } finally {
    await browser.close();
  }
  rows.forEach((r) => console.log(r));
  bad.forEach((b) => console.log("  FAIL: " + b));
  c.finish(bad.length === 0 && problems.length === 0, `${pages.length} pages compared with JS on/off: ${bad.length} problem(s)` +
    (bad.length ? ` [${bad.join("; ")}]` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
