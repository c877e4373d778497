#pragma once
// Command line -> command: `annalist build|check|serve|diff|new|template|pdf`.
#include <ostream>

namespace annalist {

/// Runs the command line; returns the process exit code (0 ok, 1 input errors, 2 usage).
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace annalist
