// The image header readers: each format's size from the first bytes of a file, bad files refused.
#include <catch2/catch.hpp>

#include <string>

#include "image_header.h"

using namespace annalist;

namespace {

std::string be32(uint32_t v) {
  return {char(v >> 24), char((v >> 16) & 0xff), char((v >> 8) & 0xff), char(v & 0xff)};
}
std::string be16(uint32_t v) { return {char((v >> 8) & 0xff), char(v & 0xff)}; }
std::string le16(uint32_t v) { return {char(v & 0xff), char((v >> 8) & 0xff)}; }
std::string le24(uint32_t v) { return le16(v & 0xffff) + char((v >> 16) & 0xff); }

std::string png(uint32_t w, uint32_t h) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) + std::string("\x08\x02\0\0\0", 5);
}

// SOI, an optional APP1 Exif segment with the orientation, a DQT segment, SOF0.
std::string jpeg(uint32_t w, uint32_t h, int orientation = 0) {
  std::string s = "\xff\xd8";
  if (orientation) {
    std::string tiff = std::string("MM\0\x2a", 4) + be32(8) + be16(1) + be16(0x0112) + be16(3) + be32(1) +
                       be16(static_cast<uint32_t>(orientation)) + be16(0) + be32(0);
    std::string payload = std::string("Exif\0\0", 6) + tiff;
    s += std::string("\xff\xe1") + be16(static_cast<uint32_t>(payload.size() + 2)) + payload;
  }
  s += std::string("\xff\xdb") + be16(5) + std::string("\0\1\2", 3);
  s += std::string("\xff\xc0") + be16(11) + char(8) + be16(h) + be16(w) + std::string("\x01\x01\x11\x00", 4);
  return s;
}

ImageSize size_of(ImageFormat f, const std::string& bytes) {
  ImageSize s;
  std::string why;
  REQUIRE(read_image_size(f, bytes, &s, &why));
  return s;
}

std::string refusal(ImageFormat f, const std::string& bytes) {
  ImageSize s;
  std::string why;
  CHECK_FALSE(read_image_size(f, bytes, &s, &why));
  CHECK(s.width == 0);
  return why;
}

}  // namespace

TEST_CASE("PNG: the size from IHDR", "[image]") {
  ImageSize s = size_of(ImageFormat::kPng, png(640, 480));
  CHECK(s.width == 640);
  CHECK(s.height == 480);
  CHECK(refusal(ImageFormat::kPng, png(0, 480)) == "is not a readable PNG file");
  CHECK(refusal(ImageFormat::kPng, png(640, 480).substr(0, 20)) == "is not a readable PNG file");
}

TEST_CASE("JPEG: the size from the frame header, turned by the Exif orientation", "[image]") {
  ImageSize s = size_of(ImageFormat::kJpeg, jpeg(300, 200));
  CHECK((s.width == 300 && s.height == 200));
  s = size_of(ImageFormat::kJpeg, jpeg(300, 200, 1));
  CHECK((s.width == 300 && s.height == 200));
  s = size_of(ImageFormat::kJpeg, jpeg(300, 200, 6));  // rotated 90°: shown 200 wide
  CHECK((s.width == 200 && s.height == 300));
  // A progressive frame (SOF2) counts too; a Huffman table (C4) is not a frame.
  std::string prog = jpeg(30, 20);
  prog[prog.size() - 12] = '\xc2';
  CHECK(size_of(ImageFormat::kJpeg, prog).width == 30);
  std::string cut = jpeg(300, 200);
  CHECK(refusal(ImageFormat::kJpeg, cut.substr(0, cut.size() - 8)) == "is not a readable JPEG file");
}

TEST_CASE("GIF: the logical screen size", "[image]") {
  ImageSize s = size_of(ImageFormat::kGif, std::string("GIF89a") + le16(17) + le16(9) + std::string("\0\0\0", 3));
  CHECK((s.width == 17 && s.height == 9));
  CHECK(size_of(ImageFormat::kGif, std::string("GIF87a") + le16(1) + le16(2)).height == 2);
}

TEST_CASE("WebP: lossy (VP8), lossless (VP8L) and extended (VP8X)", "[image]") {
  std::string head = "RIFF" + std::string("\0\0\0\0", 4) + "WEBP";
  std::string vp8 = head + "VP8 " + std::string(4, '\0') + std::string("\0\0\0\x9d\x01\x2a", 6) + le16(320) + le16(240);
  ImageSize s = size_of(ImageFormat::kWebp, vp8);
  CHECK((s.width == 320 && s.height == 240));
  uint32_t bits = (99u - 1) | ((55u - 1) << 14);
  std::string vp8l = head + "VP8L" + std::string(4, '\0') + "\x2f" + le16(bits & 0xffff) + le16(bits >> 16);
  s = size_of(ImageFormat::kWebp, vp8l);
  CHECK((s.width == 99 && s.height == 55));
  std::string vp8x = head + "VP8X" + std::string(4, '\0') + std::string(4, '\0') + le24(1919) + le24(1079);
  s = size_of(ImageFormat::kWebp, vp8x);
  CHECK((s.width == 1920 && s.height == 1080));
  CHECK(refusal(ImageFormat::kWebp, head + "VP9 xxxxxxxxxxxx") == "is not a readable WebP file");
}

TEST_CASE("AVIF: the largest ispe box of meta/iprp/ipco", "[image]") {
  auto box = [](const std::string& type, const std::string& payload) {
    return be32(static_cast<uint32_t>(payload.size() + 8)) + type + payload;
  };
  std::string ispe_tile = box("ispe", std::string(4, '\0') + be32(64) + be32(64));
  std::string ispe_main = box("ispe", std::string(4, '\0') + be32(800) + be32(600));
  std::string file = box("ftyp", "avif" + be32(0) + "mif1") +
                     box("meta", std::string(4, '\0') + box("hdlr", std::string(8, '\0')) +
                                     box("iprp", box("ipco", ispe_tile + ispe_main)));
  ImageSize s = size_of(ImageFormat::kAvif, file);
  CHECK((s.width == 800 && s.height == 600));
  CHECK(refusal(ImageFormat::kAvif, box("ftyp", "avif") + box("mdat", "x")) == "is not a readable AVIF file");
}

TEST_CASE("SVG: width and height, else the viewBox", "[image]") {
  ImageSize s = size_of(ImageFormat::kSvg, R"(<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px"/>)");
  CHECK((s.width == 120 && s.height == 80));
  s = size_of(ImageFormat::kSvg, "<?xml version=\"1.0\"?>\n<!-- c -->\n<svg viewBox='0 0 300.4 150' xmlns='x'></svg>");
  CHECK((s.width == 300 && s.height == 150));
  s = size_of(ImageFormat::kSvg, R"(<svg width="100%" height="100%" viewBox="0,0,40,20"></svg>)");
  CHECK((s.width == 40 && s.height == 20));
  s = size_of(ImageFormat::kSvg, R"(<svg width="200" viewBox="0 0 40 20"></svg>)");  // height from the ratio
  CHECK((s.width == 200 && s.height == 100));
  s = size_of(ImageFormat::kSvg, R"(<svg stroke-width="3"><rect width="5" height="5"/></svg>)");  // not the rect's
  CHECK((s.width == 0 && s.height == 0));
  CHECK(refusal(ImageFormat::kSvg, "<html><body>no</body></html>") == "is not a readable SVG file");
}

TEST_CASE("formats by extension and by content; a mismatch names what the file is", "[image]") {
  CHECK(image_format_for("img/a.PNG") == ImageFormat::kPng);
  CHECK(image_format_for("a.jpeg") == ImageFormat::kJpeg);
  CHECK(image_format_for("a.avif") == ImageFormat::kAvif);
  CHECK(image_format_for("a.bmp") == ImageFormat::kUnknown);
  CHECK(image_format_for("dir.png/a") == ImageFormat::kUnknown);
  CHECK(sniff_image_format(jpeg(1, 1)) == ImageFormat::kJpeg);
  CHECK(refusal(ImageFormat::kPng, jpeg(1, 1)) == "is a JPEG file, not PNG");
}
