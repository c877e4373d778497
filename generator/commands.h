#pragma once
// The commands of the annalist tool, like ninja.cc's: each runs library stages and is the only
// code that prints. cli.cpp parses the arguments and calls one of them.
#include <ostream>
#include <string>

#include "project.h"

namespace annalist {

/// `annalist build`: returns the exit code (0 ok, 1 input errors, 2 the output cannot be written).
int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err);

/// `annalist check`: validates without writing; format "text" or "json".
int run_check(const BuildOptions& opts, const std::string& format, std::ostream& out, std::ostream& err);

/// `annalist serve`: builds in memory, serves on host:port, rebuilds on change; the exit code.
int run_serve(const BuildOptions& opts, const std::string& host, int port, std::ostream& out, std::ostream& err);

/// `annalist pdf`: builds opts.project_dir into a temporary site (or takes site_dir, a site built
/// before) and prints its print.html to pdf_out.
int run_pdf(const BuildOptions& opts, const std::string& pdf_out, std::ostream& out, std::ostream& err,
            const std::string& site_dir = "");

/// `annalist new DIR [--lang en|zh-CN]` with the sample project under templates_dir/scaffold:
/// 0 created, 1 DIR exists and is not empty (or cannot be written; nothing is overwritten),
/// 2 unknown language.
int run_new_command(const std::string& dir, const std::string& lang, const std::string& templates_dir,
                    std::ostream& out, std::ostream& err);

/// `annalist diff OLD NEW [--html OUT]`: 0 identical, 1 different, 2 usage error (missing directory).
/// `annalist import TOOL SRC OUT`: reads the book, reports what it could not carry over, and
/// writes the project into OUT (which must not exist or be empty). Exit 1 on errors, nothing written.
int run_import_command(const std::string& tool, const std::string& src, const std::string& out_dir,
                       std::ostream& out, std::ostream& err);

int run_diff_command(const std::string& old_dir, const std::string& new_dir, const std::string& html_out,
                     bool colour, std::ostream& out, std::ostream& err);

/// `annalist template TEMPLATE_FILE --data DATA.json [--partials DIR]`: renders to out, prints
/// diagnostics to err; {{>x}} loads DIR/x.mustache. Returns 0 when there were no errors, else 1.
int run_template_command(const std::string& template_file, const std::string& data_file,
                         const std::string& partials_dir, bool spec, std::ostream& out, std::ostream& err);

}  // namespace annalist
