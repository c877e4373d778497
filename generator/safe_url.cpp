#include "safe_url.h"

#include <cctype>
#include <cstring>
#include <string>

namespace annalist {

bool dangerous_url(std::string_view url) {
  // The scheme as a browser reads it: leading C0 controls and spaces are dropped and tabs and
  // line breaks removed anywhere, so "&#1;javascript:" and "j&#9;a&#9;v…" are javascript: too.
  std::string lower;
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  for (; i < url.size() && lower.size() < 16; ++i) {
    char c = url[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') lower += static_cast<char>(tolower(static_cast<unsigned char>(c)));
  }
  auto starts = [&](const char* p) { return lower.compare(0, std::strlen(p), p) == 0; };
  if (starts("data:image/png") || starts("data:image/gif") || starts("data:image/jpeg") ||
      starts("data:image/webp"))
    return false;
  return starts("javascript:") || starts("vbscript:") || starts("file:") || starts("data:");
}

}  // namespace annalist
