#include "yaml_util.h"

#include <yaml-cpp/depthguard.h>

#include <charconv>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "text.h"
#include "yaml_flat.h"

namespace annalist {

namespace {

SourcePos mark_pos(const YAML::Mark& m, const std::string& file, int line_offset) {
  return {file, m.line >= 0 ? m.line + 1 + line_offset : 1, m.column >= 0 ? m.column + 1 : 1};
}

// True when the quoted scalar starting at text[at] (a '"' or '\'') has its closing quote.
bool quote_closed(std::string_view text, size_t at) {
  char q = text[at];
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') ++i;  // an escape
    else if (text[i] == q && q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is a quote
    else if (text[i] == q) return true;
  }
  return false;
}

// yaml-cpp accepts a quoted scalar that is never closed, as one string to the end of the text
// (`title: "T` swallows every later setting): an error at its opening quote. Walks a tree that
// check_yaml_tree passed (so no deeper than kMaxYamlNesting), each node once.
bool check_quotes_closed(std::string_view text, const YAML::Node& root, const std::string& file, int line_offset,
                         Diagnostics& diags) {
  std::vector<YAML::Node> todo{root};
  std::set<int> seen;
  while (!todo.empty()) {
    YAML::Node node = todo.back();
    todo.pop_back();
    int pos = node.Mark().pos;
    if (!seen.insert(pos).second) continue;
    if (node.IsScalar()) {
      size_t at = static_cast<size_t>(pos);
      if (pos >= 0 && at < text.size() && (text[at] == '"' || text[at] == '\'') && !quote_closed(text, at)) {
        diags.error(mark_pos(node.Mark(), file, line_offset), "this quoted value is never closed",
                    std::string("end it with ") + text[at] + " on the same line, or remove the opening quote");
        return false;
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) todo.push_back(item);
    } else if (node.IsMap()) {
      for (const auto& kv : node) todo.push_back(kv.first), todo.push_back(kv.second);
    }
  }
  return true;
}

}  // namespace

bool parse_yaml(std::string_view text, const std::string& file, int line_offset, YAML::Node* out,
                Diagnostics& diags) {
  // yaml-cpp passes invalid UTF-8 and NUL bytes through into values (and so into the HTML).
  size_t bad = std::string_view::npos, nul = text.find('\0');
  if (!utf8_valid(text, &bad) || nul != std::string_view::npos) {
    bool is_nul = nul < bad;
    int line = 0, col = 0;
    line_col(text, is_nul ? nul : bad, &line, &col);
    diags.error({file, line + line_offset, col}, is_nul ? "NUL byte in YAML" : "invalid UTF-8 in YAML",
                "save the file as UTF-8 text");
    return false;
  }
  // The common simple case, without yaml-cpp's scanner (it refuses repeated keys, and nests
  // two levels at most, so the check below has nothing to find there).
  if (parse_flat_yaml(text, out)) return true;
  try {
    *out = YAML::Load(std::string(text));
    return check_yaml_tree(*out, file, line_offset, diags) && check_quotes_closed(text, *out, file, line_offset, diags);
  } catch (const YAML::DeepRecursion& e) {
    SourcePos pos{file, e.mark.line >= 0 ? e.mark.line + 1 + line_offset : 1, e.mark.column >= 0 ? e.mark.column + 1 : 1};
    diags.error(pos, "YAML nested more than " + std::to_string(kMaxYamlNesting) + " levels deep",
                "flatten the structure: a few levels of lists and mappings are enough");
    return false;
  } catch (const YAML::Exception& e) {
    SourcePos pos{file, e.mark.line >= 0 ? e.mark.line + 1 + line_offset : 0,
                  e.mark.column >= 0 ? e.mark.column + 1 : 0};
    diags.error(pos, "YAML syntax error: " + e.msg,
                "check indentation, colons after keys and quotes around values with ': ' or '#'");
    return false;
  }
}


bool check_yaml_tree(const YAML::Node& root, const std::string& file, int line_offset, Diagnostics& diags) {
  // Without recursion; a node reached again through an alias (same place in the text) is
  // checked once, so an alias bomb costs no more than its text.
  std::vector<std::pair<YAML::Node, size_t>> todo{{root, 0}};
  std::set<int> seen;
  bool ok = true;
  while (!todo.empty()) {
    auto [node, depth] = todo.back();
    todo.pop_back();
    if (!node.IsMap() && !node.IsSequence()) continue;
    if (!seen.insert(node.Mark().pos).second) continue;
    if (depth >= kMaxYamlNesting) {
      diags.error(mark_pos(node.Mark(), file, line_offset),
                  "YAML nested more than " + std::to_string(kMaxYamlNesting) + " levels deep",
                  "flatten the structure: a few levels of lists and mappings are enough");
      return false;
    }
    if (node.IsSequence()) {
      for (const auto& item : node) todo.emplace_back(item, depth + 1);
      continue;
    }
    std::map<std::string, YAML::Mark> keys;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        auto [at, fresh] = keys.emplace(kv.first.Scalar(), kv.first.Mark());
        if (!fresh) {
          SourcePos first = mark_pos(at->second, file, line_offset);
          diags.error(mark_pos(kv.first.Mark(), file, line_offset),
                      "duplicate key '" + kv.first.Scalar() + "' (first at line " + std::to_string(first.line) +
                          ", column " + std::to_string(first.col) + ")",
                      "a key appears once in a mapping: remove or rename one of them");
          ok = false;
        }
      }
      todo.emplace_back(kv.second, depth + 1);
    }
  }
  return ok;
}

SourcePos yaml_pos(const YAML::Node& node, const std::string& file, int line_offset) {
  YAML::Mark m = node.Mark();
  if (m.line < 0 && !flat_yaml_mark(node, &m.line, &m.column)) return {file, 0, 0};
  return {file, m.line + 1 + line_offset, m.column + 1};
}

std::string yaml_scalar(const YAML::Node& node) {
  return node.IsScalar() ? node.Scalar() : std::string();
}

static nlohmann::json scalar_to_json(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (yaml_quoted(node)) return s;  // quoted: always a string
  if (s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (!s.empty()) {
    long long i = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), i);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return i;
    double d = 0;
    auto rd = std::from_chars(s.data(), s.data() + s.size(), d);
    if (rd.ec == std::errc() && rd.ptr == s.data() + s.size() && s.find_first_of("0123456789") != std::string::npos)
      return d;
  }
  return s;
}

// Aliases make the node graph a DAG or even a cycle (a: &a [*a]): bound the depth and the
// number of values produced, so neither recursion nor an alias bomb can exhaust the machine.
constexpr int kMaxYamlDepth = static_cast<int>(kMaxYamlNesting);
constexpr size_t kMaxYamlValues = 1'000'000;

static nlohmann::json to_json(const YAML::Node& node, int depth, size_t* budget) {
  if (depth > kMaxYamlDepth) throw YAML::ParserException(node.Mark(), "nested too deeply (or an alias refers to itself)");
  if (*budget == 0) throw YAML::ParserException(node.Mark(), "too many values (aliases expand to over a million)");
  --*budget;
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return scalar_to_json(node);
    case YAML::NodeType::Sequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& n : node) a.push_back(to_json(n, depth + 1, budget));
      return a;
    }
    case YAML::NodeType::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) throw YAML::ParserException(kv.first.Mark(), "a key must be a plain text, not a list or mapping");
        o[kv.first.Scalar()] = to_json(kv.second, depth + 1, budget);
      }
      return o;
    }
    default: return nullptr;
  }
}

nlohmann::json yaml_to_json(const YAML::Node& node) {
  size_t budget = kMaxYamlValues;
  return to_json(node, 0, &budget);
}

SourcePos yaml_block_pos(const YAML::Node& node, const SourcePos& block) {
  SourcePos p = yaml_pos(node, block.file, block.line > 0 ? block.line - 1 : 0);
  if (p.line == 0) return block;
  if (block.col > 1) p.col += block.col - 1;
  return p;
}

}  // namespace annalist
