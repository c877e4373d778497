#include "image_header.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "text.h"

namespace annalist {

namespace {

using Bytes = std::string_view;

uint32_t be16(Bytes b, size_t at) {
  return at + 2 <= b.size() ? (uint32_t(uint8_t(b[at])) << 8) | uint8_t(b[at + 1]) : 0;
}
uint32_t be32(Bytes b, size_t at) { return at + 4 <= b.size() ? (be16(b, at) << 16) | be16(b, at + 2) : 0; }
uint32_t le16(Bytes b, size_t at) {
  return at + 2 <= b.size() ? uint8_t(b[at]) | (uint32_t(uint8_t(b[at + 1])) << 8) : 0;
}
uint32_t le24(Bytes b, size_t at) { return at + 3 <= b.size() ? le16(b, at) | (uint32_t(uint8_t(b[at + 2])) << 16) : 0; }
uint32_t le32(Bytes b, size_t at) { return at + 4 <= b.size() ? le16(b, at) | (le16(b, at + 2) << 16) : 0; }

bool starts(Bytes b, size_t at, Bytes s) { return b.size() >= at + s.size() && b.substr(at, s.size()) == s; }

// A size that fits an HTML attribute; false for 0 or absurd values.
bool set_size(uint32_t w, uint32_t h, ImageSize* out) {
  if (w == 0 || h == 0 || w > 1000000 || h > 1000000) return false;
  out->width = static_cast<int>(w);
  out->height = static_cast<int>(h);
  return true;
}

bool png_size(Bytes b, ImageSize* out) {
  return starts(b, 0, "\x89PNG\r\n\x1a\n") && starts(b, 12, "IHDR") && set_size(be32(b, 16), be32(b, 20), out);
}

bool gif_size(Bytes b, ImageSize* out) {
  return (starts(b, 0, "GIF87a") || starts(b, 0, "GIF89a")) && set_size(le16(b, 6), le16(b, 8), out);
}

// Exif orientation (1-8) of an APP1 segment's payload, 0 when it has none.
int exif_orientation(Bytes seg) {
  if (!starts(seg, 0, std::string_view("Exif\0\0", 6))) return 0;
  Bytes tiff = seg.substr(6);
  bool le = starts(tiff, 0, "II");
  if (!le && !starts(tiff, 0, "MM")) return 0;
  auto u16 = [&](size_t at) { return le ? le16(tiff, at) : be16(tiff, at); };
  auto u32 = [&](size_t at) { return le ? le32(tiff, at) : be32(tiff, at); };
  size_t ifd = u32(4);
  uint32_t entries = u16(ifd);
  for (uint32_t k = 0; k < entries && ifd + 2 + 12 * (k + 1) <= tiff.size(); ++k) {
    size_t e = ifd + 2 + 12 * k;
    if (u16(e) == 0x0112) return static_cast<int>(u16(e + 8));
  }
  return 0;
}

// Walks the segments up to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC).
bool jpeg_size(Bytes b, ImageSize* out) {
  if (!starts(b, 0, "\xff\xd8")) return false;
  int orientation = 0;
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (uint8_t(b[at]) != 0xff) return false;
    uint8_t marker = uint8_t(b[at + 1]);
    if (marker == 0xff) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {  // no length
      at += 2;
      continue;
    }
    uint32_t len = be16(b, at + 2);
    if (len < 2 || at + 2 + len > b.size()) return false;
    if (marker == 0xe1 && !orientation) orientation = exif_orientation(b.substr(at + 4, len - 2));
    if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
      uint32_t h = be16(b, at + 5), w = be16(b, at + 7);
      return orientation >= 5 && orientation <= 8 ? set_size(h, w, out) : set_size(w, h, out);
    }
    if (marker == 0xd9 || marker == 0xda) return false;  // end of image or scan before a frame header
    at += 2 + len;
  }
  return false;
}

bool webp_size(Bytes b, ImageSize* out) {
  if (!starts(b, 0, "RIFF") || !starts(b, 8, "WEBP")) return false;
  if (starts(b, 12, "VP8X")) return set_size(le24(b, 24) + 1, le24(b, 27) + 1, out);
  if (starts(b, 12, "VP8L")) {
    if (b.size() < 25 || uint8_t(b[20]) != 0x2f) return false;
    uint32_t bits = le32(b, 21);
    return set_size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1, out);
  }
  if (starts(b, 12, "VP8 ")) {
    if (!starts(b, 23, "\x9d\x01\x2a")) return false;
    return set_size(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff, out);
  }
  return false;
}

// The boxes of an ISO base media file inside [from, to): calls f(type, payload start, end).
template <typename F>
void each_box(Bytes b, size_t from, size_t to, F&& f) {
  while (from + 8 <= to) {
    uint64_t size = be32(b, from);
    size_t head = 8;
    if (size == 1) {
      size = (uint64_t(be32(b, from + 8)) << 32) | be32(b, from + 12);
      head = 16;
    } else if (size == 0) {
      size = to - from;
    }
    if (size < head || size > to - from) return;
    if (f(b.substr(from + 4, 4), from + head, from + static_cast<size_t>(size))) return;
    from += static_cast<size_t>(size);
  }
}

// The largest image spatial extent (ispe) in meta/iprp/ipco: the primary image, not a tile.
bool avif_size(Bytes b, ImageSize* out) {
  if (!starts(b, 4, "ftyp")) return false;
  uint32_t w = 0, h = 0;
  each_box(b, 0, b.size(), [&](Bytes type, size_t s, size_t e) {
    if (type != "meta") return false;
    each_box(b, s + 4, e, [&](Bytes t2, size_t s2, size_t e2) {
      if (t2 != "iprp") return false;
      each_box(b, s2, e2, [&](Bytes t3, size_t s3, size_t e3) {
        if (t3 != "ipco") return false;
        each_box(b, s3, e3, [&](Bytes t4, size_t s4, size_t) {
          uint32_t bw = be32(b, s4 + 4), bh = be32(b, s4 + 8);
          if (t4 == "ispe" && uint64_t(bw) * bh > uint64_t(w) * h) w = bw, h = bh;
          return false;
        });
        return true;
      });
      return true;
    });
    return true;
  });
  return set_size(w, h, out);
}

// The value of attribute name in an XML start tag's attribute text ("" when absent).
std::string xml_attribute(Bytes tag, Bytes name) {
  size_t at = 0;
  while ((at = tag.find(name, at)) != Bytes::npos) {
    bool word_start = at == 0 || tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n' || tag[at - 1] == '\r';
    size_t k = at + name.size();
    while (k < tag.size() && (tag[k] == ' ' || tag[k] == '\t' || tag[k] == '\n' || tag[k] == '\r')) ++k;
    if (word_start && k + 1 < tag.size() && tag[k] == '=') {
      ++k;
      while (k < tag.size() && (tag[k] == ' ' || tag[k] == '\t' || tag[k] == '\n' || tag[k] == '\r')) ++k;
      if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) {
        size_t end = tag.find(tag[k], k + 1);
        if (end != Bytes::npos) return std::string(tag.substr(k + 1, end - k - 1));
      }
    }
    at += name.size();
  }
  return {};
}

// A length in CSS pixels ("120", "120px", "12.5"); 0 for percentages, other units and junk.
double svg_length(const std::string& s) {
  std::string_view t = trim(s);
  if (t.size() >= 2 && t.substr(t.size() - 2) == "px") t = trim(t.substr(0, t.size() - 2));
  if (t.empty()) return 0;
  std::string v(t);
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  return end && *end == '\0' && d > 0 && std::isfinite(d) ? d : 0;
}

// The root <svg …> start tag's attribute text; false when there is none before other content.
bool svg_root_tag(Bytes b, Bytes* tag) {
  size_t at = b.find("<svg");
  if (at == Bytes::npos || at > 4096) return false;
  size_t end = b.find('>', at);
  if (end == Bytes::npos) return false;
  *tag = b.substr(at + 4, end - at - 4);
  return tag->empty() || (*tag)[0] == ' ' || (*tag)[0] == '\t' || (*tag)[0] == '\n' || (*tag)[0] == '\r' ||
         (*tag)[0] == '/';
}

bool svg_size(Bytes b, ImageSize* out) {
  Bytes tag;
  if (!svg_root_tag(b, &tag)) return false;
  double w = svg_length(xml_attribute(tag, "width")), h = svg_length(xml_attribute(tag, "height"));
  std::vector<std::string> box;
  for (auto& part : split(xml_attribute(tag, "viewBox"), ' '))
    for (auto& p : split(part, ','))
      if (!trim(p).empty()) box.emplace_back(trim(p));
  double bw = box.size() == 4 ? svg_length(box[2]) : 0, bh = box.size() == 4 ? svg_length(box[3]) : 0;
  if (!w && !h && bw && bh) w = bw, h = bh;
  else if (w && !h && bw && bh) h = w * bh / bw;
  else if (h && !w && bw && bh) w = h * bw / bh;
  if (w && h) set_size(static_cast<uint32_t>(std::lround(w)), static_cast<uint32_t>(std::lround(h)), out);
  return true;
}

}  // namespace

ImageFormat image_format_for(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || name.find('/', dot) != std::string_view::npos) return ImageFormat::kUnknown;
  std::string ext;
  for (char c : name.substr(dot + 1)) ext += ascii_lower(c);
  if (ext == "png") return ImageFormat::kPng;
  if (ext == "jpg" || ext == "jpeg") return ImageFormat::kJpeg;
  if (ext == "gif") return ImageFormat::kGif;
  if (ext == "webp") return ImageFormat::kWebp;
  if (ext == "avif") return ImageFormat::kAvif;
  if (ext == "svg") return ImageFormat::kSvg;
  return ImageFormat::kUnknown;
}

ImageFormat sniff_image_format(std::string_view b) {
  if (starts(b, 0, "\x89PNG")) return ImageFormat::kPng;
  if (starts(b, 0, "\xff\xd8\xff")) return ImageFormat::kJpeg;
  if (starts(b, 0, "GIF8")) return ImageFormat::kGif;
  if (starts(b, 0, "RIFF") && starts(b, 8, "WEBP")) return ImageFormat::kWebp;
  if (starts(b, 4, "ftypavi")) return ImageFormat::kAvif;
  Bytes tag;
  if (svg_root_tag(b, &tag)) return ImageFormat::kSvg;
  return ImageFormat::kUnknown;
}

const char* image_format_name(ImageFormat f) {
  switch (f) {
    case ImageFormat::kPng: return "PNG";
    case ImageFormat::kJpeg: return "JPEG";
    case ImageFormat::kGif: return "GIF";
    case ImageFormat::kWebp: return "WebP";
    case ImageFormat::kAvif: return "AVIF";
    case ImageFormat::kSvg: return "SVG";
    case ImageFormat::kUnknown: break;
  }
  return "unknown";
}

bool read_image_size(ImageFormat format, std::string_view bytes, ImageSize* out, std::string* why) {
  *out = ImageSize{};
  bool ok = false;
  switch (format) {
    case ImageFormat::kPng: ok = png_size(bytes, out); break;
    case ImageFormat::kJpeg: ok = jpeg_size(bytes, out); break;
    case ImageFormat::kGif: ok = gif_size(bytes, out); break;
    case ImageFormat::kWebp: ok = webp_size(bytes, out); break;
    case ImageFormat::kAvif: ok = avif_size(bytes, out); break;
    case ImageFormat::kSvg: ok = svg_size(bytes, out); break;
    case ImageFormat::kUnknown: break;
  }
  if (!ok) {
    *out = ImageSize{};
    ImageFormat actual = sniff_image_format(bytes);
    *why = actual != ImageFormat::kUnknown && actual != format
               ? std::string("is a ") + image_format_name(actual) + " file, not " + image_format_name(format)
               : std::string("is not a readable ") + image_format_name(format) + " file";
  }
  return ok;
}

}  // namespace annalist
