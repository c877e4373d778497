#include "pdf_outline.h"

#include <string_view>
#include <vector>

namespace annalist {
namespace {

// The once-written text of units (UTF-16 code units as 4 hex digits each) when they split into
// pieces each repeated twice in a row; "" when they do not.
std::string undoubled(const std::vector<std::string_view>& units) {
  size_t n = units.size();
  std::vector<long> from(n + 1, -1);  // from[i]: start of the doubled piece ending at i
  from[0] = 0;
  auto doubled = [&](size_t j, size_t i) {
    size_t half = (i - j) / 2;
    for (size_t k = 0; k < half; ++k)
      if (units[j + k] != units[j + half + k]) return false;
    return true;
  };
  for (size_t i = 2; i <= n; i += 1) {
    for (size_t j = (i % 2); j + 2 <= i; j += 2) {
      if (from[j] >= 0 && doubled(j, i)) {
        from[i] = static_cast<long>(j);
        break;
      }
    }
  }
  if (from[n] < 0) return {};
  std::vector<std::string_view> pieces;
  for (size_t i = n; i > 0; i = static_cast<size_t>(from[i])) {
    size_t j = static_cast<size_t>(from[i]);
    for (size_t k = j + (i - j) / 2; k-- > j;) pieces.push_back(units[k]);
  }
  std::string out;
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) out += *it;
  return out;
}

}  // namespace

int repair_outline_titles(std::string& pdf) {
  static constexpr std::string_view kTitle = "<</Title <FEFF";
  int repaired = 0;
  for (size_t at = pdf.find(kTitle); at != std::string::npos; at = pdf.find(kTitle, at + 1)) {
    size_t start = at + kTitle.size();
    size_t end = pdf.find('>', start);
    if (end == std::string::npos || (end - start) % 4 != 0 || end - start < 16) continue;
    std::vector<std::string_view> units;
    for (size_t i = start; i < end; i += 4) units.push_back(std::string_view(pdf).substr(i, 4));
    std::string once = undoubled(units);
    if (once.empty()) continue;
    pdf.replace(start, once.size(), once);
    pdf.replace(start + once.size(), end - start - once.size(), std::string(end - start - once.size(), ' '));
    ++repaired;
  }
  return repaired;
}

}  // namespace annalist
