#include "raw_html.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "safe_url.h"
#include "text.h"

namespace annalist {

namespace {

// Elements shown as text: they run script, load other documents or plug-ins, change where the
// page's links go, or switch the browser's tokenizer to raw text (which would let it read markup
// differently from this scanner).
const char* const kBlockedTags[] = {
    "script",  "style",   "iframe",   "frame",     "frameset", "object", "embed",       "applet",
    "base",    "meta",    "link",     "noscript",  "noembed",  "noframes", "title",     "textarea",
    "xmp",     "plaintext", "math",   "portal",    "param",    "set",    "animate",     "animatemotion",
    "animatetransform", "animatecolor", "handler", "listener", "foreignobject"};

// The tags and attributes that pass by default (allow_html: false): text-level markup, lists,
// tables, details, images and links; everything that could style the page away from its theme,
// submit data or embed another document is left out.
const char* const kAllowedTags[] = {
    "a",   "abbr", "b",       "bdi",  "bdo",    "blockquote", "br",    "caption", "cite",  "code",  "col",
    "colgroup", "dd", "del",  "details", "dfn", "div",        "dl",    "dt",      "em",    "figcaption", "figure",
    "hr",  "i",    "img",     "ins",  "kbd",    "li",         "mark",  "ol",      "p",     "pre",   "q",
    "rp",  "rt",   "ruby",    "s",    "samp",   "small",      "span",  "strong",  "sub",   "summary", "sup",
    "table", "tbody", "td",   "tfoot", "th",    "thead",      "time",  "tr",      "u",     "ul",    "var",   "wbr"};
const char* const kGlobalAttrs[] = {"class", "id", "lang", "title", "dir"};
const char* const kTagAttrs[] = {
    "a href",       "a hreflang",     "a rel",       "img src",     "img alt",      "img width",  "img height",
    "img loading",  "td colspan",     "td rowspan",  "td headers",  "th colspan",   "th rowspan", "th headers",
    "th scope",     "th abbr",        "ol start",    "ol reversed", "ol type",      "li value",   "time datetime",
    "del cite",     "del datetime",   "ins cite",    "ins datetime", "q cite",      "blockquote cite",
    "details open", "col span",       "colgroup span"};

// Attributes whose value is one URL.
const char* const kUrlAttrs[] = {"href",   "src",      "xlink:href", "action",  "formaction", "poster",
                                 "cite",   "background", "longdesc", "data",    "codebase",   "lowsrc",
                                 "dynsrc", "manifest", "icon",       "xml:base", "usemap"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool listed(const std::string& name, const char* const* begin, const char* const* end) {
  return std::any_of(begin, end, [&](const char* t) { return name == t; });
}

bool valid_tag_name(const std::string& n) {
  if (n.empty() || !is_alpha(n[0])) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return is_alpha(c) || is_digit(c) || c == '-'; });
}

bool valid_attr_name(const std::string& n) {
  if (n.empty() || !(is_alpha(n[0]) || n[0] == '_' || n[0] == ':')) return false;
  return std::all_of(n.begin(), n.end(),
                     [](char c) { return is_alpha(c) || is_digit(c) || c == '_' || c == ':' || c == '.' || c == '-'; });
}

// A style attribute that could load a resource or run code: url(), image-set(), image(), src(),
// expression(), @-rules, behaviours, or a CSS escape that could spell any of them.
bool risky_style(const std::string& decoded) {
  std::string v = lower(decoded);
  for (const char* bad : {"url(", "image-set(", "image(", "src(", "expression", "javascript", "@", "\\", "behavior",
                          "binding"})
    if (v.find(bad) != std::string::npos) return true;
  return false;
}

// A list of URLs (srcset, ping): every piece between spaces and commas is checked.
bool dangerous_url_list(const std::string& decoded) {
  size_t i = 0;
  while (i < decoded.size()) {
    while (i < decoded.size() && (is_space(decoded[i]) || decoded[i] == ',')) ++i;
    size_t e = i;
    while (e < decoded.size() && !is_space(decoded[e]) && decoded[e] != ',') ++e;
    if (e > i && dangerous_url(std::string_view(decoded).substr(i, e - i))) return true;
    i = e;
  }
  return false;
}

// One attribute as written.
struct Attr {
  std::string name;  // lower case
  std::string_view raw;
  bool has_value = false;
  size_t off = 0;  // where its name begins
};

// A start or end tag as written.
struct Tag {
  std::string name;  // lower case
  size_t off = 0;    // where its '<' is
  bool end = false, self_closing = false;
  std::vector<Attr> attrs;
};

class Sanitizer {
 public:
  Sanitizer(std::string_view s, const RawHtmlPos& pos, const RawHtmlPolicy& policy, std::string& out,
            Diagnostics& diags, std::vector<LinkUse>& links)
      : s_(s), pos_(pos), policy_(policy), out_(out), diags_(diags), links_(links) {}

  void run() {
    size_t i = 0;
    while (i < s_.size()) {
      char c = s_[i];
      if (c == '<') {
        i = markup(i);
      } else {
        // C0 controls other than tab and line breaks are never written.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out_ += c;
        ++i;
      }
    }
  }

 private:
  SourcePos at(size_t off) const {
    size_t nl = s_.rfind('\n', off == 0 ? 0 : off - 1);
    if (off == 0 || nl == std::string_view::npos)
      return {pos_.first.file, pos_.first.line, pos_.first.col + static_cast<int>(off)};
    int lines = static_cast<int>(std::count(s_.begin(), s_.begin() + static_cast<long>(off), '\n'));
    return {pos_.first.file, pos_.first.line + lines, pos_.next_col + static_cast<int>(off - nl - 1)};
  }

  size_t markup(size_t i);
  size_t parse_tag(size_t i, Tag* t) const;
  void write_tag(const Tag& t);
  bool keep_attr(const Tag& t, const Attr& a, std::string* value);
  bool allowed_tag(const std::string& name) const {
    if (listed(name, std::begin(kBlockedTags), std::end(kBlockedTags))) return false;
    return policy_.allow_all || listed(name, std::begin(kAllowedTags), std::end(kAllowedTags));
  }

  std::string_view s_;
  const RawHtmlPos& pos_;
  const RawHtmlPolicy& policy_;
  LocalImage image_;  // the project file the <img> being written shows
  std::string& out_;
  Diagnostics& diags_;
  std::vector<LinkUse>& links_;
};

// The markup at s_[i] == '<'; returns where scanning goes on.
size_t Sanitizer::markup(size_t i) {
  std::string_view rest = s_.substr(i);
  // Comments, declarations, CDATA and processing instructions are dropped.
  if (rest.compare(0, 4, "<!--") == 0) {
    size_t e = s_.find("-->", i + 4);
    return e == std::string_view::npos ? s_.size() : e + 3;
  }
  if (rest.compare(0, 9, "<![CDATA[") == 0) {
    size_t e = s_.find("]]>", i + 9);
    return e == std::string_view::npos ? s_.size() : e + 3;
  }
  if (rest.compare(0, 2, "<!") == 0 || rest.compare(0, 2, "<?") == 0) {
    size_t e = s_.find('>', i + 2);
    return e == std::string_view::npos ? s_.size() : e + 1;
  }
  Tag t;
  t.off = i;
  size_t e = parse_tag(i, &t);
  if (e == 0 || !valid_tag_name(t.name) || !allowed_tag(t.name)) {
    // Not a tag this scanner writes: the '<' becomes text, and the rest is scanned as text.
    if (e != 0 && !t.end && valid_tag_name(t.name))
      diags_.warning(at(i), "raw HTML: <" + t.name + "> is not allowed and is shown as text",
                     policy_.allow_all || listed(t.name, std::begin(kBlockedTags), std::end(kBlockedTags))
                         ? "allow_html never lets through script, style, iframe, object, embed, base, meta, "
                           "link, noscript, math or SVG animation elements"
                         : "by default only text markup, lists, tables, details, links and images pass (see "
                           "docs/FORMAT.md, Raw HTML); allow_html: true in report.yml lets other tags through");
    out_ += "&lt;";
    return i + 1;
  }
  write_tag(t);
  return e;
}

// Reads the tag at s_[i] as a browser's tokenizer does; returns the offset after its '>', or 0
// when s_[i] does not start a complete tag.
size_t Sanitizer::parse_tag(size_t i, Tag* t) const {
  size_t n = s_.size(), j = i + 1;
  if (j < n && s_[j] == '/') {
    t->end = true;
    ++j;
  }
  if (j >= n || !is_alpha(s_[j])) return 0;
  size_t name_at = j;
  while (j < n && !is_space(s_[j]) && s_[j] != '/' && s_[j] != '>') ++j;
  t->name = lower(s_.substr(name_at, j - name_at));
  for (;;) {
    while (j < n && (is_space(s_[j]) || s_[j] == '/')) {
      t->self_closing = s_[j] == '/' && j + 1 < n && s_[j + 1] == '>';
      ++j;
    }
    if (j >= n) return 0;
    if (s_[j] == '>') return j + 1;
    Attr a;
    a.off = j++;  // the first character belongs to the name, even '='
    while (j < n && !is_space(s_[j]) && s_[j] != '/' && s_[j] != '>' && s_[j] != '=') ++j;
    a.name = lower(s_.substr(a.off, j - a.off));
    size_t k = j;
    while (k < n && is_space(s_[k])) ++k;
    if (k < n && s_[k] == '=') {
      a.has_value = true;
      j = k + 1;
      while (j < n && is_space(s_[j])) ++j;
      if (j < n && (s_[j] == '"' || s_[j] == '\'')) {
        size_t close = s_.find(s_[j], j + 1);
        if (close == std::string_view::npos) return 0;
        a.raw = s_.substr(j + 1, close - j - 1);
        j = close + 1;
      } else {
        size_t v = j;
        while (j < n && !is_space(s_[j]) && s_[j] != '>') ++j;
        a.raw = s_.substr(v, j - v);
      }
    } else {
      j = k;
    }
    t->attrs.push_back(a);
  }
}

void Sanitizer::write_tag(const Tag& t) {
  if (t.end) {
    out_ += "</" + t.name + ">";
    return;
  }
  out_ += '<';
  out_ += t.name;
  std::vector<std::string> seen;
  image_ = {};
  for (const Attr& a : t.attrs) {
    // A browser keeps the first of two same-named attributes.
    if (std::find(seen.begin(), seen.end(), a.name) != seen.end()) continue;
    seen.push_back(a.name);
    std::string value;
    if (!keep_attr(t, a, &value)) continue;
    out_ += ' ';
    out_ += a.name;
    if (!a.has_value) continue;
    out_ += "=\"";
    out_ += value;
    out_ += '"';
  }
  if (t.name == "img") {  // as a Markdown image: alt text, its size (no layout shift), lazy
    auto has = [&](const char* name) { return std::find(seen.begin(), seen.end(), name) != seen.end(); };
    if (!has("alt"))
      diags_.warning(at(t.off), "image without alt text", "describe the image: <img src=\"…\" alt=\"what it shows\">");
    if (image_.width > 0 && !has("width") && !has("height"))
      out_ += " width=\"" + std::to_string(image_.width) + "\" height=\"" + std::to_string(image_.height) + '"';
    if (!has("loading")) out_ += " loading=\"lazy\"";
  }
  if (t.self_closing) out_ += '/';
  out_ += '>';
}

// Whether attribute a is written, and its value as written (escaped, in double quotes).
bool Sanitizer::keep_attr(const Tag& t, const Attr& a, std::string* value) {
  const char* url_hint = "javascript:, vbscript:, file: and data: URLs (other than images) are removed, "
                         "as in Markdown links";
  if (!valid_attr_name(a.name)) {
    diags_.warning(at(a.off), "raw HTML: removed attribute '" + a.name + "': not a valid attribute name",
                   "attribute names are letters, digits, '-', '_', ':' and '.'");
    return false;
  }
  if (a.name.compare(0, 2, "on") == 0) {
    diags_.warning(at(a.off), "raw HTML: removed event handler '" + a.name + "'",
                   "allow_html keeps tags and plain attributes, never script: a report runs no code of its own");
    return false;
  }
  if (!policy_.allow_all && !listed(a.name, std::begin(kGlobalAttrs), std::end(kGlobalAttrs)) &&
      !listed(t.name + " " + a.name, std::begin(kTagAttrs), std::end(kTagAttrs))) {
    diags_.warning(at(a.off), "raw HTML: removed attribute '" + a.name + "' of <" + t.name + ">: not on the allow-list",
                   "by default class, id, lang, title, dir and a few per tag pass (href, src, alt, colspan …: "
                   "docs/FORMAT.md, Raw HTML); allow_html: true lets other attributes through");
    return false;
  }
  bool url = listed(a.name, std::begin(kUrlAttrs), std::end(kUrlAttrs));
  bool list = a.name == "srcset" || a.name == "ping";
  if (url || list || a.name == "style") {
    // Checked as it is written: html_escape drops C0 controls, so "url\x01(" must be seen as "url(".
    std::string decoded = decode_char_refs(a.raw);
    std::erase_if(decoded, [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r'; });
    if ((url && dangerous_url(decoded)) || (list && dangerous_url_list(decoded))) {
      diags_.warning(at(a.off), "raw HTML: removed '" + a.name + "': its URL could run script or read files", url_hint);
      return false;
    }
    if (a.name == "style" && risky_style(decoded)) {
      diags_.warning(at(a.off), "raw HTML: removed 'style': it could load a resource or run code",
                     "plain properties are kept; url(), image-set(), expression(), @-rules and CSS escapes are not");
      return false;
    }
    if (t.name == "img" && a.name == "src" && policy_.local_image && !decoded.empty()) {
      image_ = policy_.local_image(decoded, at(a.off));
      if (image_.local) {  // its problems are reported as the image's, and not again as a link
        html_escape(image_.src, *value);
        return !image_.src.empty();
      }
    }
    if (a.name == "href" || a.name == "src") links_.push_back({decoded, at(a.off)});
    html_escape(decoded, *value);
    return true;
  }
  // Other values are written as the browser would read them; only the quotes change.
  for (char c : a.raw) {
    if (c == '"') *value += "&quot;";
    else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') *value += c;
  }
  return true;
}

}  // namespace

void sanitize_raw_html(std::string_view fragment, const RawHtmlPos& pos, const RawHtmlPolicy& policy, std::string& out,
                       Diagnostics& diags, std::vector<LinkUse>& links) {
  Sanitizer(fragment, pos, policy, out, diags, links).run();
}

}  // namespace annalist
