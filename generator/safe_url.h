#pragma once
// Which URLs a report may link to: the one rule for Markdown links, images and raw HTML.
#include <string_view>

namespace annalist {

/// True for a URL that could run code or read local files in a reader's browser (javascript:,
/// vbscript:, file:, data: other than PNG/GIF/JPEG/WebP images), read as a browser reads it.
bool dangerous_url(std::string_view url);

}  // namespace annalist
