#pragma once
// Printing a built site's print.html to PDF with headless Chromium.
#include <string>

namespace annalist {

/// The first Chromium found on PATH (chromium, chromium-browser, google-chrome), or "".
std::string find_chromium();

/// Prints html_file to pdf_file with headless Chromium (its profile in profile_dir); true when
/// Chromium succeeded and the PDF exists. Chromium's own stdout and stderr (dbus warnings and the
/// like) go to `output`, for the caller to show only when printing failed.
bool print_pdf(const std::string& chromium, const std::string& html_file, const std::string& pdf_file,
               const std::string& profile_dir, std::string* output);

}  // namespace annalist
