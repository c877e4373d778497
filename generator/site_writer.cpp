#include "site_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "fs.h"

namespace annalist {
namespace stdfs = std::filesystem;

bool has_site_marker(const std::string& dir) {
  std::error_code ec;
  return stdfs::is_regular_file(stdfs::path(dir) / kSiteMarker, ec);
}

namespace {

/// What a staging directory's marker says until the build commits.
constexpr std::string_view kStagingMarker = "annalist-staging\n";

// ".<out's name><suffix>": the names annalist uses beside the output directory.
std::string beside_name(const stdfs::path& out, const char* suffix) {
  std::string name = ".";
  name += out.filename().string();
  name += suffix;
  return name;
}

std::string staging_prefix(const stdfs::path& out) { return beside_name(out, ".annalist-tmp-"); }

// A staging directory (or, after the swap, the previous site) that a killed build left: named
// by annalist (the prefix and a process id), a directory and not a link, and marked as
// annalist's own (or empty: killed before its marker was written).
bool is_stale_own(const stdfs::path& dir, const std::string& prefix) {
  std::string name = dir.filename().string();
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
      !std::all_of(name.begin() + static_cast<long>(prefix.size()), name.end(),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  struct stat st;
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  if (::lstat((dir / kSiteMarker).c_str(), &st) == 0) return S_ISREG(st.st_mode);
  std::error_code ec;
  return stdfs::is_empty(dir, ec) && !ec;
}

}  // namespace

void remove_marked_directory(const std::string& dir, const std::function<void()>& before_each) {
  // Everything but the marker first, the marker and the directory last: a removal cut short (a
  // build killed while deleting the previous site) leaves a directory the next build still
  // recognises as annalist's, never an unmarked half of a site.
  std::error_code ec;
  std::vector<stdfs::path> entries;
  for (auto& e : stdfs::directory_iterator(dir, ec))
    if (e.path().filename() != kSiteMarker) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    if (before_each) before_each();
    stdfs::remove_all(e, ec);
    if (ec) return;
  }
  if (before_each) before_each();
  stdfs::remove(stdfs::path(dir) / kSiteMarker, ec);
  stdfs::remove(dir, ec);
}

namespace {

// Stale staging/old directories of earlier, killed builds: ours only. Called under the lock, so
// no running build's staging directory is among them.
void remove_stale(const stdfs::path& out) {
  std::error_code ec;
  std::string prefix = staging_prefix(out);
  std::vector<stdfs::path> stale;
  for (auto& e : stdfs::directory_iterator(out.parent_path(), ec))
    if (is_stale_own(e.path(), prefix)) stale.push_back(e.path());
  for (const auto& dir : stale) remove_marked_directory(dir.string());
}

}  // namespace

void remove_stale_output(const std::string& out_dir) {
  stdfs::path out = absolute_clean(out_dir);
  if (!out.has_parent_path() || out == out.root_path()) return;
  OutputLock lock;
  if (lock.acquire(out_dir).empty()) remove_stale(out);
}

std::string OutputLock::acquire(const std::string& out_dir) {
  release();
  stdfs::path out = absolute_clean(out_dir);
  std::string path = (out.parent_path() / beside_name(out, ".annalist-lock")).string();
  for (int attempt = 0; attempt < 100; ++attempt) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) return "cannot create the lock file " + path + ": " + std::strerror(errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int e = errno;
      ::close(fd);
      if (e == EWOULDBLOCK) return "another build is writing " + out_dir;
      return "cannot lock " + path + ": " + std::strerror(e);
    }
    // Its last holder may have removed the file between our open and our lock: lock the new one.
    struct stat held, named;
    if (::fstat(fd, &held) == 0 && ::lstat(path.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev) {
      fd_ = fd;
      path_ = path;
      return {};
    }
    ::close(fd);
  }
  return "another build is writing " + out_dir;
}

void OutputLock::release() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());  // while still holding it, so nobody locks a file about to go
  ::close(fd_);
  fd_ = -1;
}

std::string read_site_marker(const std::string& out_dir) {
  std::ifstream in(stdfs::path(out_dir) / kSiteMarker, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return s;
}

bool site_is_intact(const std::string& out_dir, const std::string& head) {
  std::string marker = read_site_marker(out_dir);
  if (marker.compare(0, head.size(), head) != 0) return false;
  std::istringstream lines(marker.substr(head.size()));
  bool listed = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("file ", 0) != 0) continue;  // other lines (images) are checked elsewhere
    size_t space = line.find(' ', 5);
    if (space == std::string::npos) return false;
    struct stat st;
    std::string path = (stdfs::path(out_dir) / line.substr(space + 1)).string();
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
        std::to_string(st.st_size) != std::string_view(line).substr(5, space - 5))
      return false;
    listed = true;
  }
  return listed;
}

SiteWriter::~SiteWriter() {
  if (!staging_.empty()) abort();
  stop();
}

bool SiteWriter::begin(const std::string& out_dir, const InputPaths& inputs, Diagnostics& diags) {
  if (OutputProblem p = check_site_output(out_dir, inputs); !p.why.empty()) {
    diags.error({out_dir, 0, 0}, p.why, p.hint);
    return false;
  }
  stdfs::path out = absolute_clean(out_dir);
  std::error_code ec;
  stdfs::create_directories(out.parent_path(), ec);
  if (std::string busy = lock_.acquire(out_dir); !busy.empty()) {
    bool other = busy.rfind("another", 0) == 0;
    diags.error({out_dir, 0, 0}, busy, other ? "wait for it to finish, or write elsewhere with -o" : "check permissions");
    return false;
  }
  remove_stale(out);
  out_dir_ = out.string();
  std::string staging = (out.parent_path() / (staging_prefix(out) + std::to_string(getpid()))).string();
  // Marked as annalist's own from its start, so that a later build may remove it if this one dies.
  bool made = stdfs::create_directory(staging, ec);
  if (made) staging_ = staging;
  int marker = -1;
  if (!made || (staging_fd_ = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
      (marker = ::openat(staging_fd_, kSiteMarker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0 ||
      !write_all(marker, kStagingMarker)) {
    std::string why = ec ? ec.message() : made ? std::strerror(errno) : "it exists and is not annalist's";
    if (marker >= 0) ::close(marker);
    diags.error({out_dir, 0, 0}, "cannot create the staging directory " + staging + ": " + why, "check permissions");
    abort();
    return false;
  }
  ::close(marker);
  // The site being replaced: files whose bytes do not change are linked from it, not written.
  if (has_site_marker(out.string())) old_fd_ = ::open(out_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  thread_ = std::thread([this] { run(); });
  return true;
}

void SiteWriter::write(const std::string& rel_path, std::string bytes) {
  files_ += 1;
  enqueue({rel_path, std::move(bytes), 0});
}

void SiteWriter::write_piece(const std::string& rel_path, std::string piece, bool last) {
  if (last) files_ += 1;
  enqueue({rel_path, std::move(piece), last ? 2 : 1});
}

void SiteWriter::enqueue(Item&& item) {
  constexpr size_t kMaxQueued = size_t{2} << 20;
  bytes_ += item.bytes.size();
  std::unique_lock l(mu_);
  if (item.mode == 0) sizes_[item.path] = item.bytes.size();
  else sizes_[item.path] += item.bytes.size();
  if (queued_bytes_ >= kMaxQueued && item.mode == 0) {
    // The disk is behind: write this file here rather than wait or queue more.
    l.unlock();
    write_file(item.path, item.bytes);
    return;
  }
  cv_.wait(l, [&] { return queued_bytes_ < kMaxQueued || stopping_; });
  queued_bytes_ += item.bytes.size();
  queue_.push_back(std::move(item));
  cv_.notify_all();
}

bool SiteWriter::take(bool any, Item* out) {
  // Pieces must be written in order, so only the writer thread takes them.
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    if (!any && it->mode != 0) continue;
    *out = std::move(*it);
    queue_.erase(it);
    ++busy_;
    return true;
  }
  return false;
}

void SiteWriter::done_with(const Item& item) {
  --busy_;
  queued_bytes_ -= item.bytes.size();
  cv_.notify_all();
}

void SiteWriter::run() {
  std::unique_lock l(mu_);
  while (true) {
    cv_.wait(l, [&] { return !queue_.empty() || stopping_; });
    Item item;
    if (!take(true, &item)) return;
    l.unlock();
    if (item.mode == 0) write_file(item.path, item.bytes);
    else write_piece_now(item);
    l.lock();
    done_with(item);
  }
}

void SiteWriter::stop() {
  // This thread has nothing else to do: help with the whole files still queued.
  std::unique_lock l(mu_);
  Item item;
  while (thread_.joinable() && take(false, &item)) {
    l.unlock();
    write_file(item.path, item.bytes);
    l.lock();
    done_with(item);
  }
  stopping_ = true;
  l.unlock();
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (const auto& [path, f] : open_)
    if (f.fd >= 0) ::close(f.fd);
  open_.clear();
  if (staging_fd_ >= 0) ::close(staging_fd_);
  staging_fd_ = -1;
  if (old_fd_ >= 0) ::close(old_fd_);
  old_fd_ = -1;
}

void SiteWriter::make_parent(const std::string& rel_path) {
  auto slash = rel_path.rfind('/');
  if (slash == std::string::npos) return;
  std::lock_guard l(dirs_mu_);
  if (dirs_.insert(rel_path.substr(0, slash)).second) {
    std::error_code ec;
    stdfs::create_directories(stdfs::path(staging_) / rel_path.substr(0, slash), ec);
  }
}

int SiteWriter::create(const std::string& rel_path) {
  make_parent(rel_path);
  return ::openat(staging_fd_, rel_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

int SiteWriter::open_old_parent(const std::string& rel_path, std::string* name) const {
  int dir = ::dup(old_fd_);
  size_t start = 0;
  for (size_t slash; dir >= 0 && (slash = rel_path.find('/', start)) != std::string::npos; start = slash + 1) {
    std::string part = rel_path.substr(start, slash - start);
    int next = part == ".." ? -1 : ::openat(dir, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ::close(dir);
    dir = next;
  }
  *name = rel_path.substr(start);
  return dir;
}

bool SiteWriter::link_unchanged(const std::string& rel_path, std::string_view bytes) {
  // Reading a file back costs less than writing a new one (no new inode, nothing for the disk
  // to write back), and the old site's inodes then live on instead of being freed when it goes.
  // No link in the old site is followed, neither the file nor a directory on its way.
  if (old_fd_ < 0) return false;
  std::string name;
  int dir = open_old_parent(rel_path, &name);
  if (dir < 0) return false;
  int fd = ::openat(dir, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) != bytes.size()) {
    if (fd >= 0) ::close(fd);
    ::close(dir);
    return false;
  }
  char buf[1 << 16];
  size_t off = 0;
  bool same = true;
  while (same && off < bytes.size()) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, bytes.size() - off));
    same = n > 0 && std::memcmp(buf, bytes.data() + off, static_cast<size_t>(n)) == 0;
    off += n > 0 ? static_cast<size_t>(n) : 0;
  }
  ::close(fd);
  if (same) make_parent(rel_path);
  same = same && ::linkat(dir, name.c_str(), staging_fd_, rel_path.c_str(), 0) == 0;
  ::close(dir);
  if (!same) return false;
  // The name may have been swapped since it was read: keep the link only if it is that file.
  struct stat linked;
  if (::fstatat(staging_fd_, rel_path.c_str(), &linked, AT_SYMLINK_NOFOLLOW) == 0 && linked.st_ino == st.st_ino &&
      linked.st_dev == st.st_dev)
    return true;
  ::unlinkat(staging_fd_, rel_path.c_str(), 0);
  return false;
}

void SiteWriter::fail(const std::string& rel_path) {
  std::lock_guard l(dirs_mu_);
  if (!failed_) fail_msg_ = "cannot write " + (stdfs::path(staging_) / rel_path).string();
  failed_ = true;
}

void SiteWriter::write_file(const std::string& rel_path, std::string_view bytes) {
  if (link_unchanged(rel_path, bytes)) return;
  int fd = create(rel_path);
  bool ok = fd >= 0 && write_all(fd, bytes);
  if (fd >= 0) ::close(fd);
  if (!ok) fail(rel_path);
}

void SiteWriter::write_piece_now(const Item& item) {
  // Pieces are gathered into large writes: many small appends to a new file cost the kernel
  // more than the copying (each fresh page cache folio is zeroed before a partial write).
  constexpr size_t kChunk = size_t{256} << 10;
  auto it = open_.find(item.path);
  if (it == open_.end()) it = open_.emplace(item.path, OpenFile{create(item.path), {}}).first;
  OpenFile& f = it->second;
  f.buffer += item.bytes;
  bool ok = f.fd >= 0;
  if (ok && (f.buffer.size() >= kChunk || item.mode == 2)) {
    ok = write_all(f.fd, f.buffer);
    f.buffer.clear();
  }
  if (item.mode == 2) {
    if (f.fd >= 0) ::close(f.fd);
    open_.erase(it);
  }
  if (!ok) fail(item.path);
}

bool SiteWriter::commit(const std::string& marker_text, Diagnostics& diags) {
  std::string marker = marker_text;
  {
    std::lock_guard l(mu_);
    for (const auto& [path, size] : sizes_) marker += "file " + std::to_string(size) + " " + path + "\n";
  }
  write(kSiteMarker, std::move(marker));
  stop();
  if (failed_) {
    diags.error({out_dir_, 0, 0}, fail_msg_, "check free space and permissions");
    abort();
    return false;
  }
  std::error_code ec;
  if (stdfs::exists(out_dir_, ec)) {
    // Swap both directories in one step, so the site is never missing or half-written.
    if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_dir_.c_str(), RENAME_EXCHANGE) != 0) {
      diags.error({out_dir_, 0, 0}, "cannot replace the output directory", "check permissions");
      abort();
      return false;
    }
    remove_marked_directory(staging_);  // now the previous site
  } else if (::rename(staging_.c_str(), out_dir_.c_str()) != 0) {
    diags.error({out_dir_, 0, 0}, "cannot create the output directory", "check permissions");
    abort();
    return false;
  }
  staging_.clear();
  lock_.release();
  return true;
}

void SiteWriter::abort() {
  stop();
  if (!staging_.empty()) remove_marked_directory(staging_);
  staging_.clear();
  lock_.release();
}

}  // namespace annalist
