#include "site_compare.h"

#include <set>

#include "text.h"

namespace annalist {

namespace {

bool is_page(const std::string& p) {
  auto ends = [&](std::string_view suf) {
    return p.size() >= suf.size() && p.compare(p.size() - suf.size(), suf.size(), suf) == 0;
  };
  return ends(".html") || ends(".htm");
}

// The lang attribute of the <html> element, or "".
std::string html_lang(std::string_view html) {
  size_t at = html.find("<html");
  if (at == std::string_view::npos) return {};
  size_t end = html.find('>', at);
  size_t l = html.find("lang=\"", at);
  if (l == std::string_view::npos || l > end) return {};
  size_t e = html.find('"', l + 6);
  if (e == std::string_view::npos) return {};
  return std::string(html.substr(l + 6, e - l - 6));
}

}  // namespace

bool diff_ignores(const std::string& rel) {
  return rel.rfind("assets/", 0) == 0 || rel == "search-index.js" || rel.rfind("search/", 0) == 0 ||
         rel == ".annalist-site";
}

SiteDiff diff_sites(const FileSystem& fs, const std::string& old_dir, const std::string& new_dir) {
  SiteDiff d;
  auto listing = [&](const std::string& dir) {
    std::vector<std::string> out;
    for (auto& p : fs.list_files(dir))
      if (!diff_ignores(p)) out.push_back(std::move(p));
    return out;
  };
  std::vector<std::string> olds = listing(old_dir), news = listing(new_dir);
  std::set<std::string> all(olds.begin(), olds.end());
  all.insert(news.begin(), news.end());
  std::set<std::string> in_old(olds.begin(), olds.end()), in_new(news.begin(), news.end());
  for (const auto& p : all) {
    bool o = in_old.count(p) > 0, n = in_new.count(p) > 0;
    bool page = is_page(p);
    if (!o || !n) {
      if (page) d.pages.push_back({p, o ? PageStatus::kRemoved : PageStatus::kAdded, {}, {}, {}});
      else (o ? d.other_removed : d.other_added).push_back(p);
      continue;
    }
    auto ob = fs.read(path_join(old_dir, p));
    auto nb = fs.read(path_join(new_dir, p));
    std::string os = ob ? *ob : std::string(), ns = nb ? *nb : std::string();
    if (page && (p == "index.html" || d.lang.empty())) {
      std::string lang = html_lang(ns);
      if (!lang.empty()) d.lang = lang;
    }
    if (os == ns) {
      if (page) ++d.unchanged;
      continue;
    }
    if (!page) {
      d.other_changed.push_back(p);
      continue;
    }
    PageDiff pd;
    pd.path = p;
    pd.old_blocks = extract_text_blocks(os);
    pd.new_blocks = extract_text_blocks(ns);
    std::vector<std::string> ta = block_texts(pd.old_blocks), tb = block_texts(pd.new_blocks);
    if (ta == tb) {
      pd.status = PageStatus::kMarkupOnly;
      pd.old_blocks.clear();
      pd.new_blocks.clear();
    } else {
      pd.status = PageStatus::kChanged;
      pd.edits = diff_lines(ta, tb);
      auto nums = pair_numbers(pd.old_blocks, pd.new_blocks, pd.edits, p);
      d.numbers.insert(d.numbers.end(), std::make_move_iterator(nums.begin()), std::make_move_iterator(nums.end()));
    }
    d.pages.push_back(std::move(pd));
  }
  return d;
}

}  // namespace annalist
