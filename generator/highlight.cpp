#include "highlight.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "text.h"

namespace annalist {

namespace {

// What a language has besides words, strings and numbers.
enum Flag : unsigned {
  kBlock = 1,        // /* … */ comments
  kNested = 2,       // … that nest (Rust)
  kPreproc = 4,      // '#' first on a line starts a preprocessor line (C, C++)
  kDecorator = 8,    // @name is meta (Python, Java, JavaScript)
  kRust = 16,        // #[attribute], 'lifetime, r#"raw"#
  kShell = 32,       // $variable; '#' starts a comment only at a word's start
  kNoCase = 64,      // keywords in any case (SQL)
  kTriple = 128,     // """ and ''' strings (Python, TOML)
  kColonKey = 256,   // a word first on a line, or a string, followed by ':' is a name (YAML, JSON)
  kEqualsKey = 512,  // a word first on a line followed by '=' is a name; [table] a type (TOML)
  kMarkup = 1024,    // HTML and XML: tags, attributes, entities, <!-- -->
  kCss = 2048,       // properties inside { }, @rules, #hex colours, !important
};

struct Lang {
  const char* names;      // the names a fence may give, space-separated
  const char* keywords;   // hl-k
  const char* types;      // hl-t
  const char* constants;  // hl-n
  const char* comment;    // the line comment's start, "" for none
  const char* quotes;     // characters that open a string
  const char* multiline;  // those whose strings may span lines
  unsigned flags;
};

#define C_KEYWORDS "auto break case const continue default do else enum extern for goto if inline register restrict " \
                   "return sizeof static struct switch typedef union volatile while"
#define C_TYPES "bool char double float int long short signed unsigned void size_t ssize_t int8_t int16_t int32_t " \
                "int64_t uint8_t uint16_t uint32_t uint64_t FILE"
#define JS_KEYWORDS "async await break case catch class const continue debugger default delete do else export " \
                    "extends finally for from function if import in instanceof let new of return static super " \
                    "switch this throw try typeof var void while with yield"
#define JS_TYPES "Array Boolean Date Error Function JSON Map Math Number Object Promise RegExp Set String Symbol " \
                 "console document window"

constexpr Lang kLangs[] = {
    {"rust rs",
     "as async await break const continue crate dyn else enum extern fn for if impl in let loop match mod move mut "
     "pub ref return self Self static struct super trait type unsafe use where while macro_rules union",
     "bool char str u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64 String Vec Option Result Box Rc "
     "Arc HashMap Some None Ok Err",
     "true false", "//", "\"'", "\"", kBlock | kNested | kRust},
    {"c h", C_KEYWORDS, C_TYPES, "NULL true false", "//", "\"'", "", kBlock | kPreproc},
    {"cpp c++ cxx cc hpp",
     C_KEYWORDS " alignas alignof catch class co_await co_return co_yield concept consteval constexpr constinit "
     "decltype delete explicit export final friend mutable namespace new noexcept operator override private "
     "protected public requires static_assert static_cast dynamic_cast reinterpret_cast const_cast template this "
     "throw try typeid typename using virtual",
     C_TYPES " std string string_view vector map wchar_t char8_t char16_t char32_t", "nullptr NULL true false", "//",
     "\"'", "", kBlock | kPreproc},
    {"python py python3",
     "and as assert async await break class continue def del elif else except finally for from global if import "
     "in is lambda nonlocal not or pass raise return try while with yield match case",
     "int float str bool list dict set tuple bytes object type print len range open self cls super isinstance "
     "Exception",
     "True False None", "#", "\"'", "", kTriple | kDecorator},
    {"javascript js jsx mjs cjs", JS_KEYWORDS, JS_TYPES, "true false null undefined NaN Infinity", "//", "\"'`", "`",
     kBlock | kDecorator},
    {"typescript ts tsx",
     JS_KEYWORDS " abstract as declare enum implements interface keyof namespace private protected public readonly "
     "type satisfies infer",
     JS_TYPES " any boolean never number object string symbol unknown bigint", "true false null undefined NaN Infinity",
     "//", "\"'`", "`", kBlock | kDecorator},
    {"json jsonc json5", "", "", "true false null", "//", "\"", "", kBlock | kColonKey},
    {"yaml yml", "", "", "true false null yes no on off True False Null TRUE FALSE NULL", "#", "\"'", "\"'",
     kColonKey | kShell},
    {"toml", "", "", "true false inf nan", "#", "\"'", "", kTriple | kEqualsKey},
    {"sh bash shell zsh",
     "if then else elif fi for while until do done case esac function in select return break continue local export "
     "readonly declare unset shift exit alias eval exec trap",
     "echo printf cd pwd read test source set", "", "#", "\"'`", "\"'`", kShell},
    {"sql",
     "select from where and or not insert into values update set delete create table view index drop alter add "
     "column primary key foreign references join inner left right outer full cross on as group by order having "
     "limit offset distinct union all case when then else end is like in between exists with returning default "
     "constraint unique check asc desc begin commit rollback transaction if replace",
     "int integer bigint smallint text varchar char boolean date timestamp real double numeric decimal float serial "
     "blob json",
     "true false null", "--", "'\"`", "'", kBlock | kNoCase},
    {"go golang",
     "break case chan const continue default defer else fallthrough for func go goto if import interface map "
     "package range return select struct switch type var",
     "bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 "
     "uint16 uint32 uint64 uintptr any append cap close copy delete len make new panic print println recover",
     "true false nil iota", "//", "\"'`", "`", kBlock},
    {"java",
     "abstract assert break case catch class const continue default do else enum extends final finally for goto if "
     "implements import instanceof interface native new package private protected public return static strictfp "
     "super switch synchronized this throw throws transient try volatile while var record yield sealed permits",
     "boolean byte char double float int long short void String Object Integer List Map System",
     "true false null", "//", "\"'", "", kBlock | kDecorator},
    {"css", "", "", "", "", "\"'", "", kBlock | kCss},
    {"html xml svg xhtml", "", "", "", "", "\"'", "\"'", kMarkup},
};

using Words = std::unordered_set<std::string_view>;

struct Compiled {
  const Lang* lang;
  Words keywords, types, constants;
};

Words split_words(const char* list) {
  Words w;
  std::string_view s(list);
  while (!s.empty()) {
    size_t e = s.find(' ');
    if (e) w.insert(s.substr(0, e));
    if (e == std::string_view::npos) break;
    s.remove_prefix(e + 1);
  }
  return w;
}

// Every language by each of its names, built once.
const Compiled* find_lang(std::string_view name) {
  static const std::vector<Compiled> compiled = [] {
    std::vector<Compiled> v;
    for (const Lang& l : kLangs) v.push_back({&l, split_words(l.keywords), split_words(l.types), split_words(l.constants)});
    return v;
  }();
  static const std::map<std::string, const Compiled*, std::less<>> by_name = [] {
    std::map<std::string, const Compiled*, std::less<>> m;
    for (const Compiled& c : compiled)
      for (std::string_view n : split_words(c.lang->names)) m.emplace(std::string(n), &c);
    return m;
  }();
  std::string lower;
  for (char c : name) lower += ascii_lower(c);
  auto it = by_name.find(lower);
  return it == by_name.end() ? nullptr : it->second;
}

// Writes tokens: escaped, each line of a token in its own span, lines wrapped when numbered.
class Writer {
 public:
  Writer(std::string& out, bool numbered) : out_(out), numbered_(numbered) {}
  void put(const char* cls, std::string_view s) {
    while (!s.empty()) {
      size_t nl = s.find('\n');
      std::string_view part = s.substr(0, nl);
      if (!part.empty()) {
        open_line();
        if (cls) out_ += "<span class=\"", out_ += cls, out_ += "\">";
        html_escape(part, out_);
        if (cls) out_ += "</span>";
      }
      if (nl == std::string_view::npos) return;
      open_line();  // an empty line is a line too
      close_line();
      out_ += '\n';
      s.remove_prefix(nl + 1);
    }
  }
  void close_line() {
    if (in_line_) out_ += "</span>";
    in_line_ = false;
  }

 private:
  void open_line() {
    if (numbered_ && !in_line_) out_ += "<span class=\"line\">", in_line_ = true;
  }
  std::string& out_;
  bool numbered_, in_line_ = false;
};

bool word_start(char c) { return is_ascii_alpha(c) || c == '_'; }
bool word_char(char c) { return is_ascii_alnum(c) || c == '_'; }
bool space(char c) { return c == ' ' || c == '\t'; }

class Tokenizer {
 public:
  Tokenizer(const Compiled& l, std::string_view s, Writer& w) : c_(l), f_(l.lang->flags), s_(s), w_(w) {}
  void run();

 private:
  size_t code_token(size_t i, const char** cls);
  size_t markup_token(size_t i, const char** cls);
  size_t string_end(size_t i) const;
  size_t word_token(size_t i, const char** cls);
  size_t line_end(size_t i) const { return std::min(s_.find('\n', i), s_.size()); }
  char at(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool starts(size_t i, std::string_view p) const { return s_.compare(i, p.size(), p) == 0; }
  // Only blanks (and, with dash, YAML's "- ") between the line's start and i.
  bool first_on_line(size_t i, bool dash = false) const {
    while (i > 0 && s_[i - 1] != '\n') {
      char c = s_[i - 1];
      if (!space(c) && !(dash && c == '-' && space(at(i)))) return false;
      --i;
    }
    return true;
  }
  // CSS: the ':' after i ends a property's name (color: red;), not a selector's (a:hover {).
  bool declaration(size_t i) const {
    size_t e = s_.find_first_of("{;}", i);
    return e == std::string_view::npos || s_[e] != '{';
  }
  size_t skip_blanks(size_t i) const {
    while (space(at(i))) ++i;
    return i;
  }
  const Compiled& c_;
  unsigned f_;
  std::string_view s_;
  Writer& w_;
  int depth_ = 0;     // CSS: inside { }
  size_t plain_ = 0;  // where the plain text not yet written starts
};

// A token written by the rule itself (an HTML tag and its attributes).
const char* const kWritten = "";

void Tokenizer::run() {
  size_t i = 0;
  while (i < s_.size()) {
    const char* cls = nullptr;
    size_t e = f_ & kMarkup ? markup_token(i, &cls) : code_token(i, &cls);
    if (e <= i) {
      if (f_ & kCss) depth_ += s_[i] == '{' ? 1 : s_[i] == '}' && depth_ > 0 ? -1 : 0;
      ++i;
    } else if (!cls) {  // a word that is no keyword: plain text
      i = e;
    } else {
      if (cls != kWritten) {
        w_.put(nullptr, s_.substr(plain_, i - plain_));
        w_.put(cls, s_.substr(i, e - i));
      }
      plain_ = i = e;
    }
  }
  w_.put(nullptr, s_.substr(plain_));
  w_.close_line();
}

// The end of the string opened at i (its end of line when not closed, for single-line quotes).
size_t Tokenizer::string_end(size_t i) const {
  char q = s_[i];
  bool multi = std::string_view(c_.lang->multiline).find(q) != std::string_view::npos;
  for (size_t j = i + 1; j < s_.size(); ++j) {
    if (s_[j] == '\\' && !(f_ & kShell && q == '\'')) ++j;
    else if (s_[j] == q) return j + 1;
    else if (s_[j] == '\n' && !multi) return j;
  }
  return s_.size();
}

// The token at i and its class, or i when i starts none.
size_t Tokenizer::code_token(size_t i, const char** cls) {
  const Lang& l = *c_.lang;
  char ch = s_[i];
  std::string_view comment(l.comment);
  *cls = "hl-c";
  if (!comment.empty() && starts(i, comment) && (!(f_ & kShell) || i == 0 || std::isspace((unsigned char)s_[i - 1])))
    return line_end(i);
  if (f_ & kBlock && starts(i, "/*")) {
    int depth = 0;
    for (size_t j = i; j + 1 < s_.size(); ++j) {
      if (starts(j, "/*")) ++depth, ++j;
      else if (starts(j, "*/") && (--depth == 0 || !(f_ & kNested))) return j + 2;
      else if (starts(j, "*/")) ++j;
    }
    return s_.size();
  }
  *cls = "hl-m";
  if (ch == '#' && f_ & kPreproc && first_on_line(i)) {
    size_t e = line_end(i);
    while (e < s_.size() && e > 0 && s_[e - 1] == '\\') e = line_end(e + 1);
    return e;
  }
  if (f_ & kRust && (starts(i, "#[") || starts(i, "#!["))) return std::min(line_end(i), s_.find(']', i) + 1);
  if (f_ & kEqualsKey && ch == '[' && first_on_line(i)) return *cls = "hl-t", std::min(line_end(i), s_.find(']', i) + 1);
  if ((ch == '$' && f_ & kShell) || (ch == '@' && f_ & kDecorator) || ((ch == '&' || ch == '*') && f_ & kColonKey)) {
    if (ch == '$' && at(i + 1) == '{') return std::min(line_end(i), s_.find('}', i) + 1);
    size_t e = i + 1;
    while (word_char(at(e)) || (ch == '@' && at(e) == '.' && word_start(at(e + 1)))) ++e;
    if (ch == '$' && e == i + 1 && std::string_view("@#?$!*-0123456789").find(at(e)) != std::string_view::npos) ++e;
    return e > i + 1 ? e : i;
  }
  *cls = "hl-s";
  if (f_ & kTriple && (starts(i, "\"\"\"") || starts(i, "'''"))) {
    size_t e = s_.find(s_.substr(i, 3), i + 3);
    return e == std::string_view::npos ? s_.size() : e + 3;
  }
  if (f_ & kRust && ch == 'r' && (at(i + 1) == '"' || at(i + 1) == '#') && (i == 0 || !word_char(s_[i - 1]))) {
    size_t h = i + 1;
    while (at(h) == '#') ++h;
    if (at(h) == '"') {
      std::string close = "\"" + std::string(h - i - 1, '#');
      size_t e = s_.find(close, h + 1);
      return e == std::string_view::npos ? s_.size() : e + close.size();
    }
  }
  if (ch == '\'' && f_ & kRust) {  // 'a' and '\n' are characters, 'a a lifetime
    if (at(i + 1) == '\\') return string_end(i);
    size_t e = i + 2;
    while ((at(e) & 0xC0) == 0x80) ++e;  // the rest of a UTF-8 character
    if (at(i + 1) && at(i + 1) != '\n' && at(e) == '\'') return e + 1;
    e = i + 1;
    while (word_char(at(e))) ++e;
    return *cls = "hl-m", e > i + 1 ? e : i;
  }
  if (std::string_view(l.quotes).find(ch) != std::string_view::npos && ch) {
    size_t e = string_end(i);
    if (f_ & kColonKey && at(skip_blanks(e)) == ':') *cls = "hl-a";
    return e;
  }
  return word_token(i, cls);
}

// Numbers, words (keywords, types, constants, names), CSS's @rules, #colours and !important.
size_t Tokenizer::word_token(size_t i, const char** cls) {
  char ch = s_[i];
  bool after_word = i > 0 && (word_char(s_[i - 1]) || s_[i - 1] == '$');
  if (!after_word && (is_ascii_digit(ch) || (ch == '.' && is_ascii_digit(at(i + 1))))) {
    size_t e = i + 1;
    while (word_char(at(e)) || at(e) == '.' || ((at(e) == '+' || at(e) == '-') && (at(e - 1) == 'e' || at(e - 1) == 'E') &&
                                               !(at(i + 1) == 'x' || at(i + 1) == 'X')))
      ++e;
    if (f_ & kCss && at(e) == '%') ++e;
    return *cls = "hl-n", e;
  }
  if (f_ & kCss) {
    if (ch == '@' && word_start(at(i + 1))) {
      size_t e = i + 1;
      while (word_char(at(e)) || at(e) == '-') ++e;
      return *cls = "hl-k", e;
    }
    if (ch == '#' && depth_ > 0 && std::isxdigit((unsigned char)at(i + 1))) {
      size_t e = i + 1;
      while (std::isxdigit((unsigned char)at(e))) ++e;
      return *cls = "hl-n", e;
    }
    if (starts(i, "!important")) return *cls = "hl-k", i + 10;
  }
  if (!word_start(ch) || after_word) return i;
  bool dashes = f_ & (kCss | kColonKey | kEqualsKey);
  size_t e = i + 1;
  while (word_char(at(e)) || (dashes && at(e) == '-') || (f_ & kEqualsKey && at(e) == '.')) ++e;
  std::string_view w = s_.substr(i, e - i);
  char next = at(skip_blanks(e));
  if ((f_ & kColonKey && next == ':' && first_on_line(i, true) && static_cast<unsigned char>(at(skip_blanks(e) + 1)) <= ' ') ||
      (f_ & kEqualsKey && next == '=' && first_on_line(i)) || (f_ & kCss && depth_ > 0 && next == ':' && declaration(e)))
    return *cls = "hl-a", e;
  std::string lower;
  if (f_ & kNoCase) {
    for (char c : w) lower += ascii_lower(c);
    w = lower;
  }
  if (c_.keywords.count(w)) *cls = "hl-k";
  else if (c_.types.count(w)) *cls = "hl-t";
  else if (c_.constants.count(w)) *cls = "hl-n";
  else *cls = nullptr;
  return e;
}

// HTML and XML: comments, <!DOCTYPE> and <?xml?>, tag names, attribute names and values, entities.
size_t Tokenizer::markup_token(size_t i, const char** cls) {
  auto until = [&](std::string_view close) {
    size_t e = s_.find(close, i);
    return e == std::string_view::npos ? s_.size() : e + close.size();
  };
  if (starts(i, "<!--")) return *cls = "hl-c", until("-->");
  if (starts(i, "<!") || starts(i, "<?")) return *cls = "hl-m", until(">");
  if (s_[i] == '&') {
    size_t e = i + 1;
    while (e < i + 12 && (is_ascii_alnum(at(e)) || at(e) == '#')) ++e;
    return at(e) == ';' && e > i + 1 ? (*cls = "hl-m", e + 1) : i;
  }
  if (s_[i] == '<' && (word_start(at(i + 1)) || (at(i + 1) == '/' && word_start(at(i + 2))))) {
    size_t b = i + (at(i + 1) == '/' ? 2 : 1), e = b;
    while (word_char(at(e)) || at(e) == '-' || at(e) == ':' || at(e) == '.') ++e;
    w_.put(nullptr, s_.substr(plain_, b - plain_));
    w_.put("hl-k", s_.substr(b, e - b));
    for (i = e; i < s_.size() && s_[i] != '>' && s_[i] != '<';) {  // attributes up to the tag's end
      bool value = s_[i - 1] == '=' && !std::isspace(static_cast<unsigned char>(s_[i]));
      size_t j = i;
      while (j < s_.size() && !std::isspace(static_cast<unsigned char>(s_[j])) &&
             std::string_view("=>\"'<").find(s_[j]) == std::string_view::npos && (value || s_[j] != '/'))
        ++j;
      if (s_[i] == '"' || s_[i] == '\'') j = string_end(i), value = true;
      if (j == i) j = i + 1;  // a blank, '=' or '/'
      w_.put(j == i + 1 && !word_char(s_[i]) && !value ? nullptr : value ? "hl-s" : "hl-a", s_.substr(i, j - i));
      i = j;
    }
    *cls = kWritten;
    return i;  // the '>' is plain text after the tag
  }
  return i;
}

}  // namespace

bool highlight_known(std::string_view language) { return find_lang(language) != nullptr; }

void highlight_code(std::string_view code, std::string_view language, bool numbered, std::string& out) {
  Writer w(out, numbered);
  const Compiled* lang = find_lang(language);
  if (!lang) {
    w.put(nullptr, code);
    w.close_line();
    return;
  }
  Tokenizer(*lang, code, w).run();
}

}  // namespace annalist
