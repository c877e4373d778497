#include "fenced_block.h"

#include "data.h"
#include "interpolate.h"
#include "text.h"

namespace annalist {

namespace {

std::string csv_href(const DataSet& ds) {
  if (ds.format != "csv") return {};
  return "../data/" + url_path_encode(ds.path) + ".csv";
}

bool parse_chart(std::string_view yaml, const SourcePos& first, FencedBlock* out, Diagnostics& diags) {
  ChartSpec spec;
  if (!parse_chart_spec(yaml, first, &spec, diags)) return false;
  out->id = spec.id;
  out->spec = std::move(spec);
  return true;
}

std::string render_chart(const FencedBlock& b, const std::string& label, FencedEnv& env) {
  const ChartSpec& spec = std::get<ChartSpec>(b.spec);
  const DataSet* ds = lookup_data(env.data, spec.data, spec.data_pos.line ? spec.data_pos : b.first, env.diags);
  if (!ds) return "";
  env.deps.insert(ds->path);
  return render_chart_figure(spec, *ds, label, csv_href(*ds), env.text, env.diags, env.files, env.screen);
}

bool parse_table(std::string_view yaml, const SourcePos& first, FencedBlock* out, Diagnostics& diags) {
  TableSpec spec;
  if (!parse_table_spec(yaml, first, &spec, diags)) return false;
  out->id = spec.id;
  out->table = !spec.as_figure;
  out->spec = std::move(spec);
  return true;
}

std::string render_table(const FencedBlock& b, const std::string& label, FencedEnv& env) {
  const TableSpec& spec = std::get<TableSpec>(b.spec);
  const DataSet* ds = lookup_data(env.data, spec.data, spec.data_pos.line ? spec.data_pos : b.first, env.diags);
  if (!ds) return "";
  env.deps.insert(ds->path);
  return render_table_figure(spec, *ds, label, csv_href(*ds), env.text, env.diags, env.screen);
}

bool parse_figure(std::string_view yaml, const SourcePos& first, FencedBlock* out, Diagnostics& diags) {
  FigureSpec spec;
  if (!parse_figure_spec(yaml, first, &spec, diags)) return false;
  out->id = spec.id;
  out->spec = std::move(spec);
  return true;
}

std::string render_figure(const FencedBlock& b, const std::string& label, FencedEnv& env) {
  return render_placeholder_figure(std::get<FigureSpec>(b.spec), label, env.text, env.screen);
}

const FencedKind kKinds[] = {
    {"chart", false, parse_chart, render_chart},
    {"table", true, parse_table, render_table},
    {"figure", false, parse_figure, render_figure},
};

}  // namespace

const FencedKind* fenced_kind(std::string_view info) {
  info = trim(info);
  for (const FencedKind& k : kKinds)
    if (info == k.name) return &k;
  return nullptr;
}

FencedBlock parse_fenced_block(const FencedKind& kind, std::string_view yaml, const SourcePos& first,
                               Diagnostics& diags) {
  FencedBlock b;
  b.kind = &kind;
  b.first = first;
  b.table = kind.table;
  b.parsed = kind.parse(yaml, first, &b, diags);
  return b;
}

void resolve_block_text(FencedBlock& b, const DataStore& data, const std::string& language,
                        std::set<std::string>* deps, Diagnostics& diags) {
  if (!b.parsed) return;
  std::string *title = nullptr, *source = nullptr, *note = nullptr;
  const std::string* set = nullptr;
  const TextPositions* at = nullptr;
  if (auto* c = std::get_if<ChartSpec>(&b.spec))
    title = &c->title, source = &c->source, note = &c->note, set = &c->data, at = &c->text_pos;
  if (auto* t = std::get_if<TableSpec>(&b.spec))
    title = &t->caption, source = &t->source, note = &t->note, set = &t->data, at = &t->text_pos;
  if (auto* f = std::get_if<FigureSpec>(&b.spec)) title = &f->title, source = &f->source, note = &f->note, at = &f->text_pos;
  if (!title) return;
  // A chart or table without a title is captioned with its data set's title (_catalog.yml).
  if (title->empty() && set)
    if (const DataSet* ds = data.find(*set)) *title = ds->title;
  for (auto [s, pos] : {std::pair{title, &at->title}, {source, &at->source}, {note, &at->note}})
    if (s->find("{{") != std::string::npos)
      *s = interpolate_plain(*s, data, language, pos->line ? *pos : b.first, deps, diags);
  b.title = *title;
  b.search = std::holds_alternative<FigureSpec>(b.spec) ? *title + " " + *note : *title;
}

}  // namespace annalist
