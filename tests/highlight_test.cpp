// Code blocks: info strings, highlighting at build time, line numbers, mdBook's notes and hidden lines.
#include <catch2/catch.hpp>

#include <random>

#include "code_block.h"
#include "highlight.h"
#include "ui_strings.h"

using namespace annalist;

namespace {

std::string hl(std::string_view code, std::string_view lang, bool numbered = false) {
  std::string out;
  highlight_code(code, lang, numbered, out);
  return out;
}

// The text a reader sees: tags dropped, the five escapes undone.
std::string text_of(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      i = html.find('>', i);
      continue;
    }
    if (html[i] == '&') {
      size_t e = html.find(';', i);
      std::string_view ent = html.substr(i, e - i + 1);
      out += ent == "&lt;" ? "<" : ent == "&gt;" ? ">" : ent == "&amp;" ? "&" : ent == "&quot;" ? "\"" : "'";
      i = e;
      continue;
    }
    out += html[i];
  }
  return out;
}

const char* const kLanguages[] = {"rust", "c", "cpp", "python", "js", "ts", "json", "yaml", "toml",
                                  "sh",   "bash", "sql", "html", "css", "go", "java", "xml", "nope"};

}  // namespace

TEST_CASE("highlighting marks keywords, types, strings, comments and numbers", "[highlight]") {
  CHECK(hl("let x: u32 = 42; // answer\n", "rust") ==
        "<span class=\"hl-k\">let</span> x: <span class=\"hl-t\">u32</span> = <span class=\"hl-n\">42</span>; "
        "<span class=\"hl-c\">// answer</span>\n");
  CHECK(hl("def f():\n    return \"a#b\"  # c\n", "python") ==
        "<span class=\"hl-k\">def</span> f():\n    <span class=\"hl-k\">return</span> <span class=\"hl-s\">&quot;a#b&quot;</span>"
        "  <span class=\"hl-c\"># c</span>\n");
  CHECK(hl("#include <stdio.h>\nint main(void) { return 0; }\n", "c") ==
        "<span class=\"hl-m\">#include &lt;stdio.h&gt;</span>\n<span class=\"hl-t\">int</span> main(<span class=\"hl-t\">void</span>) "
        "{ <span class=\"hl-k\">return</span> <span class=\"hl-n\">0</span>; }\n");
  CHECK(hl("{\"a\": [1, true, null]}\n", "json") ==
        "{<span class=\"hl-a\">&quot;a&quot;</span>: [<span class=\"hl-n\">1</span>, <span class=\"hl-n\">true</span>, "
        "<span class=\"hl-n\">null</span>]}\n");
  CHECK(hl("select id FROM t -- all\n", "SQL") ==
        "<span class=\"hl-k\">select</span> id <span class=\"hl-k\">FROM</span> t <span class=\"hl-c\">-- all</span>\n");
  CHECK(hl("echo \"$HOME\" $1 # note\n", "bash") ==
        "<span class=\"hl-t\">echo</span> <span class=\"hl-s\">&quot;$HOME&quot;</span> <span class=\"hl-m\">$1</span> "
        "<span class=\"hl-c\"># note</span>\n");
}

TEST_CASE("highlighting: keys, tables, tags, properties and Rust's special tokens", "[highlight]") {
  CHECK(hl("- name: x # c\n  url: a#b\n", "yaml") ==
        "- <span class=\"hl-a\">name</span>: x <span class=\"hl-c\"># c</span>\n  <span class=\"hl-a\">url</span>: a#b\n");
  CHECK(hl("[dependencies]\nserde = \"1\"\n", "toml") ==
        "<span class=\"hl-t\">[dependencies]</span>\n<span class=\"hl-a\">serde</span> = <span class=\"hl-s\">&quot;1&quot;</span>\n");
  CHECK(hl("<a href=\"x\" id=y>&amp;</a>", "html") ==
        "&lt;<span class=\"hl-k\">a</span> <span class=\"hl-a\">href</span>=<span class=\"hl-s\">&quot;x&quot;</span> "
        "<span class=\"hl-a\">id</span>=<span class=\"hl-s\">y</span>&gt;<span class=\"hl-m\">&amp;amp;</span>&lt;/"
        "<span class=\"hl-k\">a</span>&gt;");
  CHECK(hl("a:hover { color: #fff; }", "css") ==
        "a:hover { <span class=\"hl-a\">color</span>: <span class=\"hl-n\">#fff</span>; }");
  // A lifetime is not a character; raw strings hold quotes; block comments nest.
  CHECK(hl("&'a str 'x' r#\"a\"b\"# /* a /* b */ c */", "rs") ==
        "&amp;<span class=\"hl-m\">&#39;a</span> <span class=\"hl-t\">str</span> <span class=\"hl-s\">&#39;x&#39;</span> "
        "<span class=\"hl-s\">r#&quot;a&quot;b&quot;#</span> <span class=\"hl-c\">/* a /* b */ c */</span>");
}

TEST_CASE("no highlight span crosses a line; numbered lines each get a span", "[highlight]") {
  CHECK(hl("/* a\nb */ x\n", "c") == "<span class=\"hl-c\">/* a</span>\n<span class=\"hl-c\">b */</span> x\n");
  CHECK(hl("x = 1\n\ny\n", "python", true) ==
        "<span class=\"line\">x = <span class=\"hl-n\">1</span></span>\n<span class=\"line\"></span>\n"
        "<span class=\"line\">y</span>\n");
  CHECK(hl("a <b>\nc", "nope", true) == "<span class=\"line\">a &lt;b&gt;</span>\n<span class=\"line\">c</span>");
  CHECK_FALSE(highlight_known("nope"));
  for (const char* l : {"rust", "rs", "C", "c++", "py", "javascript", "typescript", "yml", "zsh", "golang", "svg"})
    CHECK(highlight_known(l));
}

TEST_CASE("highlighting keeps every character of any input, escaped, in every language", "[highlight]") {
  const std::string alphabet = "ab_9.e+-x \n\t\"'`#/*<>&=$@{}[]:;\\!r中";
  std::mt19937 rng(19);
  std::vector<std::string> inputs = {"", "\"", "'", "/*", "<!--", "<a b=", "#[", "r##\"", "${", "'\\", "\"\"\"", "<a =>"};
  for (int k = 0; k < 400; ++k) {
    std::string s;
    size_t n = rng() % 40;
    for (size_t i = 0; i < n; ++i) {
      size_t at = rng() % alphabet.size();
      if (alphabet[at] & 0x80) s += "中", ++i;
      else s += alphabet[at];
    }
    inputs.push_back(s);
  }
  for (const char* lang : kLanguages)
    for (const std::string& s : inputs) {
      INFO(lang << ": " << s);
      for (bool numbered : {false, true}) {
        std::string out = hl(s, lang, numbered);
        CHECK(text_of(out) == s);
        size_t line_start = 0;  // spans open and close on the same line
        for (size_t nl = out.find('\n'); line_start <= out.size(); nl = out.find('\n', line_start)) {
          std::string_view line = std::string_view(out).substr(line_start, nl == std::string::npos ? std::string::npos : nl - line_start);
          size_t opens = 0, closes = 0;
          for (size_t p = line.find("<span"); p != std::string_view::npos; p = line.find("<span", p + 1)) ++opens;
          for (size_t p = line.find("</span>"); p != std::string_view::npos; p = line.find("</span>", p + 1)) ++closes;
          CHECK(opens == closes);
          if (nl == std::string::npos) break;
          line_start = nl + 1;
        }
      }
    }
}

TEST_CASE("info strings: mdBook's commas, Pandoc's braces, line numbers", "[highlight]") {
  CodeInfo a = parse_code_info("rust,ignore,does_not_compile");
  CHECK(a.language == "rust");
  CHECK(a.others == std::vector<std::string>{"ignore", "does_not_compile"});
  CHECK_FALSE(a.numbered);
  CodeInfo b = parse_code_info("{.Python .numberLines startFrom=3}");
  CHECK(b.language == "python");
  CHECK(b.numbered);
  CHECK(b.others == std::vector<std::string>{"startFrom=3"});
  CHECK(parse_code_info("js linenums").numbered);
  CHECK(parse_code_info("").language.empty());
  CHECK(parse_code_info("title=x.py").language.empty());
  CHECK(parse_code_info("  toml  ").language == "toml");
}

TEST_CASE("code blocks: notes above, hidden Rust lines dropped, plain when unknown", "[highlight]") {
  UiStrings ui;
  ui.code_does_not_compile = "This code does not compile.";
  ui.code_panics = "This code panics.";
  std::string out, shown;
  code_block_html(parse_code_info("rust,does_not_compile"), "# fn main() {\nlet x = 1;\n## not hidden\n#\n# }\n", ui,
                  out, &shown);
  CHECK(out ==
        "<p class=\"code-note code-note-does_not_compile\">This code does not compile.</p>\n"
        "<pre><code class=\"language-rust\"><span class=\"hl-k\">let</span> x = <span class=\"hl-n\">1</span>;\n"
        "# not hidden\n</code></pre>\n");
  CHECK(shown == "let x = 1;\n# not hidden\n");
  out.clear();
  code_block_html(parse_code_info("text linenums"), "a < b\n", ui, out, &shown);
  CHECK(out == "<pre class=\"numbered\"><code class=\"language-text\"><span class=\"line\">a &lt; b</span>\n</code></pre>\n");
  out.clear();
  code_block_html(parse_code_info("python"), "# a comment, not hidden\n", ui, out, nullptr);
  CHECK(out == "<pre><code class=\"language-python\"><span class=\"hl-c\"># a comment, not hidden</span>\n</code></pre>\n");
  out.clear();
  code_block_html(parse_code_info(""), "x\n", ui, out, nullptr);
  CHECK(out == "<pre><code>x\n</code></pre>\n");
}
