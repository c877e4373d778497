#include "incremental.h"

#include "build_stamp.h"
#include "hash.h"
#include "site_pages.h"
#include "text.h"

namespace annalist {

namespace {

// Identifies the generator itself, so that a new annalist never takes an old site as up to date:
// its version and a hash of the sources it was built from (made by CMake at build time).
std::string generator_id() { return std::string(ANNALIST_VERSION) + "+" + build_stamp(); }

}  // namespace

std::string settings_key(const Project& p) {
  const Config& c = p.config;
  std::string s = c.language + "|" + (c.number_sections ? "1" : "0") + (c.allow_html ? "1" : "0") + "|" +
                  c.figure_label + "|" + c.table_label + "|" + p.theme.ui.dump() + "|" +
                  hash_hex(p.theme.strings.figure.standalone_css);
  return hash_hex(s);
}

std::string page_key(const Page& page, const std::string& settings) {
  std::string key;
  key.reserve(settings.size() + page.url.size() + page.number.size() + page.slug.size() + page.title.size() +
              page.file.size() + page.source_hash.size() + 8);
  for (const std::string* part : {&settings, &page.url, &page.number, &page.slug, &page.title})
    key.append(*part).push_back('|');
  key.append(std::to_string(static_cast<int>(page.kind))).push_back('|');
  return key.append(page.file).append("|").append(page.source_hash);
}

std::string deps_key(const Project& p, const RenderedPage& r) {
  std::string s;
  for (const auto& d : r.data_deps) {
    auto it = p.data_hash.find(d);
    s.append(d).append("=").append(it == p.data_hash.end() ? "missing" : it->second).append(";");
  }
  for (const auto& rel : r.image_deps)
    s.append("image:").append(rel).append("=").append(p.images ? p.images->get_rel(rel)->hash : "").append(";");
  return s;
}

std::string site_key(const Project& p, const BuildOptions& opts, const std::string& settings,
                     const std::vector<std::string>& labels, const std::vector<RenderedPage>& rendered) {
  std::string key = settings + p.theme.fingerprint + opts.live_reload + p.config.title + p.config.subtitle +
                    p.config.edition + p.config.base_url + p.config.description + "\x1f" + p.config.author + "\x1f" +
                    p.config.publisher + "\x1f" + p.config.search_example + "\x1f" + p.config.published + "\x1f" +
                    p.config.updated + "\x1f" +
                    (any_figures(rendered) ? "F" : "-") + (p.data.sets.empty() ? "-" : "D");
  for (const auto* list : {&p.config.extra_css, &p.config.extra_js})
    for (const AssetRef& a : *list) key += "|asset:" + a.path;
  key.reserve(key.size() + p.pages.size() * 256);
  for (size_t i = 0; i < p.pages.size(); ++i) {
    const Page& page = p.pages[i];
    key.append("|").append(labels[i]).append(rendered[i].title).append(page.url).append(page.summary);
    key.append(std::to_string(static_cast<int>(page.kind))).append(std::to_string(page.depth));
    key.append(page.part_page ? "P" : "").append(page.part);
  }
  return hash_hex(key);
}

std::string target_signature(const RenderedPage& r) {
  std::string s = r.title;
  auto pos = [&](const SourcePos& p) { s += p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + "\x1f"; };
  for (const auto& h : r.headings) {
    s += "\x1eh" + std::to_string(h.level) + (h.explicit_id ? "!" : "") + h.id + "\x1f" + h.number + "\x1f" + h.text + "\x1f";
    pos(h.pos);
  }
  for (const auto& f : r.figures) {
    s += std::string("\x1e") + (f.table ? "t" : f.placeholder ? "p" : "f") + f.id + "\x1f" + f.anchor + "\x1f" + f.label + "\x1f" + f.title + "\x1f";
    pos(f.pos);
  }
  return s;
}

std::string xref_signature(const RenderedPage& r, const Targets& t, bool* missing,
                           const std::vector<RenderedPage>* rendered) {
  std::string s;
  for (const auto& x : r.xrefs) {
    std::string key = x.kind + ":" + x.id;
    auto it = t.by_key.find(key);
    if (it == t.by_key.end() || t.ambiguous.count(key)) {
      *missing = true;
      return {};
    }
    s += key + "=" + it->second.label + "|" + std::to_string(it->second.page) + "#" + it->second.anchor + "|" +
         it->second.title + ";";
    if (!x.anchor.empty() && rendered && it->second.page < rendered->size())
      s += source_anchor_kind((*rendered)[it->second.page], x.anchor) + ";";
  }
  return s;
}

std::string project_fingerprint(const Project& p, const BuildOptions& opts) {
  std::string fp = generator_id() + "|" + p.config_text + "|" + p.theme.fingerprint + "|" + opts.templates_dir + "|" +
                   opts.live_reload;
  for (const auto& page : p.pages) fp += "|" + page.file + "|" + page.source_hash;
  for (const auto& [k, h] : p.data_hash) fp += "|" + k + "=" + h;
  for (const auto& f : p.static_files) fp += "|static:" + f.site_path + "=" + f.hash;
  return hash_hex(fp);
}

std::string image_marker_lines(const std::vector<std::pair<std::string, std::string>>& images) {
  std::string s;
  for (const auto& [rel, hash] : images) s += "image " + hash + " " + url_path_encode(rel) + "\n";
  return s;
}

bool marker_is_current(const std::string& marker_text, const std::string& first_line, const Project& p) {
  if (marker_text.compare(0, first_line.size(), first_line) != 0) return false;
  for (const auto& line : split(std::string_view(marker_text).substr(first_line.size()), '\n')) {
    if (line.empty() || line.rfind("file ", 0) == 0) continue;  // the file list: site_is_intact
    std::vector<std::string> parts = split(line, ' ');
    if (parts.size() != 3 || parts[0] != "image" || !p.images) return false;
    if (p.images->get_rel(percent_decode(parts[2]))->hash != parts[1]) return false;
  }
  return true;
}

}  // namespace annalist
