#pragma once
// The pixel size of an image, read from its file header (PNG IHDR, JPEG SOF, GIF screen, WebP
// VP8/VP8L/VP8X, AVIF ispe, SVG width/height/viewBox), so that pages reserve its space.
#include <string>
#include <string_view>

namespace annalist {

/// The image formats a page may show.
enum class ImageFormat { kUnknown, kPng, kJpeg, kGif, kWebp, kAvif, kSvg };

/// An image's size in CSS pixels; 0 when unknown.
struct ImageSize {
  int width = 0;   ///< pixels, 0 = unknown
  int height = 0;  ///< pixels, 0 = unknown
};

/// The format a file name's extension names (case-insensitive: .png .jpg .jpeg .gif .webp
/// .avif .svg); kUnknown for any other.
ImageFormat image_format_for(std::string_view file_name);

/// The format the bytes start with (raster formats by their signature, SVG by an <svg> element
/// near the start); kUnknown when none.
ImageFormat sniff_image_format(std::string_view bytes);

/// "PNG", "JPEG", … for messages.
const char* image_format_name(ImageFormat format);

/// Reads the size from the header of an image of the given format; false (and *why) when the
/// bytes are not such an image. An SVG without width/height or viewBox is an image of unknown
/// size (true, 0 x 0). A JPEG whose Exif orientation turns it is measured as shown.
bool read_image_size(ImageFormat format, std::string_view bytes, ImageSize* out, std::string* why);

}  // namespace annalist
