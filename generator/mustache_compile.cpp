// Compiling a Mustache template: tokens, standalone lines, the flat node vector, inheritance.
#include <algorithm>
#include <cstring>
#include <vector>

#include "mustache.h"
#include "mustache_node.h"
#include "text.h"

namespace annalist {

const std::string& mustache_file(const MustacheTemplate& t) { return t.file; }

namespace {

using Kind = MustacheNodeKind;

constexpr size_t kMaxDelimiter = 16;
constexpr size_t kMaxCompileNesting = 1000;
constexpr size_t kMaxInheritanceNesting = 64;

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim_all(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool has_space(std::string_view s) { return std::any_of(s.begin(), s.end(), is_space); }

bool is_container(Kind k) {
  return k == Kind::kSection || k == Kind::kInverted || k == Kind::kParent || k == Kind::kBlock;
}

const char* kind_word(char sigil) {
  switch (sigil) {
    case '<': return "parent";
    case '$': return "block";
    default: return "section";
  }
}

/// s without the longest prefix that is also a prefix of p.
std::string strip_prefix(std::string_view s, std::string_view p) {
  size_t k = 0;
  while (k < s.size() && k < p.size() && s[k] == p[k]) ++k;
  return std::string(s.substr(k));
}

/// text with, at each line start, the longest prefix shared with p removed.
std::string strip_lines(const std::string& text, bool line_start, std::string_view p) {
  std::string r;
  r.reserve(text.size());
  size_t i = 0;
  bool at_start = line_start;
  while (i < text.size()) {
    if (at_start) {
      size_t k = 0;
      while (k < p.size() && i + k < text.size() && text[i + k] == p[k]) ++k;
      i += k;
    }
    size_t nl = text.find('\n', i);
    size_t e = nl == std::string::npos ? text.size() : nl + 1;
    r.append(text, i, e - i);
    i = e;
    at_start = true;
  }
  return r;
}

// --- compiling -------------------------------------------------------------------------

/// One lexical piece of the source: a text run (at most one line) or a tag.
struct Token {
  bool is_tag = false;
  size_t begin = 0, end = 0;  ///< source range; a tag's includes its delimiters
  char sigil = 0;             ///< 0 (variable) or one of { & # ^ / ! > < $ =
  std::string name;           ///< trimmed content; "*name" for a dynamic name
  std::string otag, ctag;     ///< delimiters in force at the tag (for hints)
  int match = -1;             ///< open <-> close token
  bool removed = false;       ///< text dropped as part of a standalone line
  bool standalone = false;    ///< the tag's line holds only it (or inheritance tags) and blanks
  bool last_on_line = false;  ///< standalone: no other tag follows on the line
  std::string_view indent;    ///< standalone: blanks before the line's first tag
  size_t line_begin = 0, line_end = 0;  ///< standalone: the line's source range (end past '\n')
};

class Compiler {
 public:
  Compiler(std::string_view src, const std::string& file, Diagnostics& diags)
      : src_(src), file_(file), diags_(diags) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < src.size(); ++i)
      if (src[i] == '\n') line_starts_.push_back(i + 1);
  }

  std::shared_ptr<const MustacheTemplate> run() {
    bool complete = tokenize();
    match(complete);
    if (errors_ > 0) return nullptr;
    mark_standalone();
    auto t = std::make_shared<MustacheTemplate>();
    t->file = file_;
    build(*t);
    indent_blocks(*t);
    return t;
  }

 private:
  void where(size_t off, int* line, int* col) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
    size_t l = static_cast<size_t>(it - line_starts_.begin());
    *line = static_cast<int>(l);
    *col = static_cast<int>(off - line_starts_[l - 1] + 1);
  }

  void error(size_t off, std::string message, std::string hint) {
    SourcePos p{file_, 0, 0};
    where(off, &p.line, &p.col);
    diags_.error(std::move(p), std::move(message), std::move(hint));
    ++errors_;
  }

  std::string excerpt(const Token& t) const {
    std::string s(src_.substr(t.begin, std::min<size_t>(t.end - t.begin, 40)));
    if (t.end - t.begin > 40) s += "…";
    return s;
  }

  void add_text(size_t a, size_t b) {
    while (a < b) {
      size_t nl = src_.find('\n', a);
      size_t e = (nl == std::string_view::npos || nl >= b) ? b : nl + 1;
      Token t;
      t.begin = a;
      t.end = e;
      toks_.push_back(std::move(t));
      a = e;
    }
  }

  /// Splits the source into text and tags, applying set-delimiter tags as it goes. False when
  /// an unclosed tag cut the source short.
  bool tokenize() {
    std::string otag = "{{", ctag = "}}";
    size_t p = 0, n = src_.size();
    while (p < n) {
      size_t t = src_.find(otag, p);
      if (t == std::string_view::npos) {
        add_text(p, n);
        break;
      }
      add_text(p, t);
      size_t q = t + otag.size();
      size_t s = q;
      while (s < n && (src_[s] == ' ' || src_[s] == '\t')) ++s;
      char sigil = 0;
      if (s < n && src_[s] != '\0' && std::strchr("{&#^/!><$=", src_[s])) {
        sigil = src_[s];
        q = s + 1;
      }
      std::string close = sigil == '{' ? "}" + ctag : sigil == '=' ? "=" + ctag : ctag;
      size_t e = src_.find(close, q);
      if (e == std::string_view::npos) {
        std::string open = otag + (sigil == '{' || sigil == '=' ? std::string(1, sigil) : "");
        error(t, "unclosed tag '" + open + "'", "add '" + close + "' to end it");
        return false;
      }
      Token tok;
      tok.is_tag = true;
      tok.begin = t;
      tok.end = e + close.size();
      tok.sigil = sigil;
      tok.otag = otag;
      tok.ctag = ctag;
      p = tok.end;
      std::string_view content = trim_all(src_.substr(q, e - q));
      if (sigil == '=') {
        if (!set_delimiters(content, &otag, &ctag)) {
          error(t, "invalid set-delimiter tag '" + excerpt(tok) + "'",
                "write two delimiters separated by a space, e.g. " + otag + "=<% %>=" + ctag);
          tok.sigil = '!';
        }
      } else if (sigil != '!') {
        bool dynamic = false;
        if ((sigil == '>' || sigil == '<' || sigil == '/') && !content.empty() && content[0] == '*') {
          dynamic = true;
          content = trim_all(content.substr(1));
        }
        if (content.empty()) {
          error(t, "tag '" + excerpt(tok) + "' has no name",
                "write a name between the delimiters, e.g. " + otag + "title" + ctag);
          tok.sigil = '!';
        } else if (has_space(content)) {
          error(t, "invalid name '" + std::string(content) + "' in tag",
                "names cannot contain spaces; nested keys are written a.b");
          tok.sigil = '!';
        } else {
          tok.name = (dynamic ? "*" : "") + std::string(content);
        }
      }
      toks_.push_back(std::move(tok));
    }
    return true;
  }

  static bool set_delimiters(std::string_view content, std::string* otag, std::string* ctag) {
    size_t i = 0;
    while (i < content.size() && !is_space(content[i])) ++i;
    std::string_view a = content.substr(0, i);
    std::string_view b = trim_all(content.substr(i));
    if (a.empty() || b.empty() || has_space(b) || a.size() > kMaxDelimiter || b.size() > kMaxDelimiter) return false;
    if (a.find('=') != std::string_view::npos || b.find('=') != std::string_view::npos) return false;
    *otag = std::string(a);
    *ctag = std::string(b);
    return true;
  }

  /// Pairs section/parent/block tags with their closing tags; reports strays and mismatches.
  void match(bool complete) {
    std::vector<size_t> stack;
    size_t inherit_depth = 0;
    bool deep_reported = false, inherit_reported = false;
    for (size_t i = 0; i < toks_.size(); ++i) {
      Token& t = toks_[i];
      if (!t.is_tag) continue;
      if (t.sigil == '#' || t.sigil == '^' || t.sigil == '<' || t.sigil == '$') {
        stack.push_back(i);
        if (t.sigil == '<' || t.sigil == '$') ++inherit_depth;
        if (stack.size() > kMaxCompileNesting && !deep_reported) {
          error(t.begin, "sections nested deeper than " + std::to_string(kMaxCompileNesting) + " levels",
                "close some sections before opening new ones");
          deep_reported = true;
        }
        if (inherit_depth > kMaxInheritanceNesting && !inherit_reported) {
          error(t.begin,
                "blocks and parents nested deeper than " + std::to_string(kMaxInheritanceNesting) + " levels",
                "close some blocks or parents before opening new ones");
          inherit_reported = true;
        }
        continue;
      }
      if (t.sigil != '/') continue;
      if (stack.empty()) {
        error(t.begin, "closing tag '" + t.name + "' has no open section",
              "remove it, or open the section with " + t.otag + "#" + t.name + t.ctag);
        t.sigil = '!';
        continue;
      }
      size_t top = stack.back();
      const Token& o = toks_[top];
      size_t pop_to = stack.size() - 1;
      if (o.name != t.name) {
        int l = 0, c = 0;
        where(o.begin, &l, &c);
        error(t.begin,
              "closing tag '" + t.name + "' does not match open " + kind_word(o.sigil) + " '" + o.name + "'",
              std::string(kind_word(o.sigil)) + " '" + o.name + "' was opened at " + std::to_string(l) + ":" +
                  std::to_string(c) + "; close it with " + o.otag + "/" + o.name + o.ctag);
        for (size_t k = stack.size(); k-- > 0;)
          if (toks_[stack[k]].name == t.name) {
            pop_to = k;
            break;
          }
      }
      t.match = static_cast<int>(stack[pop_to]);
      toks_[stack[pop_to]].match = static_cast<int>(i);
      while (stack.size() > pop_to) {
        char s = toks_[stack.back()].sigil;
        if (s == '<' || s == '$') --inherit_depth;
        stack.pop_back();
      }
    }
    if (!complete) return;
    for (size_t k : stack) {
      const Token& o = toks_[k];
      error(o.begin, std::string("unclosed ") + kind_word(o.sigil) + " '" + o.name + "'",
            "add " + o.otag + "/" + o.name + o.ctag);
    }
  }

  bool is_blank_text(const Token& t) const {
    for (size_t i = t.begin; i < t.end; ++i)
      if (!is_blank_char(src_[i]) && src_[i] != '\n') return false;
    return true;
  }

  bool is_inheritance_tag(const Token& t) const {
    if (t.sigil == '<' || t.sigil == '$') return true;
    if (t.sigil == '/' && t.match >= 0) {
      char s = toks_[static_cast<size_t>(t.match)].sigil;
      return s == '<' || s == '$';
    }
    return false;
  }

  /// Finds standalone lines: one non-interpolation tag (or only parent/block tags) and blanks.
  /// Their blanks and newline are dropped; the leading blanks become the tags' indentation.
  void mark_standalone() {
    size_t a = 0;
    while (a < toks_.size()) {
      size_t b = a;
      while (b < toks_.size()) {
        const Token& t = toks_[b++];
        if (!t.is_tag && t.end > t.begin && src_[t.end - 1] == '\n') break;
      }
      standalone_line(a, b);
      a = b;
    }
  }

  void standalone_line(size_t a, size_t b) {
    size_t count = 0, first = 0, last = 0;
    bool inherit_only = true;
    for (size_t i = a; i < b; ++i) {
      const Token& t = toks_[i];
      if (!t.is_tag) {
        if (!is_blank_text(t)) return;
        continue;
      }
      if (t.sigil == 0 || t.sigil == '{' || t.sigil == '&') return;
      if (count++ == 0) first = i;
      last = i;
      if (!is_inheritance_tag(t)) inherit_only = false;
    }
    if (count == 0 || (count > 1 && !inherit_only)) return;
    size_t line_begin = toks_[a].begin, line_end = toks_[b - 1].end;
    std::string_view indent = src_.substr(line_begin, toks_[first].begin - line_begin);
    for (size_t i = a; i < b; ++i) {
      Token& t = toks_[i];
      if (!t.is_tag) {
        t.removed = true;
        continue;
      }
      t.standalone = true;
      t.last_on_line = i == last;
      t.indent = indent;
      t.line_begin = line_begin;
      t.line_end = line_end;
    }
    // An empty block on a line of its own ("  {{$b}}{{/b}}") keeps its newline (spec ~inheritance).
    const Token& l = toks_[last];
    if (l.sigil == '/' && l.match >= static_cast<int>(a) && toks_[static_cast<size_t>(l.match)].sigil == '$') {
      Token& tail = toks_[b - 1];
      if (!tail.is_tag && tail.end > tail.begin && src_[tail.end - 1] == '\n') {
        tail.removed = false;
        tail.begin = tail.end - ((tail.end - tail.begin >= 2 && src_[tail.end - 2] == '\r') ? 2 : 1);
      }
    }
  }

  static void set_name(MustacheNode& n, const std::string& name) {
    if (name == ".") {
      n.implicit = true;
      return;
    }
    std::string_view s = name;
    if (s.size() > 1 && s[0] == '.') {
      n.scoped = true;
      s.remove_prefix(1);
    }
    size_t i = 0;
    while (true) {
      size_t d = s.find('.', i);
      n.path.emplace_back(s.substr(i, d == std::string_view::npos ? std::string_view::npos : d - i));
      if (d == std::string_view::npos) break;
      i = d + 1;
    }
  }

  void build(MustacheTemplate& t) {
    auto& nodes = t.nodes;
    std::vector<uint32_t> open;
    bool can_merge = false;
    for (size_t i = 0; i < toks_.size(); ++i) {
      const Token& tk = toks_[i];
      if (!tk.is_tag) {
        if (tk.removed || tk.begin >= tk.end) continue;
        if (can_merge) {
          nodes.back().text.append(src_.substr(tk.begin, tk.end - tk.begin));
        } else {
          MustacheNode n;
          n.kind = Kind::kText;
          n.text = std::string(src_.substr(tk.begin, tk.end - tk.begin));
          n.line_start = tk.begin == 0 || src_[tk.begin - 1] == '\n';
          where(tk.begin, &n.line, &n.col);
          nodes.push_back(std::move(n));
          node_tok_.push_back(i);
          can_merge = true;
        }
        continue;
      }
      if (tk.sigil == '!' || tk.sigil == '=') continue;
      can_merge = false;
      if (tk.sigil == '/') {
        uint32_t o = open.back();
        open.pop_back();
        nodes[o].end = static_cast<uint32_t>(nodes.size());
        continue;
      }
      MustacheNode n;
      where(tk.begin, &n.line, &n.col);
      n.standalone = tk.standalone;
      switch (tk.sigil) {
        case 0: n.kind = Kind::kVar; break;
        case '{':
        case '&': n.kind = Kind::kRaw; break;
        case '#': n.kind = Kind::kSection; break;
        case '^': n.kind = Kind::kInverted; break;
        case '>': n.kind = Kind::kPartial; break;
        case '<': n.kind = Kind::kParent; break;
        case '$': n.kind = Kind::kBlock; break;
        default: continue;
      }
      std::string name = tk.name;
      if ((n.kind == Kind::kPartial || n.kind == Kind::kParent) && !name.empty() && name[0] == '*') {
        n.dynamic = true;
        name.erase(0, 1);
      }
      n.text = name;
      if (n.kind != Kind::kPartial && n.kind != Kind::kParent && n.kind != Kind::kBlock) set_name(n, name);
      if (n.dynamic) set_name(n, name);
      if (n.standalone && (n.kind == Kind::kPartial || n.kind == Kind::kParent || n.kind == Kind::kBlock))
        n.indent = std::string(tk.indent);
      uint32_t idx = static_cast<uint32_t>(nodes.size());
      nodes.push_back(std::move(n));
      node_tok_.push_back(i);
      if (is_container(nodes.back().kind)) open.push_back(idx);
      else nodes.back().end = idx + 1;
    }
    for (uint32_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].kind != Kind::kParent) continue;
      for (uint32_t j = i + 1; j < nodes[i].end;) {
        if (nodes[j].kind == Kind::kBlock) nodes[i].args.push_back(j);
        j = is_container(nodes[j].kind) ? nodes[j].end : j + 1;
      }
    }
  }

  /// The whitespace that all non-blank source lines in [from, to) start with; nullopt if none.
  std::optional<std::string> common_indent(size_t from, size_t to) const {
    std::optional<std::string_view> common;
    size_t p = from;
    while (p < to) {
      size_t nl = src_.find('\n', p);
      size_t e = (nl == std::string_view::npos || nl >= to) ? to : nl;
      size_t q = p;
      while (q < e && (src_[q] == ' ' || src_[q] == '\t')) ++q;
      size_t r = q;
      while (r < e && is_blank_char(src_[r])) ++r;
      if (r < e) {
        std::string_view ws = src_.substr(p, q - p);
        if (!common) {
          common = ws;
        } else {
          size_t k = 0;
          while (k < common->size() && k < ws.size() && (*common)[k] == ws[k]) ++k;
          common = common->substr(0, k);
        }
      }
      p = e + 1;
    }
    if (!common) return std::nullopt;
    return std::string(*common);
  }

  /// Block reindentation (spec ~inheritance): an override whose opening tag is standalone loses
  /// its common indentation; a standalone block gets the indentation its lines are given.
  void indent_blocks(MustacheTemplate& t) {
    auto& nodes = t.nodes;
    std::vector<char> is_override(nodes.size(), 0);
    for (const auto& n : nodes)
      for (uint32_t a : n.args) is_override[a] = 1;
    struct Strip {
      uint32_t end;
      std::string prefix;
    };
    std::vector<Strip> stack;
    static const std::string kNone;
    for (uint32_t i = 0; i < nodes.size(); ++i) {
      while (!stack.empty() && stack.back().end <= i) stack.pop_back();
      const std::string& strip = stack.empty() ? kNone : stack.back().prefix;
      MustacheNode& n = nodes[i];
      if (!strip.empty()) {
        if (n.kind == Kind::kText) n.text = strip_lines(n.text, n.line_start, strip);
        if (!n.indent.empty()) n.indent = strip_prefix(n.indent, strip);
      }
      if (n.kind != Kind::kBlock) continue;
      const Token& open = toks_[node_tok_[i]];
      std::optional<std::string> common;
      if (open.standalone && open.last_on_line && open.match >= 0) {
        const Token& close = toks_[static_cast<size_t>(open.match)];
        size_t from = open.line_end, to = close.standalone ? close.line_begin : close.begin;
        if (from < to) common = common_indent(from, to);
      }
      if (is_override[i]) {
        std::string prefix = common ? *common : strip;
        stack.push_back({n.end, std::move(prefix)});
      } else if (n.standalone) {
        std::string intrinsic = common ? strip_prefix(*common, strip) : std::string();
        n.site_indent = !intrinsic.empty() ? intrinsic : n.indent;
      }
    }
  }

  std::string_view src_;
  const std::string& file_;
  Diagnostics& diags_;
  std::vector<size_t> line_starts_;
  std::vector<Token> toks_;
  std::vector<size_t> node_tok_;  ///< node index -> its token
  int errors_ = 0;
};

}  // namespace

std::shared_ptr<const MustacheTemplate> compile_mustache(std::string_view source, const std::string& file,
                                                         Diagnostics& diags) {
  try {
    Compiler c(source, file, diags);
    return c.run();
  } catch (const std::exception& e) {
    diags.error({file, 0, 0}, std::string("internal error while compiling the template: ") + e.what());
  } catch (...) {
    diags.error({file, 0, 0}, "internal error while compiling the template");
  }
  return nullptr;
}

}  // namespace annalist
