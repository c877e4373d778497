#pragma once
// The generator's identity: made at build time by cmake/build_stamp.cmake into one tiny object.

namespace annalist {

/// A hash of the generator's sources and build settings, written by CMake when a source changes.
const char* build_stamp();

}  // namespace annalist
