#include "json_scan.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace annalist {

namespace {

// The end of the string token starting at the quote at i (one past the closing quote), or npos.
size_t string_end(std::string_view text, size_t i) {
  for (size_t k = i + 1; k < text.size(); ++k) {
    if (text[k] == '\\') ++k;
    else if (text[k] == '"') return k + 1;
  }
  return std::string_view::npos;
}

// A key token's text with escapes decoded ("\u0061" and "a" are the same key).
std::string key_text(std::string_view token) {
  if (token.find('\\') == std::string_view::npos) return std::string(token.substr(1, token.size() - 2));
  try {
    return nlohmann::json::parse(token).get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return std::string(token);  // not valid: the parser will say so
  }
}

struct Frame {
  bool object = false;
  bool want_key = true;                                  // in an object: the next string is a key
  std::vector<std::pair<std::string, size_t>> keys;      // key, offset
};

void close_object(Frame& f, std::vector<JsonDuplicateKey>* dups) {
  if (f.keys.size() < 2) return;
  std::stable_sort(f.keys.begin(), f.keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t k = 1; k < f.keys.size(); ++k)
    if (f.keys[k].first == f.keys[k - 1].first) {
      size_t first = k - 1;
      while (first > 0 && f.keys[first - 1].first == f.keys[k].first) --first;
      dups->push_back({f.keys[k].first, f.keys[first].second, f.keys[k].second});
    }
}

}  // namespace

JsonScan scan_json(std::string_view text, size_t max_depth) {
  JsonScan out;
  std::vector<Frame> stack;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      size_t e = string_end(text, i);
      if (e == std::string_view::npos) break;
      if (!stack.empty() && stack.back().object && stack.back().want_key) {
        stack.back().keys.emplace_back(key_text(text.substr(i, e - i)), i);
        stack.back().want_key = false;
      }
      i = e;
      continue;
    }
    if (c == '[' || c == '{') {
      if (stack.size() >= max_depth) {
        out.too_deep = i;
        out.duplicates.clear();
        return out;
      }
      stack.emplace_back();
      stack.back().object = c == '{';
    } else if (c == ']' || c == '}') {
      if (stack.empty()) break;
      if (stack.back().object) close_object(stack.back(), &out.duplicates);
      stack.pop_back();
    } else if (c == ',' && !stack.empty() && stack.back().object) {
      stack.back().want_key = true;
    }
    ++i;
  }
  std::sort(out.duplicates.begin(), out.duplicates.end(),
            [](const JsonDuplicateKey& a, const JsonDuplicateKey& b) { return a.again < b.again; });
  return out;
}

size_t find_json_number_overflow(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      size_t e = string_end(text, i);
      if (e == std::string_view::npos) return std::string_view::npos;
      i = e;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t e = i + 1;
      while (e < text.size() && std::string_view("0123456789+-.eE").find(text[e]) != std::string_view::npos) ++e;
      std::string token(text.substr(i, e - i));
      if (!std::isfinite(std::strtod(token.c_str(), nullptr))) return i;
      i = e;
      continue;
    }
    ++i;
  }
  return std::string_view::npos;
}

}  // namespace annalist
