#include "xref.h"

#include <algorithm>

#include "fs.h"
#include "numbering.h"
#include "source_link.h"
#include "text.h"

namespace annalist {

std::string print_prefix(const Page& page) { return page.slug + "--"; }

std::string source_anchor_kind(const RenderedPage& r, const std::string& anchor) {
  for (const auto& f : r.figures)
    if (f.anchor == anchor) return "fig";
  for (const auto& h : r.headings)
    if (h.id == anchor) return "sec";
  return "";
}

Targets collect_targets(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                        const UiStrings& ui, Diagnostics& diags) {
  Targets t;
  std::unordered_map<std::string, const SourcePos*> where;  // key -> where it was first defined
  size_t expected = 0;
  for (const auto& r : rendered) expected += 2 + r.figures.size() + r.headings.size();
  where.reserve(expected);
  t.by_key.reserve(expected);
  const std::string& section_ref = ui.section_ref;
  for (size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    const RenderedPage& r = rendered[i];
    // A reference to a chapter reads 第1章, to a sub-page 1.2节, to an unnumbered page its title.
    std::string label = p.number.empty() ? r.title
                        : p.depth > 0    ? format_label(section_ref, "", p.number)
                                         : page_label(p, ui);
    t.by_key["ch:" + p.slug] = {label, r.title, i, ""};
    t.by_key["md:" + lexically_normal(p.file)] = {r.title, r.title, i, ""};
    for (const auto& f : r.figures) {
      std::string key = (f.table ? "tbl:" : "fig:") + f.id;
      auto [it, fresh] = where.emplace(key, &f.pos);
      if (!fresh) {
        if (it->second->file != f.pos.file)  // same-page duplicates are reported by the page
          diags.error(f.pos, "duplicate " + std::string(f.table ? "table" : "figure") + " id '" + f.id + "'",
                      "first used at " + it->second->file + ":" + std::to_string(it->second->line) +
                          "; ids must be unique in the report");
        continue;
      }
      t.by_key[key] = {f.label, f.title, i, f.anchor};
    }
    for (const auto& h : r.headings) {
      std::string key = "sec:" + h.id;
      std::string label = h.number.empty() ? h.text : format_label(section_ref, "", h.number);
      auto [it, fresh] = where.emplace(key, &h.pos);
      if (fresh) {
        t.by_key[key] = {label, h.text, i, h.id};
      } else if (h.explicit_id && it->second->file != h.pos.file) {
        diags.warning(h.pos, "section id '" + h.id + "' is also used in " + it->second->file,
                      "references @sec:" + h.id + " are ambiguous; give the section another {#id}");
        t.ambiguous.insert(key);
      } else if (it->second->file != h.pos.file) {
        t.ambiguous.insert(key);
      }
    }
  }
  return t;
}

namespace {

// Reports a reference that names no target, or one that several pages share.
void report_missing(const XrefUse& x, const std::string& key, bool ambiguous, const Targets& targets,
                    Diagnostics& diags) {
  if (ambiguous) {
    diags.error(x.pos, "ambiguous reference '@" + key + "': several pages have this section id",
                "give the section a unique {#id}");
    return;
  }
  std::vector<std::string> keys;
  for (const auto& [k, _] : targets.by_key)
    if (k.compare(0, x.kind.size() + 1, x.kind + ":") == 0) keys.push_back(k.substr(x.kind.size() + 1));
  std::sort(keys.begin(), keys.end());  // by_key has no order of its own
  std::string hint = did_you_mean(x.id, keys);
  diags.error(x.pos, "unknown reference '@" + key + "'",
              hint.empty() ? "define it: a chart/table/figure 'id:', a heading {#id} or a page slug" : hint);
}

// A source link to a file that is not a page of the report.
void report_unknown_source(const XrefUse& x, const Targets& targets, Diagnostics& diags) {
  std::string from = path_dir(x.pos.file);
  std::vector<std::string> files;  // as the linking page would write them
  for (const auto& [k, _] : targets.by_key)
    if (k.compare(0, 3, "md:") == 0) files.push_back(relative_path(from, k.substr(3)));
  std::sort(files.begin(), files.end());
  std::string wrote = x.href.substr(0, x.href.find_first_of("?#"));
  std::string hint = did_you_mean(relative_path(from, x.id), files);
  diags.error(x.pos, "link to '" + wrote + "', which is not a page of the report",
              hint.empty() ? "list " + x.id + " in report.yml (front, chapters or appendices), or link to a page that is"
                           : hint);
}

// A source link to an anchor that page r does not have.
void report_unknown_anchor(const XrefUse& x, const RenderedPage& r, Diagnostics& diags) {
  std::vector<std::string> ids;
  for (const auto& h : r.headings) ids.push_back(h.id);
  for (const auto& f : r.figures) ids.push_back(f.anchor);
  std::sort(ids.begin(), ids.end());
  std::string hint = did_you_mean(x.anchor, ids);
  diags.error(x.pos, "no heading or figure '#" + x.anchor + "' in " + x.id,
              hint.empty() ? "link to a heading's id (its {#id}, or the one made from its text) or a figure's fig-<id>"
                           : hint);
}

// The link of x, a link to another page's Markdown source: to the built page (and anchor), or
// in print.html to its place there. Unknown pages and anchors are reported to diags (when not
// null); a link to an unknown page is written as it is.
void write_source_link(const XrefUse& x, size_t page_index, const std::vector<Page>& pages, const Targets& targets,
                       const LinkContext& ctx, Diagnostics* diags, std::string& out) {
  auto it = targets.by_key.find("md:" + x.id);
  std::string href;
  if (it == targets.by_key.end()) {
    if (diags) report_unknown_source(x, targets, *diags);
    href = x.href;
  } else {
    size_t target = it->second.page;
    std::string kind = "sec";
    if (ctx.rendered && !x.anchor.empty() && target < ctx.rendered->size()) {
      kind = source_anchor_kind((*ctx.rendered)[target], x.anchor);
      if (kind.empty() && diags) report_unknown_anchor(x, (*ctx.rendered)[target], *diags);
    }
    const Page& tp = pages[target];
    if (ctx.print) {
      href = "#" + (kind == "fig" ? x.anchor : print_prefix(tp) + (x.anchor.empty() ? "top" : x.anchor));
    } else {
      if (target != page_index || x.anchor.empty()) href = tp.url.substr(tp.url.rfind('/') + 1);
      if (!x.anchor.empty()) href += "#" + x.anchor;
    }
  }
  out += "<a href=\"";
  html_escape(href, out);
  out += "\"";
  if (!x.title.empty()) {
    out += " title=\"";
    html_escape(x.title, out);
    out += "\"";
  }
  out += ">";
  if (!x.custom_html.empty()) out += x.custom_html;
  else if (it != targets.by_key.end()) html_escape(it->second.title, out);
  else html_escape(x.href, out);
  out += "</a>";
}

// The link of cross-reference x on page page_index; unknown and ambiguous ones are reported to
// diags (when not null) and written as they are.
void write_xref(const XrefUse& x, size_t page_index, const std::vector<Page>& pages, const Targets& targets,
                const LinkContext& ctx, Diagnostics* diags, std::string& out) {
  if (x.kind == "md") {
    write_source_link(x, page_index, pages, targets, ctx, diags, out);
    return;
  }
  std::string key = x.kind + ":" + x.id;
  auto it = targets.by_key.find(key);
  if (it == targets.by_key.end() || targets.ambiguous.count(key)) {
    if (diags) report_missing(x, key, it != targets.by_key.end(), targets, *diags);
    out += "<span class=\"xref-missing\">";
    html_escape("@" + key, out);
    out += "</span>";
    return;
  }
  const Target& t = it->second;
  const Page& tp = pages[t.page];
  std::string href;
  if (ctx.print) {
    // Figure and table anchors are unique in the report and keep their ids in print.html.
    bool global = x.kind == "fig" || x.kind == "tbl";
    href = "#" + (global ? t.anchor : print_prefix(tp) + (t.anchor.empty() ? "top" : t.anchor));
  } else {
    if (t.page != page_index) href = tp.url.substr(tp.url.rfind('/') + 1);
    if (!t.anchor.empty()) href += "#" + t.anchor;
    if (href.empty()) href += '#';  // not = "#": GCC 12 warns falsely (-Wrestrict)
  }
  out += "<a class=\"xref\" href=\"";
  html_escape(href, out);
  out += "\"";
  if (!t.title.empty() && x.custom_html.empty()) {
    out += " title=\"";
    html_escape(t.title, out);
    out += "\"";
  }
  out += ">";
  if (!x.custom_html.empty()) out += x.custom_html;
  else html_escape(t.label, out);
  out += "</a>";
}

}  // namespace

std::string finalize_body(const RenderedPage& rp, size_t page_index, const std::vector<Page>& pages,
                          const Targets& targets, const LinkContext& ctx, Diagnostics* diags) {
  const std::string& body = rp.body_html();
  std::string out;
  out.reserve(body.size() + rp.xrefs.size() * 48);
  const std::string own_prefix = ctx.print ? print_prefix(pages[page_index]) : "";
  const std::string& url = pages[page_index].url;
  const std::string own_dir = ctx.print ? url.substr(0, url.rfind('/') + 1) : "";  // "chapters/"
  size_t plain = 0;
  for (const BodyHole& h : rp.holes) {
    if (h.off < plain || h.off > body.size()) continue;  // never: holes are in order, inside the body
    out.append(body, plain, h.off - plain);
    plain = h.off;
    if (h.kind == BodyHole::kScreenOnly) {
      if (ctx.print) plain = std::min<size_t>(body.size(), plain + h.index);  // holes inside it are skipped
    } else if (h.kind == BodyHole::kIdPrefix) out += own_prefix;
    else if (h.kind == BodyHole::kDirPrefix) out += own_dir;
    else if (h.index < rp.xrefs.size()) write_xref(rp.xrefs[h.index], page_index, pages, targets, ctx, diags, out);
  }
  out.append(body, plain, body.size() - plain);
  if (ctx.print) {
    // Bodies are written for chapters/; print.html sits one directory up.
    for (const char* attr : {"href=\"../", "src=\"../"}) {
      size_t k = 0;
      std::string a = attr, b = a.substr(0, a.size() - 3);
      while ((k = out.find(a, k)) != std::string::npos) {
        out.replace(k, a.size(), b);
        k += b.size();
      }
    }
  }
  return out;
}

}  // namespace annalist
