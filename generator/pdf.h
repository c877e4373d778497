#pragma once
// Printing a built site's print.html to PDF with headless Chromium: page numbers in the contents
// and after cross-references (from a first print, read back with poppler's pdfinfo), an outline
// from the headings, and the report's title and author in the document information.
#include <initializer_list>
#include <string>

namespace annalist {

/// The first of `names` found on PATH as an executable, or "".
std::string find_program(std::initializer_list<const char*> names);

/// The first Chromium found on PATH (chromium, chromium-browser, google-chrome), or "".
std::string find_chromium();

/// What to print with what.
struct PdfJob {
  std::string chromium;  ///< the browser
  std::string pdfinfo;   ///< poppler's pdfinfo; "" prints once, without page numbers
  std::string site_dir;  ///< a built site holding print.html
  std::string pdf_file;  ///< the PDF to write
  std::string work_dir;  ///< scratch: Chromium's profile, the passes' PDFs, Chromium's output
};

/// Prints job.site_dir/print.html to job.pdf_file. With pdfinfo: a first print with placeholder
/// page numbers, then again with the page of every linked anchor (the contents' pages, "见图1-2
/// （第12页）"), and once more if that moved a page. Chromium's own stdout and stderr (dbus
/// warnings and the like) go to `output`, for the caller to show only when printing failed.
/// True when the PDF was written.
bool print_site_pdf(const PdfJob& job, std::string* output);

}  // namespace annalist
