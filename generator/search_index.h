#pragma once
// The offline search index: every section's plain text in a .js file (loads from file://).
#include <string>
#include <vector>

#include "content.h"
#include "html.h"
#include "xref.h"

namespace annalist {

/// The text of window.ANNALIST_SEARCH = {…}: pages and their sections, whitespace folded.
/// The browser side (assets/search.js) matches any query as a case-insensitive substring,
/// which finds every 2+ character CJK word as well as Latin words.
std::string build_search_index(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                               const std::vector<std::string>& page_labels, const Targets& targets);

/// The same text in pieces, to be written out page by page: the head (every page's url and
/// title, then the opening of the sections array), each page's sections (every one starting
/// with ',': drop the first of them), and the tail.
std::string search_index_head(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                              const std::vector<std::string>& page_labels);
std::string search_index_sections(size_t i, const RenderedPage& r, const Targets& targets);
inline constexpr const char* kSearchIndexTail = "]};\n";

}  // namespace annalist
