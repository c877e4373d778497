#pragma once
// The commands of the annalist tool: each runs library stages and is the only code that prints.
#include <ostream>
#include <string>

#include "project.h"

namespace annalist {

/// `annalist build`: returns the exit code (0 ok, 1 input errors, 2 the output cannot be written).
int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err);

/// `annalist check`: validates without writing; format "text" or "json".
int run_check(const BuildOptions& opts, const std::string& format, std::ostream& out, std::ostream& err);

}  // namespace annalist
