#include "fs.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace annalist {
namespace stdfs = std::filesystem;

std::optional<std::string> RealFileSystem::read(const std::string& path) const {
  std::error_code ec;
  if (!stdfs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string s;
  in.seekg(0, std::ios::end);
  s.resize(static_cast<size_t>(in.tellg()));
  in.seekg(0);
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  return s;
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
    out.push_back(stdfs::relative(it->path(), dir, ec).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> CachingFileSystem::read(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    cache_.erase(path);
    return std::nullopt;
  }
  long long mtime = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  auto it = cache_.find(path);
  if (it != cache_.end() && it->second.mtime_ns == mtime && it->second.size == static_cast<unsigned long long>(st.st_size))
    return it->second.bytes;
  auto bytes = RealFileSystem::read(path);
  if (bytes) cache_[path] = {mtime, static_cast<unsigned long long>(st.st_size), *bytes};
  return bytes;
}

bool RealFileSystem::resolves_inside(const std::string& root, const std::string& path) const {
  std::error_code ec;
  stdfs::path r = stdfs::weakly_canonical(stdfs::absolute(root.empty() ? "." : root, ec), ec);
  if (ec) return false;
  stdfs::path p = stdfs::weakly_canonical(stdfs::absolute(path, ec), ec);
  if (ec) return false;
  auto rel = p.lexically_relative(r);
  return !rel.empty() && *rel.begin() != "..";
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
  for (const auto& part : stdfs::path(rel)) {
    if (part == "..") return false;
  }
  return rel.find('\\') == std::string::npos && rel.find('\0') == std::string::npos;
}

}  // namespace annalist
