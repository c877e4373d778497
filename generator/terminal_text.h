#pragma once
// Text that is safe to print to a terminal: no byte of it is a control the terminal acts on.
#include <string>
#include <string_view>

namespace annalist {

/// s with every byte a terminal could act on shown as a visible escape: C0 controls (tab and
/// newline too) and DEL as `\xHH` (ESC is `\x1b`), C1 controls (U+0080..U+009F) as `\u00HH`, and
/// bytes that are not well-formed UTF-8 as `\xHH`. Other text, backslashes included, is unchanged.
std::string escape_controls(std::string_view s);

}  // namespace annalist
