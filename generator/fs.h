#pragma once
// Disk access behind a small interface, so tests can use an in-memory tree: reading project
// files, and creating the files of the commands that make a tree (new, import, diff --html).
// The site itself is written by SiteWriter (site_writer.h) on the real disk only: a staging
// directory swapped in by rename, hard links to the old site, a lock and O_NOFOLLOW are what
// it is for, and an in-memory stand-in would test none of them.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct stat;

namespace annalist {

/// What identifies one version of a file without reading it: size, times and inode. A file
/// whose stamp did not change is taken as unchanged (incremental rebuilds).
struct FileStamp {
  long long mtime_ns = 0;
  long long ctime_ns = 0;
  unsigned long long size = 0;
  unsigned long long inode = 0;
  unsigned long long device = 0;
  /// Answered from memory: a watcher reports every change of the file (not part of ==).
  bool reported = false;
  bool operator==(const FileStamp& o) const {
    return mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns && size == o.size && inode == o.inode && device == o.device;
  }
};

/// What a path names, for a command about to create a tree there.
enum class DirState {
  kMissing,       ///< nothing
  kEmpty,         ///< an empty directory
  kNotEmpty,      ///< a directory holding something (or one that cannot be listed)
  kNotDirectory,  ///< a file or anything else
};

/// Access to files; paths are '/'-separated.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// What dir is.
  virtual DirState dir_state(const std::string& dir) const = 0;
  /// Creates the file path holding bytes, and its missing parent directories; never replaces
  /// an existing file. False with the reason in *why when it cannot.
  virtual bool create_file(const std::string& path, const std::string& bytes, std::string* why) = 0;
  /// Writes the file path, replacing one that is there. False with the reason in *why.
  virtual bool replace_file(const std::string& path, const std::string& bytes, std::string* why) = 0;
  /// The file's bytes, or nullopt when it does not exist or is not a regular file.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  /// True when path names an existing regular file.
  virtual bool is_file(const std::string& path) const = 0;
  /// Every regular file below dir (recursive), as paths relative to dir, sorted; when special is
  /// not null, the entries that are neither regular files nor directories (named pipes, sockets,
  /// devices) go there, also relative and sorted.
  virtual std::vector<std::string> list_files(const std::string& dir, std::vector<std::string>* special) const = 0;
  /// Every regular file below dir, as list_files above.
  std::vector<std::string> list_files(const std::string& dir) const { return list_files(dir, nullptr); }
  /// The bytes of an input file: a regular file that, symbolic links followed, lies inside root
  /// ("" = anywhere). The real disk checks the opened file, not the path, so a path swapped for a
  /// link between a check and the read cannot lead out, and never waits on a named pipe. On
  /// failure nullopt and *why says what is wrong: "does not exist", "is a named pipe (FIFO), not
  /// a regular file", "leads outside the project directory (symbolic link)", ….
  virtual std::optional<std::string> read_input(const std::string& root, const std::string& path,
                                                std::string* why) const;
  /// True when path, with symbolic links followed, stays inside root (or does not exist).
  virtual bool resolves_inside(const std::string& root, const std::string& path) const {
    (void)root, (void)path;
    return true;
  }
  /// The file's stamp, or nullopt when it is not a regular file or when this file system cannot
  /// tell (then callers read and compare the bytes).
  virtual std::optional<FileStamp> stamp(const std::string& path) const {
    (void)path;
    return std::nullopt;
  }
  /// A count of the changes reported so far (see changed_names_since).
  virtual unsigned long change_count() const { return 0; }
  /// The file names (last path component) of the files reported changed since change_count()
  /// was since; nullopt when that is not known (no watcher, lost events). A file whose stamp
  /// was `reported` then and whose name is not in the list is unchanged.
  virtual std::optional<std::set<std::string>> changed_names_since(unsigned long since) const {
    (void)since;
    return std::nullopt;
  }
};

/// True when the file at path can be taken as it was read last: its stamp then was `reported`
/// (answered from a watcher's reports) and no change of a file of its name was reported since
/// (`changed`, from changed_names_since; null: not known).
bool reported_unchanged(const FileStamp& last, const std::set<std::string>* changed, const std::string& path);

/// Writes all of bytes to the descriptor fd; false when a write fails.
bool write_all(int fd, std::string_view bytes);

/// The real disk.
class RealFileSystem : public FileSystem {
 public:
  using FileSystem::list_files;
  DirState dir_state(const std::string& dir) const override;
  bool create_file(const std::string& path, const std::string& bytes, std::string* why) override;
  bool replace_file(const std::string& path, const std::string& bytes, std::string* why) override;
  std::optional<std::string> read(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir, std::vector<std::string>* special) const override;
  bool resolves_inside(const std::string& root, const std::string& path) const override;
  std::optional<FileStamp> stamp(const std::string& path) const override;
  std::optional<std::string> read_input(const std::string& root, const std::string& path,
                                        std::string* why) const override;

 protected:
  /// Opens path for reading without blocking and checks the descriptor: a regular file inside
  /// root ("" = anywhere). Returns the descriptor (and its stat), or -1 with *why set.
  int open_input(const std::string& root, const std::string& path, struct stat* st, std::string* why) const;
  /// Reads the whole file behind fd (of size st_size as far as known) and closes fd.
  static std::string read_fd(int fd, long long size_hint);
};

/// An in-memory tree for tests: path -> bytes.
class MemoryFileSystem : public FileSystem {
 public:
  /// Adds or replaces a file.
  void put(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
  /// Adds an empty directory.
  void put_dir(const std::string& path) { dirs_.insert(path); }
  using FileSystem::list_files;
  DirState dir_state(const std::string& dir) const override;
  bool create_file(const std::string& path, const std::string& bytes, std::string* why) override;
  bool replace_file(const std::string& path, const std::string& bytes, std::string* why) override;
  std::optional<std::string> read(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir, std::vector<std::string>* special) const override;

 private:
  std::map<std::string, std::string> files_;
  std::set<std::string> dirs_;  // empty directories made with put_dir
};

/// The real disk, remembering what it read: a file whose stamp did not change is not read
/// again (serve rebuilds on every save). Paths reported as changed (by inotify) are read again
/// and have no stamp until then, whatever their times say (a timestamp tick may hide a save).
/// Once told that a watcher reports every change below some roots (trust_events), the stamp of
/// a file read there is answered from memory until the file is marked changed: no stat.
/// Thread-safe.
class CachingFileSystem : public RealFileSystem {
 public:
  std::optional<std::string> read(const std::string& path) const override;
  std::optional<std::string> read_input(const std::string& root, const std::string& path,
                                        std::string* why) const override;
  std::optional<FileStamp> stamp(const std::string& path) const override;
  unsigned long change_count() const override;
  std::optional<std::set<std::string>> changed_names_since(unsigned long since) const override;
  /// Marks files as changed since they were last read.
  void mark_changed(const std::vector<std::string>& paths);
  /// Changes may have gone unreported (lost events): every stamp is asked of the disk again
  /// (once; it is trusted again after that).
  void mark_all_changed();
  /// A watcher now reports every change of a file below roots (recursively, but not in a
  /// directory whose name starts with '.' or is _site); empty: nothing is reported. A file read
  /// there by its own path (no symbolic link, one hard link) keeps its stamp until marked
  /// changed. The stamps of files read before are checked on the disk once more (now).
  void trust_events(const std::vector<std::string>& roots);

 private:
  struct Entry {
    FileStamp stamp;
    std::string bytes;
    bool direct = false;   ///< opened by its own path: no symbolic link on the way, one hard link
    bool trusted = false;  ///< direct, and below a root whose changes are reported
    unsigned long checked = 0;  ///< the epoch_ in which the stamp was last seen on the disk
  };
  bool is_dirty(const std::string& path) const;  // mu_ held
  bool watched(const std::string& path) const;   // mu_ held: path lies where changes are reported
  std::vector<std::string> roots_;               ///< absolute, where changes are reported
  unsigned long epoch_ = 1;                      ///< bumped when stamps must be checked again
  unsigned long changes_ = 0;                    ///< change_count()
  unsigned long forgotten_ = 0;                  ///< changes up to this one are not in journal_
  std::vector<std::pair<unsigned long, std::string>> journal_;  ///< (change, file name) reported
  // The cached bytes when the file behind fd (stat st) is the one cached, else the bytes read.
  std::string read_cached(const std::string& path, int fd, const struct stat& st) const;
  mutable std::shared_mutex mu_;  ///< shared: looking up a stamp; unique: everything else
  mutable std::unordered_map<std::string, Entry> cache_;
  mutable std::set<std::string> dirty_;        ///< lexically normal paths changed since last read
  mutable std::set<std::string> dirty_names_;  ///< their file names (a cheap first test)
};

/// a/b joined with one '/', "." and empty parts dropped.
std::string path_join(const std::string& a, const std::string& b);
/// The directory part of a '/'-path ("" when there is none).
std::string path_dir(const std::string& p);
/// True when a relative path stays inside its base (no "..", not absolute).
bool path_is_contained(const std::string& rel);

}  // namespace annalist
