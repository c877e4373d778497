#include "hash.h"

#include <xxhash.h>

namespace annalist {

std::string hash_hex(std::string_view bytes) {
  XXH64_hash_t h = XXH3_64bits(bytes.data(), bytes.size());
  static const char* kHex = "0123456789abcdef";
  std::string s(16, '0');
  for (int k = 15; k >= 0; --k, h >>= 4) s[static_cast<size_t>(k)] = kHex[h & 15];
  return s;
}

}  // namespace annalist
