#pragma once
// The one hash of the project: XXH3 (libxxhash), for fingerprints of inputs and outputs.
#include <string>
#include <string_view>

namespace annalist {

/// A 64-bit XXH3 hash of bytes as 16 hex digits; stable across runs and machines.
std::string hash_hex(std::string_view bytes);

}  // namespace annalist
