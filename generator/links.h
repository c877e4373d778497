#pragma once
// Internal link checking over rendered pages: every relative href and #anchor must resolve.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace annalist {

/// One link that does not resolve.
struct BrokenLink {
  std::string page;  ///< site path of the page that holds it
  std::string href;  ///< the link as written
  std::string why;   ///< "no such file" or "no such anchor"
};

/// Checks every href/src of the given HTML pages against the site's files and ids.
/// pages: site path -> HTML; files: every site path (pages, assets, downloads).
std::vector<BrokenLink> find_broken_links(const std::map<std::string, std::string>& pages,
                                          const std::set<std::string>& files);

/// The ids (id="…") defined in an HTML text.
std::set<std::string> html_ids(const std::string& html);

/// Resolves a relative href against the directory of page ("chapters/a.html" + "../x" -> "x").
std::string resolve_href(const std::string& page, const std::string& href);

}  // namespace annalist
