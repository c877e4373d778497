#pragma once
// Code highlighting at build time: a small table-driven tokenizer (comments, strings, numbers,
// keywords, types, names) for common languages; its tokens become <span class="hl-…">.
#include <string>
#include <string_view>

namespace annalist {

/// True when highlight_code knows the language (a name or alias such as "rust", "rs", "py").
bool highlight_known(std::string_view language);

/// Appends code to out, HTML-escaped, with each token of a known language in a span of one of
/// the classes hl-c (comment), hl-s (string), hl-n (number, true/false/null), hl-k (keyword),
/// hl-t (type, builtin), hl-m (meta: preprocessor, attribute, decorator, variable) and hl-a
/// (name: key, property, attribute, HTML tag's attributes). No span crosses a line break. With
/// numbered, every line is a <span class="line"> (numbered by the style sheet). An unknown
/// language is only escaped (and its lines wrapped when numbered).
void highlight_code(std::string_view code, std::string_view language, bool numbered, std::string& out);

}  // namespace annalist
