#include "search_tokens.h"

#include <algorithm>

namespace annalist {

namespace {

enum class CharClass { kOther, kCjk, kWord };

CharClass classify(uint32_t c) {
  if (c < 0x80) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return alnum ? CharClass::kWord : CharClass::kOther;
  }
  if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F)) return CharClass::kWord;
  if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
      (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF))
    return CharClass::kCjk;
  return CharClass::kOther;
}

uint32_t fold(uint32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  return c;
}

// Decodes one UTF-8 character at s[i], advancing i; a bad sequence is one byte read as U+FFFD.
uint32_t next_char(std::string_view s, size_t& i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < n; ++k) {
    unsigned char t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (t & 0x3F);
  }
  i += n;
  return c;
}

void put_utf8(uint32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {  // every token character is in the BMP
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::vector<std::string> search_tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  size_t word_chars = 0;
  uint32_t prev_cjk = 0;  // the CJK character just before, 0 if none
  auto end_word = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
    word_chars = 0;
  };
  for (size_t i = 0; i < text.size();) {
    uint32_t c = next_char(text, i);
    CharClass k = classify(c);
    if (k != CharClass::kWord) end_word();
    if (k != CharClass::kCjk) prev_cjk = 0;
    if (k == CharClass::kWord) {
      if (word_chars++ < kMaxWordChars) put_utf8(fold(c), word);
    } else if (k == CharClass::kCjk) {
      std::string one;
      put_utf8(c, one);
      if (prev_cjk) {
        std::string two;
        put_utf8(prev_cjk, two);
        out.push_back(two + one);
      }
      out.push_back(std::move(one));
      prev_cjk = c;
    }
  }
  end_word();
  return out;
}

void SearchTokenCounter::add(std::string_view text, uint32_t flags) {
  for (auto& t : search_tokens(text)) all_.push_back({std::move(t), flags});
}

std::vector<SearchToken> SearchTokenCounter::take() {
  std::sort(all_.begin(), all_.end(), [](const SearchToken& a, const SearchToken& b) { return a.token < b.token; });
  std::vector<SearchToken> out;
  for (auto& t : all_) {
    if (!out.empty() && out.back().token == t.token) {
      if ((out.back().weight >> 2) < (1u << 24)) out.back().weight += 4;
      out.back().weight |= t.weight;
    } else {
      out.push_back({std::move(t.token), 4 | t.weight});
    }
  }
  std::vector<SearchToken>().swap(all_);
  return out;
}

}  // namespace annalist
