#include "search_index.h"

#include <nlohmann/json.hpp>

namespace annalist {

namespace {

std::string fold_space(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool space = true;
  for (char c : s) {
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (ws) {
      if (!space) out += ' ';
      space = true;
    } else {
      out += c;
      space = false;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string build_search_index(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                               const std::vector<std::string>& page_labels) {
  nlohmann::json jpages = nlohmann::json::array();
  nlohmann::json jsections = nlohmann::json::array();
  for (size_t i = 0; i < pages.size(); ++i) {
    std::string title = page_labels[i].empty() ? rendered[i].title : page_labels[i] + " " + rendered[i].title;
    jpages.push_back({{"u", pages[i].url}, {"t", title}});
    for (const auto& s : rendered[i].search) {
      std::string text = fold_space(s.text);
      if (text.empty() && s.anchor.empty()) continue;
      jsections.push_back({i, s.anchor, s.title, text});
    }
  }
  nlohmann::json root = {{"pages", jpages}, {"sections", jsections}};
  return "window.ANNALIST_SEARCH=" + root.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + ";\n";
}

}  // namespace annalist
