// Gate "chart-contrast": what axe cannot see. Every <text> of every visible chart on every report
// page, light and dark, wide (1280 px) and narrow (360 px): the contrast of its fill against
// what is under it — the halo colour when the text has one (a stroke of 2 px or more painted
// first), else the fill of the shape under it (sampled at its left, centre and right; the worst
// counts) blended over the page background — must be at least 4.5:1. And the keyboard focus ring
// (the outline of the first focused link) must reach 3:1 against the page background.
"use strict";
const c = require("./common");

const { root } = c.args();
const MIN_TEXT = 4.5;
const MIN_RING = 3;

// Runs in the page: shared colour helpers.
function colourHelpers() {
  const parse = (s) => {
    const m = /rgba?\(([^)]+)\)/.exec(s || "");
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, a, bottom) => ({ r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (x, y) => { const a = lum(x), b = lum(y); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  // The opaque background of an HTML element: its own or its nearest ancestor's.
  const pageBg = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) { layers.push(bg); if (bg.a >= 1) break; }
    }
    let col = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) col = over(layers[i], layers[i].a, col);
    return col;
  };
  return { parse, over, ratio, hex, pageBg };
}

function measureCharts(minText) {
  const { parse, over, ratio, hex, pageBg } = (0, eval)("(" + window.__colourHelpers + ")")();
  const out = { texts: 0, min: Infinity, minWhat: "", bad: [] };
  const svgs = [...document.querySelectorAll("main figure svg")].filter((s) => !s.parentElement.closest("svg") && s.getBoundingClientRect().width > 0);
  for (const svg of svgs) {
    const fig = svg.closest("figure");
    const base = pageBg(svg.parentElement);
    svg.scrollIntoView({ block: "center" });  // elementsFromPoint sees only the viewport
    for (const t of svg.querySelectorAll("text")) {
      if (!t.textContent.trim()) continue;
      const cs = getComputedStyle(t);
      const fg = parse(cs.fill);
      if (!fg) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      let worst = Infinity, against = null;
      const halo = parse(cs.stroke);
      if (halo && halo.a > 0 && parseFloat(cs.strokeWidth) >= 2 && /^stroke/.test(cs.paintOrder)) {
        worst = ratio(over(fg, fg.a, base), over(halo, halo.a, base));
        against = "halo " + hex(over(halo, halo.a, base));
      } else {
        const y = r.top + r.height / 2;
        for (const x of [r.left + 2, r.left + r.width / 2, r.right - 2]) {
          let under = base;
          for (const el of document.elementsFromPoint(x, y)) {
            if (el === t || el.tagName === "text" || el.tagName === "tspan" || !svg.contains(el) || el === svg) continue;
            const es = getComputedStyle(el);
            const f = parse(es.fill);
            if (!f || f.a === 0) continue;
            under = over(f, f.a * parseFloat(es.fillOpacity) * parseFloat(es.opacity), base);
            break;
          }
          const k = ratio(over(fg, fg.a, under), under);
          if (k < worst) { worst = k; against = hex(under); }
        }
      }
      out.texts++;
      const what = `${fig && fig.id ? "#" + fig.id : "figure"} "${t.textContent.slice(0, 14)}" ${hex(fg)} on ${against}: ${worst.toFixed(2)}:1`;
      if (worst < out.min) { out.min = worst; out.minWhat = what; }
      if (worst < minText) out.bad.push(what);
    }
  }
  return out;
}

function focusRing() {
  const { parse, ratio, hex, pageBg } = (0, eval)("(" + window.__colourHelpers + ")")();
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const ring = parse(cs.outlineColor);
  if (cs.outlineStyle === "none" || !ring || parseFloat(cs.outlineWidth) === 0) return { what: el.tagName.toLowerCase(), none: true };
  const bg = pageBg(el.parentElement || el);
  return { what: `${el.tagName.toLowerCase()} "${(el.textContent || "").trim().slice(0, 12)}"`, ring: hex(ring), bg: hex(bg), ratio: ratio(ring, bg) };
}

(async () => {
  const pages = c.readingOrder(root).filter((rel) => c.countSvg(c.read(root, rel)) > 0);
  const browser = await c.launch();
  const bad = [];
  const worst = {};
  let texts = 0;
  try {
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 360]) {
        const ctx = await c.newContext(browser, { viewport: { width, height: 800 }, colorScheme: scheme });
        await ctx.addInitScript((src) => { window.__colourHelpers = src; }, colourHelpers.toString());
        let first = true;
        for (const rel of pages) {
          const page = await c.open(ctx, { key: "page", rel, search: "", url: c.fileUrl(root, rel) });
          const m = await page.evaluate(measureCharts, MIN_TEXT);
          texts += m.texts;
          const key = scheme;
          if (!worst[key] || m.min < worst[key].min) worst[key] = { min: m.min, what: `${rel} ${m.minWhat}` };
          const tag = `${rel} (${scheme}, ${width}px)`;
          console.log(`  ${m.bad.length ? "FAIL" : "ok"}: ${tag}: ${m.texts} texts, lowest ${m.texts ? m.min.toFixed(2) : "-"}:1`);
          for (const b of m.bad.slice(0, 12)) console.log(`    below ${MIN_TEXT}:1: ${b}`);
          if (m.bad.length > 12) console.log(`    … and ${m.bad.length - 12} more`);
          if (m.bad.length) bad.push(`${tag}: ${m.bad.length} text(s) below ${MIN_TEXT}:1`);
          if (first && width === 1280) {
            first = false;
            await page.keyboard.press("Tab");
            const f = await page.evaluate(focusRing);
            if (!f) console.log(`  note: ${tag}: Tab focused nothing`);
            else if (f.none) { console.log(`  FAIL: ${tag}: focused ${f.what} has no outline`); bad.push(`${tag}: no focus ring`); }
            else {
              const ok = f.ratio >= MIN_RING;
              console.log(`  ${ok ? "ok" : "FAIL"}: ${tag}: focus ring ${f.ring} on ${f.bg} around ${f.what}: ${f.ratio.toFixed(2)}:1 (needs ${MIN_RING}:1)`);
              if (!ok) bad.push(`${tag}: focus ring ${f.ratio.toFixed(2)}:1`);
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
  const lows = Object.entries(worst).map(([k, v]) => `${k} lowest ${v.min.toFixed(2)}:1 (${v.what})`).join("; ");
  c.finish(bad.length === 0 && pages.length > 0, `${texts} chart texts on ${pages.length} pages, light/dark × 1280/360: ${bad.length} problem(s)` +
    (bad.length ? ` [${bad.slice(0, 6).join("; ")}${bad.length > 6 ? "; …" : ""}]` : "") + (lows ? `; ${lows}` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
