#pragma once
// A fenced code block that is not a figure: its info string (mdBook's "rust,ignore", Pandoc's
// "{.python .numberLines}") and its HTML, highlighted at build time.
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

struct UiStrings;

/// What a code fence's info string says.
struct CodeInfo {
  std::string language;             ///< the first word, lower-cased ("" when none)
  bool numbered = false;            ///< linenums, linenos, line-numbers or numberLines given
  std::vector<std::string> others;  ///< the other words, in order (mdBook's ignore, editable …)
};

/// Reads an info string: words separated by commas or blanks, braces and a leading '.' dropped;
/// a first word with '=' is no language.
CodeInfo parse_code_info(std::string_view info);

/// The block as <pre><code class="language-…">, its code highlighted when the language is known;
/// mdBook's does_not_compile, panics and not_desired_behavior add a note above it, and in Rust
/// code mdBook's hidden lines ("# " first on a line) are left out. `shown` gets the code as shown
/// (for the search index).
void code_block_html(const CodeInfo& info, std::string_view code, const UiStrings& ui, std::string& out,
                     std::string* shown);

}  // namespace annalist
