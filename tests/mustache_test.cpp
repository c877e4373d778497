// Tests for the Mustache engine: the official spec suites (mustache/spec, specs/*.yml: v1.3 plus
// the later 1.4.x additions) as data, then errors, limits, escaping, threads and the CLI command.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include <unistd.h>

#include "commands.h"
#include "mustache.h"
#include "test_util.h"

using annalist::compile_mustache;
using annalist::Diagnostic;
using annalist::Diagnostics;
using annalist::MustacheLimits;
using annalist::MustacheMode;
using annalist::MustacheSet;
using annalist::PartialLoader;
using json = nlohmann::json;

using namespace annalist::test;

namespace {

/// One spec case: template, data (JSON text), partials, expected output, errors it must report.
struct SpecCase {
  const char* name;
  const char* tmpl;
  const char* data;
  std::vector<std::pair<std::string, std::string>> partials;
  const char* expected;
};

PartialLoader map_loader(std::map<std::string, std::string> m) {
  return [m = std::move(m)](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
    auto it = m.find(name);
    if (it == m.end()) return std::nullopt;
    return std::make_pair(it->second, name + ".mustache");
  };
}

std::string render(const std::string& tmpl, const json& data, std::map<std::string, std::string> partials,
                   Diagnostics& d, MustacheLimits limits = {}, MustacheMode mode = MustacheMode::kStrict) {
  MustacheSet set(map_loader(std::move(partials)), limits, mode);
  auto t = compile_mustache(tmpl, "t.mustache", d);
  std::string out;
  if (t) set.render(*t, data, out, d);
  return out;
}

std::string render(const std::string& tmpl, const json& data = json::object()) {
  Diagnostics d;
  std::string out = render(tmpl, data, {}, d);
  CHECK(d.items().empty());
  return out;
}

size_t run_suite(const std::vector<SpecCase>& cases) {
  size_t passed = 0;
  for (const auto& c : cases) {
    INFO("spec case: " << c.name << "\ntemplate: " << c.tmpl);
    std::map<std::string, std::string> partials(c.partials.begin(), c.partials.end());
    Diagnostics d;
    std::string out = render(c.tmpl, json::parse(c.data), partials, d, {}, MustacheMode::kSpec);
    CHECK(out == c.expected);
    CHECK(d.items().empty());
    if (out == c.expected && d.items().empty()) ++passed;
  }
  return passed;
}

const std::vector<SpecCase> kComments = {
    {"Inline", "12345{{! Comment Block! }}67890", "{}", {}, "1234567890"},
    {"Multiline", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", "{}", {}, "1234567890\n"},
    {"Standalone", "Begin.\n{{! Comment Block! }}\nEnd.\n", "{}", {}, "Begin.\nEnd.\n"},
    {"Indented Standalone", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", "{}", {}, "Begin.\nEnd.\n"},
    {"Standalone Line Endings", "|\r\n{{! Standalone Comment }}\r\n|", "{}", {}, "|\r\n|"},
    {"Standalone Without Previous Line", "  {{! I'm Still Standalone }}\n!", "{}", {}, "!"},
    {"Standalone Without Newline", "!\n  {{! I'm Still Standalone }}", "{}", {}, "!\n"},
    {"Multiline Standalone", "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", "{}", {}, "Begin.\nEnd.\n"},
    {"Indented Multiline Standalone", "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", "{}", {},
     "Begin.\nEnd.\n"},
    {"Indented Inline", "  12 {{! 34 }}\n", "{}", {}, "  12 \n"},
    {"Surrounding Whitespace", "12345 {{! Comment Block! }} 67890", "{}", {}, "12345  67890"},
    {"Variable Name Collision", "comments never show: >{{! comment }}<",
     R"({"! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4})", {}, "comments never show: ><"},
};

const std::vector<SpecCase> kInterpolation = {
    {"No Interpolation", "Hello from {Mustache}!\n", "{}", {}, "Hello from {Mustache}!\n"},
    {"Basic Interpolation", "Hello, {{subject}}!\n", R"({"subject": "world"})", {}, "Hello, world!\n"},
    {"No Re-interpolation", "{{template}}: {{planet}}", R"({"template": "{{planet}}", "planet": "Earth"})", {},
     "{{planet}}: Earth"},
    {"HTML Escaping", "These characters should be HTML escaped: {{forbidden}}\n", R"({"forbidden": "& \" < >"})",
     {}, "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"},
    {"Triple Mustache", "These characters should not be HTML escaped: {{{forbidden}}}\n",
     R"({"forbidden": "& \" < >"})", {}, "These characters should not be HTML escaped: & \" < >\n"},
    {"Ampersand", "These characters should not be HTML escaped: {{&forbidden}}\n", R"({"forbidden": "& \" < >"})",
     {}, "These characters should not be HTML escaped: & \" < >\n"},
    {"Basic Integer Interpolation", "\"{{mph}} miles an hour!\"", R"({"mph": 85})", {}, "\"85 miles an hour!\""},
    {"Triple Mustache Integer Interpolation", "\"{{{mph}}} miles an hour!\"", R"({"mph": 85})", {},
     "\"85 miles an hour!\""},
    {"Ampersand Integer Interpolation", "\"{{&mph}} miles an hour!\"", R"({"mph": 85})", {},
     "\"85 miles an hour!\""},
    {"Basic Decimal Interpolation", "\"{{power}} jiggawatts!\"", R"({"power": 1.210})", {},
     "\"1.21 jiggawatts!\""},
    {"Triple Mustache Decimal Interpolation", "\"{{{power}}} jiggawatts!\"", R"({"power": 1.210})", {},
     "\"1.21 jiggawatts!\""},
    {"Ampersand Decimal Interpolation", "\"{{&power}} jiggawatts!\"", R"({"power": 1.210})", {},
     "\"1.21 jiggawatts!\""},
    {"Basic Null Interpolation", "I ({{cannot}}) be seen!", R"({"cannot": null})", {}, "I () be seen!"},
    {"Triple Mustache Null Interpolation", "I ({{{cannot}}}) be seen!", R"({"cannot": null})", {},
     "I () be seen!"},
    {"Ampersand Null Interpolation", "I ({{&cannot}}) be seen!", R"({"cannot": null})", {}, "I () be seen!"},
    {"Basic Context Miss Interpolation", "I ({{cannot}}) be seen!", "{}", {}, "I () be seen!"},
    {"Triple Mustache Context Miss Interpolation", "I ({{{cannot}}}) be seen!", "{}", {}, "I () be seen!"},
    {"Ampersand Context Miss Interpolation", "I ({{&cannot}}) be seen!", "{}", {}, "I () be seen!"},
    {"Dotted Names - Basic Interpolation", "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"",
     R"({"person": {"name": "Joe"}})", {}, "\"Joe\" == \"Joe\""},
    {"Dotted Names - Triple Mustache Interpolation", "\"{{{person.name}}}\" == \"{{#person}}{{{name}}}{{/person}}\"",
     R"({"person": {"name": "Joe"}})", {}, "\"Joe\" == \"Joe\""},
    {"Dotted Names - Ampersand Interpolation", "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"",
     R"({"person": {"name": "Joe"}})", {}, "\"Joe\" == \"Joe\""},
    {"Dotted Names - Arbitrary Depth", "\"{{a.b.c.d.e.name}}\" == \"Phil\"",
     R"({"a": {"b": {"c": {"d": {"e": {"name": "Phil"}}}}}})", {}, "\"Phil\" == \"Phil\""},
    {"Dotted Names - Broken Chains", "\"{{a.b.c}}\" == \"\"", R"({"a": {}})", {}, "\"\" == \"\""},
    {"Dotted Names - Broken Chain Resolution", "\"{{a.b.c.name}}\" == \"\"",
     R"({"a": {"b": {}}, "c": {"name": "Jim"}})", {}, "\"\" == \"\""},
    {"Dotted Names - Initial Resolution", "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"",
     R"({"a": {"b": {"c": {"d": {"e": {"name": "Phil"}}}}}, "b": {"c": {"d": {"e": {"name": "Wrong"}}}}})", {},
     "\"Phil\" == \"Phil\""},
    {"Dotted Names - Context Precedence", "{{#a}}{{b.c}}{{/a}}", R"({"a": {"b": {}}, "b": {"c": "ERROR"}})", {},
     ""},
    {"Dotted Names are never single keys", "{{a.b}}", R"({"a.b": "c"})", {}, ""},
    {"Dotted Names - No Masking", "{{a.b}}", R"({"a.b": "c", "a": {"b": "d"}})", {}, "d"},
    {"Implicit Iterators - Basic Interpolation", "Hello, {{.}}!\n", R"("world")", {}, "Hello, world!\n"},
    {"Implicit Iterators - HTML Escaping", "These characters should be HTML escaped: {{.}}\n", R"("& \" < >")", {},
     "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"},
    {"Implicit Iterators - Triple Mustache", "These characters should not be HTML escaped: {{{.}}}\n",
     R"("& \" < >")", {}, "These characters should not be HTML escaped: & \" < >\n"},
    {"Implicit Iterators - Ampersand", "These characters should not be HTML escaped: {{&.}}\n", R"("& \" < >")",
     {}, "These characters should not be HTML escaped: & \" < >\n"},
    {"Implicit Iterators - Basic Integer Interpolation", "\"{{.}} miles an hour!\"", "85", {},
     "\"85 miles an hour!\""},
    {"Interpolation - Surrounding Whitespace", "| {{string}} |", R"({"string": "---"})", {}, "| --- |"},
    {"Triple Mustache - Surrounding Whitespace", "| {{{string}}} |", R"({"string": "---"})", {}, "| --- |"},
    {"Ampersand - Surrounding Whitespace", "| {{&string}} |", R"({"string": "---"})", {}, "| --- |"},
    {"Interpolation - Standalone", "  {{string}}\n", R"({"string": "---"})", {}, "  ---\n"},
    {"Triple Mustache - Standalone", "  {{{string}}}\n", R"({"string": "---"})", {}, "  ---\n"},
    {"Ampersand - Standalone", "  {{&string}}\n", R"({"string": "---"})", {}, "  ---\n"},
    {"Interpolation With Padding", "|{{ string }}|", R"({"string": "---"})", {}, "|---|"},
    {"Triple Mustache With Padding", "|{{{ string }}}|", R"({"string": "---"})", {}, "|---|"},
    {"Ampersand With Padding", "|{{& string }}|", R"({"string": "---"})", {}, "|---|"},
};

const std::vector<SpecCase> kSections = {
    {"Truthy", "\"{{#boolean}}This should be rendered.{{/boolean}}\"", R"({"boolean": true})", {},
     "\"This should be rendered.\""},
    {"Falsey", "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", R"({"boolean": false})", {}, "\"\""},
    {"Null is falsey", "\"{{#null}}This should not be rendered.{{/null}}\"", R"({"null": null})", {}, "\"\""},
    {"Context", "\"{{#context}}Hi {{name}}.{{/context}}\"", R"({"context": {"name": "Joe"}})", {}, "\"Hi Joe.\""},
    {"Parent contexts", "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"",
     R"({"a": "foo", "b": "wrong", "sec": {"b": "bar"}, "c": {"d": "baz"}})", {}, "\"foo, bar, baz\""},
    {"Variable test", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", R"({"foo": "bar"})", {}, "\"bar is bar\""},
    {"List Contexts",
     "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}"
     "{{/middles}}{{/tops}}",
     R"({"tops": [{"tname": {"upper": "A", "lower": "a"},
                   "middles": [{"mname": "1", "bottoms": [{"bname": "x"}, {"bname": "y"}]}]}]})",
     {}, "a1.A1x.A1y."},
    {"Deeply Nested Contexts",
     "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n"
     "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n"
     "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
     "{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}\n"
     "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n{{/five}}\n"
     "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{/d}}\n"
     "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n{{one}}{{two}}{{one}}\n{{/b}}\n{{one}}\n{{/a}}\n",
     R"({"a": {"one": 1}, "b": {"two": 2}, "c": {"three": 3, "d": {"four": 4, "five": 5}}})", {},
     "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n1\n"},
    {"List", "\"{{#list}}{{item}}{{/list}}\"", R"({"list": [{"item": 1}, {"item": 2}, {"item": 3}]})", {},
     "\"123\""},
    {"Empty List", "\"{{#list}}Yay lists!{{/list}}\"", R"({"list": []})", {}, "\"\""},
    {"Doubled", "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
     R"({"bool": true, "two": "second"})", {}, "* first\n* second\n* third\n"},
    {"Nested (Truthy)", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": true})", {},
     "| A B C D E |"},
    {"Nested (Falsey)", "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": false})", {}, "| A  E |"},
    {"Context Misses", "[{{#missing}}Found key 'missing'!{{/missing}}]", "{}", {}, "[]"},
    {"Implicit Iterator - String", "\"{{#list}}({{.}}){{/list}}\"", R"({"list": ["a", "b", "c", "d", "e"]})", {},
     "\"(a)(b)(c)(d)(e)\""},
    {"Implicit Iterator - Integer", "\"{{#list}}({{.}}){{/list}}\"", R"({"list": [1, 2, 3, 4, 5]})", {},
     "\"(1)(2)(3)(4)(5)\""},
    {"Implicit Iterator - Decimal", "\"{{#list}}({{.}}){{/list}}\"", R"({"list": [1.10, 2.20, 3.30, 4.40, 5.50]})",
     {}, "\"(1.1)(2.2)(3.3)(4.4)(5.5)\""},
    {"Implicit Iterator - Array", "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"",
     R"({"list": [[1, 2, 3], ["a", "b", "c"]]})", {}, "\"(123)(abc)\""},
    {"Implicit Iterator - HTML Escaping", "\"{{#list}}({{.}}){{/list}}\"", R"({"list": ["&", "\"", "<", ">"]})", {},
     "\"(&amp;)(&quot;)(&lt;)(&gt;)\""},
    {"Implicit Iterator - Triple mustache", "\"{{#list}}({{{.}}}){{/list}}\"",
     R"({"list": ["&", "\"", "<", ">"]})", {}, "\"(&)(\")(<)(>)\""},
    {"Implicit Iterator - Ampersand", "\"{{#list}}({{&.}}){{/list}}\"", R"({"list": ["&", "\"", "<", ">"]})", {},
     "\"(&)(\")(<)(>)\""},
    {"Implicit Iterator - Root-level", "\"{{#.}}({{value}}){{/.}}\"", R"([{"value": "a"}, {"value": "b"}])", {},
     "\"(a)(b)\""},
    {"Dotted Names - Truthy", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"", R"({"a": {"b": {"c": true}}})", {},
     "\"Here\" == \"Here\""},
    {"Dotted Names - Falsey", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", R"({"a": {"b": {"c": false}}})", {},
     "\"\" == \"\""},
    {"Dotted Names - Broken Chains", "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", R"({"a": {}})", {}, "\"\" == \"\""},
    {"Surrounding Whitespace", " | {{#boolean}}\t|\t{{/boolean}} | \n", R"({"boolean": true})", {},
     " | \t|\t | \n"},
    {"Internal Whitespace", " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
     R"({"boolean": true})", {}, " |  \n  | \n"},
    {"Indented Inline Sections", " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
     R"({"boolean": true})", {}, " YES\n GOOD\n"},
    {"Standalone Lines", "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", R"({"boolean": true})", {},
     "| This Is\n|\n| A Line\n"},
    {"Indented Standalone Lines", "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", R"({"boolean": true})",
     {}, "| This Is\n|\n| A Line\n"},
    {"Standalone Line Endings", "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", R"({"boolean": true})", {}, "|\r\n|"},
    {"Standalone Without Previous Line", "  {{#boolean}}\n#{{/boolean}}\n/", R"({"boolean": true})", {}, "#\n/"},
    {"Standalone Without Newline", "#{{#boolean}}\n/\n  {{/boolean}}", R"({"boolean": true})", {}, "#\n/\n"},
    {"Padding", "|{{# boolean }}={{/ boolean }}|", R"({"boolean": true})", {}, "|=|"},
};

const std::vector<SpecCase> kInverted = {
    {"Falsey", "\"{{^boolean}}This should be rendered.{{/boolean}}\"", R"({"boolean": false})", {},
     "\"This should be rendered.\""},
    {"Truthy", "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", R"({"boolean": true})", {}, "\"\""},
    {"Null is falsey", "\"{{^null}}This should be rendered.{{/null}}\"", R"({"null": null})", {},
     "\"This should be rendered.\""},
    {"Context", "\"{{^context}}Hi {{name}}.{{/context}}\"", R"({"context": {"name": "Joe"}})", {}, "\"\""},
    {"List", "\"{{^list}}{{n}}{{/list}}\"", R"({"list": [{"n": 1}, {"n": 2}, {"n": 3}]})", {}, "\"\""},
    {"Empty List", "\"{{^list}}Yay lists!{{/list}}\"", R"({"list": []})", {}, "\"Yay lists!\""},
    {"Doubled", "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n",
     R"({"bool": false, "two": "second"})", {}, "* first\n* second\n* third\n"},
    {"Nested (Falsey)", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": false})", {},
     "| A B C D E |"},
    {"Nested (Truthy)", "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", R"({"bool": true})", {}, "| A  E |"},
    {"Context Misses", "[{{^missing}}Cannot find key 'missing'!{{/missing}}]", "{}", {},
     "[Cannot find key 'missing'!]"},
    {"Dotted Names - Truthy", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", R"({"a": {"b": {"c": true}}})", {},
     "\"\" == \"\""},
    {"Dotted Names - Falsey", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", R"({"a": {"b": {"c": false}}})",
     {}, "\"Not Here\" == \"Not Here\""},
    {"Dotted Names - Broken Chains", "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", R"({"a": {}})", {},
     "\"Not Here\" == \"Not Here\""},
    {"Surrounding Whitespace", " | {{^boolean}}\t|\t{{/boolean}} | \n", R"({"boolean": false})", {},
     " | \t|\t | \n"},
    {"Internal Whitespace", " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
     R"({"boolean": false})", {}, " |  \n  | \n"},
    {"Indented Inline Sections", " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
     R"({"boolean": false})", {}, " NO\n WAY\n"},
    {"Standalone Lines", "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", R"({"boolean": false})", {},
     "| This Is\n|\n| A Line\n"},
    {"Standalone Indented Lines", "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
     R"({"boolean": false})", {}, "| This Is\n|\n| A Line\n"},
    {"Standalone Line Endings", "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|", R"({"boolean": false})", {}, "|\r\n|"},
    {"Standalone Without Previous Line", "  {{^boolean}}\n^{{/boolean}}\n/", R"({"boolean": false})", {}, "^\n/"},
    {"Standalone Without Newline", "^{{^boolean}}\n/\n  {{/boolean}}", R"({"boolean": false})", {}, "^\n/\n"},
    {"Padding", "|{{^ boolean }}={{/ boolean }}|", R"({"boolean": false})", {}, "|=|"},
};

const std::vector<SpecCase> kPartials = {
    {"Basic Behavior", "\"{{>text}}\"", "{}", {{"text", "from partial"}}, "\"from partial\""},
    {"Failed Lookup", "\"{{>text}}\"", "{}", {}, "\"\""},
    {"Context", "\"{{>partial}}\"", R"({"text": "content"})", {{"partial", "*{{text}}*"}}, "\"*content*\""},
    {"Recursion", "{{>node}}", R"({"content": "X", "nodes": [{"content": "Y", "nodes": []}]})",
     {{"node", "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"}}, "X<Y<>>"},
    {"Nested", "{{>outer}}", R"({"a": "hello", "b": "world"})",
     {{"outer", "*{{a}} {{>inner}}*"}, {"inner", "{{b}}!"}}, "*hello world!*"},
    {"Surrounding Whitespace", "| {{>partial}} |", "{}", {{"partial", "\t|\t"}}, "| \t|\t |"},
    {"Inline Indentation", "  {{data}}  {{> partial}}\n", R"({"data": "|"})", {{"partial", ">\n>"}},
     "  |  >\n>\n"},
    {"Standalone Line Endings", "|\r\n{{>partial}}\r\n|", "{}", {{"partial", ">"}}, "|\r\n>|"},
    {"Standalone Without Previous Line", "  {{>partial}}\n>", "{}", {{"partial", ">\n>"}}, "  >\n  >>"},
    {"Standalone Without Newline", ">\n  {{>partial}}", "{}", {{"partial", ">\n>"}}, ">\n  >\n  >"},
    {"Standalone Indentation", "\\\n {{>partial}}\n/\n", R"({"content": "<\n->"})",
     {{"partial", "|\n{{{content}}}\n|\n"}}, "\\\n |\n <\n->\n |\n/\n"},
    {"Padding Whitespace", "|{{> partial }}|", R"({"boolean": true})", {{"partial", "[]"}}, "|[]|"},
};

const std::vector<SpecCase> kDelimiters = {
    {"Pair Behavior", "{{=<% %>=}}(<%text%>)", R"({"text": "Hey!"})", {}, "(Hey!)"},
    {"Special Characters", "({{=[ ]=}}[text])", R"({"text": "It worked!"})", {}, "(It worked!)"},
    {"Sections",
     "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n"
     "|/section|\n]\n",
     R"({"section": true, "data": "I got interpolated."})", {},
     "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"},
    {"Inverted Sections",
     "[\n{{^section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|^section|\n  {{data}}\n  |data|\n"
     "|/section|\n]\n",
     R"({"section": false, "data": "I got interpolated."})", {},
     "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n"},
    {"Partial Inheritence", "[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", R"({"value": "yes"})",
     {{"include", ".{{value}}."}}, "[ .yes. ]\n[ .yes. ]\n"},
    {"Post-Partial Behavior", "[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", R"({"value": "yes"})",
     {{"include", ".{{value}}. {{= | | =}} .|value|."}}, "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n"},
    {"Surrounding Whitespace", "| {{=@ @=}} |", "{}", {}, "|  |"},
    {"Outlying Whitespace (Inline)", " | {{=@ @=}}\n", "{}", {}, " | \n"},
    {"Standalone Tag", "Begin.\n{{=@ @=}}\nEnd.\n", "{}", {}, "Begin.\nEnd.\n"},
    {"Indented Standalone Tag", "Begin.\n  {{=@ @=}}\nEnd.\n", "{}", {}, "Begin.\nEnd.\n"},
    {"Standalone Line Endings", "|\r\n{{= @ @ =}}\r\n|", "{}", {}, "|\r\n|"},
    {"Standalone Without Previous Line", "  {{=@ @=}}\n=", "{}", {}, "="},
    {"Standalone Without Newline", "=\n  {{=@ @=}}", "{}", {}, "=\n"},
    {"Pair with Padding", "|{{= @   @ =}}|", "{}", {}, "||"},
};

const std::vector<SpecCase> kInheritance = {
    {"Default", "{{$title}}Default title{{/title}}\n", "{}", {}, "Default title\n"},
    {"Variable", "{{$foo}}default {{bar}} content{{/foo}}\n", R"({"bar": "baz"})", {}, "default baz content\n"},
    {"Triple Mustache", "{{$foo}}default {{{bar}}} content{{/foo}}\n", R"({"bar": "<baz>"})", {},
     "default <baz> content\n"},
    {"Sections", "{{$foo}}default {{#bar}}{{baz}}{{/bar}} content{{/foo}}\n", R"({"bar": {"baz": "qux"}})", {},
     "default qux content\n"},
    {"Negative Sections", "{{$foo}}default {{^bar}}{{baz}}{{/bar}} content{{/foo}}\n", R"({"baz": "three"})", {},
     "default three content\n"},
    {"Mustache Injection", "{{$foo}}default {{#bar}}{{baz}}{{/bar}} content{{/foo}}\n",
     R"({"bar": {"baz": "{{qux}}"}})", {}, "default {{qux}} content\n"},
    {"Inherit", "{{<include}}{{/include}}\n", "{}", {{"include", "{{$foo}}default content{{/foo}}"}},
     "default content"},
    {"Overridden content", "{{<super}}{{$title}}sub template title{{/title}}{{/super}}", "{}",
     {{"super", "...{{$title}}Default title{{/title}}..."}}, "...sub template title..."},
    {"Data does not override block", "{{<include}}{{$var}}var in template{{/var}}{{/include}}",
     R"({"var": "var in data"})", {{"include", "{{$var}}var in include{{/var}}"}}, "var in template"},
    {"Data does not override block default", "{{<include}}{{/include}}", R"({"var": "var in data"})",
     {{"include", "{{$var}}var in include{{/var}}"}}, "var in include"},
    {"Overridden parent", "test {{<parent}}{{$stuff}}override{{/stuff}}{{/parent}}", "{}",
     {{"parent", "{{$stuff}}...{{/stuff}}"}}, "test override"},
    {"Two overridden parents",
     "test {{<parent}}{{$stuff}}override1{{/stuff}}{{/parent}} {{<parent}}{{$stuff}}override2{{/stuff}}{{/parent}}\n",
     "{}", {{"parent", "|{{$stuff}}...{{/stuff}}{{$default}} default{{/default}}|"}},
     "test |override1 default| |override2 default|\n"},
    {"Override parent with newlines", "{{<parent}}{{$ballmer}}\npeaked\n\n:(\n{{/ballmer}}{{/parent}}", "{}",
     {{"parent", "{{$ballmer}}peaking{{/ballmer}}"}}, "peaked\n\n:(\n"},
    {"Inherit indentation", "{{<parent}}{{$nineties}}hammer time{{/nineties}}{{/parent}}", "{}",
     {{"parent", "stop:\n  {{$nineties}}collaborate and listen{{/nineties}}\n"}}, "stop:\n  hammer time\n"},
    {"Only one override", "{{<parent}}{{$stuff2}}override two{{/stuff2}}{{/parent}}", "{}",
     {{"parent", "{{$stuff}}new default one{{/stuff}}, {{$stuff2}}new default two{{/stuff2}}"}},
     "new default one, override two"},
    {"Parent template", "{{>parent}}|{{<parent}}{{/parent}}", "{}", {{"parent", "{{$foo}}default content{{/foo}}"}},
     "default content|default content"},
    {"Recursion", "{{<parent}}{{$foo}}override{{/foo}}{{/parent}}", "{}",
     {{"parent", "{{$foo}}default content{{/foo}} {{$bar}}{{<parent2}}{{/parent2}}{{/bar}}"},
      {"parent2", "{{$foo}}parent2 default content{{/foo}} {{<parent}}{{$bar}}don't recurse{{/bar}}{{/parent}}"}},
     "override override override don't recurse"},
    {"Multi-level inheritance", "{{<parent}}{{$a}}c{{/a}}{{/parent}}", "{}",
     {{"parent", "{{<older}}{{$a}}p{{/a}}{{/older}}"},
      {"older", "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}"},
      {"grandParent", "{{$a}}g{{/a}}"}},
     "c"},
    {"Multi-level inheritance, no sub child", "{{<parent}}{{/parent}}", "{}",
     {{"parent", "{{<older}}{{$a}}p{{/a}}{{/older}}"},
      {"older", "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}"},
      {"grandParent", "{{$a}}g{{/a}}"}},
     "p"},
    {"Text inside parent", "{{<parent}} asdfasd {{$foo}}hmm{{/foo}} asdfasdfasdf {{/parent}}", "{}",
     {{"parent", "{{$foo}}default content{{/foo}}"}}, "hmm"},
    {"Text inside parent (no block)", "{{<parent}} asdfasd asdfasdfasdf {{/parent}}", "{}",
     {{"parent", "{{$foo}}default content{{/foo}}"}}, "default content"},
    {"Block scope", "{{<parent}}{{$block}}I say {{fruit}}.{{/block}}{{/parent}}",
     R"({"fruit": "apples", "nested": {"fruit": "bananas"}})",
     {{"parent", "{{#nested}}{{$block}}You say {{fruit}}.{{/block}}{{/nested}}"}}, "I say bananas."},
    {"Standalone parent", "Hi,\n  {{<parent}}{{/parent}}\n", "{}", {{"parent", "one\ntwo\n"}},
     "Hi,\n  one\n  two\n"},
    {"Standalone block", "{{<parent}}{{$block}}\none\ntwo{{/block}}\n{{/parent}}\n", "{}",
     {{"parent", "Hi,\n  {{$block}}{{/block}}\n"}}, "Hi,\n  one\n  two\n"},
    {"Block reindentation", "{{<parent}}{{$block}}\n    one\n    two\n{{/block}}{{/parent}}\n", "{}",
     {{"parent", "Hi,\n  {{$block}}\n  {{/block}}\n"}}, "Hi,\n  one\n  two\n"},
    {"Intrinsic indentation", "{{<parent}}{{$block}}\none\ntwo\n{{/block}}{{/parent}}\n", "{}",
     {{"parent", "Hi,\n{{$block}}\n  default\n{{/block}}\n"}}, "Hi,\n  one\n  two\n"},
    {"Nested block reindentation", "{{<parent}}{{$nested}}\nthree\n{{/nested}}{{/parent}}\n", "{}",
     {{"parent", "{{<grandparent}}{{$block}}\n  one\n  {{$nested}}\n    two\n  {{/nested}}\n{{/block}}{{/grandparent}}\n"},
      {"grandparent", "{{$block}}default{{/block}}"}},
     "one\n  three\n"},
};

const std::vector<SpecCase> kDynamicNames = {
    {"Basic Behavior - Partial", "\"{{>*dynamic}}\"", R"({"dynamic": "content"})", {{"content", "Hello, world!"}},
     "\"Hello, world!\""},
    {"Basic Behavior - Name Resolution", "\"{{>*dynamic}}\"", R"({"dynamic": "content", "*dynamic": "wrong"})",
     {{"content", "Hello, world!"}, {"wrong", "Invisible"}}, "\"Hello, world!\""},
    {"Context Misses - Partial", "\"{{>*missing}}\"", "{}", {{"missing", "Hello, world!"}}, "\"\""},
    {"Failed Lookup - Partial", "\"{{>*dynamic}}\"", R"({"dynamic": "content"})", {{"foobar", "Hello, world!"}},
     "\"\""},
    {"Context", "\"{{>*example}}\"", R"({"text": "Hello, world!", "example": "partial"})",
     {{"partial", "*{{text}}*"}}, "\"*Hello, world!*\""},
    {"Dotted Names", "\"{{>*foo.bar.baz}}\"", R"({"text": "Hello, world!", "foo": {"bar": {"baz": "partial"}}})",
     {{"partial", "*{{text}}*"}}, "\"*Hello, world!*\""},
    {"Dotted Names - Operator Precedence", "\"{{>*foo.bar.baz}}\"",
     R"({"text": "Hello, world!", "foo": "test", "test": {"bar": {"baz": "partial"}}})",
     {{"partial", "*{{text}}*"}}, "\"\""},
    {"Dotted Names - Failed Lookup", "\"{{>*foo.bar.baz}}\"",
     R"({"foo": {"text": "Hello, world!", "bar": {"baz": "partial"}}})", {{"partial", "*{{text}}*"}}, "\"**\""},
    {"Dotted names - Context Stacking", "{{#section1}}{{>*section2.dynamic}}{{/section1}}",
     R"({"section1": {"value": "section1"}, "section2": {"dynamic": "partial", "value": "section2"}})",
     {{"partial", "\"{{value}}\""}}, "\"section1\""},
    {"Dotted names - Context Stacking Under Repetition", "{{#section1}}{{>*section2.dynamic}}{{/section1}}",
     R"({"value": "test", "section1": [1, 2], "section2": {"dynamic": "partial", "value": "section2"}})",
     {{"partial", "{{value}}"}}, "testtest"},
    {"Dotted names - Context Stacking Failed Lookup", "{{#section1}}{{>*section2.dynamic}}{{/section1}}",
     R"({"section1": [1, 2], "section2": {"dynamic": "partial", "value": "section2"}})",
     {{"partial", "\"{{value}}\""}}, "\"\"\"\""},
    {"Recursion", "{{>*template}}",
     R"({"template": "node", "content": "X", "nodes": [{"content": "Y", "nodes": []}]})",
     {{"node", "{{content}}<{{#nodes}}{{>*template}}{{/nodes}}>"}}, "X<Y<>>"},
    {"Dynamic Names - Double Dereferencing", "\"{{>**dynamic}}\"", R"({"dynamic": "test", "test": "content"})",
     {{"content", "Hello, world!"}}, "\"\""},
    {"Dynamic Names - Composed Dereferencing", "\"{{>*foo.*bar}}\"",
     R"({"foo": "fizz", "bar": "buzz", "fizz": {"buzz": {"content": null}}})", {{"content", "Hello, world!"}},
     "\"\""},
    {"Surrounding Whitespace", "| {{>*partial}} |", R"({"partial": "foobar"})", {{"foobar", "\t|\t"}},
     "| \t|\t |"},
    {"Inline Indentation", "  {{data}}  {{>*dynamic}}\n", R"({"dynamic": "partial", "data": "|"})",
     {{"partial", ">\n>"}}, "  |  >\n>\n"},
    {"Standalone Line Endings", "|\r\n{{>*dynamic}}\r\n|", R"({"dynamic": "partial"})", {{"partial", ">"}},
     "|\r\n>|"},
    {"Standalone Without Previous Line", "  {{>*dynamic}}\n>", R"({"dynamic": "partial"})", {{"partial", ">\n>"}},
     "  >\n  >>"},
    {"Standalone Without Newline", ">\n  {{>*dynamic}}", R"({"dynamic": "partial"})", {{"partial", ">\n>"}},
     ">\n  >\n  >"},
    {"Standalone Indentation", "\\\n {{>*dynamic}}\n/\n", R"({"dynamic": "partial", "content": "<\n->"})",
     {{"partial", "|\n{{{content}}}\n|\n"}}, "\\\n |\n <\n->\n |\n/\n"},
    {"Padding Whitespace", "|{{> * dynamic }}|", R"({"dynamic": "partial", "boolean": true})",
     {{"partial", "[]"}}, "|[]|"},
};

}  // namespace

// --- the spec suites -----------------------------------------------------------------------

TEST_CASE("spec: every case of every suite", "[mustache]") {
  struct Suite {
    const char* name;
    const std::vector<SpecCase>& cases;
    size_t size;  // the cases the suite has upstream
  };
  const Suite suites[] = {{"comments", kComments, 12},         {"interpolation", kInterpolation, 42},
                          {"sections", kSections, 34},         {"inverted", kInverted, 22},
                          {"partials", kPartials, 12},         {"delimiters", kDelimiters, 14},
                          {"~inheritance", kInheritance, 27}, {"~dynamic-names (partials)", kDynamicNames, 21}};
  for (const auto& suite : suites) {
    DYNAMIC_SECTION(suite.name) {
      REQUIRE(suite.cases.size() == suite.size);
      CHECK(run_suite(suite.cases) == suite.size);
    }
  }
}

// --- syntax errors: exact position, message and hint ---------------------------------------

TEST_CASE("unclosed section is reported at its opening tag", "[mustache]") {
  Diagnostics d;
  CHECK(compile_mustache("a\nb\n    {{#items}}\nx\n", "page.mustache", d) == nullptr);
  auto e = only_diagnostic(d);
  CHECK(e.severity == annalist::Severity::kError);
  CHECK(e.pos.file == "page.mustache");
  CHECK(e.pos.line == 3);
  CHECK(e.pos.col == 5);
  CHECK(e.message == "unclosed section 'items'");
  CHECK(e.hint == "add {{/items}}");
  CHECK(annalist::format_diagnostic(e) == "page.mustache:3:5: error: unclosed section 'items'\n  hint: add {{/items}}");
}

TEST_CASE("mismatched closing tag is reported at the close, naming the open section", "[mustache]") {
  Diagnostics d;
  CHECK(compile_mustache("{{#a}}\n  x {{/b}}\n", "t.mustache", d) == nullptr);
  auto e = only_diagnostic(d);
  CHECK(e.pos.line == 2);
  CHECK(e.pos.col == 5);
  CHECK(e.message == "closing tag 'b' does not match open section 'a'");
  CHECK(e.hint == "section 'a' was opened at 1:1; close it with {{/a}}");
}

TEST_CASE("closing an outer section early is one error, not a cascade", "[mustache]") {
  Diagnostics d;
  CHECK(compile_mustache("{{#a}}{{#b}}{{/a}}", "t.mustache", d) == nullptr);
  auto e = only_diagnostic(d);
  CHECK(e.pos.col == 13);
  CHECK(e.message == "closing tag 'a' does not match open section 'b'");
}

TEST_CASE("other syntax errors", "[mustache]") {
  struct Case {
    const char* src;
    int line, col;
    const char* message;
    const char* hint;
  };
  const Case cases[] = {
      {"x\n{{/a}}", 2, 1, "closing tag 'a' has no open section", "remove it, or open the section with {{#a}}"},
      {"ab\n cd {{name", 2, 5, "unclosed tag '{{'", "add '}}' to end it"},
      {"{{{x}}", 1, 1, "unclosed tag '{{{'", "add '}}}' to end it"},
      {"x {{=<%=}}", 1, 3, "invalid set-delimiter tag '{{=<%=}}'",
       "write two delimiters separated by a space, e.g. {{=<% %>=}}"},
      {"{{=<% %>=}}\n<%#a%>", 2, 1, "unclosed section 'a'", "add <%/a%>"},
      {"{{=<% %>=}}<%x", 1, 12, "unclosed tag '<%'", "add '%>' to end it"},
      {"{{}}", 1, 1, "tag '{{}}' has no name", "write a name between the delimiters, e.g. {{title}}"},
      {"{{#}}", 1, 1, "tag '{{#}}' has no name", "write a name between the delimiters, e.g. {{title}}"},
      {"{{a b}}", 1, 1, "invalid name 'a b' in tag", "names cannot contain spaces; nested keys are written a.b"},
      {"\n{{<layout}}", 2, 1, "unclosed parent 'layout'", "add {{/layout}}"},
      {"{{$b}}x", 1, 1, "unclosed block 'b'", "add {{/b}}"},
      {"{{<p}}{{$b}}{{/p}}", 1, 13, "closing tag 'p' does not match open block 'b'",
       "block 'b' was opened at 1:7; close it with {{/b}}"},
  };
  for (const auto& c : cases) {
    INFO("template: " << c.src);
    Diagnostics d;
    CHECK(compile_mustache(c.src, "t.mustache", d) == nullptr);
    auto e = only_diagnostic(d);
    CHECK(e.pos.file == "t.mustache");
    CHECK(e.pos.line == c.line);
    CHECK(e.pos.col == c.col);
    CHECK(e.message == c.message);
    CHECK(e.hint == c.hint);
  }
}

TEST_CASE("every independent syntax error is reported", "[mustache]") {
  Diagnostics d;
  CHECK(compile_mustache("{{/x}}\n{{a b}}\n{{#y}}", "t.mustache", d) == nullptr);
  auto items = d.sorted();
  REQUIRE(items.size() == 3);
  CHECK(items[0].message == "closing tag 'x' has no open section");
  CHECK(items[1].message == "invalid name 'a b' in tag");
  CHECK(items[2].message == "unclosed section 'y'");
  CHECK(items[2].pos.line == 3);
}

TEST_CASE("nesting deeper than the compile limit is an error, not a crash", "[mustache]") {
  std::string src;
  for (int i = 0; i < 5000; ++i) src += "{{#a}}";
  for (int i = 0; i < 5000; ++i) src += "{{/a}}";
  Diagnostics d;
  CHECK(compile_mustache(src, "t.mustache", d) == nullptr);
  auto e = only_diagnostic(d);
  CHECK(e.message == "sections nested deeper than 1000 levels");
  CHECK(e.pos.col == 1000 * 6 + 1);
}

// --- render-time errors and limits ----------------------------------------------------------

TEST_CASE("a missing partial renders nothing and is an error at its tag", "[mustache]") {
  Diagnostics d;
  std::string out = render("a\n  b {{>nope}} c", json::object(), {}, d);
  CHECK(out == "a\n  b  c");
  auto e = only_diagnostic(d);
  CHECK(e.pos.file == "t.mustache");
  CHECK(e.pos.line == 2);
  CHECK(e.pos.col == 5);
  CHECK(e.message == "partial 'nope' not found");
  CHECK(e.hint == "add a template named 'nope' (nope.mustache) or fix the name");
}

TEST_CASE("a missing partial inside a loop is reported once per render", "[mustache]") {
  Diagnostics d;
  CHECK(render("{{#l}}[{{>nope}}]{{/l}}", json::parse(R"({"l": [1, 2, 3]})"), {}, d) == "[][][]");
  CHECK(d.error_count() == 1);
}

TEST_CASE("a missing parent template is an error at its tag", "[mustache]") {
  Diagnostics d;
  CHECK(render("x{{<layout}}{{$a}}1{{/a}}{{/layout}}y", json::object(), {}, d) == "xy");
  auto e = only_diagnostic(d);
  CHECK(e.pos.col == 2);
  CHECK(e.message == "parent template 'layout' not found");
}

TEST_CASE("a partial with syntax errors reports them at its own file", "[mustache]") {
  Diagnostics d;
  CHECK(render("<{{>bad}}>", json::object(), {{"bad", "ok\n{{#x}}"}}, d) == "<>");
  auto e = only_diagnostic(d);
  CHECK(e.pos.file == "bad.mustache");
  CHECK(e.pos.line == 2);
  CHECK(e.pos.col == 1);
  CHECK(e.message == "unclosed section 'x'");
}

TEST_CASE("a partial that includes itself stops at the depth limit", "[mustache]") {
  Diagnostics d;
  std::string out = render("{{>self}}", json::object(), {{"self", "x{{>self}}"}}, d);
  CHECK(out == std::string(100, 'x'));
  auto e = only_diagnostic(d);
  CHECK(e.pos.file == "self.mustache");
  CHECK(e.pos.col == 2);
  CHECK(e.message == "partials nested deeper than 100 levels at 'self'");
}

TEST_CASE("parents that include each other stop at the depth limit", "[mustache]") {
  Diagnostics d;
  render("{{<a}}{{/a}}", json::object(), {{"a", "{{<b}}{{/b}}"}, {"b", "{{<a}}{{$x}}{{/x}}{{/a}}"}}, d);
  auto e = only_diagnostic(d);
  CHECK(e.message.rfind("partials nested deeper than 100 levels", 0) == 0);
}

TEST_CASE("a block whose override contains itself stops at the depth limit", "[mustache]") {
  Diagnostics d;
  render("{{<p}}{{$b}}{{$b}}{{/b}}{{/b}}{{/p}}", json::object(), {{"p", "{{$b}}{{/b}}"}}, d);
  CHECK(only_diagnostic(d).message == "partials nested deeper than 100 levels at 'b'");
}

TEST_CASE("partials that fan out stop at the step limit", "[mustache]") {
  std::map<std::string, std::string> partials;
  for (int i = 1; i <= 12; ++i) {
    std::string body;
    for (int k = 0; k < 8; ++k) body += "{{>p" + std::to_string(i + 1) + "}}";
    partials["p" + std::to_string(i)] = body;
  }
  partials["p13"] = "x";
  MustacheLimits lim;
  lim.max_steps = 100000;
  Diagnostics d;
  render("{{>p1}}", json::object(), partials, d, lim);
  CHECK(only_diagnostic(d).message == "rendering stopped after 100000 steps");
}

TEST_CASE("output and nesting limits are errors", "[mustache]") {
  MustacheLimits lim;
  lim.max_output = 1000;
  Diagnostics d;
  json data = {{"l", json::array()}};
  for (int i = 0; i < 1000; ++i) data["l"].push_back(i);
  render("{{#l}}xxxxxxxxxx{{/l}}", data, {}, d, lim);
  CHECK(only_diagnostic(d).message == "rendering stopped: output larger than 1000 bytes");

  MustacheLimits nest;
  nest.max_nesting = 50;
  std::string src;
  for (int i = 0; i < 60; ++i) src += "{{#a}}";
  for (int i = 0; i < 60; ++i) src += "{{/a}}";
  Diagnostics d2;
  render(src, json{{"a", true}}, {}, d2, nest);
  CHECK(only_diagnostic(d2).message == "sections and partials nested deeper than 50 levels");
}

TEST_CASE("get() caches, and reports missing or broken templates", "[mustache]") {
  int loads = 0;
  MustacheSet set([&loads](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
    ++loads;
    if (name == "ok") return std::make_pair(std::string("hi {{x}}"), std::string("ok.mustache"));
    if (name == "bad") return std::make_pair(std::string("{{/x}}"), std::string("bad.mustache"));
    return std::nullopt;
  });
  Diagnostics d;
  auto a = set.get("ok", d);
  auto b = set.get("ok", d);
  REQUIRE(a);
  CHECK(a == b);
  CHECK(annalist::mustache_file(*a) == "ok.mustache");
  CHECK(d.items().empty());
  CHECK(set.get("missing", d) == nullptr);
  CHECK(only_diagnostic(d).message == "template 'missing' not found");
  Diagnostics d2;
  CHECK(set.get("bad", d2) == nullptr);
  CHECK(only_diagnostic(d2).pos.file == "bad.mustache");
  set.get("bad", d2);
  CHECK(d2.items().size() == 2);  // each failed get() says why
  CHECK(loads == 3);
}

TEST_CASE("a throwing loader is an error, not an exception", "[mustache]") {
  MustacheSet set([](const std::string&) -> std::optional<std::pair<std::string, std::string>> {
    throw std::runtime_error("disk on fire");
  });
  Diagnostics d;
  auto t = compile_mustache("a{{>p}}b", "t.mustache", d);
  REQUIRE(t);
  std::string out;
  set.render(*t, json::object(), out, d);
  CHECK(out == "ab");
  CHECK(only_diagnostic(d).message == "cannot load template 'p': disk on fire");
}

// --- values, escaping, lookups ----------------------------------------------------------------

TEST_CASE("HTML escaping of {{x}}; {{{x}}} and {{&x}} are raw", "[mustache]") {
  json data = {{"x", "<a href=\"u\">Tom & Jerry's</a>"}};
  CHECK(render("{{x}}", data) == "&lt;a href=&quot;u&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(render("{{{x}}}|{{&x}}", data) == "<a href=\"u\">Tom & Jerry's</a>|<a href=\"u\">Tom & Jerry's</a>");
}

TEST_CASE("numbers, booleans, null and containers interpolate predictably", "[mustache]") {
  json data = json::parse(
      R"({"i": -7, "u": 18446744073709551615, "f": 1.0, "g": 0.1, "h": 1e100, "t": true, "n": null,
          "o": {"a": 1}, "arr": [1, "x"]})");
  CHECK(render("{{i}} {{u}} {{f}} {{g}} {{h}} {{t}} [{{n}}] {{{o}}} {{{arr}}} {{o}}", data) ==
        "-7 18446744073709551615 1 0.1 1e+100 true [] {\"a\":1} [1,\"x\"] {&quot;a&quot;:1}");
}

TEST_CASE("truthiness: \"\" is falsey, 0 and {} are truthy", "[mustache]") {
  json data = {{"s", ""}, {"z", 0}, {"o", json::object()}, {"f", false}};
  CHECK(render("{{#s}}S{{/s}}{{^s}}!S{{/s}} {{#z}}Z{{/z}} {{#o}}O{{/o}} {{^f}}!F{{/f}}", data) == "!S Z O !F");
}

TEST_CASE("dotted names index arrays and a leading dot scopes to the top context", "[mustache]") {
  json data = json::parse(R"({"rows": [{"name": "a"}, {"name": "b"}], "name": "root", "x": {}})");
  CHECK(render("{{rows.1.name}}|{{rows.5.name}}|{{rows.x}}|{{rows.0.name.z}}", data) == "b|||");
  CHECK(render("{{#x}}[{{name}}][{{.name}}]{{/x}}", data) == "[root][]");
}

TEST_CASE("nested standalone partials add their indentation", "[mustache]") {
  Diagnostics d;
  CHECK(render("    {{>outer}}\n", json::object(), {{"outer", "a\n  {{>inner}}\nb\n"}, {"inner", "1\n2\n"}}, d) ==
        "    a\n      1\n      2\n    b\n");
  // Two partial tags share the line, so neither stands alone: both render inline.
  CHECK(render("  {{>a}}{{>a}}\n", json::object(), {{"a", "x\n"}}, d) == "  x\nx\n\n");
  // An inline partial's own lines get no indentation (the textual model of the spec).
  CHECK(render("  {{>outer}}\n", json::object(), {{"outer", "a\nx {{>inl}} y\n"}, {"inl", "1\n2"}}, d) ==
        "  a\n  x 1\n2 y\n");
  CHECK(d.items().empty());
}

TEST_CASE("a layout with blocks renders a page", "[mustache]") {
  std::map<std::string, std::string> partials = {
      {"layout",
       "<html>\n<head>\n<title>{{$title}}Site{{/title}}</title>\n</head>\n<body>\n  {{$content}}\n  <p>none</p>\n"
       "  {{/content}}\n</body>\n</html>\n"}};
  std::string page =
      "{{<layout}}\n{{$title}}{{title}} - Site{{/title}}\n{{$content}}\n<h1>{{title}}</h1>\n{{#items}}\n"
      "<p>{{.}}</p>\n{{/items}}\n{{/content}}\n{{/layout}}\n";
  Diagnostics d;
  CHECK(render(page, json{{"title", "Q3"}, {"items", {"a", "b"}}}, partials, d) ==
        "<html>\n<head>\n<title>Q3 - Site</title>\n</head>\n<body>\n  <h1>Q3</h1>\n  <p>a</p>\n  <p>b</p>\n"
        "</body>\n</html>\n");
  CHECK(render("{{<layout}}{{/layout}}", json::object(), partials, d) ==
        "<html>\n<head>\n<title>Site</title>\n</head>\n<body>\n  <p>none</p>\n</body>\n</html>\n");
  CHECK(d.items().empty());
}

TEST_CASE("an override loses its own indentation and takes the block's, partials inside too", "[mustache]") {
  std::map<std::string, std::string> partials = {{"layout", "<body>\n  {{$content}}{{/content}}\n</body>\n"},
                                                 {"inner", "a\nb\n"}};
  Diagnostics d;
  // The empty block stands alone on its line, which keeps its newline (spec: "Standalone block").
  CHECK(render("{{<layout}}\n{{$content}}\n    <div>\n      {{>inner}}\n    </div>\n{{/content}}\n{{/layout}}\n",
               json::object(), partials, d) == "<body>\n  <div>\n    a\n    b\n  </div>\n\n</body>\n");
  CHECK(d.items().empty());
}

// --- threads and robustness --------------------------------------------------------------------

TEST_CASE("one template and set render the same output from two threads", "[mustache]") {
  MustacheSet set(map_loader({{"layout", "<main>{{$body}}{{/body}}</main>{{>foot}}"}, {"foot", "<p>{{n}}</p>"}}));
  Diagnostics d;
  auto t = compile_mustache("{{<layout}}{{$body}}{{#items}}<i>{{.}}</i>{{/items}}{{/body}}{{/layout}}",
                            "page.mustache", d);
  REQUIRE(t);
  json data = {{"items", {1, 2, 3}}, {"n", "x & y"}};
  const std::string want = "<main><i>1</i><i>2</i><i>3</i></main><p>x &amp; y</p>";
  std::vector<std::string> got(2);
  auto work = [&](int k) {
    for (int i = 0; i < 300; ++i) {
      std::string out;
      set.render(*t, data, out, d);
      if (out != want) {
        got[k] = out;
        return;
      }
    }
    got[k] = want;
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  CHECK(got[0] == want);
  CHECK(got[1] == want);
  CHECK(d.items().empty());
}

TEST_CASE("random templates never crash, throw or hang", "[mustache]") {
  const char* pieces[] = {"{{", "}}", "{{{", "}}}", "#", "^", "/", ">", "<", "$", "!", "=", "&", "*", ".",
                          "a",  "b",  " ",   "\n",  "\r\n", "x", "{{=<% %>=}}", "<%", "%>", "{{#a}}", "{{/a}}",
                          "{{>p}}", "{{<q}}", "{{/q}}", "{{$b}}", "{{/b}}", "  "};
  std::mt19937 rng(12345);
  std::map<std::string, std::string> partials = {{"p", "{{#a}}{{>p}}{{/a}}\n  x"}, {"q", "{{$b}}d{{/b}}{{>q}}"}};
  MustacheLimits lim;
  lim.max_steps = 20000;
  MustacheSet set(map_loader(partials), lim);
  json data = json::parse(R"({"a": [1, {"b": true, "a": []}], "b": "s", "p": "q"})");
  int compiled = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string src;
    int len = static_cast<int>(rng() % 30);
    for (int i = 0; i < len; ++i) src += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    Diagnostics d;
    auto t = compile_mustache(src, "r.mustache", d);
    CHECK((t != nullptr) == (d.error_count() == 0));
    if (!t) continue;
    ++compiled;
    std::string out;
    set.render(*t, data, out, d);
  }
  CHECK(compiled > 100);
}

// --- the CLI command ----------------------------------------------------------------------------

TEST_CASE("run_template_command renders files and reports errors", "[mustache]") {
  namespace fs = std::filesystem;
  TempDir scratch("mustache");
  const fs::path dir = scratch.path;
  auto write = [](const fs::path& p, const std::string& s) { write_file(p, s); };
  write(dir / "page.mustache", "Hello {{name}}{{>footer}}\n");
  write(dir / "partials" / "footer.mustache", " - {{site}}");
  write(dir / "data.json", R"({"name": "Ann", "site": "S & co"})");
  write(dir / "bad.json", "{\n  \"name\": tru\n}");
  write(dir / "missing.mustache", "x{{>nope}}");

  std::ostringstream out, err;
  CHECK(annalist::run_template_command((dir / "page.mustache").string(), (dir / "data.json").string(),
                                       (dir / "partials").string(), false, out, err) == 0);
  CHECK(out.str() == "Hello Ann - S &amp; co\n");
  CHECK(err.str().empty());

  std::ostringstream out2, err2;
  std::string bad = (dir / "bad.json").string();
  CHECK(annalist::run_template_command((dir / "page.mustache").string(), bad, "", false, out2, err2) == 1);
  CHECK(out2.str().empty());
  CHECK(err2.str().rfind(bad + ":2:", 0) == 0);
  CHECK(err2.str().find("error: invalid JSON") != std::string::npos);

  std::ostringstream out3, err3;
  std::string missing = (dir / "missing.mustache").string();
  CHECK(annalist::run_template_command(missing, (dir / "data.json").string(), (dir / "partials").string(), false,
                                       out3, err3) == 1);
  CHECK(out3.str() == "x");
  CHECK(err3.str() == missing + ":1:2: error: partial 'nope' not found\n" +
                          "  hint: add a template named 'nope' (nope.mustache) or fix the name\n");

  std::ostringstream out4, err4;
  CHECK(annalist::run_template_command((dir / "none.mustache").string(), (dir / "data.json").string(), "", false,
                                       out4, err4) == 1);
  CHECK(err4.str().find("cannot read the template file") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("template --spec renders a missing partial as \"\"; strict mode reports it at its tag", "[mustache]") {
  TempDir dir("mustache-spec");
  write_file(dir / "t.mustache", "a\n  [{{>nope}}] [{{<gone}}{{/gone}}]\n");
  write_file(dir / "d.json", "{}");
  const std::string t = (dir / "t.mustache").string(), data = (dir / "d.json").string();
  std::ostringstream out, err;
  CHECK(annalist::run_template_command(t, data, dir.path.string(), true, out, err) == 0);
  CHECK(out.str() == "a\n  [] []\n");
  CHECK(err.str().empty());

  std::ostringstream sout, serr;
  CHECK(annalist::run_template_command(t, data, dir.path.string(), false, sout, serr) == 1);
  CHECK(sout.str() == "a\n  [] []\n");
  CHECK(serr.str() == t + ":2:4: error: partial 'nope' not found\n" +
                          "  hint: add a template named 'nope' (nope.mustache) or fix the name\n" + t +
                          ":2:16: error: parent template 'gone' not found\n" +
                          "  hint: add a template named 'gone' (gone.mustache) or fix the name\n");
}
