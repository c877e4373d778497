#pragma once
// Atomic site output: write a staging directory, then swap it in; never touch foreign files.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "diagnostic.h"
#include "output_safety.h"

namespace annalist {

/// The marker file annalist writes in every site it owns.
inline constexpr const char* kSiteMarker = ".annalist-site";

/// Keeps two builds from writing one output directory at once: an flock on
/// `.<out>.annalist-lock` beside it, removed when released.
class OutputLock {
 public:
  OutputLock() = default;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock() { release(); }
  /// Takes the lock without waiting: "" when taken, else why not ("another build is writing …").
  std::string acquire(const std::string& out_dir);
  /// Removes the lock file and lets the lock go.
  void release();

 private:
  int fd_ = -1;
  std::string path_;
};

/// Writes a whole site into a staging directory and swaps it over the output directory.
/// Files are written by one background thread in the order they are handed over: the
/// rendering threads never wait for the disk, and file creation in one directory (serialized
/// by the kernel anyway) does not make threads spin on the directory's lock.
class SiteWriter {
 public:
  ~SiteWriter();
  /// Checks that out_dir is safe to own (check_site_output), takes its lock and creates the
  /// staging directory.
  bool begin(const std::string& out_dir, const InputPaths& inputs, Diagnostics& diags);
  /// Queues one file to be written below the staging directory; safe from several threads.
  /// Waits while too many bytes are queued.
  void write(const std::string& rel_path, std::string bytes);
  /// Queues the next piece of a file written in pieces (from one thread, in order); last ends it.
  void write_piece(const std::string& rel_path, std::string piece, bool last);
  /// Writes the marker (the given text, then a line "file <size> <path>" per file written, sorted)
  /// and swaps the staging directory in.
  bool commit(const std::string& marker_text, Diagnostics& diags);
  /// Removes the staging directory (after a failed build).
  void abort();
  /// Number of files handed over so far.
  size_t files_written() const { return files_; }
  /// Bytes handed over so far.
  size_t bytes_written() const { return bytes_; }

 private:
  struct Item {
    std::string path, bytes;
    int mode = 0;  ///< 0 a whole file, 1 a piece, 2 the last piece
  };
  struct OpenFile {
    int fd = -1;
    std::string buffer;  ///< pieces not yet written
  };
  void enqueue(Item&& item);
  bool take(bool any, Item* out);                 ///< under mu_: the next item (any, or a whole file)
  void done_with(const Item& item);               ///< under mu_
  void run();                                     ///< the writer thread
  int create(const std::string& rel_path);        ///< opens a new file below staging
  void make_parent(const std::string& rel_path);  ///< creates the file's directory below staging
  /// Links the old site's file into staging when its bytes are these; false otherwise.
  bool link_unchanged(const std::string& rel_path, std::string_view bytes);
  /// Opens the old site's directory holding rel_path, following no link; -1 when there is none.
  int open_old_parent(const std::string& rel_path, std::string* name) const;
  void write_file(const std::string& rel_path, std::string_view bytes);  ///< any thread
  void write_piece_now(const Item& item);         ///< writer thread only
  void fail(const std::string& rel_path);
  void stop();                                    ///< writes what is queued, joins the thread

  std::string out_dir_, staging_;
  OutputLock lock_;
  int staging_fd_ = -1;
  int old_fd_ = -1;                               ///< the site being replaced, when there is one
  std::atomic<size_t> files_{0}, bytes_{0};
  std::atomic<bool> failed_{false};
  std::string fail_msg_;
  std::mutex dirs_mu_;
  std::set<std::string> dirs_;  ///< directories already created below staging
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;                        ///< files waiting to be written
  std::map<std::string, OpenFile> open_;          ///< files being written in pieces (writer thread only)
  std::map<std::string, size_t> sizes_;           ///< every file handed over and its size (under mu_)
  size_t queued_bytes_ = 0, busy_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

/// True when dir holds annalist's marker (a regular file).
bool has_site_marker(const std::string& dir);

/// The marker text of an existing site ("" when there is none).
std::string read_site_marker(const std::string& out_dir);

/// True when out_dir's marker starts with head and every file it lists ("file" lines) is there, a regular file of its recorded size: a cheap check that nothing was removed
/// or cut short since the build. Files added since are not looked for.
bool site_is_intact(const std::string& out_dir, const std::string& head);

/// Removes the staging and previous-site directories that killed builds left beside out_dir
/// (only directories named and marked as annalist's own; nothing while another build writes).
void remove_stale_output(const std::string& out_dir);

/// Removes a staging or previous-site directory, its marker last, so that a removal cut short
/// leaves a directory still marked as annalist's. before_each (for tests) runs before each step.
void remove_marked_directory(const std::string& dir, const std::function<void()>& before_each = {});

}  // namespace annalist
