#pragma once
// The compiled form of a Mustache template, shared by the compiler (mustache_compile.cpp) and the
// renderer (mustache_render.cpp); private to the engine.
#include <cstdint>
#include <string>
#include <vector>

namespace annalist {

/// What a compiled node does.
enum class MustacheNodeKind : uint8_t { kText, kVar, kRaw, kSection, kInverted, kPartial, kParent, kBlock };

/// One node of a compiled template; containers hold their children in [index + 1, end).
struct MustacheNode {
  MustacheNodeKind kind = MustacheNodeKind::kText;
  bool standalone = false;  ///< partial/parent/block: its tag stood on a line of its own
  bool dynamic = false;     ///< partial/parent: the name is looked up in the data ({{>*name}})
  bool implicit = false;    ///< the name is "." (the top of the context stack)
  bool scoped = false;      ///< the name starts with "." (resolve in the top context only)
  bool line_start = false;  ///< text: begins at the start of a source line
  uint32_t end = 0;         ///< containers: index one past the last child
  int line = 0, col = 0;    ///< where the tag (or text) starts
  std::string text;         ///< text: the text; tags: the name as written (without '*')
  std::vector<std::string> path;  ///< dotted name split at '.'
  std::string indent;       ///< standalone partial/parent/block: whitespace before the tag
  std::string site_indent;  ///< block: indentation given to the lines of an override
  std::vector<uint32_t> args;     ///< parent: indices of its direct block children
};

struct MustacheTemplate {
  std::string file;                ///< shown in diagnostics
  std::vector<MustacheNode> nodes;  ///< the template, flattened
};

}  // namespace annalist
