#pragma once
// One diagnostic type for the whole run: a located message with an optional hint.
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace annalist {

/// A place in a source file; line and col are 1-based, 0 means unknown.
struct SourcePos {
  std::string file;  ///< path as shown to the user (relative to the working directory)
  int line = 0;      ///< 1-based line, 0 = unknown
  int col = 0;       ///< 1-based column in bytes (as cmark and most compilers count), 0 = unknown
};

/// How bad a diagnostic is.
enum class Severity { kError, kWarning, kNote };

/// One located problem found in the input.
struct Diagnostic {
  Severity severity = Severity::kError;  ///< error stops the build, warning does not
  SourcePos pos;                         ///< where the problem is
  std::string message;                   ///< what is wrong, one line
  std::string hint;                      ///< how to fix it, may be empty
};

/// Collects diagnostics across a run; safe to add from several threads.
class Diagnostics {
 public:
  Diagnostics() = default;
  Diagnostics(const Diagnostics& o) : items_(o.items()) {}
  Diagnostics& operator=(const Diagnostics& o) {
    if (this != &o) { auto v = o.items(); std::lock_guard l(mu_); items_ = std::move(v); }
    return *this;
  }

  /// Records an error at pos.
  void error(SourcePos pos, std::string message, std::string hint = {});
  /// Records a warning at pos.
  void warning(SourcePos pos, std::string message, std::string hint = {});
  /// Adds a note: information that is not a problem (what an import left out, …).
  void note(SourcePos pos, std::string message, std::string hint = {});
  /// Records any diagnostic.
  void add(Diagnostic d);
  /// Appends all diagnostics of another collection.
  void merge(const Diagnostics& other);

  /// True when at least one error was recorded.
  bool has_errors() const;
  /// Number of errors recorded.
  size_t error_count() const;
  /// Number of warnings recorded.
  size_t warning_count() const;
  /// A copy of the diagnostics, in a stable order (file, line, col, then insertion).
  std::vector<Diagnostic> sorted() const;
  /// A copy of the diagnostics in insertion order.
  std::vector<Diagnostic> items() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
};

/// "file:line:col: error: message" and, when there is one, "  hint: …" on the next line.
std::string format_diagnostic(const Diagnostic& d);
/// Writes every diagnostic, sorted, one per line (plus hints); colour when asked.
void print_diagnostics(const Diagnostics& diags, std::ostream& out, bool colour = false);
/// The diagnostics as a JSON array text (file, line, col, severity, message, hint).
std::string diagnostics_json(const Diagnostics& diags);

/// Levenshtein distance between two byte strings.
int edit_distance(const std::string& a, const std::string& b);
/// "did you mean 'x'?" for the closest candidate within a sensible distance, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace annalist
