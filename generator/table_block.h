#pragma once
// ```table and ```figure blocks: data tables and placeholder figures, plus the shared HTML table.
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "figure.h"

namespace annalist {

struct DataSet;

/// One column of a ```table block.
struct TableColumn {
  std::string key;     ///< data column
  std::string label;   ///< header text ("" → key)
  std::string format;  ///< "" (as written) or [","]["." N "f"]["%"], e.g. ".2f", ",.0f", ".1f%"
  SourcePos pos;       ///< where the column entry is written
};

/// A parsed ```table block.
struct TableSpec {
  std::string id;                    ///< table id: anchor tbl-ID
  std::string data;                  ///< data set path
  std::string caption;               ///< caption text
  TextPositions text_pos;            ///< where caption, source and note are written
  std::vector<TableColumn> columns;  ///< shown columns; empty = all columns as written
  std::string source, note;          ///< shown under the table
  bool as_figure = false;            ///< `as: figure`: numbered and listed as a figure (图), anchor fig-ID
  SourcePos pos;                     ///< the block's first content line
  SourcePos data_pos;                ///< where the data path is written
};

/// A parsed ```figure block: a numbered figure whose data the source does not give.
struct FigureSpec {
  std::string id, title, source, note;  ///< as written
  TextPositions text_pos;               ///< where title, source and note are written
  SourcePos pos;                        ///< the block's first content line
};

/// Parses the YAML of a ```table block (fields id, data, caption, columns, source, note, as).
bool parse_table_spec(std::string_view yaml, const SourcePos& pos, TableSpec* out, Diagnostics& diags);
/// Renders <figure id="tbl-ID" class="figure data-table"> with caption, <table>, source, note and
/// download link; unknown columns → error with did-you-mean, result "". With `screen`, the # link
/// and the download are marked there (figure.h ScreenOnly).
std::string render_table_figure(const TableSpec& spec, const DataSet& data, const std::string& label,
                                const std::string& csv_href, const FigureText& text, Diagnostics& diags,
                                ScreenOnly* screen = nullptr);

/// Parses the YAML of a ```figure block (fields id, title, source, note).
bool parse_figure_spec(std::string_view yaml, const SourcePos& pos, FigureSpec* out, Diagnostics& diags);
/// Renders <figure id="fig-ID" class="figure placeholder"> with caption, visible note and source.
std::string render_placeholder_figure(const FigureSpec& spec, const std::string& label, const FigureText& text,
                                      ScreenOnly* screen = nullptr);

}  // namespace annalist
