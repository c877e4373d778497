#pragma once
// A page's search text per section, kept small: runs that the page body holds verbatim are
// spans into the body, not copies; cross-references are spans naming the reference.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// One run of a search section's text.
struct SearchSpan {
  enum Kind : uint32_t { kBody, kOwn, kXref };
  uint32_t off;       ///< kBody: offset in the page body; kOwn: in SearchSection::own; kXref: index of the xref
  uint32_t len : 30;  ///< bytes (0 for kXref)
  uint32_t kind : 2;  ///< a Kind
};

/// Plain text of one section, for the search index.
struct SearchSection {
  std::string anchor;              ///< heading id ("" = top of page)
  std::string title;               ///< heading text
  std::string own;                 ///< the text that the body does not hold verbatim
  std::vector<SearchSpan> spans;   ///< the section's text, in order
};

/// The section's text spelled out: body spans from `body` (the body it was rendered with),
/// cross-reference i as xref_labels[i] ("" when there is none).
std::string search_section_text(const SearchSection& s, std::string_view body,
                                const std::vector<std::string>& xref_labels);

/// Builds the search sections of one page while its body is written.
class SearchTextBuilder {
 public:
  /// Sections go to *out; body spans refer to *body, the body being written.
  SearchTextBuilder(std::vector<SearchSection>* out, const std::string* body) : out_(out), body_(body) {}

  /// Starts a section.
  void section(std::string anchor, std::string title);
  /// Text that is not in the body as it is.
  void text(std::string_view s);
  /// Text that was just written, escaped, to the body at `at`: a span when the body holds it verbatim.
  void body_text(size_t at, std::string_view s);
  /// The label of cross-reference `index`, filled in when the search index is written.
  void xref(size_t index);
  /// A space between blocks, unless the text is empty or ends with one.
  void block_break();
  /// Lets go of spare capacity.
  void finish();

 private:
  SearchSection& cur() { return out_->back(); }
  std::vector<SearchSection>* out_;
  const std::string* body_;
};

}  // namespace annalist
