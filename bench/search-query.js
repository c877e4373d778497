#!/usr/bin/env node
// Runs a site's own assets/search.js for one query outside a browser and reports what it loaded.
//   node bench/search-query.js SITE_DIR QUERY [--results]
// Prints one JSON line: the query, the files loaded (search.html, search-index.js, search.js and
// every search/*.js the script asked for) with their bytes, the total, and the status line; with
// --results also the results' links. The DOM is a stub just large enough for search.js: scripts
// it adds are read from SITE_DIR and run, as a browser does from file://.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, query, flag] = process.argv.slice(2);
if (!site || query === undefined) {
  console.error("usage: search-query.js SITE_DIR QUERY [--results]");
  process.exit(2);
}
const loaded = [];
function read(rel) {
  const bytes = fs.readFileSync(path.join(site, rel));
  loaded.push({ file: rel, bytes: bytes.length });
  return bytes.toString("utf8");
}

function element(id) {
  return {
    id, children: [], hidden: false, value: "", textContent: "", html: "",
    set innerHTML(v) { this.html = v; }, get innerHTML() { return this.html; },
    insertAdjacentHTML(_where, v) { this.html += v; },
    addEventListener() {}, parentNode: { insertBefore() {} },
  };
}
const els = { "search-page-q": element("q"), "search-status": element("status"), "search-results": element("list") };
let pending = 0;
const document = {
  documentElement: { lang: "zh-CN" },
  getElementById: (id) => els[id] || null,
  createElement: () => element("x"),
  head: {
    appendChild(s) {
      pending++;
      setImmediate(() => {
        pending--;
        let ok = true;
        try { vm.runInContext(read(s.src), ctx, { filename: s.src }); } catch (e) { ok = false; }
        (ok ? s.onload : s.onerror)();
      });
    },
  },
};
const ctx = vm.createContext({ document, URLSearchParams, Promise, setImmediate, console,
  location: { search: "?q=" + encodeURIComponent(query) } });
ctx.window = ctx;
read("search.html");
vm.runInContext(read("search-index.js"), ctx);
vm.runInContext(read("assets/search.js"), ctx);

(function settle(quiet) {
  // Done when no script has been pending for a few turns of the event loop.
  setImmediate(() => {
    if (pending || quiet < 5) return settle(pending ? 0 : quiet + 1);
    const out = { query, total: loaded.reduce((a, f) => a + f.bytes, 0), files: loaded, status: els["search-status"].textContent };
    if (flag === "--results") out.results = [...els["search-results"].html.matchAll(/<li><a href="([^"]*)"/g)].map((m) => m[1]);
    console.log(JSON.stringify(out));
  });
})(0);
