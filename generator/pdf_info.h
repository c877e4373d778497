#pragma once
// The document information of a printed PDF (title, author): Chromium takes the title from
// <title> and writes no author, so annalist appends its own information dictionary.
#include <string>

namespace annalist {

struct PdfInfo {
  std::string title;   ///< UTF-8; left out when empty
  std::string author;  ///< UTF-8; left out when empty
};

/// Appends an incremental update to `pdf` (a PDF ending in a classic cross-reference table and
/// trailer, as Chromium writes it) with a new information dictionary: Title, Author and Creator
/// "annalist". False, and `pdf` unchanged, when its end has no trailer with /Size and /Root or no
/// startxref.
bool set_pdf_info(std::string& pdf, const PdfInfo& info);

}  // namespace annalist
