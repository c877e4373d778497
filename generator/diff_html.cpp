#include "diff_html.h"

#include <map>

#include "diff_report.h"
#include "text.h"

namespace annalist {

namespace {

// The document head with the inline style sheet.
std::string page_head(const std::string& old_dir, const std::string& new_dir) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"generator\" content=\"annalist diff\">\n";
  h += "<title>Site diff: " + html_escape(old_dir) + " → " + html_escape(new_dir) + "</title>\n";
  h += R"(<style>
:root { color-scheme: light dark; --del: #ffebe9; --del-strong: #ffc1bc; --ins: #e6ffec; --ins-strong: #abf2bc;
  --muted: #57606a; --line: #d0d7de; --hunk: #ddf4ff; }
@media (prefers-color-scheme: dark) { :root { --del: #3d1d20; --del-strong: #7d2a2f; --ins: #1b3a26;
  --ins-strong: #2b6a3c; --muted: #9aa4ae; --line: #3d444d; --hunk: #17324d; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
.dirs, .muted, .where { color: var(--muted); }
code, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
table.pages th:first-child { width: 8rem; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.st { font-weight: 600; white-space: nowrap; } .st-added { color: #1a7f37; } .st-removed { color: #cf222e; }
.st-changed { color: #9a6700; } .st-markup { color: var(--muted); }
.old { background: var(--del); } .new { background: var(--ins); }
.diff { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; margin: .6rem 0 1rem; }
.hh { background: var(--hunk); color: var(--muted); padding: .15rem .6rem; font-family: ui-monospace, monospace;
  font-size: .85em; }
.l { display: flex; white-space: pre-wrap; overflow-wrap: anywhere; padding: .1rem .6rem; }
.l .m { flex: 0 0 1.4em; color: var(--muted); user-select: none; }
.l.del { background: var(--del); } .l.ins { background: var(--ins); }
.l del { background: var(--del-strong); text-decoration: none; } .l ins { background: var(--ins-strong); text-decoration: none; }
</style>
</head>
<body>
)";
  return h;
}

// The page list: status and path of every differing page, changed pages linked to their diff.
std::string pages_section(const SiteDiff& d, const std::map<const PageDiff*, std::string>& anchors) {
  if (d.pages.empty()) return {};
  std::string h =
      "<section id=\"pages\">\n<h2>Pages</h2>\n<table class=\"pages\">\n<thead>\n<tr><th scope=\"col\">Status</th>"
      "<th scope=\"col\">Page</th></tr>\n</thead>\n<tbody>\n";
  for (PageStatus s : kStatusOrder) {
    for (const auto& p : d.pages) {
      if (p.status != s) continue;
      std::string cls = s == PageStatus::kMarkupOnly ? "markup" : status_name(s);
      h += "<tr><td class=\"st st-" + cls + "\">" + status_name(s) + "</td><td class=\"path\">";
      auto a = anchors.find(&p);
      if (a != anchors.end()) h += "<a href=\"#" + a->second + "\">" + html_escape(p.path) + "</a>";
      else h += html_escape(p.path);
      h += "</td></tr>\n";
    }
  }
  h += "</tbody>\n</table>\n";
  h += "<p class=\"muted\">" + html_escape(plural(d.unchanged, "page", "pages")) +
       " unchanged. Pages are compared by their visible text; “markup only” pages differ in HTML but not "
       "in text. assets/, search-index.js and search/ are not compared.</p>\n</section>\n";
  return h;
}

// The list of non-page files that differ.
std::string other_files_section(const SiteDiff& d) {
  size_t other = d.other_added.size() + d.other_removed.size() + d.other_changed.size();
  if (!other) return {};
  std::string h = "<section id=\"other-files\">\n<h2>Other files</h2>\n<ul>\n";
  auto list = [&](const char* what, const std::vector<std::string>& files) {
    for (const auto& f : files)
      h += "<li><span class=\"st\">" + std::string(what) + "</span> <span class=\"path\">" + html_escape(f) +
           "</span></li>\n";
  };
  list("added", d.other_added);
  list("removed", d.other_removed);
  list("changed", d.other_changed);
  h += "</ul>\n</section>\n";
  return h;
}

// The table of changed numbers: page, old, new, and where.
std::string numbers_section(const SiteDiff& d, const std::string& lang_attr) {
  if (d.numbers.empty()) return {};
  DiffCounts c = count_diff(d);
  std::string h = "<section id=\"numbers\">\n<h2>Numbers</h2>\n<p>" + std::to_string(c.num_changed) + " changed, " +
                  std::to_string(c.num_added) + " added, " + std::to_string(c.num_removed) + " removed.</p>\n";
  h += "<table class=\"numbers\">\n<thead>\n<tr><th scope=\"col\">Page</th><th scope=\"col\">Old</th>"
       "<th scope=\"col\">New</th><th scope=\"col\">Where</th></tr>\n</thead>\n<tbody>\n";
  for (const auto& num : d.numbers) {
    h += "<tr><td class=\"path\">" + html_escape(num.page) + "</td>";
    h += "<td class=\"num" + std::string(num.old_text.empty() ? "" : " old") + "\">" +
         html_escape(num.old_text.empty() ? "—" : num.old_text) + "</td>";
    h += "<td class=\"num" + std::string(num.new_text.empty() ? "" : " new") + "\">" +
         html_escape(num.new_text.empty() ? "—" : num.new_text) + "</td>";
    h += "<td" + lang_attr + ">";
    if (!num.caption.empty() && num.caption != num.snippet)
      h += "<strong>" + html_escape(num.caption) + "</strong><br>";
    h += "<span class=\"where\">" + html_escape(num.snippet) + "</span></td></tr>\n";
  }
  h += "</tbody>\n</table>\n</section>\n";
  return h;
}

// One line of a hunk; the changed words of a paired line in <del>/<ins>.
std::string hunk_line(const PageDiff& p, const BlockPairs& pairs, const DiffEdit& e) {
  const std::string& text = edit_text(p, e);
  if (e.op == DiffOp::kEqual)
    return "<div class=\"l\"><span class=\"m\"> </span><span>" + html_escape(text) + "</span></div>\n";
  bool del = e.op == DiffOp::kDelete;
  std::string h = del ? "<div class=\"l del\"><span class=\"m\">-</span><span>"
                      : "<div class=\"l ins\"><span class=\"m\">+</span><span>";
  std::vector<Segment> words;
  if (changed_words(p, pairs, e, &words)) {
    for (const auto& s : words) {
      if (!s.changed) h += html_escape(s.text);
      else h += std::string(del ? "<del>" : "<ins>") + html_escape(s.text) + (del ? "</del>" : "</ins>");
    }
  } else {
    h += html_escape(text);
  }
  return h + "</span></div>\n";
}

// The text diff of one changed page, hunk by hunk.
std::string page_section(const PageDiff& p, const std::string& anchor, const std::string& lang_attr) {
  std::string h =
      "<section class=\"page\" id=\"" + anchor + "\">\n<h2 class=\"path\">" + html_escape(p.path) + "</h2>\n";
  BlockPairs pairs = pair_blocks(p);
  for (const auto& hk : diff_hunks(p.edits, kDiffContext)) {
    h += "<div class=\"diff\"" + lang_attr + ">\n<div class=\"hh\">" + html_escape(hunk_header(hk)) + "</div>\n";
    for (size_t k = hk.begin; k < hk.end; ++k) h += hunk_line(p, pairs, p.edits[k]);
    h += "</div>\n";
  }
  return h + "</section>\n";
}

}  // namespace

std::string format_diff_html(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir) {
  std::string lang_attr = d.lang.empty() ? "" : " lang=\"" + html_escape(d.lang) + "\"";
  std::string h = page_head(old_dir, new_dir);
  h += "<header>\n<h1>Site diff</h1>\n<p class=\"dirs\"><span class=\"path\">" + html_escape(old_dir) +
       "</span> → <span class=\"path\">" + html_escape(new_dir) + "</span></p>\n";
  h += "<p class=\"summary\">" + html_escape(summary_line(d)) + "</p>\n</header>\n<main>\n";
  if (d.identical()) return h + "</main>\n</body>\n</html>\n";
  std::map<const PageDiff*, std::string> anchors;
  int n = 0;
  for (const auto& p : d.pages)
    if (p.status == PageStatus::kChanged) anchors[&p] = "page-" + std::to_string(++n);
  h += pages_section(d, anchors);
  h += other_files_section(d);
  h += numbers_section(d, lang_attr);
  for (const auto& p : d.pages)
    if (p.status == PageStatus::kChanged) h += page_section(p, anchors[&p], lang_attr);
  return h + "</main>\n</body>\n</html>\n";
}

}  // namespace annalist
