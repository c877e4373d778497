#include "fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <filesystem>

namespace annalist {
namespace stdfs = std::filesystem;

std::optional<std::string> RealFileSystem::read(const std::string& path) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    // Sized by fstat, with one spare byte to see the end without growing the string (growing
    // would double its capacity: every page kept twice its size); /proc files report size 0.
    std::string s(static_cast<size_t>(st.st_size) + 1, '\0');
    size_t got = 0;
    while (true) {
      if (got == s.size()) s.resize(s.size() * 2);
      ssize_t n = ::read(fd, s.data() + got, s.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    s.resize(got);
    if (s.capacity() > got + got / 8 + 64) s.shrink_to_fit();
    out = std::move(s);
  }
  ::close(fd);
  return out;
}

bool RealFileSystem::is_file(const std::string& path) const {
  std::error_code ec;
  return stdfs::is_regular_file(path, ec);
}

std::vector<std::string> RealFileSystem::list_files(const std::string& dir) const {
  std::vector<std::string> out;
  std::error_code ec;
  if (!stdfs::is_directory(dir, ec)) return out;
  stdfs::path base = stdfs::canonical(dir, ec);
  for (auto it = stdfs::recursive_directory_iterator(dir, ec); !ec && it != stdfs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (it->is_symlink(ec)) {
      // A link may not lead out of the directory it was found in.
      auto rel = stdfs::canonical(it->path(), ec).lexically_relative(base);
      if (ec || rel.empty() || *rel.begin() == "..") continue;
    }
    // The iterator's paths start with dir + "/": cut that off (stdfs::relative would
    // canonicalize both paths, a readlink per component per file).
    std::string full = it->path().generic_string();
    out.push_back(full.compare(0, dir.size(), dir) == 0 && full.size() > dir.size() && full[dir.size()] == '/'
                      ? full.substr(dir.size() + 1)
                      : stdfs::relative(it->path(), dir, ec).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

FileStamp stamp_of(const struct stat& st) {
  FileStamp s;
  s.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  s.ctime_ns = static_cast<long long>(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec;
  s.size = static_cast<unsigned long long>(st.st_size);
  s.inode = static_cast<unsigned long long>(st.st_ino);
  s.device = static_cast<unsigned long long>(st.st_dev);
  return s;
}

std::string file_name_of(const std::string& path) {
  auto k = path.rfind('/');
  return k == std::string::npos ? path : path.substr(k + 1);
}

}  // namespace

std::optional<FileStamp> RealFileSystem::stamp(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return stamp_of(st);
}

bool CachingFileSystem::is_dirty(const std::string& path) const {
  if (dirty_.empty() || !dirty_names_.count(file_name_of(path))) return false;
  return dirty_.count(stdfs::path(path).lexically_normal().generic_string()) > 0;
}

std::optional<FileStamp> CachingFileSystem::stamp(const std::string& path) const {
  {
    std::lock_guard l(mu_);
    if (is_dirty(path)) return std::nullopt;
  }
  return RealFileSystem::stamp(path);
}

void CachingFileSystem::mark_changed(const std::vector<std::string>& paths) {
  std::lock_guard l(mu_);
  for (const auto& p : paths) {
    dirty_.insert(stdfs::path(p).lexically_normal().generic_string());
    dirty_names_.insert(file_name_of(p));
  }
}

std::optional<std::string> CachingFileSystem::read(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    std::lock_guard l(mu_);
    cache_.erase(path);
    return std::nullopt;
  }
  FileStamp now = stamp_of(st);
  {
    std::lock_guard l(mu_);
    if (is_dirty(path)) {
      dirty_.erase(stdfs::path(path).lexically_normal().generic_string());
      cache_.erase(path);
    } else {
      auto it = cache_.find(path);
      if (it != cache_.end() && it->second.stamp == now) return it->second.bytes;
    }
  }
  auto bytes = RealFileSystem::read(path);
  if (bytes) {
    std::lock_guard l(mu_);
    cache_[path] = {now, *bytes};
  }
  return bytes;
}

bool RealFileSystem::resolves_inside(const std::string& root, const std::string& path) const {
  // Fast path: path is root/<relative path> and nothing on the way is a symbolic link.
  std::string base = root.empty() ? "." : root;
  std::string rel = root.empty() ? path : path.compare(0, base.size() + 1, base + "/") == 0 ? path.substr(base.size() + 1) : "";
  if (!rel.empty() && path_is_contained(rel)) {
    bool link = false;
    std::string cur = base;
    for (size_t from = 0; from <= rel.size() && !link;) {
      size_t slash = rel.find('/', from);
      if (slash == std::string::npos) slash = rel.size();
      cur += '/';
      cur.append(rel, from, slash - from);
      struct stat st;
      if (::lstat(cur.c_str(), &st) != 0) break;  // does not exist: nothing to follow
      link = S_ISLNK(st.st_mode);
      from = slash + 1;
    }
    if (!link) return true;
  }
  std::error_code ec;
  stdfs::path r = stdfs::weakly_canonical(stdfs::absolute(base, ec), ec);
  if (ec) return false;
  stdfs::path p = stdfs::weakly_canonical(stdfs::absolute(path, ec), ec);
  if (ec) return false;
  auto relp = p.lexically_relative(r);
  return !relp.empty() && *relp.begin() != "..";
}

std::optional<std::string> MemoryFileSystem::read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

bool MemoryFileSystem::is_file(const std::string& path) const { return files_.count(path) > 0; }

std::vector<std::string> MemoryFileSystem::list_files(const std::string& dir) const {
  std::vector<std::string> out;
  std::string prefix = dir.empty() || dir == "." ? "" : dir + "/";
  for (const auto& [p, _] : files_)
    if (p.compare(0, prefix.size(), prefix) == 0) out.push_back(p.substr(prefix.size()));
  return out;
}

std::string path_join(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  if (b.empty() || b == ".") return a;
  if (b[0] == '/') return b;
  return a.back() == '/' ? a + b : a + "/" + b;
}

std::string path_dir(const std::string& p) {
  auto k = p.rfind('/');
  return k == std::string::npos ? std::string() : p.substr(0, k);
}

bool path_is_contained(const std::string& rel) {
  if (rel.empty() || rel[0] == '/' || rel[0] == '\\') return false;
  if (rel.find(':') != std::string::npos && rel.find(':') < rel.find('/')) return false;
  for (size_t from = 0; from <= rel.size();) {  // no ".." component (no std::filesystem::path: no allocations)
    size_t slash = std::min(rel.find('/', from), rel.size());
    if (slash - from == 2 && rel[from] == '.' && rel[from + 1] == '.') return false;
    from = slash + 1;
  }
  return rel.find('\\') == std::string::npos && rel.find('\0') == std::string::npos;
}

}  // namespace annalist
