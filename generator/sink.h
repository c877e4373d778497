#pragma once
// Where rendered files go: whole, or long files in pieces.
#include <functional>
#include <string>

namespace annalist {

/// Receives one output file; called from several threads at once.
using SiteSink = std::function<void(const std::string& path, std::string&& bytes)>;

/// Receives an output file in pieces, in order, from one thread; last ends the file.
using PieceSink = std::function<void(const std::string& path, std::string&& piece, bool last)>;

/// A PieceSink that joins the pieces of each file and hands the whole file to sink (for sinks
/// that keep files in memory anyway).
PieceSink joining(const SiteSink& sink);

}  // namespace annalist
