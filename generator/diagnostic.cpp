#include "diagnostic.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

namespace annalist {

void Diagnostics::error(SourcePos pos, std::string message, std::string hint) {
  add({Severity::kError, std::move(pos), std::move(message), std::move(hint)});
}

void Diagnostics::warning(SourcePos pos, std::string message, std::string hint) {
  add({Severity::kWarning, std::move(pos), std::move(message), std::move(hint)});
}

void Diagnostics::note(SourcePos pos, std::string message, std::string hint) {
  add({Severity::kNote, std::move(pos), std::move(message), std::move(hint)});
}

void Diagnostics::add(Diagnostic d) {
  std::lock_guard l(mu_);
  items_.push_back(std::move(d));
}

void Diagnostics::merge(const Diagnostics& other) {
  auto v = other.items();
  std::lock_guard l(mu_);
  items_.insert(items_.end(), v.begin(), v.end());
}

size_t Diagnostics::error_count() const {
  std::lock_guard l(mu_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

size_t Diagnostics::warning_count() const {
  std::lock_guard l(mu_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kWarning; });
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::vector<Diagnostic> Diagnostics::items() const {
  std::lock_guard l(mu_);
  return items_;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  auto v = items();
  std::stable_sort(v.begin(), v.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos.file != b.pos.file) return a.pos.file < b.pos.file;
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.col < b.pos.col;
  });
  // Identical diagnostics (e.g. one template error seen by every page) are shown once.
  v.erase(std::unique(v.begin(), v.end(),
                      [](const Diagnostic& a, const Diagnostic& b) {
                        return a.pos.file == b.pos.file && a.pos.line == b.pos.line &&
                               a.pos.col == b.pos.col && a.message == b.message &&
                               a.severity == b.severity;
                      }),
          v.end());
  return v;
}

static const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

static std::string location(const SourcePos& p) {
  std::string s = p.file.empty() ? "annalist" : p.file;
  if (p.line > 0) {
    s += ":" + std::to_string(p.line);
    if (p.col > 0) s += ":" + std::to_string(p.col);
  }
  return s;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string s = location(d.pos) + ": " + severity_name(d.severity) + ": " + d.message;
  if (!d.hint.empty()) s += "\n  hint: " + d.hint;
  return s;
}

void print_diagnostics(const Diagnostics& diags, std::ostream& out, bool colour) {
  for (const auto& d : diags.sorted()) {
    if (!colour) {
      out << format_diagnostic(d) << "\n";
      continue;
    }
    const char* c = d.severity == Severity::kError ? "\033[1;31m" : "\033[1;35m";
    out << "\033[1m" << location(d.pos) << ":\033[0m " << c << severity_name(d.severity)
        << ":\033[0m " << d.message << "\n";
    if (!d.hint.empty()) out << "  \033[36mhint:\033[0m " << d.hint << "\n";
  }
}

std::string diagnostics_json(const Diagnostics& diags) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& d : diags.sorted()) {
    arr.push_back({{"file", d.pos.file},
                   {"line", d.pos.line},
                   {"col", d.pos.col},
                   {"severity", severity_name(d.severity)},
                   {"message", d.message},
                   {"hint", d.hint}});
  }
  return arr.dump(2);
}

int edit_distance(const std::string& a, const std::string& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  int best_d = 0;
  int limit = std::max<int>(2, static_cast<int>(word.size()) / 3);
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: far longer or shorter words are out.
    if (std::abs(static_cast<long>(word.size()) - static_cast<long>(c.size())) > limit) continue;
    int d = edit_distance(word, c);
    if (!best || d < best_d || (d == best_d && c < *best)) {
      best = &c;
      best_d = d;
    }
  }
  if (!best || best_d > limit) return {};
  return "did you mean '" + *best + "'?";
}

}  // namespace annalist
