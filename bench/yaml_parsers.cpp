// bench/yaml_parsers: the same YAML texts parsed by yaml-cpp, by annalist's parse path (the flat
// fast path, else yaml-cpp) and by libfyaml, with the position (line:col) of every node read.
//   yaml_parsers TEXTS [--min-ms 300]
// TEXTS holds the texts separated by NUL bytes (bench/yaml-parsers writes it). Prints one
// Markdown table row per parser and how far libfyaml's nodes agree with yaml-cpp's.
#include <libfyaml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "yaml_flat.h"

namespace {

using annalist::flat_yaml_mark;
using annalist::parse_flat_yaml;

// One node in document order: kind ('M', 'S', '=' for a scalar, '~' for null), scalar text, position.
struct Event {
  char kind;
  std::string text;
  int line, col;
  bool operator==(const Event&) const = default;
};

// A node's 0-based position, from either yaml-cpp's mark or the fast path's tag.
void node_pos(const YAML::Node& n, int* line, int* col) {
  if (!flat_yaml_mark(n, line, col)) *line = n.Mark().line, *col = n.Mark().column;
}

// Walks a yaml-cpp tree in document order (keys before values), reading every position.
void walk_yaml_cpp(const YAML::Node& n, std::vector<Event>* out) {
  int line = 0, col = 0;
  node_pos(n, &line, &col);
  if (n.IsMap()) {
    out->push_back({'M', "", line, col});
    for (auto it = n.begin(); it != n.end(); ++it) walk_yaml_cpp(it->first, out), walk_yaml_cpp(it->second, out);
  } else if (n.IsSequence()) {
    out->push_back({'S', "", line, col});
    for (const auto& c : n) walk_yaml_cpp(c, out);
  } else {
    out->push_back({n.IsScalar() ? '=' : '~', n.IsScalar() ? n.Scalar() : "", line, col});
  }
}

// libfyaml's event parser: every node's start mark; the plain empty scalar and "~"/null count as null.
bool parse_libfyaml(fy_parser* p, const std::string& text, std::vector<Event>* out) {
  fy_parser_reset(p);
  if (fy_parser_set_string(p, text.data(), text.size()) != 0) return false;
  bool ok = true;
  while (fy_event* e = fy_parser_parse(p)) {
    const fy_mark* m = fy_event_start_mark(e);
    int line = m ? m->line : -1, col = m ? m->column : -1;
    if (e->type == FYET_MAPPING_START) out->push_back({'M', "", line, col});
    else if (e->type == FYET_SEQUENCE_START) out->push_back({'S', "", line, col});
    else if (e->type == FYET_SCALAR) {
      size_t len = 0;
      const char* s = fy_token_get_text(e->scalar.value, &len);
      std::string v(s ? s : "", len);
      bool plain = fy_token_scalar_style(e->scalar.value) == FYSS_PLAIN;
      bool null = plain && (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL");
      out->push_back({null ? '~' : '=', null ? "" : v, line, col});
    }
    fy_parser_event_free(p, e);
  }
  if (fy_parser_get_stream_error(p)) ok = false;
  return ok;
}

volatile int g_sink = 0;  // positions read, so that reading them is not optimized away

// libfyaml's document API: the tree, with positions for scalars (their token's mark).
size_t walk_fy_node(fy_node* n) {
  size_t k = 1;
  if (fy_node_is_mapping(n)) {
    void* it = nullptr;
    while (fy_node_pair* pr = fy_node_mapping_iterate(n, &it)) k += walk_fy_node(fy_node_pair_key(pr)) + walk_fy_node(fy_node_pair_value(pr));
  } else if (fy_node_is_sequence(n)) {
    void* it = nullptr;
    while (fy_node* c = fy_node_sequence_iterate(n, &it)) k += walk_fy_node(c);
  } else if (n) {
    size_t len = 0;
    (void)fy_node_get_scalar(n, &len);
    if (fy_token* t = fy_node_get_scalar_token(n)) g_sink = g_sink + fy_token_start_mark(t)->line;
  }
  return k;
}

struct Row {
  const char* name;
  const char* positions;
  std::function<size_t(const std::string&)> parse;  ///< parses one text; returns nodes (0 = failed)
};

// This thread's CPU time in ms: other processes on a shared machine do not count.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// CPU milliseconds for one pass over every text: the fastest of the passes, which repeat until
// min_ms in all (at least 5); the fastest is the one least disturbed by other load.
double time_pass(const Row& r, const std::vector<std::string>& texts, double min_ms, size_t* nodes, size_t* failed) {
  double best = 1e300, spent = 0;
  for (int round = 0; round < 5 || spent < min_ms; ++round) {
    *nodes = *failed = 0;
    double t0 = cpu_ms();
    for (const auto& t : texts) {
      size_t k = r.parse(t);
      *nodes += k;
      *failed += k == 0;
    }
    double ms = cpu_ms() - t0;
    best = std::min(best, ms);
    spent += ms;
  }
  return best;
}

std::vector<std::string> read_texts(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::vector<std::string> texts;
  std::string all = s.str();
  for (size_t at = 0; at < all.size();) {
    size_t end = all.find('\0', at);
    if (end == std::string::npos) end = all.size();
    texts.push_back(all.substr(at, end - at));
    at = end + 1;
  }
  return texts;
}

// Does libfyaml see the same nodes, scalars and positions as yaml-cpp? Prints the counts, and the
// first difference of the first few texts that differ to stderr.
void compare_with_yaml_cpp(fy_parser* fyp, const std::vector<std::string>& texts) {
  size_t same = 0, same_text = 0, differ = 0, shown = 0;
  for (const auto& t : texts) {
    std::vector<Event> a, b;
    try {
      walk_yaml_cpp(YAML::Load(t), &a);
    } catch (const YAML::Exception&) {
      continue;
    }
    parse_libfyaml(fyp, t, &b);
    auto text_only = [](std::vector<Event> v) {
      for (auto& e : v) e.line = e.col = 0;
      return v;
    };
    if (a == b) {
      ++same;
      continue;
    }
    if (text_only(a) == text_only(b)) ++same_text;
    else ++differ;
    if (shown < 4) {
      ++shown;
      size_t i = 0;
      while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
      std::fprintf(stderr, "first difference at node %zu: yaml-cpp %c'%s'@%d:%d, libfyaml %c'%s'@%d:%d\n", i,
                   i < a.size() ? a[i].kind : '-', i < a.size() ? a[i].text.c_str() : "", i < a.size() ? a[i].line : 0,
                   i < a.size() ? a[i].col : 0, i < b.size() ? b[i].kind : '-', i < b.size() ? b[i].text.c_str() : "",
                   i < b.size() ? b[i].line : 0, i < b.size() ? b[i].col : 0);
    }
  }
  std::printf("\nlibfyaml vs yaml-cpp, node by node: %zu texts identical (kinds, scalars, line:col), %zu the same but "
              "for positions, %zu differ\n", same, same_text, differ);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: yaml_parsers TEXTS [--min-ms N]\n");
    return 2;
  }
  double min_ms = argc >= 4 && std::string(argv[2]) == "--min-ms" ? std::stod(argv[3]) : 300;
  std::vector<std::string> texts = read_texts(argv[1]);
  size_t bytes = 0, flat = 0;
  std::vector<std::string> flat_texts;
  for (const auto& t : texts) {
    bytes += t.size();
    YAML::Node n;
    if (parse_flat_yaml(t, &n)) ++flat, flat_texts.push_back(t);
  }
  fy_parse_cfg cfg{nullptr, FYPCF_QUIET, nullptr, nullptr};
  fy_parser* fyp = fy_parser_create(&cfg);
  std::vector<Event> ev;
  auto yaml_cpp = [&](const std::string& t) -> size_t {
    ev.clear();
    try {
      walk_yaml_cpp(YAML::Load(t), &ev);
    } catch (const YAML::Exception&) {
      return 0;
    }
    return ev.size();
  };
  auto annalist_path = [&](const std::string& t) -> size_t {
    YAML::Node n;
    ev.clear();
    if (!parse_flat_yaml(t, &n)) return yaml_cpp(t);
    walk_yaml_cpp(n, &ev);
    return ev.size();
  };
  auto fy_events = [&](const std::string& t) -> size_t {
    ev.clear();
    return parse_libfyaml(fyp, t, &ev) ? ev.size() : 0;
  };
  auto fy_doc = [&](const std::string& t) -> size_t {
    struct fy_document* d = fy_document_build_from_string(&cfg, t.data(), t.size());
    if (!d) return 0;
    size_t k = walk_fy_node(fy_document_root(d));
    fy_document_destroy(d);
    return k;
  };
  const Row rows[] = {
      {"yaml-cpp (YAML::Load + walk)", "every node (Mark)", yaml_cpp},
      {"annalist: yaml_flat, else yaml-cpp", "every node (tag / Mark)", annalist_path},
      {"libfyaml events (fy_parser_parse)", "every node (event start mark)", fy_events},
      {"libfyaml document (build + walk)", "scalars only (token mark; 0.7.12 has none for collections)", fy_doc},
  };
  std::printf("%zu texts, %zu bytes; %zu (%.0f%%) in the flat subset\n\n", texts.size(), bytes, flat,
              texts.empty() ? 0.0 : 100.0 * flat / texts.size());
  std::printf("| parser | all texts: ms | µs/text | MB/s | flat-subset texts: ms | nodes | failed | positions |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---|\n");
  for (const auto& r : rows) {
    size_t nodes = 0, failed = 0, n2 = 0, f2 = 0;
    double ms = time_pass(r, texts, min_ms, &nodes, &failed);
    double ms_flat = time_pass(r, flat_texts, min_ms, &n2, &f2);
    std::printf("| %s | %.2f | %.2f | %.1f | %.2f | %zu | %zu | %s |\n", r.name, ms, 1000 * ms / texts.size(),
                bytes / ms / 1000, ms_flat, nodes, failed, r.positions);
  }
  compare_with_yaml_cpp(fyp, texts);
  fy_parser_destroy(fyp);
  return 0;
}
