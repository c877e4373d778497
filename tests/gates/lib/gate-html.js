// Gate "html": the Nu Html Checker (vnu.jar) finds no error in any page of the site, and every
// inline <svg> is well-formed XML.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const c = require("./common");

const { root } = c.args();
const files = c.listHtml(root).map((rel) => path.join(root, rel));
let failures = 0;
const summary = [];

if (!files.length) {
  console.log("  no .html files in " + root);
  c.finish(false, "no .html files found");
  process.exit();
}

// 1. vnu
const jar = path.join(c.HERE, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
const vnu = spawnSync("java", ["-Xss4m", "-jar", jar, "--errors-only", "--format", "json", ...files],
  { encoding: "utf8", maxBuffer: 64 << 20 });
let messages = [];
try {
  messages = JSON.parse(vnu.stderr || vnu.stdout || "{}").messages || [];
} catch (e) {
  console.log("  vnu did not answer in JSON (exit " + vnu.status + "):\n" + (vnu.stderr || "").slice(0, 2000));
  failures++;
}
const errs = messages.filter((m) => m.type === "error" || m.type === "non-document-error" || m.subType === "fatal");
const byFile = new Map();
for (const m of errs) {
  const f = decodeURIComponent((m.url || "").replace(/^file:(\/\/)?/, ""));
  const rel = path.relative(root, f) || f;
  if (!byFile.has(rel)) byFile.set(rel, []);
  byFile.get(rel).push(m);
}
// Identical messages repeat on every page (theme bugs): group them so the list stays readable.
const byMessage = new Map();
for (const [rel, ms] of byFile) {
  for (const m of ms) {
    const k = m.message;
    if (!byMessage.has(k)) byMessage.set(k, { n: 0, files: new Set(), first: null });
    const g = byMessage.get(k);
    g.n++;
    g.files.add(rel);
    if (!g.first) g.first = { rel, m };
  }
}
for (const [msg, g] of [...byMessage].sort((a, b) => b[1].n - a[1].n)) {
  const { rel, m } = g.first;
  const ex = (m.extract || "").replace(/\s+/g, " ").slice(0, 160);
  console.log(`  vnu error ×${g.n} in ${g.files.size} file(s), e.g. ${rel}:${m.lastLine || m.firstLine || "?"}: ${msg}`);
  if (ex) console.log(`      at: ${ex}`);
  if (g.files.size > 1) console.log(`      files: ${[...g.files].slice(0, 8).join(", ")}${g.files.size > 8 ? ", …" : ""}`);
}
failures += errs.length;
summary.push(`vnu: ${errs.length} error(s) in ${byFile.size}/${files.length} page(s)`);

// 2. inline SVG is XML
const py = spawnSync("python3", [path.join(__dirname, "svgcheck.py"), ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
let svg = { svgs: 0, errors: [] };
try {
  svg = JSON.parse(py.stdout);
} catch (e) {
  console.log("  svgcheck.py failed: " + (py.stderr || "").slice(0, 2000));
  failures++;
}
for (const e of svg.errors.slice(0, 30)) {
  console.log(`  svg not well-formed: ${path.relative(root, e.file)}:${e.line} (svg #${e.index}): ${e.error}`);
  console.log(`      at: ${e.excerpt.replace(/\s+/g, " ")}`);
}
if (svg.errors.length > 30) console.log(`  … and ${svg.errors.length - 30} more SVG errors`);
failures += svg.errors.length;
summary.push(`inline svg: ${svg.errors.length} of ${svg.svgs} not well-formed XML`);

// 3. The charts' standalone SVG downloads (figures/*.svg): well-formed XML with the SVG namespace,
// nothing run and nothing fetched (no <script>, no on… handler, no href, no url() but url(#…), no @import).
const fs = require("fs");
const figDir = path.join(root, "figures");
const standalone = fs.existsSync(figDir) ? fs.readdirSync(figDir).filter((f) => f.endsWith(".svg")).map((f) => path.join(figDir, f)) : [];
let badStandalone = 0;
if (standalone.length) {
  const py2 = spawnSync("python3", [path.join(__dirname, "svgcheck.py"), ...standalone], { encoding: "utf8", maxBuffer: 64 << 20 });
  let r = { svgs: 0, errors: [] };
  try { r = JSON.parse(py2.stdout); } catch (e) { console.log("  svgcheck.py failed: " + (py2.stderr || "").slice(0, 2000)); failures++; }
  for (const e of r.errors.slice(0, 10)) console.log(`  standalone svg not well-formed: ${path.relative(root, e.file)}:${e.line}: ${e.error}`);
  badStandalone += r.errors.length;
  for (const f of standalone) {
    const text = fs.readFileSync(f, "utf8");
    const problems = [];
    if (!/<svg\b[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(text)) problems.push("no SVG xmlns on <svg>");
    if (/<script\b/i.test(text)) problems.push("a <script>");
    if (/\son[a-z]+\s*=/i.test(text)) problems.push("an event handler attribute");
    if (/\s(xlink:)?href\s*=/i.test(text)) problems.push("an href");
    if (/url\(\s*['"]?(?!#)/i.test(text)) problems.push("a url() to something outside the file");
    if (/@import/i.test(text)) problems.push("an @import");
    if (/var\(/.test(text)) problems.push("a var() (not every SVG viewer resolves CSS custom properties)");
    for (const p of problems) console.log(`  standalone svg ${path.relative(root, f)}: ${p}`);
    badStandalone += problems.length;
  }
}
failures += badStandalone;
summary.push(`chart downloads: ${badStandalone} problem(s) in ${standalone.length} standalone svg file(s)`);

c.finish(failures === 0, summary.join("; "));
