#pragma once
// Printing a built site's print.html to PDF with headless Chromium.
#include <string>

namespace annalist {

/// The first Chromium found on PATH (chromium, chromium-browser, google-chrome), or "".
std::string find_chromium();

/// Prints html_file to pdf_file with headless Chromium (its profile in profile_dir); true when
/// Chromium succeeded and the PDF exists.
bool print_pdf(const std::string& chromium, const std::string& html_file, const std::string& pdf_file,
               const std::string& profile_dir);

}  // namespace annalist
