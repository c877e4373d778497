#include "csv.h"

#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "text.h"

namespace annalist {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr int kMaxRaggedErrors = 10;

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  return text;
}

// Line and column (1-based, bytes) of offset off; LF, CRLF and a lone CR each end a line.
SourcePos locate(std::string_view t, const std::string& file, size_t off) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < off && i < t.size(); ++i) {
    if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= t.size() || t[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  return {file, line, static_cast<int>(off - line_start) + 1};
}

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", c);
  return buf;
}

// Offset just past the record terminator at i (LF, CRLF or CR), or i at the end.
size_t skip_newline(std::string_view t, size_t i) {
  if (i >= t.size()) return i;
  if (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') return i + 2;
  return i + 1;
}

bool check_encoding(std::string_view text, const std::string& file, Diagnostics& diags) {
  size_t bad = std::string_view::npos;
  if (!utf8_valid(text, &bad)) bad = bad == std::string_view::npos ? 0 : bad;
  else bad = std::string_view::npos;
  const void* nul_p = text.empty() ? nullptr : std::memchr(text.data(), '\0', text.size());
  size_t nul = nul_p ? static_cast<size_t>(static_cast<const char*>(nul_p) - text.data()) : std::string_view::npos;
  if (bad == std::string_view::npos && nul == std::string_view::npos) return true;
  bool utf16 = text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'));
  std::string hint = utf16 ? "the file is UTF-16; save it as UTF-8 (Excel: \"CSV UTF-8\")"
                           : "save the file as UTF-8 text (Excel: \"CSV UTF-8\")";
  if (nul < bad) {
    diags.error(locate(text, file, nul), "NUL byte in CSV file", hint);
  } else {
    diags.error(locate(text, file, bad),
                "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[bad])) + ")", hint);
  }
  return false;
}

}  // namespace

bool parse_csv(std::string_view text, const std::string& file, CsvTable* out, Diagnostics& diags) {
  *out = CsvTable{};
  text = strip_bom(text);
  if (!check_encoding(text, file, diags)) return false;

  const size_t n = text.size();
  size_t i = 0;
  int line = 1;
  bool have_header = false;
  bool ok = true;
  int ragged = 0;
  std::vector<size_t> starts;  // where each field of the current record starts
  while (i < n) {
    const int rec_line = line;
    std::vector<std::string> rec;
    if (have_header) rec.reserve(out->header.size());
    starts.clear();
    bool blank = true;
    size_t rec_end = i;
    for (;;) {
      starts.push_back(i);
      std::string field;
      if (text[i] == '"' ) {
        blank = false;
        const size_t open = i++;
        for (;;) {
          size_t q = text.find('"', i);
          if (q == std::string_view::npos) {
            diags.error(locate(text, file, open), "unterminated quoted field",
                        "close the field with \"; a quote inside a quoted field is written \"\"");
            return false;
          }
          for (size_t k = i; k < q; ++k) {
            if (text[k] == '\n' || (text[k] == '\r' && text[k + 1] != '\n')) ++line;
          }
          field.append(text.substr(i, q - i));
          if (q + 1 < n && text[q + 1] == '"') {
            field += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          diags.error(locate(text, file, i), "unexpected text after the closing quote of a field",
                      "quote the whole field and double every quote inside it: \"a \"\"b\"\" c\"");
          return false;
        }
      } else {
        const size_t s = i;
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        if (i > s) blank = false;
        field.assign(text.substr(s, i - s));
      }
      rec.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        blank = false;
        ++i;
        if (i == n) starts.push_back(i), rec.emplace_back();  // "a,b," at the very end
        else continue;
      }
      rec_end = i;
      if (i < n) {
        i = skip_newline(text, i);
        ++line;
      }
      break;
    }
    if (blank) continue;

    if (!have_header) {
      have_header = true;
      std::map<std::string, size_t> seen;  // name -> first column (no rescans: headers can be huge)
      int bad_names = 0;
      for (size_t c = 0; c < rec.size(); ++c) {
        std::string name(trim(rec[c]));
        if (name.empty()) {
          ok = false;
          if (++bad_names <= kMaxRaggedErrors)
            diags.error(locate(text, file, starts[c]), "empty column name (column " + std::to_string(c + 1) + ")",
                        "name every column in the header row");
        } else if (auto [it, fresh] = seen.emplace(name, c); !fresh) {
          ok = false;
          if (++bad_names <= kMaxRaggedErrors)
            diags.error(locate(text, file, starts[c]), "duplicate column name '" + name + "'",
                        "column " + std::to_string(it->second + 1) +
                            " has the same name; column names must be unique");
        }
        out->header.push_back(std::move(name));
      }
      if (bad_names > kMaxRaggedErrors)
        diags.add({Severity::kNote, {file, 0, 0},
                   std::to_string(bad_names - kMaxRaggedErrors) + " more empty or duplicate column names", ""});
      continue;
    }
    const size_t want = out->header.size();
    if (rec.size() != want) {
      ok = false;
      if (++ragged <= kMaxRaggedErrors) {
        size_t at = rec.size() > want ? starts[want] : rec_end;
        std::string hint = rec.size() > want
                               ? "quote a value that contains a comma: \"1,105.8\""
                               : "every row needs " + std::to_string(want) +
                                     " fields; an empty cell is written as nothing between commas (a,,c)";
        diags.error(locate(text, file, at),
                    "row has " + std::to_string(rec.size()) + " field" + (rec.size() == 1 ? "" : "s") +
                        ", header has " + std::to_string(want),
                    hint);
      }
      continue;
    }
    out->rows.push_back(std::move(rec));
    out->row_lines.push_back(rec_line);
  }
  if (!have_header) {
    diags.error({file, 1, 1}, "empty CSV file", "the first line must name the columns: year,amount");
    return false;
  }
  if (ragged > kMaxRaggedErrors) {
    diags.add({Severity::kNote, {file, 0, 0},
               std::to_string(ragged - kMaxRaggedErrors) + " more rows have the wrong number of fields", ""});
  }
  return ok;
}

SourcePos csv_field_pos(std::string_view text, const std::string& file, int row_line, size_t field) {
  text = strip_bom(text);
  // Find the start of line row_line.
  size_t i = 0;
  for (int line = 1; line < row_line && i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
  }
  const size_t row_start = i;
  for (size_t f = 0; f < field; ++f) {
    // Skip one field and its comma.
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') i += 2;
          else {
            ++i;
            break;
          }
        } else {
          ++i;
        }
      }
    }
    while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
    if (i >= text.size() || text[i] != ',') return locate(text, file, row_start);
    ++i;
  }
  return locate(text, file, i);
}

}  // namespace annalist
