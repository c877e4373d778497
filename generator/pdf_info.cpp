#include "pdf_info.h"

#include <cstdio>
#include <string_view>

#include "text.h"

namespace annalist {
namespace {

// A PDF text string: UTF-16BE with a byte order mark, as a hex string.
std::string pdf_text(std::string_view utf8) {
  std::string out = "<FEFF";
  char buf[8];
  auto unit = [&](unsigned u) {
    std::snprintf(buf, sizeof buf, "%04X", u & 0xFFFF);
    out += buf;
  };
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = utf8_next(utf8, i);
    if (c >= 0x10000) {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      unit(c);
    }
  }
  return out + ">";
}

// The token after `key` in dict ("/Size 12" → "12"; "/Root 9 0 R" → "9 0 R" with refs=true), or "".
std::string dict_value(std::string_view dict, std::string_view key, bool ref) {
  size_t at = dict.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  while (at < dict.size() && (dict[at] == ' ' || dict[at] == '\n' || dict[at] == '\r')) ++at;
  size_t end = at;
  if (ref) {
    end = dict.find('R', at);
    if (end == std::string_view::npos) return {};
    ++end;
  } else {
    while (end < dict.size() && is_ascii_digit(dict[end])) ++end;
  }
  return std::string(dict.substr(at, end - at));
}

}  // namespace

bool set_pdf_info(std::string& pdf, const PdfInfo& info) {
  size_t startxref = pdf.rfind("startxref");
  size_t trailer = pdf.rfind("trailer", startxref);
  if (startxref == std::string::npos || trailer == std::string::npos) return false;
  std::string_view dict = std::string_view(pdf).substr(trailer, startxref - trailer);
  std::string size = dict_value(dict, "/Size", false);
  std::string root = dict_value(dict, "/Root", true);
  std::string prev = dict_value(std::string_view(pdf).substr(startxref), "startxref", false);
  if (size.empty() || root.empty() || prev.empty()) return false;
  std::string id;
  if (size_t at = dict.find("/ID"); at != std::string_view::npos) {
    size_t end = dict.find(']', at);
    if (end != std::string_view::npos) id = " " + std::string(dict.substr(at, end + 1 - at));
  }
  std::string obj = size;  // the new object takes the first free number
  if (pdf.back() != '\n') pdf += '\n';
  size_t offset = pdf.size();
  pdf += obj + " 0 obj\n<<";
  if (!info.title.empty()) pdf += "/Title " + pdf_text(info.title);
  if (!info.author.empty()) pdf += "/Author " + pdf_text(info.author);
  pdf += "/Creator (annalist)>>\nendobj\n";
  size_t xref = pdf.size();
  char entry[32];
  std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
  pdf += "xref\n" + obj + " 1\n" + entry;
  pdf += "trailer\n<</Size " + std::to_string(std::stoul(size) + 1) + " /Root " + root + " /Info " + obj + " 0 R /Prev " +
         prev + id + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return true;
}

}  // namespace annalist
