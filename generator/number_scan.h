#pragma once
// Finding the numbers written in a text, and the text around one.
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// A number written in text.
struct NumberToken {
  std::string text;   ///< as written: "1,105.8", "-3.5", "27.2%"
  size_t offset = 0;  ///< byte offset in the text
};
/// The numbers of a text: [sign] digits [,ddd]… [.digits] [%]; digits glued to Latin letters
/// ("5G", "H5", "v1.2.3") are not numbers.
std::vector<NumberToken> find_numbers(std::string_view text);
/// The text with every number replaced by one marker byte (\x01): texts that differ only in their
/// numbers mask to the same string.
std::string mask_numbers(std::string_view text);
/// About `width` characters of text around [offset, offset+len), with "…" where cut.
std::string snippet_around(std::string_view text, size_t offset, size_t len, size_t width = 60);

}  // namespace annalist
