// libFuzzer target: see fuzz_entries.h (fuzz_raw_html) and tests/fuzz/README.md.
#include "fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return annalist::fuzz::fuzz_raw_html(data, size);
}
