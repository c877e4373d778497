#include "yaml_flat.h"

#include <charconv>
#include <set>
#include <string>
#include <vector>

namespace annalist {

namespace {

// A node's position rides in its tag after this byte: "?\x01" "12:5" (plain), "!\x01…" (quoted),
// "\x01…" (null), as yaml-cpp tags its nodes "?", "!" and "".
constexpr char kMarkSep = '\x01';

void set_mark(YAML::Node& n, const char* tag_class, int line, int col) {
  std::string t = tag_class;
  t += kMarkSep;
  t += std::to_string(line);
  t += ':';
  t += std::to_string(col);
  n.SetTag(t);
}

bool is_null_word(std::string_view v) { return v == "~" || v == "null" || v == "Null" || v == "NULL"; }

// A plain scalar that means the same to yaml-cpp wherever it stands (conservative: anything
// that might be an indicator, a comment, a key or, in a flow collection, a separator is refused).
bool plain_ok(std::string_view v, bool in_flow) {
  if (v.empty() || v.back() == ' ' || v.front() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(v.front()) != std::string_view::npos) return false;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c == '\t' || c == '\r' || c == '\\') return false;
    if (c == ':' && (in_flow || i + 1 == v.size() || v[i + 1] == ' ')) return false;
    if (c == '#' && i > 0 && v[i - 1] == ' ') return false;
    if (in_flow && std::string_view(",[]{}\"'").find(c) != std::string_view::npos) return false;
  }
  return true;
}

YAML::Node scalar(std::string_view v, int line, int col) {
  if (is_null_word(v)) {
    YAML::Node n(YAML::NodeType::Null);
    set_mark(n, "", line, col);
    return n;
  }
  YAML::Node n{std::string(v)};
  set_mark(n, "?", line, col);
  return n;
}

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// The items of a one-line flow collection between its brackets, each with its column.
bool flow_items(std::string_view inner, int first_col, std::vector<std::pair<std::string_view, int>>* items) {
  if (inner.find_first_not_of(' ') == std::string_view::npos) return true;  // [] or {}
  size_t at = 0;
  while (true) {
    size_t comma = inner.find(',', at);
    std::string_view part = inner.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
    size_t b = part.find_first_not_of(' ');
    if (b == std::string_view::npos) return false;
    size_t e = part.find_last_not_of(' ');
    items->push_back({part.substr(b, e - b + 1), first_col + static_cast<int>(at + b)});
    if (comma == std::string_view::npos) return true;
    at = comma + 1;
  }
}

// The value of one `key: value` line starting at column col; false when not in the subset.
bool value_node(std::string_view v, int line, int col, YAML::Node* out) {
  char c = v.front();
  if (c == '"' || c == '\'') {
    size_t close = v.find(c, 1);
    if (close == std::string_view::npos || v.substr(1, close - 1).find('\\') != std::string_view::npos ||
        skip_spaces(v, close + 1) != v.size())
      return false;
    YAML::Node n{std::string(v.substr(1, close - 1))};
    set_mark(n, "!", line, col);
    *out = n;
    return true;
  }
  if (c == '[' || c == '{') {
    if (v.back() != (c == '[' ? ']' : '}')) return false;
    std::vector<std::pair<std::string_view, int>> items;
    if (!flow_items(v.substr(1, v.size() - 2), col + 1, &items)) return false;
    YAML::Node n(c == '[' ? YAML::NodeType::Sequence : YAML::NodeType::Map);
    set_mark(n, "?", line, col);
    std::set<std::string_view> keys;
    for (const auto& [item, icol] : items) {
      if (c == '[') {
        if (!plain_ok(item, true)) return false;
        n.push_back(scalar(item, line, icol));
        continue;
      }
      size_t sep = item.find(": ");
      if (sep == std::string_view::npos) return false;
      std::string_view k = item.substr(0, sep);
      size_t vb = skip_spaces(item, sep + 2);
      std::string_view val = item.substr(vb);
      if (!plain_ok(k, true) || !plain_ok(val, true) || !keys.insert(k).second) return false;
      n.force_insert(scalar(k, line, icol), scalar(val, line, icol + static_cast<int>(vb)));
    }
    *out = n;
    return true;
  }
  if (!plain_ok(v, false)) return false;
  *out = scalar(v, line, col);
  return true;
}

}  // namespace

bool parse_flat_yaml(std::string_view text, YAML::Node* out) {
  if (text.find('\r') != std::string_view::npos || text.find('\t') != std::string_view::npos) return false;
  std::vector<std::string_view> lines;
  for (size_t at = 0; at < text.size();) {
    size_t eol = text.find('\n', at);
    lines.push_back(text.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at));
    at = eol == std::string_view::npos ? text.size() : eol + 1;
  }
  auto blank = [](std::string_view l) { return l.find_first_not_of(' ') == std::string_view::npos; };
  YAML::Node root(YAML::NodeType::Map);
  std::set<std::string_view> keys;
  bool empty = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    int line = static_cast<int>(i);
    if (blank(l) || l.front() == '#') continue;
    if (l.front() == ' ' || l.substr(0, 3) == "---" || l.substr(0, 3) == "...") return false;
    size_t colon = l.find(": ");
    if (colon == std::string_view::npos && l.back() == ':') colon = l.size() - 1;
    if (colon == std::string_view::npos) return false;
    std::string_view key = l.substr(0, colon);
    if (!plain_ok(key, false) || !keys.insert(key).second) return false;
    if (empty) set_mark(root, "?", line, 0);
    empty = false;
    YAML::Node key_node = scalar(key, line, 0);
    if (!key_node.IsScalar()) return false;  // a null key
    size_t vb = skip_spaces(l, colon + 1);
    YAML::Node value;
    if (vb < l.size()) {
      std::string_view v = l.substr(vb);
      v = v.substr(0, v.find_last_not_of(' ') + 1);
      if (v.front() == '#' || !value_node(v, line, static_cast<int>(vb), &value)) return false;
    } else {
      // An empty value: null, or a block list of scalars or flow mappings ("  - item" lines, one
      // indentation).
      // yaml-cpp places the null at the next token: handled only when that is the next key.
      if (i + 1 == lines.size() || blank(lines[i + 1]) || lines[i + 1].front() == '#') return false;
      size_t indent = lines[i + 1].find_first_not_of(' ');
      if (lines[i + 1].compare(indent, 2, "- ") != 0) {
        value = YAML::Node(YAML::NodeType::Null);
        set_mark(value, "", line + 1, 0);
      } else {
        value = YAML::Node(YAML::NodeType::Sequence);
        set_mark(value, "?", line + 1, static_cast<int>(indent));
        while (i + 1 < lines.size() && lines[i + 1].size() > indent + 2 &&
               lines[i + 1].find_first_not_of(' ') == indent && lines[i + 1].compare(indent, 2, "- ") == 0) {
          std::string_view item_line = lines[++i];
          size_t ib = skip_spaces(item_line, indent + 2);
          std::string_view v = item_line.substr(ib);
          v = v.substr(0, v.find_last_not_of(' ') + 1);
          YAML::Node item;
          if (v.empty() || v.front() == '[' ||
              !value_node(v, static_cast<int>(i), static_cast<int>(ib), &item))
            return false;
          value.push_back(item);
        }
        // The list must end at the next key (or the end of the text).
        if (i + 1 < lines.size() && (blank(lines[i + 1]) || lines[i + 1].front() == ' ' || lines[i + 1].front() == '-'))
          return false;
      }
    }
    root.force_insert(key_node, value);
  }
  if (empty) return false;  // an empty document
  *out = root;
  return true;
}

bool flat_yaml_mark(const YAML::Node& node, int* line, int* col) {
  const std::string& t = node.Tag();
  size_t sep = t.find(kMarkSep);
  if (sep == std::string::npos) return false;
  const char* p = t.data() + sep + 1;
  const char* end = t.data() + t.size();
  auto r = std::from_chars(p, end, *line);
  if (r.ec != std::errc() || r.ptr == end || *r.ptr != ':') return false;
  return std::from_chars(r.ptr + 1, end, *col).ec == std::errc();
}

bool yaml_quoted(const YAML::Node& node) {
  const std::string& t = node.Tag();
  return t == "!" || t.compare(0, 2, std::string("!") + kMarkSep) == 0;
}

}  // namespace annalist
