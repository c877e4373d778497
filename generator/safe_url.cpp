#include "safe_url.h"

#include <cctype>
#include <cstring>
#include <string>

namespace annalist {

bool dangerous_url(std::string_view url) {
  // The scheme as a browser reads what we write: html_escape drops C0 controls, and a browser
  // drops leading spaces and removes tabs and line breaks anywhere, so "&#1;javascript:",
  // "java&#1;script:" and "j&#9;a&#9;v…" are javascript: too. Every byte at or below the space
  // (0x20) is skipped, wherever it stands.
  std::string lower;
  for (size_t i = 0; i < url.size() && lower.size() < 16; ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (c > 0x20) lower += static_cast<char>(tolower(c));
  }
  auto starts = [&](const char* p) { return lower.compare(0, std::strlen(p), p) == 0; };
  if (starts("data:image/png") || starts("data:image/gif") || starts("data:image/jpeg") ||
      starts("data:image/webp"))
    return false;
  return starts("javascript:") || starts("vbscript:") || starts("file:") || starts("data:");
}

}  // namespace annalist
