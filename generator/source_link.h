#pragma once
// Links between source files: a Markdown link to another page's .md file (and its #anchor)
// becomes a link to the built page.
#include <string>
#include <string_view>

namespace annalist {

/// A link written to a Markdown source file.
struct SourceLink {
  std::string path;    ///< the linked file, lexically normal, in the form of Page::file
  std::string anchor;  ///< the part after '#', percent-decoded ("" when none)
};

/// Whether url (a link destination as written on the page whose source is page_file) points
/// at a local .md file; fills *out when it does. URLs with a scheme, absolute paths and links
/// to other files are not source links.
bool parse_source_link(std::string_view url, const std::string& page_file, SourceLink* out);

/// A '/'-path with "." parts and empty parts removed and "a/.." parts resolved lexically;
/// ".." that climb above the start are kept ("../x").
std::string lexically_normal(std::string_view path);

/// The path that leads from directory from to path to, both lexically normal and relative to
/// the same place ("a/b", "a/c/x.md" -> "../c/x.md").
std::string relative_path(const std::string& from, const std::string& to);

}  // namespace annalist
