// The parts of `annalist pdf` that need no Chromium: what print.html asks for, reading pdfinfo's
// destinations, the page-number style sheet, the document information update and the outline
// repair. (Printing itself is checked by the `pdf` reader gate, tests/gates/lib/gate-pdf.js.)
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "pdf_info.h"
#include "pdf_outline.h"
#include "pdf_pages.h"

using namespace annalist;

TEST_CASE("read_print_meta reads <main>'s data attributes, decoded", "[pdf]") {
  PrintMeta m = read_print_meta(
      "<body><main id=\"main\" class=\"print\" data-pdf-title=\"A &amp; B\" data-pdf-author=\"某司\" "
      "data-page-ref=\"（第{page}页）\"><p data-pdf-title=\"no\">");
  CHECK(m.title == "A & B");
  CHECK(m.author == "某司");
  CHECK(m.page_ref == "（第{page}页）");
  CHECK(read_print_meta("<main id=\"main\">").title.empty());
  CHECK(read_print_meta("no main here").page_ref.empty());
}

TEST_CASE("parse_pdfinfo_dests maps each name to its first page", "[pdf]") {
  AnchorPages p = parse_pdfinfo_dests(
      "Page  Destination                 Name\n"
      "   1 [ XYZ    0  842 null      ] \"main\"\n"
      "  12 [ XYZ   36  780 null      ] \"fig-c1-a\"\n"
      "  13 [ XYZ   36  780 null      ] \"fig-c1-a\"\n"
      "   4 [ XYZ    0  840 null      ] \"services--电子支付\"\n"
      "garbage line\n");
  REQUIRE(p.size() == 3);
  CHECK(p["fig-c1-a"] == 12);
  CHECK(p["services--电子支付"] == 4);
  CHECK(p["main"] == 1);
}

TEST_CASE("page_number_css: placeholders first, then the pages, strings escaped", "[pdf]") {
  std::string first = page_number_css({}, "（第{page}页）");
  CHECK(first.find(".print-toc a{--page:\"000\"}") != std::string::npos);
  CHECK(first.find("--page-ref:\"（第000页）\"") != std::string::npos);
  std::string css = page_number_css({{"fig-a", 12}, {"x\"</style>", 3}}, " (p. {page})");
  CHECK(css.find("a[href=\"#fig-a\"]{--page:\"12\";--page-ref:\" (p. 12)\"}") != std::string::npos);
  CHECK(css.find("</style") == std::string::npos);
  CHECK(css.find("a[href=\"#x\\\"\\3c /style>\"]") != std::string::npos);
  CHECK(page_number_css({{"a", 1}}, "").find("page-ref") == std::string::npos);  // a theme without page_ref
}

TEST_CASE("with_style puts the style at the end of <head>", "[pdf]") {
  CHECK(with_style("<head><title>t</title></head><body>", "a{}") ==
        "<head><title>t</title><style>\na{}</style>\n</head><body>");
  CHECK(with_style("<p>", "a{}") == "<style>\na{}</style>\n<p>");
}

namespace {
// A one-page PDF with a classic cross-reference table, as Chromium writes one.
std::string tiny_pdf() {
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  auto obj = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  obj("<</Title (old)>>");
  obj("<</Type /Catalog /Pages 3 0 R>>");
  obj("<</Type /Pages /Kids [] /Count 0>>");
  size_t xref = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", o);
    pdf += entry;
  }
  pdf += "trailer\n<</Size 4\n/Root 2 0 R\n/Info 1 0 R /ID [<AB><AB>]>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF";
  return pdf;
}
}  // namespace

TEST_CASE("set_pdf_info appends an information dictionary as an incremental update", "[pdf]") {
  std::string pdf = tiny_pdf();
  const std::string before = pdf;
  REQUIRE(set_pdf_info(pdf, {"报告 A", "𝐀 author"}));
  CHECK(pdf.compare(0, before.size(), before) == 0);  // the original bytes stay as they were
  std::string update = pdf.substr(before.size());
  // Title "报告 A" and the author with a character outside the BMP (a surrogate pair), UTF-16BE.
  CHECK(update.find("4 0 obj\n<</Title <FEFF62A5544A00200041>/Author <FEFFD835DC0000200061007500740068006F0072>"
                    "/Creator (annalist)>>") != std::string::npos);
  CHECK(update.find("/Size 5 /Root 2 0 R /Info 4 0 R /Prev " + std::to_string(before.find("xref\n0 4"))) !=
        std::string::npos);
  CHECK(update.find("/ID [<AB><AB>]") != std::string::npos);
  // The new xref entry points at the new object, and startxref at the new xref.
  size_t obj = pdf.find("4 0 obj");
  char entry[32];
  std::snprintf(entry, sizeof entry, "4 1\n%010zu 00000 n \n", obj);
  CHECK(update.find(entry) != std::string::npos);
  size_t xref = pdf.rfind("xref\n4 1");
  CHECK(pdf.substr(pdf.rfind("startxref\n") + 10, std::to_string(xref).size()) == std::to_string(xref));
  CHECK(pdf.substr(pdf.size() - 6) == "%%EOF\n");

  std::string broken = "%PDF-1.5 with a cross-reference stream and no trailer";
  CHECK_FALSE(set_pdf_info(broken, {"t", ""}));
  CHECK(broken == "%PDF-1.5 with a cross-reference stream and no trailer");
}

TEST_CASE("repair_outline_titles undoes Chromium's doubled text pieces, at the same length", "[pdf]") {
  // "1.1.5" "1.1.5" " 标题" " 标题" → "1.1.5 标题"; "电子支付服务" twice → once.
  const std::string doubled = "0031002E0031002E0035" "0031002E0031002E0035" "002068079898" "002068079898";
  std::string pdf = "<</Title <FEFF" + doubled + ">\n/Parent 3 0 R>>\n"
                    "<</Title <FEFF75355B50652F4ED8670D52A175355B50652F4ED8670D52A1>>\n"
                    "<</Title <FEFF54C854C8>>\n"  // 哈哈: too short to tell, kept
                    "<</Title <FEFF0041004200430044>>\n";  // ABCD: not doubled, kept
  size_t size = pdf.size();
  CHECK(repair_outline_titles(pdf) == 2);
  CHECK(pdf.size() == size);
  CHECK(pdf.find("<</Title <FEFF0031002E0031002E0035002068079898" + std::string(32, ' ') + ">\n/Parent") !=
        std::string::npos);
  CHECK(pdf.find("<</Title <FEFF75355B50652F4ED8670D52A1" + std::string(24, ' ') + ">") != std::string::npos);
  CHECK(pdf.find("<</Title <FEFF54C854C8>>") != std::string::npos);
  CHECK(pdf.find("<</Title <FEFF0041004200430044>>") != std::string::npos);
}
