#pragma once
// Small text helpers shared by every stage: escaping, UTF-8, slugs, widths.
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// Appends s to out with &, <, >, " and ' escaped (safe in HTML text, attributes and XML).
void html_escape(std::string_view s, std::string& out);
/// Returns s escaped for HTML text, attributes and XML.
std::string html_escape(std::string_view s);

/// True when s is well-formed UTF-8; *bad_offset gets the first bad byte's offset.
bool utf8_valid(std::string_view s, size_t* bad_offset = nullptr);
/// Decodes the code point at s[i], advancing i; returns U+FFFD on a bad sequence.
char32_t utf8_next(std::string_view s, size_t& i);
/// Appends code point c as UTF-8.
void utf8_append(char32_t c, std::string& out);
/// True for CJK ideographs, kana, hangul and full-width forms (drawn two Latin letters wide).
bool is_wide(char32_t c);
/// Estimated width of s in em units for a sans-serif font (CJK 1.0, Latin ~0.55).
double text_width_em(std::string_view s);

/// ASCII character classes (locale-independent, unlike <cctype>).
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_alnum(char c) { return is_ascii_digit(c) || is_ascii_alpha(c); }
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// s without leading and trailing ASCII white space.
std::string_view trim(std::string_view s);
/// s split at every sep.
std::vector<std::string> split(std::string_view s, char sep);
/// A page slug from a file name: ASCII lower-cased, letters/digits/CJK kept, others become '-'.
/// (Heading ids used this rule too before heading_slug; check --changed-ids still compares with it.)
std::string slugify(std::string_view text);
/// A heading's id as GitHub and mdBook make it: ASCII letters lower-cased, letters and digits of
/// every script kept, '-' and '_' kept, each white-space character becomes '-', all other
/// punctuation and symbols (also full-width ones such as （）：，) dropped. "section" when nothing
/// is left. `故障排除（Troubleshooting）` -> `故障排除troubleshooting`, `A & B` -> `a--b`.
std::string heading_slug(std::string_view text);
/// A relative site path as a URL path: each byte other than A-Z a-z 0-9 - . _ ~ and '/' becomes %XX.
std::string url_path_encode(std::string_view path);
/// s with every %XX sequence decoded (a '%' not followed by two hex digits stays), as a file
/// server reads a URL path.
std::string percent_decode(std::string_view s);
/// An attribute value with its character references decoded once, as a browser reads it: every
/// numeric one (';' optional) and the named ones that can spell a URL or are common. Any other
/// '&' stays a literal '&' (raw HTML writes it back as "&amp;", so what is checked is what runs).
std::string decode_char_refs(std::string_view s);
/// Line (1-based) and column (1-based, bytes) of byte offset off in text.
void line_col(std::string_view text, size_t off, int* line, int* col);

}  // namespace annalist
