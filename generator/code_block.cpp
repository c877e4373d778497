#include "code_block.h"

#include "highlight.h"
#include "text.h"
#include "ui_strings.h"

namespace annalist {

namespace {

bool is_numbering(std::string_view w) {
  return w == "linenums" || w == "linenos" || w == "line-numbers" || w == "numberLines" || w == "number-lines";
}

// mdBook hides a Rust line whose first non-blank is "# " or a lone "#"; "##" shows as "#".
std::string without_hidden_lines(std::string_view code) {
  std::string out;
  while (!code.empty()) {
    size_t nl = code.find('\n');
    std::string_view line = code.substr(0, nl == std::string_view::npos ? code.size() : nl + 1);
    code.remove_prefix(line.size());
    size_t b = line.find_first_not_of(" \t");
    std::string_view rest = b == std::string_view::npos ? std::string_view() : line.substr(b);
    if (rest.substr(0, 2) == "# " || rest == "#\n" || rest == "#") continue;
    if (rest.substr(0, 2) == "##") out.append(line.substr(0, b)).append(rest.substr(1));
    else out.append(line);
  }
  return out;
}

}  // namespace

CodeInfo parse_code_info(std::string_view info) {
  CodeInfo ci;
  size_t i = 0;
  bool first = true;
  while (i < info.size()) {
    while (i < info.size() && (info[i] == ',' || info[i] == ' ' || info[i] == '\t' || info[i] == '{' || info[i] == '}')) ++i;
    size_t e = i;
    while (e < info.size() && info[e] != ',' && info[e] != ' ' && info[e] != '\t' && info[e] != '{' && info[e] != '}') ++e;
    if (e == i) break;
    std::string_view w = info.substr(i, e - i);
    if (w[0] == '.' && w.size() > 1) w.remove_prefix(1);
    if (is_numbering(w)) ci.numbered = true;
    else if (first && w.find('=') == std::string_view::npos)
      for (char c : w) ci.language += ascii_lower(c);
    else ci.others.emplace_back(w);
    first = false;
    i = e;
  }
  return ci;
}

void code_block_html(const CodeInfo& info, std::string_view code, const UiStrings& ui, std::string& out,
                     std::string* shown) {
  const std::pair<const char*, const std::string*> notes[] = {{"does_not_compile", &ui.code_does_not_compile},
                                                              {"panics", &ui.code_panics},
                                                              {"not_desired_behavior", &ui.code_not_desired}};
  for (const auto& [word, text] : notes)
    for (const auto& w : info.others)
      if (w == word && !text->empty()) {
        out += "<p class=\"code-note code-note-";
        out += word;
        out += "\">";
        html_escape(*text, out);
        out += "</p>\n";
      }
  std::string kept;
  if ((info.language == "rust" || info.language == "rs") && code.find('#') != std::string_view::npos) {
    kept = without_hidden_lines(code);
    code = kept;
  }
  out += info.numbered ? "<pre class=\"numbered\"><code" : "<pre><code";
  if (!info.language.empty()) {
    out += " class=\"language-";
    html_escape(info.language, out);
    out += '"';
  }
  out += '>';
  highlight_code(code, info.language, info.numbered, out);
  out += "</code></pre>\n";
  if (shown) shown->assign(code);
}

}  // namespace annalist
