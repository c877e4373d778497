#pragma once
// Raw HTML written in Markdown when a report opts in (allow_html: true): the fragment cmark
// hands over is tokenized as a browser would and written again from its tokens, keeping tags and
// plain attributes and dropping what could run script (see docs/FORMAT.md, "Raw HTML").
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace annalist {

/// A link or image URL written in the source, kept so that the link check can say where a broken
/// one is written.
struct LinkUse {
  std::string url;  ///< the URL as the browser reads it (entities decoded)
  SourcePos pos;    ///< where it is written
};

/// Where a raw HTML fragment sits in its source file, for warnings.
struct RawHtmlPos {
  SourcePos first;   ///< position of the fragment's first byte
  int next_col = 1;  ///< column where each later line of the fragment begins
};

/// Appends the safe form of a raw HTML fragment to out; each dropped element, attribute or URL
/// gets a located warning. Each href and src kept is added to links.
void sanitize_raw_html(std::string_view fragment, const RawHtmlPos& pos, std::string& out, Diagnostics& diags,
                       std::vector<LinkUse>& links);

}  // namespace annalist
