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

// One record of a CSV text: its fields, where each starts, and where the record ends.
struct Record {
  std::vector<std::string> fields;
  std::vector<size_t> starts;
  size_t end = 0;
  int line = 1;
  bool blank = true;
};

// Reads records one by one, counting lines (a quoted field may span several).
class RecordReader {
 public:
  RecordReader(std::string_view text, const std::string& file, Diagnostics& diags)
      : t_(text), file_(file), diags_(diags) {}

  bool done() const { return i_ >= t_.size(); }

  // Reads the next record into rec; false on a malformed quoted field (already reported).
  bool next(Record* rec) {
    rec->fields.clear();
    rec->starts.clear();
    rec->blank = true;
    rec->line = line_;
    for (;;) {
      rec->starts.push_back(i_);
      std::string field;
      if (t_[i_] == '"') {
        rec->blank = false;
        if (!quoted_field(&field)) return false;
      } else {
        const size_t s = i_;
        while (i_ < t_.size() && !ends_field(t_[i_])) ++i_;
        if (i_ > s) rec->blank = false;
        field.assign(t_.substr(s, i_ - s));
      }
      rec->fields.push_back(std::move(field));
      if (i_ < t_.size() && t_[i_] == ',') {
        rec->blank = false;
        if (++i_ < t_.size()) continue;
        rec->starts.push_back(i_);  // "a,b," at the very end
        rec->fields.emplace_back();
      }
      rec->end = i_;
      if (i_ < t_.size()) {
        i_ = skip_newline(t_, i_);
        ++line_;
      }
      return true;
    }
  }

 private:
  static bool ends_field(char c) { return c == ',' || c == '\n' || c == '\r'; }

  bool quoted_field(std::string* field) {
    const size_t open = i_++;
    for (;;) {
      size_t q = t_.find('"', i_);
      if (q == std::string_view::npos) {
        diags_.error(locate(t_, file_, open), "unterminated quoted field",
                     "close the field with \"; a quote inside a quoted field is written \"\"");
        return false;
      }
      for (size_t k = i_; k < q; ++k) {
        if (t_[k] == '\n' || (t_[k] == '\r' && t_[k + 1] != '\n')) ++line_;
      }
      field->append(t_.substr(i_, q - i_));
      i_ = q + 1;
      if (i_ < t_.size() && t_[i_] == '"') {
        *field += '"';
        ++i_;
        continue;
      }
      break;
    }
    if (i_ < t_.size() && !ends_field(t_[i_])) {
      diags_.error(locate(t_, file_, i_), "unexpected text after the closing quote of a field",
                   "quote the whole field and double every quote inside it: \"a \"\"b\"\" c\"");
      return false;
    }
    return true;
  }

  std::string_view t_;
  const std::string& file_;
  Diagnostics& diags_;
  size_t i_ = 0;
  int line_ = 1;
};

// The header row: trimmed, non-empty, unique column names (at most kMaxRaggedErrors reported).
bool read_header(const Record& rec, std::string_view text, const std::string& file, CsvTable* out,
                 Diagnostics& diags) {
  std::map<std::string, size_t> seen;  // name -> first column (no rescans: headers can be huge)
  int bad_names = 0;
  for (size_t c = 0; c < rec.fields.size(); ++c) {
    std::string name(trim(rec.fields[c]));
    std::string message, hint;
    if (name.empty()) {
      message = "empty column name (column " + std::to_string(c + 1) + ")";
      hint = "name every column in the header row";
    } else if (auto [it, fresh] = seen.emplace(name, c); !fresh) {
      message = "duplicate column name '" + name + "'";
      hint = "column " + std::to_string(it->second + 1) + " has the same name; column names must be unique";
    }
    if (!message.empty() && ++bad_names <= kMaxRaggedErrors)
      diags.error(locate(text, file, rec.starts[c]), message, hint);
    out->header.push_back(std::move(name));
  }
  if (bad_names > kMaxRaggedErrors)
    diags.add({Severity::kNote, {file, 0, 0},
               std::to_string(bad_names - kMaxRaggedErrors) + " more empty or duplicate column names", ""});
  return bad_names == 0;
}

void report_ragged(const Record& rec, size_t want, std::string_view text, const std::string& file,
                   Diagnostics& diags) {
  const size_t got = rec.fields.size();
  size_t at = got > want ? rec.starts[want] : rec.end;
  std::string hint = got > want ? "quote a value that contains a comma: \"1,105.8\""
                                : "every row needs " + std::to_string(want) +
                                      " fields; an empty cell is written as nothing between commas (a,,c)";
  diags.error(locate(text, file, at),
              "row has " + std::to_string(got) + " field" + (got == 1 ? "" : "s") + ", header has " +
                  std::to_string(want),
              hint);
}

}  // namespace

bool parse_csv(std::string_view text, const std::string& file, CsvTable* out, Diagnostics& diags) {
  *out = CsvTable{};
  text = strip_bom(text);
  if (!check_encoding(text, file, diags)) return false;

  RecordReader reader(text, file, diags);
  Record rec;
  bool have_header = false;
  bool ok = true;
  int ragged = 0;
  while (!reader.done()) {
    if (!reader.next(&rec)) return false;
    if (rec.blank) continue;
    if (!have_header) {
      have_header = true;
      ok = read_header(rec, text, file, out, diags);
      continue;
    }
    const size_t want = out->header.size();
    if (rec.fields.size() != want) {
      ok = false;
      if (++ragged <= kMaxRaggedErrors) report_ragged(rec, want, text, file, diags);
      continue;
    }
    out->rows.push_back(std::move(rec.fields));
    out->row_lines.push_back(rec.line);
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
