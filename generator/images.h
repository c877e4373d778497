#pragma once
// Local images that pages show: where a written path points, each file read once (thread-safe)
// and measured, the site path it is copied to, and the diagnostics for a bad one.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "fs.h"
#include "image_header.h"

namespace annalist {

/// Where the site keeps the copies of local images: images/<path relative to the project>.
inline constexpr std::string_view kImageDir = "images/";

/// Where an image destination written on a page points.
struct ImageRef {
  enum Kind { kExternal, kLocal, kBad };
  Kind kind = kExternal;  ///< a URL (left as written), a project file, or a path that is refused
  std::string path;       ///< kLocal: the file as opened (lexically normal, below the project directory)
  std::string rel;        ///< kLocal: relative to the project directory ("chapters/img/x.png")
  std::string suffix;     ///< kLocal: "?…" or "#…" after the path, kept in the link
  std::string problem, hint;  ///< kBad: why and what to do
};

/// Reads the destination url of an image on the page whose source is page_file, in a project
/// whose directory is root: a URL with a scheme or "//" is external; an absolute path or one that
/// climbs out of the project is refused; any other path is a project file.
ImageRef parse_image_ref(std::string_view url, const std::string& page_file, const std::string& root);

/// One local image file, read and measured.
struct ImageFile {
  std::string rel;                           ///< relative to the project directory
  std::shared_ptr<const std::string> bytes;  ///< null when it cannot be used
  std::string hash;                          ///< hash_hex of bytes ("missing" when not read)
  ImageFormat format = ImageFormat::kUnknown;
  ImageSize size;                            ///< 0 x 0 when unknown
  std::string why;                           ///< when bytes is null: why ("does not exist", …)
  std::string size_warning;                  ///< an SVG whose size is not written
  std::vector<std::string> siblings;         ///< missing: image files in its directory (for hints)

  /// Where the copy is written in the site ("images/chapters/img/x.png").
  std::string site_path() const { return std::string(kImageDir) + rel; }
};

/// The images of one build, each read on first use through the project's file system; safe
/// to use from several threads.
class ImageStore {
 public:
  ImageStore(const FileSystem& fs, std::string root) : fs_(fs), root_(std::move(root)) {}
  /// The file a local reference names, read and measured on first use.
  std::shared_ptr<const ImageFile> get(const ImageRef& ref) const;
  /// The file at project-relative path rel (read on first use).
  std::shared_ptr<const ImageFile> get_rel(const std::string& rel) const;

 private:
  std::shared_ptr<const ImageFile> load(const std::string& rel, const std::string& path) const;
  const FileSystem& fs_;
  std::string root_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const ImageFile>> files_;
};

/// Reports why an image written as url at pos cannot be shown (or, for an SVG of unknown size,
/// a warning); nothing for a good one. True when the image can be shown.
bool report_image(const std::string& url, const ImageRef& ref, const ImageFile* file, const SourcePos& pos,
                  Diagnostics& diags);

}  // namespace annalist
