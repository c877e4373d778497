#pragma once
// Raw HTML written in Markdown when a report opts in (allow_html: true): the fragment cmark
// hands over is tokenized as a browser would and written again from its tokens, keeping tags and
// plain attributes and dropping what could run script (see docs/FORMAT.md, "Raw HTML").
#include <string>
#include <string_view>

#include "diagnostic.h"

namespace annalist {

/// Where a raw HTML fragment sits in its source file, for warnings.
struct RawHtmlPos {
  SourcePos first;   ///< position of the fragment's first byte
  int next_col = 1;  ///< column where each later line of the fragment begins
};

/// Appends the safe form of a raw HTML fragment to out; each dropped element, attribute or URL
/// gets a located warning.
void sanitize_raw_html(std::string_view fragment, const RawHtmlPos& pos, std::string& out, Diagnostics& diags);

}  // namespace annalist
