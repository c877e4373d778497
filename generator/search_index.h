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

}  // namespace annalist
