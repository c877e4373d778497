#include "fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <algorithm>
#include <filesystem>

namespace annalist {
namespace stdfs = std::filesystem;

namespace {

// What a file that is not a regular file is, for an error message.
std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

// The real path of the file open as fd ("" when /proc cannot tell).
std::string fd_path(int fd) {
  char buf[4096];
  std::string link = "/proc/self/fd/" + std::to_string(fd);
  ssize_t n = ::readlink(link.c_str(), buf, sizeof buf);
  if (n <= 0 || static_cast<size_t>(n) == sizeof buf || buf[0] != '/') return {};
  return std::string(buf, static_cast<size_t>(n));
}

// True when real path p is dir or lies below it.
bool below(const std::string& p, const std::string& dir) {
  if (dir == "/") return true;
  return p.compare(0, dir.size(), dir) == 0 && (p.size() == dir.size() || p[dir.size()] == '/');
}

}  // namespace

std::string RealFileSystem::read_fd(int fd, long long size_hint) {
  // Sized by fstat, with one spare byte to see the end without growing the string (growing
  // would double its capacity: every page kept twice its size); /proc files report size 0.
  std::string s(static_cast<size_t>(size_hint > 0 ? size_hint : 0) + 1, '\0');
  size_t got = 0;
  while (true) {
    if (got == s.size()) s.resize(s.size() * 2);
    ssize_t n = ::read(fd, s.data() + got, s.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  s.resize(got);
  if (s.capacity() > got + got / 8 + 64) s.shrink_to_fit();
  return s;
}

int RealFileSystem::open_input(const std::string& root, const std::string& path, struct stat* st,
                               std::string* why) const {
  // O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused just below).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    int e = errno;
    *why = e == ENOENT || e == ENOTDIR ? "does not exist"
           : e == ELOOP                ? "is a symbolic link that leads in a circle"
                                       : std::string("cannot be read: ") + std::strerror(e);
    return -1;
  }
  if (::fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
    *why = "is " + kind_of(st->st_mode) + ", not a regular file";
    ::close(fd);
    return -1;
  }
  if (!root.empty()) {
    // Inside root: the file actually opened, by its real path, against root's real path. Without
    // /proc, the path is checked instead (racy, but the best that can be done).
    std::string real = fd_path(fd);
    char* r = ::realpath(root.c_str(), nullptr);
    std::string real_root = r ? r : "";
    std::free(r);
    bool inside = !real.empty() && !real_root.empty() ? below(real, real_root) : resolves_inside(root, path);
    if (!inside) {
      *why = "leads outside the project directory (symbolic link)";
      ::close(fd);
      return -1;
    }
  }
  return fd;
}

std::optional<std::string> RealFileSystem::read(const std::string& path) const {
  struct stat st;
  std::string why;
  int fd = open_input("", path, &st, &why);
  if (fd < 0) return std::nullopt;
  return read_fd(fd, static_cast<long long>(st.st_size));
}

std::optional<std::string> RealFileSystem::read_input(const std::string& root, const std::string& path,
                                                      std::string* why) const {
  struct stat st;
  int fd = open_input(root, path, &st, why);
  if (fd < 0) return std::nullopt;
  return read_fd(fd, static_cast<long long>(st.st_size));
}

std::optional<std::string> FileSystem::read_input(const std::string& root, const std::string& path,
                                                  std::string* why) const {
  if (!root.empty() && !resolves_inside(root, path)) {
    *why = "leads outside the project directory (symbolic link)";
    return std::nullopt;
  }
  auto bytes = read(path);
  if (!bytes) *why = "does not exist";
  return bytes;
}

bool RealFileSystem::is_file(const std::string& path) const {
  std::error_code ec;
  return stdfs::is_regular_file(path, ec);
}

std::vector<std::string> RealFileSystem::list_files(const std::string& dir, std::vector<std::string>* special) const {
  std::vector<std::string> out;
  std::error_code ec;
  if (!stdfs::is_directory(dir, ec)) return out;
  stdfs::path base = stdfs::canonical(dir, ec);
  for (auto it = stdfs::recursive_directory_iterator(dir, ec); !ec && it != stdfs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) {
      auto type = it->status(ec).type();
      if (special && !ec &&
          (type == stdfs::file_type::fifo || type == stdfs::file_type::socket || type == stdfs::file_type::block ||
           type == stdfs::file_type::character))
        special->push_back(stdfs::relative(it->path(), dir, ec).generic_string());
      ec.clear();
      continue;
    }
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
  if (special) std::sort(special->begin(), special->end());
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

bool reported_unchanged(const FileStamp& last, const std::set<std::string>* changed, const std::string& path) {
  return last.reported && changed && !changed->count(file_name_of(path));
}

bool CachingFileSystem::is_dirty(const std::string& path) const {
  if (dirty_.empty() || !dirty_names_.count(file_name_of(path))) return false;
  return dirty_.count(stdfs::path(path).lexically_normal().generic_string()) > 0;
}

namespace {

// path made absolute and lexically normal, without a trailing '/'.
std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  std::string s = stdfs::absolute(path, ec).lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

bool CachingFileSystem::watched(const std::string& path) const {
  std::string abs = absolute_normal(path);
  for (const auto& root : roots_) {
    if (abs.size() <= root.size() + 1 || abs.compare(0, root.size(), root) != 0 || abs[root.size()] != '/') continue;
    // The watcher skips directories named .* and _site: nothing below them is reported.
    bool skipped = false;
    for (size_t from = root.size() + 1, slash; (slash = abs.find('/', from)) != std::string::npos; from = slash + 1)
      skipped = skipped || abs[from] == '.' || abs.compare(from, slash - from, "_site") == 0;
    if (!skipped) return true;
  }
  return false;
}

std::optional<FileStamp> CachingFileSystem::stamp(const std::string& path) const {
  unsigned long epoch;
  {
    std::shared_lock l(mu_);
    if (is_dirty(path)) return std::nullopt;
    auto it = cache_.find(path);
    if (it != cache_.end() && it->second.trusted && it->second.checked == epoch_) {
      FileStamp s = it->second.stamp;
      s.reported = true;
      return s;
    }
    epoch = epoch_;
  }
  auto now = RealFileSystem::stamp(path);
  std::lock_guard l(mu_);
  auto it = cache_.find(path);
  if (now && it != cache_.end() && it->second.stamp == *now && !is_dirty(path)) it->second.checked = epoch;
  return now;
}

void CachingFileSystem::mark_changed(const std::vector<std::string>& paths) {
  std::lock_guard l(mu_);
  ++changes_;
  if (journal_.size() + paths.size() > 10000) {  // a long session: forget the oldest
    forgotten_ = changes_;
    journal_.clear();
  }
  for (const auto& p : paths) {
    dirty_.insert(stdfs::path(p).lexically_normal().generic_string());
    dirty_names_.insert(file_name_of(p));
    journal_.emplace_back(changes_, file_name_of(p));
  }
}

void CachingFileSystem::mark_all_changed() {
  std::lock_guard l(mu_);
  ++epoch_;
  forgotten_ = ++changes_;
  journal_.clear();
}

unsigned long CachingFileSystem::change_count() const {
  std::shared_lock l(mu_);
  return changes_;
}

std::optional<std::set<std::string>> CachingFileSystem::changed_names_since(unsigned long since) const {
  std::shared_lock l(mu_);
  if (roots_.empty() || since < forgotten_) return std::nullopt;
  std::set<std::string> names;
  for (const auto& [change, name] : journal_)
    if (change > since) names.insert(name);
  return names;
}

void CachingFileSystem::trust_events(const std::vector<std::string>& roots) {
  std::vector<std::string> paths;
  {
    std::lock_guard l(mu_);
    roots_.clear();
    for (const auto& r : roots) roots_.push_back(absolute_normal(r));
    ++epoch_;
    forgotten_ = ++changes_;
    journal_.clear();
    for (auto& [path, e] : cache_) {
      e.trusted = e.direct && watched(path);
      paths.push_back(path);
    }
  }
  for (const auto& p : paths) stamp(p);  // what was read before the watch began, checked once
}

std::string CachingFileSystem::read_cached(const std::string& path, int fd, const struct stat& st) const {
  FileStamp now = stamp_of(st);
  unsigned long epoch;
  {
    std::lock_guard l(mu_);
    epoch = epoch_;
    if (is_dirty(path)) {
      dirty_.erase(stdfs::path(path).lexically_normal().generic_string());
      cache_.erase(path);
    } else {
      auto it = cache_.find(path);
      if (it != cache_.end() && it->second.stamp == now) {
        ::close(fd);
        it->second.checked = epoch;
        return it->second.bytes;
      }
    }
  }
  bool direct = st.st_nlink == 1 && fd_path(fd) == absolute_normal(path);
  std::string bytes = read_fd(fd, static_cast<long long>(st.st_size));
  std::lock_guard l(mu_);
  cache_[path] = {now, bytes, direct, direct && watched(path), epoch};
  return bytes;
}

std::optional<std::string> CachingFileSystem::read(const std::string& path) const {
  std::string why;
  return read_input("", path, &why);
}

std::optional<std::string> CachingFileSystem::read_input(const std::string& root, const std::string& path,
                                                         std::string* why) const {
  struct stat st;
  int fd = open_input(root, path, &st, why);
  if (fd < 0) {
    std::lock_guard l(mu_);
    cache_.erase(path);
    return std::nullopt;
  }
  return read_cached(path, fd, st);
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

bool write_all(int fd, std::string_view bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

namespace {

bool open_and_write(const std::string& path, int flags, const std::string& bytes, std::string* why) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | flags, 0644);
  if (fd < 0) {
    *why = std::strerror(errno);
    return false;
  }
  bool ok = write_all(fd, bytes);
  ok = ::close(fd) == 0 && ok;
  if (!ok) *why = "write failed (" + std::string(std::strerror(errno)) + ")";
  return ok;
}

}  // namespace

DirState RealFileSystem::dir_state(const std::string& dir) const {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  if (!stdfs::exists(stdfs::symlink_status(dir, ec))) return DirState::kMissing;
  if (!stdfs::is_directory(dir, ec)) return DirState::kNotDirectory;
  if (!stdfs::is_empty(dir, ec) || ec) return DirState::kNotEmpty;
  return DirState::kEmpty;
}

bool RealFileSystem::create_file(const std::string& path, const std::string& bytes, std::string* why) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) {
    *why = ec.message();
    return false;
  }
  return open_and_write(path, O_CREAT | O_EXCL | O_NOFOLLOW, bytes, why);  // never an existing file
}

bool RealFileSystem::replace_file(const std::string& path, const std::string& bytes, std::string* why) {
  return open_and_write(path, O_CREAT | O_TRUNC, bytes, why);
}

DirState MemoryFileSystem::dir_state(const std::string& dir) const {
  if (files_.count(dir)) return DirState::kNotDirectory;
  std::string prefix = dir + "/";
  auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) return DirState::kNotEmpty;
  return dirs_.count(dir) ? DirState::kEmpty : DirState::kMissing;
}

bool MemoryFileSystem::create_file(const std::string& path, const std::string& bytes, std::string* why) {
  if (files_.count(path)) {
    *why = std::strerror(EEXIST);
    return false;
  }
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    if (files_.count(path.substr(0, slash))) {  // a parent that is a file
      *why = std::strerror(ENOTDIR);
      return false;
    }
  }
  files_[path] = bytes;
  return true;
}

bool MemoryFileSystem::replace_file(const std::string& path, const std::string& bytes, std::string* why) {
  if (dir_state(path) == DirState::kNotEmpty || dirs_.count(path)) {
    *why = std::strerror(EISDIR);
    return false;
  }
  files_[path] = bytes;
  return true;
}

std::optional<std::string> MemoryFileSystem::read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

bool MemoryFileSystem::is_file(const std::string& path) const { return files_.count(path) > 0; }

std::vector<std::string> MemoryFileSystem::list_files(const std::string& dir, std::vector<std::string>*) const {
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
