#pragma once
// RFC 4180 CSV: a header row and rows of raw cell text, with located errors.
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace annalist {

/// A parsed CSV file: column names and the rows' cells exactly as written (quotes removed).
struct CsvTable {
  std::vector<std::string> header;             ///< column names, surrounding spaces trimmed
  std::vector<std::vector<std::string>> rows;  ///< one vector per data row, header.size() cells each
  std::vector<int> row_lines;                  ///< 1-based source line where each row starts
};

/// Parses CSV text: quoted fields with commas, doubled quotes and line breaks; UTF-8 BOM;
/// LF, CRLF or CR line ends; optional final newline; blank lines skipped. Every problem
/// (unterminated quote, ragged row, duplicate or empty column name, invalid UTF-8, NUL
/// byte) is reported at file:line:col; returns false when there was any.
bool parse_csv(std::string_view text, const std::string& file, CsvTable* out, Diagnostics& diags);

/// Where field `field` (0-based) of the row that starts on line `row_line` begins in text.
SourcePos csv_field_pos(std::string_view text, const std::string& file, int row_line, size_t field);

}  // namespace annalist
