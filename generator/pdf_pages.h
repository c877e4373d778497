#pragma once
// Page numbers for the printed report: what print.html asks for (title, author, the pattern of a
// cross-reference's page), the pages Chromium put its anchors on (`pdfinfo -dests`), and the
// style sheet that writes those pages into the contents and after every cross-reference.
#include <map>
#include <string>
#include <string_view>

namespace annalist {

/// What print.html's <main> carries for the PDF: data-pdf-title, data-pdf-author and
/// data-page-ref ("（第{page}页）"), decoded; "" when missing.
struct PrintMeta {
  std::string title;
  std::string author;
  std::string page_ref;
};
PrintMeta read_print_meta(std::string_view html);

/// Anchor name → page (1-based) from the output of `pdfinfo -dests`.
using AnchorPages = std::map<std::string, int>;
AnchorPages parse_pdfinfo_dests(std::string_view text);

/// CSS giving every link to an anchor of `pages` its page as custom properties: --page ("12")
/// and --page-ref (page_ref with {page} filled in). With no pages, placeholders as wide as a
/// three-digit page for every contents link and cross-reference, so that the first print has
/// the layout of the final one.
std::string page_number_css(const AnchorPages& pages, const std::string& page_ref);

/// html with `<style>css</style>` added at the end of its <head> (at its start when there is none).
std::string with_style(std::string_view html, std::string_view css);

}  // namespace annalist
