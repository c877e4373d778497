#pragma once
// Disk access behind a small interface, so tests can use an in-memory tree.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace annalist {

/// Read-only access to project files; paths are '/'-separated.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// The file's bytes, or nullopt when it does not exist or is not a regular file.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  /// True when path names an existing regular file.
  virtual bool is_file(const std::string& path) const = 0;
  /// Every regular file below dir (recursive), as paths relative to dir, sorted.
  virtual std::vector<std::string> list_files(const std::string& dir) const = 0;
  /// True when path, with symbolic links followed, stays inside root (or does not exist).
  virtual bool resolves_inside(const std::string& root, const std::string& path) const {
    (void)root, (void)path;
    return true;
  }
};

/// The real disk.
class RealFileSystem : public FileSystem {
 public:
  std::optional<std::string> read(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir) const override;
  bool resolves_inside(const std::string& root, const std::string& path) const override;
};

/// An in-memory tree for tests: path -> bytes.
class MemoryFileSystem : public FileSystem {
 public:
  /// Adds or replaces a file.
  void put(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
  std::optional<std::string> read(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
  std::vector<std::string> list_files(const std::string& dir) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// The real disk, remembering what it read: a file whose size and modification time did not
/// change is not read again (serve rebuilds on every save).
class CachingFileSystem : public RealFileSystem {
 public:
  std::optional<std::string> read(const std::string& path) const override;

 private:
  struct Entry {
    long long mtime_ns = 0;
    unsigned long long size = 0;
    std::string bytes;
  };
  mutable std::map<std::string, Entry> cache_;
};

/// a/b joined with one '/', "." and empty parts dropped.
std::string path_join(const std::string& a, const std::string& b);
/// The directory part of a '/'-path ("" when there is none).
std::string path_dir(const std::string& p);
/// True when a relative path stays inside its base (no "..", not absolute).
bool path_is_contained(const std::string& rel);

}  // namespace annalist
