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

// A CJK token as a number: a character's code point, or 2^32 + first * 2^16 + second for a pair
// (every token character is in the BMP).
std::string cjk_token(uint64_t key) {
  std::string out;
  if (key >> 32) put_utf8(static_cast<uint32_t>((key >> 16) & 0xFFFF), out);
  put_utf8(static_cast<uint32_t>(key & 0xFFFF), out);
  return out;
}

// For each token of text, in order: cjk(key) for a CJK token (see cjk_token), word(text) for a word.
template <typename Cjk, typename Word>
void for_each_token(std::string_view text, Cjk&& cjk, Word&& word_token) {
  std::string word;
  size_t word_chars = 0;
  uint32_t prev_cjk = 0;  // the CJK character just before, 0 if none
  auto end_word = [&] {
    if (!word.empty()) word_token(std::string_view(word));
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
      if (prev_cjk) cjk((uint64_t{1} << 32) | (uint64_t{prev_cjk} << 16) | c);
      cjk(uint64_t{c});
      prev_cjk = c;
    }
  }
  end_word();
}

void count(uint32_t& w, uint32_t flags) {
  if ((w >> 2) < (1u << 24)) w += 4;
  w |= flags;
}

}  // namespace

std::string SearchToken::text() const { return key ? cjk_token(key) : token; }

std::vector<std::string> search_tokens(std::string_view text) {
  std::vector<std::string> out;
  for_each_token(
      text, [&](uint64_t key) { out.push_back(cjk_token(key)); }, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

void SearchTokenCounter::add(std::string_view text, uint32_t flags) {
  for_each_token(
      text, [&](uint64_t key) { count(cjk_[key], flags); }, [&](std::string_view t) { count(words_[std::string(t)], flags); });
}

std::vector<SearchToken> SearchTokenCounter::take() {
  std::vector<SearchToken> out;
  out.reserve(cjk_.size() + words_.size());
  cjk_.for_each([&](uint64_t key, uint32_t weight) { out.push_back({{}, weight, key}); });
  for (auto& [token, weight] : words_) out.push_back({token, weight});
  cjk_.clear();
  words_.clear();
  return out;
}

}  // namespace annalist
