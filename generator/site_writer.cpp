#include "site_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace annalist {
namespace stdfs = std::filesystem;

namespace {

stdfs::path absolute_clean(const std::string& p) {
  std::error_code ec;
  stdfs::path a = stdfs::weakly_canonical(stdfs::absolute(p, ec), ec);
  return a.lexically_normal();
}

bool is_within(const stdfs::path& inner, const stdfs::path& outer) {
  auto rel = inner.lexically_relative(outer);
  return !rel.empty() && *rel.begin() != ".." && rel.is_relative();
}

bool has_marker(const stdfs::path& dir) {
  std::error_code ec;
  return stdfs::is_regular_file(dir / kSiteMarker, ec);
}

// Stale staging/old directories of earlier, killed builds: ours only (they carry no
// user files: the marker or nothing but our own output).
void remove_stale(const stdfs::path& out) {
  std::error_code ec;
  std::string prefix = "." + out.filename().string() + ".annalist-";
  for (auto& e : stdfs::directory_iterator(out.parent_path(), ec)) {
    std::string name = e.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0 && e.is_directory(ec)) stdfs::remove_all(e.path(), ec);
  }
}

}  // namespace

std::string unsafe_output_reason(const std::string& out_dir, const std::string& project_dir) {
  stdfs::path out = absolute_clean(out_dir);
  stdfs::path proj = absolute_clean(project_dir);
  if (out == out.root_path()) return "the output directory cannot be the root directory";
  if (const char* home = std::getenv("HOME"); home && *home && out == absolute_clean(home))
    return "the output directory cannot be the home directory";
  if (out == proj) return "the output directory cannot be the project directory";
  if (is_within(proj, out)) return "the output directory cannot contain the project";
  std::error_code ec;
  if (stdfs::exists(out, ec) && !stdfs::is_directory(out, ec)) return "the output path is a file";
  if (stdfs::is_directory(out, ec) && !stdfs::is_empty(out, ec) && !has_marker(out))
    return "'" + out_dir + "' is not empty and was not written by annalist (no " + std::string(kSiteMarker) + ")";
  return {};
}

void remove_stale_output(const std::string& out_dir) {
  stdfs::path out = absolute_clean(out_dir);
  if (!out.has_parent_path() || out == out.root_path()) return;
  remove_stale(out);
}

std::string read_site_marker(const std::string& out_dir) {
  std::ifstream in(stdfs::path(out_dir) / kSiteMarker, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return s;
}

SiteWriter::~SiteWriter() {
  if (!staging_.empty()) abort();
}

bool SiteWriter::begin(const std::string& out_dir, const std::string& project_dir, Diagnostics& diags) {
  std::string why = unsafe_output_reason(out_dir, project_dir);
  if (!why.empty()) {
    diags.error({out_dir, 0, 0}, why, "choose another directory with -o, or empty this one");
    return false;
  }
  stdfs::path out = absolute_clean(out_dir);
  std::error_code ec;
  stdfs::create_directories(out.parent_path(), ec);
  remove_stale(out);
  out_dir_ = out.string();
  staging_ = (out.parent_path() / ("." + out.filename().string() + ".annalist-tmp-" + std::to_string(getpid())))
                 .string();
  stdfs::remove_all(staging_, ec);
  if (!stdfs::create_directories(staging_, ec)) {
    diags.error({out_dir, 0, 0}, "cannot create a staging directory: " + ec.message(), "check permissions");
    staging_.clear();
    return false;
  }
  return true;
}

void SiteWriter::write(const std::string& rel_path, std::string_view bytes) {
  stdfs::path p = stdfs::path(staging_) / rel_path;
  auto slash = rel_path.rfind('/');
  if (slash != std::string::npos) {
    std::string dir = rel_path.substr(0, slash);
    std::lock_guard l(dirs_mu_);
    if (dirs_.insert(dir).second) {
      std::error_code ec;
      stdfs::create_directories(p.parent_path(), ec);
    }
  }
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  size_t off = 0;
  while (ok && off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n <= 0) ok = false;
    else off += static_cast<size_t>(n);
  }
  if (fd >= 0) ::close(fd);
  if (!ok) {
    static std::mutex mu;
    std::lock_guard l(mu);
    if (!failed_) fail_msg_ = "cannot write " + p.string();
    failed_ = true;
  }
  ++files_;
  bytes_ += bytes.size();
}

bool SiteWriter::commit(const std::string& marker_text, Diagnostics& diags) {
  if (failed_) {
    diags.error({out_dir_, 0, 0}, fail_msg_, "check free space and permissions");
    abort();
    return false;
  }
  write(kSiteMarker, marker_text);
  std::error_code ec;
  if (stdfs::exists(out_dir_, ec)) {
    // Swap both directories in one step, so the site is never missing or half-written.
    if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_dir_.c_str(), RENAME_EXCHANGE) != 0) {
      diags.error({out_dir_, 0, 0}, "cannot replace the output directory", "check permissions");
      abort();
      return false;
    }
    stdfs::remove_all(staging_, ec);  // now the previous site
  } else if (::rename(staging_.c_str(), out_dir_.c_str()) != 0) {
    diags.error({out_dir_, 0, 0}, "cannot create the output directory", "check permissions");
    abort();
    return false;
  }
  staging_.clear();
  return true;
}

void SiteWriter::abort() {
  std::error_code ec;
  if (!staging_.empty()) stdfs::remove_all(staging_, ec);
  staging_.clear();
}

}  // namespace annalist
