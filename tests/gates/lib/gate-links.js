// Gate "links": every internal href/src (and #anchor) of every page resolves from file://, and no
// page loads an external resource (scripts, styles, images, fonts, frames, media must be relative;
// plain <a href="https://…"> links in prose are fine). CSS files are checked for url()/@import too,
// and the links the search page renders with JavaScript are checked like the static ones.
"use strict";
const fs = require("fs");
const path = require("path");
const { fileURLToPath, pathToFileURL } = require("url");
const c = require("./common");

const { root } = c.args();
// <link rel> values that name a resource the browser loads; others (canonical, alternate, …) are links.
const RESOURCE_RELS = /\b(stylesheet|icon|apple-touch-icon|mask-icon|preload|prefetch|modulepreload|manifest|preconnect|dns-prefetch|prerender)\b/i;
const NAV_SCHEMES = /^(https?:|mailto:|tel:|ftp:|news:|irc:)/i;

function collect() {
  const out = [];
  const q = (sel, fn) => document.querySelectorAll(sel).forEach((el) => fn(el));
  const push = (el, attr, value, kind) => out.push({ tag: el.tagName.toLowerCase(), attr, value, kind, rel: el.getAttribute("rel") || "", html: el.outerHTML.slice(0, 140) });
  q("a[href], area[href]", (el) => push(el, "href", el.getAttribute("href"), "nav"));
  q("link[href]", (el) => push(el, "href", el.getAttribute("href"), "link"));
  q("[src]", (el) => push(el, "src", el.getAttribute("src"), "resource"));
  q("img[srcset], source[srcset]", (el) => el.getAttribute("srcset").split(",").forEach((s) => { const u = s.trim().split(/\s+/)[0]; if (u) push(el, "srcset", u, "resource"); }));
  q("video[poster]", (el) => push(el, "poster", el.getAttribute("poster"), "resource"));
  q("object[data]", (el) => push(el, "data", el.getAttribute("data"), "resource"));
  q("form[action]", (el) => push(el, "action", el.getAttribute("action"), "nav"));
  document.querySelectorAll("*").forEach((el) => {
    const x = el.getAttributeNS && el.getAttributeNS("http://www.w3.org/1999/xlink", "href");
    if (x) push(el, "xlink:href", x, el.tagName.toLowerCase() === "a" ? "nav" : "resource");
    if (el.namespaceURI === "http://www.w3.org/2000/svg" && el.tagName.toLowerCase() !== "a" && el.hasAttribute("href")) push(el, "href", el.getAttribute("href"), "resource");
    const st = el.getAttribute("style");
    if (st) for (const m of st.matchAll(/url\(\s*['"]?([^'")]+)/g)) push(el, "style", m[1], "resource");
  });
  q("style", (el) => { for (const m of el.textContent.matchAll(/(?:url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+))/g)) push(el, "style", m[1] || m[2], "resource"); });
  q("meta[http-equiv]", (el) => { const m = /url=(.+)$/i.exec(el.getAttribute("content") || ""); if (m) push(el, "refresh", m[1].trim(), "nav"); });
  const ids = [];
  q("[id]", (el) => ids.push(el.id));
  q("a[name]", (el) => ids.push(el.getAttribute("name")));
  return { refs: out, ids };
}

(async () => {
  const files = c.listHtml(root);
  const browser = await c.launch();
  const docs = new Map(); // rel -> {refs, ids:Set}
  let dynamic = []; // links rendered by JS on the checked pages
  const external = [];
  const loadErrors = [];
  try {
    // Static DOM (JavaScript off): exactly what the files contain, parsed as a browser parses them.
    const ctx = await c.newContext(browser, { javaScriptEnabled: false });
    for (const rel of files) {
      const page = await c.open(ctx, { key: "static", rel, url: c.fileUrl(root, rel) }, { javaScriptEnabled: false });
      const d = await page.evaluate(collect);
      docs.set(rel, { refs: d.refs, ids: new Set(d.ids) });
      await page.close();
    }
    await ctx.close();
    // Checked pages with JavaScript on: every request must stay on file://, and rendered links count.
    const ctx2 = await c.newContext(browser, {});
    for (const p of c.checkedPages(root).pages) {
      const before = ctx2.external.length;
      const page = await c.open(ctx2, p);
      for (const u of new Set(ctx2.external.slice(before))) external.push(`${c.pageName(p)}: requested ${u} (blocked)`);
      const d = await page.evaluate(collect);
      const known = new Set(docs.get(p.rel).refs.map((r) => r.attr + " " + r.value));
      dynamic = dynamic.concat(d.refs.filter((r) => !known.has(r.attr + " " + r.value)).map((r) => ({ ...r, from: p.rel, js: true })));
      for (const e of page.jsErrors) loadErrors.push(`${c.pageName(p)}: ${e}`);
      await page.close();
    }
    await ctx2.close();
  } finally {
    await browser.close();
  }

  // The site's own address (base_url), from the cover's canonical link. Only 404.html may use it
  // for its links and assets: a server shows that page at any depth, so relative paths cannot work
  // there. Such references are checked as files of the site.
  let siteBase = "";
  const cover = docs.get("index.html");
  const canon = cover && cover.refs.find((r) => r.tag === "link" && /\bcanonical\b/i.test(r.rel));
  if (canon && /^https?:\/\//i.test(canon.value)) siteBase = canon.value.replace(/[^/]*$/, "");
  const broken = [];
  let checked = 0, externalNav = 0, baseRefs = 0;
  const missingIds = [];
  const cssSeen = new Set();
  function checkCss(absFile, fromRel) {
    if (cssSeen.has(absFile) || !fs.existsSync(absFile)) return;
    cssSeen.add(absFile);
    const css = fs.readFileSync(absFile, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    const base = pathToFileURL(absFile).href;
    for (const m of css.matchAll(/(?:url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"])/g)) {
      const v = (m[1] || m[2]).trim();
      checked++;
      const relCss = path.relative(root, absFile);
      if (/^data:/i.test(v) || v.startsWith("#")) continue;
      if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(v)) { external.push(`${relCss}: loads external ${v}`); continue; }
      const target = fileURLToPath(new URL(v.split(/[?#]/)[0], base));
      if (!fs.existsSync(target)) broken.push(`${relCss}: url(${v}) → missing file ${path.relative(root, target)}`);
      else if (/\.css$/i.test(target)) checkCss(target, relCss);
    }
  }
  const all = [];
  for (const [rel, d] of docs) for (const r of d.refs) all.push({ ...r, from: rel });
  for (const r of all.concat(dynamic)) {
    let v = (r.value || "").trim();
    const where = `${r.from}${r.js ? " (rendered by JS)" : ""}: <${r.tag} ${r.attr}="${v}">`;
    checked++;
    if (v === "" ) { if (r.tag !== "form") broken.push(`${where} is empty`); continue; }
    if (/^(data|blob|javascript):/i.test(v)) continue;
    if (r.from === "404.html" && siteBase && v.startsWith(siteBase)) {
      baseRefs++;
      v = path.posix.relative(path.posix.dirname("/404.html"), "/" + v.slice(siteBase.length)) || "404.html";
    }
    const isExternal = /^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith("//");
    if (isExternal) {
      const resource = r.kind === "resource" || (r.kind === "link" && RESOURCE_RELS.test(r.rel));
      if (resource) external.push(`${where} loads an external resource`);
      else if (/^file:/i.test(v)) broken.push(`${where} is an absolute file: URL`);
      else if (!NAV_SCHEMES.test(v) && !v.startsWith("//")) broken.push(`${where} has an unexpected scheme`);
      else externalNav++;
      continue;
    }
    if (v.startsWith("/")) { broken.push(`${where} is root-relative (does not work from file:// or a sub-folder)`); continue; }
    const base = c.fileUrl(root, r.from);
    let u;
    try { u = new URL(v, base); } catch (e) { broken.push(`${where} is not a valid URL`); continue; }
    const target = fileURLToPath(u.href.split(/[?#]/)[0]);
    const trel = path.relative(root, target).split(path.sep).join("/");
    if (trel.startsWith("..")) { broken.push(`${where} points outside the site (${trel})`); continue; }
    if (!fs.existsSync(target)) { broken.push(`${where} → missing file ${trel}`); continue; }
    if (fs.statSync(target).isDirectory()) { broken.push(`${where} → a directory (${trel}/); file:// shows no index.html there, link the file`); continue; }
    if (/\.css$/i.test(target)) checkCss(target, r.from);
    const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : "";
    if (frag && /\.html?$/i.test(target)) {
      const d = docs.get(trel);
      if (d && !d.ids.has(frag)) { broken.push(`${where} → no element with id "${frag}" in ${trel}`); missingIds.push({ from: r.from + (r.js ? " (rendered by JS)" : ""), trel, frag }); }
    }
  }
  // Same message on many pages (a theme bug) is listed once with a count; missing ids per page pair.
  const group = (list) => {
    const m = new Map();
    for (const s of list) { const k = s.replace(/^[^:]+: /, ""); m.set(k, (m.get(k) || []).concat(s.split(":")[0])); }
    return [...m].map(([k, froms]) => froms.length > 1 ? `${k}  [on ${froms.length} pages, e.g. ${froms[0]}]` : `${froms[0]}: ${k}`);
  };
  const byPair = new Map();
  for (const x of missingIds) {
    const k = `${x.from} → ${x.trel === x.from ? "itself" : x.trel}`;
    byPair.set(k, (byPair.get(k) || []).concat("#" + x.frag));
  }
  for (const [k, frags] of byPair) console.log(`  broken: ${k}: ${frags.length} link(s) to missing id(s): ${frags.slice(0, 12).join(" ")}${frags.length > 12 ? " …" : ""}`);
  const others = broken.filter((b) => !/ → no element with id /.test(b));
  for (const s of group(others).slice(0, 60)) console.log("  broken: " + s);
  if (others.length > 60) console.log(`  … ${others.length - 60} more broken`);
  for (const s of group(external).slice(0, 30)) console.log("  external: " + s);
  for (const s of loadErrors.slice(0, 20)) console.log("  load error: " + s);
  const ok = broken.length === 0 && external.length === 0 && loadErrors.length === 0;
  c.finish(ok, `${checked} references on ${files.length} pages (+${dynamic.length} rendered by JS): ${broken.length} broken, ` +
    `${external.length} external resource(s), ${loadErrors.length} load error(s); ${externalNav} outbound links (allowed)` +
    (baseRefs ? `; 404.html: ${baseRefs} references to the site's base_url ${siteBase} checked as files` : ""));
})().catch((e) => { console.log("  error: " + (e.stack || e)); c.finish(false, "crashed: " + e.message); });
