#include "output_safety.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "fs.h"
#include "site_writer.h"

namespace annalist {
namespace stdfs = std::filesystem;

stdfs::path absolute_clean(const std::string& p) {
  std::error_code ec;
  stdfs::path a = stdfs::weakly_canonical(stdfs::absolute(p, ec), ec).lexically_normal();
  // "site/" names the directory site, not an empty name inside it.
  if (!a.has_filename() && a.has_relative_path()) a = a.parent_path();
  return a;
}

bool is_within(const stdfs::path& inner, const stdfs::path& outer) {
  auto rel = inner.lexically_relative(outer);
  return !rel.empty() && *rel.begin() != ".." && *rel.begin() != "." && rel.is_relative();
}

namespace {

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// The input file that out is (by identity, so links and hard links count), or "".
std::string input_file_at(const std::string& out, const InputPaths& in) {
  struct stat o, f;
  if (::stat(out.c_str(), &o) != 0 || S_ISDIR(o.st_mode)) return {};
  for (const auto& file : in.files)
    if (::stat(file.c_str(), &f) == 0 && same_file(o, f)) return file;
  return {};
}

// The rule both outputs share: what the output (a `noun`) may never be.
std::string input_conflict(const std::string& out_arg, const stdfs::path& out, const InputPaths& in,
                           const std::string& noun) {
  stdfs::path proj = absolute_clean(in.project_dir);
  if (out == out.root_path()) return "the " + noun + " cannot be the root directory";
  if (const char* home = std::getenv("HOME"); home && *home && out == absolute_clean(home))
    return "the " + noun + " cannot be the home directory";
  if (out == proj) return "the " + noun + " cannot be the project directory";
  if (is_within(proj, out)) return "the " + noun + " cannot contain the project";
  if (std::string file = input_file_at(out_arg, in); !file.empty())
    return "the " + noun + " '" + out_arg + "' is the project's input file '" + file + "'";
  for (const auto& d : in.dirs) {
    stdfs::path dir = absolute_clean(d);
    if (out == dir || is_within(out, dir))
      return "the " + noun + " '" + out_arg + "' is inside the project's input directory '" + d +
             "': the next build would read it back as input";
    if (is_within(dir, out)) return "the " + noun + " '" + out_arg + "' contains the project's input directory '" + d + "'";
  }
  return {};
}


bool starts_like_pdf(const stdfs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[5] = {};
  in.read(head, sizeof head);
  return in.gcount() == 5 && std::string(head, 5) == "%PDF-";
}

}  // namespace

OutputProblem check_site_output(const std::string& out_dir, const InputPaths& inputs) {
  stdfs::path out = absolute_clean(out_dir);
  if (std::string why = input_conflict(out_dir, out, inputs, "output directory"); !why.empty())
    return {why, "write the site outside the inputs, e.g. -o " + path_join(inputs.project_dir, "_site")};
  std::error_code ec;
  if (stdfs::exists(out, ec) && !stdfs::is_directory(out, ec))
    return {"the output path is a file", "choose another directory with -o"};
  if (stdfs::is_directory(out, ec) && !stdfs::is_empty(out, ec) && !has_site_marker(out.string()))
    return {"'" + out_dir + "' is not empty and was not written by annalist (no " + std::string(kSiteMarker) + ")",
            "choose another directory with -o, or empty this one"};
  return {};
}

OutputProblem check_pdf_output(const std::string& out_file, const InputPaths& inputs) {
  if (out_file.empty()) return {"no PDF file given", "annalist pdf PROJECT -o report.pdf"};
  stdfs::path out = absolute_clean(out_file);
  if (std::string why = input_conflict(out_file, out, inputs, "PDF file"); !why.empty())
    return {why, "write the PDF outside the project's input files and directories"};
  struct stat st;
  if (::stat(out.c_str(), &st) != 0) return {};
  const std::string hint = "name a new file, or an earlier PDF to replace: -o report.pdf";
  if (S_ISDIR(st.st_mode)) return {"'" + out_file + "' is a directory", hint};
  if (!S_ISREG(st.st_mode)) return {"'" + out_file + "' exists and is not a regular file", hint};
  if (st.st_size > 0 && !starts_like_pdf(out))
    return {"'" + out_file + "' exists and is not a PDF; annalist replaces only PDF files", hint};
  return {};
}

std::string unsafe_output_reason(const std::string& out_dir, const InputPaths& inputs) {
  return check_site_output(out_dir, inputs).why;
}

}  // namespace annalist
