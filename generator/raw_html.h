#pragma once
// Raw HTML written in Markdown: the fragment cmark hands over is tokenized as a browser would and
// written again from its tokens. By default only an allow-list of tags and attributes passes;
// with allow_html: true every tag and plain attribute does, but never what could run script
// (see docs/FORMAT.md, "Raw HTML"). Comments are dropped.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "image_html.h"

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

/// What passes.
struct RawHtmlPolicy {
  bool allow_all = false;  ///< allow_html: true; else the allow-list
  /// Resolves an <img> src (decoded, written at pos) that may name a project file, as for a
  /// Markdown image; null: every src is kept as written.
  std::function<LocalImage(const std::string& src, const SourcePos& pos)> local_image;
};

/// Appends the safe form of a raw HTML fragment to out; each element shown as text and each
/// dropped attribute or URL gets a located warning. Each href and src kept is added to links,
/// but for an image copied from the project (its problems are the image's, reported once).
void sanitize_raw_html(std::string_view fragment, const RawHtmlPos& pos, const RawHtmlPolicy& policy, std::string& out,
                       Diagnostics& diags, std::vector<LinkUse>& links);

}  // namespace annalist
